import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import { administersPartner, partnerVisible } from '../auth/scope.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { ApiError, conflict, notFound } from '../http/errors.ts';
import { listPage, listQuerySchema, pageSchema, whereEquals, whereStartsWith } from '../http/list.ts';
import { CountryCodeSchema, IdSchema } from './common.ts';

export const PartnerSchema = z
  .object({
    partner_id: z.string(),
    name: z.string(),
    type: z.enum(['distributor', 'reseller']),
    country: z.string(),
    level: z.string(),
    distributor_id: z.string().nullable().describe('preferred distributor of a reseller'),
    individual_agreement: z.boolean(),
  })
  .meta({ id: 'Partner' });
type Partner = z.infer<typeof PartnerSchema>;

const PARTNER_COLUMNS = sql`p.partner_id, p.name, p.type, p.country::text as country, p.level, p.distributor_id, p.individual_agreement`;

const PartnerFields = z.object({
  name: z.string().min(1).max(200),
  country: CountryCodeSchema,
  level: z.string().max(50),
  distributor_id: IdSchema.nullable(),
  individual_agreement: z.boolean(),
});

async function readPartner(context: ApiContext, partnerId: string): Promise<Partner | undefined> {
  const { rows } =
    await sql<Partner>`select ${PARTNER_COLUMNS} from partners p where p.partner_id = ${partnerId}`.execute(
      context.db.kysely,
    );
  return rows[0];
}

/** A reseller's preferred distributor must be a distributor that exists. */
async function checkDistributor(context: ApiContext, distributorId: string | null, path: string): Promise<void> {
  if (distributorId === null) return;
  const found = await readPartner(context, distributorId);
  if (found?.type !== 'distributor') {
    throw new ApiError(400, 'unknown_distributor', `${path}: no distributor ${distributorId}`, {
      problems: [{ path, message: `no distributor ${distributorId}` }],
    });
  }
}

export function registerPartnerRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;

  api.get(
    '/partners',
    {
      config: { access: { roles: 'any', scope: 'masterdata:read' } },
      schema: {
        tags: ['partners'],
        summary:
          'Partners the caller may see (its own partner; a channel manager its countries; other vendor staff all)',
        querystring: listQuerySchema(['partner_id', 'name', 'country'], {
          type: z.enum(['distributor', 'reseller']).optional(),
          country: CountryCodeSchema.optional(),
          level: z.string().max(50).optional(),
          distributor_id: IdSchema.optional(),
          name_starts_with: z.string().min(1).max(200).optional(),
        }),
        response: { 200: pageSchema(PartnerSchema) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const source = sql`select ${PARTNER_COLUMNS} from partners p where ${partnerVisible(principal, sql.ref('p.partner_id'))}`;
      return listPage<Partner>(db.kysely, source, 'partner_id', q, [
        whereEquals('type', q.type),
        whereEquals('country', q.country),
        q.level === undefined ? undefined : sql`lower(r.level) = lower(${q.level})`,
        whereEquals('distributor_id', q.distributor_id),
        whereStartsWith('name', q.name_starts_with),
      ]);
    },
  );

  api.get(
    '/partners/:partner_id',
    {
      config: { access: { roles: 'any', scope: 'masterdata:read' } },
      schema: {
        tags: ['partners'],
        summary: 'One partner',
        params: z.object({ partner_id: IdSchema }),
        response: { 200: z.object({ partner: PartnerSchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { rows } = await sql<Partner>`select ${PARTNER_COLUMNS} from partners p
        where p.partner_id = ${request.params.partner_id} and ${partnerVisible(principal, sql.ref('p.partner_id'))}`.execute(
        db.kysely,
      );
      if (!rows[0]) throw notFound(`partner ${request.params.partner_id}`);
      return { partner: rows[0] };
    },
  );

  api.post(
    '/partners',
    {
      config: { access: { roles: ['vendor_admin'], scope: 'masterdata:write' } },
      schema: {
        tags: ['partners'],
        summary: 'Create a partner',
        body: PartnerFields.extend({ partner_id: IdSchema, type: z.enum(['distributor', 'reseller']) }),
        response: { 201: z.object({ partner: PartnerSchema }) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      if (body.type === 'distributor' && body.distributor_id !== null) {
        throw new ApiError(400, 'validation_failed', 'body.distributor_id: a distributor has no preferred distributor');
      }
      await checkDistributor(context, body.distributor_id, 'body.distributor_id');
      if (await readPartner(context, body.partner_id)) {
        throw conflict('partner_exists', `partner_id: ${body.partner_id} exists already`);
      }
      const partner = await db.transaction(async (tx) => {
        const { rows } = await sql<Partner>`insert into partners as p
            (partner_id, name, type, country, level, distributor_id, individual_agreement)
          values (${body.partner_id}, ${body.name}, ${body.type}, ${body.country}, ${body.level}, ${body.distributor_id}, ${body.individual_agreement})
          returning ${PARTNER_COLUMNS}`.execute(tx.kysely);
        const created = rows[0]!;
        await recordAudit(tx, {
          actor: principal.userId,
          action: 'partner_created',
          entity: 'partner',
          entityId: created.partner_id,
          after: created,
        });
        return created;
      });
      return reply.code(201).send({ partner });
    },
  );

  api.patch(
    '/partners/:partner_id',
    {
      config: { access: { roles: ['vendor_admin'], scope: 'masterdata:write' } },
      schema: {
        tags: ['partners'],
        summary: 'Change a partner (only the fields sent)',
        params: z.object({ partner_id: IdSchema }),
        body: PartnerFields.partial(),
        response: { 200: z.object({ partner: PartnerSchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const before = await readPartner(context, request.params.partner_id);
      if (!before) throw notFound(`partner ${request.params.partner_id}`);
      const after: Partner = { ...before, ...request.body };
      if (after.type === 'distributor' && after.distributor_id !== null) {
        throw new ApiError(400, 'validation_failed', 'body.distributor_id: a distributor has no preferred distributor');
      }
      if (request.body.distributor_id !== undefined)
        await checkDistributor(context, after.distributor_id, 'body.distributor_id');
      const partner = await db.transaction(async (tx) => {
        const { rows } = await sql<Partner>`update partners p set name = ${after.name}, country = ${after.country},
            level = ${after.level}, distributor_id = ${after.distributor_id}, individual_agreement = ${after.individual_agreement}
          where p.partner_id = ${before.partner_id} returning ${PARTNER_COLUMNS}`.execute(tx.kysely);
        await recordAudit(tx, {
          actor: principal.userId,
          action: 'partner_updated',
          entity: 'partner',
          entityId: before.partner_id,
          before,
          after: rows[0],
        });
        return rows[0]!;
      });
      return { partner };
    },
  );

  api.put(
    '/partners/:partner_id/preferred-distributor',
    {
      config: { access: { roles: ['vendor_admin', 'reseller_admin'], scope: 'masterdata:write' } },
      schema: {
        tags: ['partners'],
        summary: 'A reseller chooses its preferred distributor (its reseller admin, or a vendor admin)',
        params: z.object({ partner_id: IdSchema }),
        body: z.object({ distributor_id: IdSchema }),
        response: { 200: z.object({ partner: PartnerSchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const partnerId = request.params.partner_id;
      // Another partner's id answers as if it did not exist.
      if (!administersPartner(principal, partnerId)) throw notFound(`partner ${partnerId}`);
      const before = await readPartner(context, partnerId);
      if (!before) throw notFound(`partner ${partnerId}`);
      if (before.type !== 'reseller') {
        throw new ApiError(400, 'not_a_reseller', `partner ${partnerId} is a distributor; only resellers choose one`);
      }
      await checkDistributor(context, request.body.distributor_id, 'body.distributor_id');
      const partner = await db.transaction(async (tx) => {
        const { rows } = await sql<Partner>`update partners p set distributor_id = ${request.body.distributor_id}
          where p.partner_id = ${partnerId} returning ${PARTNER_COLUMNS}`.execute(tx.kysely);
        await recordAudit(tx, {
          actor: principal.userId,
          action: 'preferred_distributor_chosen',
          entity: 'partner',
          entityId: partnerId,
          before,
          after: rows[0],
        });
        return rows[0]!;
      });
      return { partner };
    },
  );
}
