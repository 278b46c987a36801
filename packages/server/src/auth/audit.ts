import { CACHE_NEUTRAL, type Queryable } from '../db/connection-types.ts';

export interface AuditEntry {
  /** The user id, `cli`, `import` or `anonymous` (failed sign-ins). */
  actor: string;
  /** What happened, e.g. `sign_in`, `sign_in_failed`, `role_changed`, `partner_updated`. */
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one entry to `audit_log`; call it in the same transaction as the change it records. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  // Cache-neutral: the audit log is in no cached answer; the change it records flushes on its own.
  await db.query(
    `${CACHE_NEUTRAL} insert into audit_log (actor, action, entity, entity_id, before, after) values ($1, $2, $3, $4, $5, $6)`,
    [
      entry.actor,
      entry.action,
      entry.entity,
      entry.entityId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}
