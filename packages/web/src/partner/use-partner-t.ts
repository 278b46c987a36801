import { useTranslation } from 'react-i18next';
import { PARTNER_NAMESPACE } from './messages.ts';

/** `tp` translates keys of the partner namespace; the shared keys (nav, status, errors) stay on `t`. */
export function usePartnerT() {
  const { t: tp } = useTranslation(PARTNER_NAMESPACE);
  const { t } = useTranslation();
  return { t, tp };
}
