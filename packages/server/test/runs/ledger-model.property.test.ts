import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import type { SpurDb } from '../../src/db/connection-types.ts';
import { checkLedger } from '../../src/ledger/check-ledger.ts';
import { runCalculation } from '../../src/runs/run-calculation.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { activeProgram, importLines, seedSmallChannel } from './small-fixture.ts';

/**
 * End to end against a tiny model: random imports (new lines, corrections, returns), provisional
 * and final runs, and two runs at once; after every step each participant's ledger balance, its
 * payouts and the stored earnings must equal what the model says.
 */

const RESELLERS = ['R-1', 'R-2', 'R-3'] as const;
const MONTHS = ['2026-01', '2026-02', '2026-03'] as const;
const NEXT: Record<string, string> = {
  '2026-01': '2026-02',
  '2026-02': '2026-03',
  '2026-03': '2026-04',
  '2026-04': '2026-05',
};

type Step =
  | { type: 'import'; lines: { slot: number; month: number; reseller: number; quantity: number }[] }
  | { type: 'run'; month: number; final: boolean }
  | { type: 'concurrent'; month: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    type: fc.constant('import' as const),
    lines: fc.array(
      fc.record({
        slot: fc.integer({ min: 0, max: 7 }), // a reused slot is a correction of that line
        month: fc.integer({ min: 0, max: 1 }),
        reseller: fc.integer({ min: 0, max: 2 }),
        quantity: fc.integer({ min: -3, max: 6 }).filter((q) => q !== 0), // negative: a return
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  fc.record({ type: fc.constant('run' as const), month: fc.integer({ min: 0, max: 2 }), final: fc.boolean() }),
  fc.record({ type: fc.constant('concurrent' as const), month: fc.integer({ min: 0, max: 2 }) }),
);

/** Every sample ends by closing January and February, then recalculating both (late changes only). */
const CLOSING: Step[] = [
  { type: 'run', month: 0, final: true },
  { type: 'run', month: 1, final: true },
  { type: 'import', lines: [{ slot: 0, month: 0, reseller: 0, quantity: 2 }] },
  { type: 'concurrent', month: 0 },
  { type: 'run', month: 2, final: true },
];

class Model {
  readonly lines = new Map<number, { month: string; reseller: string; quantity: number }>();
  readonly final = new Set<string>();
  /** Cents posted per earning period and reseller. */
  readonly posted = new Map<string, number>();
  /** Cents posted into a ledger period (late adjustments land in a later one). */
  readonly postedInto = new Map<string, number>();
  readonly balance = new Map<string, number>();
  readonly paidOut = new Map<string, number>();

  earned(month: string, reseller: string): number {
    let units = 0;
    for (const line of this.lines.values())
      if (line.month === month && line.reseller === reseller) units += line.quantity;
    return units * 10 * 100;
  }

  run(month: string, final: boolean): void {
    const isFinal = this.final.has(month);
    let into = month;
    if (isFinal) {
      into = NEXT[month]!;
      while (this.final.has(into)) into = NEXT[into]!;
    }
    for (const reseller of RESELLERS) {
      const key = `${month}|${reseller}`;
      const delta = this.earned(month, reseller) - (this.posted.get(key) ?? 0);
      if (delta === 0) continue;
      this.posted.set(key, (this.posted.get(key) ?? 0) + delta);
      const intoKey = `${into}|${reseller}`;
      this.postedInto.set(intoKey, (this.postedInto.get(intoKey) ?? 0) + delta);
      this.balance.set(reseller, (this.balance.get(reseller) ?? 0) + delta);
    }
    if (final && !isFinal) {
      this.final.add(month);
      for (const reseller of RESELLERS) {
        const payable = this.postedInto.get(`${month}|${reseller}`) ?? 0;
        if (payable > 0) {
          this.balance.set(reseller, (this.balance.get(reseller) ?? 0) - payable);
          this.paidOut.set(reseller, (this.paidOut.get(reseller) ?? 0) + payable);
        }
      }
    }
  }
}

let db: TestDb;
let other: SpurDb;
let dir: string;
let sample = 0;

beforeAll(async () => {
  db = await createTestDb();
  other = db.url ? await openDatabase({ databaseUrl: db.url, dataDir: '' }) : db;
  dir = await mkdtemp(join(tmpdir(), 'spur-model-'));
  await seedSmallChannel(db);
  const skus = Array.from({ length: 40 }, (_, i) => `('SKU-M${i}', 'Model ${i}', 'SERVER', 'HW')`).join(', ');
  await db.query(`insert into products (sku, name, family, category) values ${skus}`);
}, 60_000);

afterAll(async () => {
  if (other !== db) await other?.close();
  await db?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Each sample gets its own program and SKU, so samples share the database without touching each other. */
function programText(id: string, sku: string): string {
  return `
id: ${id}
name: Model ${id}
unit: EUR
start: 2026-01-01
period: { type: month }
participants: partners
eligibility: { partner_types: [reseller] }
measure: { metric: units, products: { skus: [${sku}] } }
rewards:
  - { type: per_unit, by: sku, amounts: { ${sku}: 10 } }
payout_due_days: 14
`;
}

async function ledgerSide(programId: string, accountPrefix: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ code: string; balance: string }>(
    `select a.code, sum(case when e.side = 'credit' then e.amount else -e.amount end)::text as balance
     from ledger_entries e join ledger_accounts a on a.account_id = e.account_id
     join ledger_transactions t on t.transaction_id = e.transaction_id
     where t.program_id = $1 and a.code like $2 group by a.code`,
    [programId, `${accountPrefix}%`],
  );
  return new Map(rows.map((r) => [r.code, Number(r.balance)]));
}

async function compare(programId: string, model: Model): Promise<void> {
  const participants = await ledgerSide(programId, 'participant:partner:');
  const pending = await ledgerSide(programId, 'payout:pending:partner:');
  for (const reseller of RESELLERS) {
    expect(participants.get(`participant:partner:${reseller}:EUR`) ?? 0, `balance of ${reseller}`).toBe(
      model.balance.get(reseller) ?? 0,
    );
    expect(pending.get(`payout:pending:partner:${reseller}:EUR`) ?? 0, `payouts of ${reseller}`).toBe(
      model.paidOut.get(reseller) ?? 0,
    );
  }
  const { rows } = await db.query<{ month: string; participant_id: string; cents: string }>(
    `select to_char(period_start, 'YYYY-MM') as month, participant_id, (amount * 100)::bigint::text as cents
     from earnings where program_id = $1`,
    [programId],
  );
  for (const row of rows) expect(Number(row.cents)).toBe(model.posted.get(`${row.month}|${row.participant_id}`) ?? 0);
}

describe('calculation runs against an in-memory model of balances', () => {
  it('keep every balance, payout and earning equal to the model through random imports, corrections, returns, runs, finals and concurrent runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 3, maxLength: 8 }), async (steps) => {
        const n = sample++;
        const programId = `model-${n}`;
        const sku = `SKU-M${n % 40}`;
        await activeProgram(db, programText(programId, sku));
        const model = new Model();
        for (const step of [...steps, ...CLOSING]) {
          if (step.type === 'import') {
            const lines = new Map<number, { month: string; reseller: string; quantity: number }>();
            for (const line of step.lines) {
              lines.set(line.slot, {
                month: MONTHS[line.month]!,
                reseller: RESELLERS[line.reseller]!,
                quantity: line.quantity,
              });
            }
            await importLines(
              db,
              dir,
              [...lines].map(([slot, line]) => ({
                lineId: `M${n}-${slot}`,
                date: `${line.month}-15`,
                reseller: line.reseller,
                sku,
                quantity: line.quantity,
              })),
            );
            for (const [slot, line] of lines) model.lines.set(slot, line);
          } else if (step.type === 'run') {
            await runCalculation(db, { programId, period: MONTHS[step.month]!, final: step.final, trigger: 'test' });
            model.run(MONTHS[step.month]!, step.final);
          } else {
            await Promise.all([
              runCalculation(db, { programId, period: MONTHS[step.month]!, trigger: 'test' }),
              runCalculation(other, { programId, period: MONTHS[step.month]!, trigger: 'test' }),
            ]);
            model.run(MONTHS[step.month]!, false);
          }
          await compare(programId, model);
        }
        expect((await checkLedger(db)).ok).toBe(true);
      }),
      { numRuns: 10, seed: 4242, endOnFailure: true },
    );
  }, 600_000);
});
