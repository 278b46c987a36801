import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Browser tests: the real server and Debian's Chromium, one file at a time (2 shared cores).
export default defineConfig({
  root: join(import.meta.dirname, '../../..'),
  test: {
    name: 'e2e',
    include: ['packages/web/e2e/**/*.e2e.test.ts'],
    globalSetup: ['packages/web/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
