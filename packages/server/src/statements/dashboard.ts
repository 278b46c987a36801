import type { Queryable } from '../db/connection-types.ts';
import { formatMinorUnits } from '../ledger/index.ts';
import type { Subject } from './subject.ts';

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

export interface Balance {
  unit: string;
  /** Posted balance owed to the participant (earned less redeemed and paid out). */
  balance: string;
  /** The balance less holds (redemptions or payouts in progress). */
  available: string;
}

export interface PayoutTotal {
  unit: string;
  status: 'pending' | 'approved' | 'paid';
  count: number;
  amount: string;
  /** Earliest due date among them. */
  next_due: string | null;
}

export interface Dashboard {
  participant: { type: 'partner' | 'user'; id: string };
  /** The latest period of each program the participant earned in. */
  current: PeriodEarning[];
  /** The last periods of every program, newest first (for the chart). */
  history: PeriodEarning[];
  balances: Balance[];
  payouts: PayoutTotal[];
}

/** How many program periods the chart goes back. */
export const HISTORY_PERIODS = 12;

/**
 * The partner home page from the summary tables and the ledger's materialized sums only:
 * a handful of index lookups, never a scan of sell-out lines.
 */
export async function loadDashboard(q: Queryable, subject: Subject): Promise<Dashboard> {
  // One round trip: the three reads are independent index lookups, and a dashboard is asked for often.
  const { rows } = await q.query<{
    periods: PeriodEarning[] | null;
    accounts: AccountRow[] | null;
    payouts: PayoutRow[] | null;
  }>(
    `select
       (select json_agg(p) from (
          select s.program_id, pr.name as program_name, s.period_start::text as period_start,
            pp.period_end::text as period_end, coalesce(pp.label, s.period_start::text) as label, s.status, s.unit,
            s.amount::text as amount, s.measure::text as measure
          from summary_participants s
          join programs pr on pr.program_id = s.program_id
          left join program_periods pp on pp.program_id = s.program_id and pp.period_start = s.period_start
          where s.partner_id = $1 and s.participant_type = $2 and s.participant_id = $3
          order by s.period_start desc, s.program_id
          limit 500) p) as periods,
       (select json_agg(a) from (
          select unit, debits_posted::text as debits_posted, credits_posted::text as credits_posted,
            debits_pending::text as debits_pending
          from ledger_accounts
          where participant_id = $3 and participant_type = $2 and kind = 'participant' order by unit) a) as accounts,
       (select json_agg(o) from (
          select unit, status, count(*)::integer as count, sum(amount)::text as amount, min(due_date)::text as next_due
          from payouts where participant_id = $3 and participant_type = $2
          group by unit, status order by unit, status) o) as payouts`,
    [subject.partnerId, subject.type, subject.id],
    { prepared: true },
  );
  const row = rows[0];
  const periods = row?.periods ?? [];
  const current: PeriodEarning[] = [];
  const history: PeriodEarning[] = [];
  const perProgram = new Map<string, number>();
  for (const period of periods) {
    const seen = perProgram.get(period.program_id) ?? 0;
    if (seen === 0) current.push(period);
    if (seen < HISTORY_PERIODS) history.push(period);
    perProgram.set(period.program_id, seen + 1);
  }
  const balances = (row?.accounts ?? []).map((account) => {
    const balance = BigInt(account.credits_posted) - BigInt(account.debits_posted);
    return {
      unit: account.unit,
      balance: formatMinorUnits(balance, account.unit),
      available: formatMinorUnits(balance - BigInt(account.debits_pending), account.unit),
    };
  });
  return {
    participant: { type: subject.type, id: subject.id },
    current,
    history,
    balances,
    payouts: (row?.payouts ?? []).map((payout) => ({
      ...payout,
      amount: formatMinorUnits(BigInt(payout.amount), payout.unit),
    })),
  };
}

interface AccountRow {
  unit: string;
  debits_posted: string;
  credits_posted: string;
  debits_pending: string;
}

interface PayoutRow {
  unit: string;
  status: PayoutTotal['status'];
  count: number;
  amount: string;
  next_due: string | null;
}
