import type { Program } from '@spur/engine';
import type { Queryable } from '../db/connection-types.ts';
import { getVersion, versionForPeriod } from '../programs/program-store.ts';

/** The program version that calculated a period: the one a final period was closed with, else the effective one. */
export async function programForPeriod(q: Queryable, programId: string, periodStart: string): Promise<Program> {
  const { rows } = await q.query<{ program_version: number; status: string }>(
    'select program_version, status from program_periods where program_id = $1 and period_start = $2',
    [programId, periodStart],
  );
  const state = rows[0];
  const version =
    state?.status === 'final'
      ? await getVersion(q, programId, Number(state.program_version))
      : await versionForPeriod(q, programId, periodStart);
  return version.program;
}
