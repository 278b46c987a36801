import { apiRequest, queryString } from '../api/client.ts';
import type { Page } from '../api/types.ts';

/** The partner pages' part of the API (`/api/v1/partner/...`); amounts are exact decimal strings. */

export interface PeriodEarning {
  program_id: string;
  program_name: string;
  period_start: string;
  period_end: string | null;
  label: string;
  status: 'provisional' | 'final';
  unit: string;
  amount: string;
  measure: string | null;
}

export interface Dashboard {
  participant: { type: 'partner' | 'user'; id: string };
  current: PeriodEarning[];
  history: PeriodEarning[];
  balances: { unit: string; balance: string; available: string }[];
  payouts: {
    unit: string;
    status: 'pending' | 'approved' | 'paid';
    count: number;
    amount: string;
    next_due: string | null;
  }[];
}

export interface Period {
  start: string;
  end: string;
  label: string;
}

export interface Promotion {
  id: string;
  name: string | null;
  from: string;
  to: string;
  multiplier: string;
  active: boolean;
}

export type GateKind = 'min_attainment' | 'max_attainment' | 'accelerator' | 'target_bonus';

export interface ProgramWhatIf {
  program_id: string;
  program_name: string;
  period: Period;
  what_if: {
    unit: string;
    earning: string;
    metric: 'units' | 'revenue';
    measure: string;
    /** The program has goal gates: no goal, no bonus. */
    uses_goal: boolean;
    goal: string | null;
    attainment_percent: string | null;
    next_unit: { product: string | null; gain: string }[];
    next_currency_unit: { currency: string; gain: string } | null;
    gates: {
      kind: GateKind;
      percent: string;
      measure_at_gate: string;
      missing: string;
      earning_at_gate: string;
      gain: string;
      product: string | null;
    }[];
    /** Set when the figures are estimated after a budget shared with the other participants (from the last run). */
    budget: { policy: 'pro_rata'; factor: string } | { policy: 'first_come'; remaining: string } | null;
  };
  promotions: Promotion[];
}

export type ProductFilter = Partial<Record<'skus' | 'families' | 'categories', string[]>>;

export type Reward =
  | { type: 'per_unit'; by: 'sku' | 'family' | 'category'; amounts: Record<string, string> }
  | { type: 'percent_of_revenue'; percent: string; products?: ProductFilter }
  | {
      type: 'tiers';
      mode: 'marginal' | 'retroactive';
      threshold?: string;
      cap?: string;
      tiers: { from: string; to?: string; percent?: string; per_unit?: string }[];
    }
  | { type: 'target_bonus'; amount: string; measure_at_least?: string; attainment_at_least?: string };

export interface IncentivizedProgram {
  program_id: string;
  name: string;
  description: string | null;
  unit: string;
  participants: 'partners' | 'reps';
  period: Period;
  period_kind: string;
  measure: { metric: 'units' | 'revenue'; products: ProductFilter };
  rewards: Reward[];
  goal: { min_attainment: string | null; max_attainment: string | null; target: string | null } | null;
  promotions: (Promotion & { products: ProductFilter })[];
  payout_due_days: number | null;
}

export interface StatementEarning {
  program_id: string;
  program_name: string;
  period_start: string;
  period_end: string | null;
  label: string;
  status: 'provisional' | 'final';
  unit: string;
  amount: string;
  payout_due: string | null;
  postings: number;
  clawed_back: string;
}

/**
 * One step of an earning's explanation as the API sends it (snake_case; schema `ExplanationStep` in
 * the OpenAPI document). Decimals are unrounded strings; approximate ones start with "~".
 */
export type ExplanationStep =
  | { step: 'participant'; participant_type: 'partner' | 'user'; participant_id: string; note: string }
  | {
      step: 'measure';
      metric: 'units' | 'revenue';
      currency: string | null;
      value: string;
      units_by_product: { product: string; units: string }[];
      revenue_by_currency: { month: string; currency: string; amount: string; rate: string; converted: string }[];
    }
  | {
      step: 'reward';
      rule: 'per_unit';
      reward_index: number;
      by: string;
      lines: { product: string; units: string; rate: string; amount: string }[];
      total: string;
    }
  | {
      step: 'reward';
      rule: 'percent_of_revenue';
      reward_index: number;
      revenue: string;
      percent: string;
      total: string;
    }
  | {
      step: 'reward';
      rule: 'tiers';
      reward_index: number;
      mode: 'marginal' | 'retroactive';
      measure: string;
      threshold: string | null;
      threshold_met: boolean;
      slices: { from: string; to: string | null; base: string; rate: string; amount: string }[];
      cap: string | null;
      total: string;
    }
  | { step: 'reward'; rule: 'target_bonus'; reward_index: number; condition: string; met: boolean; total: string }
  | { step: 'promotion'; promotion_id: string; multiplier: string; base: string; uplift: string }
  | {
      step: 'gate';
      goal: string | null;
      attainment_percent: string | null;
      min_percent: string | null;
      max_percent: string | null;
      outcome: 'no_goal' | 'below_minimum' | 'passed' | 'scaled_above_maximum';
      factor: string;
      before: string;
      after: string;
    }
  | {
      step: 'accelerator';
      attainment_percent: string;
      from_percent: string;
      multiplier: string;
      before: string;
      after: string;
    }
  | { step: 'cap'; cap: string; before: string; after: string }
  | {
      step: 'share_given';
      percent: string;
      earning: string;
      recipients: { distributor_id: string; weight: string; amount: string }[];
    }
  | {
      step: 'share_received';
      percent: string;
      from: {
        participant_type: 'partner' | 'user';
        participant_id: string;
        earning: string;
        weight: string;
        amount: string;
      }[];
      total: string;
    }
  | {
      step: 'budget';
      policy: 'pro_rata' | 'first_come';
      budget: string;
      claimed: string;
      factor: string | null;
      before: string;
      after: string;
    }
  | { step: 'rounding'; mode: 'half_away_from_zero' | 'down'; decimals: number; before: string; after: string };

export interface EarningDetail {
  earning: StatementEarning;
  explanation: { unit: string; steps: ExplanationStep[] };
  postings: {
    seq: number;
    kind: 'earning' | 'adjustment' | 'late_adjustment';
    delta: string;
    amount_after: string;
    posted_period: string;
    run_id: string;
    posted_at: string;
  }[];
}

export interface StatementLine {
  distributor_id: string;
  line_id: string;
  invoice_date: string;
  reseller_id: string;
  rep_id: string | null;
  sku: string;
  quantity: number;
  net_amount: string;
  currency: string;
}

export interface Distributor {
  partner_id: string;
  name: string;
}

const path = (...segments: string[]) => segments.map(encodeURIComponent).join('/');

export const partnerApi = {
  dashboard: (signal?: AbortSignal) => apiRequest<Dashboard>('/partner/dashboard', { signal }),
  whatIf: (signal?: AbortSignal) =>
    apiRequest<{ as_of: string; programs: ProgramWhatIf[] }>('/partner/what-if', { signal }),
  programs: (signal?: AbortSignal) =>
    apiRequest<{ as_of: string; programs: IncentivizedProgram[] }>('/partner/programs', { signal }),
  statement: (cursor: string | undefined, signal?: AbortSignal) =>
    apiRequest<Page<StatementEarning>>(`/partner/statement${queryString({ cursor, limit: 25 })}`, { signal }),
  earning: (programId: string, periodStart: string, signal?: AbortSignal) =>
    apiRequest<EarningDetail>(`/partner/statement/${path(programId, periodStart)}`, { signal }),
  lines: (programId: string, periodStart: string, cursor: string | undefined, signal?: AbortSignal) =>
    apiRequest<Page<StatementLine>>(
      `/partner/statement/${path(programId, periodStart)}/lines${queryString({ cursor, limit: 50 })}`,
      { signal },
    ),
  distributors: (signal?: AbortSignal) => apiRequest<{ items: Distributor[] }>('/partner/distributors', { signal }),
  setGoal: (programId: string, partnerId: string, periodStart: string, target: string, metric: 'units' | 'revenue') =>
    apiRequest<unknown>(`/goals/${path(programId, partnerId, periodStart)}`, {
      method: 'PUT',
      body: { metric, target },
    }),
  choosePreferredDistributor: (partnerId: string, distributorId: string) =>
    apiRequest<unknown>(`/partners/${path(partnerId)}/preferred-distributor`, {
      method: 'PUT',
      body: { distributor_id: distributorId },
    }),
};
