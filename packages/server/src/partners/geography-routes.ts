import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import { LanguageSchema } from '../auth/schemas.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { ApiError } from '../http/errors.ts';
import { listPage, listQuerySchema, pageSchema } from '../http/list.ts';
import { CountryCodeSchema, CurrencySchema, IdSchema } from './common.ts';

const CountrySchema = z
  .object({ code: z.string(), name: z.string(), currency: z.string(), language: z.string() })
  .meta({ id: 'Country' });
type Country = z.infer<typeof CountrySchema>;
const ClusterSchema = z
  .object({ cluster_id: z.string(), name: z.string(), countries: z.array(z.string()) })
  .meta({ id: 'Cluster' });
type Cluster = z.infer<typeof ClusterSchema>;

const COUNTRY_SELECT = sql`select code::text as code, name, currency::text as currency, language from countries`;
const CLUSTER_SELECT = sql`select c.cluster_id, c.name,
  coalesce((select array_agg(cc.country_code::text order by cc.country_code) from cluster_countries cc
            where cc.cluster_id = c.cluster_id), '{}') as countries
  from clusters c`;

/** Countries and country clusters (regions): read by everyone signed in, changed by vendor admins. */
export function registerGeographyRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;

  api.get(
    '/countries',
    {
      config: { access: { roles: 'any', scope: 'masterdata:read' } },
      schema: {
        tags: ['countries and clusters'],
        summary: 'Countries',
        querystring: listQuerySchema(['code', 'name'], {}),
        response: { 200: pageSchema(CountrySchema) },
      },
    },
    async (request) => listPage<Country>(db.kysely, COUNTRY_SELECT, 'code', request.query),
  );

  api.put(
    '/countries/:code',
    {
      config: { access: { roles: ['vendor_admin'], scope: 'masterdata:write' } },
      schema: {
        tags: ['countries and clusters'],
        summary: 'Create or change a country',
        params: z.object({ code: CountryCodeSchema }),
        body: z.object({ name: z.string().min(1).max(100), currency: CurrencySchema, language: LanguageSchema }),
        response: { 200: z.object({ country: CountrySchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { code } = request.params;
      const country = await db.transaction(async (tx) => {
        const { rows: before } = await sql<Country>`${COUNTRY_SELECT} where code = ${code}`.execute(tx.kysely);
        await tx.query(
          `insert into countries (code, name, currency, language) values ($1, $2, $3, $4)
           on conflict (code) do update set name = excluded.name, currency = excluded.currency, language = excluded.language`,
          [code, request.body.name, request.body.currency, request.body.language],
        );
        const { rows } = await sql<Country>`${COUNTRY_SELECT} where code = ${code}`.execute(tx.kysely);
        await recordAudit(tx, {
          actor: principal.userId,
          action: before[0] ? 'country_updated' : 'country_created',
          entity: 'country',
          entityId: code,
          before: before[0],
          after: rows[0],
        });
        return rows[0]!;
      });
      return { country };
    },
  );

  api.get(
    '/clusters',
    {
      config: { access: { roles: 'any', scope: 'masterdata:read' } },
      schema: {
        tags: ['countries and clusters'],
        summary: 'Country clusters (regions such as DACH, Nordics, EMEA) with their countries',
        querystring: listQuerySchema(['cluster_id', 'name'], {}),
        response: { 200: pageSchema(ClusterSchema) },
      },
    },
    async (request) => listPage<Cluster>(db.kysely, CLUSTER_SELECT, 'cluster_id', request.query),
  );

  api.put(
    '/clusters/:cluster_id',
    {
      config: { access: { roles: ['vendor_admin'], scope: 'masterdata:write' } },
      schema: {
        tags: ['countries and clusters'],
        summary: 'Create or change a cluster and its countries',
        params: z.object({ cluster_id: IdSchema }),
        body: z.object({ name: z.string().min(1).max(100), countries: z.array(CountryCodeSchema).max(300) }),
        response: { 200: z.object({ cluster: ClusterSchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { cluster_id } = request.params;
      const countries = [...new Set(request.body.countries)].sort();
      const cluster = await db.transaction(async (tx) => {
        const { rows: known } = await tx.query<{ code: string }>(
          'select code::text as code from countries where code = any($1::text[])',
          [countries],
        );
        const missing = countries.filter((code) => !known.some((row) => row.code === code));
        if (missing.length > 0) {
          throw new ApiError(400, 'unknown_country', `body.countries: no country ${missing.join(', ')}`, { missing });
        }
        const { rows: before } = await sql<Cluster>`${CLUSTER_SELECT} where c.cluster_id = ${cluster_id}`.execute(
          tx.kysely,
        );
        await tx.query(
          'insert into clusters (cluster_id, name) values ($1, $2) on conflict (cluster_id) do update set name = excluded.name',
          [cluster_id, request.body.name],
        );
        await tx.query('delete from cluster_countries where cluster_id = $1', [cluster_id]);
        await tx.query('insert into cluster_countries (cluster_id, country_code) select $1, unnest($2::text[])', [
          cluster_id,
          countries,
        ]);
        const { rows } = await sql<Cluster>`${CLUSTER_SELECT} where c.cluster_id = ${cluster_id}`.execute(tx.kysely);
        await recordAudit(tx, {
          actor: principal.userId,
          action: before[0] ? 'cluster_updated' : 'cluster_created',
          entity: 'cluster',
          entityId: cluster_id,
          before: before[0],
          after: rows[0],
        });
        return rows[0]!;
      });
      return { cluster };
    },
  );
}
