import type { ExplanationStep as EngineExplanationStep, SnakeKeys, WhatIf } from '@spur/engine';
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

export interface ProgramWhatIf {
  program_id: string;
  program_name: string;
  period: Period;
  /** The engine's `WhatIf` with snake_case keys (schema in the OpenAPI document). */
  what_if: SnakeKeys<WhatIf>;
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
 * One step of an earning's explanation as the API sends it: the engine's step with snake_case keys
 * (schema `ExplanationStep` in the OpenAPI document). Decimals are unrounded strings; approximate
 * ones start with "~". Types only: the portal bundles none of the engine.
 */
export type ExplanationStep = SnakeKeys<EngineExplanationStep>;

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
