// globalSetup of the e2e project: builds the web clients that are stale, once, before any browser
// test, so every test file serves the same build. A failed build does not stop the whole vitest
// run (the unit tests still report): it is handed to the browser tests, which fail with vite's output.
import type { TestProject } from 'vitest/node';
import { buildClients, staleClients } from '../../../scripts/clients.mjs';
import { ROOT } from './paths';

export default async function setup(project: TestProject): Promise<void> {
  const failed: string[] = [];
  for (const client of staleClients(ROOT)) {
    console.log(`e2e: building ${client.name} (${client.reason})`);
    try {
      // One at a time, and on after a failure, so the other clients are still fresh.
      await buildClients(ROOT, [client.name]);
    } catch (error) {
      // vite's diagnostics without the bundler's own stack frames (vitest would show them as the test's).
      const message = error instanceof Error ? error.message : String(error);
      failed.push(message.split('\n').filter((line) => !/^\s+at /.test(line)).join('\n'));
      console.error(`e2e: ${client.name} did not build; the browser tests fail with vite's output`);
    }
  }
  project.provide(
    'e2eBuildError',
    failed.length > 0 ? `the browser tests need the web clients built, and a build failed:\n${failed.join('\n\n')}` : null,
  );
}
