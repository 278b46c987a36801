import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeChunks } from './csv.ts';
import { SELLOUT_HEADER } from './sellout.ts';

/**
 * Splits the generated sellout.csv into one report per distributor, as distributors send them:
 * the sell-out import takes one distributor's file at a time. Generated lines hold no quotes or
 * line breaks, so a line of text is a row. Holds the lines in memory: meant for the small
 * first-start dataset, not for benchmark sizes.
 */
export async function splitSellOutByDistributor(sellOutFile: string, outDir: string): Promise<Map<string, string>> {
  const linesByDistributor = new Map<string, string[]>();
  const reader = createInterface({ input: createReadStream(sellOutFile, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let header = true;
  for await (const line of reader) {
    if (header) {
      if (`${line}\n` !== SELLOUT_HEADER) throw new Error(`${sellOutFile}: line 1 is not the sell-out header`);
      header = false;
      continue;
    }
    if (line === '') continue;
    const distributorId = line.slice(0, line.indexOf(','));
    let lines = linesByDistributor.get(distributorId);
    if (!lines) {
      lines = [];
      linesByDistributor.set(distributorId, lines);
    }
    lines.push(`${line}\n`);
  }
  const files = new Map<string, string>();
  for (const [distributorId, lines] of [...linesByDistributor].sort(([a], [b]) => a.localeCompare(b))) {
    const file = join(outDir, `sellout-${distributorId}.csv`);
    await writeChunks(file, [SELLOUT_HEADER, lines.join('')]);
    files.set(distributorId, file);
  }
  return files;
}
