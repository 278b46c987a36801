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

interface Measured {
  seconds: number;
  /** User + system CPU seconds (from /proc; 0 where there is no /proc). */
  cpuSeconds: number;
  peakMb: number;
}

/** Runs `spur ARGS` as a child process: wall time, CPU time and peak RSS (polled from /proc). */
async function timeSpur(args: string[], out: string): Promise<Measured> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(serverDir, 'bin/spur.js'), ...args], {
    stdio: ['ignore', openSync(out, 'w'), 'inherit'],
  });
  let peakKb = 0;
  let cpuTicks = 0;
  const poll = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const match = /VmHWM:\s+(\d+) kB/.exec(status);
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
      // fields 14 and 15 of /proc/PID/stat: utime and stime in clock ticks (100 per second on Linux)
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuTicks = Math.max(cpuTicks, Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process just ended, or /proc is not there (not Linux): no memory or CPU figure
    }
  }, 10);
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  clearInterval(poll);
  if (code !== 0) throw new Error(`spur ${args.join(' ')} exited with ${code}`);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuTicks / 100, peakMb: peakKb / 1024 };
}

async function timeDuckdb(program: string, dir: string): Promise<Omit<Measured, 'peakMb'> & { groups: number }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const reader = await connection.runAndReadAll(duckdbQuery(program, dir));
    const used = process.cpuUsage(cpu);
    return {
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      groups: reader.currentRowCount,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const programs = ['cashpaq', '10hoch4', 'channelvalue'];
const rows: string[][] = [];
const startupSummary: string[] = [];
console.log(`node ${process.version}, ${cpus().length} CPU(s); DuckDB uses every core, spur simulate one`);
for (const lines of sizes) {
  const dir = join(tmpdir(), `spur-bench-engine-${lines}-${seed}`);
  if (!existsSync(join(dir, '.complete'))) {
    mkdirSync(dir, { recursive: true });
    const summary = await generateDemoDataset({ lines, seed, outDir: dir });
    openSync(join(dir, '.complete'), 'w');
    console.log(`generated ${lines} lines in ${(summary.milliseconds / 1000).toFixed(1)} s into ${dir}`);
  }
  // Starting node, tsx and the CLI up to the simulate command (not the engine): measured apart, so the ratio can be read both ways.
  const startup = await timeSpur(['simulate', '--help'], join(dir, 'help.txt'));
  startupSummary.push(
    `${startup.seconds.toFixed(2)} s wall, ${startup.cpuSeconds.toFixed(2)} s cpu, ${startup.peakMb.toFixed(0)} MB`,
  );
  for (const program of programs) {
    const programFile = join(repoDir, `examples/programs/${program}.yaml`);
    const simulate = await timeSpur(
      ['simulate', '--program', programFile, '--data', dir, '--format', 'json'],
      join(dir, `${program}.json`),
    );
    const duckdb = await timeDuckdb(program, dir);
    const earnings = (JSON.parse(readFileSync(join(dir, `${program}.json`), 'utf8')) as { earnings: unknown[] })
      .earnings.length;
    const work = Math.max(simulate.seconds - startup.seconds, 0.001);
    rows.push([
      String(lines),
      program,
      simulate.seconds.toFixed(2),
      simulate.cpuSeconds.toFixed(2),
      (simulate.cpuSeconds - startup.cpuSeconds).toFixed(2),
      Math.round(lines / work).toLocaleString('en-US'),
      simulate.peakMb ? simulate.peakMb.toFixed(0) : '-',
      String(earnings),
      duckdb.seconds.toFixed(2),
      duckdb.cpuSeconds.toFixed(2),
      String(duckdb.groups),
      (simulate.seconds / duckdb.seconds).toFixed(1),
      (work / duckdb.seconds).toFixed(1),
      (simulate.cpuSeconds / duckdb.cpuSeconds).toFixed(1),
      ((simulate.cpuSeconds - startup.cpuSeconds) / duckdb.cpuSeconds).toFixed(1),
    ]);
    console.log(rows.at(-1)!.join('  '));
  }
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
}

const header = [
  'lines',
  'program',
  'simulate s',
  'simulate cpu s',
  'cpu s w/o startup',
  'lines/s w/o startup',
  'peak RSS MB',
  'earnings',
  'duckdb s',
  'duckdb cpu s',
  'duckdb groups',
  'wall ratio',
  'wall ratio w/o startup',
  'cpu ratio',
  'cpu ratio w/o startup',
];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const format = (row: string[]) => row.map((cell, column) => cell.padStart(widths[column]!)).join('  ');
console.log(`\n${format(header)}\n${rows.map(format).join('\n')}`);
console.log(
  `\nCLI startup (spur simulate --help): ${startupSummary.join(', ')}. Ratios are spur simulate / DuckDB (target ≤ 4); ` +
    'simulate includes loading the engine, CSV parsing, aggregation, pricing and JSON output; ' +
    '"w/o startup" subtracts starting node, tsx and the CLI.',
);
