import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  describeViolations,
  launchBrowser,
  printServerLogOnFailure,
  type SpurServer,
  screenshot,
  seriousAccessibilityViolations,
  signInApi,
  startSpur,
} from './harness.ts';

/**
 * A rep of the demo channel reads its statement down to the sell-out lines. The demo data, the
 * ChannelValue program and its first-quarter run are prepared with the CLI before the server
 * starts (the embedded database takes one process at a time).
 */
const rep = { email: 'rep@de-reseller.demo.example', password: 'spur-demo-2026' };
const swedishAdmin = { email: 'admin@se-reseller.demo.example', password: 'spur-demo-2026' };

let spur: SpurServer;
let url: string;
let browser: Browser;

beforeAll(async () => {
  spur = await startSpur({
    demoLines: 20000,
    prepare: async ({ dataDir, spur: cli }) => {
      // The demo rep's own sales of the quarter (a small demo spreads its lines over 8,000 reps).
      const report = join(dataDir, 'rep-report.csv');
      await writeFile(
        report,
        [
          'distributor_id,line_id,invoice_date,reseller_id,rep_id,sku,quantity,net_amount,currency',
          'D-DE-01,E2E-1,2026-02-12,R-DE-0001,demo-de-rep,SRV-DL380,3,19470.00,EUR',
          'D-DE-01,E2E-2,2026-03-10,R-DE-0001,demo-de-rep,STO-MSA1060,2,11800.00,EUR',
          'D-DE-01,E2E-3,2026-03-20,R-DE-0001,demo-de-rep,SRV-DL380,-1,-6490.00,EUR',
          '',
        ].join('\n'),
      );
      await cli(['import', 'sellout', '--distributor', 'D-DE-01', report]);
      for (const program of ['channelvalue', 'cashpaq']) {
        await cli(['program', 'apply', `examples/programs/${program}.yaml`]);
        await cli(['program', 'activate', program]);
      }
      await cli(['calc', '--program', 'channelvalue', '--period', '2026-Q1']);
    },
  });
  url = spur.url;
  browser = await launchBrowser();
}, 300_000);

/** Pages of the running test; a failed test's page is closed too, so it cannot act on the next test's storage. */
const opened: Page[] = [];

afterEach(async () => {
  for (const page of opened.splice(0)) if (!page.isClosed()) await page.close();
});

printServerLogOnFailure(() => spur);

afterAll(async () => {
  await browser?.close();
  await spur?.stop();
});

async function signedInRep(viewport?: { width: number; height: number }): Promise<Page> {
  return signedIn(rep, 'de', viewport);
}

async function signedIn(
  who: { email: string; password: string },
  language: string,
  viewport?: { width: number; height: number },
): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  opened.push(page);
  // The machine these run on is shared with other suites; a loaded machine is not a failure.
  page.setDefaultTimeout(20_000);
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(`${url}/sign-in`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email address').fill(who.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((address) => address.pathname === '/home');
  // The portal follows the language of the user's profile after sign-in.
  await page.waitForFunction((code) => document.documentElement.lang === code, language);
  return page;
}

describe('a sales rep of the demo channel (German profile)', () => {
  it('sees its ChannelValue points on its home page, with the chart of the last periods', async () => {
    const page = await signedInRep();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByTestId('current-channelvalue').waitFor();
    expect(await page.getByTestId('current-channelvalue').textContent()).toMatch(/\d.* Punkte$/);
    await page.locator('.recharts-surface').first().waitFor();
    await screenshot(page, 'partner-home');
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await page.close();
  });

  it('reads its statement down to the explanation and the sell-out lines behind the earning', async () => {
    const page = await signedInRep();
    await page.goto(`${url}/statement`);
    const earningLink = page.getByRole('link', { name: /Details zu ChannelValue, 2026-Q1/ });
    await earningLink.waitFor();
    await screenshot(page, 'partner-statement');
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await earningLink.click();
    await page.waitForURL('**/statement/channelvalue/2026-01-01');
    const amount = await page.getByTestId('earning-amount').textContent();
    expect(amount).toMatch(/Punkte$/);
    // The explanation's steps, then the postings, then the lines (the program counts families, so SKUs show).
    await page.getByRole('heading', { name: 'So wurde gerechnet' }).waitFor();
    await page.getByRole('heading', { name: 'Gemessen' }).waitFor();
    // The measure step lists the units per product (units_by_product of the API).
    const measured = page
      .locator('.mantine-Card-root')
      .filter({ has: page.getByRole('heading', { name: 'Gemessen' }) });
    expect(await measured.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('heading', { name: 'Buchungen' }).waitFor();
    const lines = page.getByTestId('statement-lines').locator('tbody tr');
    await lines.first().waitFor();
    expect(await lines.count()).toBeGreaterThanOrEqual(3);
    expect(await lines.first().textContent()).toMatch(/R-DE-0001/);
    // The return is marked as such (German: Retoure).
    await page.getByTestId('statement-lines').getByText('Retoure').first().waitFor();
    await screenshot(page, 'partner-earning-lines');
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await page.close();
  });

  it('reads the same earning on a phone screen', async () => {
    const page = await signedInRep({ width: 390, height: 844 });
    await page.goto(`${url}/statement/channelvalue/2026-01-01`);
    await page.getByTestId('statement-lines').locator('tbody tr').first().waitFor();
    await screenshot(page, 'partner-earning-phone');
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await page.close();
  });

  it('sees what it can still earn and the incentivized products in plain words', async () => {
    const page = await signedInRep();
    await page.goto(`${url}/earn`);
    await page.getByRole('heading', { level: 2, name: 'ChannelValue' }).waitFor();
    // Read from the what-if (snake_case on the wire): the earning so far and the next unit per family.
    await page
      .getByText(/^Bisher in dieser Periode verdient: /)
      .first()
      .waitFor();
    const nextUnit = page.getByRole('table', { name: 'Was jede weitere Einheit bringt' }).first();
    await nextUnit.getByRole('cell', { name: 'SERVER', exact: true }).waitFor();
    expect(await nextUnit.getByRole('row').count()).toBeGreaterThan(1);
    await screenshot(page, 'partner-earn');
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await page.goto(`${url}/products`);
    await page.getByText('Fester Betrag pro verkaufter Einheit, nach Produktfamilie').waitFor();
    await screenshot(page, 'partner-products');
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await page.close();
  });
});

describe('a reseller admin of the demo channel (Swedish profile)', () => {
  it("sets next period's CashPaq goal and chooses its preferred distributor", async () => {
    const page = await signedIn(swedishAdmin, 'sv');
    await page.goto(`${url}/goal`);
    const goal = page.getByRole('textbox', { name: 'Mål i enheter' });
    await goal.fill('42');
    await page.getByRole('button', { name: 'Spara mål' }).click();
    await page.getByText('Mål sparat').waitFor();
    await page.getByLabel('Distributör', { exact: true }).first().click();
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: 'Spara val' }).click();
    await page.getByText('Föredragen distributör sparad').waitFor();
    await screenshot(page, 'partner-goal-sv');
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await page.close();
    // The goal is stored for the period after today's, where the CashPaq run will find it.
    const api = await signInApi(url, swedishAdmin.email, swedishAdmin.password);
    const today = new Date().toISOString().slice(0, 10);
    const goals = (
      await api.request(
        'GET',
        `/goals?program_id=cashpaq&participant_id=R-SE-0001&period_from=${today}&sort=period_start&limit=1`,
      )
    ).body as { items: { target: string; period_start: string }[] };
    expect(goals.items[0]?.target).toBe('42.0000');
  });
});
