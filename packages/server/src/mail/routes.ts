import { sql } from 'kysely';
import { z } from 'zod';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { listPage, listQuerySchema, pageSchema, whereEquals } from '../http/list.ts';

const OutboxMailSchema = z
  .object({
    mail_id: z.string(),
    to_address: z.string(),
    subject: z.string(),
    body_text: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'OutboxMail' });
type OutboxMail = z.infer<typeof OutboxMailSchema>;

/** The mails kept when no SMTP server is configured; they carry sign-in links, so vendor admins only. */
export function registerOutboxRoutes(api: SpurApi, context: ApiContext): void {
  api.get(
    '/outbox',
    {
      config: { access: { roles: ['vendor_admin'], scope: 'admin:read' } },
      schema: {
        tags: ['mail'],
        summary: 'Mails kept in the outbox (SMTP_URL unset), newest first by default',
        querystring: listQuerySchema(['mail_id'], { to_address: z.string().min(1).max(254).optional() }, '-mail_id'),
        response: { 200: pageSchema(OutboxMailSchema) },
      },
    },
    async (request) => {
      const source = sql`select mail_id, to_address, subject, body_text,
        to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at from mail_outbox`;
      return listPage<OutboxMail>(context.db.kysely, source, 'mail_id', request.query, [
        whereEquals('to_address', request.query.to_address),
      ]);
    },
  );
}
