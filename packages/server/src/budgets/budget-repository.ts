import type { Queryable, Tx } from '../db/connection-types.ts';

export interface Budget {
  budgetId: string;
  programId: string;
  period: string;
  unit: string;
  /** Minor units of `unit`. */
  amount: bigint;
  /** Held by provisional runs. */
  committed: bigint;
  /** Spent by final runs. */
  booked: bigint;
  remaining: bigint;
}

export interface BudgetRow {
  budget_id: string;
  program_id: string;
  period: string;
  unit: string;
  amount: string;
  committed: string;
  booked: string;
}

export function budgetOf(row: BudgetRow): Budget {
  const amount = BigInt(row.amount);
  const committed = BigInt(row.committed);
  const booked = BigInt(row.booked);
  return {
    budgetId: row.budget_id,
    programId: row.program_id,
    period: row.period,
    unit: row.unit,
    amount,
    committed,
    booked,
    remaining: amount - committed - booked,
  };
}

const COLUMNS = 'budget_id, program_id, period, unit, amount, committed, booked';

export async function findBudget(q: Queryable, programId: string, period: string): Promise<Budget | undefined> {
  const { rows } = await q.query<BudgetRow>(`select ${COLUMNS} from budgets where program_id = $1 and period = $2`, [
    programId,
    period,
  ]);
  return rows[0] && budgetOf(rows[0]);
}

/** Locks the budget row until the caller's transaction ends: budget moves on it queue behind. */
export async function lockBudget(tx: Tx, programId: string, period: string): Promise<Budget | undefined> {
  const { rows } = await tx.query<BudgetRow>(
    `select ${COLUMNS} from budgets where program_id = $1 and period = $2 for update`,
    [programId, period],
  );
  return rows[0] && budgetOf(rows[0]);
}

/**
 * Moves committed and booked by signed deltas in one UPDATE whose WHERE keeps both non-negative
 * and their sum within the amount; returns the new row, or undefined when the move does not fit.
 */
export async function moveWithinAmount(
  tx: Tx,
  budgetId: string,
  committedDelta: bigint,
  bookedDelta: bigint,
): Promise<Budget | undefined> {
  const { rows } = await tx.query<BudgetRow>(
    `update budgets set committed = committed + $2::bigint, booked = booked + $3::bigint
     where budget_id = $1
       and committed + $2::bigint >= 0 and booked + $3::bigint >= 0
       and committed + $2::bigint + booked + $3::bigint <= amount
     returning ${COLUMNS}`,
    [budgetId, committedDelta.toString(), bookedDelta.toString()],
  );
  return rows[0] && budgetOf(rows[0]);
}

export async function insertBudgetMove(
  tx: Tx,
  move: {
    budgetId: string;
    key: string | null;
    contentHash: string | null;
    amountDelta: bigint;
    committedDelta: bigint;
    bookedDelta: bigint;
    reason: string;
  },
): Promise<boolean> {
  const result = await tx.query(
    `insert into budget_moves (budget_id, idempotency_key, content_hash, amount_delta, committed_delta, booked_delta, reason)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (idempotency_key) do nothing`,
    [
      move.budgetId,
      move.key,
      move.contentHash,
      move.amountDelta.toString(),
      move.committedDelta.toString(),
      move.bookedDelta.toString(),
      move.reason,
    ],
  );
  return result.rowCount === 1;
}

export async function findMoveHash(q: Queryable, key: string): Promise<string | undefined> {
  const { rows } = await q.query<{ content_hash: string }>(
    'select content_hash from budget_moves where idempotency_key = $1',
    [key],
  );
  return rows[0]?.content_hash;
}
