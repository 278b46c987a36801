import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';
import { seedSellOutMasterData } from './master-data.ts';

const run = promisify(execFile);
const SPUR = fileURLToPath(new URL('../../bin/spur.js', import.meta.url));
const BAD_VALUES = fileURLToPath(new URL('../fixtures/sellout/bad-values.csv', import.meta.url));

describe(`spur import sellout on ${testDriver}`, () => {
  let db: TestDb | undefined;
  let dataDir: string | undefined;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    if (testDriver === 'postgres') {
      db = await createTestDb();
      await seedSellOutMasterData(db);
      env = { ...process.env, DATABASE_URL: db.url };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'spur-sellout-cli-'));
      const embedded = await openDatabase({ databaseUrl: undefined, dataDir });
      try {
        await migrate(embedded);
        await seedSellOutMasterData(embedded);
      } finally {
        await embedded.close();
      }
      env = { ...process.env, DATABASE_URL: '', SPUR_DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    await db?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints every bad row as file:line: column "value": reason and exits with 2 while keeping the good rows', async () => {
    const failure = await run(process.execPath, [SPUR, 'import', 'sellout', BAD_VALUES, '--distributor', 'D-1'], {
      env,
    }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    const errorLines = failure!.stderr.split('\n').filter((line) => line.startsWith(`${BAD_VALUES}:`));
    expect(errorLines[0]).toMatch(new RegExp(`^${BAD_VALUES}:2: invoice_date "2026-02-30": `));
    expect(errorLines.some((line) => line.startsWith(`${BAD_VALUES}:3: quantity "1.5": `))).toBe(true);
    expect(failure!.stdout).toMatch(/errors [1-9]/);
  });
});
