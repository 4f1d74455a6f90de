// Debian's Chromium, driven by playwright-core. Playwright's own browser cannot be downloaded here
// (STACK-NOTES G11), so the executable is always /usr/bin/chromium (scripts/setup.sh installs it).
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The launch flags STACK-NOTES recommends for this machine and CI (root, no GPU, no network but ours). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The screen sizes the counter PCs have; screenshot a page at both. */
export const VIEWPORTS = Object.freeze({
  laptop: { width: 1366, height: 768 },
  desktop: { width: 1280, height: 800 },
});

/** Starts one headless Chromium. Close it (`browser.close()`) in afterAll; useE2E() does. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: the browser tests need Debian's chromium. ` +
        'scripts/setup.sh installs it when run as root (npm test runs it); otherwise: sudo apt-get install chromium fonts-noto-cjk',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

export interface NewPageOptions extends BrowserContextOptions {
  /** Default: 1366×768. */
  readonly viewport?: { width: number; height: number };
}

/** What went wrong inside a page: uncaught exceptions, and console errors (CSP refusals among them). */
export interface PageProblems {
  readonly uncaught: string[];
  readonly consoleErrors: string[];
}

const problems = new WeakMap<Page, PageProblems>();

/**
 * A page in a context of its own: its own cookies and storage, as a second PC would have, so two
 * pages are two clerks. Taiwanese defaults (zh-TW, Asia/Taipei); anything in `options` wins.
 * `page.context()` reaches the context, e.g. `page.context().setOffline(true)` for a network drop.
 */
export async function newPage(browser: Browser, options: NewPageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-TW',
    timezoneId: 'Asia/Taipei',
    viewport: VIEWPORTS.laptop,
    ...options,
  });
  const page = await context.newPage();
  const found: PageProblems = { uncaught: [], consoleErrors: [] };
  problems.set(page, found);
  page.on('pageerror', (error) => found.uncaught.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') found.consoleErrors.push(message.text());
  });
  return page;
}

/** The uncaught exceptions and console errors a page made so far (for a page from newPage()). */
export function pageProblems(page: Page): PageProblems {
  return problems.get(page) ?? { uncaught: [], consoleErrors: [] };
}
