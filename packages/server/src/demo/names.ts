import type { DemoRandom } from './random.ts';

/**
 * Plausible people and company names per language and country, so that the portal demo and
 * the imports meet accents, apostrophes and commas as real partner data has them.
 */
interface NamePool {
  first: readonly string[];
  last: readonly string[];
}

const POOLS: Record<string, NamePool> = {
  de: {
    first: [
      'Anna',
      'Lukas',
      'Sophie',
      'Jonas',
      'Marie',
      'Felix',
      'Lena',
      'Maximilian',
      'Jana',
      'Tobias',
      'Sabine',
      'Jürgen',
    ],
    last: [
      'Müller',
      'Schmidt',
      'Schneider',
      'Fischer',
      'Weber',
      'Meyer',
      'Wagner',
      'Becker',
      'Hoffmann',
      'Schäfer',
      'Koch',
      'Huber',
    ],
  },
  sv: {
    first: ['Anna', 'Erik', 'Maja', 'Lars', 'Elsa', 'Karl', 'Ingrid', 'Johan', 'Sofia', 'Oskar', 'Åsa', 'Björn'],
    last: [
      'Andersson',
      'Johansson',
      'Karlsson',
      'Nilsson',
      'Eriksson',
      'Larsson',
      'Lindqvist',
      'Berg',
      'Lindström',
      'Öberg',
    ],
  },
  en: {
    first: [
      'Oliver',
      'Amelia',
      'James',
      'Olivia',
      'Harry',
      'Emily',
      'George',
      'Grace',
      'Liam',
      'Aoife',
      'Thandiwe',
      'Sipho',
    ],
    last: [
      'Smith',
      'Jones',
      'Taylor',
      'Brown',
      'Williams',
      'Wilson',
      'Evans',
      "O'Brien",
      'Murphy',
      'Walsh',
      'Naidoo',
      'Botha',
    ],
  },
  fr: {
    first: ['Camille', 'Louis', 'Léa', 'Hugo', 'Chloé', 'Jules', 'Manon', 'Théo', 'Élodie', 'Nicolas'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Petit', 'Durand', 'Leroy', 'Lefèvre', 'Moreau'],
  },
  nl: {
    first: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Sanne', 'Bram', 'Fleur', 'Pieter', 'Anouk'],
    last: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Peeters', 'Maes', 'Janssens'],
  },
  it: {
    first: ['Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Matteo', 'Sara', 'Alessandro', 'Elena', 'Davide'],
    last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Greco', 'Conti'],
  },
  es: {
    first: ['Lucía', 'Hugo', 'Martina', 'Pablo', 'Sofía', 'Álvaro', 'Carmen', 'Javier', 'Paula', 'Diego'],
    last: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz'],
  },
  pt: {
    first: ['Beatriz', 'João', 'Mariana', 'Tiago', 'Inês', 'Rui', 'Catarina', 'Miguel'],
    last: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Gonçalves'],
  },
  pl: {
    first: ['Anna', 'Piotr', 'Katarzyna', 'Tomasz', 'Magdalena', 'Paweł', 'Agnieszka', 'Łukasz'],
    last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński'],
  },
  da: {
    first: ['Freja', 'Mads', 'Ida', 'Rasmus', 'Sofie', 'Søren', 'Mette', 'Anders'],
    last: ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Sørensen', 'Rasmussen'],
  },
  nb: {
    first: ['Nora', 'Jakob', 'Ingrid', 'Emil', 'Sigrid', 'Henrik', 'Kari', 'Ola'],
    last: ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Berg', 'Haugen', 'Dahl'],
  },
  fi: {
    first: ['Aino', 'Eetu', 'Helmi', 'Mikko', 'Sanna', 'Juha', 'Venla', 'Ville'],
    last: ['Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen'],
  },
  cs: {
    first: ['Jan', 'Tereza', 'Petr', 'Eliška', 'Tomáš', 'Lucie', 'Jiří', 'Kateřina'],
    last: ['Novák', 'Svoboda', 'Novotný', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý'],
  },
  tr: {
    first: ['Elif', 'Mehmet', 'Zeynep', 'Mustafa', 'Ayşe', 'Emre', 'Defne', 'Can'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Aydın', 'Öztürk'],
  },
  ar: {
    first: ['Omar', 'Fatima', 'Ahmed', 'Layla', 'Youssef', 'Mariam', 'Khalid', 'Noor'],
    last: ['Al-Sayed', 'Haddad', 'Mansour', 'Khalil', 'Nasser', 'Farouk', 'Hassan', 'Saleh'],
  },
};

/** Languages without a pool of their own borrow a neighbour's names. */
const FALLBACK: Record<string, string> = {
  sk: 'cs',
  hu: 'cs',
  ro: 'it',
  bg: 'cs',
  hr: 'cs',
  sl: 'cs',
  sr: 'cs',
  et: 'fi',
  lv: 'fi',
  lt: 'pl',
  el: 'it',
  he: 'en',
  is: 'nb',
};

/** Legal-form suffixes and trade words per country, for reseller and distributor names. */
const COMPANY_STYLE: Record<string, { suffixes: readonly string[]; words: readonly string[] }> = {
  DE: {
    suffixes: ['GmbH', 'GmbH & Co. KG', 'AG', 'e.K.'],
    words: ['Systemhaus', 'Datentechnik', 'IT-Service', 'Computer'],
  },
  AT: { suffixes: ['GmbH', 'KG', 'OG'], words: ['EDV', 'Systemhaus', 'IT-Lösungen', 'Computer'] },
  CH: { suffixes: ['AG', 'GmbH', 'SA'], words: ['Informatik', 'IT-Services', 'Systemtechnik', 'Computer'] },
  SE: { suffixes: ['AB'], words: ['Data', 'IT-Partner', 'Systemteknik', 'Datakonsult'] },
  NO: { suffixes: ['AS'], words: ['Data', 'IT', 'Systemer'] },
  DK: { suffixes: ['A/S', 'ApS'], words: ['Data', 'IT', 'Systemhus'] },
  FI: { suffixes: ['Oy'], words: ['Data', 'IT-Palvelut', 'Tietotekniikka'] },
  GB: { suffixes: ['Ltd', 'plc', 'LLP'], words: ['IT Solutions', 'Computing', 'Systems', 'Technology'] },
  IE: { suffixes: ['Ltd', 'DAC'], words: ['IT Solutions', 'Computing', 'Systems'] },
  FR: { suffixes: ['SARL', 'SAS', 'SA'], words: ['Informatique', 'Systèmes', 'Solutions IT'] },
  BE: { suffixes: ['BV', 'SRL', 'NV'], words: ['ICT', 'Informatique', 'Systems'] },
  NL: { suffixes: ['B.V.'], words: ['ICT', 'Automatisering', 'IT Groep'] },
  LU: { suffixes: ['S.à r.l.', 'SA'], words: ['Informatique', 'IT Services'] },
  IT: { suffixes: ['S.r.l.', 'S.p.A.'], words: ['Informatica', 'Sistemi', 'Tecnologie'] },
  ES: { suffixes: ['S.L.', 'S.A.'], words: ['Informática', 'Sistemas', 'Soluciones TI'] },
  PT: { suffixes: ['Lda.', 'S.A.'], words: ['Informática', 'Sistemas'] },
  PL: { suffixes: ['Sp. z o.o.', 'S.A.'], words: ['Informatyka', 'Systemy IT', 'Komputery'] },
  CZ: { suffixes: ['s.r.o.', 'a.s.'], words: ['Informatika', 'IT Systémy'] },
  SK: { suffixes: ['s.r.o.'], words: ['Informatika', 'IT Systémy'] },
};
const DEFAULT_STYLE = { suffixes: ['Ltd'], words: ['IT Solutions', 'Systems', 'Computing', 'Technology'] };

export interface PersonName {
  first: string;
  last: string;
}

export function personName(random: DemoRandom, language: string): PersonName {
  const pool = POOLS[language] ?? POOLS[FALLBACK[language] ?? 'en']!;
  return { first: random.pick(pool.first), last: random.pick(pool.last) };
}

export function companyName(random: DemoRandom, country: string, language: string, distributor: boolean): string {
  const style = COMPANY_STYLE[country] ?? DEFAULT_STYLE;
  const founder = personName(random, language).last;
  const suffix = random.pick(style.suffixes);
  if (distributor) return `${founder} Distribution ${suffix}`;
  // A few partnerships carry a comma in their name, as real ones do ("Smith, Jones & Partners").
  if (random.chance(30)) return `${founder}, ${personName(random, language).last} & Partner ${suffix}`;
  return `${founder} ${random.pick(style.words)} ${suffix}`;
}

/** Lower-case ASCII for e-mail addresses: accents dropped, letters such as ø and ß spelled out. */
export function emailPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[łŁ]/g, 'l')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
