import { type Command, Option } from 'commander';
import { CliError, withDatabase } from '../cli/context.ts';
import { ProgramStoreError } from '../programs/program-store-error.ts';
import { RunError } from '../runs/run-error.ts';
import { earningsCsv, earningsReport, earningsTable } from './earnings-report.ts';

export function registerEarningsCommands(program: Command): void {
  program
    .command('earnings')
    .description(
      'print the stored earnings of a program period: the same shape as spur simulate, plus the status (provisional or final) and every posting (earning, adjustments, late adjustments)',
    )
    .requiredOption('--program <id>', 'program id, e.g. cashpaq')
    .requiredOption('--period <p>', 'the period: 2026-03, 2026-Q1, 2026-W05, or an ISO date inside it')
    .addOption(
      new Option(
        '--format <format>',
        'table (readable, with explanations), json (one object) or csv (one row per earning)',
      )
        .choices(['table', 'json', 'csv'])
        .default('table'),
    )
    .option('--all', 'also list participants whose earning is zero', false)
    .addHelpText('after', '\nExample:\n  npx spur earnings --program 10hoch4 --period 2026-Q1 --format json')
    .action(async (options: { program: string; period: string; format: 'table' | 'json' | 'csv'; all: boolean }) => {
      await withDatabase(async (db) => {
        try {
          const { report, explanations } = await earningsReport(db, options.program, options.period, options.all);
          const text =
            options.format === 'json'
              ? `${JSON.stringify(report, null, 2)}\n`
              : options.format === 'csv'
                ? earningsCsv(report)
                : earningsTable(report, explanations);
          process.stdout.write(text);
        } catch (error) {
          if (error instanceof ProgramStoreError || error instanceof RunError) throw new CliError(error.message);
          throw error;
        }
      });
    });
}
