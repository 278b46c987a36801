/**
 * Calculation benchmark: `npm run bench:calc -- --lines 1000000 [--seed S]`.
 * Generates and imports a demo year, applies the three example programs, runs every period of
 * each (a first run that posts everything, then a full recalculation on unchanged data), and
 * times the same aggregates as one hand-written SQL query per program on the same database.
 * Then corrects a slice of one distributor's lines (a weekly correction report) and runs only
 * the periods the import touched. PGlite by default; a PostgreSQL server when DATABASE_URL is set
 * (a throwaway database is created next to it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { aggregateSpec, Decimal, parseProgram, periodsOf, scheduleOf } from '@spur/engine';
import pg from 'pg';
import { openDatabase, type SpurDb } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { generateDemoDataset } from '../src/demo/generate.ts';
import { splitSellOutByDistributor } from '../src/demo/split-sellout.ts';
import { planRunsAfterImports } from '../src/jobs/planner.ts';
import { importFxRates } from '../src/masterdata/fx-import.ts';
import { importGoals } from '../src/masterdata/goals-import.ts';
import { importPartners } from '../src/masterdata/partners-import.ts';
import { importProducts } from '../src/masterdata/products-import.ts';
import { importUsers } from '../src/masterdata/users-import.ts';
import { applyProgram, changeProgramStatus } from '../src/programs/program-store.ts';
import { runCalculation, runCalculations } from '../src/runs/run-calculation.ts';
import { aggregateQuery } from '../src/runs/sql-aggregate.ts';
import { importSellOutFile } from '../src/sellout/import-service.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values: args } = parseArgs({
  options: { lines: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '2026' } },
});
const lines = Number(args.lines);
if (!Number.isInteger(lines) || lines < 1) throw new Error(`--lines: expected a whole number, got ${args.lines}`);
const TWO = Decimal.parse('2');
const PROGRAMS = ['cashpaq', '10hoch4', 'channelvalue'] as const;
const work = mkdtempSync(join(tmpdir(), 'spur-bench-calc-'));

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function freshDatabase(): Promise<{ db: SpurDb; label: string; cleanup: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = join(work, 'pglite');
    return {
      db: await openDatabase({ databaseUrl: undefined, dataDir }),
      label: `PGlite in ${dataDir}`,
      cleanup: async () => {},
    };
  }
  const database = `spur_bench_calc_${process.pid}`;
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`create database ${database}`);
  await client.end();
  return {
    db: await openDatabase({ databaseUrl: url.toString(), dataDir: '' }),
    label: `PostgreSQL database ${database}`,
    async cleanup() {
      const drop = new pg.Client({ connectionString: admin.toString() });
      await drop.connect();
      await drop.query(`drop database if exists ${database} with (force)`);
      await drop.end();
    },
  };
}

/** What a person would write by hand for each program: one grouped scan of the year. */
const HAND_WRITTEN: Record<(typeof PROGRAMS)[number], string> = {
  cashpaq: `select '2026-01-01'::date + ((l.invoice_date - '2026-01-01'::date) / 30) * 30 as period_start,
      l.reseller_id, l.sku, sum(l.quantity), count(*)
    from sellout_lines l
    where l.invoice_date >= '2026-01-01' and l.sku in ('SRV-ML110', 'SRV-ML350', 'SRV-DL380', 'SRV-DL580')
    group by 1, 2, 3`,
  '10hoch4': `select date_trunc('quarter', l.invoice_date), l.reseller_id, to_char(l.invoice_date, 'YYYY-MM'),
      l.currency, sum(l.quantity), sum(l.net_amount), count(*)
    from sellout_lines l where l.invoice_date >= '2026-01-01'
    group by 1, 2, 3, 4`,
  channelvalue: `select date_trunc('quarter', l.invoice_date), l.reseller_id, nullif(l.rep_id, ''), l.distributor_id,
      p.family, l.invoice_date between '2026-03-01' and '2026-03-31', sum(l.quantity), count(*)
    from sellout_lines l join products p on p.sku = l.sku
    where l.invoice_date >= '2026-01-01' and p.family in ('NOTEBOOK', 'SERVER', 'STORAGE')
    group by 1, 2, 3, 4, 5, 6`,
};

async function runYear(db: SpurDb, label: string) {
  const started = process.hrtime.bigint();
  let runs = 0;
  let postings = 0;
  let aggregateMs = 0;
  const steps: Record<string, number> = {};
  for (const id of PROGRAMS) {
    const program = parseProgram(readFileSync(join(root, 'examples/programs', `${id}.yaml`), 'utf8'));
    for (const period of periodsOf(scheduleOf(program), '2026-12-31')) {
      const report = await runCalculation(db, { programId: id, period: period.start, trigger: 'cli' });
      runs++;
      postings += report.postings.length;
      aggregateMs += report.timings.aggregate ?? 0;
      for (const [step, ms] of Object.entries(report.timings)) steps[step] = (steps[step] ?? 0) + ms;
    }
  }
  const total = seconds(started);
  console.log(
    `${label}: ${runs} runs in ${total.toFixed(2)} s (SQL aggregation ${(aggregateMs / 1000).toFixed(2)} s), ${postings} ledger postings\n  per step (s): ${Object.entries(
      steps,
    )
      .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(2)}`)
      .join(', ')}`,
  );
  return { total, aggregate: aggregateMs / 1000 };
}

async function main() {
  const target = await freshDatabase();
  const { db } = target;
  try {
    console.log(`calc benchmark: ${lines} sell-out lines, ${target.label}`);
    await migrate(db);
    const dataDir = join(work, 'data');
    let started = process.hrtime.bigint();
    await generateDemoDataset({ lines, seed: Number(args.seed), outDir: dataDir });
    console.log(`generated the demo year in ${seconds(started).toFixed(1)} s`);
    started = process.hrtime.bigint();
    const options = { actor: 'bench' };
    await importPartners(db, join(dataDir, 'partners.csv'), options);
    await importUsers(db, join(dataDir, 'users.csv'), options);
    await importProducts(db, join(dataDir, 'products.csv'), options);
    await importFxRates(db, join(dataDir, 'fx.csv'), options);
    await importGoals(db, join(dataDir, 'goals.csv'), options);
    const reports = await splitSellOutByDistributor(join(dataDir, 'sellout.csv'), dataDir);
    for (const [distributorId, file] of reports) await importSellOutFile(db, { file, distributorId });
    await db.query('analyze');
    const { rows } = await db.query<{ n: string }>('select count(*)::text as n from sellout_lines');
    console.log(
      `imported ${rows[0]!.n} lines from ${reports.size} distributor reports in ${seconds(started).toFixed(1)} s`,
    );

    for (const id of PROGRAMS) {
      const file = join(root, 'examples/programs', `${id}.yaml`);
      await applyProgram(db, { text: readFileSync(file, 'utf8'), source: file });
      await changeProgramStatus(db, id, 'activate');
    }
    await planRunsAfterImports(db); // moves the import watermark past the initial load

    const first = await runYear(db, 'first calculation (posts every earning)');
    await runYear(db, 'full recalculation, period by period (unchanged inputs)');
    started = process.hrtime.bigint();
    let batchRuns = 0;
    for (const id of PROGRAMS) {
      const program = parseProgram(readFileSync(join(root, 'examples/programs', `${id}.yaml`), 'utf8'));
      const periods = periodsOf(scheduleOf(program), '2026-12-31').map((p) => p.start);
      batchRuns += (await runCalculations(db, { programId: id, periods, trigger: 'cli' })).length;
    }
    const again = { total: seconds(started) };
    console.log(
      `full recalculation, one scan per program (spur calc --period all): ${batchRuns} runs in ${again.total.toFixed(2)} s`,
    );

    // The hand-written SQL: the same aggregates, one query per program over the whole year.
    started = process.hrtime.bigint();
    for (const id of PROGRAMS) await db.query(HAND_WRITTEN[id]);
    const handWritten = seconds(started);
    // Spur's generated queries, all periods, for a like-for-like scan comparison.
    started = process.hrtime.bigint();
    for (const id of PROGRAMS) {
      const program = parseProgram(readFileSync(join(root, 'examples/programs', `${id}.yaml`), 'utf8'));
      for (const period of periodsOf(scheduleOf(program), '2026-12-31')) {
        const query = aggregateQuery(aggregateSpec(program), period);
        await db.query(query.text, query.params);
      }
    }
    const generated = seconds(started);
    console.log(`hand-written SQL (3 queries, whole year): ${handWritten.toFixed(2)} s`);
    console.log(`Spur's aggregate queries alone (every period): ${generated.toFixed(2)} s`);
    console.log(
      `ratio full recalculation (one scan per program) / hand-written SQL: ${(again.total / handWritten).toFixed(2)}; first calculation / hand-written: ${(first.total / handWritten).toFixed(2)}`,
    );

    // A weekly correction report: every line of the year's last week of the largest German distributor, doubled.
    const { rows: largest } = await db.query<{ distributor_id: string }>(
      `select l.distributor_id from sellout_lines l join partners p on p.partner_id = l.distributor_id
       where p.country = 'DE' group by 1 order by count(*) desc limit 1`,
    );
    const distributorId = largest[0]!.distributor_id;
    const file = reports.get(distributorId)!;
    const body = readFileSync(file, 'utf8').trimEnd().split('\n');
    const header = body[0]!;
    const changed = body
      .slice(1)
      .filter((line) => line.split(',')[2]! >= '2026-12-24')
      .map((line) => {
        const fields = line.split(',');
        fields[6] = (BigInt(fields[6]!) * 2n).toString();
        fields[7] = Decimal.parse(fields[7]!).times(TWO).toFixed(2);
        return fields.join(',');
      });
    const correction = join(work, 'correction.csv');
    writeFileSync(correction, `${header}\n${changed.join('\n')}\n`);
    await importSellOutFile(db, { file: correction, distributorId });
    started = process.hrtime.bigint();
    const planned = await planRunsAfterImports(db);
    let postings = 0;
    for (const run of planned) {
      postings += (await runCalculation(db, { programId: run.programId, period: run.period, trigger: 'import' }))
        .postings.length;
    }
    console.log(
      `weekly correction of ${changed.length} lines: ${planned.length} affected period runs in ${seconds(started).toFixed(2)} s, ${postings} adjustment postings`,
    );
  } finally {
    await db.close();
    await target.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
