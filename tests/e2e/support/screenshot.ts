// Screenshots for a person to look at (no image comparison): test-results/screenshots/<test file>/<name>.png.
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOT_DIR } from './paths';

/** The folder of the running test file's screenshots: `counter-login` for counter-login.e2e.test.ts. */
export function screenshotFolder(): string {
  const testPath = expect.getState().testPath;
  return testPath ? join(SCREENSHOT_DIR, basename(testPath).replace(/\.e2e\.test\.[cm]?[jt]sx?$/, '')) : SCREENSHOT_DIR;
}

const cleared = new Set<string>();

export interface ScreenshotOptions {
  /** The whole scrollable page instead of what fits in the viewport. */
  readonly fullPage?: boolean;
}

/**
 * Saves what the page shows now as `<name>.png` in the test file's folder and resolves to the
 * file's path. The file's first screenshot empties the folder, so it holds this run's pictures
 * only. Animations are stopped and the caret hidden, so two runs look alike.
 */
export async function screenshot(page: Page, name: string, options: ScreenshotOptions = {}): Promise<string> {
  const folder = screenshotFolder();
  if (!cleared.has(folder)) {
    // Only a file's own folder: the loose top folder (a screenshot outside a test) is never emptied.
    if (folder !== SCREENSHOT_DIR) rmSync(folder, { recursive: true, force: true });
    cleared.add(folder);
  }
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name.replace(/[^\p{L}\p{N}._-]+/gu, '-')}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false, animations: 'disabled', caret: 'hide' });
  return file;
}
