import { parseProgram } from '@spur/engine';
import { sql } from 'kysely';
import { stringify } from 'yaml';
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { invalidInput } from '../http/errors.ts';
import { listPage, listQuerySchema, pageSchema, whereEquals } from '../http/list.ts';
import {
  applyProgram,
  changeProgramStatus,
  getProgram,
  getVersion,
  listVersions,
  subPrograms,
} from '../programs/program-store.ts';
import { mapErrors, toApiError } from './console-errors.ts';
import { simulateOnStoredSellOut } from './simulation.ts';

const READERS = ['vendor_admin', 'program_manager', 'finance'] as const;
const DESIGNERS = ['vendor_admin', 'program_manager'] as const;

const ProgramIdParams = z.object({ program_id: z.string().min(1).max(100) });
const ProgramText = z.string().min(1).max(200_000).describe('the program as YAML or JSON (docs/rules.md)');

const ProgramSummarySchema = z
  .object({
    program_id: z.string(),
    parent_program_id: z.string().nullable(),
    name: z.string(),
    unit: z.string(),
    status: z.enum(['draft', 'active', 'closed']),
    current_version: z.number().int(),
    configured_by: z.string().nullable(),
    updated_at: z.string(),
  })
  .meta({ id: 'ConsoleProgram' });
type ProgramSummary = z.infer<typeof ProgramSummarySchema>;

const ProblemSchema = z.object({ path: z.string(), message: z.string() });

const VersionSchema = z.object({
  version: z.number().int(),
  effective_from: z.string(),
  applied_by: z.string().nullable(),
  applied_at: z.string(),
  source: z.string(),
});

const ProgramDetailSchema = z
  .object({
    program: ProgramSummarySchema.omit({ updated_at: true }),
    yaml: z.string().describe('the current version as YAML, for the editor'),
    document: z.unknown(),
    versions: z.array(VersionSchema),
    sub_programs: z.array(z.string()),
  })
  .meta({ id: 'ConsoleProgramDetail' });

const DimensionSchema = z.object({ key: z.string(), amount: z.string(), earners: z.number().int() });
const SimulationSchema = z
  .object({
    program_id: z.string(),
    unit: z.string(),
    from: z.string(),
    to: z.string(),
    lines: z.number().int(),
    total: z.string(),
    uncapped_total: z.string(),
    budget_total: z.string().nullable(),
    periods: z.array(
      z.object({
        label: z.string(),
        start: z.string(),
        end: z.string(),
        uncapped: z.string(),
        amount: z.string(),
        earners: z.number().int(),
        budget: z.string().nullable(),
        over_budget: z.boolean(),
      }),
    ),
    by_country: z.array(DimensionSchema),
    by_cluster: z.array(DimensionSchema),
    by_partner_type: z.array(DimensionSchema),
  })
  .meta({ id: 'ConsoleSimulation' });

function problemsOf(text: string): { path: string; message: string }[] {
  try {
    parseProgram(text);
    return [];
  } catch (error) {
    const mapped = toApiError(error);
    if (mapped instanceof Error && 'details' in mapped) {
      const problems = (mapped as { details: { problems?: { path: string; message: string }[] } }).details.problems;
      if (problems) return problems;
    }
    throw error;
  }
}

/** Programs for the vendor console: list, detail with versions, validate, save, simulate, activate, close. */
export function registerConsoleProgramRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;

  api.get(
    '/console/programs',
    {
      config: { access: { roles: READERS, scope: 'programs:read' } },
      schema: {
        tags: ['console'],
        summary: 'Programs and sub-programs with their status and current version',
        querystring: listQuerySchema(['program_id', 'updated_at'], {
          status: z.enum(['draft', 'active', 'closed']).optional(),
        }),
        response: { 200: pageSchema(ProgramSummarySchema) },
      },
    },
    async (request) => {
      const source = sql`select program_id, parent_program_id, name, unit, status, current_version, configured_by,
        to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at from programs`;
      return listPage<ProgramSummary>(db.kysely, source, 'program_id', request.query, [
        whereEquals('status', request.query.status),
      ]);
    },
  );

  api.get(
    '/console/programs/:program_id',
    {
      config: { access: { roles: READERS, scope: 'programs:read' } },
      schema: {
        tags: ['console'],
        summary: 'One program: its current rules as YAML, every version, its sub-programs',
        params: ProgramIdParams,
        response: { 200: ProgramDetailSchema },
      },
    },
    async (request) =>
      mapErrors(async () => {
        const stored = await getProgram(db, request.params.program_id);
        const current = await getVersion(db, stored.programId, stored.currentVersion);
        const versions = await listVersions(db, stored.programId);
        const subs = await subPrograms(db, stored.programId);
        return {
          program: {
            program_id: stored.programId,
            parent_program_id: stored.parentProgramId,
            name: stored.name,
            unit: stored.unit,
            status: stored.status,
            current_version: stored.currentVersion,
            configured_by: stored.configuredBy,
          },
          yaml: stringify(JSON.parse(JSON.stringify(current.program))),
          document: current.program,
          versions: versions.map((v) => ({
            version: v.version,
            effective_from: v.effectiveFrom,
            applied_by: v.appliedBy,
            applied_at: new Date(v.appliedAt).toISOString(),
            source: v.source,
          })),
          sub_programs: subs.map((sub) => sub.programId),
        };
      }),
  );

  api.post(
    '/console/programs/validate',
    {
      config: { access: { roles: DESIGNERS, scope: 'programs:read' } },
      schema: {
        tags: ['console'],
        summary: 'Checks a program text and names the path of every problem; stores nothing',
        body: z.object({ text: ProgramText }),
        response: { 200: z.object({ valid: z.boolean(), problems: z.array(ProblemSchema) }) },
      },
    },
    async (request) => {
      const problems = problemsOf(request.body.text);
      return { valid: problems.length === 0, problems };
    },
  );

  api.post(
    '/console/programs',
    {
      config: { access: { roles: DESIGNERS, scope: 'programs:write' } },
      schema: {
        tags: ['console'],
        summary: 'Creates a program as a draft, or stores a new version when its rules changed',
        body: z.object({
          text: ProgramText,
          parent_program_id: z.string().min(1).max(100).optional(),
          effective_from: z.string().max(10).optional().describe('first day the new version applies to (YYYY-MM-DD)'),
        }),
        response: {
          200: z.object({
            program_id: z.string(),
            version: z.number().int(),
            outcome: z.enum(['created', 'new_version', 'unchanged']),
            effective_from: z.string(),
          }),
        },
      },
    },
    async (request) =>
      mapErrors(async () => {
        const principal = principalOf(request);
        // Parse first so a bad text answers with a problem per path instead of one long message.
        parseProgram(request.body.text);
        const result = await applyProgram(db, {
          text: request.body.text,
          source: 'console',
          parentProgramId: request.body.parent_program_id,
          effectiveFrom: request.body.effective_from,
          appliedBy: principal.userId,
        });
        if (result.outcome !== 'unchanged') {
          await recordAudit(db, {
            actor: principal.userId,
            action: result.outcome === 'created' ? 'program_created' : 'program_version_added',
            entity: 'program',
            entityId: result.program.programId,
            after: { version: result.version, effective_from: result.effectiveFrom },
          });
        }
        return {
          program_id: result.program.programId,
          version: result.version,
          outcome: result.outcome,
          effective_from: result.effectiveFrom,
        };
      }),
  );

  for (const action of ['activate', 'close'] as const) {
    api.post(
      `/console/programs/:program_id/${action}`,
      {
        config: { access: { roles: DESIGNERS, scope: 'programs:write' } },
        schema: {
          tags: ['console'],
          summary:
            action === 'activate'
              ? 'Activates a draft program: runs and schedules start'
              : 'Closes an active program: no new versions, no scheduled runs',
          params: ProgramIdParams,
          response: { 200: z.object({ program_id: z.string(), status: z.enum(['draft', 'active', 'closed']) }) },
        },
      },
      async (request) =>
        mapErrors(async () => {
          const principal = principalOf(request);
          const before = await getProgram(db, request.params.program_id);
          const after = await changeProgramStatus(db, before.programId, action);
          if (before.status !== after.status) {
            await recordAudit(db, {
              actor: principal.userId,
              action: action === 'activate' ? 'program_activated' : 'program_closed',
              entity: 'program',
              entityId: after.programId,
              before: { status: before.status },
              after: { status: after.status },
            });
          }
          return { program_id: after.programId, status: after.status };
        }),
    );
  }

  api.post(
    '/console/programs/:program_id/simulate',
    {
      config: { access: { roles: DESIGNERS, scope: 'programs:read' } },
      schema: {
        tags: ['console'],
        summary:
          'What the program would have cost on the last N months of stored sell-out, by country, cluster and partner type, against its budget; books nothing',
        params: ProgramIdParams,
        body: z.object({
          months: z.number().int().min(1).max(24).default(3),
          text: ProgramText.optional().describe('unsaved rules to simulate instead of the stored current version'),
        }),
        response: { 200: SimulationSchema },
      },
    },
    async (request) =>
      mapErrors(async () => {
        const stored = await getProgram(db, request.params.program_id);
        const program =
          request.body.text !== undefined
            ? parseProgram(request.body.text)
            : (await getVersion(db, stored.programId, stored.currentVersion)).program;
        if (program.id !== stored.programId) {
          throw invalidInput('body.text', `the rules are for program "${program.id}", not "${stored.programId}"`);
        }
        return simulateOnStoredSellOut(db, program, request.body.months);
      }),
  );
}
