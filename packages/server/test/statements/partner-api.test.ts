import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriver } from '../helpers/test-db.ts';
import { LEAK_MARKER, sessionClient } from '../http/api-fixture.ts';
import { camelKeys } from './camel-keys.ts';
import { createPartnerWorld, type PartnerWorld } from './partner-fixture.ts';

let world: PartnerWorld;

beforeAll(async () => {
  world = await createPartnerWorld();
}, 120_000);

afterAll(async () => {
  await world?.cleanup();
});

async function get(role: keyof PartnerWorld['userIds'], url: string) {
  const client = await sessionClient(world, world.userIds[role]);
  const response = await client.request('GET', url);
  return { status: response.statusCode, body: JSON.parse(response.body), text: response.body };
}

describe(`partner pages API on ${testDriver}`, () => {
  it("a rep's dashboard shows its own earning of the period, its points balance and nothing of B", async () => {
    const { status, body, text } = await get('sales_rep', '/api/v1/partner/dashboard');
    expect(status).toBe(200);
    expect(body.participant).toEqual({ type: 'user', id: world.userIds.sales_rep });
    // 4 × SRV-1 at 10 + 2 × SRV-2 at 25 doubled by the January promotion = 40 + 100 points.
    expect(body.current).toEqual([
      expect.objectContaining({
        program_id: 'rep-points',
        label: '2026-01',
        status: 'provisional',
        amount: '140',
        unit: 'points',
      }),
    ]);
    expect(body.balances).toEqual([{ unit: 'points', balance: '140', available: '140' }]);
    expect(text).not.toMatch(LEAK_MARKER);
  });

  it("a reseller admin's dashboard shows each program the partner earns in, also below the goal gate", async () => {
    const { status, body } = await get('reseller_admin', '/api/v1/partner/dashboard');
    expect(status).toBe(200);
    // 5 SRV-1 + 2 SRV-2 = 7 units of a goal of 10 (70 %): below the 75 % gate, nothing yet.
    // The line without a rep earns the reseller its rep-points (1 SRV-1 at 10).
    expect(body.current).toEqual([
      expect.objectContaining({ program_id: 'rep-points', amount: '10', measure: '1' }),
      expect.objectContaining({ program_id: 'reseller-cash', amount: '0.00', measure: '7' }),
    ]);
    expect(body.payouts).toEqual([]);
  });

  it('a statement lists the earning and explains it down to the lines the program counted', async () => {
    const list = await get('sales_rep', '/api/v1/partner/statement');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        program_id: 'rep-points',
        period_start: '2026-01-01',
        amount: '140',
        postings: 1,
        clawed_back: '0',
      }),
    ]);
    const detail = await get('sales_rep', '/api/v1/partner/statement/rep-points/2026-01-01');
    expect(detail.status).toBe(200);
    expect(detail.body.explanation.steps.map((s: { step: string }) => s.step)).toContain('promotion');
    expect(detail.body.postings).toEqual([expect.objectContaining({ seq: 1, kind: 'earning', delta: '140' })]);
    const lines = await get('sales_rep', '/api/v1/partner/statement/rep-points/2026-01-01/lines?limit=1');
    expect(lines.body.items).toEqual([expect.objectContaining({ line_id: 'A-1', sku: 'SRV-1', quantity: 4 })]);
    const next = await get(
      'sales_rep',
      `/api/v1/partner/statement/rep-points/2026-01-01/lines?limit=5&cursor=${lines.body.next_cursor}`,
    );
    // The notebook line is not a server: the program does not count it, so it is not behind the earning.
    expect(next.body.items.map((l: { line_id: string }) => l.line_id)).toEqual(['A-2']);
    expect(next.body.next_cursor).toBeNull();
  });

  it('the explanation is snake_case throughout, one shape per step kind', async () => {
    const camelKeys = (value: unknown, path = '$'): string[] => {
      if (Array.isArray(value)) return value.flatMap((item, index) => camelKeys(item, `${path}[${index}]`));
      if (value === null || typeof value !== 'object') return [];
      return Object.entries(value).flatMap(([key, inner]) => [
        ...(/[A-Z]/.test(key) ? [`${path}.${key}`] : []),
        ...camelKeys(inner, `${path}.${key}`),
      ]);
    };
    const rep = await get('sales_rep', '/api/v1/partner/statement/rep-points/2026-01-01');
    expect(rep.status).toBe(200);
    const steps = rep.body.explanation.steps;
    expect(steps.map((s: { step: string }) => s.step)).toEqual([
      'participant',
      'measure',
      'reward',
      'promotion',
      'rounding',
    ]);
    expect(steps[0]).toEqual(
      expect.objectContaining({ participant_type: 'user', participant_id: world.userIds.sales_rep }),
    );
    expect(steps[1]).toEqual(
      expect.objectContaining({
        units_by_product: [
          { product: 'SRV-1', units: '4' },
          { product: 'SRV-2', units: '2' },
        ],
        revenue_by_currency: [],
      }),
    );
    expect(steps[2]).toEqual(expect.objectContaining({ rule: 'per_unit', reward_index: 0, total: '90' }));
    expect(steps[3]).toEqual(
      expect.objectContaining({ promotion_id: 'double-january', base: '50', multiplier: '2', uplift: '50' }),
    );
    expect(camelKeys(rep.body.explanation)).toEqual([]);

    const admin = await get('reseller_admin', '/api/v1/partner/statement/reseller-cash/2026-01-01');
    expect(admin.status).toBe(200);
    expect(admin.body.explanation.steps).toContainEqual(
      expect.objectContaining({
        step: 'gate',
        attainment_percent: '70',
        min_percent: '75',
        max_percent: '125',
        outcome: 'below_minimum',
      }),
    );
    expect(camelKeys(admin.body.explanation)).toEqual([]);
  });

  it('a return after the run shows as a clawback posting on the next run', async () => {
    await world.report('DIST-A', [`A-5,2026-01-25,RES-A,${world.userIds.sales_rep},SRV-2,-1,-2500.00,SEK`]);
    await world.run('rep-points', '2026-01');
    const detail = await get('sales_rep', '/api/v1/partner/statement/rep-points/2026-01-01');
    expect(detail.body.earning).toMatchObject({ amount: '90', postings: 2, clawed_back: '-50' });
    expect(detail.body.postings.map((p: { kind: string; delta: string }) => [p.kind, p.delta])).toEqual([
      ['earning', '140'],
      ['adjustment', '-50'],
    ]);
  });

  it.each([
    { role: 'sales_rep', target: 'RES-A', why: "a rep may not read its partner's figures" },
    { role: 'sales_rep', target: 'repB', why: "a rep may not read another partner's rep" },
    { role: 'reseller_admin', target: 'repB', why: "an admin may not read another partner's rep" },
    { role: 'reseller_admin', target: 'RES-B', why: 'an admin may not read another partner' },
    { role: 'distributor_admin', target: 'RES-A', why: 'a distributor admin may not read a reseller it supplies' },
  ] as const)('$why (404)', async ({ role, target }) => {
    const id = target === 'repB' ? world.userIds.repB : target;
    for (const url of [
      `/api/v1/partner/dashboard?participant_id=${id}`,
      `/api/v1/partner/statement?participant_id=${id}`,
      `/api/v1/partner/statement/rep-points/2026-01-01?participant_id=${id}`,
      `/api/v1/partner/statement/rep-points/2026-01-01/lines?participant_id=${id}`,
      `/api/v1/partner/what-if?participant_id=${id}&as_of=2026-01-15`,
      `/api/v1/partner/programs?participant_id=${id}&as_of=2026-01-15`,
    ]) {
      const response = await get(role, url);
      expect(response.status, url).toBe(404);
      expect(response.text, url).not.toMatch(LEAK_MARKER);
    }
  });

  it("a reseller admin reads one of its reps' statements", async () => {
    const { status, body } = await get(
      'reseller_admin',
      `/api/v1/partner/statement?participant_id=${world.userIds.sales_rep}`,
    );
    expect(status).toBe(200);
    expect(body.items.map((e: { program_id: string }) => e.program_id)).toEqual(['rep-points']);
  });

  it('vendor staff are turned away: these are partner pages', async () => {
    expect((await get('vendor_admin', '/api/v1/partner/dashboard')).status).toBe(403);
  });

  it('what can I still earn: 2 more units reach the 75 % gate, priced as the product sold most', async () => {
    const { status, body } = await get('reseller_admin', '/api/v1/partner/what-if?as_of=2026-01-15');
    expect(status).toBe(200);
    const cash = body.programs.find((p: { program_id: string }) => p.program_id === 'reseller-cash');
    // After the return: 5 SRV-1 + 1 SRV-2 = 6 units of 10; 7.5 needed, so 2 more SRV-1 (8 units: 5×300+2×300+800).
    expect(cash.what_if).toMatchObject({
      earning: '0.00',
      measure: '6',
      uses_goal: true,
      goal: '10',
      attainment_percent: '60',
    });
    // Rep points has no goal: nothing to reach, only what each next unit earns.
    const points = body.programs.find((p: { program_id: string }) => p.program_id === 'rep-points');
    expect(points.what_if).toMatchObject({ uses_goal: false, goal: null, gates: [] });
    expect(cash.what_if.gates[0]).toMatchObject({
      kind: 'min_attainment',
      missing: '2',
      product: 'SRV-1',
      earning_at_gate: '2900.00',
      measure_at_gate: '7.5',
    });
    // The API is snake_case at every depth, like the rest of it; the engine's camelCase stays inside.
    expect(camelKeys(body)).toEqual([]);
    expect(Object.keys(cash.what_if).sort()).toEqual(
      [
        'participant_type',
        'participant_id',
        'unit',
        'earning',
        'metric',
        'measure',
        'uses_goal',
        'goal',
        'attainment_percent',
        'next_unit',
        'next_currency_unit',
        'gates',
        'budget',
      ].sort(),
    );
  });

  it('incentivized products: the programs with their rates, goal and the promotion still running', async () => {
    const { body } = await get('sales_rep', '/api/v1/partner/programs?as_of=2026-01-21');
    expect(body.programs).toEqual([
      expect.objectContaining({
        program_id: 'rep-points',
        participants: 'reps',
        rewards: [{ type: 'per_unit', by: 'sku', amounts: { 'SRV-1': '10', 'SRV-2': '25' } }],
        promotions: [expect.objectContaining({ id: 'double-january', to: '2026-01-31', active: true })],
      }),
    ]);
  });

  it("a reseller admin chooses among its own country's distributors only", async () => {
    const { status, body } = await get('reseller_admin', '/api/v1/partner/distributors');
    expect(status).toBe(200);
    expect(body.items).toEqual([{ partner_id: 'DIST-A', name: 'Alpha Distribution' }]);
  });
});
