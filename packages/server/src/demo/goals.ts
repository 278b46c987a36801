import { cashpaqPeriodStarts } from './calendar.ts';
import type { DemoChannel } from './channel.ts';
import { divideRoundHalfUp } from './decimal.ts';
import { DemoRandom } from './random.ts';
import type { CashpaqTally } from './sellout.ts';

/**
 * CashPaq unit goals of the Swedish resellers, one per 30-day period of 2026. Each goal is set
 * from the units the reseller actually sold in the period divided by a drawn attainment, so
 * the demo shows every case of the program: below the 75 % gate, inside, and above 125 %.
 * A few resellers set no goal at all, and a few skip a period (no goal, no bonus).
 */
export interface DemoGoal {
  programId: string;
  participantId: string;
  periodStart: string;
  metric: 'units' | 'revenue';
  /** Whole units. */
  target: number;
}

/** Attainments in percent that goals are set to produce. */
const ATTAINMENTS = [40, 70, 80, 95, 100, 110, 120, 135, 160];
const WITHOUT_GOALS_PERMILLE = 100;
const SKIPPED_PERIOD_PERMILLE = 50;

export function buildCashpaqGoals(channel: DemoChannel, tally: CashpaqTally, seed: number): DemoGoal[] {
  const random = new DemoRandom(seed).fork(4);
  const starts = cashpaqPeriodStarts();
  const goals: DemoGoal[] = [];
  for (const reseller of channel.resellers) {
    if (reseller.country.code !== 'SE') continue;
    // The demo accounts' reseller has a goal for every period.
    const demoAccount = reseller.partnerId === 'R-SE-0001';
    if (!demoAccount && random.chance(WITHOUT_GOALS_PERMILLE)) continue;
    const units = tally.get(reseller.partnerId) ?? [];
    starts.forEach((periodStart, period) => {
      const attainment = random.pick(ATTAINMENTS);
      if (random.chance(SKIPPED_PERIOD_PERMILLE) && !demoAccount) return;
      const sold = units[period] ?? 0;
      const target = sold > 0 ? Math.max(1, divideRoundHalfUp(sold * 100, attainment)) : random.between(1, 5);
      goals.push({ programId: 'cashpaq', participantId: reseller.partnerId, periodStart, metric: 'units', target });
    });
  }
  return goals;
}
