import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { isValidIsoDate } from './dates.ts';
import { Decimal } from './decimal.ts';
import { EngineError } from './errors.ts';

const DECIMAL_TEXT = /^[+-]?\d+(\.\d+)?$/;

/** A decimal written as a string (`"0.028"`) or a plain YAML number; kept as its exact text. */
const decimal = z
  .union([z.string(), z.number()])
  .transform((value, context) => {
    const text = typeof value === 'number' ? String(value) : value.trim();
    if (!DECIMAL_TEXT.test(text)) {
      context.addIssue({
        code: 'custom',
        message: `"${value}" is not a decimal number (write it like 1500 or "0.028")`,
      });
      return z.NEVER;
    }
    return text;
  })
  .meta({ description: 'An exact decimal, e.g. 1500, 2.8 or "0.028"' });

const nonNegativeDecimal = decimal.refine((text) => !text.startsWith('-'), 'must not be negative');
const positiveDecimal = decimal.refine((text) => Decimal.parse(text).isPositive(), 'must be greater than 0');

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value, context) => {
    // YAML turns an unquoted 2026-01-01 into a Date; take its calendar day back.
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    if (!isValidIsoDate(text)) {
      context.addIssue({ code: 'custom', message: `"${text}" is not an ISO date (YYYY-MM-DD)` });
      return z.NEVER;
    }
    return text;
  })
  .meta({ description: 'An ISO date, YYYY-MM-DD' });

const identifier = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _');

const productFilter = z
  .strictObject({
    skus: z.array(z.string().min(1)).optional(),
    families: z.array(z.string().min(1)).optional(),
    categories: z.array(z.string().min(1)).optional(),
  })
  .meta({ description: 'Products a rule covers: a line matches when its SKU, family or category is listed' });

const perUnitReward = z.strictObject({
  type: z.literal('per_unit'),
  by: z.enum(['sku', 'family', 'category']),
  amounts: z
    .record(z.string().min(1), decimal)
    .refine((amounts) => Object.keys(amounts).length > 0, 'list at least one'),
});

const percentOfRevenueReward = z.strictObject({
  type: z.literal('percent_of_revenue'),
  percent: decimal,
  products: productFilter.optional(),
});

const tier = z.strictObject({
  from: nonNegativeDecimal,
  to: nonNegativeDecimal.optional(),
  percent: decimal.optional().meta({ description: 'Rate of a revenue measure, in percent' }),
  per_unit: decimal.optional().meta({ description: 'Amount per unit of a units measure' }),
});

const tiersReward = z.strictObject({
  type: z.literal('tiers'),
  mode: z.enum(['marginal', 'retroactive']),
  threshold: nonNegativeDecimal.optional().meta({ description: 'No reward while the measure is below this' }),
  cap: nonNegativeDecimal.optional().meta({ description: 'The reward of this table never exceeds this' }),
  tiers: z.array(tier).min(1),
});

const targetBonusReward = z.strictObject({
  type: z.literal('target_bonus'),
  amount: decimal,
  measure_at_least: nonNegativeDecimal.optional(),
  attainment_at_least: nonNegativeDecimal.optional().meta({ description: 'In percent of the goal' }),
});

const reward = z.discriminatedUnion('type', [perUnitReward, percentOfRevenueReward, tiersReward, targetBonusReward]);

const periodKind = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('month') }),
  z.strictObject({ type: z.literal('quarter') }),
  z.strictObject({ type: z.literal('week') }),
  z.strictObject({ type: z.literal('days'), days: z.number().int().min(1).max(366) }),
]);

const programObject = z.strictObject({
  id: identifier,
  name: z.string().min(1),
  description: z.string().optional(),
  unit: z
    .string()
    .regex(/^([A-Z]{3}|points|credits)$/, 'use an ISO 4217 currency code (EUR, SEK), points or credits')
    .meta({ description: 'What the program pays in: a cash currency, points, or credits' }),
  revenue_currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'use an ISO 4217 currency code')
    .optional()
    .meta({ description: 'Currency revenue is measured in; default: the unit if cash, else EUR' }),
  start: isoDate,
  end: isoDate.optional(),
  period: periodKind,
  participants: z.enum(['partners', 'reps']).meta({
    description:
      'partners: the line’s reseller earns; reps: the rep on the line earns when it belongs to the line’s reseller, otherwise the reseller',
  }),
  eligibility: z
    .strictObject({
      partner_types: z.array(z.enum(['reseller', 'distributor'])).optional(),
      levels: z.array(z.string().min(1)).optional(),
      countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'use ISO 3166-1 alpha-2')).optional(),
      clusters: z.array(z.string().min(1)).optional(),
      user_groups: z.array(z.string().min(1)).optional(),
      exclude_flags: z.array(z.enum(['individual_agreement'])).optional(),
    })
    .default({}),
  measure: z.strictObject({
    metric: z.enum(['units', 'revenue']),
    products: productFilter.optional(),
  }),
  rewards: z.array(reward).min(1),
  goal: z
    .strictObject({
      metric: z.enum(['units', 'revenue']),
      min_attainment: nonNegativeDecimal.optional().meta({ description: 'Percent; below it nothing is paid' }),
      max_attainment: positiveDecimal.optional().meta({
        description: 'Percent; above it the reward is scaled by (max × goal) / measure',
      }),
      accelerators: z
        .array(z.strictObject({ from_attainment: nonNegativeDecimal, multiplier: nonNegativeDecimal }))
        .optional(),
    })
    .optional(),
  promotions: z
    .array(
      z.strictObject({
        id: identifier,
        name: z.string().optional(),
        from: isoDate,
        to: isoDate,
        products: productFilter.optional(),
        multiplier: nonNegativeDecimal,
      }),
    )
    .optional(),
  shares: z
    .array(z.strictObject({ recipient: z.literal('reporting_distributor'), percent: nonNegativeDecimal }))
    .optional(),
  budget: z.strictObject({ amount: nonNegativeDecimal, policy: z.enum(['pro_rata', 'first_come', 'none']) }).optional(),
  participant_cap: nonNegativeDecimal.optional(),
  payout_due_days: z.number().int().min(0).optional(),
});

export type ProductFilter = z.infer<typeof productFilter>;
export type Reward = z.infer<typeof reward>;
export type PerUnitReward = z.infer<typeof perUnitReward>;
export type PercentOfRevenueReward = z.infer<typeof percentOfRevenueReward>;
export type TiersReward = z.infer<typeof tiersReward>;
export type TargetBonusReward = z.infer<typeof targetBonusReward>;
export type Tier = z.infer<typeof tier>;

function less(a: string, b: string): boolean {
  return Decimal.parse(a).lt(Decimal.parse(b));
}

type Goal = NonNullable<z.output<typeof programObject>['goal']>;
type Promotion = NonNullable<z.output<typeof programObject>['promotions']>[number];

/** A part of the program that is well-formed on its own; undefined when it is not (checks needing it are skipped). */
type Part<T> = { value: T } | undefined;

/** The parts the cross-field rules read, each known only when its own shape is valid. */
interface ProgramParts {
  start: Part<string>;
  end: Part<string | undefined>;
  unit: Part<string>;
  revenueCurrency: Part<string | undefined>;
  payoutDueDays: Part<number | undefined>;
  metric: Part<'units' | 'revenue'>;
  rewards: Part<Reward>[];
  goal: Part<Goal | undefined>;
  promotions: Part<Promotion>[];
}

interface CrossFieldIssue {
  path: PropertyKey[];
  message: string;
}

function known<T>(value: T): Part<T> {
  return { value };
}

function partsOfProgram(program: z.output<typeof programObject>): ProgramParts {
  return {
    start: known(program.start),
    end: known(program.end),
    unit: known(program.unit),
    revenueCurrency: known(program.revenue_currency),
    payoutDueDays: known(program.payout_due_days),
    metric: known(program.measure.metric),
    rewards: program.rewards.map(known),
    goal: known(program.goal),
    promotions: (program.promotions ?? []).map(known),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What `partOf` needs of a schema: a safe parse (a structural type keeps zod's issue types intact). */
interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

function partOf<T>(schema: SafeParser<T>, value: unknown): Part<T> {
  const result = schema.safeParse(value);
  return result.success ? { value: result.data } : undefined;
}

function itemsOf<T>(schema: SafeParser<T>, value: unknown): Part<T>[] {
  return Array.isArray(value) ? value.map((item) => partOf(schema, item)) : [];
}

/** The parts of a document that failed the schema: each parsed on its own, so its cross-field rules still run. */
function partsOfDocument(document: Record<string, unknown>): ProgramParts {
  const shape = programObject.shape;
  return {
    start: partOf(shape.start, document.start),
    end: partOf(shape.end, document.end),
    unit: partOf(shape.unit, document.unit),
    revenueCurrency: partOf(shape.revenue_currency, document.revenue_currency),
    payoutDueDays: partOf(shape.payout_due_days, document.payout_due_days),
    metric: partOf(shape.measure.shape.metric, isRecord(document.measure) ? document.measure.metric : undefined),
    rewards: itemsOf(reward, document.rewards),
    goal: partOf(shape.goal, document.goal),
    promotions: itemsOf(shape.promotions.unwrap().element, document.promotions),
  };
}

const CASH_UNIT = /^[A-Z]{3}$/;

/** The rules that relate fields to each other, over the parts that are well-formed. */
function crossFieldIssues(parts: ProgramParts): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  const start = parts.start?.value;
  const end = parts.end?.value;
  if (start !== undefined && end !== undefined && end < start) {
    issues.push({ path: ['end'], message: 'must not be before start' });
  }
  const unit = parts.unit?.value;
  if (unit !== undefined && parts.revenueCurrency?.value !== undefined && CASH_UNIT.test(unit)) {
    issues.push({ path: ['revenue_currency'], message: 'only for points and credits programs' });
  }
  if (unit !== undefined && parts.payoutDueDays?.value !== undefined && !CASH_UNIT.test(unit)) {
    issues.push({ path: ['payout_due_days'], message: 'only cash programs have a payout due date' });
  }
  const metric = parts.metric?.value;
  parts.rewards.forEach((rulePart, index) => {
    const rule = rulePart?.value;
    if (rule?.type === 'tiers') {
      rule.tiers.forEach((step, tierIndex) => {
        const path = ['rewards', index, 'tiers', tierIndex];
        if (metric !== undefined) {
          const rateField = metric === 'revenue' ? 'percent' : 'per_unit';
          const otherField = rateField === 'percent' ? 'per_unit' : 'percent';
          if (step[rateField] === undefined) {
            issues.push({ path: [...path, rateField], message: `required: the measure is ${metric}` });
          }
          if (step[otherField] !== undefined) {
            issues.push({
              path: [...path, otherField],
              message: `not allowed: the measure is ${metric} (use ${rateField})`,
            });
          }
        }
        const previous = rule.tiers[tierIndex - 1];
        if (previous !== undefined && !less(previous.from, step.from)) {
          issues.push({ path: [...path, 'from'], message: "must be greater than the previous tier's from" });
        }
        if (
          previous !== undefined &&
          previous.to !== undefined &&
          !Decimal.parse(previous.to).eq(Decimal.parse(step.from))
        ) {
          issues.push({
            path: [...path, 'from'],
            message: `must equal the previous tier's to (${previous.to}): ranges are [from, to) without gaps`,
          });
        }
        if (step.to !== undefined && !less(step.from, step.to)) {
          issues.push({ path: [...path, 'to'], message: 'must be greater than from' });
        }
      });
    }
    if (rule?.type === 'target_bonus') {
      const conditions = [rule.measure_at_least, rule.attainment_at_least].filter((c) => c !== undefined).length;
      if (conditions !== 1) {
        issues.push({
          path: ['rewards', index],
          message: 'give exactly one of measure_at_least or attainment_at_least',
        });
      }
      // A malformed goal section is still a goal section: only a missing one is reported here.
      if (rule.attainment_at_least !== undefined && parts.goal !== undefined && parts.goal.value === undefined) {
        issues.push({ path: ['rewards', index, 'attainment_at_least'], message: 'needs a goal section' });
      }
    }
  });
  const goal = parts.goal?.value;
  if (goal !== undefined && metric !== undefined && goal.metric !== metric) {
    issues.push({
      path: ['goal', 'metric'],
      message: `must equal measure.metric (${metric}): attainment is the measure divided by the goal`,
    });
  }
  if (goal?.min_attainment !== undefined && goal.max_attainment !== undefined) {
    if (!less(goal.min_attainment, goal.max_attainment)) {
      issues.push({ path: ['goal', 'max_attainment'], message: 'must be greater than min_attainment' });
    }
  }
  goal?.accelerators?.forEach((band, index) => {
    const previous = goal.accelerators?.[index - 1];
    if (previous !== undefined && !less(previous.from_attainment, band.from_attainment)) {
      issues.push({
        path: ['goal', 'accelerators', index, 'from_attainment'],
        message: "must be greater than the previous band's from_attainment",
      });
    }
  });
  const promotionIds = new Set<string>();
  parts.promotions.forEach((promotionPart, index) => {
    const promotion = promotionPart?.value;
    if (promotion === undefined) return;
    if (promotion.to < promotion.from) {
      issues.push({ path: ['promotions', index, 'to'], message: 'must not be before from' });
    }
    if (promotionIds.has(promotion.id)) {
      issues.push({ path: ['promotions', index, 'id'], message: `duplicate id "${promotion.id}"` });
    }
    promotionIds.add(promotion.id);
  });
  return issues;
}

/** The program schema: shapes plus the rules that relate fields to each other. */
export const programSchema = programObject.superRefine((program, context) => {
  for (const issue of crossFieldIssues(partsOfProgram(program))) {
    context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});

export type Program = z.output<typeof programSchema>;

/** One reason a program is invalid: `rewards[0].tiers[1].from: must be greater than …`. */
export interface ProgramIssue {
  path: string;
  message: string;
}

export class ProgramError extends EngineError {
  readonly issues: ProgramIssue[];
  constructor(issues: ProgramIssue[]) {
    super('invalid_program', issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
    this.issues = issues;
  }
}

/** `['rewards', 0, 'tiers', 1, 'from']` → `rewards[0].tiers[1].from`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(program)' : text;
}

/** Validates an already-parsed document (from JSON, YAML or the database). */
export function validateProgram(document: unknown): Program {
  const result = programSchema.safeParse(document);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  // Zod skips the cross-field rules once a shape error exists; run them on the well-formed parts.
  if (isRecord(document)) {
    const reported = new Set(issues.map((issue) => `${issue.path}\n${issue.message}`));
    for (const issue of crossFieldIssues(partsOfDocument(document))) {
      const found = { path: formatPath(issue.path), message: issue.message };
      if (!reported.has(`${found.path}\n${found.message}`)) issues.push(found);
    }
  }
  throw new ProgramError(issues);
}

/** Parses a YAML or JSON program text; errors name the path (or line and column for syntax). */
export function parseProgram(text: string): Program {
  let document: unknown;
  try {
    document = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const position = error.linePos?.[0];
      const where = position ? `line ${position.line}, column ${position.col}` : '(document)';
      throw new ProgramError([{ path: where, message: error.message.split('\n')[0] ?? error.message }]);
    }
    throw error;
  }
  return validateProgram(document);
}

/** The JSON Schema of a program document, for editors. */
export function programJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(programObject, {
    io: 'input',
    unrepresentable: 'any',
    override: (context) => {
      // YAML parses an unquoted date into a Date; in JSON Schema terms it is a date string.
      if (context.zodSchema._zod.def.type === 'date')
        Object.assign(context.jsonSchema, { type: 'string', format: 'date' });
    },
  }) as Record<string, unknown>;
}
