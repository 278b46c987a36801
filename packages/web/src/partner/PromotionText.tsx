import { Text } from '@mantine/core';
import { usePartnerFormat } from './amounts.ts';
import type { Promotion } from './partner-api.ts';
import { usePartnerT } from './use-partner-t.ts';

/** A promotion in one sentence: a running one until its end, a coming one from its start to its end. */
export function PromotionText({ promotion }: { promotion: Promotion }) {
  const { tp } = usePartnerT();
  const format = usePartnerFormat();
  return (
    <Text>
      {promotion.active
        ? tp('earn.promotionActive', {
            name: promotion.name ?? promotion.id,
            multiplier: format.decimal(promotion.multiplier),
            to: format.date(promotion.to),
          })
        : tp('earn.promotionUpcoming', {
            name: promotion.name ?? promotion.id,
            multiplier: format.decimal(promotion.multiplier),
            from: format.date(promotion.from),
            to: format.date(promotion.to),
          })}
    </Text>
  );
}
