import {
  isValidIsoDate,
  type Program,
  ProgramError,
  parseProgram,
  periodOf,
  scheduleOf,
  validateProgram,
} from '@spur/engine';
import type { Queryable, SpurDb, Tx } from '../db/connection-types.ts';
import { type Canonical, contentHash } from '../ledger/content-hash.ts';
import { ProgramStoreError } from './program-store-error.ts';

export type ProgramStatus = 'draft' | 'active' | 'closed';

export interface StoredProgram {
  programId: string;
  parentProgramId: string | null;
  name: string;
  unit: string;
  status: ProgramStatus;
  currentVersion: number;
  configuredBy: string | null;
}

export interface ProgramVersion {
  programId: string;
  version: number;
  program: Program;
  source: string;
  effectiveFrom: string;
  appliedBy: string | null;
  appliedAt: Date;
}

export interface ApplyProgramInput {
  /** The YAML or JSON text of the program. */
  text: string;
  /** Where the text came from (a file name), kept with the version. */
  source: string;
  /** Makes the program a sub-program of this one (set on creation; cannot change later). */
  parentProgramId?: string | undefined;
  /** First day the new version applies to; default: the program start for drafts, else the first open period. */
  effectiveFrom?: string | undefined;
  appliedBy?: string | undefined;
}

export interface ApplyProgramResult {
  program: StoredProgram;
  version: number;
  outcome: 'created' | 'new_version' | 'unchanged';
  effectiveFrom: string;
}

interface ProgramRow {
  program_id: string;
  parent_program_id: string | null;
  name: string;
  unit: string;
  status: ProgramStatus;
  current_version: number;
  configured_by: string | null;
}

const PROGRAM_COLUMNS = 'program_id, parent_program_id, name, unit, status, current_version, configured_by';

function storedProgram(row: ProgramRow): StoredProgram {
  return {
    programId: row.program_id,
    parentProgramId: row.parent_program_id,
    name: row.name,
    unit: row.unit,
    status: row.status,
    currentVersion: Number(row.current_version),
    configuredBy: row.configured_by,
  };
}

/** The hash of a validated program: formatting and comments of the source do not make a new version. */
export function programHash(program: Program): string {
  return contentHash(JSON.parse(JSON.stringify(program)) as Canonical);
}

export async function findProgram(q: Queryable, programId: string): Promise<StoredProgram | undefined> {
  const { rows } = await q.query<ProgramRow>(`select ${PROGRAM_COLUMNS} from programs where program_id = $1`, [
    programId,
  ]);
  return rows[0] && storedProgram(rows[0]);
}

export async function getProgram(q: Queryable, programId: string): Promise<StoredProgram> {
  const program = await findProgram(q, programId);
  if (!program) throw new ProgramStoreError('program_missing', `program "${programId}" does not exist`);
  return program;
}

export async function listPrograms(q: Queryable): Promise<StoredProgram[]> {
  const { rows } = await q.query<ProgramRow>(`select ${PROGRAM_COLUMNS} from programs order by program_id`);
  return rows.map(storedProgram);
}

interface VersionRow {
  program_id: string;
  version: number;
  document: unknown;
  source: string;
  effective_from: string;
  applied_by: string | null;
  created_at: Date;
}

function programVersion(row: VersionRow): ProgramVersion {
  return {
    programId: row.program_id,
    version: Number(row.version),
    // Stored documents were validated on apply; validating again restores the engine's types.
    program: validateProgram(row.document),
    source: row.source,
    effectiveFrom: row.effective_from,
    appliedBy: row.applied_by,
    appliedAt: row.created_at,
  };
}

const VERSION_COLUMNS = 'program_id, version, document, source, effective_from, applied_by, created_at';

export async function listVersions(q: Queryable, programId: string): Promise<ProgramVersion[]> {
  const { rows } = await q.query<VersionRow>(
    `select ${VERSION_COLUMNS} from program_versions where program_id = $1 order by version`,
    [programId],
  );
  return rows.map(programVersion);
}

export async function getVersion(q: Queryable, programId: string, version: number): Promise<ProgramVersion> {
  const { rows } = await q.query<VersionRow>(
    `select ${VERSION_COLUMNS} from program_versions where program_id = $1 and version = $2`,
    [programId, version],
  );
  if (!rows[0]) throw new ProgramStoreError('program_missing', `program "${programId}" has no version ${version}`);
  return programVersion(rows[0]);
}

/**
 * The version that calculates the period starting `periodStart`: the newest version effective on
 * or before it (a final period keeps the version it was closed with; see program_periods).
 */
export async function versionForPeriod(q: Queryable, programId: string, periodStart: string): Promise<ProgramVersion> {
  const { rows } = await q.query<VersionRow>(
    `select ${VERSION_COLUMNS} from program_versions
     where program_id = $1 and effective_from <= $2
     order by version desc limit 1`,
    [programId, periodStart],
  );
  if (rows[0]) return programVersion(rows[0]);
  const current = await getProgram(q, programId);
  return getVersion(q, programId, current.currentVersion);
}

/** The first day after the last final period of a program, or undefined when none is final. */
async function afterLastFinal(q: Queryable, programId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ after: string | null }>(
    `select (max(period_end) + 1)::date::text as after from program_periods where program_id = $1 and status = 'final'`,
    [programId],
  );
  return rows[0]?.after ?? undefined;
}

function parse(text: string, source: string): Program {
  try {
    return parseProgram(text);
  } catch (error) {
    if (error instanceof ProgramError) {
      throw new ProgramStoreError(
        'program_invalid',
        `${source}: invalid program:\n  ${error.issues.map((i) => `${i.path}: ${i.message}`).join('\n  ')}`,
      );
    }
    throw error;
  }
}

/** The start of the period containing `date`, so a version always starts with a whole period. */
function periodStartOn(program: Program, date: string): string {
  const period = periodOf(scheduleOf(program), date);
  return period?.start ?? (date < program.start ? program.start : date);
}

async function insertVersion(
  tx: Tx,
  program: Program,
  version: number,
  input: ApplyProgramInput,
  hash: string,
  effectiveFrom: string,
): Promise<void> {
  await tx.query(
    `insert into program_versions (program_id, version, document, source, content_sha256, effective_from, applied_by)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [program.id, version, JSON.stringify(program), input.source, hash, effectiveFrom, input.appliedBy ?? null],
  );
}

/**
 * Creates a program (as a draft) or stores a new version when its rules changed; old versions are
 * kept. A new version of an active program applies from a date; periods already final keep theirs.
 */
export async function applyProgram(db: SpurDb, input: ApplyProgramInput): Promise<ApplyProgramResult> {
  const program = parse(input.text, input.source);
  const hash = programHash(program);
  if (input.effectiveFrom !== undefined && !isValidIsoDate(input.effectiveFrom)) {
    throw new ProgramStoreError(
      'effective_date_invalid',
      `--effective-from "${input.effectiveFrom}" is not an ISO date (YYYY-MM-DD)`,
    );
  }
  return db.transaction(async (tx) => {
    // Serializes applies of one program id (and creation of a new one).
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`spur.program:${program.id}`]);
    if (input.parentProgramId !== undefined && input.parentProgramId !== program.id) {
      const parent = await findProgram(tx, input.parentProgramId);
      if (!parent) {
        throw new ProgramStoreError('parent_missing', `parent program "${input.parentProgramId}" does not exist`);
      }
    }
    const existing = await findProgram(tx, program.id);
    if (!existing) {
      if (input.parentProgramId === program.id) {
        throw new ProgramStoreError('parent_missing', `program "${program.id}" cannot be its own parent`);
      }
      const effectiveFrom = program.start;
      const { rows } = await tx.query<ProgramRow>(
        `insert into programs (program_id, parent_program_id, name, unit, current_version, configured_by)
         values ($1, $2, $3, $4, 1, $5) returning ${PROGRAM_COLUMNS}`,
        [program.id, input.parentProgramId ?? null, program.name, program.unit, input.appliedBy ?? null],
      );
      await insertVersion(tx, program, 1, input, hash, effectiveFrom);
      return { program: storedProgram(rows[0]!), version: 1, outcome: 'created', effectiveFrom };
    }
    if (input.parentProgramId !== undefined && input.parentProgramId !== existing.parentProgramId) {
      throw new ProgramStoreError(
        'parent_changed',
        `program "${program.id}" is ${existing.parentProgramId ? `a sub-program of "${existing.parentProgramId}"` : 'a top-level program'}; its parent cannot change`,
      );
    }
    if (existing.status === 'closed') {
      throw new ProgramStoreError('program_status', `program "${program.id}" is closed; it takes no new versions`);
    }
    const latest = await tx.query<{ content_sha256: string; effective_from: string }>(
      'select content_sha256, effective_from from program_versions where program_id = $1 and version = $2',
      [program.id, existing.currentVersion],
    );
    if (latest.rows[0]?.content_sha256 === hash) {
      return {
        program: existing,
        version: existing.currentVersion,
        outcome: 'unchanged',
        effectiveFrom: latest.rows[0].effective_from,
      };
    }
    const firstOpen = await afterLastFinal(tx, program.id);
    let effectiveFrom: string;
    if (input.effectiveFrom !== undefined) effectiveFrom = periodStartOn(program, input.effectiveFrom);
    else if (existing.status === 'draft') effectiveFrom = program.start;
    else effectiveFrom = firstOpen ?? program.start;
    if (firstOpen !== undefined && effectiveFrom < firstOpen) {
      throw new ProgramStoreError(
        'effective_before_final',
        `program "${program.id}": periods before ${firstOpen} are final and keep their version; the new version must apply from ${firstOpen} or later`,
      );
    }
    const version = existing.currentVersion + 1;
    await insertVersion(tx, program, version, input, hash, effectiveFrom);
    const { rows } = await tx.query<ProgramRow>(
      `update programs set current_version = $2, name = $3, unit = $4, configured_by = $5
       where program_id = $1 returning ${PROGRAM_COLUMNS}`,
      [program.id, version, program.name, program.unit, input.appliedBy ?? existing.configuredBy],
    );
    return { program: storedProgram(rows[0]!), version, outcome: 'new_version', effectiveFrom };
  });
}

const TRANSITIONS: Record<'activate' | 'close', { from: ProgramStatus; to: ProgramStatus; column: string }> = {
  activate: { from: 'draft', to: 'active', column: 'activated_at' },
  close: { from: 'active', to: 'closed', column: 'closed_at' },
};

/** Lifecycle: draft -> active (runs and schedules start) -> closed (no new versions, no scheduled runs). */
export async function changeProgramStatus(
  q: Queryable,
  programId: string,
  action: 'activate' | 'close',
): Promise<StoredProgram> {
  const transition = TRANSITIONS[action];
  const { rows } = await q.query<ProgramRow>(
    `update programs set status = $2, ${transition.column} = now()
     where program_id = $1 and status = $3 returning ${PROGRAM_COLUMNS}`,
    [programId, transition.to, transition.from],
  );
  if (rows[0]) return storedProgram(rows[0]);
  const program = await getProgram(q, programId);
  if (program.status === transition.to) return program;
  throw new ProgramStoreError(
    'program_status',
    `program "${programId}" is ${program.status}; only a ${transition.from} program can be ${action === 'activate' ? 'activated' : 'closed'}`,
  );
}

export async function subPrograms(q: Queryable, programId: string): Promise<StoredProgram[]> {
  const { rows } = await q.query<ProgramRow>(
    `select ${PROGRAM_COLUMNS} from programs where parent_program_id = $1 order by program_id`,
    [programId],
  );
  return rows.map(storedProgram);
}
