import {
  Decimal,
  type EarningJson,
  type Explanation,
  earningToJson,
  formatAmount,
  isZeroAmount,
  type Period,
  renderExplanation,
} from '@spur/engine';
import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../db/connection-types.ts';
import { getProgram } from '../programs/program-store.ts';
import { resolvePeriod } from '../runs/run-calculation.ts';

export interface EarningPostingJson {
  seq: number;
  kind: 'earning' | 'adjustment' | 'late_adjustment';
  delta: string;
  amount_after: string;
  run_id: string;
  transaction_key: string;
  corrects_key: string | null;
  /** The period the posting went into (a later open period for late adjustments). */
  posted_period: string;
  posted_at: string;
}

/** `spur simulate`'s earning plus the period status and every posting that made up the amount. */
export type StoredEarningJson = EarningJson & {
  status: 'provisional' | 'final';
  adjustments: EarningPostingJson[];
};

export interface EarningsJson {
  program: string;
  earnings: StoredEarningJson[];
  totals: {
    amount: string;
    unit: string;
    earnings: number;
    periods: {
      period_start: string;
      period_end: string;
      amount: string;
      earners: number;
      status: 'provisional' | 'final' | 'not_calculated';
      last_run_id: string | null;
    }[];
  };
}

/** The stored earnings of one program period, as `spur earnings` prints them. */
export async function earningsReport(
  q: Queryable,
  programId: string,
  periodText: string,
  all = false,
): Promise<{ report: EarningsJson; explanations: Map<string, Explanation> }> {
  const stored = await getProgram(q, programId);
  const period: Period = await resolvePeriod(q, stored, periodText);
  const [state, earnings, postings, lastRun] = await Promise.all([
    q.query<{ status: 'open' | 'final' }>(
      'select status from program_periods where program_id = $1 and period_start = $2',
      [programId, period.start],
    ),
    q.query<{
      participant_type: 'partner' | 'user';
      participant_id: string;
      unit: string;
      amount: string;
      payout_due: string | null;
      explanation: Explanation;
    }>(
      `select participant_type, participant_id, unit, amount::text as amount, payout_due::text as payout_due, explanation
       from earnings where program_id = $1 and period_start = $2 order by participant_type, participant_id`,
      [programId, period.start],
    ),
    q.query<{
      participant_type: string;
      participant_id: string;
      seq: number;
      kind: EarningPostingJson['kind'];
      delta: string;
      amount_after: string;
      run_id: string;
      transaction_key: string;
      corrects_key: string | null;
      posted_period_label: string;
      created_at: Date;
    }>(
      `select participant_type, participant_id, seq, kind, delta::text as delta, amount_after::text as amount_after,
         run_id::text as run_id, transaction_key, corrects_key, posted_period_label, created_at
       from earning_postings where program_id = $1 and period_start = $2 order by posting_id`,
      [programId, period.start],
    ),
    q.query<{ run_id: string }>(
      `select run_id::text as run_id from calc_runs where program_id = $1 and period_start = $2 and status = 'succeeded'
       order by run_id desc limit 1`,
      [programId, period.start],
    ),
  ]);
  const status = state.rows[0]?.status === 'final' ? 'final' : 'provisional';
  const byParticipant = new Map<string, EarningPostingJson[]>();
  for (const row of postings.rows) {
    const key = `${row.participant_type}:${row.participant_id}`;
    const list = byParticipant.get(key) ?? [];
    list.push({
      seq: Number(row.seq),
      kind: row.kind,
      delta: formatAmount(Decimal.parse(row.delta), stored.unit),
      amount_after: formatAmount(Decimal.parse(row.amount_after), stored.unit),
      run_id: row.run_id,
      transaction_key: row.transaction_key,
      corrects_key: row.corrects_key,
      posted_period: row.posted_period_label,
      posted_at: new Date(row.created_at).toISOString(),
    });
    byParticipant.set(key, list);
  }
  let total = Decimal.ZERO;
  const listed: StoredEarningJson[] = [];
  const explanations = new Map<string, Explanation>();
  for (const row of earnings.rows) {
    const amount = formatAmount(Decimal.parse(row.amount), row.unit);
    total = total.plus(Decimal.parse(amount));
    if (!all && isZeroAmount(amount)) continue;
    explanations.set(`${row.participant_type}:${row.participant_id}`, row.explanation);
    listed.push({
      ...earningToJson({
        participantType: row.participant_type,
        participantId: row.participant_id,
        periodStart: period.start,
        periodEnd: period.end,
        amount,
        unit: row.unit,
        payoutDue: row.payout_due,
        explanation: row.explanation,
      }),
      status,
      adjustments: byParticipant.get(`${row.participant_type}:${row.participant_id}`) ?? [],
    });
  }
  const calculated = earnings.rows.length > 0 || lastRun.rows.length > 0;
  const report: EarningsJson = {
    program: programId,
    earnings: listed,
    totals: {
      amount: formatAmount(total, stored.unit),
      unit: stored.unit,
      earnings: listed.length,
      periods: [
        {
          period_start: period.start,
          period_end: period.end,
          amount: formatAmount(total, stored.unit),
          earners: earnings.rows.filter((row) => !isZeroAmount(row.amount)).length,
          status: calculated ? status : 'not_calculated',
          last_run_id: lastRun.rows[0]?.run_id ?? null,
        },
      ],
    },
  };
  return { report, explanations };
}

export function earningsCsv(report: EarningsJson): string {
  return stringify(
    report.earnings.map((e) => [
      e.participant_type,
      e.participant_id,
      e.period_start,
      e.period_end,
      e.amount,
      e.unit,
      e.payout_due ?? '',
      e.status,
      e.adjustments.map((a) => `${a.kind} ${a.delta} into ${a.posted_period}`).join('; '),
      JSON.stringify(e.explanation),
    ]),
    {
      header: true,
      columns: [
        'participant_type',
        'participant_id',
        'period_start',
        'period_end',
        'amount',
        'unit',
        'payout_due',
        'status',
        'adjustments',
        'explanation',
      ],
    },
  );
}

export function earningsTable(report: EarningsJson, explanations: ReadonlyMap<string, Explanation>): string {
  const period = report.totals.periods[0]!;
  const out = [
    `program ${report.program}, period ${period.period_start}..${period.period_end}: ${report.totals.amount} ${report.totals.unit}, ` +
      `${report.earnings.length} earning(s), ${period.status}` +
      (period.last_run_id ? `, last run ${period.last_run_id}` : ''),
  ];
  for (const earning of report.earnings) {
    out.push(
      '',
      `${earning.participant_type} ${earning.participant_id}: ${earning.amount} ${earning.unit} (${earning.status})` +
        (earning.payout_due ? `, payout due ${earning.payout_due}` : ''),
    );
    const explanation = explanations.get(`${earning.participant_type}:${earning.participant_id}`);
    if (explanation) out.push(renderExplanation(explanation));
    for (const a of earning.adjustments) {
      out.push(
        `  posting ${a.seq}: ${a.kind} ${a.delta} -> ${a.amount_after}, run ${a.run_id}, into ${a.posted_period}` +
          (a.corrects_key ? `, corrects ${a.corrects_key}` : ''),
      );
    }
  }
  return `${out.join('\n')}\n`;
}
