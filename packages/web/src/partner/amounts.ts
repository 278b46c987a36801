import { useMemo } from 'react';
import type { Formatters } from '../i18n/format.ts';
import { useFormat } from '../i18n/use-format.ts';
import { usePartnerT } from './use-partner-t.ts';

/** Intl formatters plus the translated name of points and credits. */
export interface PartnerFormatters extends Formatters {
  unitName(unit: string): string;
}

export function usePartnerFormat(): PartnerFormatters {
  const format = useFormat();
  const { tp } = usePartnerT();
  return useMemo(
    () => ({ ...format, unitName: (unit) => (unit === 'points' || unit === 'credits' ? tp(`unit.${unit}`) : unit) }),
    [format, tp],
  );
}

/** An amount in a program unit: currencies with their symbol, points and credits with their translated name. */
export function formatUnitAmount(format: PartnerFormatters, amount: string, unit: string): string {
  return /^[A-Z]{3}$/.test(unit) ? format.money(amount, unit) : `${format.decimal(amount)} ${format.unitName(unit)}`;
}

/** The day after an ISO date (the start of the next period). */
export function nextDay(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
