import { Decimal, type Earning, type Explanation, formatAmount, type Period } from '@spur/engine';
import type { Tx } from '../db/connection-types.ts';
import { participantAccount, programAccount } from '../ledger/accounts.ts';
import { postTransaction } from '../ledger/post-transaction.ts';

/** What a participant has earned in a program period so far, as posted to the ledger. */
interface PostedEarning {
  participantType: 'partner' | 'user';
  participantId: string;
  amount: Decimal;
  postings: number;
}

export interface EarningPosting {
  participantType: 'partner' | 'user';
  participantId: string;
  seq: number;
  kind: 'earning' | 'adjustment' | 'late_adjustment';
  delta: string;
  amountAfter: string;
  transactionKey: string;
  correctsKey: string | null;
  postedPeriod: Period;
}

export interface PostEarningsInput {
  runId: string;
  programId: string;
  unit: string;
  period: Period;
  /** The period's earnings as the engine priced them now (zero amounts included). */
  earnings: readonly Earning[];
  /** Set when the period is final: differences post into this later period as late adjustments. */
  lateInto: Period | undefined;
}

function participantKey(type: string, id: string): string {
  return `${type}:${id}`;
}

/** The ledger key of the n-th posting of one participant's earning in one program period. */
export function earningKey(programId: string, periodStart: string, type: string, id: string, seq: number): string {
  return `earning:${programId}:${periodStart}:${type}:${id}:${seq}`;
}

async function postedEarnings(tx: Tx, programId: string, periodStart: string): Promise<Map<string, PostedEarning>> {
  const { rows } = await tx.query<{
    participant_type: 'partner' | 'user';
    participant_id: string;
    amount: string;
    postings: number;
  }>(
    `select e.participant_type, e.participant_id, e.amount::text as amount,
       (select count(*)::int from earning_postings p where p.program_id = e.program_id and p.period_start = e.period_start
          and p.participant_type = e.participant_type and p.participant_id = e.participant_id) as postings
     from earnings e where e.program_id = $1 and e.period_start = $2`,
    [programId, periodStart],
  );
  return new Map(
    rows.map((row) => [
      participantKey(row.participant_type, row.participant_id),
      {
        participantType: row.participant_type,
        participantId: row.participant_id,
        amount: Decimal.parse(row.amount),
        postings: Number(row.postings),
      },
    ]),
  );
}

function noLongerEarns(unit: string, type: 'partner' | 'user', id: string): Explanation {
  return {
    unit,
    steps: [
      { step: 'participant', participantType: type, participantId: id, note: 'no counted lines in the latest run' },
    ],
  };
}

/**
 * Posts only the difference between what each participant earns now and what the ledger already
 * holds for the period: the first posting is the earning, every later one an adjustment that
 * references it. Unchanged inputs post nothing. A final period is never edited: its differences
 * post as late adjustments into the next open period.
 */
export async function postEarningDifferences(tx: Tx, input: PostEarningsInput): Promise<EarningPosting[]> {
  const { programId, unit, period } = input;
  const posted = await postedEarnings(tx, programId, period.start);
  const current = new Map(input.earnings.map((e) => [participantKey(e.participantType, e.participantId), e]));
  const keys = [...new Set([...posted.keys(), ...current.keys()])].sort();
  const postings: EarningPosting[] = [];
  for (const key of keys) {
    const earning = current.get(key);
    const before = posted.get(key);
    const type = earning?.participantType ?? before!.participantType;
    const id = earning?.participantId ?? before!.participantId;
    const now = earning ? Decimal.parse(earning.amount) : Decimal.ZERO;
    const previous = before?.amount ?? Decimal.ZERO;
    const delta = now.minus(previous);
    const explanation = earning?.explanation ?? noLongerEarns(unit, type, id);
    if (!delta.isZero()) {
      const seq = (before?.postings ?? 0) + 1;
      const kind = input.lateInto ? 'late_adjustment' : seq === 1 ? 'earning' : 'adjustment';
      const postedPeriod = input.lateInto ?? period;
      const transactionKey = earningKey(programId, period.start, type, id, seq);
      const correctsKey = seq === 1 ? null : earningKey(programId, period.start, type, id, 1);
      const participant = participantAccount({ type, id }, unit);
      const expense = programAccount(programId, unit);
      const amount = formatAmount(delta.abs(), unit);
      const positive = delta.isPositive();
      await postTransaction(tx, {
        key: transactionKey,
        description:
          kind === 'earning'
            ? `${programId} ${period.label}: earning of ${type} ${id}`
            : kind === 'adjustment'
              ? `${programId} ${period.label}: adjustment of ${type} ${id} (${positive ? '+' : '-'}${amount})`
              : `${programId} ${period.label} (final): late adjustment of ${type} ${id} posted into ${postedPeriod.label}`,
        programId,
        period: postedPeriod.label,
        effectiveDate: postedPeriod.end,
        ...(correctsKey ? { correctsKey } : {}),
        metadata: { run: input.runId, kind, earningPeriod: period.label },
        entries: [
          { account: expense, side: positive ? 'debit' : 'credit', amount },
          { account: participant, side: positive ? 'credit' : 'debit', amount },
        ],
      });
      await tx.query(
        `insert into earning_postings (program_id, period_start, participant_type, participant_id, seq, kind, delta,
           amount_after, run_id, transaction_key, corrects_key, posted_period_start, posted_period_label)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          programId,
          period.start,
          type,
          id,
          seq,
          kind,
          delta.toString(),
          now.toString(),
          input.runId,
          transactionKey,
          correctsKey,
          postedPeriod.start,
          postedPeriod.label,
        ],
      );
      postings.push({
        participantType: type,
        participantId: id,
        seq,
        kind,
        delta: formatAmount(delta, unit),
        amountAfter: formatAmount(now, unit),
        transactionKey,
        correctsKey,
        postedPeriod,
      });
    }
    await tx.query(
      `insert into earnings (program_id, period_start, participant_type, participant_id, unit, amount, payout_due,
         explanation, last_run_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (program_id, period_start, participant_type, participant_id) do update
         set amount = excluded.amount, payout_due = excluded.payout_due, explanation = excluded.explanation,
             last_run_id = excluded.last_run_id`,
      [
        programId,
        period.start,
        type,
        id,
        unit,
        now.toString(),
        earning?.payoutDue ?? null,
        JSON.stringify(explanation),
        input.runId,
      ],
    );
  }
  return postings;
}
