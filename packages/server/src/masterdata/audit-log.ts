import type { Queryable } from '../db/connection-types.ts';

/** A plain JSON view of a master record: what the audit trail stores as before/after. */
export type AuditRecord = Record<string, string | number | boolean | null | string[]>;

export interface AuditEntry {
  action: 'create' | 'update';
  entity: string;
  entityId: string;
  before: AuditRecord | null;
  after: AuditRecord;
}

/** The actor of changes made by an import when no person is known. */
export const IMPORT_ACTOR = 'import';

/** Appends the entries in one statement; they share the transaction's timestamp. */
export async function recordAudit(db: Queryable, actor: string, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `insert into audit_log (actor, action, entity, entity_id, before, after)
     select $1, action, entity, entity_id, before::jsonb, after::jsonb
     from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as e(action, entity, entity_id, before, after)`,
    [
      actor,
      entries.map((entry) => entry.action),
      entries.map((entry) => entry.entity),
      entries.map((entry) => entry.entityId),
      entries.map((entry) => (entry.before === null ? null : JSON.stringify(entry.before))),
      entries.map((entry) => JSON.stringify(entry.after)),
    ],
  );
}

/** Field by field, so key order never makes two equal records differ. */
export function sameRecord(a: AuditRecord, b: AuditRecord): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return false;
  }
  return true;
}
