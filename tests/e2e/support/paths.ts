// Where things are, for the browser tests and their helpers.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Screenshots of the last browser-test run, for a person to look at (git-ignored). */
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
