import {
  type Explanation,
  type ExplanationStep,
  type MasterData,
  parseProgram,
  price,
  type SnakeKeys,
} from '@spur/engine';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  type ApiExplanationStep,
  ExplanationSchema,
  ExplanationStepSchema,
  toApiExplanation,
} from '../../src/statements/explanation-schema.ts';
import { EarningDetailSchema } from '../../src/statements/schemas.ts';
import { camelKeys } from './camel-keys.ts';
import { januaryFacts, type Same, serializedStatuses } from './wire.ts';

// Compile-time: the schema is the engine's step type with snake_case keys, no more, no less. A new
// step kind or field in the engine (or a wrong key here) fails `tsc`.
const schemaIsTheEngineStep: Same<SnakeKeys<ExplanationStep>, ApiExplanationStep> = true;

/** `reward` steps are one kind per rule. */
type KindOf<S> = S extends { step: 'reward'; rule: infer R extends string }
  ? `reward:${R}`
  : S extends { step: infer T extends string }
    ? T
    : never;
type StepKind = KindOf<ExplanationStep>;
// Every kind of the engine must be listed (a missing key fails `tsc`), and nothing else.
const engineKinds: Record<StepKind, true> = {
  participant: true,
  measure: true,
  'reward:per_unit': true,
  'reward:percent_of_revenue': true,
  'reward:tiers': true,
  'reward:target_bonus': true,
  promotion: true,
  gate: true,
  accelerator: true,
  cap: true,
  share_given: true,
  share_received: true,
  budget: true,
  rounding: true,
};

const kindOf = (step: { step: string; rule?: unknown }) =>
  step.step === 'reward' ? `reward:${String(step.rule)}` : step.step;

/** The step kinds the zod union accepts, read from the schema itself. */
function schemaKinds(): string[] {
  type Option = z.ZodObject | z.ZodDiscriminatedUnion;
  const kinds = (option: Option): string[] =>
    'options' in option
      ? (option.options as Option[]).flatMap(kinds)
      : [
          kindOf({
            step: (option.shape.step as z.ZodLiteral<string>).value,
            rule: (option.shape.rule as z.ZodLiteral<string> | undefined)?.value,
          }),
        ];
  return (ExplanationStepSchema.options as Option[]).flatMap(kinds).sort();
}

// One program with every rule and step: revenue in EUR, four rewards, a promotion, a goal with an
// accelerator, a cap, a distributor share and a budget that binds.
const EVERY_STEP = `
id: every-step
name: Every step
unit: EUR
start: 2026-01-01
period: { type: month }
participants: partners
measure: { metric: revenue }
rewards:
  - { type: per_unit, by: sku, amounts: { SRV-1: 10 } }
  - { type: percent_of_revenue, percent: 1 }
  - type: tiers
    mode: marginal
    tiers: [{ from: 0, to: 1000, percent: 1 }, { from: 1000, percent: 2 }]
  - { type: target_bonus, amount: 50, measure_at_least: 100 }
promotions:
  - { id: double, from: 2026-01-01, to: 2026-01-31, multiplier: 2 }
goal: { metric: revenue, min_attainment: 50, accelerators: [{ from_attainment: 100, multiplier: 1.5 }] }
participant_cap: 100000
shares: [{ recipient: reporting_distributor, percent: 10 }]
budget: { amount: 100, policy: pro_rata }
`;

function priceEveryStep(): Explanation[] {
  const program = parseProgram(EVERY_STEP);
  const data: MasterData = {
    partners: [
      { id: 'R1', type: 'reseller', country: 'DE', level: 'gold', distributorId: 'D1', individualAgreement: false },
      { id: 'D1', type: 'distributor', country: 'DE', level: '', distributorId: null, individualAgreement: false },
    ],
    users: [],
    products: [{ sku: 'SRV-1', family: 'SERVER', category: 'HW' }],
    countryClusters: {},
    fxRates: [],
    // 3000 of a goal of 900: an attainment of 333.33… %, which the explanation shows as "~".
    goals: [
      { programId: 'every-step', participantId: 'R1', periodStart: '2026-01-01', metric: 'revenue', target: '900' },
    ],
  };
  const { period, facts } = januaryFacts(program, data, [
    ['2', '2000.00'],
    ['1', '1000.00'],
  ]);
  return price(program, period, facts, data).earnings.map((earning) => earning.explanation);
}

describe('the explanation on the wire', () => {
  it('the schema has one step schema per kind of the engine', () => {
    expect(schemaIsTheEngineStep).toBe(true);
    expect(schemaKinds()).toEqual(Object.keys(engineKinds).sort());
  });

  it('every step the engine writes converts to snake_case and parses with its schema', () => {
    const explanations = priceEveryStep();
    const priced = new Set(explanations.flatMap((explanation) => explanation.steps.map(kindOf)));
    expect([...priced].sort()).toEqual(Object.keys(engineKinds).sort());
    for (const explanation of explanations) {
      const api = toApiExplanation(explanation);
      expect(camelKeys(api)).toEqual([]);
      expect(ExplanationSchema.parse(api)).toEqual(api);
      expect(api.steps.map(kindOf)).toEqual(explanation.steps.map(kindOf));
    }
    const reseller = toApiExplanation(explanations.find((e) => e.steps.some((s) => s.step === 'gate'))!);
    expect(reseller.steps).toContainEqual(
      expect.objectContaining({ step: 'gate', attainment_percent: '~333.333333333333', min_percent: '50' }),
    );
    expect(reseller.steps).toContainEqual(
      expect.objectContaining({
        step: 'measure',
        units_by_product: [{ product: 'SRV-1', units: '3' }],
        revenue_by_currency: [expect.objectContaining({ month: '2026-01', currency: 'EUR', amount: '3000' })],
      }),
    );
    const distributor = toApiExplanation(explanations.find((e) => e.steps.some((s) => s.step === 'share_received'))!);
    expect(distributor.steps).toContainEqual(
      expect.objectContaining({
        step: 'share_received',
        from: [expect.objectContaining({ participant_type: 'partner', participant_id: 'R1' })],
      }),
    );
  });

  it('the response serializer refuses the stored (camelCase) explanation and an unknown key', async () => {
    const [explanation] = priceEveryStep();
    const detail = (steps: unknown[]) => ({
      earning: {
        program_id: 'every-step',
        program_name: 'Every step',
        period_start: '2026-01-01',
        period_end: '2026-01-31',
        label: '2026-01',
        status: 'provisional',
        unit: 'EUR',
        amount: '100.00',
        payout_due: null,
        postings: 1,
        clawed_back: '0',
      },
      explanation: { unit: 'EUR', steps },
      postings: [],
    });
    const api = toApiExplanation(explanation!);
    const answers: Record<string, unknown> = {
      converted: detail(api.steps),
      stored: detail(explanation!.steps),
      extra: detail([...api.steps.slice(0, -1), { ...api.steps.at(-1), unitsByProduct: [] }]),
    };
    expect(await serializedStatuses(EarningDetailSchema, answers)).toEqual({ converted: 200, stored: 500, extra: 500 });
  });
});
