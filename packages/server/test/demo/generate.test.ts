import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/accounts.ts';
import { cashpaqPeriodStarts } from '../../src/demo/calendar.ts';
import { CASHPAQ_SKUS, DEMO_PRODUCTS } from '../../src/demo/catalogue.ts';
import { DEMO_FILES, generateDemoDataset } from '../../src/demo/generate.ts';
import { REFERENCE_COUNTRIES } from '../../src/masterdata/reference-data.ts';

type Row = Record<string, string>;

const LINES = 40_000;
let root: string;
let data: Record<string, Row[]>;
let header: Record<string, string>;

async function readCsv(dir: string, file: string): Promise<Row[]> {
  return parse(await readFile(join(dir, file), 'utf8'), { columns: true, skip_empty_lines: false });
}

/** A digest instead of the bytes: comparing megabytes element by element in expect() is slow. */
async function digest(dir: string, file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(join(dir, file)))
    .digest('hex');
}

function count<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.reduce((sum, item) => sum + (predicate(item) ? 1 : 0), 0);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'spur-demo-test-'));
  await generateDemoDataset({ lines: LINES, seed: 7, outDir: join(root, 'a') });
  data = {};
  header = {};
  for (const file of DEMO_FILES) {
    data[file] = await readCsv(join(root, 'a'), file);
    header[file] = (await readFile(join(root, 'a', file), 'utf8')).split('\n', 1)[0]!;
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('spur demo generate', () => {
  it('writes every canonical file with exactly the columns of the import formats', () => {
    expect(header).toEqual({
      'partners.csv': 'partner_id,name,type,country,level,distributor_id,individual_agreement',
      'users.csv': 'user_id,partner_id,email,name,language,groups',
      'products.csv': 'sku,name,family,category',
      'fx.csv': 'month,currency,eur_rate',
      'goals.csv': 'program_id,participant_id,period_start,metric,target',
      'sellout.csv': 'distributor_id,line_id,invoice_date,reseller_id,rep_id,sku,quantity,net_amount,currency',
    });
  });

  it('writes byte-identical files for the same seed and line count', async () => {
    const again = await generateDemoDataset({ lines: LINES, seed: 7, outDir: join(root, 'b') });
    expect(again.files['sellout.csv'].rows).toBe(LINES);
    for (const file of DEMO_FILES) {
      expect(await digest(join(root, 'b'), file), file).toBe(await digest(join(root, 'a'), file));
    }
  });

  it('writes different partners and sell-out for another seed', async () => {
    await generateDemoDataset({ lines: 1_000, seed: 8, outDir: join(root, 'c') });
    const other = await readCsv(join(root, 'c'), 'partners.csv');
    expect(other.map((p) => p.name)).not.toEqual(data['partners.csv']!.map((p) => p.name));
  });

  it('keeps the master data of a seed whatever the number of sell-out lines', async () => {
    await generateDemoDataset({ lines: 500, seed: 7, outDir: join(root, 'd') });
    for (const file of ['partners.csv', 'users.csv', 'products.csv', 'fx.csv']) {
      expect(await digest(join(root, 'd'), file), file).toBe(await digest(join(root, 'a'), file));
    }
  });

  it('models an EMEA channel of about 40 distributors, 2,000 resellers and 8,000 reps in the 38 countries', () => {
    const partners = data['partners.csv']!;
    const distributors = partners.filter((p) => p.type === 'distributor');
    const resellers = partners.filter((p) => p.type === 'reseller');
    expect(distributors.length).toBeGreaterThanOrEqual(35);
    expect(distributors.length).toBeLessThanOrEqual(45);
    expect(resellers.length).toBeGreaterThanOrEqual(1_900);
    expect(resellers.length).toBeLessThanOrEqual(2_100);
    const reps = count(data['users.csv']!, (u) => u.groups!.split(';').includes('sales-reps'));
    expect(reps).toBeGreaterThanOrEqual(7_400);
    expect(reps).toBeLessThanOrEqual(8_600);
    expect(new Set(resellers.map((p) => p.country))).toEqual(new Set(REFERENCE_COUNTRIES.map((c) => c.code)));
    expect(new Set(partners.map((p) => p.partner_id)).size).toBe(partners.length);
  });

  it('gives resellers the four levels, gold and platinum ones in DACH, and some DACH individual agreements', () => {
    const resellers = data['partners.csv']!.filter((p) => p.type === 'reseller');
    expect(new Set(resellers.map((p) => p.level))).toEqual(new Set(['registered', 'silver', 'gold', 'platinum']));
    for (const country of ['DE', 'AT', 'CH']) {
      for (const level of ['gold', 'platinum']) {
        expect(
          count(resellers, (p) => p.country === country && p.level === level),
          `${country} ${level}`,
        ).toBeGreaterThan(0);
      }
      expect(count(resellers, (p) => p.country === country && p.individual_agreement === 'true')).toBeGreaterThan(0);
    }
    expect(count(resellers, (p) => p.individual_agreement === 'true' && !['DE', 'AT', 'CH'].includes(p.country!))).toBe(
      0,
    );
    expect(new Set(data['partners.csv']!.map((p) => p.individual_agreement))).toEqual(new Set(['true', 'false']));
  });

  it('names a preferred distributor that exists for every reseller and none for distributors', () => {
    const partners = data['partners.csv']!;
    const distributorIds = new Set(partners.filter((p) => p.type === 'distributor').map((p) => p.partner_id));
    const wrong = partners.filter((partner) =>
      partner.type === 'reseller' ? !distributorIds.has(partner.distributor_id) : partner.distributor_id !== '',
    );
    expect(wrong).toEqual([]);
  });

  it('lists about 200 products in the six families, with the CashPaq servers', () => {
    const products = data['products.csv']!;
    expect(products.length).toBeGreaterThanOrEqual(180);
    expect(products.length).toBeLessThanOrEqual(220);
    expect(new Set(products.map((p) => p.family))).toEqual(
      new Set(['SERVER', 'STORAGE', 'NOTEBOOK', 'DESKTOP', 'NETWORKING', 'SOFTWARE']),
    );
    for (const sku of CASHPAQ_SKUS) expect(products.find((p) => p.sku === sku)?.family, sku).toBe('SERVER');
  });

  it('includes the documented demo accounts, and every user belongs to a known partner or the vendor', () => {
    const users = data['users.csv']!;
    const partnerIds = new Set(data['partners.csv']!.map((p) => p.partner_id));
    for (const account of DEMO_ACCOUNTS) {
      expect(users.find((u) => u.user_id === account.userId)?.email).toBe(account.email);
    }
    expect(users.filter((user) => user.partner_id !== '' && !partnerIds.has(user.partner_id))).toEqual([]);
    expect(new Set(users.map((u) => u.email!.toLowerCase())).size).toBe(users.length);
    expect(new Set(users.map((u) => u.user_id)).size).toBe(users.length);
  });

  it('writes the requested number of sell-out lines, all dated in 2026, in date order', () => {
    const lines = data['sellout.csv']!;
    expect(lines).toHaveLength(LINES);
    const dates = lines.map((line) => line.invoice_date!);
    expect(dates.every((date) => /^2026-\d{2}-\d{2}$/.test(date))).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates.map((date) => date.slice(0, 7))).size).toBe(12);
  });

  it('references only partners, products and users that exist in the other files', () => {
    const partners = new Map(data['partners.csv']!.map((p) => [p.partner_id!, p]));
    const skus = new Set(data['products.csv']!.map((p) => p.sku));
    const users = new Set(data['users.csv']!.map((u) => u.user_id));
    const dangling = data['sellout.csv']!.filter(
      (line) =>
        partners.get(line.distributor_id!)?.type !== 'distributor' ||
        partners.get(line.reseller_id!)?.type !== 'reseller' ||
        !skus.has(line.sku) ||
        (line.rep_id !== '' && !users.has(line.rep_id)),
    );
    expect(dangling).toEqual([]);
  });

  it('names a rep of the reseller on most lines, no rep on some and another reseller’s rep on a few', () => {
    const users = new Map(data['users.csv']!.map((u) => [u.user_id!, u]));
    const lines = data['sellout.csv']!;
    const own = count(lines, (l) => l.rep_id !== '' && users.get(l.rep_id!)!.partner_id === l.reseller_id);
    const none = count(lines, (l) => l.rep_id === '');
    const foreign = lines.length - own - none;
    expect(own / lines.length).toBeGreaterThan(0.7);
    expect(none / lines.length).toBeGreaterThan(0.1);
    expect(foreign / lines.length).toBeGreaterThan(0.02);
    expect(foreign / lines.length).toBeLessThan(0.1);
  });

  it('keeps line ids unique per distributor', () => {
    const keys = data['sellout.csv']!.map((l) => `${l.distributor_id}/${l.line_id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('invoices in the currency of the reseller’s country, with an FX rate for every non-EUR currency and month', () => {
    const currencyOf = new Map(REFERENCE_COUNTRIES.map((c) => [c.code, c.currency]));
    const countryOf = new Map(data['partners.csv']!.map((p) => [p.partner_id!, p.country!]));
    const rates = new Set(data['fx.csv']!.map((r) => `${r.month}/${r.currency}`));
    const used = new Set<string>();
    const wrong: Row[] = [];
    for (const line of data['sellout.csv']!) {
      const currency = line.currency!;
      if (currency !== currencyOf.get(countryOf.get(line.reseller_id!)!)) wrong.push(line);
      if (currency === 'EUR') continue;
      used.add(currency);
      if (!rates.has(`${line.invoice_date!.slice(0, 7)}/${currency}`)) wrong.push(line);
    }
    expect(wrong).toEqual([]);
    expect(used).toEqual(
      new Set([
        'SEK',
        'GBP',
        'CHF',
        'PLN',
        'CZK',
        'DKK',
        'NOK',
        'HUF',
        'RON',
        'TRY',
        'AED',
        'SAR',
        'ILS',
        'ZAR',
        'EGP',
        'RSD',
        'ISK',
      ]),
    );
    expect(data['fx.csv']!.filter((rate) => !/^\d+\.\d{6}$/.test(rate.eur_rate!))).toEqual([]);
    expect(data['fx.csv']).toHaveLength(17 * 12);
  });

  it('has 2–3 % returns, each with a negative quantity and a negative amount', () => {
    const lines = data['sellout.csv']!;
    const returns = lines.filter((l) => l.quantity!.startsWith('-'));
    expect(returns.length / lines.length).toBeGreaterThan(0.02);
    expect(returns.length / lines.length).toBeLessThan(0.03);
    const malformed = lines.filter(
      (line) =>
        !/^-?[1-9]\d*$/.test(line.quantity!) ||
        !/^-?\d+\.\d{2}$/.test(line.net_amount!) ||
        line.net_amount!.startsWith('-') !== line.quantity!.startsWith('-'),
    );
    expect(malformed).toEqual([]);
  });

  it('prices each line between 85 % and 100 % of the list price converted at the month’s rate', () => {
    const priceOf = new Map(DEMO_PRODUCTS.map((product) => [product.sku, BigInt(product.listPriceCents)]));
    const rate = new Map(
      data['fx.csv']!.map((r) => [`${r.month}/${r.currency}`, BigInt(r.eur_rate!.replace('.', ''))]),
    );
    const outside = data['sellout.csv']!.filter((line) => {
      const quantity = BigInt(line.quantity!);
      const units = quantity < 0n ? -quantity : quantity;
      const cents = BigInt(line.net_amount!.replace('.', '').replace('-', ''));
      const millionths =
        line.currency === 'EUR' ? 1_000_000n : rate.get(`${line.invoice_date!.slice(0, 7)}/${line.currency}`)!;
      // In EUR cent-millionths; one local cent of rounding per unit is allowed either way.
      const eur = cents * millionths;
      const list = priceOf.get(line.sku!)! * units * 1_000_000n;
      const slack = units * millionths;
      return eur > list + slack || (eur + slack) * 100n < list * 85n;
    });
    expect(outside).toEqual([]);
  });

  it('sets CashPaq unit goals for Swedish resellers for each 30-day period starting in 2026', () => {
    const starts = cashpaqPeriodStarts();
    expect(starts.slice(0, 3)).toEqual(['2026-01-01', '2026-01-31', '2026-03-02']);
    expect(starts).toHaveLength(13);
    const swedish = new Set(
      data['partners.csv']!.filter((p) => p.country === 'SE' && p.type === 'reseller').map((p) => p.partner_id),
    );
    const goals = data['goals.csv']!;
    expect(goals.length).toBeGreaterThan(swedish.size * 10);
    const invalid = goals.filter(
      (goal) =>
        goal.program_id !== 'cashpaq' ||
        goal.metric !== 'units' ||
        !swedish.has(goal.participant_id) ||
        !starts.includes(goal.period_start!) ||
        !/^[1-9]\d*$/.test(goal.target!),
    );
    expect(invalid).toEqual([]);
    expect(goals.filter((g) => g.participant_id === 'R-SE-0001').map((g) => g.period_start)).toEqual(starts);
  });

  it('sets goals below and above the units sold, so every CashPaq gate case appears', () => {
    const cashpaq = new Set(CASHPAQ_SKUS);
    const starts = cashpaqPeriodStarts();
    const periodOf = (date: string) => starts.filter((start) => start <= date).at(-1)!;
    const sold = new Map<string, bigint>();
    for (const line of data['sellout.csv']!) {
      if (!cashpaq.has(line.sku!) || !line.reseller_id!.startsWith('R-SE-')) continue;
      const key = `${line.reseller_id}/${periodOf(line.invoice_date!)}`;
      sold.set(key, (sold.get(key) ?? 0n) + BigInt(line.quantity!));
    }
    const cases = new Set<string>();
    for (const goal of data['goals.csv']!) {
      const units = sold.get(`${goal.participant_id}/${goal.period_start}`) ?? 0n;
      const target = BigInt(goal.target!);
      // Attainment = units / target; the gates are at 75 % and 125 %.
      cases.add(units * 100n < target * 75n ? 'below 75 %' : units * 100n > target * 125n ? 'above 125 %' : 'between');
    }
    expect(cases).toEqual(new Set(['below 75 %', 'between', 'above 125 %']));
  });

  it('rejects a negative line count and a seed out of range', async () => {
    await expect(generateDemoDataset({ lines: -1, outDir: join(root, 'e') })).rejects.toThrow(/lines -1/);
    await expect(generateDemoDataset({ lines: 1, seed: 2 ** 32, outDir: join(root, 'e') })).rejects.toThrow(/seed/);
  });
});
