import type { Command } from 'commander';
import { CliError, withDatabase } from '../cli/context.ts';
import { LedgerError } from '../ledger/errors.ts';
import { ProgramStoreError } from '../programs/program-store-error.ts';
import { type RunReport, runCalculation, runCalculations } from './run-calculation.ts';
import { RunError } from './run-error.ts';
import { listRuns, type RunSummary, showRun } from './run-repository.ts';

function userError(error: unknown): never {
  if (error instanceof ProgramStoreError || error instanceof RunError || error instanceof LedgerError) {
    throw new CliError(error.message);
  }
  throw error;
}

function describeRun(report: RunReport): string {
  const changes =
    report.postings.length === 0
      ? 'nothing changed, nothing posted'
      : `${report.postings.length} posting(s): ${report.postings
          .slice(0, 5)
          .map(
            (p) =>
              `${p.participantType} ${p.participantId} ${p.kind} ${p.delta}${p.kind === 'late_adjustment' ? ` into ${p.postedPeriod.label}` : ''}`,
          )
          .join('; ')}${report.postings.length > 5 ? '; ...' : ''}`;
  return (
    `run ${report.runId}: ${report.programId} ${report.period.label} (${report.period.start}..${report.period.end}) ${report.kind}` +
    `${report.periodWasFinal ? ' (period already final)' : ''}, version ${report.programVersion}, watermark import ${report.watermark}\n` +
    `  ${report.lines} line(s) in ${report.facts} fact(s), ${report.earners} earner(s), total ${report.total} ${report.unit}` +
    `${report.payouts ? `, ${report.payouts} payout(s) due` : ''}\n  ${changes}\n  timings (ms): ${JSON.stringify(report.timings)}\n`
  );
}

function runLine(run: RunSummary): string {
  return [
    run.runId.padStart(6),
    run.programId.padEnd(14),
    run.label.padEnd(24),
    run.kind.padEnd(11),
    run.status.padEnd(9),
    `v${run.programVersion ?? '-'}`.padEnd(4),
    `${run.total ?? '-'} ${run.unit ?? ''}`.padEnd(20),
    `${run.postings} posting(s)`.padEnd(14),
    `${run.timings.total ?? '-'} ms`.padEnd(9),
    run.startedAt,
    run.error ? ` ${run.error}` : '',
  ].join(' ');
}

export function registerRunCommands(program: Command): void {
  program
    .command('calc')
    .description(
      'calculate one program period from the stored sell-out and post the differences to the ledger (a provisional run unless --final)',
    )
    .requiredOption('--program <id>', 'program id, e.g. cashpaq (the program must be active or closed)')
    .requiredOption(
      '--period <p>',
      'the period: 2026-03, 2026-Q1, 2026-W05, an ISO date inside it, or "all" (every period through today or the last invoice date, one SQL scan)',
    )
    .option(
      '--final',
      'close the period: book the budget and create the payouts due; later changes become adjustments of the next open period',
      false,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  npx spur calc --program 10hoch4 --period 2026-Q1\n  npx spur calc --program cashpaq --period 2026-01-15 --final',
    )
    .action(async (options: { program: string; period: string; final: boolean }) => {
      await withDatabase(async (db) => {
        try {
          if (options.period === 'all') {
            const reports = await runCalculations(db, {
              programId: options.program,
              periods: 'all',
              final: options.final,
              trigger: 'cli',
            });
            for (const report of reports) process.stdout.write(describeRun(report));
            return;
          }
          const report = await runCalculation(db, {
            programId: options.program,
            period: options.period,
            final: options.final,
            trigger: 'cli',
          });
          process.stdout.write(describeRun(report));
        } catch (error) {
          userError(error);
        }
      });
    });

  const runs = program
    .command('runs')
    .description('calculation runs: what ran, with which version, inputs, timings and results');
  runs
    .command('list')
    .description('list the latest runs, newest first')
    .option('--program <id>', 'only the runs of this program')
    .option('--limit <n>', 'how many runs to list (1-1000)', '50')
    .option('--json', 'print JSON instead of a table', false)
    .action(async (options: { program?: string; limit: string; json: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new CliError(`--limit "${options.limit}" must be a whole number from 1 to 1000`);
      await withDatabase(async (db) => {
        const list = await listRuns(db, { programId: options.program, limit });
        if (options.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else process.stdout.write(list.length === 0 ? 'no runs\n' : `${list.map(runLine).join('\n')}\n`);
      });
    });
  runs
    .command('show')
    .description('show one run: version, watermark, timings, per-participant results and the postings it made')
    .argument('<run-id>', 'the run id (from spur runs list)')
    .option('--json', 'print JSON instead of text', false)
    .action(async (runId: string, options: { json: boolean }) => {
      await withDatabase(async (db) => {
        try {
          const run = await showRun(db, runId);
          if (options.json) {
            process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
            return;
          }
          const out = [
            runLine(run),
            `  watermark import ${run.watermark ?? '-'}, ${run.lines ?? 0} line(s), ${run.facts ?? 0} fact(s), timings ${JSON.stringify(run.timings)}`,
          ];
          out.push(`  results (${run.results.length}):`);
          for (const r of run.results)
            out.push(
              `    ${r.participantType} ${r.participantId}: ${r.amount} ${r.unit}${r.payoutDue ? `, due ${r.payoutDue}` : ''}`,
            );
          out.push(`  postings (${run.postingsMade.length}):`);
          for (const p of run.postingsMade)
            out.push(
              `    ${p.participantType} ${p.participantId}: ${p.kind} ${p.delta} into ${p.postedPeriod} (${p.transactionKey})`,
            );
          process.stdout.write(`${out.join('\n')}\n`);
        } catch (error) {
          userError(error);
        }
      });
    });
}
