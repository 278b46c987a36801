import { useTranslation } from 'react-i18next';
import { DISTRIBUTOR_NAMESPACE } from './messages.ts';

/** `td` translates keys of the distributor namespace; the shared keys (nav, status, errors) stay on `t`. */
export function useDistributorT() {
  const { t: td } = useTranslation(DISTRIBUTOR_NAMESPACE);
  const { t } = useTranslation();
  return { t, td };
}
