/**
 * Measures one sell-out upload through the real HTTP server (not a test): time until the 202,
 * time until the import is finished, and the process's peak RSS, on the embedded database or on
 * DATABASE_URL. Usage: node packages/server/bin/run-ts.js packages/server/test/uploads/measure-upload.ts [LINES]
 */
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createSession } from '../../src/auth/sessions.ts';
import { createUser } from '../../src/auth/users.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadJobSettings } from '../../src/jobs/job-settings.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { SYNTHETIC_REPORT, seedSyntheticMasterData, writeSyntheticReport } from '../../src/sellout/synthetic-report.ts';
import { adminUrl, withDatabaseName } from '../helpers/test-db.ts';

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(url) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const lines = Number(process.argv[2] ?? 200_000);
const folder = await mkdtemp(join(tmpdir(), 'spur-measure-upload-'));
// On a server, a database of its own (created and dropped here), so the measurement leaves nothing behind.
const serverUrl = process.env.DATABASE_URL;
const measureDb = `spur_measure_upload_${process.pid}`;
if (serverUrl) await adminQuery(serverUrl, `create database ${measureDb}`);
const db = await openDatabase({
  databaseUrl: serverUrl ? withDatabaseName(serverUrl, measureDb) : undefined,
  dataDir: join(folder, 'db'),
});
await migrate(db);
await seedSyntheticMasterData(db);
const user = await createUser(db, 'measure', {
  email: `measure-${Date.now()}@dist.example`,
  name: 'Measure',
  role: 'distributor_admin',
  partnerId: SYNTHETIC_REPORT.distributorId,
  language: 'en',
});
const session = await createSession(db, user.user_id, { ip: '127.0.0.1', userAgent: 'measure' });
const report = join(folder, 'report.csv');
await writeSyntheticReport(report, lines);
// As `spur start`: the worker beside the API imports the upload.
const worker = await startWorker(db, loadJobSettings({}), { concurrency: 1, log: () => {} });
const app = await buildApp({
  db,
  logLevel: 'warn',
  mailer: createMailer({ smtpUrl: undefined }),
  uploads: worker.uploads,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const headers = { cookie: `spur_session=${session.token}; spur_csrf=${session.csrfToken}` };

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const form = new FormData();
form.append('file', await openAsBlob(report), 'report.csv');
const started = performance.now();
const accepted = await fetch(`${base}/api/v1/sellout/imports`, {
  method: 'POST',
  headers: { ...headers, 'x-csrf-token': session.csrfToken },
  body: form,
});
const answered = performance.now();
const { import_id: importId } = (await accepted.json()) as { import_id: string };
let status: { status: string; imported: number; errors: number };
for (;;) {
  status = (await (await fetch(`${base}/api/v1/sellout/imports/${importId}`, { headers })).json()) as typeof status;
  if (status.status !== 'running') break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const finished = performance.now();
clearInterval(sampler);
const bytes = (await stat(report)).size;
console.log(
  `${lines} lines, ${(bytes / 1024 / 1024).toFixed(1)} MiB, driver ${process.env.DATABASE_URL ? 'postgres' : 'pglite'}: ` +
    `202 after ${((answered - started) / 1000).toFixed(2)} s, ${status.status} after ${((finished - started) / 1000).toFixed(1)} s ` +
    `(${Math.round(lines / ((finished - started) / 1000))} lines/s), imported ${status.imported}, errors ${status.errors}, ` +
    `peak RSS ${Math.round(peakRss / 1024 / 1024)} MiB`,
);
await app.close();
await worker.stop();
await db.close();
if (serverUrl) await adminQuery(serverUrl, `drop database ${measureDb} with (force)`);
await rm(folder, { recursive: true, force: true });
