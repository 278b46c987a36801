import type { Earning } from './price.ts';

/** The JSON of one earning as `spur simulate --format json` prints it (and stored runs return). */
export interface EarningJson {
  participant_type: 'partner' | 'user';
  participant_id: string;
  period_start: string;
  period_end: string;
  amount: string;
  unit: string;
  payout_due: string | null;
  explanation: unknown;
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Explanation keys are camelCase in TypeScript and snake_case on the wire, like the rest of the JSON. */
function toSnake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnake);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [snakeCase(key), toSnake(inner)]));
  }
  return value;
}

export function earningToJson(earning: Earning): EarningJson {
  return {
    participant_type: earning.participantType,
    participant_id: earning.participantId,
    period_start: earning.periodStart,
    period_end: earning.periodEnd,
    amount: earning.amount,
    unit: earning.unit,
    payout_due: earning.payoutDue,
    explanation: toSnake(earning.explanation),
  };
}
