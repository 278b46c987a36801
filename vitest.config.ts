import { defineConfig } from 'vitest/config';

// One runner for every suite. The server project holds the database suites: they run on PGlite
// by default and on a PostgreSQL server when DATABASE_URL is set (see .ci/run).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'engine',
          include: ['packages/engine/test/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          include: ['packages/server/test/**/*.test.ts'],
          globalSetup: ['packages/server/test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'web',
          include: ['packages/web/test/**/*.test.ts'],
        },
      },
    ],
  },
});
