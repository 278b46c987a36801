import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SpurDb } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { SYNTHETIC_REPORT, seedSyntheticMasterData, writeSyntheticReport } from '../../src/sellout/synthetic-report.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const runTs = resolve(import.meta.dirname, '../../bin/run-ts.js');
// The import as `spur import sellout` runs it, without the CLI's other commands (see import-child.ts).
const importChild = resolve(import.meta.dirname, 'import-child.ts');
const work = mkdtempSync(join(tmpdir(), 'spur-sellout-crash-'));
const report = join(work, 'report.csv');
/** Large enough that staging and merging take seconds, so a kill lands inside them. */
const LINES = 200_000;

let serverDb: TestDb | undefined;
let env: Record<string, string>;
let dataDir: string | undefined;

/** The database the child processes use; PGlite is single-process, so opened only between runs. */
async function withDb<T>(fn: (db: SpurDb) => Promise<T>): Promise<T> {
  if (serverDb) return fn(serverDb);
  const db = await openDatabase({ databaseUrl: undefined, dataDir: dataDir! });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

interface Run {
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the import in a child process; when `killAt` matches its progress output, kills it with SIGKILL after `delayMs`. */
function runImport(killAt?: RegExp, delayMs = 0): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child: ChildProcess = spawn(process.execPath, [runTs, importChild, report, SYNTHETIC_REPORT.distributorId], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let armed = killAt !== undefined;
    child.stdout!.on('data', (data: Buffer) => {
      stdout += data.toString();
    });
    child.stderr!.on('data', (data: Buffer) => {
      stderr += data.toString();
      if (armed && killAt!.test(stderr)) {
        armed = false;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

async function counts() {
  return withDb(async (db) => {
    const result = await db.query<{ lines: string; imports: string; errors: string }>(
      `select (select count(*) from sellout_lines) as lines, (select count(*) from sellout_imports) as imports,
              (select count(*) from sellout_import_errors) as errors`,
    );
    return result.rows[0]!;
  });
}

beforeAll(async () => {
  await writeSyntheticReport(report, LINES);
  if (process.env.DATABASE_URL) {
    serverDb = await createTestDb();
    env = { DATABASE_URL: serverDb.url! };
  } else {
    dataDir = join(work, 'data');
    env = { SPUR_DATA_DIR: dataDir };
    await withDb((db) => migrate(db).then(() => undefined));
  }
  await withDb((db) => seedSyntheticMasterData(db));
}, 120_000);

afterAll(async () => {
  await serverDb?.destroy();
  rmSync(work, { recursive: true, force: true });
});

describe('an import killed with SIGKILL', () => {
  it('while reading and copying the file leaves nothing, and running it again imports the whole file', async () => {
    const killed = await runImport(/[1-9][0-9]* lines read/, 0);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stderr).not.toContain('merging');
    expect(await counts()).toEqual({ lines: '0', imports: '0', errors: '0' });

    const rerun = await runImport();
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`read ${LINES}, imported ${LINES}, duplicates 0`);
    expect(await counts()).toEqual({ lines: String(LINES), imports: '1', errors: '0' });
  }, 300_000);

  it('while merging leaves the earlier state, and running it again adds nothing twice', async () => {
    const killed = await runImport(/merging/, 0);
    expect(killed.signal).toBe('SIGKILL');
    expect(await counts()).toEqual({ lines: String(LINES), imports: '1', errors: '0' });

    const rerun = await runImport();
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`read ${LINES}, imported 0, duplicates ${LINES}`);
    expect(await counts()).toEqual({ lines: String(LINES), imports: '2', errors: '0' });
  }, 300_000);
});
