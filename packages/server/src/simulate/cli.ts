import { type Command, Option } from 'commander';
import type { OutputFormat } from './output.ts';

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('run a program on canonical CSV files and print what each participant would earn; books nothing')
    .requiredOption('--program <file>', 'program definition (YAML or JSON), e.g. examples/programs/cashpaq.yaml')
    .requiredOption(
      '--data <dir>',
      'folder with partners.csv, users.csv, products.csv, fx.csv, goals.csv and sellout.csv (canonical formats)',
    )
    .option(
      '--period <p>',
      'one period: 2026-03, 2026-Q1, 2026-W05, or an ISO date inside it (default: every period with data)',
    )
    .addOption(
      new Option(
        '--format <format>',
        'table (readable, with explanations), json (one object) or csv (one row per earning)',
      )
        .choices(['table', 'json', 'csv'])
        .default('table'),
    )
    .option('--all', 'also list participants whose earning is zero', false)
    .addHelpText(
      'after',
      '\nExample:\n  npx spur simulate --program examples/programs/10hoch4.yaml --data ./demo-data --period 2026-Q1 --format json',
    )
    .action(async (options: { program: string; data: string; period?: string; format: OutputFormat; all: boolean }) => {
      // Loaded when the command runs, so other commands and help do not pay for the engine.
      const [{ simulate }, { toCsv, toJson, toTable }, { SimulateError }] = await Promise.all([
        import('./simulate.ts'),
        import('./output.ts'),
        import('./simulate-error.ts'),
      ]);
      try {
        const result = await simulate({ programFile: options.program, dataDir: options.data, period: options.period });
        const text =
          options.format === 'json'
            ? `${JSON.stringify(toJson(result, options.all), null, 2)}\n`
            : options.format === 'csv'
              ? toCsv(result, options.all)
              : toTable(result, options.all);
        process.stdout.write(text);
      } catch (error) {
        if (error instanceof SimulateError) throw new (await import('../cli/context.ts')).CliError(error.message);
        throw error;
      }
    });
}
