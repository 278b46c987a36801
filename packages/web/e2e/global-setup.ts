import { ensurePortalBuild } from '../scripts/ensure-build.ts';

/** The browser tests need the built portal the server serves; build it once, when stale. */
export async function setup(): Promise<void> {
  await ensurePortalBuild();
}
