import type { Earning } from './price.ts';
import { snakeKeys } from './snake-keys.ts';

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

export function earningToJson(earning: Earning): EarningJson {
  return {
    participant_type: earning.participantType,
    participant_id: earning.participantId,
    period_start: earning.periodStart,
    period_end: earning.periodEnd,
    amount: earning.amount,
    unit: earning.unit,
    payout_due: earning.payoutDue,
    // Explanation keys are camelCase in TypeScript and snake_case on the wire, like the rest of the JSON.
    explanation: snakeKeys(earning.explanation),
  };
}
