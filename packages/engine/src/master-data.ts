import type { FxRate } from './money.ts';

/** Master data as plain values; callers load it from CSV files or the database. */
export interface Partner {
  id: string;
  type: 'distributor' | 'reseller';
  country: string;
  level: string;
  /** Preferred distributor of a reseller; null for distributors. */
  distributorId: string | null;
  individualAgreement: boolean;
}

export interface User {
  id: string;
  /** The partner the user works for; null for vendor staff. */
  partnerId: string | null;
  groups: readonly string[];
}

export interface Product {
  sku: string;
  family: string;
  category: string;
}

export interface Goal {
  programId: string;
  participantId: string;
  /** First day of the period the goal is for. */
  periodStart: string;
  metric: 'units' | 'revenue';
  target: string;
}

export interface MasterData {
  partners: readonly Partner[];
  users: readonly User[];
  products: readonly Product[];
  /** Country code → the clusters it belongs to (a country may be in several). */
  countryClusters: Readonly<Record<string, readonly string[]>>;
  fxRates: readonly FxRate[];
  goals: readonly Goal[];
}

/** Lookups built once per master data object (the engine never mutates what it was given). */
export interface MasterIndex {
  partners: ReadonlyMap<string, Partner>;
  users: ReadonlyMap<string, User>;
  products: ReadonlyMap<string, Product>;
  countryClusters: Readonly<Record<string, readonly string[]>>;
  fxRates: readonly FxRate[];
  /** `programId|participantId|periodStart` → goal. */
  goals: ReadonlyMap<string, Goal>;
}

const indexes = new WeakMap<MasterData, MasterIndex>();

export function goalKey(programId: string, participantId: string, periodStart: string): string {
  return `${programId}|${participantId}|${periodStart}`;
}

export function indexMasterData(data: MasterData): MasterIndex {
  const cached = indexes.get(data);
  if (cached) return cached;
  const index: MasterIndex = {
    partners: new Map(data.partners.map((partner) => [partner.id, partner])),
    users: new Map(data.users.map((user) => [user.id, user])),
    products: new Map(data.products.map((product) => [product.sku, product])),
    countryClusters: data.countryClusters,
    fxRates: data.fxRates,
    goals: new Map(data.goals.map((goal) => [goalKey(goal.programId, goal.participantId, goal.periodStart), goal])),
  };
  indexes.set(data, index);
  return index;
}
