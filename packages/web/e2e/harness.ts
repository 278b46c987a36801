import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { beforeEach } from 'vitest';

export const repoRoot = join(import.meta.dirname, '../../..');
const spurBin = join(repoRoot, 'packages/server/bin/spur.js');
export const screenshotDir = join(repoRoot, 'screenshots');
export const chromiumPath = process.env.SPUR_CHROMIUM ?? '/usr/bin/chromium';

/** The flags CI runs Chromium with: headless, no sandbox (containers), nothing phoning home. */
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs a `spur` CLI command against the test's database and returns its output. */
async function runSpur(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<string> {
  const child = spawn(process.execPath, [spurBin, ...args], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stdin.end(stdin ?? '');
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`spur ${args.join(' ')} exited with ${code}:\n${output}`);
  return output;
}

export interface TestUser {
  email: string;
  password: string;
  role: string;
  name: string;
  language: string;
  partner?: string;
}

export interface SpurServer {
  url: string;
  /** The server's recent output (warnings and errors), to print when a test fails. */
  recentLog(): string;
  stop(): Promise<void>;
}

/** What a test's `prepare` step gets: the server's environment, its data folder and the CLI on its database. */
export interface SpurSetup {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  spur(args: string[], stdin?: string): Promise<string>;
}

export interface StartSpurOptions {
  /** Created with `spur user add` before the server starts. */
  users?: TestUser[];
  /** Loads the demo data with `spur demo load --lines N` before the server starts; none without it. */
  demoLines?: number;
  /** How long the server may take to answer /api/health; CI machines are shared and slow. */
  timeoutMs?: number;
  /** CLI work on the database before the server starts (after the demo data and the users). */
  prepare?: (setup: SpurSetup) => Promise<void>;
}

const defaultStartTimeoutMs = 180_000;

/**
 * Starts the real Spur server (packages/server) with `start --no-demo` on a free port with its own
 * temporary embedded database, after the demo data, the users and `prepare` (PGlite allows one
 * process at a time, so all CLI work happens before the start). Without `demoLines`, the database
 * holds only what the test creates.
 */
export async function startSpur({
  users = [],
  demoLines,
  timeoutMs = defaultStartTimeoutMs,
  prepare,
}: StartSpurOptions = {}): Promise<SpurServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'spur-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SPUR_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  if (demoLines !== undefined) await runSpur(['demo', 'load', '--lines', String(demoLines)], env);
  for (const user of users) {
    const args = ['user', 'add', '--email', user.email, '--role', user.role, '--name', user.name];
    args.push('--language', user.language, '--password-stdin');
    if (user.partner) args.push('--partner', user.partner);
    await runSpur(args, env, user.password);
  }
  await prepare?.({ env, dataDir, spur: (args, stdin) => runSpur(args, env, stdin) });
  const server: ChildProcess = spawn(process.execPath, [spurBin, 'start', '--no-demo'], {
    cwd: repoRoot,
    env,
    stdio: 'pipe',
  });
  let log = '';
  server.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exitCode !== null) {
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`the Spur server exited with ${server.exitCode}:\n${log}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Spur server did not answer within ${timeoutMs / 1000} s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, recentLog: () => log.slice(-4000), stop };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium with a fresh profile, so no test sees another's cookies or storage. */
export async function launchBrowser(options: { locale?: string; viewport?: { width: number; height: number } } = {}) {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: install it with apt-get install -y chromium (or set SPUR_CHROMIUM)`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'spur-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    locale: options.locale ?? 'en-GB',
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  // A portal page that takes longer than this to show something is a failure, not a slow machine.
  context.setDefaultTimeout(10_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  } satisfies Browser;
}

/** Saves a full-page screenshot into screenshots/ (ignored by git) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** One line per violation (rule, impact, help, where), so a failed check reads without axe's report. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Prints the Spur server's recent output when a test of the calling file fails. */
export function printServerLogOnFailure(server: () => SpurServer): void {
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => console.error(`Spur server output:\n${server().recentLog()}`));
  });
}

/** Runs axe-core inside the page and returns the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  const axeSource = await readFile(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** An API client signed in as one user (cookie session, CSRF header on writes), for test setup. */
export interface ApiSession {
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export async function signInApi(url: string, email: string, password: string): Promise<ApiSession> {
  const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!signIn.ok) throw new Error(`sign-in of ${email} answered ${signIn.status}: ${await signIn.text()}`);
  const cookies = signIn.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
  const csrf = cookies.find((cookie) => cookie.startsWith('spur_csrf='))?.slice('spur_csrf='.length) ?? '';
  return {
    async request(method, path, body) {
      const response = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: {
          cookie: cookies.join('; '),
          'x-csrf-token': decodeURIComponent(csrf),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
  };
}

/** The path and query of the newest link to `pathname` mailed to `to` (the outbox, without SMTP). */
export async function mailedLink(admin: ApiSession, to: string, pathname: string): Promise<string> {
  const { body } = await admin.request('GET', `/outbox?to_address=${encodeURIComponent(to)}`);
  const mails = (body as { items: { body_text: string }[] }).items;
  for (const mail of mails) {
    const link = new RegExp(`https?://[^\\s]+(${pathname}\\?token=[^\\s]+)`).exec(mail.body_text)?.[1];
    if (link) return link;
  }
  throw new Error(`no mail to ${to} with a ${pathname} link among ${mails.length} mails`);
}
