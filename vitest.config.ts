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
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'tests/src/**/*.test.ts', 'kiosk/electron/**/*.test.ts', 'bench/**/*.test.ts'],
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
          include: ['{web,counter-client,display,kiosk/renderer}/src/**/*.test.{ts,tsx}', 'shared/src/**/*.dom.test.ts'],
          environment: 'jsdom',
          setupFiles: ['counter-client/src/testing/dom-setup.ts'],
        },
      },
      {
        // Browser tests (tests/README.md): Debian's Chromium through playwright-core, each file
        // against its own real server. global-setup.ts builds the stale clients once first.
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          // After the node and dom projects, never beside them: tests/src/clients-build.test.ts
          // rebuilds counter-client/dist, which these pages are served from.
          sequence: { groupOrder: 1 },
          // Two files at once on this 2-core machine: each is mostly waiting on its browser and
          // server (one Chromium and one server process per file). More only adds contention.
          maxWorkers: 2,
          // A server start (~2 s) plus a Chromium launch (~1 s), slower on a loaded machine.
          hookTimeout: 60_000,
          testTimeout: 30_000,
        },
      },
    ],
  },
});
