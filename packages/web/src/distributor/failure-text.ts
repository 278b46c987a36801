import type { TFunction } from 'i18next';
import { errorMessage } from '../i18n/error-message.ts';

/** Why a file was refused or its import failed, by the codes the upload API sends. */
export const FAILURE_CODES = [
  'missing_column',
  'too_many_lines',
  'csv_malformed',
  'invalid_encoding',
  'missing_header',
  'empty_column_name',
  'duplicate_column',
  'sheet_not_found',
  'xlsx_malformed',
  'zip_bomb',
  'unsupported_file_type',
  'upload_too_large',
  'unknown_profile',
  'internal_error',
] as const;

/** A translated sentence for a failure code of this area, else the shared error text. */
export function failureText(td: TFunction, t: TFunction, error: { code: string } | unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if ((FAILURE_CODES as readonly string[]).includes(code)) return td(`failure.${code}`);
  return errorMessage(t, error);
}
