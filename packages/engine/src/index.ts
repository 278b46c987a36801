/**
 * @spur/engine: the pure calculation core. Programs (schema, parsing), periods, exact money,
 * the aggregates a program needs, a streaming aggregator for sell-out lines, and `price`.
 * No I/O, no clock, no database.
 */
export { type AggregateSpec, aggregateSpec, type SellOutFact } from './aggregates.ts';
export {
  AMOUNT_SCALE,
  type CsvLayout,
  type LineOutcome,
  SellOutAggregator,
  type SellOutLine,
  SellOutValueError,
} from './aggregator.ts';
export { addDays, dayNumber, isoDate, isValidIsoDate } from './dates.ts';
export { Decimal, dec, type RoundingMode } from './decimal.ts';
export { type EarningJson, earningToJson } from './earning-json.ts';
export { EngineError, type EngineErrorCode } from './errors.ts';
export { type Explanation, type ExplanationStep, renderExplanation } from './explanation.ts';
export {
  type Goal,
  indexMasterData,
  type MasterData,
  type MasterIndex,
  type Partner,
  type Product,
  type User,
} from './master-data.ts';
export { type FxRate, FxTable, formatAmount, isCashUnit, isZeroAmount, minorUnits, roundEarning } from './money.ts';
export {
  type Period,
  type PeriodKind,
  type PeriodSchedule,
  parsePeriod,
  periodOf,
  periodsOf,
  scheduleOf,
} from './periods.ts';
export { type Earning, type PricingResult, price, revenueCurrencyOf } from './price.ts';
export type { ProductLevel } from './products.ts';
export {
  formatPath,
  type Program,
  ProgramError,
  type ProgramIssue,
  parseProgram,
  programJsonSchema,
  programSchema,
  type Reward,
  validateProgram,
} from './program-schema.ts';
export { type SnakeKeys, snakeKeys } from './snake-keys.ts';
export {
  type GateProgress,
  type NextUnitValue,
  type SharedBudget,
  type WhatIf,
  type WhatIfBudget,
  type WhatIfParticipant,
  whatIf,
} from './what-if.ts';
