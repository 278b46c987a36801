import type { Tx } from '../db/connection-types.ts';

export interface NewNotification {
  kind: string;
  /** The same key is stored once, however often the condition is seen again. */
  dedupeKey: string;
  subject: string;
  payload: Record<string, string>;
}

/** Stores a notification unless one with the same dedupe key exists; true when it was new. */
export async function raiseNotification(tx: Tx, notification: NewNotification): Promise<boolean> {
  const result = await tx.query(
    `insert into notifications (kind, dedupe_key, subject, payload) values ($1, $2, $3, $4)
     on conflict (dedupe_key) do nothing`,
    [notification.kind, notification.dedupeKey, notification.subject, JSON.stringify(notification.payload)],
  );
  return result.rowCount === 1;
}
