import { z } from 'zod';
import { listQuerySchema } from '../http/list.ts';
import { IdSchema } from '../partners/common.ts';
import { DATE_FORMATS, SELL_OUT_FIELDS } from '../sellout/mapping-profile.ts';

export const ImportIdSchema = z.string().regex(/^\d{1,18}$/, 'an import id such as 42');
export const ImportParams = z.object({ import_id: ImportIdSchema });

export const UploadQuery = z.object({
  distributor_id: IdSchema.optional().describe(
    'the distributor the report is from; a distributor admin may leave it out (always its own)',
  ),
  profile: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe("the distributor's mapping profile; default canonical columns"),
});

const counts = {
  lines_read: z.number().int(),
  imported: z.number().int().nullable(),
  duplicates: z.number().int().nullable(),
  corrections: z.number().int().nullable(),
  quarantined: z.number().int().nullable(),
  errors: z.number().int().nullable().describe('rows that could not be read: see the error CSV'),
};

export const ImportStatusSchema = z
  .object({
    import_id: z.string(),
    kind: z.enum(['file', 'quarantine_release']),
    status: z.enum(['running', 'finished', 'failed']),
    phase: z
      .enum(['queued', 'reading', 'merging'])
      .nullable()
      .describe('while running: waiting for a worker, reading the file, then merging'),
    fraction: z.number().min(0).max(1).nullable().describe('share of the file read while running'),
    distributor_id: z.string(),
    file_name: z.string().nullable(),
    profile_name: z.string().nullable(),
    ...counts,
    started_at: z.string(),
    finished_at: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable().describe('why a failed import wrote nothing'),
  })
  .meta({ id: 'SellOutImport' });
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

export const UploadAcceptedSchema = z.object({
  import_id: z.string(),
  status_url: z.string(),
  events_url: z.string(),
});

export const ImportListQuery = listQuerySchema(
  ['import_id', 'started_at'],
  {
    distributor_id: IdSchema.optional(),
    kind: z.enum(['file', 'quarantine_release']).optional(),
  },
  '-import_id',
);

const profileFields = {
  columns: z
    .partialRecord(z.enum(SELL_OUT_FIELDS), z.string().trim().min(1).max(200))
    .default({})
    .describe("canonical field -> the file's column name; unlisted fields keep their canonical name"),
  delimiter: z.enum([',', ';', '\t']).default(','),
  decimal_comma: z.boolean().default(false),
  thousands_separator: z.enum(['', '.', ',', ' ', "'"]).default(''),
  date_format: z.enum(DATE_FORMATS).default('YYYY-MM-DD'),
  encoding: z.enum(['utf-8', 'windows-1252']).default('utf-8'),
  skip_rows: z.number().int().min(0).max(1000).default(0),
  sheet: z.string().min(1).max(100).nullable().default(null),
};

export const ProfileNameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)');

export const ProfileBodySchema = z.object(profileFields);
export const ProfileCreateSchema = z.object({
  distributor_id: IdSchema.optional().describe('a distributor admin may leave it out (always its own)'),
  name: ProfileNameSchema,
  ...profileFields,
});
export const ProfileParams = z.object({ distributor_id: IdSchema, name: ProfileNameSchema });

export const ProfileSchema = z
  .object({
    distributor_id: z.string(),
    name: z.string(),
    columns: z.record(z.string(), z.string()),
    delimiter: z.string(),
    decimal_comma: z.boolean(),
    thousands_separator: z.string(),
    date_format: z.string(),
    encoding: z.string(),
    skip_rows: z.number().int(),
    sheet: z.string().nullable(),
  })
  .meta({ id: 'MappingProfile' });
export type ProfileResponse = z.infer<typeof ProfileSchema>;

export const ProfileListQuery = listQuerySchema(['name', 'distributor_id'], { distributor_id: IdSchema.optional() });

export const QuarantineListQuery = listQuerySchema(['quarantine_id', 'line_id', 'invoice_date'], {
  distributor_id: IdSchema.optional(),
  import_id: ImportIdSchema.optional(),
});

export const QuarantinedLineSchema = z
  .object({
    quarantine_id: z.string(),
    distributor_id: z.string(),
    line_id: z.string(),
    invoice_date: z.string(),
    reseller_id: z.string(),
    rep_id: z.string().nullable(),
    sku: z.string(),
    quantity: z.number().int(),
    net_amount: z.string().describe('exact decimal'),
    currency: z.string(),
    reasons: z.array(z.enum(['unknown_reseller', 'unknown_sku'])),
    import_id: z.string(),
    file_line: z.number().int().nullable(),
  })
  .meta({ id: 'QuarantinedLine' });

export const ReleaseBodySchema = z.object({
  distributor_id: IdSchema.optional().describe('release only this distributor; all when left out'),
});

export const ReleaseReportSchema = z.object({
  releases: z.array(
    z.object({
      import_id: z.string(),
      distributor_id: z.string(),
      releasable: z.number().int(),
      still_quarantined: z.number().int(),
      imported: z.number().int(),
      duplicates: z.number().int(),
      corrections: z.number().int(),
    }),
  ),
});
