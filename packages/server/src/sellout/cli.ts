import { createWriteStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { getOrCreateCommand } from '../cli/command-groups.ts';
import { CliError, withDatabase } from '../cli/context.ts';
import type { SpurDb } from '../db/connection-types.ts';
import { FileFormatError } from '../files/tabular-reader.ts';
import { type ImportReportSummary, importSummary, releaseSummary } from './cli-format.ts';
import { importErrorLines } from './error-lines.ts';
import { findImport, listImports, writeErrorCsv } from './import-reports.ts';
import { importSellOutFile } from './import-service.ts';
import { DATE_FORMATS, type MappingProfile, mappingProfileSchema, SELL_OUT_FIELDS } from './mapping-profile.ts';
import { deleteProfile, findProfile, listProfiles, saveProfile } from './profile-repository.ts';
import { createImportProgress } from './progress.ts';
import { listQuarantine, releaseQuarantine } from './quarantine.ts';
import { SellOutError } from './sellout-errors.ts';

/** Turns the errors a user can fix into one-line CLI errors. */
async function userErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SellOutError || error instanceof FileFormatError) throw new CliError(error.message);
    throw error;
  }
}

export function registerSellOutCommands(program: Command): void {
  registerImportCommand(program);
  registerReportCommands(program);
  registerProfileCommands(program);
  registerQuarantineCommands(program);
}

function registerImportCommand(program: Command): void {
  getOrCreateCommand(program, 'import', 'import master data and sell-out reports from CSV or XLSX')
    .command('sellout')
    .description('import a distributor sell-out report (CSV or XLSX) into the sell-out lines')
    .argument('<file>', 'the report: .csv, .txt, .tsv or .xlsx')
    .requiredOption('--distributor <id>', 'partner_id of the distributor that sent the report')
    .option('--profile <name>', "the distributor's mapping profile (see `spur profiles`); default: canonical columns")
    .option('--errors-out <file>', 'also write the rows that could not be read to this CSV, to fix and re-import')
    .addHelpText(
      'after',
      `
Canonical columns: ${SELL_OUT_FIELDS.join(',')} (distributor_id and rep_id may be left out).
Unknown resellers or SKUs are quarantined (see \`spur quarantine\`); unreadable rows are counted as
errors: the first 20 are printed (file:line: column "value": reason) and all are listed by
\`spur sellout errors IMPORT_ID\`. The import is one transaction: if it is interrupted nothing is
written, and running it again imports the file; the same file twice adds nothing.
Exit status: 0 imported, 2 imported but some rows had errors, 1 nothing imported (bad file or options).`,
    )
    .action(async (file: string, options: { distributor: string; profile?: string; errorsOut?: string }) => {
      const progress = createImportProgress();
      let seconds = 0;
      const report = await withDatabase((db) =>
        userErrors(async () => {
          const started = process.hrtime.bigint();
          const result = await importSellOutFile(db, {
            file,
            distributorId: options.distributor,
            ...(options.profile === undefined ? {} : { profileName: options.profile }),
            onProgress: (step) => progress.update(step),
            onStaged: () => progress.finishReading(),
            onFallback: (reason) => progress.restart(reason),
          });
          seconds = Number(process.hrtime.bigint() - started) / 1e9;
          if (options.errorsOut !== undefined && result.errors > 0) {
            await writeErrorCsv(db, result.importId, createWriteStream(options.errorsOut));
          }
          const errorLines = result.errors > 0 ? await importErrorLines(db, result.importId, file) : undefined;
          return { ...result, errorLines };
        }),
      );
      console.log(importSummary({ ...report, fileName: file } satisfies ImportReportSummary));
      console.log(
        `took ${seconds.toFixed(2)} s (${Math.round(report.linesRead / Math.max(seconds, 0.001))} lines/s, ${report.loadPath} path) after the database was opened`,
      );
      if (report.errorLines !== undefined) {
        for (const line of report.errorLines.lines) console.error(line);
        if (report.errorLines.more > 0) console.error(`... and ${report.errorLines.more} more row(s) with errors`);
        // Valid rows are imported; a distinct exit code lets a distributor's script notice the rest.
        process.exitCode = 2;
        console.log(
          options.errorsOut === undefined
            ? `rows with errors: spur sellout errors ${report.importId} --out errors.csv`
            : `rows with errors written to ${options.errorsOut}`,
        );
      }
    });
}

function registerReportCommands(program: Command): void {
  const sellout = getOrCreateCommand(program, 'sellout', 'sell-out import reports and their errors');
  sellout
    .command('imports')
    .description('list the latest sell-out imports with their reports')
    .option('--distributor <id>', 'only imports of this distributor')
    .option('--limit <n>', 'how many, newest first (default 20)', positiveInteger, 20)
    .action(async (options: { distributor?: string; limit: number }) => {
      const imports = await withDatabase((db) =>
        listImports(db, {
          limit: options.limit,
          ...(options.distributor ? { distributorId: options.distributor } : {}),
        }),
      );
      if (imports.length === 0) console.log('no sell-out imports');
      for (const report of imports) console.log(importSummary(report));
    });
  sellout
    .command('errors')
    .description('write the rows of an import that could not be read as CSV (line, error, the row as sent)')
    .argument('<import-id>', 'the import, as printed by `spur import sellout` or `spur sellout imports`')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (importId: string, options: { out?: string }) => {
      await withDatabase((db) =>
        userErrors(async () => {
          await findImport(db, importId);
          const count = await writeErrorCsvTo(db, importId, options.out);
          if (options.out !== undefined) console.log(`${count} row(s) written to ${options.out}`);
        }),
      );
    });
}

/** Writes the error CSV to a file, or to stdout (which never finishes, so through a pass-through). */
function writeErrorCsvTo(db: SpurDb, importId: string, path: string | undefined): Promise<number> {
  if (path !== undefined) return writeErrorCsv(db, importId, createWriteStream(path));
  const pass = new PassThrough();
  pass.pipe(process.stdout, { end: false });
  return writeErrorCsv(db, importId, pass);
}

function registerProfileCommands(program: Command): void {
  const profiles = program
    .command('profiles')
    .description("sell-out mapping profiles: how a distributor's report files are laid out");
  profiles
    .command('set')
    .description('create or replace a mapping profile of a distributor')
    .argument('<distributor-id>', 'partner_id of the distributor')
    .argument('<name>', 'profile name (letters, digits, _ . -)')
    .addOption(
      new Option(
        '--column <field=header>',
        `map a canonical field to the file's column name; repeatable. Fields: ${SELL_OUT_FIELDS.join(', ')}`,
      )
        .argParser(collectColumn)
        .default({}, 'canonical names'),
    )
    .addOption(new Option('--delimiter <char>', 'CSV delimiter').choices([',', ';', 'tab']).default(','))
    .option('--decimal-comma', 'amounts use a decimal comma (1234,50)', false)
    .addOption(
      new Option('--thousands <char>', 'thousands separator in numbers (none by default)')
        .choices(['none', '.', ',', 'space', 'apostrophe'])
        .default('none'),
    )
    .addOption(
      new Option('--date-format <format>', 'how invoice dates are written').choices(DATE_FORMATS).default('YYYY-MM-DD'),
    )
    .addOption(
      new Option('--encoding <encoding>', 'CSV text encoding').choices(['utf-8', 'windows-1252']).default('utf-8'),
    )
    .option('--skip-rows <n>', 'rows before the header row (titles)', nonNegativeInteger, 0)
    .option('--sheet <name>', 'XLSX: the sheet to read (default the first)')
    .action(async (distributorId: string, name: string, options: ProfileOptions) => {
      const profile = profileFrom(name, options);
      await withDatabase((db) => userErrors(() => saveProfile(db, distributorId, profile)));
      console.log(`saved profile ${name} of ${distributorId}: ${describeProfile(profile)}`);
    });
  profiles
    .command('list')
    .description('list mapping profiles')
    .option('--distributor <id>', 'only the profiles of this distributor')
    .action(async (options: { distributor?: string }) => {
      const stored = await withDatabase((db) => listProfiles(db, options.distributor));
      if (stored.length === 0) console.log('no mapping profiles');
      for (const { distributorId, profile } of stored) {
        console.log(`${distributorId} ${profile.name}: ${describeProfile(profile)}`);
      }
    });
  profiles
    .command('show')
    .description('print one mapping profile as JSON')
    .argument('<distributor-id>', 'partner_id of the distributor')
    .argument('<name>', 'profile name')
    .action(async (distributorId: string, name: string) => {
      const profile = await withDatabase((db) => userErrors(() => findProfile(db, distributorId, name)));
      console.log(JSON.stringify(profile, null, 2));
    });
  profiles
    .command('delete')
    .description('delete a mapping profile (past imports keep their reports)')
    .argument('<distributor-id>', 'partner_id of the distributor')
    .argument('<name>', 'profile name')
    .action(async (distributorId: string, name: string) => {
      await withDatabase((db) => userErrors(() => deleteProfile(db, distributorId, name)));
      console.log(`deleted profile ${name} of ${distributorId}`);
    });
}

interface ProfileOptions {
  column: Record<string, string>;
  delimiter: ',' | ';' | 'tab';
  decimalComma: boolean;
  thousands: 'none' | '.' | ',' | 'space' | 'apostrophe';
  dateFormat: string;
  encoding: string;
  skipRows: number;
  sheet?: string;
}

function profileFrom(name: string, options: ProfileOptions): MappingProfile {
  const thousands = { none: '', '.': '.', ',': ',', space: ' ', apostrophe: "'" }[options.thousands];
  const parsed = mappingProfileSchema.safeParse({
    name,
    columns: options.column,
    delimiter: options.delimiter === 'tab' ? '\t' : options.delimiter,
    decimalComma: options.decimalComma,
    thousandsSeparator: thousands,
    dateFormat: options.dateFormat,
    encoding: options.encoding,
    skipRows: options.skipRows,
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
  });
  if (!parsed.success) {
    throw new CliError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'profile'}: ${issue.message}`).join('; '),
    );
  }
  return parsed.data;
}

function describeProfile(profile: MappingProfile): string {
  const columns = Object.entries(profile.columns)
    .map(([field, header]) => `${field}="${header}"`)
    .join(' ');
  return [
    `delimiter ${profile.delimiter === '\t' ? 'tab' : `"${profile.delimiter}"`}`,
    profile.decimalComma ? 'decimal comma' : 'decimal point',
    profile.thousandsSeparator ? `thousands "${profile.thousandsSeparator}"` : '',
    `dates ${profile.dateFormat}`,
    profile.encoding,
    profile.skipRows ? `skip ${profile.skipRows} row(s)` : '',
    profile.sheet ? `sheet "${profile.sheet}"` : '',
    columns ? `columns ${columns}` : 'canonical columns',
  ]
    .filter(Boolean)
    .join(', ');
}

function registerQuarantineCommands(program: Command): void {
  const quarantine = program
    .command('quarantine')
    .description('sell-out lines held back because their reseller or SKU is unknown');
  quarantine
    .command('list')
    .description('list quarantined lines with their reasons')
    .option('--distributor <id>', 'only lines of this distributor')
    .option('--limit <n>', 'at most this many lines (default 100)', positiveInteger, 100)
    .action(async (options: { distributor?: string; limit: number }) => {
      const lines = await withDatabase((db) =>
        listQuarantine(db, {
          limit: options.limit,
          ...(options.distributor ? { distributorId: options.distributor } : {}),
        }),
      );
      if (lines.length === 0) console.log('no quarantined lines');
      for (const line of lines) {
        console.log(
          `${line.distributorId} ${line.lineId} ${line.invoiceDate} reseller ${line.resellerId} sku ${line.sku} ` +
            `qty ${line.quantity} ${line.netAmount} ${line.currency}: ${line.reasons.join(', ')} ` +
            `(import ${line.importId}${line.fileLine ? `, line ${line.fileLine}` : ''})`,
        );
      }
    });
  quarantine
    .command('release')
    .description('import the quarantined lines whose reseller and SKU now exist (after a master-data import)')
    .option('--distributor <id>', 'only lines of this distributor')
    .action(async (options: { distributor?: string }) => {
      const reports = await withDatabase((db) =>
        releaseQuarantine(db, options.distributor ? { distributorId: options.distributor } : {}),
      );
      if (reports.length === 0) console.log('no quarantined line can be released yet');
      for (const report of reports) console.log(releaseSummary(report));
    });
}

function collectColumn(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([a-z_]+)=(.+)$/.exec(value);
  if (!match || !(SELL_OUT_FIELDS as readonly string[]).includes(match[1]!)) {
    throw new InvalidArgumentError(`expected FIELD=HEADER with FIELD one of ${SELL_OUT_FIELDS.join(', ')}`);
  }
  return { ...previous, [match[1]!]: match[2]! };
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return parsed;
}

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number >= 0');
  return Number(value);
}
