/**
 * Sell-out import benchmark: `npm run bench:import -- --lines 1000000 [--file F] [--keep] [--template DB]`.
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
    // Server only: create the databases from this template, e.g. one with the ICU collation a
    // production server has (the CI server's databases are C.UTF-8).
    template: { type: 'string' },
  },
});
const lines = Number(args.lines);
if (!Number.isInteger(lines) || lines < 1) throw new Error(`--lines: expected a whole number, got ${args.lines}`);

const work = mkdtempSync(join(tmpdir(), 'spur-bench-import-'));

interface Target {
  label: string;
  env: Record<string, string>;
  /** Counts the CPU time of the server processes serving this database (none on PGlite). */
  meterServer(): Promise<ServerCpuMeter | undefined>;
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
      meterServer: async () => undefined,
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
  await adminClient.query(
    `create database ${database}${args.template === undefined ? '' : ` template ${pg.escapeIdentifier(args.template)}`}`,
  );
  await adminClient.end();
  return {
    label: `PostgreSQL database ${database}`,
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ databaseUrl: url.toString(), dataDir: '' }),
    meterServer: () => ServerCpuMeter.start(admin.toString(), database),
    async cleanup() {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`drop database if exists ${database} with (force)`);
      await client.end();
    },
  };
}

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a local process from /proc, or undefined once it has ended. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * Samples the CPU time of every backend connected to one database (server on this machine) every
 * 50 ms: on a shared, loaded machine CPU time is steadier than wall time. A backend's last 50 ms
 * before it exits can be missed.
 */
class ServerCpuMeter {
  private readonly seen = new Map<number, number>();
  /** CPU already used by backends that were connected when the meter started. */
  private readonly initial = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> = Promise.resolve();

  private constructor(
    private readonly client: pg.Client,
    private readonly database: string,
  ) {}

  static async start(adminUrl: string, database: string): Promise<ServerCpuMeter> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const meter = new ServerCpuMeter(client, database);
    await meter.sample();
    for (const [pid, seconds] of meter.seen) meter.initial.set(pid, seconds);
    meter.timer = setInterval(() => {
      meter.sampling = meter.sampling.then(() => meter.sample());
    }, 50);
    return meter;
  }

  private async sample(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [
      this.database,
    ]);
    for (const { pid } of rows) {
      const seconds = processCpuSeconds(pid);
      if (seconds !== undefined) this.seen.set(pid, Math.max(seconds, this.seen.get(pid) ?? 0));
    }
  }

  /** CPU seconds the database's backends used since start. */
  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.sampling;
    await this.sample();
    await this.client.end();
    let total = 0;
    for (const [pid, seconds] of this.seen) total += seconds - (this.initial.get(pid) ?? 0);
    return total;
  }
}

interface ChildRun {
  seconds: number;
  /** User + system CPU of the CLI process. */
  cpuSeconds: number;
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
        '%M %U %S',
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
      const [kilobytes, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      resolvePromise({ seconds, cpuSeconds: user! + system!, peakRssMb: kilobytes! / 1024, stdout });
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

interface Measured {
  seconds: number;
  /** CPU of this process (PGlite runs in it) plus, on a server, of the database's backends. */
  cpuSeconds: number;
}

/**
 * COPY of the file into: a table of the report's columns, unindexed (the target's baseline); the
 * same with the primary key of sell-out lines, the least any import that keeps line ids unique
 * pays; or `sellout_lines` itself (key, BRIN indexes, checks, timestamps), the least any import
 * that stores the lines pays.
 */
type CopyTable = 'unindexed' | 'keyed' | 'sellout_lines';

async function bareCopy(
  file: string,
  db: SpurDb,
  server: ServerCpuMeter | undefined,
  table: CopyTable,
): Promise<Measured> {
  let copySql = 'copy bare_sellout from stdin with (format csv)';
  if (table === 'sellout_lines') {
    await migrate(db);
    // Every line needs an import id; one constant keeps the file as it is.
    await db.query('alter table sellout_lines alter column import_id set default 1');
    copySql = `copy sellout_lines (distributor_id, line_id, invoice_date, reseller_id, rep_id, sku, quantity,
                                   net_amount, currency) from stdin with (format csv)`;
  } else {
    // The keyed table's line id compares byte by byte, as in sellout_lines (migration 0012).
    await db.query(`create table bare_sellout (
      distributor_id text, line_id text ${table === 'keyed' ? 'collate "C"' : ''}, invoice_date date, reseller_id text, rep_id text, sku text,
      quantity integer, net_amount numeric, currency char(3)
      ${table === 'keyed' ? ', primary key (distributor_id, line_id)' : ''})`);
  }
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const copied = await db.withConnection((conn) => conn.copyFrom(copySql, fileChunks(file)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const serverSeconds = (await server?.stop()) ?? 0;
  if (copied !== lines && args.file === undefined)
    throw new Error(`bare COPY loaded ${copied} rows, expected ${lines}`);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 + serverSeconds };
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
  const importMeter = await importTarget.meterServer();
  const run = await runImport(file, importTarget.env);
  const importServerCpu = (await importMeter?.stop()) ?? 0;
  const importCpu = run.cpuSeconds + importServerCpu;
  console.log(run.stdout.trim());
  const check = await importTarget.open();
  const stored = await check.query<{ count: string }>('select count(*) as count from sellout_lines');
  await check.close();
  await importTarget.cleanup();

  const measureCopy = async (name: string, table: CopyTable) => {
    const target = await freshTarget(name);
    const db = await target.open();
    const measured = await bareCopy(file, db, await target.meterServer(), table);
    await db.close();
    await target.cleanup();
    return measured;
  };
  const copy = await measureCopy('copy', 'unindexed');
  const keyed = await measureCopy('keyed', 'keyed');
  const table = await measureCopy('table', 'sellout_lines');
  // The CLI reports the import's own time, without Node/tsx start-up and opening the database.
  const proper = /took ([\d.]+) s/.exec(run.stdout);
  if (!proper) throw new Error(`no "took N s" line in the import's output: ${run.stdout}`);
  const importSeconds = Number(proper[1]);

  const importRate = Math.round(lines / run.seconds);
  const serverPart = (seconds: number) => (importMeter ? `, of which database server ${seconds.toFixed(2)} s` : '');
  console.log(`lines stored:            ${stored.rows[0]!.count}`);
  console.log(
    `spur import sellout:     ${run.seconds.toFixed(2)} s, ${importRate} lines/s, peak RSS ${run.peakRssMb.toFixed(0)} MB (whole CLI process)`,
  );
  console.log(`  CPU time:              ${importCpu.toFixed(2)} s${serverPart(importServerCpu)}`);
  console.log(`  of which the import:   ${importSeconds.toFixed(2)} s (the rest is start-up and opening the database)`);
  const baseline = (label: string, measured: Measured) => {
    console.log(`${label.padEnd(25)}${measured.seconds.toFixed(2)} s, ${Math.round(lines / measured.seconds)} lines/s`);
    console.log(`  CPU time:              ${measured.cpuSeconds.toFixed(2)} s`);
  };
  baseline('bare COPY (unindexed):', copy);
  baseline('COPY with primary key:', keyed);
  baseline('COPY into sellout_lines:', table);
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(`ratio import/COPY:       ${ratio(run.seconds, copy.seconds)} wall, whole process (target <= 2)`);
  console.log(`                         ${ratio(importSeconds, copy.seconds)} wall, the import itself`);
  console.log(`                         ${ratio(importCpu, copy.cpuSeconds)} CPU time, whole process`);
  // What storing the lines costs at the least, whatever the import does before it.
  console.log(`floors, over bare COPY:  ${ratio(keyed.seconds, copy.seconds)} with the primary key alone`);
  console.log(`                         ${ratio(table.seconds, copy.seconds)} into sellout_lines`);
  console.log(`import/COPY into sellout_lines: ${ratio(importSeconds, table.seconds)} wall, the import itself`);
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
