import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SpurDb } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { postTransaction } from '../../src/ledger/post-transaction.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';

const run = promisify(execFile);
const SPUR = join(import.meta.dirname, '../../bin/spur.js');

describe(`spur ledger on ${testDriver}`, () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    let db: SpurDb;
    if (testDriver === 'postgres') {
      const testDb: TestDb = await createTestDb();
      db = testDb;
      env = { ...process.env, DATABASE_URL: testDb.url };
      cleanup = () => testDb.destroy();
    } else {
      // The CLI is another process: it needs a PGlite data directory, not an in-memory database.
      const dir = mkdtempSync(join(tmpdir(), 'spur-ledger-cli-'));
      db = await openDatabase({ databaseUrl: undefined, dataDir: dir });
      await migrate(db);
      env = { ...process.env, DATABASE_URL: '', SPUR_DATA_DIR: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    await db.transaction(async (tx) => {
      for (const [key, amount] of [
        ['cli-1', '1250.50'],
        ['cli-2', '980'],
        ['cli-3', '20'],
      ] as const) {
        await postTransaction(tx, {
          key,
          description: 'CashPaq bonus',
          entries: [
            { account: 'program:cashpaq:expense:SEK', side: 'debit', amount },
            { account: 'participant:partner:R-1001:SEK', side: 'credit', amount },
          ],
        });
      }
    });
    if (testDriver === 'pglite') await db.close();
  }, 120_000);
  afterAll(async () => {
    await cleanup();
  });

  it('prints the balance of a participant with the scale of its currency', async () => {
    const { stdout } = await run('node', [SPUR, 'ledger', 'balance', '--participant', 'R-1001'], { env });
    expect(stdout.split('\n')[1]).toMatch(/^participant:partner:R-1001:SEK\s+SEK\s+2250\.50\s+0\.00\s+2250\.50$/);
  });

  it('pages entries and says how to continue', async () => {
    const { stdout } = await run(
      'node',
      [SPUR, 'ledger', 'entries', '--participant', 'partner:R-1001', '--limit', '2'],
      {
        env,
      },
    );
    expect(stdout).toContain('cli-1');
    expect(stdout).toContain('cli-2');
    expect(stdout).not.toContain('cli-3');
    expect(stdout).toMatch(/more: --after \d+/);
  });

  it('fails with one line naming the unknown unit', async () => {
    const failure = await run('node', [SPUR, 'ledger', 'balance', '--participant', 'R-1001', '--unit', 'EURO'], {
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('error: --unit: unknown unit "EURO"');
  });
});
