/**
 * The sell-out import as the CLI runs it, in a process of its own, for the crash tests: the same
 * configuration, database and progress output as `spur import sellout`, without the other areas'
 * commands. Usage: node bin/run-ts.js test/sellout/import-child.ts FILE DISTRIBUTOR
 */
import { withDatabase } from '../../src/cli/context.ts';
import { importSummary } from '../../src/sellout/cli-format.ts';
import { importSellOutFile } from '../../src/sellout/import-service.ts';
import { createImportProgress } from '../../src/sellout/progress.ts';

const [file, distributorId] = process.argv.slice(2);
if (!file || !distributorId) throw new Error('usage: import-child.ts FILE DISTRIBUTOR');
const progress = createImportProgress();
const report = await withDatabase((db) =>
  importSellOutFile(db, {
    file,
    distributorId,
    onProgress: (step) => progress.update(step),
    onStaged: () => progress.finishReading(),
    onFallback: (reason) => progress.restart(reason),
  }),
);
console.log(importSummary({ ...report, fileName: file }));
