import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';
import { fixture } from './master-data-files.ts';

const run = promisify(execFile);
const SPUR = fileURLToPath(new URL('../../bin/spur.js', import.meta.url));

describe(`spur import partners|users|products|fx|goals on ${testDriver}`, () => {
  let db: TestDb | undefined;
  let dataDir: string | undefined;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    if (testDriver === 'postgres') {
      db = await createTestDb();
      env = { ...process.env, DATABASE_URL: db.url };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'spur-import-cli-'));
      env = { ...process.env, DATABASE_URL: '', SPUR_DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    await db?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const spur = (...args: string[]) => run(process.execPath, [SPUR, ...args], { env });

  it('imports a file, prints its report and names the actor in the audit log', async () => {
    const path = await fixture('partners.csv');
    const { stdout } = await spur('import', 'partners', path, '--actor', 'maria');
    expect(stdout.trim()).toBe(`${path}: partner rows read 5, created 5, updated 0, unchanged 0`);
    const reader = db ?? (await openDatabase({ databaseUrl: undefined, dataDir: dataDir! }));
    try {
      const { rows } = await reader.query("select distinct actor from audit_log where entity = 'partner'");
      expect(rows).toEqual([{ actor: 'maria' }]);
    } finally {
      if (!db) await reader.close();
    }
  });

  it('exits with 1 and lists every error, one line each, when a file has bad rows', async () => {
    const path = await fixture('products-bad.csv');
    const failure = await spur('import', 'products', path).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.split('\n').slice(0, 6)).toEqual([
      `error: ${path}: 5 errors, nothing imported`,
      `${path}:2: name "": is required`,
      `${path}:3: sku "": is required`,
      `${path}:4: family "": is required`,
      `${path}:4: category "": is required`,
      `${path}:6: sku "SRV-X3": repeats the product of line 5`,
    ]);
  });

  it('explains the columns of each file in --help', async () => {
    const { stdout } = await spur('import', 'fx', '--help');
    expect(stdout).toContain('Columns: month,currency,eur_rate');
    expect(stdout).toContain('--actor <name>');
  });
});
