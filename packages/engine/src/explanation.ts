/**
 * The explanation of one earning: every step in the fixed order with its inputs and outputs,
 * as plain data (decimal strings) so it can be stored as JSON and rendered anywhere.
 */
export type ExplanationStep =
  | {
      step: 'participant';
      participantType: 'partner' | 'user';
      participantId: string;
      /** Why this participant earns: eligibility of the resellers whose lines count. */
      note: string;
    }
  | {
      step: 'measure';
      metric: 'units' | 'revenue';
      currency: string | null;
      value: string;
      unitsByProduct: { product: string; units: string }[];
      revenueByCurrency: { month: string; currency: string; amount: string; rate: string; converted: string }[];
    }
  | {
      step: 'reward';
      rule: 'per_unit';
      rewardIndex: number;
      by: string;
      lines: { product: string; units: string; rate: string; amount: string }[];
      total: string;
    }
  | {
      step: 'reward';
      rule: 'percent_of_revenue';
      rewardIndex: number;
      revenue: string;
      percent: string;
      total: string;
    }
  | {
      step: 'reward';
      rule: 'tiers';
      rewardIndex: number;
      mode: 'marginal' | 'retroactive';
      measure: string;
      threshold: string | null;
      thresholdMet: boolean;
      slices: { from: string; to: string | null; base: string; rate: string; amount: string }[];
      cap: string | null;
      total: string;
    }
  | {
      step: 'reward';
      rule: 'target_bonus';
      rewardIndex: number;
      condition: string;
      met: boolean;
      total: string;
    }
  | {
      step: 'promotion';
      promotionId: string;
      multiplier: string;
      base: string;
      uplift: string;
    }
  | {
      step: 'gate';
      goal: string | null;
      attainmentPercent: string | null;
      minPercent: string | null;
      maxPercent: string | null;
      outcome: 'no_goal' | 'below_minimum' | 'passed' | 'scaled_above_maximum';
      factor: string;
      before: string;
      after: string;
    }
  | {
      step: 'accelerator';
      attainmentPercent: string;
      fromPercent: string;
      multiplier: string;
      before: string;
      after: string;
    }
  | { step: 'cap'; cap: string; before: string; after: string }
  | {
      step: 'share_given';
      percent: string;
      earning: string;
      recipients: { distributorId: string; weight: string; amount: string }[];
    }
  | {
      step: 'share_received';
      percent: string;
      from: {
        participantType: 'partner' | 'user';
        participantId: string;
        earning: string;
        weight: string;
        amount: string;
      }[];
      total: string;
    }
  | {
      step: 'budget';
      policy: 'pro_rata' | 'first_come';
      budget: string;
      claimed: string;
      factor: string | null;
      before: string;
      after: string;
    }
  | { step: 'rounding'; mode: 'half_away_from_zero' | 'down'; decimals: number; before: string; after: string };

export interface Explanation {
  unit: string;
  steps: ExplanationStep[];
}

function table<T>(rows: readonly T[], render: (row: T) => string): string[] {
  return rows.map((row) => `      ${render(row)}`);
}

function renderStep(step: ExplanationStep, unit: string): string[] {
  switch (step.step) {
    case 'participant':
      return [`participant: ${step.participantType} ${step.participantId} (${step.note})`];
    case 'measure':
      return [
        `measure: ${step.metric} = ${step.value}${step.currency ? ` ${step.currency}` : ''}`,
        ...table(step.unitsByProduct, (row) => `${row.product}: ${row.units} units`),
        ...table(
          step.revenueByCurrency,
          (row) => `${row.month} ${row.currency} ${row.amount} × ${row.rate} = ${row.converted} ${step.currency ?? ''}`,
        ),
      ];
    case 'reward':
      switch (step.rule) {
        case 'per_unit':
          return [
            `rewards[${step.rewardIndex}] per unit by ${step.by}: ${step.total} ${unit}`,
            ...table(step.lines, (row) => `${row.product}: ${row.units} × ${row.rate} = ${row.amount}`),
          ];
        case 'percent_of_revenue':
          return [`rewards[${step.rewardIndex}]: ${step.percent} % of ${step.revenue} = ${step.total} ${unit}`];
        case 'tiers':
          return [
            `rewards[${step.rewardIndex}] ${step.mode} tiers on ${step.measure}: ${step.total} ${unit}` +
              (step.threshold === null
                ? ''
                : ` (threshold ${step.threshold} ${step.thresholdMet ? 'met' : 'not met'})`) +
              (step.cap === null ? '' : ` (cap ${step.cap})`),
            ...table(
              step.slices,
              (row) => `[${row.from}, ${row.to ?? '∞'}): ${row.base} × ${row.rate} = ${row.amount}`,
            ),
          ];
        case 'target_bonus':
          return [
            `rewards[${step.rewardIndex}] target bonus (${step.condition}): ${step.met ? 'met' : 'not met'}, ${step.total} ${unit}`,
          ];
      }
      break;
    case 'promotion':
      return [`promotion ${step.promotionId}: ${step.base} × ${step.multiplier} adds ${step.uplift}`];
    case 'gate':
      return [
        `goal gate: goal ${step.goal ?? 'none'}, attainment ${step.attainmentPercent ?? '-'} % ` +
          `(min ${step.minPercent ?? '-'} %, max ${step.maxPercent ?? '-'} %): ${step.outcome.replaceAll('_', ' ')}, ` +
          `× ${step.factor}: ${step.before} → ${step.after}`,
      ];
    case 'accelerator':
      return [
        `accelerator from ${step.fromPercent} % (attainment ${step.attainmentPercent} %): × ${step.multiplier}: ${step.before} → ${step.after}`,
      ];
    case 'cap':
      return [`participant cap ${step.cap}: ${step.before} → ${step.after}`];
    case 'share_given':
      return [
        `shares: ${step.percent} % of ${step.earning} to the reporting distributors`,
        ...table(step.recipients, (row) => `${row.distributorId}: weight ${row.weight}, ${row.amount}`),
      ];
    case 'share_received':
      return [
        `share received: ${step.percent} % of the earnings on the lines reported, total ${step.total}`,
        ...table(
          step.from,
          (row) => `${row.participantType} ${row.participantId}: ${row.earning} × weight ${row.weight} → ${row.amount}`,
        ),
      ];
    case 'budget':
      return [
        `budget ${step.policy} ${step.budget}, claimed ${step.claimed}` +
          (step.factor === null ? '' : `, factor ${step.factor}`) +
          `: ${step.before} → ${step.after}`,
      ];
    case 'rounding':
      return [
        `rounding ${step.mode.replaceAll('_', ' ')} to ${step.decimals} decimals: ${step.before} → ${step.after}`,
      ];
  }
}

/** Readable lines, one step per line with indented detail rows. */
export function renderExplanation(explanation: Explanation): string {
  return explanation.steps
    .flatMap((step) => renderStep(step, explanation.unit))
    .map((line) => `  ${line}`)
    .join('\n');
}
