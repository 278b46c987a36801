/**
 * API benchmark: `DATABASE_URL=postgres://... npm run bench:api -- [--lines 1000000] [--reps 1000]
 * [--connections 200] [--duration 30] [--rate 2000] [--changes-per-minute N] [--keep-db NAME | --reuse-db NAME]
 * [--only saturation|rate|changes|single]`.
 * Generates and imports a demo year into a throwaway database on the PostgreSQL server, applies
 * and calculates the three example programs, signs in many different reps (sessions made
 * directly, as the sign-in would), starts `spur start` on that database as its own process, and
 * runs autocannon against the partner dashboard and statement as those reps, round robin.
 * Prints p50/p99 latency and throughput per endpoint mix, and the non-2xx answers: first as fast
 * as the connections go (closed loop, saturation, autocannon), then at a fixed offered rate
 * (`--rate`, evenly spaced requests, latency from when each was due), which is the honest reading
 * of "p99 under X at Y requests/s". Each run also prints where the CPU went
 * (API processes, PostgreSQL backends, the load generator) in milliseconds per request.
 * `--only` runs one group of those; SPUR_API_CACHE=off in the environment measures without caches.
 *
 * `--changes-per-minute N` adds runs during which another process commits a change of the
 * figures' tables N times a minute (as a run finishing in a worker would), so the API's caches
 * are dropped that often and refilled from the database.
 *
 * `--keep-db NAME` prepares into database NAME and keeps it; `--reuse-db NAME` skips the
 * preparation and measures against a database kept earlier (new sessions are made each time).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseProgram, periodsOf, scheduleOf } from '@spur/engine';
import autocannon from 'autocannon';
import pg from 'pg';
import { createSession } from '../src/auth/sessions.ts';
import { openDatabase } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { generateDemoDataset } from '../src/demo/generate.ts';
import { splitSellOutByDistributor } from '../src/demo/split-sellout.ts';
import { importFxRates } from '../src/masterdata/fx-import.ts';
import { importGoals } from '../src/masterdata/goals-import.ts';
import { importPartners } from '../src/masterdata/partners-import.ts';
import { importProducts } from '../src/masterdata/products-import.ts';
import { importUsers } from '../src/masterdata/users-import.ts';
import { applyProgram, changeProgramStatus } from '../src/programs/program-store.ts';
import { runCalculation } from '../src/runs/run-calculation.ts';
import { importSellOutFile } from '../src/sellout/import-service.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    reps: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '30' },
    seed: { type: 'string', default: '2026' },
    rate: { type: 'string', default: '2000' },
    'keep-db': { type: 'string' },
    'reuse-db': { type: 'string' },
    only: { type: 'string', default: 'all' },
    'changes-per-minute': { type: 'string', default: '0' },
  },
});
const lines = Number(args.lines);
const repCount = Number(args.reps);
const connections = Number(args.connections);
const duration = Number(args.duration);
const offeredRate = Number(args.rate);
const changesPerMinute = Number(args['changes-per-minute']);
const keepDb = args['keep-db'];
const reuseDb = args['reuse-db'];
if (keepDb && reuseDb) throw new Error('--keep-db and --reuse-db exclude each other');
for (const name of [keepDb, reuseDb]) {
  if (name !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a database name: ${name}`);
}
const PROGRAMS = ['cashpaq', '10hoch4', 'channelvalue'] as const;
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl)
  throw new Error(
    'bench:api runs on a PostgreSQL server: set DATABASE_URL (a throwaway database is created next to it)',
  );
const work = mkdtempSync(join(tmpdir(), 'spur-bench-api-'));

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new URL(serverUrl!);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** Loads the demo year and calculates every period of the example programs. */
async function prepare(url: string): Promise<void> {
  const db = await openDatabase({ databaseUrl: url, dataDir: '' });
  try {
    await migrate(db);
    const dataDir = join(work, 'data');
    let started = process.hrtime.bigint();
    await generateDemoDataset({ lines, seed: Number(args.seed), outDir: dataDir });
    const options = { actor: 'bench' };
    await importPartners(db, join(dataDir, 'partners.csv'), options);
    await importUsers(db, join(dataDir, 'users.csv'), options);
    await importProducts(db, join(dataDir, 'products.csv'), options);
    await importFxRates(db, join(dataDir, 'fx.csv'), options);
    await importGoals(db, join(dataDir, 'goals.csv'), options);
    const reports = await splitSellOutByDistributor(join(dataDir, 'sellout.csv'), dataDir);
    for (const [distributorId, file] of reports) await importSellOutFile(db, { file, distributorId });
    await db.query('analyze');
    const { rows: counted } = await db.query<{ n: string }>('select count(*)::text as n from sellout_lines');
    console.log(`generated and imported ${counted[0]!.n} sell-out lines in ${seconds(started).toFixed(1)} s`);
    started = process.hrtime.bigint();
    let runs = 0;
    for (const id of PROGRAMS) {
      const file = join(root, 'examples/programs', `${id}.yaml`);
      const text = readFileSync(file, 'utf8');
      await applyProgram(db, { text, source: file });
      await changeProgramStatus(db, id, 'activate');
      for (const period of periodsOf(scheduleOf(parseProgram(text)), '2026-12-31')) {
        await runCalculation(db, { programId: id, period: period.start, trigger: 'cli' });
        runs++;
      }
    }
    await db.query('analyze');
    const { rows: earnings } = await db.query<{ n: string }>('select count(*)::text as n from earnings');
    console.log(`calculated ${runs} program periods (${earnings[0]!.n} earnings) in ${seconds(started).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

/** Signs in up to --reps different reps with earnings (the sessions of an earlier run are removed first). */
async function signInReps(url: string): Promise<{ reps: string[] }> {
  const db = await openDatabase({ databaseUrl: url, dataDir: '' });
  try {
    await db.query(`delete from sessions where user_agent = 'bench:api'`);
    // Reps with earnings, spread over partners: many different dashboards and statements.
    const { rows } = await db.query<{ user_id: string }>(
      `select u.user_id from users u
       where u.role = 'sales_rep' and u.partner_id is not null and u.disabled_at is null
         and exists (select 1 from earnings e where e.participant_type = 'user' and e.participant_id = u.user_id)
       order by md5(u.user_id) limit $1`,
      [repCount],
    );
    const reps: string[] = [];
    for (const row of rows) {
      const session = await createSession(db, row.user_id, { ip: '127.0.0.1', userAgent: 'bench:api' });
      reps.push(session.token);
    }
    return { reps };
  } finally {
    await db.close();
  }
}

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'fatal',
  };
  const server = spawn(process.execPath, [join(root, 'packages/server/bin/spur.js'), 'start', '--no-demo'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`spur start exited with ${server.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('spur start did not answer within 60 s');
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

interface Mix {
  name: string;
  paths: string[];
}

const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

/** CPU seconds (user + system) of live processes, read from /proc: who used the cores during a run. */
function processCpu(): { pid: number; ppid: number; comm: string; seconds: number }[] {
  const found: { pid: number; ppid: number; comm: string; seconds: number }[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found; // Not Linux: no CPU breakdown.
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // Fields after the name: state ppid ... utime (12th) stime (13th), in clock ticks (100 per second).
      found.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        comm,
        seconds: (Number(fields[11]) + Number(fields[12])) / 100,
      });
    } catch {
      // The process ended while we read.
    }
  }
  return found;
}

/** CPU seconds so far of each live process, by pid, of the API (its process tree) and of PostgreSQL. */
interface CpuSample {
  api: Map<number, number>;
  /** Backends connected to the bench database. */
  postgres: Map<number, number>;
  /** Every other PostgreSQL process: other databases' backends, WAL writer, autovacuum, checkpointer. */
  otherPostgres: Map<number, number>;
  bench: number;
  machineBusy: number;
  machineTotal: number;
}

function machineTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((sum, value) => sum + value, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** The bench database's name, to tell its PostgreSQL backends from other databases' (shared machine). */
let benchDatabase = '';

function isBenchBackend(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${benchDatabase} `);
  } catch {
    return false;
  }
}

function sampleCpu(apiPid: number): CpuSample {
  const processes = processCpu();
  const children = new Map<number, number[]>();
  for (const p of processes) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const apiPids = new Set<number>();
  const queue = [apiPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    apiPids.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  const api = new Map<number, number>();
  const postgres = new Map<number, number>();
  const otherPostgres = new Map<number, number>();
  for (const p of processes) {
    if (apiPids.has(p.pid)) api.set(p.pid, p.seconds);
    else if (p.comm === 'postgres') (isBenchBackend(p.pid) ? postgres : otherPostgres).set(p.pid, p.seconds);
  }
  const usage = process.cpuUsage();
  const machine = machineTicks();
  return {
    api,
    postgres,
    otherPostgres,
    bench: (usage.user + usage.system) / 1e6,
    machineBusy: machine.busy,
    machineTotal: machine.total,
  };
}

/**
 * CPU used between two samples by processes alive at the end (a process that ended in between,
 * e.g. an autovacuum worker, is missed; one that started counts from zero).
 */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0;
  for (const [pid, seconds] of after) used += seconds - (before.get(pid) ?? 0);
  return used;
}

interface LoadOptions {
  clients?: number;
  seconds?: number;
  /** Requests per second offered, evenly spaced (open loop); undefined: as fast as answered (closed loop). */
  rate?: number;
}

interface Measured {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  bytes: number;
  /** What `bytes` counts: autocannon counts headers too. */
  bytesAre: string;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Closed loop: every connection sends its next request as soon as the answer arrives (autocannon). */
async function closedLoop(port: number, reps: string[], mix: Mix, clients: number, seconds: number): Promise<Measured> {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: clients,
    duration: seconds,
    requests: [
      {
        // Each request is another rep and, round robin, another endpoint of the mix.
        setupRequest: (request) => {
          const index = next++;
          return {
            ...request,
            method: 'GET',
            path: `/api/v1${mix.paths[index % mix.paths.length]}`,
            headers: { ...request.headers, cookie: `spur_session=${reps[index % reps.length]}` },
          };
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytes: result.throughput.total,
    bytesAre: 'bytes per answer with headers',
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}

/**
 * Open loop at a fixed rate: requests are sent evenly spaced (not in bursts: autocannon's
 * overallRate lets each connection send its share at the start of every second, which measures a
 * burst of 2,000 requests, not 2,000 requests/s). At most `clients` are in flight on keep-alive
 * connections; a request that has to wait for a free connection counts its wait, because its
 * latency is measured from when it was due, so a slow server cannot hide queueing (no
 * coordinated omission).
 */
async function openLoop(
  port: number,
  reps: string[],
  mix: Mix,
  clients: number,
  seconds: number,
  rate: number,
): Promise<Measured> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  /** The slowest answer of each second of the run, to tell a pause from steady queueing. */
  const slowest: number[] = [];
  const measured = { requests: 0, ok: 0, non2xx: 0, errors: 0, bytes: 0 };
  const total = Math.round(rate * seconds);
  const started = performance.now();
  let sent = 0;
  let answered = 0;
  await new Promise<void>((done) => {
    const finish = () => {
      answered++;
      if (answered === total) done();
    };
    const fire = (index: number, due: number) => {
      const request = http.get(
        {
          agent,
          host: '127.0.0.1',
          port,
          path: `/api/v1${mix.paths[index % mix.paths.length]}`,
          headers: { cookie: `spur_session=${reps[index % reps.length]}` },
        },
        (response) => {
          response.on('data', (chunk: Buffer) => {
            measured.bytes += chunk.length;
          });
          response.on('end', () => {
            const latency = performance.now() - due;
            latencies.push(latency);
            const second = Math.floor((due - started) / 1000);
            slowest[second] = Math.max(slowest[second] ?? 0, latency);
            measured.requests++;
            if (response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300)
              measured.ok++;
            else measured.non2xx++;
            finish();
          });
        },
      );
      request.on('error', () => {
        measured.errors++;
        finish();
      });
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
      while (sent < due) {
        fire(sent, started + (sent * 1000) / rate);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    ...measured,
    bytesAre: `body bytes per answer; slowest answer of each second (ms): ${slowest.map((ms) => Math.round(ms)).join(' ')}`,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: Math.round(latencies[latencies.length - 1] ?? 0),
  };
}

async function load(server: ChildProcess, port: number, reps: string[], mix: Mix, options: LoadOptions = {}) {
  const clients = options.clients ?? connections;
  const seconds = options.seconds ?? duration;
  const before = sampleCpu(server.pid!);
  const began = performance.now();
  const result =
    options.rate === undefined
      ? await closedLoop(port, reps, mix, clients, seconds)
      : await openLoop(port, reps, mix, clients, seconds, options.rate);
  const elapsed = (performance.now() - began) / 1000;
  const after = sampleCpu(server.pid!);
  const total = Math.max(1, result.requests);
  const perRequest = (cpuSeconds: number) => ((cpuSeconds * 1000) / total).toFixed(2);
  const busy =
    after.machineTotal > before.machineTotal
      ? (100 * (after.machineBusy - before.machineBusy)) / (after.machineTotal - before.machineTotal)
      : Number.NaN;
  const offered = options.rate === undefined ? 'closed loop' : `open loop at ${options.rate} req/s`;
  console.log(
    `${mix.name}, ${clients} connections, ${offered}: ${result.requests} answers in ${elapsed.toFixed(1)} s, ${(result.requests / elapsed).toFixed(0)} req/s; ` +
      `latency p50 ${result.p50} ms, p90 ${result.p90} ms, p99 ${result.p99} ms, max ${result.max} ms; ` +
      `2xx ${result.ok}, non-2xx ${result.non2xx}, errors ${result.errors}, ` +
      `${(result.bytes / total).toFixed(0)} ${result.bytesAre}; ` +
      `CPU ms per request: API ${perRequest(cpuBetween(before.api, after.api))}, PostgreSQL backends ${perRequest(cpuBetween(before.postgres, after.postgres))} ` +
      `(other PostgreSQL processes ${perRequest(cpuBetween(before.otherPostgres, after.otherPostgres))}), ` +
      `load generator ${perRequest(after.bench - before.bench)}; machine ${busy.toFixed(0)}% busy; load average ${loadAverage()}`,
  );
}

async function main() {
  const database = reuseDb ?? keepDb ?? `spur_bench_api_${process.pid}`;
  benchDatabase = database;
  const url = new URL(serverUrl!);
  url.pathname = `/${database}`;
  if (!reuseDb) await adminQuery(`create database ${database}`);
  let server: ChildProcess | undefined;
  try {
    console.log(
      `api benchmark: ${reuseDb ? 'kept dataset' : `${lines} sell-out lines`}, ${repCount} reps, ${connections} connections, ` +
        `${duration} s per run, ${cpus().length} CPUs (load average ${loadAverage()}), one API process, caches ${process.env.SPUR_API_CACHE === 'off' ? 'off' : 'on'}, ` +
        `PostgreSQL database ${database}${reuseDb ? ' (reused)' : keepDb ? ' (kept)' : ''}`,
    );
    if (!reuseDb) await prepare(url.toString());
    const { reps } = await signInReps(url.toString());
    console.log(`signed in ${reps.length} different reps`);
    const port = await freePort();
    server = await startServer(url.toString(), port);
    // Warm-up: every rep's dashboard and statement once (20 at a time), so JIT, the database's
    // buffers and the API's caches are in the steady state of a server that has been up a while.
    // What a change costs (all caches dropped and refilled) is measured by --changes-per-minute.
    const warmups = reps.flatMap((rep) => ['/partner/dashboard', '/partner/statement'].map((path) => ({ rep, path })));
    for (let i = 0; i < warmups.length; i += 20) {
      await Promise.all(
        warmups.slice(i, i + 20).map(async ({ rep, path }) => {
          const answer = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
            headers: { cookie: `spur_session=${rep}` },
          });
          await answer.arrayBuffer();
        }),
      );
    }
    const dashboard = { name: 'dashboard', paths: ['/partner/dashboard'] };
    const statement = { name: 'statement', paths: ['/partner/statement'] };
    const mixed = { name: 'dashboard + statement', paths: ['/partner/dashboard', '/partner/statement'] };
    const only = args.only;
    if (only === 'all' || only === 'saturation') {
      await load(server, port, reps, dashboard);
      await load(server, port, reps, statement);
      await load(server, port, reps, mixed);
    }
    // The target as a service level: at a fixed offered rate, what latency does a request see?
    if ((only === 'all' || only === 'rate') && offeredRate > 0) {
      await load(server, port, reps, dashboard, { rate: offeredRate });
      await load(server, port, reps, statement, { rate: offeredRate });
      await load(server, port, reps, mixed, { rate: offeredRate });
    }
    if ((only === 'all' || only === 'changes') && changesPerMinute > 0) {
      // Another process (like a worker finishing a run) commits a change of the figures' tables:
      // an update of no row still fires the statement triggers, whose NOTIFY drops the caches.
      const writer = new pg.Client({ connectionString: url.toString() });
      await writer.connect();
      const timer = setInterval(
        () => void writer.query('update program_periods set label = label where false').catch(() => {}),
        60_000 / changesPerMinute,
      );
      try {
        const changing = (mix: Mix) => ({ ...mix, name: `${mix.name}, ${changesPerMinute} changes/min` });
        await load(server, port, reps, changing(mixed));
        if (offeredRate > 0) await load(server, port, reps, changing(mixed), { rate: offeredRate });
      } finally {
        clearInterval(timer);
        await writer.end();
      }
    }
    // One connection: the time a request takes when none waits behind another (service time).
    if (only === 'all' || only === 'single') {
      await load(server, port, reps, dashboard, { clients: 1, seconds: 10 });
      await load(server, port, reps, statement, { clients: 1, seconds: 10 });
    }
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((ok) => server!.once('exit', ok));
      server.kill('SIGTERM');
      await exited;
    }
    if (!keepDb && !reuseDb) await adminQuery(`drop database if exists ${database} with (force)`);
    else console.log(`kept database ${database}: measure again with --reuse-db ${database}`);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
