import { createHash } from 'node:crypto';
import { Decimal, type Earning, type Explanation, formatAmount, type Period } from '@spur/engine';
import type { Tx } from '../db/connection-types.ts';
import { participantAccount, programAccount } from '../ledger/accounts.ts';
import { postTransactions, type TransactionInput } from '../ledger/post-transaction.ts';

/** What a participant has earned in a program period so far, as posted to the ledger. */
interface PostedEarning {
  participantType: 'partner' | 'user';
  participantId: string;
  amount: Decimal;
  postings: number;
  contentHash: string | null;
}

export interface PostEarningsResult {
  postings: EarningPosting[];
  /** Earnings rows written (new, or amount or explanation changed); 0 means the summaries are current. */
  earningsChanged: number;
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
  // Two plain index scans merged here: a join with the grouped postings planned badly on fresh tables.
  const { rows } = await tx.query<{
    participant_type: 'partner' | 'user';
    participant_id: string;
    amount: string;
    content_sha256: string | null;
  }>(
    `select participant_type, participant_id, amount::text as amount, content_sha256
     from earnings where program_id = $1 and period_start = $2`,
    [programId, periodStart],
  );
  const counts = await tx.query<{ participant_type: string; participant_id: string; postings: number }>(
    `select participant_type, participant_id, max(seq) as postings from earning_postings
     where program_id = $1 and period_start = $2 group by participant_type, participant_id`,
    [programId, periodStart],
  );
  const postings = new Map(
    counts.rows.map((row) => [participantKey(row.participant_type, row.participant_id), Number(row.postings)]),
  );
  return new Map(
    rows.map((row) => {
      const key = participantKey(row.participant_type, row.participant_id);
      return [
        key,
        {
          participantType: row.participant_type,
          participantId: row.participant_id,
          amount: Decimal.parse(row.amount),
          postings: postings.get(key) ?? 0,
          contentHash: row.content_sha256,
        },
      ];
    }),
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
export async function postEarningDifferences(tx: Tx, input: PostEarningsInput): Promise<PostEarningsResult> {
  const { programId, unit, period } = input;
  const posted = await postedEarnings(tx, programId, period.start);
  const current = new Map(input.earnings.map((e) => [participantKey(e.participantType, e.participantId), e]));
  const keys = [...new Set([...posted.keys(), ...current.keys()])].sort();
  const postings: EarningPosting[] = [];
  const transactions: TransactionInput[] = [];
  const earningRows: Record<string, string | null>[] = [];
  for (const key of keys) {
    const earning = current.get(key);
    const before = posted.get(key);
    const type = earning?.participantType ?? before!.participantType;
    const id = earning?.participantId ?? before!.participantId;
    const now = earning ? Decimal.parse(earning.amount) : Decimal.ZERO;
    const previous = before?.amount ?? Decimal.ZERO;
    const delta = now.minus(previous);
    const explanation = JSON.stringify(earning?.explanation ?? noLongerEarns(unit, type, id));
    const payoutDue = earning?.payoutDue ?? null;
    const hash = createHash('sha256')
      .update(`${formatAmount(now, unit)}|${payoutDue}|${explanation}`)
      .digest('hex');
    if (hash !== before?.contentHash) {
      earningRows.push({
        participant_type: type,
        participant_id: id,
        amount: formatAmount(now, unit),
        payout_due: payoutDue,
        explanation,
        content_sha256: hash,
      });
    }
    if (delta.isZero()) continue;
    const seq = (before?.postings ?? 0) + 1;
    const kind = input.lateInto ? 'late_adjustment' : seq === 1 ? 'earning' : 'adjustment';
    const postedPeriod = input.lateInto ?? period;
    const transactionKey = earningKey(programId, period.start, type, id, seq);
    const correctsKey = seq === 1 ? null : earningKey(programId, period.start, type, id, 1);
    const amount = formatAmount(delta.abs(), unit);
    const positive = delta.isPositive();
    transactions.push({
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
        { account: programAccount(programId, unit), side: positive ? 'debit' : 'credit', amount },
        { account: participantAccount({ type, id }, unit), side: positive ? 'credit' : 'debit', amount },
      ],
    });
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
  if (transactions.length > 0) await postTransactions(tx, transactions);
  if (postings.length > 0) {
    await tx.query(
      `insert into earning_postings (program_id, period_start, participant_type, participant_id, seq, kind, delta,
         amount_after, run_id, transaction_key, corrects_key, posted_period_start, posted_period_label)
       select $1, $2, p.participant_type, p.participant_id, p.seq, p.kind, p.delta, p.amount_after, $3,
         p.transaction_key, p.corrects_key, p.posted_period_start, p.posted_period_label
       from jsonb_to_recordset($4::jsonb) as p (participant_type text, participant_id text, seq integer, kind text,
         delta numeric, amount_after numeric, transaction_key text, corrects_key text, posted_period_start date,
         posted_period_label text)`,
      [
        programId,
        period.start,
        input.runId,
        JSON.stringify(
          postings.map((p) => ({
            participant_type: p.participantType,
            participant_id: p.participantId,
            seq: p.seq,
            kind: p.kind,
            delta: p.delta,
            amount_after: p.amountAfter,
            transaction_key: p.transactionKey,
            corrects_key: p.correctsKey,
            posted_period_start: p.postedPeriod.start,
            posted_period_label: p.postedPeriod.label,
          })),
        ),
      ],
    );
  }
  // One statement for the participants whose amount or explanation changed (by content hash).
  if (earningRows.length > 0) {
    await tx.query(
      `insert into earnings (program_id, period_start, participant_type, participant_id, unit, amount, payout_due,
         explanation, last_run_id, content_sha256)
       select $1, $2, e.participant_type, e.participant_id, $3, e.amount, e.payout_due, e.explanation::jsonb, $4,
         e.content_sha256
       from jsonb_to_recordset($5::jsonb) as e (participant_type text, participant_id text, amount numeric,
         payout_due date, explanation text, content_sha256 text)
       on conflict (program_id, period_start, participant_type, participant_id) do update
         set amount = excluded.amount, payout_due = excluded.payout_due, explanation = excluded.explanation,
             last_run_id = excluded.last_run_id, content_sha256 = excluded.content_sha256`,
      [programId, period.start, unit, input.runId, JSON.stringify(earningRows)],
    );
  }
  return { postings, earningsChanged: earningRows.length };
}
