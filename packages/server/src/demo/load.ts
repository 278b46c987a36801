import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpurDb } from '../db/connection-types.ts';
import { importFxRates } from '../masterdata/fx-import.ts';
import { importGoals } from '../masterdata/goals-import.ts';
import type { ImportReport } from '../masterdata/import-runner.ts';
import { importPartners } from '../masterdata/partners-import.ts';
import { importProducts } from '../masterdata/products-import.ts';
import { importUsers } from '../masterdata/users-import.ts';
import { importSellOutFile } from '../sellout/import-service.ts';
import { type DemoAccessReport, grantDemoAccess } from './access.ts';
import { DEFAULT_DEMO_SEED, generateDemoDataset } from './generate.ts';
import { splitSellOutByDistributor } from './split-sellout.ts';

/** The size of the dataset `npm start` loads on first start: enough for every demo, loaded in seconds. */
export const FIRST_START_LINES = 50_000;

/** The audit log names this actor for every row the demo load writes. */
export const DEMO_ACTOR = 'demo-load';

export interface DemoLoadOptions {
  lines?: number;
  seed?: number;
  /** Load even when the database already has partners (completes an interrupted load; upserts are idempotent). */
  force?: boolean;
  /** One line per step, for a console. */
  onStep?: (message: string) => void;
}

export interface DemoLoadReport {
  loaded: boolean;
  /** Why nothing was loaded, when `loaded` is false. */
  skipped?: string;
  masterData: ImportReport[];
  sellOut: {
    files: number;
    linesRead: number;
    imported: number;
    duplicates: number;
    quarantined: number;
    errors: number;
  };
  access: DemoAccessReport;
  milliseconds: number;
}

async function hasPartners(db: SpurDb): Promise<boolean> {
  const result = await db.query<{ present: boolean }>('select exists (select 1 from partners) as present');
  return result.rows[0]?.present === true;
}

/**
 * Generates a small demo dataset into a temporary folder, imports it through the regular master
 * data and sell-out imports and makes the demo accounts usable (roles, password), only when the
 * database has no partners yet (first start).
 */
export async function loadDemoData(db: SpurDb, options: DemoLoadOptions = {}): Promise<DemoLoadReport> {
  const started = process.hrtime.bigint();
  const step = options.onStep ?? (() => {});
  const emptySellOut = { files: 0, linesRead: 0, imported: 0, duplicates: 0, quarantined: 0, errors: 0 };
  if (!options.force && (await hasPartners(db))) {
    return {
      loaded: false,
      skipped: 'the database already has partners',
      masterData: [],
      sellOut: emptySellOut,
      access: { rolesGiven: 0, passwordsSet: 0 },
      milliseconds: 0,
    };
  }
  const lines = options.lines ?? FIRST_START_LINES;
  const dir = await mkdtemp(join(tmpdir(), 'spur-demo-'));
  try {
    step(`generating demo data (${lines} sell-out lines)`);
    await generateDemoDataset({ lines, seed: options.seed ?? DEFAULT_DEMO_SEED, outDir: dir });
    const importOptions = { actor: DEMO_ACTOR };
    const masterData: ImportReport[] = [];
    // Partners before the users, goals and sell-out that name them.
    for (const [file, importer] of [
      ['partners.csv', importPartners],
      ['users.csv', importUsers],
      ['products.csv', importProducts],
      ['fx.csv', importFxRates],
      ['goals.csv', importGoals],
    ] as const) {
      step(`importing ${file}`);
      masterData.push(await importer(db, join(dir, file), importOptions));
    }
    const reports = await splitSellOutByDistributor(join(dir, 'sellout.csv'), dir);
    step(`importing sell-out reports of ${reports.size} distributors`);
    const sellOut = { ...emptySellOut };
    for (const [distributorId, file] of reports) {
      const report = await importSellOutFile(db, { file, distributorId });
      sellOut.files++;
      sellOut.linesRead += report.linesRead;
      sellOut.imported += report.imported;
      sellOut.duplicates += report.duplicates;
      sellOut.quarantined += report.quarantined;
      sellOut.errors += report.errors;
    }
    step('giving the demo accounts their roles and password');
    const access = await grantDemoAccess(db, DEMO_ACTOR);
    const milliseconds = Number((process.hrtime.bigint() - started) / 1_000_000n);
    return { loaded: true, masterData, sellOut, access, milliseconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
