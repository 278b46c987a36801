import type { Queryable, Tx } from '../db/connection-types.ts';
import { contentHash } from '../ledger/content-hash.ts';
import { LedgerError } from '../ledger/errors.ts';
import { formatMinorUnits, ledgerUnit, toMinorUnits } from '../ledger/units.ts';
import {
  type Budget,
  type BudgetRow,
  budgetOf,
  findBudget,
  findMoveHash,
  insertBudgetMove,
  lockBudget,
  moveWithinAmount,
} from './budget-repository.ts';
import { raiseNotification } from './notifications.ts';

export type { Budget } from './budget-repository.ts';
export { findBudget } from './budget-repository.ts';

/** Share of the amount used (committed + booked) at which an alert is stored, once per budget. */
const ALERT_THRESHOLDS = [80n, 100n] as const;
export type BudgetAlert = 'budget_80' | 'budget_100';

export interface SetBudgetInput {
  /** A program or sub-program id. */
  programId: string;
  period: string;
  unit: string;
  /** Decimal string in `unit`. */
  amount: string;
}

/** Creates the budget of a program and period, or changes its amount (never below what is used). */
export async function setBudget(tx: Tx, input: SetBudgetInput): Promise<{ budget: Budget; alerts: BudgetAlert[] }> {
  const unit = ledgerUnit(input.unit);
  const amount = toMinorUnits(input.amount, unit.unit, 'budget amount');
  if (amount < 0n) {
    throw new LedgerError('budget_negative', `budget amount "${input.amount}" is negative`, { value: input.amount });
  }
  let current = await lockBudget(tx, input.programId, input.period);
  if (!current) {
    await tx.query('insert into ledger_units (unit, kind, scale) values ($1, $2, $3) on conflict (unit) do nothing', [
      unit.unit,
      unit.kind,
      unit.scale,
    ]);
    const created = await tx.query<BudgetRow>(
      `insert into budgets (program_id, period, unit, amount) values ($1, $2, $3, $4)
       on conflict (program_id, period) do nothing
       returning budget_id, program_id, period, unit, amount, committed, booked`,
      [input.programId, input.period, unit.unit, amount.toString()],
    );
    if (created.rows[0]) {
      const budget = budgetOf(created.rows[0]);
      await insertBudgetMove(tx, { ...noMove(budget.budgetId), amountDelta: amount, reason: 'budget set' });
      return { budget, alerts: await raiseBudgetAlerts(tx, budget) };
    }
    // Created by another connection meanwhile: change it like any existing budget.
    current = (await lockBudget(tx, input.programId, input.period))!;
  }
  if (current.unit !== unit.unit) {
    throw new LedgerError(
      'budget_unit_mismatch',
      `the budget of ${input.programId} ${input.period} is in ${current.unit}, not ${unit.unit}`,
      { programId: input.programId, period: input.period, unit: current.unit },
    );
  }
  const used = current.committed + current.booked;
  if (amount < used) {
    throw new LedgerError(
      'budget_below_used',
      `the budget of ${input.programId} ${input.period} cannot be ${input.amount}: ${formatMinorUnits(used, unit.unit)} is already used`,
      { programId: input.programId, period: input.period, used: formatMinorUnits(used, unit.unit) },
    );
  }
  if (amount === current.amount) return { budget: current, alerts: [] };
  const { rows } = await tx.query<BudgetRow>(
    `update budgets set amount = $2 where budget_id = $1
     returning budget_id, program_id, period, unit, amount, committed, booked`,
    [current.budgetId, amount.toString()],
  );
  const budget = budgetOf(rows[0]!);
  await insertBudgetMove(tx, {
    ...noMove(budget.budgetId),
    amountDelta: amount - current.amount,
    reason: 'budget amount changed',
  });
  return { budget, alerts: await raiseBudgetAlerts(tx, budget) };
}

function noMove(budgetId: string) {
  return { budgetId, key: null, contentHash: null, amountDelta: 0n, committedDelta: 0n, bookedDelta: 0n };
}

export interface BudgetMoveInput {
  /** Idempotency key: a retried move with the same key and content changes nothing. */
  key: string;
  programId: string;
  period: string;
  /** Signed decimal change of the committed amount (provisional runs; negative releases). */
  committed?: string;
  /** Signed decimal change of the booked amount (final runs). */
  booked?: string;
  reason: string;
}

export interface BudgetMoveResult {
  budget: Budget;
  replayed: boolean;
  /** Alerts this move stored for the first time. */
  alerts: BudgetAlert[];
}

/**
 * Moves committed and/or booked atomically: the budget row is locked, the move is checked
 * against it, and the UPDATE's WHERE keeps committed + booked within the amount, so concurrent
 * moves never overspend. Every LedgerError is thrown before anything is written.
 */
export async function moveBudget(tx: Tx, input: BudgetMoveInput): Promise<BudgetMoveResult> {
  const known = await findBudget(tx, input.programId, input.period);
  if (!known) {
    throw new LedgerError('budget_missing', `program ${input.programId} has no budget for period ${input.period}`, {
      programId: input.programId,
      period: input.period,
    });
  }
  const committedDelta = toMinorUnits(input.committed ?? '0', known.unit, 'committed');
  const bookedDelta = toMinorUnits(input.booked ?? '0', known.unit, 'booked');
  const hash = contentHash({
    programId: input.programId,
    period: input.period,
    committed: committedDelta.toString(),
    booked: bookedDelta.toString(),
    reason: input.reason,
  });
  const replay = async (): Promise<BudgetMoveResult | undefined> => {
    const storedHash = await findMoveHash(tx, input.key);
    if (storedHash === undefined) return undefined;
    if (storedHash !== hash) {
      throw new LedgerError(
        'idempotency_conflict',
        `budget move key "${input.key}" was already used for a different move`,
        {
          key: input.key,
        },
      );
    }
    return { budget: (await findBudget(tx, input.programId, input.period))!, replayed: true, alerts: [] };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  const locked = (await lockBudget(tx, input.programId, input.period))!;
  // A move with this key may have committed while we waited for the lock.
  const again = await replay();
  if (again) return again;
  const committed = locked.committed + committedDelta;
  const booked = locked.booked + bookedDelta;
  if (committed < 0n || booked < 0n || committed + booked > locked.amount) {
    const negative = committed < 0n || booked < 0n;
    const details = {
      programId: input.programId,
      period: input.period,
      remaining: formatMinorUnits(locked.remaining, locked.unit),
      committed: formatMinorUnits(committedDelta, locked.unit),
      booked: formatMinorUnits(bookedDelta, locked.unit),
    };
    if (negative) {
      throw new LedgerError(
        'budget_negative',
        `budget move "${input.key}" would make committed or booked of ${input.programId} ${input.period} negative`,
        details,
      );
    }
    throw new LedgerError(
      'budget_exceeded',
      `budget move "${input.key}" exceeds the budget of ${input.programId} ${input.period}: ${details.remaining} ${locked.unit} remaining`,
      details,
    );
  }
  const inserted = await insertBudgetMove(tx, {
    budgetId: locked.budgetId,
    key: input.key,
    contentHash: hash,
    amountDelta: 0n,
    committedDelta,
    bookedDelta,
    reason: input.reason,
  });
  // The same key was used concurrently for another budget: answer as that retry would.
  if (!inserted) return (await replay())!;
  const moved = await moveWithinAmount(tx, locked.budgetId, committedDelta, bookedDelta);
  if (!moved) throw new Error(`budget ${locked.budgetId} changed although it is locked`);
  return { budget: moved, replayed: false, alerts: await raiseBudgetAlerts(tx, moved) };
}

/** Stores the 80 % and 100 % alerts the budget has reached and not stored yet. */
async function raiseBudgetAlerts(tx: Tx, budget: Budget): Promise<BudgetAlert[]> {
  const used = budget.committed + budget.booked;
  const raised: BudgetAlert[] = [];
  if (budget.amount <= 0n) return raised;
  for (const threshold of ALERT_THRESHOLDS) {
    if (used * 100n < budget.amount * threshold) continue;
    const kind = `budget_${threshold}` as BudgetAlert;
    const stored = await raiseNotification(tx, {
      kind,
      dedupeKey: `${kind}:${budget.programId}:${budget.period}`,
      subject: `The budget of ${budget.programId} for ${budget.period} is ${threshold} % used: ${formatMinorUnits(used, budget.unit)} of ${formatMinorUnits(budget.amount, budget.unit)} ${budget.unit}`,
      payload: {
        programId: budget.programId,
        period: budget.period,
        unit: budget.unit,
        amount: formatMinorUnits(budget.amount, budget.unit),
        used: formatMinorUnits(used, budget.unit),
        threshold: `${threshold}`,
      },
    });
    if (stored) raised.push(kind);
  }
  return raised;
}

export interface BudgetMismatch {
  programId: string;
  period: string;
  column: 'amount' | 'committed' | 'booked';
  materialized: bigint;
  derived: bigint;
}

/** Recomputes every budget from its journal of moves and lists where the stored row differs. */
export async function checkBudgets(q: Queryable): Promise<BudgetMismatch[]> {
  const { rows } = await q.query<{
    program_id: string;
    period: string;
    col: BudgetMismatch['column'];
    materialized: string;
    derived: string;
  }>(
    `with derived as (
       select budget_id, coalesce(sum(amount_delta), 0) amount, coalesce(sum(committed_delta), 0) committed,
              coalesce(sum(booked_delta), 0) booked
       from budget_moves group by budget_id
     )
     select b.program_id, b.period, v.col, v.materialized, v.derived
     from budgets b left join derived d using (budget_id)
     cross join lateral (values
       ('amount', b.amount, coalesce(d.amount, 0)),
       ('committed', b.committed, coalesce(d.committed, 0)),
       ('booked', b.booked, coalesce(d.booked, 0))
     ) v (col, materialized, derived)
     where v.materialized <> v.derived
     order by 1, 2, 3`,
  );
  return rows.map((row) => ({
    programId: row.program_id,
    period: row.period,
    column: row.col,
    materialized: BigInt(row.materialized),
    derived: BigInt(row.derived),
  }));
}
