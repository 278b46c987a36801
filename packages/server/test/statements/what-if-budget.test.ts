import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyProgram, changeProgramStatus } from '../../src/programs/program-store.ts';
import { testDriver } from '../helpers/test-db.ts';
import { LEAK_MARKER, sessionClient } from '../http/api-fixture.ts';
import { camelKeys } from './camel-keys.ts';
import { createPartnerWorld, type PartnerWorld } from './partner-fixture.ts';

/**
 * Rep points with a budget shared with B's rep: A's rep claims 90 (4 SRV-1 + 2 SRV-2), RES-A 10
 * (its line without a rep), B's rep 777777 × 25 = 19,444,425. The budget is 40 % of the 19,444,525 claimed.
 */
const SHARED_PRO_RATA = `
id: shared-pro-rata
name: Shared points
unit: points
start: 2026-01-01
period: { type: month }
participants: reps
measure: { metric: units, products: { families: [SERVER] } }
rewards:
  - type: per_unit
    by: sku
    amounts: { SRV-1: 10, SRV-2: 25 }
budget: { amount: 7777810, policy: pro_rata }
`;

/** The same rates, first come first served from 100 points: A's rep's 40 (5 Jan), then B's rep (6 Jan) takes the rest. */
const SHARED_FIRST_COME = SHARED_PRO_RATA.replace('shared-pro-rata', 'shared-first-come').replace(
  'budget: { amount: 7777810, policy: pro_rata }',
  'budget: { amount: 100, policy: first_come }',
);

let world: PartnerWorld;

beforeAll(async () => {
  world = await createPartnerWorld();
  for (const text of [SHARED_PRO_RATA, SHARED_FIRST_COME]) {
    const applied = await applyProgram(world.db, { text, source: 'test' });
    await changeProgramStatus(world.db, applied.program.programId, 'activate');
  }
}, 120_000);

afterAll(async () => {
  await world?.cleanup();
});

async function whatIfOf(programId: string) {
  const client = await sessionClient(world, world.userIds.sales_rep);
  const response = await client.request('GET', '/api/v1/partner/what-if?as_of=2026-01-15');
  expect(response.statusCode).toBe(200);
  const body = JSON.parse(response.body);
  expect(camelKeys(body)).toEqual([]);
  const program = body.programs.find((p: { program_id: string }) => p.program_id === programId);
  return { whatIf: program.what_if, text: response.body };
}

const gains = (whatIf: { next_unit: { product: string; gain: string }[] }) =>
  Object.fromEntries(whatIf.next_unit.map((n) => [n.product, n.gain]));

describe(`what can I still earn with a shared budget on ${testDriver}`, () => {
  it('before any run the figures are the rules alone, not marked as estimated', async () => {
    const { whatIf } = await whatIfOf('shared-pro-rata');
    expect(whatIf).toMatchObject({ earning: '90', budget: null });
    expect(gains(whatIf)).toEqual({ 'SRV-1': '10', 'SRV-2': '25' });
  });

  it("after a run a rep sees its figures scaled by the budget factor, and none of the others' figures", async () => {
    await world.run('shared-pro-rata', '2026-01');
    const { whatIf, text } = await whatIfOf('shared-pro-rata');
    // 90 × 0.4 = 36, what the run pays; one more SRV-1: 100 × 7,777,810 / 19,444,535 = 39.99… → 39 (down).
    expect(whatIf).toMatchObject({ earning: '36', budget: { policy: 'pro_rata', factor: '0.4' } });
    expect(gains(whatIf)).toEqual({ 'SRV-1': '3', 'SRV-2': '9' });
    expect(Object.keys(whatIf.budget)).toEqual(['policy', 'factor']);
    expect(text).not.toMatch(LEAK_MARKER);
    expect(text).not.toContain(world.userIds.repB);
    // Neither B's claim, nor the others' sum, nor the total claimed.
    for (const figure of ['19444425', '19444435', '19444525']) expect(text).not.toContain(figure);
  });

  it('first come: what the others took is gone; a further sale has nothing left to claim', async () => {
    await world.run('shared-first-come', '2026-01');
    const { whatIf, text } = await whatIfOf('shared-first-come');
    expect(whatIf).toMatchObject({ earning: '40', budget: { policy: 'first_come', remaining: '0' } });
    expect(gains(whatIf)).toEqual({ 'SRV-1': '0', 'SRV-2': '0' });
    expect(text).not.toMatch(LEAK_MARKER);
  });
});
