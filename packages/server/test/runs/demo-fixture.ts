import { join } from 'node:path';
import type { SpurDb } from '../../src/db/connection-types.ts';
import { generateDemoDataset } from '../../src/demo/generate.ts';
import { splitSellOutByDistributor } from '../../src/demo/split-sellout.ts';
import { importFxRates } from '../../src/masterdata/fx-import.ts';
import { importGoals } from '../../src/masterdata/goals-import.ts';
import { importPartners } from '../../src/masterdata/partners-import.ts';
import { importProducts } from '../../src/masterdata/products-import.ts';
import { importUsers } from '../../src/masterdata/users-import.ts';
import { importSellOutFile } from '../../src/sellout/import-service.ts';

/** Generates the demo CSVs into `dir` and imports them through the regular imports. */
export async function importDemoDataset(db: SpurDb, dir: string, lines: number, seed = 2026): Promise<void> {
  await generateDemoDataset({ lines, seed, outDir: dir });
  await importMasterData(db, dir);
  const reports = await splitSellOutByDistributor(join(dir, 'sellout.csv'), dir);
  for (const [distributorId, file] of reports) await importSellOutFile(db, { file, distributorId });
}

export async function importMasterData(db: SpurDb, dir: string): Promise<void> {
  const options = { actor: 'test' };
  await importPartners(db, join(dir, 'partners.csv'), options);
  await importUsers(db, join(dir, 'users.csv'), options);
  await importProducts(db, join(dir, 'products.csv'), options);
  await importFxRates(db, join(dir, 'fx.csv'), options);
  await importGoals(db, join(dir, 'goals.csv'), options);
}
