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
  signInApi,
  startSpur,
} from './harness.ts';

/**
 * The demo's program manager designs a program in the vendor console, simulates it on the demo
 * sell-out, activates it and calculates a period: the whole path through the real server.
 */
const manager = { email: 'program.manager@vendor.demo.example', password: 'spur-demo-2026' };

const PROGRAM = `id: spring-push
name: Spring push
unit: EUR
start: 2025-01-01
period: { type: month }
participants: partners
eligibility: { partner_types: [reseller] }
measure: { metric: revenue }
rewards:
  - type: percent_of_revenue
    percent: 2
budget: { amount: 5000, policy: pro_rata }
payout_due_days: 14
`;

let spur: SpurServer;
let browser: Browser;

beforeAll(async () => {
  spur = await startSpur({ demoLines: 5000 });
  browser = await launchBrowser();
}, 400_000);

printServerLogOnFailure(() => spur);

afterAll(async () => {
  await browser?.close();
  await spur?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${spur.url}/sign-in`);
  await page.getByLabel('Email address').fill(manager.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(manager.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  // A hovered menu entry is a transient state; check the page as it rests.
  await page.mouse.move(1, 790);
  expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
}

describe('vendor console', () => {
  it('a program manager creates a program, simulates it, activates it and runs a period', async () => {
    const page = await browser.context.newPage();
    await signIn(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Programs' }).click();
    await page.waitForURL((url) => url.pathname === '/programs');
    await page.getByRole('table').waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'vendor-programs');

    await page.getByRole('link', { name: 'New program' }).click();
    const editor = page.getByRole('textbox', { name: 'Program rules (YAML)' });
    await editor.fill(PROGRAM.replace('percent: 2', 'percent: two'));
    await page.getByText('Problems in the rules').waitFor();
    await expect(page.locator('#program-problems').textContent()).resolves.toContain('program.rewards[0]');
    await editor.fill(PROGRAM);
    await page.getByText('The rules are valid.').waitFor();

    // The form beside the YAML edits the same document, both ways.
    const name = page.getByRole('textbox', { name: 'Program name' });
    const budget = page.getByRole('textbox', { name: 'Budget amount' });
    await expect(name.inputValue()).resolves.toBe('Spring push');
    await name.fill('Spring push 2025');
    await budget.fill('6500.50');
    await expect(editor.inputValue()).resolves.toContain('name: Spring push 2025\n');
    await expect(editor.inputValue()).resolves.toContain('budget: { amount: "6500.50", policy: pro_rata }');
    await budget.fill('-1');
    // The live validation's message shows in the problem list and on the form field itself.
    await page.locator('#program-problems').getByText('must not be negative').waitFor();
    await expect(budget.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByText('must not be negative').count()).resolves.toBe(2);
    await editor.fill(
      PROGRAM.replace('name: Spring push', 'name: Spring deal').replace('amount: 5000', 'amount: 4000'),
    );
    await expect(name.inputValue()).resolves.toBe('Spring deal');
    await expect(budget.inputValue()).resolves.toBe('4000');
    await expect(page.getByRole('textbox', { name: 'Program ID' }).inputValue()).resolves.toBe('spring-push');
    await editor.fill(PROGRAM);
    await page.getByText('The rules are valid.').waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'vendor-program-editor');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL((url) => url.pathname === '/programs/spring-push');
    await page.getByText('Draft', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Simulate' }).click();
    const result = page.getByTestId('simulation-result');
    await result.waitFor({ timeout: 30_000 });
    await result.getByText('By country').waitFor();
    expect(await result.getByRole('row').count()).toBeGreaterThan(4);
    await expectNoSeriousViolations(page);
    await screenshot(page, 'vendor-simulation');

    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('The program is now Active.').waitFor();

    // The last simulated month holds demo sell-out; the run takes any date inside it.
    const api = await signInApi(spur.url, manager.email, manager.password);
    const simulation = (await api.request('POST', '/console/programs/spring-push/simulate', { months: 1 })).body as {
      to: string;
    };
    await page.getByRole('textbox', { name: 'Period' }).fill(simulation.to);
    await page.getByRole('button', { name: 'Start calculation' }).click();
    const started = page.getByRole('status').filter({ hasText: /^Run \d+ for / });
    await started.waitFor({ timeout: 60_000 });
    await screenshot(page, 'vendor-program-run');
    await started.getByRole('link').click();
    await page.waitForURL((url) => url.pathname.startsWith('/runs/'));
    await page.getByText('Succeeded').waitFor();
    expect(await page.getByRole('row').count()).toBeGreaterThan(1);
    await expectNoSeriousViolations(page);
    await screenshot(page, 'vendor-run');

    await page.getByRole('navigation').getByRole('link', { name: 'Budgets' }).click();
    await page.getByRole('cell', { name: 'spring-push' }).first().waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'vendor-budgets');

    await page.getByRole('navigation').getByRole('link', { name: 'Calculation runs' }).click();
    await page.getByRole('link', { name: 'spring-push' }).first().waitFor();
    await page.getByRole('combobox', { name: 'Program' }).waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'vendor-runs');

    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Sell-out trend' }).waitFor();
    await page.getByRole('heading', { name: 'Top resellers (3 months)' }).waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'vendor-dashboard');
    await page.close();
  }, 240_000);

  it('shows the program page on a phone with the run form still reachable', async () => {
    // Same browser, so the program manager's session from the test above carries over.
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${spur.url}/programs/spring-push`);
    await page.getByText('Active', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Start calculation' }).waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'vendor-program-phone');
    await page.close();
  }, 120_000);
});
