import { readFile } from 'node:fs/promises';
import { programJsonSchema } from '@spur/engine';
import type { Command } from 'commander';
import { stringify as stringifyYaml } from 'yaml';
import { CliError, withDatabase } from '../cli/context.ts';
import { listPeriodStates } from '../runs/program-periods.ts';
import { readProgramFile } from '../simulate/simulate.ts';
import { SimulateError } from '../simulate/simulate-error.ts';
import {
  applyProgram,
  changeProgramStatus,
  getProgram,
  listPrograms,
  listVersions,
  subPrograms,
} from './program-store.ts';
import { ProgramStoreError } from './program-store-error.ts';

export function registerProgramCommands(program: Command): void {
  const programs = program.command('program').description('program definitions (rules, eligibility, periods, budgets)');
  programs
    .command('schema')
    .description('print the JSON Schema of program documents, for editors (YAML language server, VS Code)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(programJsonSchema(), null, 2)}\n`);
    });
  programs
    .command('validate')
    .description('check a program file (YAML or JSON); prints each problem with its path, exits 1 if invalid')
    .argument('<file>', 'the program file, e.g. examples/programs/channelvalue.yaml')
    .action(async (file: string) => {
      try {
        const valid = await readProgramFile(file);
        console.log(`${file}: program ${valid.id} is valid`);
      } catch (error) {
        if (error instanceof SimulateError) throw new CliError(error.message);
        throw error;
      }
    });
  programs
    .command('apply')
    .description(
      'store a program file: creates it as a draft, or a new version when its rules changed (old versions are kept)',
    )
    .argument('<file>', 'the program file (YAML or JSON), e.g. examples/programs/cashpaq.yaml')
    .option('--parent <id>', 'make it a sub-program of this program (own rules and budget, same portal)')
    .option(
      '--effective-from <date>',
      'first day the new version applies to (rounded to its period start); default: the program start for drafts, else the first period after the last final one',
    )
    .option('--by <user-id>', 'the user who configures the program (may not approve its payouts)')
    .action(async (file: string, options: { parent?: string; effectiveFrom?: string; by?: string }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new CliError(`${file}: file not found`);
      }
      await withDatabase(async (db) => {
        try {
          const result = await applyProgram(db, {
            text,
            source: file,
            parentProgramId: options.parent,
            effectiveFrom: options.effectiveFrom,
            appliedBy: options.by,
          });
          const what =
            result.outcome === 'unchanged'
              ? `unchanged (version ${result.version})`
              : result.outcome === 'created'
                ? `created as a draft (version 1)`
                : `version ${result.version}, effective from ${result.effectiveFrom}`;
          console.log(`program ${result.program.programId}: ${what}`);
        } catch (error) {
          if (error instanceof ProgramStoreError) throw new CliError(error.message);
          throw error;
        }
      });
    });
  programs
    .command('list')
    .description('list the stored programs with status, version and parent')
    .option('--json', 'print JSON instead of a table', false)
    .action(async (options: { json: boolean }) => {
      await withDatabase(async (db) => {
        const list = await listPrograms(db);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        if (list.length === 0) console.log('no programs (add one with spur program apply FILE)');
        for (const p of list) {
          console.log(
            `${p.programId.padEnd(20)} ${p.status.padEnd(7)} v${String(p.currentVersion).padEnd(3)} ${p.unit.padEnd(7)} ${p.name}${p.parentProgramId ? ` (sub-program of ${p.parentProgramId})` : ''}`,
          );
        }
      });
    });
  programs
    .command('show')
    .description('print a stored program version as YAML, with its versions and period states')
    .argument('<id>', 'the program id')
    .option('--version <n>', 'the version to print (default: the current one)')
    .action(async (id: string, options: { version?: string }) => {
      await withDatabase(async (db) => {
        try {
          const stored = await getProgram(db, id);
          const wanted = options.version === undefined ? stored.currentVersion : Number(options.version);
          if (!Number.isInteger(wanted) || wanted < 1)
            throw new CliError(`--version "${options.version}" is not a version number`);
          const versions = await listVersions(db, id);
          const version = versions.find((v) => v.version === wanted);
          if (!version) throw new CliError(`program "${id}" has no version ${wanted}`);
          const periods = await listPeriodStates(db, id);
          const subs = await subPrograms(db, id);
          const out = [
            `# ${stored.programId}: ${stored.status}, version ${version.version} of ${versions.length}, effective from ${version.effectiveFrom}` +
              (stored.parentProgramId ? `, sub-program of ${stored.parentProgramId}` : '') +
              (subs.length ? `, sub-programs ${subs.map((s) => s.programId).join(', ')}` : ''),
            ...versions.map(
              (v) =>
                `#   v${v.version} effective ${v.effectiveFrom}, from ${v.source}, applied ${v.appliedAt.toISOString()}${v.appliedBy ? ` by ${v.appliedBy}` : ''}`,
            ),
            ...periods.map((p) => `#   period ${p.label}: ${p.status}, version ${p.programVersion}`),
            stringifyYaml(version.program).trimEnd(),
          ];
          console.log(out.join('\n'));
        } catch (error) {
          if (error instanceof ProgramStoreError) throw new CliError(error.message);
          throw error;
        }
      });
    });
  for (const action of ['activate', 'close'] as const) {
    programs
      .command(action)
      .description(
        action === 'activate'
          ? 'activate a draft program: calculation runs and schedules start'
          : 'close an active program: no new versions, no scheduled runs (final runs on demand still work)',
      )
      .argument('<id>', 'the program id')
      .action(async (id: string) => {
        await withDatabase(async (db) => {
          try {
            const program = await changeProgramStatus(db, id, action);
            console.log(`program ${program.programId}: ${program.status}`);
          } catch (error) {
            if (error instanceof ProgramStoreError) throw new CliError(error.message);
            throw error;
          }
        });
      });
  }
}
