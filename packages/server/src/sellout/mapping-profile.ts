import { z } from 'zod';

/** The canonical sell-out fields, in the order of the canonical CSV. */
export const SELL_OUT_FIELDS = [
  'distributor_id',
  'line_id',
  'invoice_date',
  'reseller_id',
  'rep_id',
  'sku',
  'quantity',
  'net_amount',
  'currency',
] as const;
export type SellOutField = (typeof SELL_OUT_FIELDS)[number];

/** Fields a file may leave out: the distributor comes from --distributor, the rep is optional. */
export const OPTIONAL_FIELDS: ReadonlySet<SellOutField> = new Set(['distributor_id', 'rep_id']);

export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'DD.MM.YYYY',
  'D.M.YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD-MM-YYYY',
  'YYYYMMDD',
  'YYYY/MM/DD',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** How one distributor's report files look: stored per distributor and name, reused every week. */
export const mappingProfileSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)'),
    /** Canonical field -> the file's column name; unlisted fields keep their canonical name. */
    columns: z.partialRecord(z.enum(SELL_OUT_FIELDS), z.string().trim().min(1)).default({}),
    delimiter: z.enum([',', ';', '\t']).default(','),
    decimalComma: z.boolean().default(false),
    thousandsSeparator: z.enum(['', '.', ',', ' ', "'"]).default(''),
    dateFormat: z.enum(DATE_FORMATS).default('YYYY-MM-DD'),
    encoding: z.enum(['utf-8', 'windows-1252']).default('utf-8'),
    skipRows: z.number().int().min(0).max(1000).default(0),
    sheet: z.string().min(1).optional(),
  })
  .refine((profile) => !(profile.decimalComma && profile.thousandsSeparator === ','), {
    message: 'a decimal comma cannot also be the thousands separator',
    path: ['thousandsSeparator'],
  })
  .refine((profile) => new Set(Object.values(profile.columns)).size === Object.values(profile.columns).length, {
    message: 'two fields map to the same column',
    path: ['columns'],
  });

export type MappingProfile = z.infer<typeof mappingProfileSchema>;

/** The canonical layout: UTF-8 CSV, comma, ISO dates, decimal point, canonical column names. */
export const CANONICAL_PROFILE: MappingProfile = mappingProfileSchema.parse({ name: 'canonical' });

export function columnFor(profile: MappingProfile, field: SellOutField): string {
  return profile.columns[field] ?? field;
}
