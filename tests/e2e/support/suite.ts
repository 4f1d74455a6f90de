// useE2E(): the usual frame of a browser-test file. One server and one Chromium for the file
// (started in beforeAll, stopped in afterAll), pages closed after each test, and after a failed
// test a screenshot of every page it left open plus what the pages and the server said.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { launchBrowser, newPage, pageProblems, type NewPageOptions } from './browser';
import { screenshot } from './screenshot';
import { startServer, type StartServerOptions, type TestServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by global-setup.ts when a stale client did not build: every browser test fails with it. */
    e2eBuildError: string | null;
  }
}

export interface E2E {
  readonly server: TestServer;
  readonly browser: Browser;
  /** newPage() on this file's browser; closed (with its context) after the test. */
  page(options?: NewPageOptions): Promise<Page>;
}

export interface UseE2EOptions {
  readonly server?: StartServerOptions;
  /**
   * Let console errors that say "Content Security Policy" pass. By default they fail the test, as
   * do uncaught exceptions in a page: either means the page is broken for a real user.
   */
  readonly allowCspErrors?: boolean;
}

// The lines of server.ts's start-up banner, left out of the log shown after a failure.
const BANNER_LINE = /^ {2}(Jiaohao \(|Counter client |Wall display |Kiosk |Public page |Booking |E-tickets |Website widget |API |API docs |Health |Public status |Socket\.IO |Database )/;

/** What the server printed besides its start-up banner: its warnings and errors (LOG_LEVEL=warn). */
function serverLog(server: TestServer): string {
  const exit = server.exit();
  const state = exit ? `the server has exited (code ${exit.code}, signal ${exit.signal})` : 'the server is running';
  const lines = server.output().split('\n').filter((line) => line.trim() !== '' && !BANNER_LINE.test(line));
  return lines.length > 0 ? `${state}; its output (last 40 lines):\n${lines.slice(-40).join('\n')}` : `${state}; it printed nothing but its start-up banner`;
}

/** Call once at the top of a test file (or a describe block). */
export function useE2E(options: UseE2EOptions = {}): E2E {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let open: Page[] = [];

  beforeAll(async () => {
    const buildError = inject('e2eBuildError');
    if (buildError) throw new Error(buildError);
    const [started, launched] = await Promise.allSettled([startServer(options.server), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });

  afterEach(async ({ task }) => {
    const pages = open;
    open = [];
    const failed = task.result?.state === 'fail';
    const found: string[] = [];
    try {
      for (const [i, page] of pages.entries()) {
        if (page.isClosed()) continue;
        const { uncaught, consoleErrors } = pageProblems(page);
        const label = `page ${i + 1} (${page.url()})`;
        for (const error of uncaught) found.push(`${label}: uncaught ${error}`);
        const csp = consoleErrors.filter((text) => text.includes('Content Security Policy'));
        if (!options.allowCspErrors) for (const text of csp) found.push(`${label}: ${text}`);
        if (failed) {
          const file = await screenshot(page, `FAILED ${task.name} ${i + 1}`).catch((error: Error) => `(no screenshot: ${error.message})`);
          const others = consoleErrors.filter((text) => !csp.includes(text));
          console.error(
            [`${label}: screenshot ${file}`, ...others.map((text) => `  console error: ${text}`)].join('\n'),
          );
        }
      }
      if (failed && server) console.error(serverLog(server));
    } finally {
      await Promise.all(pages.map((page) => page.context().close().catch(() => undefined)));
    }
    // A passing test whose page threw or broke the CSP fails here.
    if (!failed && found.length > 0) throw new Error(`the page reported problems:\n${found.join('\n')}`);
    if (failed && found.length > 0) console.error(found.join('\n'));
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.stop()]);
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useE2E: ${what} is not there (did beforeAll fail, or is this outside a test?)`);
    return value;
  };
  return {
    get server() {
      return need(server, 'the server');
    },
    get browser() {
      return need(browser, 'the browser');
    },
    async page(pageOptions) {
      // A server that died in an earlier test would only show as "connection refused" from here on.
      if (server?.exit()) throw new Error(`useE2E: ${serverLog(server)}`);
      const page = await newPage(need(browser, 'the browser'), pageOptions);
      open.push(page);
      return page;
    },
  };
}
