import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The portal package folder (packages/web). */
export const webDir = join(import.meta.dirname, '..');
const builtIndex = join(webDir, 'dist', 'index.html');
const sourcePaths = ['index.html', 'vite.config.ts', 'package.json', 'src'];

function newestModification(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, entry)));
  return newest;
}

/** True when dist/ is missing or older than any portal source. */
export function portalBuildIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const sources = Math.max(...sourcePaths.map((path) => newestModification(join(webDir, path))));
  return statSync(builtIndex).mtimeMs < sources;
}

/** Builds the portal when its build is missing or out of date; returns whether it built. */
export async function ensurePortalBuild(): Promise<boolean> {
  if (!portalBuildIsStale()) return false;
  const started = performance.now();
  console.log('Building the portal (packages/web) ...');
  // Loaded only when needed, so a fresh build costs nothing at start-up.
  const { build } = await import('vite');
  await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`Portal built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

// Run as a script (npm start): build if needed, then let the server start.
if (process.argv[1] && import.meta.filename === process.argv[1]) await ensurePortalBuild();
