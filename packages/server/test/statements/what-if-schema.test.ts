import { type MasterData, parseProgram, type SnakeKeys, type WhatIf, whatIf } from '@spur/engine';
import { describe, expect, it } from 'vitest';
import { WhatIfSchema } from '../../src/statements/schemas.ts';
import { type ApiWhatIf, toApiWhatIf, WhatIfValueSchema } from '../../src/statements/what-if-schema.ts';
import { camelKeys } from './camel-keys.ts';
import { januaryFacts, type Same, serializedStatuses } from './wire.ts';

// Compile-time: the schema is the engine's WhatIf with snake_case keys, no more, no less. A new field
// in the engine (or a wrong key here) fails `tsc`.
const schemaIsTheEngineWhatIf: Same<SnakeKeys<WhatIf>, ApiWhatIf> = true;

// Revenue against a goal of 10,000 with a gate, an accelerator and a target bonus above the 30 % reached,
// and a budget shared pro rata: every field of the what-if is set.
const REVENUE = `
id: revenue-goal
name: Revenue goal
unit: EUR
start: 2026-01-01
period: { type: month }
participants: partners
measure: { metric: revenue }
rewards:
  - { type: percent_of_revenue, percent: 10 }
  - { type: target_bonus, amount: 50, attainment_at_least: 120 }
goal: { metric: revenue, min_attainment: 50, accelerators: [{ from_attainment: 100, multiplier: 1.5 }] }
budget: { amount: 1000, policy: pro_rata }
`;

function priceRevenue(): WhatIf {
  const program = parseProgram(REVENUE);
  const data: MasterData = {
    partners: [
      { id: 'R1', type: 'reseller', country: 'DE', level: 'gold', distributorId: 'D1', individualAgreement: false },
    ],
    users: [],
    products: [{ sku: 'SRV-1', family: 'SERVER', category: 'HW' }],
    countryClusters: {},
    fxRates: [],
    goals: [
      { programId: 'revenue-goal', participantId: 'R1', periodStart: '2026-01-01', metric: 'revenue', target: '10000' },
    ],
  };
  const { period, facts } = januaryFacts(program, data, [['3', '3000.00']]);
  return whatIf(
    program,
    period,
    facts,
    data,
    { type: 'partner', id: 'R1' },
    {
      policy: 'pro_rata',
      othersClaimed: '700',
    },
  );
}

const answer = (whatIfs: unknown[]) => ({
  as_of: '2026-01-15',
  programs: whatIfs.map((what_if) => ({
    program_id: 'revenue-goal',
    program_name: 'Revenue goal',
    period: { start: '2026-01-01', end: '2026-01-31', label: '2026-01' },
    what_if,
    promotions: [],
  })),
});

describe('the what-if on the wire', () => {
  it('converts every field of the engine to snake_case and parses with the strict schema', () => {
    expect(schemaIsTheEngineWhatIf).toBe(true);
    const engine = priceRevenue();
    expect(engine.nextCurrencyUnit).not.toBeNull();
    expect(engine.gates.map((gate) => gate.kind)).toEqual(['min_attainment', 'accelerator', 'target_bonus']);
    expect(engine.budget).toMatchObject({ policy: 'pro_rata' });
    const api = toApiWhatIf(engine);
    expect(camelKeys(api)).toEqual([]);
    expect(WhatIfValueSchema.parse(api)).toEqual(api);
    expect(api).toMatchObject({
      participant_type: 'partner',
      participant_id: 'R1',
      uses_goal: true,
      goal: '10000',
      attainment_percent: '30',
      next_currency_unit: { currency: 'EUR', gain: engine.nextCurrencyUnit!.gain },
    });
    expect(api.gates[0]).toEqual({
      kind: 'min_attainment',
      percent: '50',
      measure_at_gate: '5000',
      missing: '2000',
      earning_at_gate: engine.gates[0]!.earningAtGate,
      gain: engine.gates[0]!.gain,
      product: engine.gates[0]!.product,
    });
    expect(api.next_unit).toEqual(engine.nextUnit);
  });

  it('the response serializer refuses the engine (camelCase) what-if and an unknown key', async () => {
    const engine = priceRevenue();
    const api = toApiWhatIf(engine);
    const answers: Record<string, unknown> = {
      converted: answer([api]),
      engine: answer([engine]),
      extra: answer([{ ...api, gates: [{ ...api.gates[0], measureAtGate: '5000' }] }]),
      budget: answer([{ ...api, budget: { policy: 'pro_rata', factor: '0.5', othersClaimed: '700' } }]),
    };
    expect(await serializedStatuses(WhatIfSchema, answers)).toEqual({
      converted: 200,
      engine: 500,
      extra: 500,
      budget: 500,
    });
  });
});
