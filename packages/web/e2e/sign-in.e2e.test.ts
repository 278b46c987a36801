import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  describeViolations,
  launchBrowser,
  mailedLink,
  printServerLogOnFailure,
  type SpurServer,
  screenshot,
  seriousAccessibilityViolations,
  signInApi,
  startSpur,
} from './harness.ts';

const admin = {
  email: 'vera.admin@vendor.example',
  password: 'correct horse battery staple',
  role: 'vendor_admin',
  name: 'Vera Admin',
  language: 'de',
};

const forgetful = {
  email: 'fred.finance@vendor.example',
  password: 'first password 1',
  role: 'finance',
  name: 'Fred Finance',
  language: 'en',
};

let spur: SpurServer;
let browser: Browser;

beforeAll(async () => {
  spur = await startSpur({ users: [admin, forgetful] });
  browser = await launchBrowser();
});

printServerLogOnFailure(() => spur);

afterAll(async () => {
  await browser?.close();
  await spur?.stop();
});

/** One line per violation, so a failure names the rule and the elements. */
/** A new tab with no session and no chosen language, so every test starts as a first-time visitor. */
async function openPage(path: string): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(`${spur.url}/sign-in`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${spur.url}${path}`);
  return page;
}

/** Signs in through the form and waits for the portal's menu, wherever the role starts. */
async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await page.getByRole('navigation').getByRole('link').first().waitFor({ state: 'attached' });
}

/** Menus grow as pages are added: a test names the entries it needs and those that must be absent. */
async function menuEntries(page: Page, menuName: string): Promise<string[]> {
  return page.getByRole('navigation', { name: menuName }).getByRole('link').allTextContents();
}

async function chooseLanguage(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: /^(Language|Sprache|اللغة)/ }).click();
  await page.getByRole('menuitem', { name }).click();
  // Let the menu finish closing, so checks and screenshots see the page, not a fading menu.
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

async function documentLanguage(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

describe('the sign-in page', () => {
  it('is where a signed-out visitor of any portal address lands, with its form', async () => {
    const page = await openPage('/account');
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').waitFor();
    await page.getByRole('textbox', { name: 'Password', exact: true }).waitFor();
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'en', dir: 'ltr' });
    await screenshot(page, 'sign-in-en');
    await page.close();
  });

  it('switches to German and to Arabic, and mirrors the whole layout for Arabic', async () => {
    const page = await openPage('/sign-in');
    const switcherLeft = async () =>
      (await page.getByRole('button', { name: /^(Language|Sprache|اللغة)/ }).boundingBox())!.x;
    const leftToRight = await switcherLeft();

    await chooseLanguage(page, 'Deutsch');
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await page.getByLabel('E-Mail-Adresse').waitFor();
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'de', dir: 'ltr' });
    await screenshot(page, 'sign-in-de');

    await chooseLanguage(page, 'العربية');
    await page.getByRole('heading', { level: 1, name: 'تسجيل الدخول' }).waitFor();
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });
    // The switcher sits at the end of its row: right in English, left in Arabic.
    expect(leftToRight).toBeGreaterThan(640);
    expect(await switcherLeft()).toBeLessThan(640);
    await screenshot(page, 'sign-in-ar');

    // The choice survives a reload in this browser.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'تسجيل الدخول' }).waitFor();
    await page.close();
  });

  it.each([
    ['English', 'en'],
    ['العربية', 'ar'],
  ])('has no serious accessibility violations (axe-core) in %s', async (language) => {
    const page = await openPage('/sign-in');
    await chooseLanguage(page, language);
    await page.getByRole('button', { name: /^(Sign in|تسجيل الدخول)$/ }).waitFor();
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await page.close();
  });

  it('explains a wrong password in the language shown, without signing in', async () => {
    const page = await openPage('/sign-in');
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'The email address or password is incorrect.',
    );
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.close();
  });

  it('checks the fields before asking the server', async () => {
    const page = await openPage('/sign-in');
    await page.getByLabel('Email address').fill('not-an-address');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter a valid email address, for example name@company.com.').waitFor();
    await page.getByText('Enter your password.').waitFor();
    await page.close();
  });
});

describe('a signed-in vendor admin', () => {
  it('gets the portal in the language of the profile, the vendor menu, a page that survives a reload, saves a new language in the profile, and signs out', async () => {
    const page = await openPage('/sign-in');
    await signInThroughForm(page, admin.email, admin.password);

    // The profile says German: the portal follows it after sign-in, on the first page of the menu.
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'de', dir: 'ltr' });
    const menu = page.getByRole('navigation', { name: 'Hauptnavigation' });
    expect(new URL(page.url()).pathname).toBe(await menu.getByRole('link').first().getAttribute('href'));
    const entries = await menuEntries(page, 'Hauptnavigation');
    expect(entries).toEqual(expect.arrayContaining(['Partner und Benutzer', 'Audit-Protokoll', 'Mein Konto']));
    // Vendor staff get no partner pages.
    expect(entries.filter((entry) => ['Start', 'Abrechnung', 'Sell-out-Meldungen'].includes(entry))).toEqual([]);
    await menu.getByRole('link', { name: 'Mein Konto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    await page.getByRole('cell', { name: 'Hersteller-Administrator' }).waitFor();
    await page.getByRole('cell', { name: admin.email }).waitFor();
    await screenshot(page, 'account-de');

    // A client route reloaded from the server is the same page (index.html fallback), still signed in.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);

    // Switching the language while signed in saves it in the profile: it survives a fresh browser.
    await chooseLanguage(page, 'العربية');
    await page.getByRole('heading', { level: 1, name: 'حسابي' }).waitFor();
    await page.getByRole('cell', { name: 'العربية' }).waitFor();
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'حسابي' }).waitFor();
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });
    await screenshot(page, 'account-ar');
    await chooseLanguage(page, 'Deutsch');
    await page.getByRole('cell', { name: 'Deutsch' }).waitFor();

    await page.getByRole('button', { name: `Kontomenü von ${admin.name}` }).click();
    await page.getByRole('menuitem', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    // Signed out for real: the API no longer knows the session.
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
    await page.close();
  });

  it('finds the menu behind a button on a phone screen', async () => {
    const page = await openPage('/sign-in');
    await page.setViewportSize({ width: 390, height: 844 });
    await signInThroughForm(page, admin.email, admin.password);
    const firstEntry = page.getByRole('navigation').getByRole('link').first();
    const entryLeft = async () => (await firstEntry.boundingBox())?.x ?? -1;
    // On a phone the menu waits off-screen until the button opens it.
    expect(await entryLeft()).toBeLessThan(0);
    await page.getByRole('button', { name: 'Navigation öffnen' }).click();
    await page.waitForFunction(() => {
      const link = document.querySelector('nav a');
      return link !== null && link.getBoundingClientRect().x >= 0;
    });
    await screenshot(page, 'account-phone-menu');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await page.close();
  });
});

describe('the partners and users page and the audit log', () => {
  it('lists the partners and users a vendor admin may see, filtered, with names in the language shown, and the audit log of their creation', async () => {
    const page = await openPage('/sign-in');
    await signInThroughForm(page, admin.email, admin.password);

    // Two partners, created through the API as this admin (cookie session and CSRF header).
    const created = await page.evaluate(async () => {
      const csrf = /(?:^|; )spur_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const post = (body: object) =>
        fetch('/api/v1/partners', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
          body: JSON.stringify(body),
        }).then((response) => response.status);
      return [
        await post({
          partner_id: 'DIST-SE-1',
          type: 'distributor',
          name: 'Nordic Distribution AB',
          country: 'SE',
          level: 'gold',
          distributor_id: null,
          individual_agreement: false,
        }),
        await post({
          partner_id: 'RES-DE-1',
          type: 'reseller',
          name: 'Berlin Systemhaus GmbH',
          country: 'DE',
          level: 'silver',
          distributor_id: 'DIST-SE-1',
          individual_agreement: true,
        }),
      ];
    });
    expect(created).toEqual([201, 201]);

    await page.goto(`${spur.url}/partners`);
    await page.getByRole('cell', { name: 'Nordic Distribution AB' }).waitFor();
    await page.getByRole('cell', { name: 'Schweden' }).waitFor();
    await page.getByText('Individuelle Vereinbarung').waitFor();
    await expect(page.getByText('2 Zeilen angezeigt').count()).resolves.toBe(1);
    await screenshot(page, 'partners-de');

    await page
      .locator('label')
      .filter({ hasText: /^Reseller$/ })
      .click();
    await page.getByRole('cell', { name: 'Nordic Distribution AB' }).waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Berlin Systemhaus GmbH' }).waitFor();
    await page.getByText('1 Zeile angezeigt').waitFor();

    await page.getByRole('tab', { name: 'Benutzer' }).click();
    await page.getByRole('cell', { name: admin.email }).waitFor();
    expect(new URL(page.url()).search).toBe('?tab=users');
    await page.getByRole('cell', { name: 'Hersteller-Administrator' }).waitFor();
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await screenshot(page, 'users-de');

    // The audit log shows the partner creations, filtered by action, with the record as written.
    await page.getByRole('navigation').getByRole('link', { name: 'Audit-Protokoll' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit-Protokoll' }).waitFor();
    await page.getByLabel('Aktion').fill('partner_created');
    await page.getByRole('cell', { name: 'RES-DE-1' }).waitFor();
    await page.getByText('2 Zeilen angezeigt').waitFor();
    await page.getByRole('button', { name: 'Anzeigen' }).first().click();
    await page.getByText('"name": "Berlin Systemhaus GmbH"').waitFor();
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await screenshot(page, 'audit-de');
    await page.close();
  });
});

describe('the links mailed by Spur', () => {
  it('let a user who forgot the password choose a new one and sign in with it', async () => {
    const page = await openPage('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email address').fill(forgetful.email);
    await page.getByRole('button', { name: 'Send link' }).click();
    await page.getByRole('status').getByText(`If ${forgetful.email} belongs to an account`).waitFor();

    const link = await mailedLink(
      await signInApi(spur.url, admin.email, admin.password),
      forgetful.email,
      '/reset-password',
    );
    await page.goto(`${spur.url}${link}`);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    const newPassword = page.getByRole('textbox', { name: 'New password', exact: true });
    const repeat = page.getByRole('textbox', { name: 'Repeat the new password', exact: true });
    await newPassword.fill('too short');
    await repeat.fill('too short');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Use at least 10 characters.').waitFor();
    await newPassword.fill('a much better password');
    await repeat.fill('a much better passw0rd');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await repeat.fill('a much better password');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByRole('status').getByText('Your password has been changed.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await signInThroughForm(page, forgetful.email, 'a much better password');

    // The link works once.
    await page.goto(`${spur.url}${link}`);
    await newPassword.fill('yet another password');
    await repeat.fill('yet another password');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByRole('alert').getByText('This link is unknown, already used or expired.').waitFor();
    await page.close();
  });

  it('let an invited reseller admin activate the account, in the language of the invitation, and invite a rep', async () => {
    const vendor = await signInApi(spur.url, admin.email, admin.password);
    const partner = await vendor.request('POST', '/partners', {
      partner_id: 'RES-PL-7',
      type: 'reseller',
      name: 'Warszawa Serwis Sp. z o.o.',
      country: 'PL',
      level: 'silver',
      distributor_id: null,
      individual_agreement: false,
    });
    expect(partner.status).toBe(201);
    const invited = await vendor.request('POST', '/invitations', {
      email: 'ola.admin@serwis.example',
      name: 'Ola Nowak',
      role: 'reseller_admin',
      partner_id: 'RES-PL-7',
      language: 'pl',
    });
    expect(invited.status).toBe(201);
    const link = await mailedLink(vendor, 'ola.admin@serwis.example', '/accept-invitation');

    const page = await openPage(link);
    await page.getByRole('heading', { level: 1, name: 'Welcome to Spur' }).waitFor();
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill('ola has a password');
    await page.getByRole('textbox', { name: 'Repeat the new password', exact: true }).fill('ola has a password');
    await page.getByRole('button', { name: 'Activate account' }).click();

    // Signed in at once, in Polish from the invitation, with the reseller admin's menu (no vendor pages).
    const menu = page.getByRole('navigation', { name: 'Nawigacja główna' });
    await menu.getByRole('link').first().waitFor();
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'pl', dir: 'ltr' });
    const entries = await menuEntries(page, 'Nawigacja główna');
    expect(entries).toEqual(expect.arrayContaining(['Handlowcy', 'Moje konto']));
    expect(
      entries.filter((entry) => ['Partnerzy i użytkownicy', 'Dziennik audytu', 'Programy'].includes(entry)),
    ).toEqual([]);
    await menu.getByRole('link', { name: 'Handlowcy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Handlowcy' }).waitFor();

    // The admin invites a rep of its own partner, sees the open invitation, and withdraws it.
    await page.getByRole('textbox', { name: 'Imię i nazwisko' }).fill('Jan Kowalski');
    await page.getByRole('textbox', { name: 'Adres e-mail' }).fill('jan.kowalski@serwis.example');
    await page.getByRole('button', { name: 'Wyślij zaproszenie' }).click();
    await page.getByRole('status').getByText('Wysłano zaproszenie na adres jan.kowalski@serwis.example.').waitFor();
    const pending = page.getByRole('table', { name: 'Oczekujące zaproszenia' });
    await pending.getByRole('cell', { name: 'jan.kowalski@serwis.example', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Osoby z kontem' }).getByRole('cell', { name: 'Ola Nowak' }).waitFor();
    expect(describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);
    await screenshot(page, 'team-pl');
    await page.getByRole('button', { name: 'Wycofaj zaproszenie dla jan.kowalski@serwis.example' }).click();
    await page.getByText('Brak oczekujących zaproszeń.').waitFor();

    // A vendor page is not there for a partner admin, even by its address.
    await page.goto(`${spur.url}/partners`);
    await page.getByRole('heading', { level: 1, name: 'Nie znaleziono strony' }).waitFor();

    await menu.getByRole('link', { name: 'Moje konto' }).click();
    await page.getByRole('cell', { name: 'Administrator resellera' }).waitFor();
    await page.getByRole('cell', { name: 'RES-PL-7' }).waitFor();
    await page.close();
  });
});

describe('the server, serving the built portal', () => {
  it('answers client routes with the portal and unknown API paths with the API 404', async () => {
    const page = await fetch(`${spur.url}/programs/42`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');

    const api = await fetch(`${spur.url}/api/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');

    const missingFile = await fetch(`${spur.url}/assets/no-such-file.js`);
    expect(missingFile.status).toBe(404);
  });

  it('lets browsers keep the hashed assets for a year', async () => {
    const html = await (await fetch(`${spur.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${spur.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
