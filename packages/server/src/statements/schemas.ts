import { z } from 'zod';
import { IdSchema, IsoDateSchema } from '../partners/common.ts';
import { ExplanationSchema } from './explanation-schema.ts';
import { WhatIfValueSchema } from './what-if-schema.ts';

/** Amounts, measures and rates travel as exact decimal strings, never as JSON numbers. */
const DecimalText = z.string().describe('exact decimal');

export const ParticipantQuery = z.object({
  participant_id: IdSchema.optional().describe(
    "whose figures: default the caller's own (a rep) or its partner's (an admin); an admin may name one of its partner's users",
  ),
});

const PeriodEarningSchema = z.object({
  program_id: z.string(),
  program_name: z.string(),
  period_start: z.string(),
  period_end: z.string().nullable(),
  label: z.string(),
  status: z.enum(['provisional', 'final']),
  unit: z.string().describe('currency code, points or credits'),
  amount: DecimalText,
  measure: DecimalText.nullable().describe('units or revenue the earning was measured on'),
});

export const DashboardSchema = z
  .object({
    participant: z.object({ type: z.enum(['partner', 'user']), id: z.string() }),
    current: z.array(PeriodEarningSchema).describe('the latest period of each program'),
    history: z.array(PeriodEarningSchema).describe('up to 12 last periods per program, newest first'),
    balances: z.array(z.object({ unit: z.string(), balance: DecimalText, available: DecimalText })),
    payouts: z.array(
      z.object({
        unit: z.string(),
        status: z.enum(['pending', 'approved', 'paid']),
        count: z.number().int(),
        amount: DecimalText,
        next_due: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'PartnerDashboard' });

const PeriodSchema = z.object({ start: z.string(), end: z.string(), label: z.string() });

const PromotionSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  multiplier: DecimalText,
  active: z.boolean(),
});

export const WhatIfQuery = ParticipantQuery.extend({
  as_of: IsoDateSchema.optional().describe('the day whose periods to look at; default today'),
});

export const WhatIfSchema = z
  .object({
    as_of: z.string(),
    programs: z.array(
      z.object({
        program_id: z.string(),
        program_name: z.string(),
        period: PeriodSchema,
        what_if: WhatIfValueSchema,
        promotions: z.array(PromotionSchema),
      }),
    ),
  })
  .meta({ id: 'WhatCanIStillEarn' });

export const IncentivizedProgramsSchema = z
  .object({
    as_of: z.string(),
    programs: z.array(
      z.object({
        program_id: z.string(),
        name: z.string(),
        description: z.string().nullable(),
        unit: z.string(),
        participants: z.enum(['partners', 'reps']),
        period: PeriodSchema,
        period_kind: z.string().describe('month, quarter, week or days'),
        measure: z.object({
          metric: z.enum(['units', 'revenue']),
          products: z.record(z.string(), z.array(z.string())),
        }),
        rewards: z.array(z.record(z.string(), z.unknown())).describe('the rules as in the program document'),
        goal: z
          .object({
            min_attainment: DecimalText.nullable(),
            max_attainment: DecimalText.nullable(),
            target: DecimalText.nullable().describe("the participant's goal for the current period"),
          })
          .nullable(),
        promotions: z.array(PromotionSchema.extend({ products: z.record(z.string(), z.array(z.string())) })),
        payout_due_days: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'IncentivizedPrograms' });

export const StatementEarningSchema = z
  .object({
    program_id: z.string(),
    program_name: z.string(),
    period_start: z.string(),
    period_end: z.string().nullable(),
    label: z.string(),
    status: z.enum(['provisional', 'final']),
    unit: z.string(),
    amount: DecimalText,
    payout_due: z.string().nullable(),
    postings: z.number().int().describe('ledger postings that made the amount; more than 1 means adjustments'),
    clawed_back: DecimalText.describe('sum of negative postings (returns, corrections), zero or negative'),
  })
  .meta({ id: 'StatementEarning' });

export const EarningParams = z.object({ program_id: IdSchema, period_start: IsoDateSchema });

export const EarningDetailSchema = z
  .object({
    earning: StatementEarningSchema,
    explanation: ExplanationSchema,
    postings: z.array(
      z.object({
        seq: z.number().int(),
        kind: z.enum(['earning', 'adjustment', 'late_adjustment']),
        delta: DecimalText.describe('negative: a clawback'),
        amount_after: DecimalText,
        posted_period: z.string(),
        run_id: z.string(),
        posted_at: z.string(),
      }),
    ),
  })
  .meta({ id: 'EarningDetail' });

export const StatementLineSchema = z
  .object({
    distributor_id: z.string(),
    line_id: z.string(),
    invoice_date: z.string(),
    reseller_id: z.string(),
    rep_id: z.string().nullable(),
    sku: z.string(),
    quantity: z.number().int().describe('negative for a return'),
    net_amount: DecimalText,
    currency: z.string(),
  })
  .meta({ id: 'StatementLine' });
