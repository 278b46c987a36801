import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { useFormat } from '../i18n/use-format.ts';
import { VENDOR_NAMESPACE } from './messages.ts';

/** Error codes of the console services that have a sentence in the vendor namespace. */
export const vendorErrorCodes = new Set([
  'program_invalid',
  'program_not_runnable',
  'invalid_period',
  'program_status',
  'no_sellout',
  'payout_four_eyes',
  'effective_before_final',
  'program_missing',
]);

/** `tv` translates keys of the vendor namespace; shared keys (nav, status, errors) stay on `t`. */
export function useVendorT() {
  const { t: tv } = useTranslation(VENDOR_NAMESPACE);
  const { t } = useTranslation();
  const format = useFormat();
  return {
    t,
    tv,
    format,
    /** The user's-language sentence for a failed console call. */
    failure: (error: unknown) =>
      error instanceof ApiError && vendorErrorCodes.has(error.code)
        ? tv(`errors.${error.code}`)
        : errorMessage(t, error),
    /** An amount in its unit: a currency code formats as money, points and credits as a number with the unit. */
    amount: (value: string, unit: string) =>
      /^[A-Z]{3}$/.test(unit) ? format.money(value, unit) : `${format.decimal(value)} ${unit}`,
  };
}
