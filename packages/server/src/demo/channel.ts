import { REFERENCE_COUNTRIES, type ReferenceCountry } from '../masterdata/reference-data.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { companyName, emailPart, personName } from './names.ts';
import { DemoRandom } from './random.ts';

/**
 * The partners and people of the demo channel: about 40 distributors, 2,000 resellers and
 * 8,000 reps across the 38 reference countries. Depends only on the seed, not on the number of
 * sell-out lines, so datasets of different sizes share their master data.
 */
export type PartnerLevel = 'registered' | 'silver' | 'gold' | 'platinum';

export interface DemoPartner {
  partnerId: string;
  name: string;
  type: 'distributor' | 'reseller';
  country: ReferenceCountry;
  /** '' for a distributor: levels grade resellers. */
  level: PartnerLevel | '';
  /** Preferred distributor of a reseller; '' for a distributor. */
  distributorId: string;
  individualAgreement: boolean;
  /** Relative share of the sell-out lines (resellers only), a whole number. */
  volumeWeight: number;
}

export interface DemoReseller extends DemoPartner {
  level: PartnerLevel;
}

export interface DemoUser {
  userId: string;
  /** '' for vendor staff. */
  partnerId: string;
  email: string;
  name: string;
  language: string;
  groups: readonly string[];
}

export interface DemoChannel {
  distributors: DemoPartner[];
  resellers: DemoReseller[];
  users: DemoUser[];
  /** Distributors that sell into a country (its own and the regional hub serving it). */
  distributorsByCountry: Map<string, DemoPartner[]>;
  /** User ids of the reps of each reseller. */
  repsByReseller: Map<string, string[]>;
}

/** Market size per country: resellers in the country. Sums to about 2,000. */
const RESELLERS_PER_COUNTRY: Record<string, number> = {
  DE: 300,
  GB: 230,
  FR: 200,
  IT: 140,
  ES: 110,
  NL: 80,
  PL: 80,
  SE: 70,
  CH: 60,
  TR: 60,
  AT: 50,
  BE: 50,
  DK: 40,
  NO: 40,
  CZ: 40,
  ZA: 40,
  FI: 35,
  AE: 35,
  PT: 35,
  IL: 30,
  IE: 30,
  GR: 30,
  HU: 30,
  RO: 30,
  SA: 25,
  EG: 20,
  SK: 15,
  BG: 15,
  HR: 12,
  SI: 12,
  RS: 12,
  LT: 10,
  LV: 8,
  EE: 8,
  LU: 8,
  CY: 6,
  MT: 5,
  IS: 5,
};

/** Distributors per country; about 40 in all. */
const DISTRIBUTORS_PER_COUNTRY: Record<string, number> = {
  DE: 4,
  GB: 3,
  FR: 3,
  IT: 2,
  ES: 2,
  NL: 2,
  SE: 2,
  PL: 2,
  CH: 1,
  AT: 1,
  BE: 1,
  DK: 1,
  NO: 1,
  FI: 1,
  CZ: 1,
  HU: 1,
  RO: 1,
  PT: 1,
  GR: 1,
  IE: 1,
  TR: 1,
  AE: 1,
  ZA: 1,
  IL: 1,
  LT: 1,
  HR: 1,
};

/** Countries without a distributor of their own buy from a regional hub in a neighbour country. */
const SERVED_FROM: Record<string, string> = {
  LU: 'BE',
  IS: 'DK',
  SK: 'CZ',
  BG: 'RO',
  CY: 'GR',
  MT: 'IT',
  SA: 'AE',
  EG: 'AE',
  EE: 'LT',
  LV: 'LT',
  SI: 'HR',
  RS: 'HR',
};

const DACH = new Set(['DE', 'AT', 'CH']);

/**
 * Resellers whose profile every seed keeps, so the demos always find them: the demo accounts'
 * resellers (R-DE-0001 gold, R-SE-0001 silver), and in each DACH country a gold and a platinum
 * reseller without and a gold one with an individual agreement (excluded from 10hoch4).
 */
const FIXED_RESELLERS: Record<string, { level: PartnerLevel; individualAgreement: boolean }> = {
  'SE-1': { level: 'silver', individualAgreement: false },
  'DE-1': { level: 'gold', individualAgreement: false },
  'DE-2': { level: 'platinum', individualAgreement: false },
  'DE-3': { level: 'gold', individualAgreement: true },
  'AT-1': { level: 'gold', individualAgreement: false },
  'AT-2': { level: 'platinum', individualAgreement: false },
  'AT-3': { level: 'gold', individualAgreement: true },
  'CH-1': { level: 'gold', individualAgreement: false },
  'CH-2': { level: 'platinum', individualAgreement: false },
  'CH-3': { level: 'gold', individualAgreement: true },
};

/** Level mix in permille (registered, silver, gold, platinum); DACH has more gold and platinum partners. */
const LEVEL_MIX: Record<'dach' | 'other', readonly number[]> = {
  dach: [420, 300, 200, 80],
  other: [500, 310, 140, 50],
};
const LEVELS: readonly PartnerLevel[] = ['registered', 'silver', 'gold', 'platinum'];

/** Reps per reseller by level [min, max], and sell-out weight by level [min, max]. */
const REPS_BY_LEVEL: Record<PartnerLevel, readonly [number, number]> = {
  registered: [1, 2],
  silver: [2, 5],
  gold: [6, 12],
  platinum: [10, 18],
};
const VOLUME_BY_LEVEL: Record<PartnerLevel, readonly [number, number]> = {
  registered: [1, 3],
  silver: [3, 8],
  gold: [10, 25],
  platinum: [30, 60],
};

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function drawLevel(random: DemoRandom, country: string): PartnerLevel {
  const mix = LEVEL_MIX[DACH.has(country) ? 'dach' : 'other'];
  let roll = random.below(1000);
  for (let index = 0; index < LEVELS.length; index++) {
    roll -= mix[index]!;
    if (roll < 0) return LEVELS[index]!;
  }
  return 'registered';
}

export function buildChannel(seed: number): DemoChannel {
  const random = new DemoRandom(seed).fork(1);
  const distributors: DemoPartner[] = [];
  const resellers: DemoReseller[] = [];
  const ownDistributors = new Map<string, DemoPartner[]>();

  for (const country of REFERENCE_COUNTRIES) {
    const count = DISTRIBUTORS_PER_COUNTRY[country.code] ?? 0;
    const list: DemoPartner[] = [];
    for (let number = 1; number <= count; number++) {
      const distributor: DemoPartner = {
        partnerId: `D-${country.code}-${pad(number, 2)}`,
        name: companyName(random, country.code, country.language, true),
        type: 'distributor',
        country,
        level: '',
        distributorId: '',
        individualAgreement: false,
        volumeWeight: 0,
      };
      list.push(distributor);
      distributors.push(distributor);
    }
    ownDistributors.set(country.code, list);
  }

  const distributorsByCountry = new Map<string, DemoPartner[]>();
  for (const country of REFERENCE_COUNTRIES) {
    const own = ownDistributors.get(country.code) ?? [];
    const hub = SERVED_FROM[country.code];
    const serving = own.length > 0 ? own : (ownDistributors.get(hub ?? '') ?? []);
    if (serving.length === 0) throw new Error(`demo channel: no distributor serves ${country.code}`);
    distributorsByCountry.set(country.code, serving);
  }

  for (const country of REFERENCE_COUNTRIES) {
    const count = RESELLERS_PER_COUNTRY[country.code] ?? 0;
    const serving = distributorsByCountry.get(country.code)!;
    for (let number = 1; number <= count; number++) {
      const drawnLevel = drawLevel(random, country.code);
      const drawnAgreement = random.below(1000);
      const fixed = FIXED_RESELLERS[`${country.code}-${number}`];
      const level = fixed?.level ?? drawnLevel;
      const premium = level === 'gold' || level === 'platinum';
      const individualAgreement =
        fixed?.individualAgreement ?? (DACH.has(country.code) && drawnAgreement < (premium ? 150 : 30));
      const [minVolume, maxVolume] = VOLUME_BY_LEVEL[level];
      resellers.push({
        partnerId: `R-${country.code}-${pad(number, 4)}`,
        name: companyName(random, country.code, country.language, false),
        type: 'reseller',
        country,
        level,
        distributorId: random.pick(serving).partnerId,
        individualAgreement,
        volumeWeight: random.between(minVolume, maxVolume),
      });
    }
  }

  const users: DemoUser[] = [];
  const repsByReseller = new Map<string, string[]>();
  const usedEmails = new Set<string>(DEMO_ACCOUNTS.map((account) => account.email));
  let userNumber = 0;
  const addUser = (partner: DemoPartner, groups: readonly string[]): DemoUser => {
    userNumber++;
    const person = personName(random, partner.country.language);
    const domain = `${partner.partnerId.toLowerCase()}.demo.example`;
    let email = `${emailPart(person.first)}.${emailPart(person.last)}@${domain}`;
    if (usedEmails.has(email)) email = `${emailPart(person.first)}.${emailPart(person.last)}.${userNumber}@${domain}`;
    usedEmails.add(email);
    const user: DemoUser = {
      userId: `U-${pad(userNumber, 6)}`,
      partnerId: partner.partnerId,
      email,
      name: `${person.first} ${person.last}`,
      language: partner.country.language,
      groups,
    };
    users.push(user);
    return user;
  };

  for (const distributor of distributors) {
    addUser(distributor, ['distributor-admins']);
    addUser(distributor, ['distributor-reps']);
    addUser(distributor, ['distributor-reps']);
  }
  for (const reseller of resellers) {
    addUser(reseller, ['reseller-admins']);
    const [minReps, maxReps] = REPS_BY_LEVEL[reseller.level];
    const reps: string[] = [];
    const repCount = random.between(minReps, maxReps);
    for (let index = 0; index < repCount; index++) {
      // Some reps specialise; programs can address them by user group.
      const specialty = random.below(10);
      const groups =
        specialty === 0
          ? ['sales-reps', 'server-specialists']
          : specialty === 1
            ? ['sales-reps', 'storage-specialists']
            : ['sales-reps'];
      reps.push(addUser(reseller, groups).userId);
    }
    repsByReseller.set(reseller.partnerId, reps);
  }

  for (const account of DEMO_ACCOUNTS) {
    const { userId, partnerId, email, name, language, groups } = account;
    const user: DemoUser = { userId, partnerId, email, name, language, groups };
    users.push(user);
    if (account.groups.includes('sales-reps')) repsByReseller.get(account.partnerId)?.push(account.userId);
  }

  return { distributors, resellers, users, distributorsByCountry, repsByReseller };
}
