import { sql } from 'kysely';
import { z } from 'zod';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { listPage, listQuerySchema, pageSchema, whereEquals } from '../http/list.ts';

const AuditEntrySchema = z
  .object({
    audit_id: z.string(),
    occurred_at: z.string(),
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entity_id: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });
type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The audit trail (sign-ins, permission changes, master-data changes, imports, approvals). */
export function registerAuditRoutes(api: SpurApi, context: ApiContext): void {
  api.get(
    '/audit-log',
    {
      config: { access: { roles: ['vendor_admin'], scope: 'admin:read' } },
      schema: {
        tags: ['audit'],
        summary: 'Audit log entries, newest first by default',
        querystring: listQuerySchema(
          ['audit_id'],
          {
            actor: z.string().min(1).max(200).optional(),
            action: z.string().min(1).max(100).optional(),
            entity: z.string().min(1).max(100).optional(),
            entity_id: z.string().min(1).max(300).optional(),
          },
          '-audit_id',
        ),
        response: { 200: pageSchema(AuditEntrySchema) },
      },
    },
    async (request) => {
      const q = request.query;
      const source = sql`select audit_id, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
        actor, action, entity, entity_id, before, after from audit_log`;
      return listPage<AuditEntry>(context.db.kysely, source, 'audit_id', q, [
        whereEquals('actor', q.actor),
        whereEquals('action', q.action),
        whereEquals('entity', q.entity),
        whereEquals('entity_id', q.entity_id),
      ]);
    },
  );
}
