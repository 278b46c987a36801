import type { Queryable } from '../db/connection-types.ts';
import type { AuditRecord } from './audit-log.ts';

export interface AuditTrailEntry {
  auditId: string;
  occurredAt: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: AuditRecord | null;
  after: AuditRecord | null;
}

export interface AuditTrailQuery {
  entity?: string;
  entityId?: string;
  actor?: string;
  /** Newest first; default 50. */
  limit?: number;
}

/** The newest audit entries, optionally of one entity, record or actor. */
export async function listAuditTrail(db: Queryable, query: AuditTrailQuery = {}): Promise<AuditTrailEntry[]> {
  const { rows } = await db.query<{
    audit_id: string;
    occurred_at: Date;
    actor: string;
    action: string;
    entity: string;
    entity_id: string;
    before: AuditRecord | null;
    after: AuditRecord | null;
  }>(
    `select audit_id, occurred_at, actor, action, entity, entity_id, before, after from audit_log
     where ($1::text is null or entity = $1) and ($2::text is null or entity_id = $2) and ($3::text is null or actor = $3)
     order by audit_id desc limit $4`,
    [query.entity ?? null, query.entityId ?? null, query.actor ?? null, query.limit ?? 50],
  );
  return rows.map((row) => ({
    auditId: row.audit_id,
    occurredAt: new Date(row.occurred_at),
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
  }));
}

/** What changed, field by field: `level "Gold" → "Platinum"`; a created record lists its values. */
export function describeAuditChange(before: AuditRecord | null, after: AuditRecord | null): string {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const parts: string[] = [];
  for (const field of fields) {
    const old = JSON.stringify(before?.[field] ?? null);
    const now = JSON.stringify(after?.[field] ?? null);
    if (before === null) parts.push(`${field} ${now}`);
    else if (old !== now) parts.push(`${field} ${old} → ${now}`);
  }
  return parts.join(', ');
}
