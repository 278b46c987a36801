/**
 * Engine benchmark: `npm run bench:engine -- --lines 1000000 [--lines 100000,10000000] [--seed S] [--keep]`.
 * For each size: generates a demo dataset (`spur demo generate`), times `spur simulate` (a child
 * process, JSON to a file, peak RSS from /proc) for the three example programs, then DuckDB
 * computing the same per-participant aggregates from the same CSV files, and prints the ratio.
 * A benchmark, not a test: it asserts nothing, it reports.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_DEMO_SEED, generateDemoDataset } from '../src/demo/generate.ts';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(serverDir, '../..');
const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: String(DEFAULT_DEMO_SEED) },
    keep: { type: 'boolean', default: false },
  },
});
const sizes = args.lines.split(',').map((text) => Number(text.replace(/_/g, '')));
if (sizes.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error(`--lines: expected whole numbers, got ${args.lines}`);
const seed = Number(args.seed);

const SELLOUT_COLUMNS =
  "{'distributor_id': 'VARCHAR', 'line_id': 'VARCHAR', 'invoice_date': 'DATE', 'reseller_id': 'VARCHAR', " +
  "'rep_id': 'VARCHAR', 'sku': 'VARCHAR', 'quantity': 'BIGINT', 'net_amount': 'DECIMAL(18,6)', 'currency': 'VARCHAR'}";

/** The aggregates each example program needs, as DuckDB computes them from the CSV. */
function duckdbQuery(program: string, dir: string): string {
  const sellout = `read_csv('${join(dir, 'sellout.csv')}', header = true, columns = ${SELLOUT_COLUMNS})`;
  const products = `read_csv('${join(dir, 'products.csv')}', header = true, all_varchar = true)`;
  switch (program) {
    case 'cashpaq':
      return `select reseller_id, date_diff('day', date '2026-01-01', invoice_date) // 30 as period, sku, sum(quantity) as units
        from ${sellout}
        where invoice_date >= date '2026-01-01' and sku in ('SRV-ML110', 'SRV-ML350', 'SRV-DL380', 'SRV-DL580')
        group by all`;
    case '10hoch4':
      return `select reseller_id, date_trunc('quarter', invoice_date) as period, strftime(invoice_date, '%Y-%m') as month,
          currency, sum(net_amount) as revenue, sum(quantity) as units
        from ${sellout} where invoice_date >= date '2026-01-01'
        group by all`;
    case 'channelvalue':
      return `select s.reseller_id, s.rep_id, s.distributor_id, p.family, date_trunc('quarter', s.invoice_date) as period,
          s.invoice_date between date '2026-03-01' and date '2026-03-31' as promotion, sum(s.quantity) as units
        from ${sellout} s join ${products} p on p.sku = s.sku
        where s.invoice_date >= date '2026-01-01' and p.family in ('NOTEBOOK', 'SERVER', 'STORAGE')
        group by all`;
    default:
      throw new Error(`no DuckDB query for ${program}`);
  }
}

/** Runs `spur simulate` as a child process; wall time and peak RSS (VmHWM, polled from /proc). */
async function timeSimulate(program: string, dir: string, out: string): Promise<{ seconds: number; peakMb: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(serverDir, 'bin/spur.js'),
      'simulate',
      '--program',
      join(repoDir, `examples/programs/${program}.yaml`),
      '--data',
      dir,
      '--format',
      'json',
    ],
    { stdio: ['ignore', openSync(out, 'w'), 'inherit'] },
  );
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const match = /VmHWM:\s+(\d+) kB/.exec(status);
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // the process just ended, or /proc is not there (not Linux): no memory figure
    }
  }, 20);
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  clearInterval(poll);
  if (code !== 0) throw new Error(`spur simulate --program ${program} exited with ${code}`);
  return { seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024 };
}

async function timeDuckdb(program: string, dir: string): Promise<{ seconds: number; groups: number }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const started = performance.now();
    const reader = await connection.runAndReadAll(duckdbQuery(program, dir));
    return { seconds: (performance.now() - started) / 1000, groups: reader.currentRowCount };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const programs = ['cashpaq', '10hoch4', 'channelvalue'];
const rows: string[][] = [];
console.log(`node ${process.version}, ${cpus().length} CPU(s); DuckDB uses every core, spur simulate one`);
for (const lines of sizes) {
  const dir = join(tmpdir(), `spur-bench-engine-${lines}-${seed}`);
  if (!existsSync(join(dir, '.complete'))) {
    mkdirSync(dir, { recursive: true });
    const summary = await generateDemoDataset({ lines, seed, outDir: dir });
    openSync(join(dir, '.complete'), 'w');
    console.log(`generated ${lines} lines in ${(summary.milliseconds / 1000).toFixed(1)} s into ${dir}`);
  }
  for (const program of programs) {
    const simulate = await timeSimulate(program, dir, join(dir, `${program}.json`));
    const duckdb = await timeDuckdb(program, dir);
    const earnings = (JSON.parse(readFileSync(join(dir, `${program}.json`), 'utf8')) as { earnings: unknown[] })
      .earnings.length;
    rows.push([
      String(lines),
      program,
      simulate.seconds.toFixed(2),
      Math.round(lines / simulate.seconds).toLocaleString('en-US'),
      simulate.peakMb ? simulate.peakMb.toFixed(0) : '-',
      String(earnings),
      duckdb.seconds.toFixed(2),
      String(duckdb.groups),
      (simulate.seconds / duckdb.seconds).toFixed(1),
    ]);
    console.log(rows.at(-1)!.join('  '));
  }
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
}

const header = [
  'lines',
  'program',
  'simulate s',
  'lines/s',
  'peak RSS MB',
  'earnings',
  'duckdb s',
  'duckdb groups',
  'ratio',
];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const format = (row: string[]) => row.map((cell, column) => cell.padStart(widths[column]!)).join('  ');
console.log(`\n${format(header)}\n${rows.map(format).join('\n')}`);
console.log(
  '\nratio = simulate / DuckDB (target ≤ 4); simulate includes process start, CSV parsing, pricing and JSON output.',
);
