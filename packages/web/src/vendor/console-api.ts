import { apiRequest, queryString } from '../api/client.ts';
import type { Page } from '../api/types.ts';

/** The vendor console's part of the API (`/api/v1/console/...`); amounts are exact decimal strings. */

export type ProgramStatus = 'draft' | 'active' | 'closed';

export interface ProgramSummary {
  program_id: string;
  parent_program_id: string | null;
  name: string;
  unit: string;
  status: ProgramStatus;
  current_version: number;
  configured_by: string | null;
  updated_at: string;
}

export interface ProgramDetail {
  program: Omit<ProgramSummary, 'updated_at'>;
  yaml: string;
  versions: {
    version: number;
    effective_from: string;
    applied_by: string | null;
    applied_at: string;
    source: string;
  }[];
  sub_programs: string[];
}

export interface Problem {
  path: string;
  message: string;
}

export interface SaveResult {
  program_id: string;
  version: number;
  outcome: 'created' | 'new_version' | 'unchanged';
  effective_from: string;
}

export interface DimensionTotal {
  key: string;
  amount: string;
  earners: number;
}

export interface Simulation {
  program_id: string;
  unit: string;
  from: string;
  to: string;
  lines: number;
  total: string;
  uncapped_total: string;
  budget_total: string | null;
  periods: {
    label: string;
    start: string;
    end: string;
    uncapped: string;
    amount: string;
    earners: number;
    budget: string | null;
    over_budget: boolean;
  }[];
  by_country: DimensionTotal[];
  by_cluster: DimensionTotal[];
  by_partner_type: DimensionTotal[];
}

export interface Run {
  run_id: string;
  program_id: string;
  label: string;
  period_start: string;
  period_end: string;
  kind: 'provisional' | 'final';
  status: 'running' | 'succeeded' | 'failed';
  trigger: string;
  program_version: number | null;
  lines: string | null;
  earners: number | null;
  total: string | null;
  unit: string | null;
  postings: number;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface RunStarted {
  run_id: string;
  kind: 'provisional' | 'final';
  period: { label: string; start: string; end: string };
  earners: number;
  total: string;
  unit: string;
  postings: number;
  payouts: number;
}

export interface RunDetail {
  run: Run;
  results: {
    participant_type: string;
    participant_id: string;
    amount: string;
    unit: string;
    payout_due: string | null;
  }[];
}

export interface Budget {
  budget_id: string;
  program_id: string;
  period: string;
  unit: string;
  amount: string;
  committed: string;
  booked: string;
  available: string;
}

export interface Payout {
  payout_id: string;
  program_id: string;
  period: string;
  participant_type: string;
  participant_id: string;
  unit: string;
  amount: string;
  due_date: string;
  status: 'pending' | 'approved' | 'paid';
  approved_by: string | null;
  configured_by: string | null;
}

export interface Dashboard {
  countries: string[] | null;
  partners: { distributors: number; resellers: number };
  users: { registered: number; with_sign_in: number };
  active_resellers: number;
  trend: { month: string; currency: string; lines: string; units: string; net_amount: string }[];
  top_resellers: { partner_id: string; name: string | null; country: string | null; units: string }[];
}

const programPath = (programId: string) => `/console/programs/${encodeURIComponent(programId)}`;

export const consoleApi = {
  dashboard: (signal?: AbortSignal) => apiRequest<Dashboard>('/console/dashboard', { signal }),
  programs: {
    list: (query: { status?: ProgramStatus; cursor?: string }, signal?: AbortSignal) =>
      apiRequest<Page<ProgramSummary>>(`/console/programs${queryString(query)}`, { signal }),
    get: (programId: string, signal?: AbortSignal) => apiRequest<ProgramDetail>(programPath(programId), { signal }),
    validate: (text: string, signal?: AbortSignal) =>
      apiRequest<{ valid: boolean; problems: Problem[] }>('/console/programs/validate', {
        method: 'POST',
        body: { text },
        signal,
      }),
    save: (text: string) => apiRequest<SaveResult>('/console/programs', { method: 'POST', body: { text } }),
    change: (programId: string, action: 'activate' | 'close') =>
      apiRequest<{ program_id: string; status: ProgramStatus }>(`${programPath(programId)}/${action}`, {
        method: 'POST',
      }),
    simulate: (programId: string, months: number, text?: string) =>
      apiRequest<Simulation>(`${programPath(programId)}/simulate`, { method: 'POST', body: { months, text } }),
  },
  runs: {
    list: (query: { program_id?: string; cursor?: string }, signal?: AbortSignal) =>
      apiRequest<Page<Run>>(`/console/runs${queryString(query)}`, { signal }),
    get: (runId: string, signal?: AbortSignal) =>
      apiRequest<RunDetail>(`/console/runs/${encodeURIComponent(runId)}`, { signal }),
    start: (request: { program_id: string; period: string; final: boolean }) =>
      apiRequest<RunStarted>('/console/runs', { method: 'POST', body: request }),
  },
  budgets: {
    list: (query: { program_id?: string; cursor?: string }, signal?: AbortSignal) =>
      apiRequest<Page<Budget>>(`/console/budgets${queryString(query)}`, { signal }),
  },
  payouts: {
    list: (query: { status?: Payout['status']; cursor?: string }, signal?: AbortSignal) =>
      apiRequest<Page<Payout>>(`/console/payouts${queryString(query)}`, { signal }),
    approve: (payoutId: string) =>
      apiRequest<{ payout_id: string; status: Payout['status'] }>(
        `/console/payouts/${encodeURIComponent(payoutId)}/approve`,
        { method: 'POST' },
      ),
  },
};
