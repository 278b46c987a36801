import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { withDatabase } from '../cli/context.ts';
import { DEMO_PASSWORD } from './accounts.ts';
import { DEFAULT_DEMO_SEED, DEMO_FILES, generateDemoDataset } from './generate.ts';
import { FIRST_START_LINES, loadDemoData } from './load.ts';

/** A whole number from the command line, or a one-line error naming the option. */
function wholeNumber(option: string, max: number): (value: string) => number {
  return (value) => {
    const trimmed = value.replace(/_/g, '');
    if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed)) || Number(trimmed) > max) {
      throw new InvalidArgumentError(`${option} must be a whole number from 0 to ${max}.`);
    }
    return Number(trimmed);
  };
}

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('demo and benchmark data');
  demo
    .command('generate')
    .description(
      `write the canonical CSVs (${DEMO_FILES.join(', ')}) of a deterministic EMEA channel: ` +
        '38 countries, ~40 distributors, ~2,000 resellers, ~8,000 reps, ~200 products, a year (2026) of sell-out',
    )
    .requiredOption(
      '--lines <n>',
      'number of sell-out lines to write (underscores allowed: 10_000_000)',
      wholeNumber('--lines', 1e12),
    )
    .requiredOption(
      '--out <dir>',
      'folder to write the files into (created when missing; files of the same names are replaced)',
    )
    .option(
      '--seed <s>',
      'seed of the generator: the same seed and --lines give byte-identical files',
      wholeNumber('--seed', 0xffffffff),
      DEFAULT_DEMO_SEED,
    )
    .addHelpText(
      'after',
      '\nExample:\n  npx spur demo generate --lines 1000000 --out ./demo-data --seed 7\n\nFormats and demo accounts: docs/demo-data.md',
    )
    .action(async (options: { lines: number; out: string; seed: number }) => {
      const outDir = resolve(options.out);
      const summary = await generateDemoDataset({ lines: options.lines, seed: options.seed, outDir });
      for (const file of DEMO_FILES) {
        const written = summary.files[file];
        console.log(
          `${file.padEnd(13)} ${String(written.rows).padStart(11)} rows ${String(written.bytes).padStart(14)} bytes`,
        );
      }
      const seconds = summary.milliseconds / 1000;
      // The time includes the master data files, so a rate says something only for many lines.
      const rate =
        options.lines >= 100_000 && summary.milliseconds > 0
          ? `, ${Math.round((options.lines * 1000) / summary.milliseconds)} sell-out lines/s`
          : '';
      console.log(`wrote ${outDir} (seed ${summary.seed}) in ${seconds.toFixed(1)} s${rate}`);
    });

  demo
    .command('load')
    .description(
      'generate a demo dataset and import it into the configured database (DATABASE_URL or SPUR_DATA_DIR) ' +
        'through the regular imports; what `spur start` does on first start',
    )
    .option('--lines <n>', 'number of sell-out lines', wholeNumber('--lines', 1e9), FIRST_START_LINES)
    .option('--seed <s>', 'seed of the generator', wholeNumber('--seed', 0xffffffff), DEFAULT_DEMO_SEED)
    .option(
      '--force',
      'load even when the database already has partners (completes an interrupted load; nothing is duplicated)',
    )
    .addHelpText(
      'after',
      '\nWithout --force nothing happens when the database already has partners.\nDemo accounts: docs/demo-data.md',
    )
    .action(async (options: { lines: number; seed: number; force?: boolean }) => {
      const report = await withDatabase((db) =>
        loadDemoData(db, { ...options, force: options.force === true, onStep: (message) => console.log(message) }),
      );
      if (!report.loaded) {
        console.log(`nothing loaded: ${report.skipped} (use --force to load anyway)`);
        return;
      }
      for (const masterData of report.masterData) {
        console.log(
          `${masterData.entity}: ${masterData.created} created, ${masterData.updated} updated, ${masterData.unchanged} unchanged`,
        );
      }
      const { sellOut } = report;
      console.log(
        `sell-out: ${sellOut.files} distributor reports, ${sellOut.linesRead} lines read, ${sellOut.imported} imported, ` +
          `${sellOut.duplicates} duplicates, ${sellOut.quarantined} quarantined, ${sellOut.errors} errors`,
      );
      console.log(
        `sign-in: ${report.access.rolesGiven} roles given, ${report.access.passwordsSet} demo accounts with password ${DEMO_PASSWORD}`,
      );
      console.log(`demo data loaded in ${(report.milliseconds / 1000).toFixed(1)} s`);
    });
}
