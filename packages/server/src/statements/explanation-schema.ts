import { type Explanation, snakeKeys } from '@spur/engine';
import { z } from 'zod';

/**
 * The engine's explanation on the wire: the steps of `ExplanationStep` (packages/engine/src/explanation.ts)
 * with snake_case keys, one schema per step kind. Every step is a strict object, so the response
 * serializer refuses a step that does not have exactly these keys (a camelCase key, a new engine field)
 * instead of passing it on silently; test/statements/explanation-schema.test.ts checks the shapes
 * against the engine type.
 */

/**
 * Decimals of an explanation are unrounded: `Decimal.toString()` of the engine writes the exact value,
 * or, without a finite expansion within 12 decimals (e.g. 1/3), 12 decimals with a "~" prefix.
 */
const APPROXIMATE =
  'decimal string, unrounded: exact, or "~" and 12 decimals when the value has no finite expansion ' +
  '(e.g. "~33.333333333333"; the engine computed with the exact value)';
const decimal = (meaning?: string) => z.string().describe(meaning ? `${meaning}; ${APPROXIMATE}` : APPROXIMATE);
/** Values copied from the program document: exact decimal text. */
const programDecimal = (meaning: string) => z.string().describe(`${meaning}; exact decimal as in the program`);
const Participant = z.enum(['partner', 'user']);
const Before = decimal('the earning before this step');
const After = decimal('the earning after this step');
const RewardIndex = z.number().int().describe('which reward of the program: rewards[reward_index]');

const ParticipantStep = z
  .strictObject({
    step: z.literal('participant'),
    participant_type: Participant,
    participant_id: z.string(),
    note: z.string().describe("why this participant earns: eligibility of the resellers whose lines count; may be ''"),
  })
  .meta({ id: 'ExplanationStepParticipant' });

const MeasureStep = z
  .strictObject({
    step: z.literal('measure'),
    metric: z.enum(['units', 'revenue']),
    currency: z.string().nullable().describe('revenue: the currency revenue is measured in; units: null'),
    value: decimal('the measure: units, or revenue in `currency`'),
    units_by_product: z
      .array(
        z.strictObject({
          product: z.string().describe("SKU, family or category, as the program counts products, or 'all products'"),
          units: decimal(),
        }),
      )
      .describe('units counted per product'),
    revenue_by_currency: z
      .array(
        z.strictObject({
          month: z.string().describe('invoice month, YYYY-MM'),
          currency: z.string().describe('currency the lines were invoiced in'),
          amount: decimal(),
          rate: decimal('exchange rate used into `currency` of the step'),
          converted: decimal(),
        }),
      )
      .describe('revenue metric only (empty for units): revenue per invoice month and currency'),
  })
  .meta({ id: 'ExplanationStepMeasure' });

const PerUnitStep = z
  .strictObject({
    step: z.literal('reward'),
    rule: z.literal('per_unit'),
    reward_index: RewardIndex,
    by: z.string().describe('what the per-unit amounts of the program are keyed by: sku, family or category'),
    lines: z.array(
      z.strictObject({
        product: z.string().describe('the key of the amount used: a SKU, family or category (see `by`)'),
        units: decimal(),
        rate: decimal('amount per unit'),
        amount: decimal(),
      }),
    ),
    total: decimal('the reward before promotions'),
  })
  .meta({ id: 'ExplanationStepRewardPerUnit' });

const PercentOfRevenueStep = z
  .strictObject({
    step: z.literal('reward'),
    rule: z.literal('percent_of_revenue'),
    reward_index: RewardIndex,
    revenue: decimal(),
    percent: programDecimal('percent of revenue (10 = 10 %)'),
    total: decimal('the reward before promotions'),
  })
  .meta({ id: 'ExplanationStepRewardPercentOfRevenue' });

const TiersStep = z
  .strictObject({
    step: z.literal('reward'),
    rule: z.literal('tiers'),
    reward_index: RewardIndex,
    mode: z.enum(['marginal', 'retroactive']),
    measure: decimal('the measure the tiers were applied to'),
    threshold: programDecimal('the measure below which the tiers pay nothing; null: none').nullable(),
    threshold_met: z.boolean(),
    slices: z.array(
      z.strictObject({
        from: decimal(),
        to: decimal('null: no upper bound').nullable(),
        base: decimal('the part of the measure in this slice (retroactive: the whole measure)'),
        rate: decimal(),
        amount: decimal(),
      }),
    ),
    cap: programDecimal("the reward's cap; null: none").nullable(),
    total: decimal(),
  })
  .meta({ id: 'ExplanationStepRewardTiers' });

const TargetBonusStep = z
  .strictObject({
    step: z.literal('reward'),
    rule: z.literal('target_bonus'),
    reward_index: RewardIndex,
    condition: z.string().describe('the condition in words'),
    met: z.boolean(),
    total: decimal(),
  })
  .meta({ id: 'ExplanationStepRewardTargetBonus' });

const RewardStep = z.discriminatedUnion('rule', [PerUnitStep, PercentOfRevenueStep, TiersStep, TargetBonusStep]);

const PromotionStep = z
  .strictObject({
    step: z.literal('promotion'),
    promotion_id: z.string(),
    multiplier: decimal(),
    base: decimal('the rewards on the lines the promotion applies to'),
    uplift: decimal('what the promotion adds: base × (multiplier − 1)'),
  })
  .meta({ id: 'ExplanationStepPromotion' });

const GateStep = z
  .strictObject({
    step: z.literal('gate'),
    goal: z.string().nullable().describe("the participant's goal in words ('10 units'); null: no goal"),
    attainment_percent: decimal('measure / goal × 100; null without a goal').nullable(),
    min_percent: programDecimal('attainment below which nothing is paid').nullable(),
    max_percent: programDecimal('attainment above which the earning is scaled down').nullable(),
    outcome: z.enum(['no_goal', 'below_minimum', 'passed', 'scaled_above_maximum']),
    factor: decimal('what the earning is multiplied by'),
    before: Before,
    after: After,
  })
  .meta({ id: 'ExplanationStepGate' });

const AcceleratorStep = z
  .strictObject({
    step: z.literal('accelerator'),
    attainment_percent: decimal(),
    from_percent: decimal('the attainment from which the accelerator applies'),
    multiplier: decimal(),
    before: Before,
    after: After,
  })
  .meta({ id: 'ExplanationStepAccelerator' });

const CapStep = z
  .strictObject({
    step: z.literal('cap'),
    cap: programDecimal('the most one participant earns in the period'),
    before: Before,
    after: After,
  })
  .meta({ id: 'ExplanationStepCap' });

const ShareGivenStep = z
  .strictObject({
    step: z.literal('share_given'),
    percent: programDecimal('percent of the earning shared with the reporting distributors'),
    earning: decimal('the earning the share is taken from'),
    recipients: z.array(
      z.strictObject({
        distributor_id: z.string(),
        weight: decimal("the distributor's part of the earning, 0 to 1"),
        amount: decimal(),
      }),
    ),
  })
  .meta({ id: 'ExplanationStepShareGiven' });

const ShareReceivedStep = z
  .strictObject({
    step: z.literal('share_received'),
    percent: programDecimal('percent of the earnings shared with the reporting distributors'),
    from: z
      .array(
        z.strictObject({
          participant_type: Participant,
          participant_id: z.string(),
          earning: decimal("that participant's earning"),
          weight: decimal("this distributor's part of it, 0 to 1"),
          amount: decimal(),
        }),
      )
      .describe('the participants whose earnings on the lines this distributor reported share with it'),
    total: decimal(),
  })
  .meta({ id: 'ExplanationStepShareReceived' });

const BudgetStep = z
  .strictObject({
    step: z.literal('budget'),
    policy: z.enum(['pro_rata', 'first_come']),
    budget: programDecimal("the program's budget for the period"),
    claimed: decimal('what all participants earned before the budget'),
    factor: decimal('pro_rata: the share of the claims paid; first_come: null').nullable(),
    before: Before,
    after: After,
  })
  .meta({ id: 'ExplanationStepBudget' });

const RoundingStep = z
  .strictObject({
    step: z.literal('rounding'),
    mode: z.enum(['half_away_from_zero', 'down']),
    decimals: z.number().int(),
    before: Before,
    after: z.string().describe('the earning as paid: exact decimal, rounded to `decimals`'),
  })
  .meta({ id: 'ExplanationStepRounding' });

export const ExplanationStepSchema = z
  .discriminatedUnion('step', [
    ParticipantStep,
    MeasureStep,
    RewardStep,
    PromotionStep,
    GateStep,
    AcceleratorStep,
    CapStep,
    ShareGivenStep,
    ShareReceivedStep,
    BudgetStep,
    RoundingStep,
  ])
  .meta({ id: 'ExplanationStep' });

export const ExplanationSchema = z
  .object({
    unit: z.string().describe('currency code, points or credits'),
    steps: z.array(ExplanationStepSchema),
  })
  .describe(
    "the engine's explanation of the last run, every step in the fixed order (docs/rules.md); " +
      'decimals are unrounded strings, approximate ones start with "~"',
  );

export type ApiExplanationStep = z.output<typeof ExplanationStepSchema>;
export type ApiExplanation = z.output<typeof ExplanationSchema>;

/**
 * The stored explanation (the engine's, camelCase keys, as the `earnings` jsonb keeps it for the CLI and
 * SQL) in the API's shape: every key snake_case, also in nested rows; values untouched.
 */
export function toApiExplanation(explanation: Explanation): ApiExplanation {
  return snakeKeys(explanation) as ApiExplanation;
}
