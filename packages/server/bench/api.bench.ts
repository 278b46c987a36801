/**
 * API benchmark: `DATABASE_URL=postgres://... npm run bench:api -- [--lines 1000000] [--reps 1000]
 * [--connections 200] [--duration 30]`.
 * Generates and imports a demo year into a throwaway database on the PostgreSQL server, applies
 * and calculates the three example programs, signs in many different reps (sessions made
 * directly, as the sign-in would), starts `spur start` on that database as its own process, and
 * runs autocannon against the partner dashboard and statement as those reps, round robin.
 * Prints p50/p99 latency and throughput per endpoint mix, and the non-2xx answers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  },
});
const lines = Number(args.lines);
const repCount = Number(args.reps);
const connections = Number(args.connections);
const duration = Number(args.duration);
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
async function prepare(url: string): Promise<{ reps: string[] }> {
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
  const env = { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'fatal' };
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

async function load(port: number, reps: string[], mix: Mix, clients = connections, seconds = duration) {
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
  const ok = result['2xx'];
  console.log(
    `${mix.name}, ${clients} connections: ${result.requests.total} requests in ${seconds} s, ${result.requests.average.toFixed(0)} req/s average; ` +
      `latency p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
      `2xx ${ok}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}; load average ${loadAverage()}`,
  );
}

async function main() {
  const database = `spur_bench_api_${process.pid}`;
  const url = new URL(serverUrl!);
  url.pathname = `/${database}`;
  await adminQuery(`create database ${database}`);
  let server: ChildProcess | undefined;
  try {
    console.log(
      `api benchmark: ${lines} sell-out lines, ${repCount} reps, ${connections} connections, ${duration} s per run, ` +
        `${cpus().length} CPUs (load average ${loadAverage()}), PostgreSQL database ${database}`,
    );
    const { reps } = await prepare(url.toString());
    console.log(`signed in ${reps.length} different reps`);
    const port = await freePort();
    server = await startServer(url.toString(), port);
    // A short warm-up so JIT and the database caches are in the steady state the figures describe.
    await fetch(`http://127.0.0.1:${port}/api/v1/partner/dashboard`, {
      headers: { cookie: `spur_session=${reps[0]}` },
    });
    await load(port, reps, { name: 'dashboard', paths: ['/partner/dashboard'] });
    await load(port, reps, { name: 'statement', paths: ['/partner/statement'] });
    await load(port, reps, { name: 'dashboard + statement', paths: ['/partner/dashboard', '/partner/statement'] });
    // One connection: the time a request takes when none waits behind another (service time).
    await load(port, reps, { name: 'dashboard', paths: ['/partner/dashboard'] }, 1, 10);
    await load(port, reps, { name: 'statement', paths: ['/partner/statement'] }, 1, 10);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((ok) => server!.once('exit', ok));
      server.kill('SIGTERM');
      await exited;
    }
    await adminQuery(`drop database if exists ${database} with (force)`);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
