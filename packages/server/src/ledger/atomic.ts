import type { Tx } from '../db/connection-types.ts';

let savepointCounter = 0;

/**
 * Runs `fn` inside a savepoint of the caller's transaction, so a write that fails halfway leaves
 * nothing behind even when the caller catches the error and commits.
 */
export async function atomically<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  savepointCounter = (savepointCounter + 1) % 1_000_000;
  const name = `spur_ledger_${savepointCounter}`;
  await tx.query(`savepoint ${name}`);
  try {
    const result = await fn();
    await tx.query(`release savepoint ${name}`);
    return result;
  } catch (error) {
    await tx.query(`rollback to savepoint ${name}`);
    await tx.query(`release savepoint ${name}`);
    throw error;
  }
}
