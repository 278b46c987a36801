import { sql } from 'kysely';
import { partnerVisible } from '../auth/scope.ts';
import type { SpurDb } from '../db/connection-types.ts';
import { principalOf } from '../http/authenticate.ts';
import { ApiError, conflict, notFound } from '../http/errors.ts';
import { listPage, pageSchema, whereEquals } from '../http/list.ts';
import { type MappingProfile, mappingProfileSchema } from '../sellout/mapping-profile.ts';
import { type ProfileRow as StoredProfileRow, saveProfile } from '../sellout/profile-repository.ts';
import { distributorForWrite, distributorVisible, readAccess, writeAccess } from './access.ts';
import type { UploadsContext } from './routes.ts';
import {
  ProfileBodySchema,
  ProfileCreateSchema,
  ProfileListQuery,
  ProfileParams,
  type ProfileResponse,
  ProfileSchema,
} from './schemas.ts';
import { asClientError } from './upload-service.ts';

/** The stored row with its list cursor key. */
type ProfileRow = StoredProfileRow & { profile_key: string };

function toResponse({ profile_key: _key, ...row }: ProfileRow): ProfileResponse {
  return row;
}

type ProfileFields = Omit<ProfileResponse, 'distributor_id' | 'name'>;

/** The API's snake_case fields as the importer's profile; its own rules (e.g. decimal comma vs thousands) answer 400. */
function toProfile(name: string, fields: ProfileFields): MappingProfile {
  const parsed = mappingProfileSchema.safeParse({
    name,
    columns: fields.columns,
    delimiter: fields.delimiter,
    decimalComma: fields.decimal_comma,
    thousandsSeparator: fields.thousands_separator,
    dateFormat: fields.date_format,
    encoding: fields.encoding,
    skipRows: fields.skip_rows,
    ...(fields.sheet === null ? {} : { sheet: fields.sheet }),
  });
  if (parsed.success) return parsed.data;
  const snake: Record<string, string> = {
    thousandsSeparator: 'thousands_separator',
    decimalComma: 'decimal_comma',
    dateFormat: 'date_format',
    skipRows: 'skip_rows',
  };
  const problems = parsed.error.issues.map((issue) => ({
    path: ['body', ...issue.path.map((part) => snake[String(part)] ?? String(part))].join('.'),
    message: issue.message,
  }));
  throw new ApiError(400, 'validation_failed', `${problems[0]!.path}: ${problems[0]!.message}`, { problems });
}

async function findVisibleProfile(db: SpurDb, distributorId: string, name: string): Promise<ProfileRow | undefined> {
  const { rows } = await db.query<ProfileRow>(
    `select distributor_id || '/' || name as profile_key, distributor_id, name, columns, delimiter, decimal_comma,
            thousands_separator, date_format, encoding, skip_rows, sheet
     from sellout_mapping_profiles where distributor_id = $1 and name = $2`,
    [distributorId, name],
  );
  return rows[0];
}

export function registerProfileRoutes({ api, db }: UploadsContext): void {
  api.get(
    '/sellout/profiles',
    {
      config: { access: readAccess },
      schema: {
        tags: ['sell-out'],
        summary: "Mapping profiles: how each distributor's report files look",
        querystring: ProfileListQuery,
        response: { 200: pageSchema(ProfileSchema) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const source = sql`select distributor_id || '/' || name as profile_key, distributor_id, name, columns, delimiter,
          decimal_comma, thousands_separator, date_format, encoding, skip_rows, sheet
        from sellout_mapping_profiles m where ${partnerVisible(principal, sql.ref('m.distributor_id'))}`;
      const page = await listPage<ProfileRow>(db.kysely, source, 'profile_key', request.query, [
        whereEquals('distributor_id', request.query.distributor_id),
      ]);
      return { items: page.items.map(toResponse), next_cursor: page.next_cursor };
    },
  );

  api.post(
    '/sellout/profiles',
    {
      config: { access: writeAccess },
      schema: {
        tags: ['sell-out'],
        summary: 'Create a mapping profile (409 profile_exists when the distributor has one of that name)',
        body: ProfileCreateSchema,
        response: { 201: ProfileSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { distributor_id: requested, name, ...fields } = request.body;
      const distributorId = distributorForWrite(principal, requested, 'body.distributor_id');
      const profile = toProfile(name, fields);
      if (await findVisibleProfile(db, distributorId, name)) {
        throw conflict('profile_exists', `distributor ${distributorId} already has a mapping profile "${name}"`);
      }
      await saveProfile(db, distributorId, profile).catch((error: unknown) => {
        throw asClientError(error);
      });
      return reply.code(201).send(toResponse((await findVisibleProfile(db, distributorId, name))!));
    },
  );

  api.put(
    '/sellout/profiles/:distributor_id/:name',
    {
      config: { access: writeAccess },
      schema: {
        tags: ['sell-out'],
        summary: 'Change a mapping profile; later uploads read files with the new layout',
        params: ProfileParams,
        body: ProfileBodySchema,
        response: { 200: ProfileSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { distributor_id: requested, name } = request.params;
      const distributorId = distributorForWrite(principal, requested, 'params.distributor_id');
      if (!(await distributorVisible(db, principal, distributorId))) throw notFound('mapping profile');
      if (!(await findVisibleProfile(db, distributorId, name))) throw notFound('mapping profile');
      await saveProfile(db, distributorId, toProfile(name, request.body)).catch((error: unknown) => {
        throw asClientError(error);
      });
      return toResponse((await findVisibleProfile(db, distributorId, name))!);
    },
  );
}
