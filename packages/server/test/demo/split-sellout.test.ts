import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDataset } from '../../src/demo/generate.ts';
import { SELLOUT_HEADER } from '../../src/demo/sellout.ts';
import { splitSellOutByDistributor } from '../../src/demo/split-sellout.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spur-demo-split-'));
  await generateDemoDataset({ lines: 20_000, seed: 3, outDir: dir });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('splitting the demo sell-out into distributor reports', () => {
  it('gives each distributor a report with the header and exactly its own lines, in the original order', async () => {
    const whole = (await readFile(join(dir, 'sellout.csv'), 'utf8')).split('\n').slice(1, -1);
    const reports = await splitSellOutByDistributor(join(dir, 'sellout.csv'), dir);
    expect(reports.size).toBeGreaterThan(30);
    let total = 0;
    for (const [distributorId, file] of reports) {
      const text = await readFile(file, 'utf8');
      expect(text.startsWith(SELLOUT_HEADER)).toBe(true);
      const lines = text.slice(SELLOUT_HEADER.length).split('\n').slice(0, -1);
      expect(lines).toEqual(whole.filter((line) => line.startsWith(`${distributorId},`)));
      total += lines.length;
    }
    expect(total).toBe(20_000);
  });

  it('refuses a file that is not a generated sell-out file', async () => {
    await expect(splitSellOutByDistributor(join(dir, 'partners.csv'), dir)).rejects.toThrow(/not the sell-out header/);
  });
});
