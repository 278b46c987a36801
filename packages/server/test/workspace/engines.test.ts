import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

/**
 * Spur runs on Node 20.19+ and 22 (issue 2), and `npm install` must be clean there: a dependency
 * whose `engines` leaves out Node 20 makes npm warn on every install. 22.13 is the oldest Node 22
 * that all of them accept (Rolldown's WebAssembly fallback asks for it; Vite 8 for 22.12).
 */
const SUPPORTED = ['20.19.0', '22.13.0'];

describe('the installed dependencies', () => {
  it.each(SUPPORTED)('all declare engines that include Node %s', (node) => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range !== undefined && !semver.satisfies(node, range, { includePrerelease: true })
          ? [`${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${range}`]
          : [];
      });
    expect(refusing).toEqual([]);
  });

  it('are what the workspace says it runs on', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    for (const node of SUPPORTED) expect(semver.satisfies(node, manifest.engines.node)).toBe(true);
  });
});
