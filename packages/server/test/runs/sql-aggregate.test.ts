import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  aggregateSpec,
  type Program,
  parseProgram,
  periodsOf,
  SellOutAggregator,
  type SellOutFact,
  scheduleOf,
} from '@spur/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateInSql, aggregateRangeInSql } from '../../src/runs/sql-aggregate.ts';
import { readMasterDataFiles } from '../../src/simulate/master-data-files.ts';
import { aggregateSellOutFile } from '../../src/simulate/sellout-file.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { importDemoDataset } from './demo-fixture.ts';

const EXAMPLES = join(import.meta.dirname, '../../../../examples/programs');

function factKey(fact: SellOutFact): string {
  return JSON.stringify([
    fact.periodStart,
    fact.resellerId,
    fact.repId,
    fact.distributorId,
    fact.product,
    fact.invoiceMonth,
    fact.currency,
    fact.promotionIds,
    fact.invoiceDate,
    fact.lineId,
  ]);
}

function sorted(facts: readonly SellOutFact[]): SellOutFact[] {
  return [...facts].sort((a, b) => (factKey(a) < factKey(b) ? -1 : 1));
}

let db: TestDb;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'spur-sql-aggregate-'));
  await importDemoDataset(db, dir, 3000);
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function example(name: string): Promise<Program> {
  return parseProgram(await readFile(join(EXAMPLES, `${name}.yaml`), 'utf8'));
}

describe('the SQL aggregation of stored sell-out lines', () => {
  it.each(['cashpaq', '10hoch4', 'channelvalue'])(
    'produces exactly the engine aggregator facts of every %s period from the same demo CSVs, per period and in one scan of the year',
    async (name) => {
      const program = await example(name);
      const spec = aggregateSpec(program);
      const masterData = await readMasterDataFiles(dir);
      const aggregator = new SellOutAggregator(
        spec,
        scheduleOf(program),
        new Map(masterData.products.map((p) => [p.sku, p])),
      );
      await aggregateSellOutFile(join(dir, 'sellout.csv'), aggregator);
      const engineFacts = aggregator.facts();
      const periods = periodsOf(scheduleOf(program), '2026-12-31');
      const sqlFacts: SellOutFact[] = [];
      for (const period of periods) sqlFacts.push(...(await aggregateInSql(db, spec, period)));
      expect(engineFacts.length).toBeGreaterThan(0);
      expect(sorted(sqlFacts)).toEqual(sorted(engineFacts));
      const yearFacts = await aggregateRangeInSql(db, spec, program.period, {
        from: '2026-01-01',
        to: periods.at(-1)!.end,
      });
      expect(sorted(yearFacts)).toEqual(sorted(engineFacts));
    },
    60_000,
  );

  it('keeps one fact per line for first_come budgets, in the engine order fields', async () => {
    const program = await example('cashpaq');
    const firstCome = { ...program, budget: { amount: '100000', policy: 'first_come' as const } };
    const spec = aggregateSpec(firstCome);
    const period = periodsOf(scheduleOf(firstCome), '2026-01-30')[0]!;
    const facts = await aggregateInSql(db, spec, period);
    expect(facts.length).toBeGreaterThan(0);
    for (const fact of facts) {
      expect(fact.lines).toBe(1);
      expect(fact.lineId).not.toBeNull();
      expect(fact.invoiceDate! >= period.start && fact.invoiceDate! <= period.end).toBe(true);
    }
  });
});
