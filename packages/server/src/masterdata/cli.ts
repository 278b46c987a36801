import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { getOrCreateCommand } from '../cli/command-groups.ts';
import { CliError, withDatabase } from '../cli/context.ts';
import type { SpurDb } from '../db/connection-types.ts';
import { FileFormatError } from '../files/tabular-reader.ts';
import { IMPORT_ACTOR } from './audit-log.ts';
import { describeAuditChange, listAuditTrail } from './audit-trail.ts';
import { importFxRates } from './fx-import.ts';
import { importGoals } from './goals-import.ts';
import { MasterDataImportRejected } from './import-errors.ts';
import type { ImportOptions, ImportReport } from './import-runner.ts';
import { importPartners } from './partners-import.ts';
import { importProducts } from './products-import.ts';
import { importUsers } from './users-import.ts';

type Importer = (db: SpurDb, path: string, options: ImportOptions) => Promise<ImportReport>;

const COMMON_HELP = `
The file is CSV (UTF-8, comma-separated, header row) or XLSX (first sheet, header row), chosen by
its extension. Rows are upserted by their natural id; rows equal to the stored ones are left alone.
Any invalid row rejects the whole file: nothing is imported and every error is listed (file, line,
column, value, reason; at most 1000 listed). Created and changed rows are recorded in the audit log.
See docs/import-formats.md.`;

const IMPORTS: ReadonlyArray<{ name: string; summary: string; columns: string; importer: Importer }> = [
  {
    name: 'partners',
    summary: 'import distributors and resellers (upsert by partner_id)',
    columns: `Columns: partner_id,name,type,country,level,distributor_id,individual_agreement
  type                  distributor | reseller
  country               ISO 3166-1 alpha-2 code of a known country (DE, GB ...)
  level                 free text, may be empty (registered, silver, gold, platinum ...)
  distributor_id        a reseller's preferred distributor (in this file or already stored);
                        empty for distributors
  individual_agreement  true | false`,
    importer: importPartners,
  },
  {
    name: 'users',
    summary: 'import users and their groups (upsert by user_id; missing groups are created)',
    columns: `Columns: user_id,partner_id,email,name,language,groups
  partner_id  the user's partner (must exist); empty for vendor staff
  email       unique ignoring case
  language    language code such as de or en-GB
  groups      group ids separated by ";" (the user's complete set; missing groups are created)`,
    importer: importUsers,
  },
  {
    name: 'products',
    summary: 'import products (upsert by sku)',
    columns: `Columns: sku,name,family,category (all required)`,
    importer: importProducts,
  },
  {
    name: 'fx',
    summary: 'import monthly FX rates to EUR (upsert by month and currency)',
    columns: `Columns: month,currency,eur_rate
  month     YYYY-MM
  currency  ISO 4217 code; 1 unit of it equals eur_rate EUR for invoices dated in that month
  eur_rate  positive decimal with a dot, at most 12 decimal places (1 for EUR)`,
    importer: importFxRates,
  },
  {
    name: 'goals',
    summary: 'import participant goals (upsert by program_id, participant_id, period_start)',
    columns: `Columns: program_id,participant_id,period_start,metric,target
  participant_id  a partner_id or user_id that exists
  period_start    first day of the period, YYYY-MM-DD
  metric          units | revenue
  target          non-negative decimal with a dot, at most 4 decimal places (whole for units)`,
    importer: importGoals,
  },
];

/** The person running the CLI, so the audit log says who changed master data. */
function defaultActor(): string {
  try {
    return userInfo().username || IMPORT_ACTOR;
  } catch {
    return IMPORT_ACTOR;
  }
}

export function formatImportReport(report: ImportReport): string {
  const related = Object.entries(report.relatedCreated).map(([entity, count]) => `, ${entity} created ${count}`);
  return (
    `${report.file}: ${report.entity} rows read ${report.read}, created ${report.created}, ` +
    `updated ${report.updated}, unchanged ${report.unchanged}${related.join('')}`
  );
}

export function registerMasterDataCommands(program: Command): void {
  const importCommand = getOrCreateCommand(
    program,
    'import',
    'import master data and sell-out reports from CSV or XLSX',
  );
  for (const { name, summary, columns, importer } of IMPORTS) {
    importCommand
      .command(name)
      .description(summary)
      .argument('<file>', 'CSV or XLSX file with a header row')
      .option('--actor <name>', 'who the audit log names as the author of the changes (default: your login)')
      .addHelpText('after', `\n${columns}\n${COMMON_HELP}`)
      .action(async (file: string, options: { actor?: string }) => {
        const report = await withDatabase((db) =>
          importer(db, file, { actor: options.actor ?? defaultActor() }).catch((error: unknown) => {
            if (error instanceof MasterDataImportRejected || error instanceof FileFormatError) {
              throw new CliError(error.message);
            }
            throw error;
          }),
        );
        console.log(formatImportReport(report));
      });
  }

  program
    .command('audit')
    .description('show the audit trail: who changed which record when, newest first, with the fields that changed')
    .option(
      '--entity <entity>',
      'only this kind of record (master data: partner, user, user_group, product, fx_rate, goal)',
    )
    .option('--id <id>', 'only this record (its natural id, e.g. R-100, 2026-03/GBP)')
    .option('--actor <name>', 'only changes made by this actor')
    .option('--limit <n>', 'at most this many entries', '50')
    .action(async (options: { entity?: string; id?: string; actor?: string; limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new CliError(`--limit "${options.limit}": must be a positive whole number`);
      const entries = await withDatabase((db) =>
        listAuditTrail(db, { entity: options.entity, entityId: options.id, actor: options.actor, limit }),
      );
      for (const entry of entries) {
        console.log(
          `${entry.occurredAt.toISOString()} ${entry.actor} ${entry.action} ${entry.entity} ${entry.entityId}: ` +
            describeAuditChange(entry.before, entry.after),
        );
      }
      if (entries.length === 0) console.log('no audit entries match');
    });
}
