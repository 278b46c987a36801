import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { periodsOf, scheduleOf } from '@spur/engine';
import type { SpurDb } from '../db/connection-types.ts';
import { applyProgram, changeProgramStatus, getVersion } from '../programs/program-store.ts';
import { runCalculation } from '../runs/run-calculation.ts';

/** The example programs shipped in `examples/programs/` (also the acceptance cases of the engine). */
export const EXAMPLE_PROGRAMS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples/programs');

export interface DemoProgramsReport {
  programs: string[];
  runs: number;
}

/**
 * Applies and activates the example programs and calculates every period that has demo sell-out,
 * provisionally, so the portal shows earnings, statements and budgets on first start.
 */
export async function loadDemoPrograms(
  db: SpurDb,
  onStep: (message: string) => void = () => {},
  dir = EXAMPLE_PROGRAMS_DIR,
): Promise<DemoProgramsReport> {
  const range = await db.query<{ last: string | null }>('select max(invoice_date)::text as last from sellout_lines');
  const last = range.rows[0]?.last;
  const report: DemoProgramsReport = { programs: [], runs: 0 };
  for (const file of readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()) {
    const applied = await applyProgram(db, {
      text: readFileSync(join(dir, file), 'utf8'),
      source: `examples/programs/${file}`,
      appliedBy: 'demo-load',
    });
    const programId = applied.program.programId;
    if (applied.program.status === 'draft') await changeProgramStatus(db, programId, 'activate');
    report.programs.push(programId);
    if (!last) continue;
    const { program } = await getVersion(db, programId, applied.version);
    for (const period of periodsOf(scheduleOf(program), last)) {
      await runCalculation(db, { programId, period: period.start, trigger: 'cli' });
      report.runs += 1;
    }
    onStep(`program ${programId} applied, active and calculated`);
  }
  return report;
}
