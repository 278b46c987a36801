import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  aggregateSpec,
  Decimal,
  EngineError,
  formatAmount,
  type LineOutcome,
  type Period,
  type PricingResult,
  type Program,
  ProgramError,
  parsePeriod,
  parseProgram,
  periodOf,
  price,
  SellOutAggregator,
  type SellOutFact,
  scheduleOf,
} from '@spur/engine';
import { readMasterDataFiles } from './master-data-files.ts';
import { aggregateSellOutFile } from './sellout-file.ts';
import { SimulateError } from './simulate-error.ts';

export interface SimulateOptions {
  programFile: string;
  dataDir: string;
  /** `2026-03`, `2026-Q1`, `2026-W05` or an ISO date; undefined: every period with data. */
  period?: string | undefined;
}

export interface SimulationResult {
  program: Program;
  periods: PricingResult[];
  lines: { read: number } & Record<LineOutcome, number>;
}

/** Reads and validates a program file; errors name the file and the path inside it. */
export async function readProgramFile(file: string): Promise<Program> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new SimulateError('file_missing', 'file not found', { file });
  }
  try {
    return parseProgram(text);
  } catch (error) {
    if (error instanceof ProgramError) {
      throw new SimulateError(
        'invalid_program',
        `invalid program:\n  ${error.issues.map((i) => `${i.path}: ${i.message}`).join('\n  ')}`,
        {
          file,
        },
      );
    }
    throw error;
  }
}

/**
 * Runs a program on the canonical CSVs of a folder and books nothing: streams `sellout.csv`
 * through the aggregator (memory bounded by the number of facts) and prices each period.
 */
export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
  const program = await readProgramFile(options.programFile);
  const schedule = scheduleOf(program);
  let wanted: Period | undefined;
  if (options.period !== undefined) {
    try {
      wanted = parsePeriod(schedule, options.period);
    } catch (error) {
      if (error instanceof EngineError) throw new SimulateError('invalid_period', error.message, { file: '--period' });
      throw error;
    }
  }
  const masterData = await readMasterDataFiles(options.dataDir);
  const aggregator = new SellOutAggregator(
    aggregateSpec(program),
    schedule,
    new Map(masterData.products.map((product) => [product.sku, product])),
  );
  const read = await aggregateSellOutFile(join(options.dataDir, 'sellout.csv'), aggregator);

  const factsByPeriod = new Map<string, SellOutFact[]>();
  for (const fact of aggregator.facts()) {
    if (wanted !== undefined && fact.periodStart !== wanted.start) continue;
    const list = factsByPeriod.get(fact.periodStart) ?? [];
    list.push(fact);
    factsByPeriod.set(fact.periodStart, list);
  }
  const periods: Period[] = wanted
    ? [wanted]
    : [...factsByPeriod.keys()].sort().map((start) => periodOf(schedule, start)!);
  const results: PricingResult[] = [];
  for (const period of periods) {
    try {
      results.push(price(program, period, factsByPeriod.get(period.start) ?? [], masterData));
    } catch (error) {
      if (error instanceof EngineError && error.code === 'fx_rate_missing') {
        throw new SimulateError('invalid_value', `${error.message} (needed by ${program.id} ${period.label})`, {
          file: join(options.dataDir, 'fx.csv'),
        });
      }
      throw error;
    }
  }
  return { program, periods: results, lines: { read, ...aggregator.outcomes } };
}

/** Sum of the rounded earnings of every period. */
export function totalAmount(result: SimulationResult): string {
  let total = Decimal.ZERO;
  for (const period of result.periods) total = total.plus(Decimal.parse(period.totals.amount));
  return formatAmount(total, result.program.unit);
}
