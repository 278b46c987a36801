import type { Command } from 'commander';
import { CliError, withDatabase } from '../cli/context.ts';
import type { Participant } from './accounts.ts';
import { type AccountFilter, balanceOf, listEntries } from './balances.ts';
import { checkLedger } from './check-ledger.ts';
import { LedgerError } from './errors.ts';
import { formatMinorUnits, ledgerUnit } from './units.ts';

const PARTICIPANT_HELP = 'a partner or user id (R-1001), or qualified as partner:R-1001 / user:U-7';

function parseParticipant(value: string): Participant | string {
  const qualified = /^(partner|user):(.+)$/.exec(value);
  if (qualified) return { type: qualified[1] as Participant['type'], id: qualified[2]! };
  if (value.trim() === '') throw new CliError('--participant is empty');
  return value;
}

function parseUnit(value: string): string {
  try {
    return ledgerUnit(value).unit;
  } catch (error) {
    if (error instanceof LedgerError) throw new CliError(`--unit: ${error.message}`);
    throw error;
  }
}

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000) {
    throw new CliError(`--limit "${value}" must be a whole number from 1 to 10000`);
  }
  return Number(value);
}

/** Left-aligned text columns, right-aligned amounts. */
function printTable(header: readonly string[], rows: readonly string[][], rightAligned: ReadonlySet<number>): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

export function registerLedgerCommands(program: Command): void {
  const ledger = program
    .command('ledger')
    .description('read the double-entry ledger: balances and entries of participants, programs and payouts');

  ledger
    .command('balance')
    .description('show the balances of every account a participant owns (earnings and payouts), per unit')
    .requiredOption('--participant <id>', PARTICIPANT_HELP)
    .option('--unit <unit>', 'only this unit: an ISO 4217 currency (EUR, SEK ...), points or credits', parseUnit)
    .option('--format <format>', 'table or json', 'table')
    .addHelpText(
      'after',
      `
Columns: balance is the posted balance; held is what pending holds (redemptions in progress) take
from it; available = balance - held. Amounts are shown with the unit's scale (EUR 2, JPY 0, KWD 3,
points and credits whole). Exit code 1 when the participant has no account.`,
    )
    .action(async (options: { participant: string; unit?: string; format: string }) => {
      if (options.format !== 'table' && options.format !== 'json') {
        throw new CliError(`--format "${options.format}" must be table or json`);
      }
      const filter: AccountFilter = { participant: parseParticipant(options.participant), unit: options.unit };
      const balances = await withDatabase((db) => balanceOf(db, filter));
      if (balances.length === 0) {
        throw new CliError(
          `no ledger account for participant ${options.participant}${options.unit ? ` in ${options.unit}` : ''}`,
        );
      }
      const rows = balances.map((b) => ({
        account: b.account,
        unit: b.unit,
        balance: formatMinorUnits(b.balance, b.unit),
        held: formatMinorUnits(b.balance - b.available, b.unit),
        available: formatMinorUnits(b.available, b.unit),
      }));
      if (options.format === 'json') {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      printTable(
        ['account', 'unit', 'balance', 'held', 'available'],
        rows.map((r) => [r.account, r.unit, r.balance, r.held, r.available]),
        new Set([2, 3, 4]),
      );
    });

  ledger
    .command('entries')
    .description('list ledger entries, oldest first, one page at a time')
    .option('--participant <id>', `entries of every account of this participant: ${PARTICIPANT_HELP}`)
    .option('--account <code>', 'entries of one account, e.g. program:cashpaq:expense:SEK')
    .option('--unit <unit>', 'only accounts in this unit', parseUnit)
    .option('--limit <n>', 'entries per page (1-10000)', parseLimit, 50)
    .option('--after <cursor>', 'continue after this entry id (printed at the end of the previous page)')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText(
      'after',
      `
Without --participant or --account every account is listed. status is posted or pending (a hold);
"corrects" names the transaction key an adjustment or reversal corrects.`,
    )
    .action(
      async (options: {
        participant?: string;
        account?: string;
        unit?: string;
        limit: number;
        after?: string;
        format: string;
      }) => {
        if (options.format !== 'table' && options.format !== 'json') {
          throw new CliError(`--format "${options.format}" must be table or json`);
        }
        if (options.after !== undefined && !/^\d+$/.test(options.after)) {
          throw new CliError(`--after "${options.after}" must be an entry id`);
        }
        const page = await withDatabase((db) =>
          listEntries(db, {
            participant: options.participant === undefined ? undefined : parseParticipant(options.participant),
            account: options.account,
            unit: options.unit,
            limit: options.limit,
            after: options.after,
          }),
        );
        const rows = page.entries.map((e) => ({
          entry: e.entryId,
          date: e.effectiveDate,
          transaction: e.key,
          account: e.account,
          debit: e.side === 'debit' ? formatMinorUnits(e.amount, e.unit) : '',
          credit: e.side === 'credit' ? formatMinorUnits(e.amount, e.unit) : '',
          unit: e.unit,
          status: e.status,
          corrects: e.correctsKey ?? '',
          description: e.description,
        }));
        if (options.format === 'json') {
          console.log(JSON.stringify({ entries: rows, nextCursor: page.nextCursor }, null, 2));
          return;
        }
        printTable(
          ['entry', 'date', 'transaction', 'account', 'debit', 'credit', 'unit', 'status', 'corrects', 'description'],
          rows.map((r) => Object.values(r)),
          new Set([0, 4, 5]),
        );
        if (page.nextCursor) console.log(`more: --after ${page.nextCursor}`);
      },
    );

  ledger
    .command('check')
    .description('recompute every balance from the entries and check that every transaction balances')
    .addHelpText('after', '\nPrints each difference found; exit code 1 when there is any.')
    .action(async () => {
      const result = await withDatabase((db) => checkLedger(db));
      for (const t of result.unbalancedTransactions) {
        console.log(`unbalanced: transaction ${t.key} in ${t.unit}: debits - credits = ${t.difference} minor units`);
      }
      for (const m of result.balanceMismatches) {
        console.log(`mismatch: ${m.account} ${m.column} stored ${m.materialized}, from entries ${m.derived}`);
      }
      if (!result.ok) throw new CliError('the ledger check found differences');
      console.log('ledger ok: every transaction balances and every balance equals its entries');
    });
}
