import { snakeKeys, type WhatIf } from '@spur/engine';
import { z } from 'zod';

/**
 * "What can I still earn" on the wire: the engine's `WhatIf` (packages/engine/src/what-if.ts) with
 * snake_case keys, as `toApiWhatIf` converts it. The what-if is priced per request and never stored,
 * so every object is strict: the response serializer refuses a camelCase key or a new engine field
 * instead of passing it on; test/statements/what-if-schema.test.ts checks the shape against the
 * engine type.
 */

/** Amounts, measures and rates travel as exact decimal strings, never as JSON numbers. */
const DecimalText = z.string().describe('exact decimal');
const decimal = (meaning: string) => z.string().describe(`${meaning}; exact decimal`);
const Product = z
  .string()
  .nullable()
  .describe("SKU, family or category at the program's product level; null when the program has none");

export const WhatIfValueSchema = z
  .strictObject({
    participant_type: z.enum(['partner', 'user']).describe('whose figures: the subject of the request'),
    participant_id: z.string(),
    unit: z.string().describe('currency code, points or credits: the unit of every earning and gain'),
    earning: decimal('the earning of the period so far, as a run would pay it now, in `unit`'),
    metric: z.enum(['units', 'revenue']),
    measure: decimal('units, or revenue in the program currency, counted so far'),
    uses_goal: z.boolean().describe('the program has goal gates: no goal, no bonus'),
    goal: decimal("the participant's goal for the period; null: none set").nullable(),
    attainment_percent: decimal('measure / goal × 100, 2 decimals rounded down; null without a goal').nullable(),
    next_unit: z
      .array(
        z.strictObject({
          product: Product,
          gain: decimal('what one more unit of this product adds to the earning, in `unit` (may be zero)'),
        }),
      )
      .describe('the value of the next unit per product: those sold and those the rates name, at most 20'),
    next_currency_unit: z
      .strictObject({
        currency: z.string().describe('the currency revenue is measured in'),
        gain: decimal('what one more unit of that currency of revenue adds, in `unit`'),
      })
      .nullable()
      .describe('revenue programs only; null for units'),
    gates: z
      .array(
        z.strictObject({
          kind: z.enum(['min_attainment', 'max_attainment', 'accelerator', 'target_bonus']),
          percent: decimal('attainment in percent of the goal at which the gate opens'),
          measure_at_gate: decimal('the measure at the gate: goal × percent / 100'),
          missing: decimal('measure still missing: whole units for a units goal, currency for revenue'),
          earning_at_gate: decimal('the earning once the missing measure is sold, in `unit`'),
          gain: decimal('earning_at_gate − earning'),
          product: Product.describe(
            'the product the missing measure was priced as: the one the participant sold most (the first of next_unit when it sold none); null when the program has none',
          ),
        }),
      )
      .describe('goal gates above the current attainment, nearest first; empty without a goal'),
    budget: z
      .discriminatedUnion('policy', [
        z.strictObject({
          policy: z.literal('pro_rata'),
          factor: DecimalText.describe('share of the claims the budget pays now, at most 1 (6 decimals, down)'),
        }),
        z.strictObject({
          policy: z.literal('first_come'),
          remaining: DecimalText.describe('left of the budget after the earning now, in the program unit'),
        }),
      ])
      .nullable()
      .describe(
        "set when the program's budget is shared: every figure is then an estimate after the budget, " +
          "from the other participants' claims in the period's last run; null without a shared budget or a run",
      ),
  })
  .describe("the engine's what-if for the subject in the program period, priced with the program's rules");

export type ApiWhatIf = z.output<typeof WhatIfValueSchema>;

/** The engine's what-if in the API's shape: every key snake_case, also in nested rows; values untouched. */
export function toApiWhatIf(whatIf: WhatIf): ApiWhatIf {
  return snakeKeys(whatIf);
}
