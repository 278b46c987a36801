/**
 * Sell-out import benchmark: `npm run bench:import -- --lines 1000000 [--file F] [--keep]`.
 * Generates a canonical report (or uses --file), runs `spur import sellout` as a child process
 * measuring lines/s and peak RSS, then a bare COPY of the same file into an unindexed table on the
 * same kind of fresh database, and prints the ratio. PGlite by default; a PostgreSQL server when
 * DATABASE_URL is set (a throwaway database is created next to it).
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type SpurDb } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { SYNTHETIC_REPORT, seedSyntheticMasterData, writeSyntheticReport } from '../src/sellout/synthetic-report.ts';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    file: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const lines = Number(args.lines);
if (!Number.isInteger(lines) || lines < 1) throw new Error(`--lines: expected a whole number, got ${args.lines}`);

const work = mkdtempSync(join(tmpdir(), 'spur-bench-import-'));

interface Target {
  label: string;
  env: Record<string, string>;
  open(): Promise<SpurDb>;
  cleanup(): Promise<void>;
}

/** A fresh, empty database for one measurement. */
async function freshTarget(name: string): Promise<Target> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = join(work, name);
    return {
      label: `PGlite in ${dataDir}`,
      env: { SPUR_DATA_DIR: dataDir },
      open: () => openDatabase({ databaseUrl: undefined, dataDir }),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const database = `spur_bench_${process.pid}_${name}`;
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`create database ${database}`);
  await adminClient.end();
  return {
    label: `PostgreSQL database ${database}`,
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ databaseUrl: url.toString(), dataDir: '' }),
    async cleanup() {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`drop database if exists ${database} with (force)`);
      await client.end();
    },
  };
}

interface ChildRun {
  seconds: number;
  peakRssMb: number;
  stdout: string;
}

/** Runs the CLI under /usr/bin/time to get the child's peak RSS (maximum resident set size). */
function runImport(file: string, env: Record<string, string>): Promise<ChildRun> {
  const rssFile = join(work, 'rss.txt');
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      '/usr/bin/time',
      [
        '-f',
        '%M',
        '-o',
        rssFile,
        process.execPath,
        join(serverDir, 'bin/spur.js'),
        'import',
        'sellout',
        file,
        '--distributor',
        SYNTHETIC_REPORT.distributorId,
      ],
      { env: { ...process.env, ...env, DATABASE_URL: env.DATABASE_URL ?? '' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) {
        reject(new Error(`spur import sellout exited with ${code}: ${stdout}`));
        return;
      }
      const kilobytes = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
      resolvePromise({ seconds, peakRssMb: kilobytes / 1024, stdout });
    });
  });
}

/** The file in chunks that end at line ends, without its header row. */
async function* fileChunks(file: string): AsyncIterable<Buffer> {
  let rest = Buffer.alloc(0);
  let header = true;
  for await (const piece of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    let buffer = Buffer.concat([rest, piece as Buffer]);
    if (header) {
      const end = buffer.indexOf(10);
      if (end < 0) {
        rest = buffer;
        continue;
      }
      buffer = buffer.subarray(end + 1);
      header = false;
    }
    const last = buffer.lastIndexOf(10);
    if (last < 0) {
      rest = buffer;
      continue;
    }
    yield buffer.subarray(0, last + 1);
    rest = Buffer.from(buffer.subarray(last + 1));
  }
  if (rest.length > 0) yield Buffer.concat([rest, Buffer.from('\n')]);
}

async function bareCopy(file: string, db: SpurDb): Promise<number> {
  await db.query(`create table bare_sellout (
    distributor_id text, line_id text, invoice_date date, reseller_id text, rep_id text, sku text,
    quantity integer, net_amount numeric, currency char(3))`);
  const started = process.hrtime.bigint();
  const copied = await db.withConnection((conn) =>
    conn.copyFrom('copy bare_sellout from stdin with (format csv)', fileChunks(file)),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (copied !== lines && args.file === undefined)
    throw new Error(`bare COPY loaded ${copied} rows, expected ${lines}`);
  return seconds;
}

try {
  const file = args.file ?? join(work, `sellout-${lines}.csv`);
  if (args.file === undefined) {
    const started = Date.now();
    await writeSyntheticReport(file, lines);
    console.log(
      `generated ${lines} lines (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${(Date.now() - started) / 1000}s`,
    );
  }

  const importTarget = await freshTarget('import');
  const setup = await importTarget.open();
  await migrate(setup);
  await seedSyntheticMasterData(setup);
  await setup.close();
  console.log(`import into ${importTarget.label}`);
  const run = await runImport(file, importTarget.env);
  console.log(run.stdout.trim());
  const check = await importTarget.open();
  const stored = await check.query<{ count: string }>('select count(*) as count from sellout_lines');
  await check.close();
  await importTarget.cleanup();

  const copyTarget = await freshTarget('copy');
  const copyDb = await copyTarget.open();
  const copySeconds = await bareCopy(file, copyDb);
  await copyDb.close();
  await copyTarget.cleanup();

  const importRate = Math.round(lines / run.seconds);
  const copyRate = Math.round(lines / copySeconds);
  console.log(`lines stored:            ${stored.rows[0]!.count}`);
  console.log(
    `spur import sellout:     ${run.seconds.toFixed(2)} s, ${importRate} lines/s, peak RSS ${run.peakRssMb.toFixed(0)} MB (whole CLI process)`,
  );
  console.log(`bare COPY (unindexed):   ${copySeconds.toFixed(2)} s, ${copyRate} lines/s`);
  console.log(`ratio import/COPY:      ${(run.seconds / copySeconds).toFixed(2)} (target <= 2)`);
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
