import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  describeViolations,
  launchBrowser,
  printServerLogOnFailure,
  type SpurServer,
  screenshot,
  seriousAccessibilityViolations,
  startSpur,
} from './harness.ts';

/**
 * The demo distributor's admin drops a weekly report with unreadable rows and an unknown reseller,
 * follows the import, downloads the error file and finds the upload in its history. The demo data
 * is loaded with the CLI before the server starts (the embedded database takes one process at a time).
 */
const admin = { email: 'admin@distributor.demo.example', password: 'spur-demo-2026' };

const REPORT = [
  'line_id,invoice_date,reseller_id,sku,quantity,net_amount,currency',
  'UP-1,2026-03-02,R-DE-0001,SRV-DL380,2,12980.00,EUR',
  'UP-2,2026-03-03,R-DE-0001,SRV-DL380,zwei,6490.00,EUR',
  'UP-3,31.02.2026,R-DE-0001,STO-MSA1060,-1,-5900.00,EUR',
  'UP-4,2026-03-04,"=CMD(""calc"")",SRV-DL380,x,6490.00,EUR',
  'UP-5,2026-03-05,R-XX-NEW,SRV-DL380,1,6490.00,EUR',
  '',
].join('\n');

let spur: SpurServer;
let url: string;
let browser: Browser;

beforeAll(async () => {
  spur = await startSpur({ demoLines: 2000 });
  url = spur.url;
  browser = await launchBrowser();
}, 300_000);

printServerLogOnFailure(() => spur);

afterAll(async () => {
  await browser?.close();
  await spur?.stop();
});

async function signedInAdmin(viewport?: { width: number; height: number }): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(`${url}/sign-in`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email address').fill(admin.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((address) => address.pathname !== '/sign-in');
  // The demo distributor admin's profile says German: the portal follows it after sign-in.
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  return page;
}

describe('the demo distributor admin (German profile)', () => {
  it('drops a report with bad rows, follows the import and downloads the error file', async () => {
    const page = await signedInAdmin();
    await page.getByRole('link', { name: 'Sell-out-Meldungen' }).click();
    await page.waitForURL('**/uploads');
    // Away from the menu entry just clicked, so axe judges the menu as it rests, not its hover colour.
    await page.mouse.move(900, 700);
    await page.getByText('Ziehen Sie den Bericht hierher').waitFor();
    // The demo data's own weekly reports are already in the history.
    await page.getByRole('table', { name: 'Bisherige Uploads' }).waitFor();
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await screenshot(page, 'distributor-uploads-empty');

    // A real drop event carrying the file, as when a user drags it from the desktop.
    const dataTransfer = await page.evaluateHandle((csv) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([csv], 'woche-10.csv', { type: 'text/csv' }));
      return transfer;
    }, REPORT);
    await page.dispatchEvent('[data-testid="sellout-dropzone"]', 'drop', { dataTransfer });

    await page.waitForURL(/\/uploads\?import=\d+$/);
    await page.getByRole('heading', { name: 'Ergebnis von woche-10.csv' }).waitFor();
    const figure = (name: string) => page.locator(`[data-figure="${name}"]`).textContent();
    expect(await figure('linesRead')).toBe('5');
    expect(await figure('imported')).toBe('1');
    expect(await figure('quarantined')).toBe('1');
    expect(await figure('errors')).toBe('3');
    const quarantined = page.getByRole('table', { name: 'Zeilen in Quarantäne' }).locator('tbody tr');
    await quarantined.first().waitFor();
    expect(await quarantined.count()).toBe(1);
    expect(await quarantined.first().textContent()).toContain('R-XX-NEW');
    expect(await quarantined.first().textContent()).toContain('Unbekannter Wiederverkäufer');
    // The upload is in the history too.
    await page
      .getByRole('table', { name: 'Bisherige Uploads' })
      .getByRole('cell', { name: 'woche-10.csv', exact: true })
      .waitFor();
    await screenshot(page, 'distributor-upload-result');
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Fehlerdatei herunterladen' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sellout-import-\d+-errors\.csv$/);
    const errorFile = await readFile((await download.path())!, 'utf8');
    const rows = errorFile.trim().split('\n');
    expect(rows[0]).toBe('error_line,error,line_id,invoice_date,reseller_id,sku,quantity,net_amount,currency');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(/^3,.*quantity ""zwei"".*,UP-2,2026-03-03,R-DE-0001,SRV-DL380,zwei,6490\.00,EUR$/);
    // A return keeps its minus signs (still numbers); the formula is neutralised with an apostrophe.
    expect(rows[2]).toMatch(
      /^4,.*invoice_date ""31\.02\.2026"".*,UP-3,31\.02\.2026,R-DE-0001,STO-MSA1060,-1,-5900\.00,EUR$/,
    );
    expect(rows[3]).toMatch(/^5,.*,UP-4,2026-03-04,"'=CMD\(""calc""\)",SRV-DL380,x,6490\.00,EUR$/);
    await page.close();
  });

  it('lists a refused upload in the history and opens its reason from there', async () => {
    const page = await signedInAdmin();
    await page.goto(`${url}/uploads`);
    await page.locator('[data-testid="sellout-dropzone"] input[type="file"]').setInputFiles({
      name: 'ohne-sku.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'line_id,invoice_date,reseller_id,quantity,net_amount,currency\nNS-1,2026-03-02,R-DE-0001,1,10.00,EUR\n',
      ),
    });
    await page.getByRole('alert').filter({ hasText: 'ohne-sku.csv' }).waitFor();
    const history = page.getByRole('table', { name: 'Bisherige Uploads' });
    await history.getByRole('row').filter({ hasText: 'ohne-sku.csv' }).getByText('Fehlgeschlagen').waitFor();

    // Later, from the history alone: the file name opens the upload with its reason.
    await page.goto(`${url}/uploads`);
    await history.getByRole('link', { name: 'ohne-sku.csv', exact: true }).click();
    await page.waitForURL(/\/uploads\?import=\d+$/);
    const reason = page.getByRole('alert').filter({ hasText: 'ohne-sku.csv' });
    await reason.waitFor();
    expect(await reason.textContent()).toContain('sku');
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await page.close();
  });

  it('uploads by choosing a file on a phone screen, and nothing is wider than the screen', async () => {
    const page = await signedInAdmin({ width: 390, height: 844 });
    await page.goto(`${url}/uploads`);
    await page.locator('[data-testid="sellout-dropzone"] input[type="file"]').setInputFiles({
      name: 'woche-11.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(REPORT.replace(/UP-/g, 'PH-')),
    });
    await page.getByRole('heading', { name: 'Ergebnis von woche-11.csv' }).waitFor();
    await page.getByRole('table', { name: 'Zeilen in Quarantäne' }).waitFor();
    await page
      .getByRole('table', { name: 'Bisherige Uploads' })
      .getByRole('cell', { name: 'woche-11.csv', exact: true })
      .waitFor();
    const wider = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((element) => !element.closest('.mantine-TableScrollContainer-scrollContainer'))
        .slice(0, 5)
        .map((element) => `${element.tagName}.${element.className} ${getComputedStyle(element).overflowX}`),
    );
    expect(wider).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'distributor-upload-phone');
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await page.close();
  });
});
