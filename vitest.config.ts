import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'tests/src/**/*.test.ts'],
          // *.dom.test.ts run in the dom project only.
          exclude: ['**/*.dom.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        // The web clients' components, and shared/ as a browser loads it.
        extends: true,
        test: {
          name: 'dom',
          include: ['{counter-client,display,kiosk/renderer}/src/**/*.test.{ts,tsx}', 'shared/src/**/*.dom.test.ts'],
          environment: 'jsdom',
        },
      },
    ],
  },
});
