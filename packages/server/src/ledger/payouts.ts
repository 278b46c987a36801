import type { Queryable, Tx } from '../db/connection-types.ts';
import { type Participant, participantAccount, payoutAccount } from './accounts.ts';
import { contentHash } from './content-hash.ts';
import { LedgerError } from './errors.ts';
import { findTransactionByKey } from './ledger-repository.ts';
import { postTransaction } from './post-transaction.ts';
import { formatMinorUnits, ledgerUnit, toMinorUnits } from './units.ts';

export type PayoutStatus = 'pending' | 'approved' | 'paid';

export interface Payout {
  payoutId: string;
  key: string;
  programId: string;
  period: string;
  participant: Participant;
  unit: string;
  /** Minor units of `unit`. */
  amount: bigint;
  dueDate: string;
  status: PayoutStatus;
  /** Key of the ledger transaction of the cash earning this payout pays. */
  earningKey: string;
  approvedBy: string | null;
  approvedAt: Date | null;
  paidAt: Date | null;
  paidReference: string | null;
}

interface PayoutRow {
  payout_id: string;
  idempotency_key: string;
  content_hash: string;
  program_id: string;
  period: string;
  participant_type: Participant['type'];
  participant_id: string;
  unit: string;
  amount: string;
  due_date: string;
  status: PayoutStatus;
  earning_key: string;
  approved_by: string | null;
  approved_at: Date | null;
  paid_at: Date | null;
  paid_reference: string | null;
}

const PAYOUT_SELECT = `
  select p.payout_id, p.idempotency_key, p.content_hash, p.program_id, p.period, p.participant_type, p.participant_id,
         p.unit, p.amount, p.due_date, p.status, t.idempotency_key earning_key, p.approved_by, p.approved_at, p.paid_at,
         p.paid_reference
  from payouts p join ledger_transactions t on t.transaction_id = p.earning_transaction_id`;

function payoutOf(row: PayoutRow): Payout {
  return {
    payoutId: row.payout_id,
    key: row.idempotency_key,
    programId: row.program_id,
    period: row.period,
    participant: { type: row.participant_type, id: row.participant_id },
    unit: row.unit,
    amount: BigInt(row.amount),
    dueDate: row.due_date,
    status: row.status,
    earningKey: row.earning_key,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    paidAt: row.paid_at,
    paidReference: row.paid_reference,
  };
}

async function selectPayout(
  q: Queryable,
  where: string,
  params: unknown[],
): Promise<(Payout & { hash: string }) | undefined> {
  const { rows } = await q.query<PayoutRow>(`${PAYOUT_SELECT} where ${where}`, params);
  return rows[0] && { ...payoutOf(rows[0]), hash: rows[0].content_hash };
}

/** The due date `days` calendar days after the period's last day (CashPaq: 14). */
export function payoutDueDate(periodEnd: string, days: number): string {
  const date = new Date(`${periodEnd}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}$/.test(periodEnd) || !Number.isInteger(days)) {
    throw new LedgerError('invalid_transaction', `cannot add ${days} days to "${periodEnd}"`, { value: periodEnd });
  }
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export interface CreatePayoutInput {
  key: string;
  /** Ledger key of the cash earning (or adjustment) this payout pays. */
  earningKey: string;
  programId: string;
  period: string;
  participant: Participant;
  unit: string;
  /** Positive decimal string in the cash currency. */
  amount: string;
  dueDate: string;
}

/** A pending payout for one cash earning: moves the amount from the participant to payout:pending. */
export async function createPayout(tx: Tx, input: CreatePayoutInput): Promise<{ payout: Payout; replayed: boolean }> {
  const unit = ledgerUnit(input.unit);
  if (unit.kind !== 'cash') {
    throw new LedgerError('payout_not_cash', `payouts are paid in cash, not ${input.unit}`, { unit: input.unit });
  }
  const amount = toMinorUnits(input.amount, unit.unit);
  if (amount <= 0n) {
    throw new LedgerError('invalid_amount', `payout amount "${input.amount}" must be positive`, {
      value: input.amount,
    });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate)) {
    throw new LedgerError('invalid_transaction', `payout due date "${input.dueDate}" is not YYYY-MM-DD`, {
      value: input.dueDate,
    });
  }
  const hash = contentHash({
    earningKey: input.earningKey,
    programId: input.programId,
    period: input.period,
    participant: `${input.participant.type}:${input.participant.id}`,
    unit: unit.unit,
    amount: amount.toString(),
    dueDate: input.dueDate,
  });
  const replay = async () => {
    const stored = await selectPayout(tx, 'p.idempotency_key = $1', [input.key]);
    if (!stored) return undefined;
    if (stored.hash !== hash) {
      throw new LedgerError('idempotency_conflict', `payout key "${input.key}" was already used for another payout`, {
        key: input.key,
      });
    }
    const { hash: _, ...payout } = stored;
    return { payout, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  const earning = await findTransactionByKey(tx, input.earningKey);
  if (!earning) {
    throw new LedgerError('transaction_missing', `earning "${input.earningKey}" does not exist`, {
      key: input.earningKey,
    });
  }
  // Serialises payout creation per earning, so the one-payout-per-earning check below holds.
  await tx.query('select 1 from ledger_transactions where transaction_id = $1 for no key update', [
    earning.transactionId,
  ]);
  const again = await replay();
  if (again) return again;
  const taken = await tx.query<{ idempotency_key: string }>(
    'select idempotency_key from payouts where earning_transaction_id = $1',
    [earning.transactionId],
  );
  if (taken.rows[0]) {
    throw new LedgerError(
      'idempotency_conflict',
      `earning "${input.earningKey}" already has payout "${taken.rows[0].idempotency_key}"`,
      { key: input.earningKey },
    );
  }
  const posted = await postTransaction(tx, {
    key: `payout:${input.key}:pending`,
    description: `payout due ${input.dueDate} for ${input.programId} ${input.period}`,
    programId: input.programId,
    period: input.period,
    entries: [
      { account: participantAccount(input.participant, unit.unit), side: 'debit', amount: input.amount },
      { account: payoutAccount('pending', input.participant, unit.unit), side: 'credit', amount: input.amount },
    ],
  });
  const { rows } = await tx.query<{ payout_id: string }>(
    `insert into payouts (idempotency_key, content_hash, program_id, period, participant_type, participant_id, unit,
       amount, due_date, earning_transaction_id, pending_transaction_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     returning payout_id`,
    [
      input.key,
      hash,
      input.programId,
      input.period,
      input.participant.type,
      input.participant.id,
      unit.unit,
      amount.toString(),
      input.dueDate,
      earning.transactionId,
      posted.transaction.transactionId,
    ],
  );
  const { hash: _, ...payout } = (await selectPayout(tx, 'p.payout_id = $1', [rows[0]!.payout_id]))!;
  return { payout, replayed: false };
}

async function lockPayout(tx: Tx, payoutId: string): Promise<Payout> {
  const { rows } = await tx.query<{ payout_id: string }>(
    'select payout_id from payouts where payout_id = $1 for update',
    [payoutId],
  );
  if (!rows[0]) throw new LedgerError('payout_missing', `payout ${payoutId} does not exist`, { payoutId });
  const { hash: _, ...payout } = (await selectPayout(tx, 'p.payout_id = $1', [payoutId]))!;
  return payout;
}

export interface ApprovePayoutInput {
  payoutId: string;
  /** The finance user approving. */
  approvedBy: string;
  /** The user who configured the program; four eyes: they may not approve its payouts. */
  configuredBy: string;
}

/** pending -> approved by a finance user other than the program's configurer; posts pending -> approved. */
export async function approvePayout(tx: Tx, input: ApprovePayoutInput): Promise<Payout> {
  const payout = await lockPayout(tx, input.payoutId);
  if (payout.status !== 'pending') return payout;
  if (input.approvedBy === input.configuredBy) {
    throw new LedgerError(
      'payout_four_eyes',
      `user ${input.approvedBy} configured program ${payout.programId} and may not approve its payouts`,
      { payoutId: payout.payoutId, user: input.approvedBy },
    );
  }
  const { rows } = await tx.query<{ role: string | null; disabled_at: Date | null }>(
    'select role, disabled_at from users where user_id = $1',
    [input.approvedBy],
  );
  if (rows[0]?.role !== 'finance' || rows[0].disabled_at !== null) {
    throw new LedgerError('payout_approver_invalid', `user ${input.approvedBy} is not an active finance user`, {
      payoutId: payout.payoutId,
      user: input.approvedBy,
    });
  }
  const moved = await movePayout(tx, payout, 'pending', 'approved');
  await tx.query(
    `update payouts set status = 'approved', approved_by = $2, approved_at = now(), approved_transaction_id = $3
     where payout_id = $1`,
    [payout.payoutId, input.approvedBy, moved],
  );
  return lockPayout(tx, payout.payoutId);
}

/** approved -> paid; posts approved -> paid. `reference` is the bank or card reference. */
export async function markPayoutPaid(tx: Tx, input: { payoutId: string; reference?: string }): Promise<Payout> {
  const payout = await lockPayout(tx, input.payoutId);
  if (payout.status === 'paid') return payout;
  if (payout.status !== 'approved') {
    throw new LedgerError(
      'payout_wrong_status',
      `payout ${payout.payoutId} is ${payout.status}; only approved payouts are paid`,
      {
        payoutId: payout.payoutId,
        status: payout.status,
      },
    );
  }
  const moved = await movePayout(tx, payout, 'approved', 'paid');
  await tx.query(
    `update payouts set status = 'paid', paid_at = now(), paid_reference = $2, paid_transaction_id = $3
     where payout_id = $1`,
    [payout.payoutId, input.reference ?? null, moved],
  );
  return lockPayout(tx, payout.payoutId);
}

async function movePayout(
  tx: Tx,
  payout: Payout,
  from: 'pending' | 'approved',
  to: 'approved' | 'paid',
): Promise<string> {
  const amount = formatMinorUnits(payout.amount, payout.unit);
  const posted = await postTransaction(tx, {
    key: `payout:${payout.key}:${to}`,
    description: `payout ${payout.payoutId} ${to}`,
    programId: payout.programId,
    period: payout.period,
    entries: [
      { account: payoutAccount(from, payout.participant, payout.unit), side: 'debit', amount },
      { account: payoutAccount(to, payout.participant, payout.unit), side: 'credit', amount },
    ],
  });
  return posted.transaction.transactionId;
}

/** Payouts in a status, due on or before a date, oldest due first: the finance work list. */
export async function listPayouts(
  q: Queryable,
  filter: { status?: PayoutStatus; dueBy?: string } = {},
): Promise<Payout[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    params.push(filter.status);
    conditions.push(`p.status = $${params.length}`);
  }
  if (filter.dueBy) {
    params.push(filter.dueBy);
    conditions.push(`p.due_date <= $${params.length}`);
  }
  const { rows } = await q.query<PayoutRow>(
    `${PAYOUT_SELECT} ${conditions.length ? `where ${conditions.join(' and ')}` : ''} order by p.due_date, p.payout_id`,
    params,
  );
  return rows.map(payoutOf);
}
