import { Decimal, type Period, type Program, periodOf, type SharedBudget, scheduleOf, whatIf } from '@spur/engine';
import type { Queryable } from '../db/connection-types.ts';
import { listPrograms, versionForPeriod } from '../programs/program-store.ts';
import { participantFacts, participantMasterData } from './participant-facts.ts';
import type { Subject } from './subject.ts';
import { type ApiWhatIf, toApiWhatIf } from './what-if-schema.ts';

/** An active program the participant takes part in, with the version that runs its current period. */
export interface ProgramInPeriod {
  program: Program;
  period: Period;
}

/**
 * Active programs that pay this kind of participant, each with its period containing `asOf`:
 * reps programs for a rep; every program for a partner (a reseller earns the lines without a rep).
 */
export async function activePrograms(q: Queryable, subject: Subject, asOf: string): Promise<ProgramInPeriod[]> {
  const found: ProgramInPeriod[] = [];
  for (const stored of await listPrograms(q)) {
    if (stored.status !== 'active') continue;
    const { program } = await versionForPeriod(q, stored.programId, asOf);
    if (subject.type === 'user' && program.participants !== 'reps') continue;
    const period = periodOf(scheduleOf(program), asOf);
    if (period === undefined) continue;
    found.push({ program, period });
  }
  return found;
}

export interface ProgramWhatIf {
  program_id: string;
  program_name: string;
  period: Period;
  what_if: ApiWhatIf;
  /** Promotions still running on `asOf` or starting later, soonest end first. */
  promotions: { id: string; name: string | null; from: string; to: string; multiplier: string; active: boolean }[];
}

/** "What can I still earn" for every active program of the participant, priced by the engine. */
export async function loadWhatIf(q: Queryable, subject: Subject, asOf: string): Promise<ProgramWhatIf[]> {
  const results: ProgramWhatIf[] = [];
  for (const { program, period } of await activePrograms(q, subject, asOf)) {
    const facts = await participantFacts(q, program, period, subject);
    const master = await participantMasterData(q, program.id, subject);
    results.push({
      program_id: program.id,
      program_name: program.name,
      period,
      what_if: toApiWhatIf(
        whatIf(
          program,
          period,
          facts,
          master,
          { type: subject.type, id: subject.id },
          await sharedBudget(q, program, period, subject),
        ),
      ),
      promotions: upcomingPromotions(program, asOf),
    });
  }
  return results;
}

/**
 * What the other participants of the program period take from a shared budget, from the earnings
 * the period's last run stored (each keeps the budget step of its explanation). One query; only
 * sums leave it, and the subject's own claim and grant. Undefined without a shared budget or a run.
 */
export async function sharedBudget(
  q: Queryable,
  program: Program,
  period: Period,
  subject: Subject,
): Promise<SharedBudget | undefined> {
  const policy = program.budget?.policy;
  if (program.budget === undefined || policy === undefined || policy === 'none') return undefined;
  // Explanations write inexact values as "~0.123…" (12 decimals): close enough for an estimate.
  const { rows } = await q.query<{
    steps: number;
    others_claimed: string;
    granted: string;
    own_claimed: string;
    own_granted: string;
  }>(
    `with budget as (
       select e.participant_type = $4 and e.participant_id = $5 as own,
              ltrim(step->>'before', '~')::numeric as before, ltrim(step->>'after', '~')::numeric as after
       from earnings e cross join lateral jsonb_array_elements(e.explanation->'steps') as step
       where e.program_id = $1 and e.period_start = $2 and step->>'step' = 'budget' and step->>'policy' = $3
     )
     select count(*)::int as steps,
            coalesce(sum(greatest(before, 0)) filter (where not own), 0)::text as others_claimed,
            coalesce(sum(greatest(after, 0)), 0)::text as granted,
            coalesce(sum(before) filter (where own), 0)::text as own_claimed,
            coalesce(sum(after) filter (where own), 0)::text as own_granted
     from budget`,
    [program.id, period.start, policy, subject.type, subject.id],
  );
  const row = rows[0];
  if (row === undefined || row.steps === 0) return undefined;
  if (policy === 'pro_rata') return { policy, othersClaimed: row.others_claimed };
  const left = Decimal.parse(program.budget.amount).minus(Decimal.parse(row.granted));
  return {
    policy,
    remaining: (left.isPositive() ? left : Decimal.ZERO).toString(),
    claimed: row.own_claimed,
    granted: row.own_granted,
  };
}

export function upcomingPromotions(program: Program, asOf: string): ProgramWhatIf['promotions'] {
  return (program.promotions ?? [])
    .filter((promotion) => promotion.to >= asOf)
    .map((promotion) => ({
      id: promotion.id,
      name: promotion.name ?? null,
      from: promotion.from,
      to: promotion.to,
      multiplier: promotion.multiplier,
      active: promotion.from <= asOf,
    }))
    .sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

/** Incentivized products: each program with its rules as written, its goal gates, the participant's goal and promotions. */
export async function incentivizedPrograms(q: Queryable, subject: Subject, asOf: string) {
  const programs = [];
  for (const { program, period } of await activePrograms(q, subject, asOf)) {
    const { rows } = await q.query<{ target: string }>(
      'select target::text as target from goals where program_id = $1 and participant_id = $2 and period_start = $3',
      [program.id, subject.id, period.start],
    );
    programs.push({
      program_id: program.id,
      name: program.name,
      description: program.description ?? null,
      unit: program.unit,
      participants: program.participants,
      period,
      period_kind: program.period.type,
      measure: { metric: program.measure.metric, products: { ...program.measure.products } },
      rewards: program.rewards.map((reward) => ({ ...reward })),
      goal:
        program.goal === undefined
          ? null
          : {
              min_attainment: program.goal.min_attainment ?? null,
              max_attainment: program.goal.max_attainment ?? null,
              target: rows[0]?.target ?? null,
            },
      promotions: upcomingPromotions(program, asOf).map((promotion) => ({
        ...promotion,
        products: { ...program.promotions?.find((p) => p.id === promotion.id)?.products },
      })),
      payout_due_days: program.payout_due_days ?? null,
    });
  }
  return programs;
}
