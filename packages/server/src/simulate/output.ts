import { type Earning, type EarningJson, earningToJson, isZeroAmount, renderExplanation } from '@spur/engine';
import { stringify } from 'csv-stringify/sync';
import { type SimulationResult, totalAmount } from './simulate.ts';

export type OutputFormat = 'table' | 'json' | 'csv';

function listed(result: SimulationResult, all: boolean): Earning[] {
  return result.periods.flatMap((period) => period.earnings.filter((earning) => all || !isZeroAmount(earning.amount)));
}

export interface SimulationJson {
  program: string;
  earnings: EarningJson[];
  totals: {
    amount: string;
    unit: string;
    earnings: number;
    periods: {
      period_start: string;
      period_end: string;
      amount: string;
      earners: number;
      budget: string | null;
      ineligible_lines: number;
    }[];
    lines: Record<string, number>;
  };
}

export function toJson(result: SimulationResult, all: boolean): SimulationJson {
  const earnings = listed(result, all);
  return {
    program: result.program.id,
    earnings: earnings.map(earningToJson),
    totals: {
      amount: totalAmount(result),
      unit: result.program.unit,
      earnings: earnings.length,
      periods: result.periods.map((period) => ({
        period_start: period.period.start,
        period_end: period.period.end,
        amount: period.totals.amount,
        earners: period.totals.earners,
        budget: period.totals.budget,
        ineligible_lines: period.totals.ineligibleLines,
      })),
      lines: { ...result.lines },
    },
  };
}

export function toCsv(result: SimulationResult, all: boolean): string {
  const rows = listed(result, all).map((earning) => {
    const json = earningToJson(earning);
    return [
      json.participant_type,
      json.participant_id,
      json.period_start,
      json.period_end,
      json.amount,
      json.unit,
      json.payout_due ?? '',
      JSON.stringify(json.explanation),
    ];
  });
  return stringify(rows, {
    header: true,
    columns: [
      'participant_type',
      'participant_id',
      'period_start',
      'period_end',
      'amount',
      'unit',
      'payout_due',
      'explanation',
    ],
  });
}

export function toTable(result: SimulationResult, all: boolean): string {
  const out: string[] = [`program ${result.program.id} (${result.program.name}), unit ${result.program.unit}`];
  for (const period of result.periods) {
    const earnings = period.earnings.filter((earning) => all || !isZeroAmount(earning.amount));
    out.push(
      '',
      `period ${period.period.label}` +
        (period.period.label.includes('..') ? '' : ` (${period.period.start}..${period.period.end})`) +
        `: ${period.totals.amount} ${period.unit}, ` +
        `${earnings.length} earning(s)` +
        (period.totals.budget === null ? '' : `, budget ${period.totals.budget}`) +
        (period.totals.ineligibleLines
          ? `, ${period.totals.ineligibleLines} line(s) of resellers not taking part`
          : ''),
    );
    for (const earning of earnings) {
      out.push(
        '',
        `${earning.participantType} ${earning.participantId}: ${earning.amount} ${earning.unit}` +
          (earning.payoutDue ? `, payout due ${earning.payoutDue}` : ''),
        renderExplanation(earning.explanation),
      );
    }
  }
  const lines = result.lines;
  out.push(
    '',
    `total ${totalAmount(result)} ${result.program.unit}; sell-out lines read ${lines.read}, counted ${lines.counted}, ` +
      `outside the program dates ${lines.outside_program}, products not covered ${lines.product_not_covered}, unknown SKU ${lines.unknown_sku}`,
  );
  return `${out.join('\n')}\n`;
}
