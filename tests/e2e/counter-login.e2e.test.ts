// The counter client at /counter/, as a clerk's PC opens it, on the real server with a fresh
// database. The page is being turned from a placeholder into the login form, so this checks only
// what both have: Traditional Chinese, a visible level-1 heading, no serious axe findings.
import { describe, expect, it } from 'vitest';
import { checkA11y, screenshot, useE2E, VIEWPORTS } from './support';

const HAN = /\p{Script=Han}/u;
const e2e = useE2E();

describe('the counter client (/counter/)', () => {
  it.each(Object.values(VIEWPORTS))(
    'at $width×$height: loads in Traditional Chinese with a level-1 heading and no serious axe violations',
    async (viewport) => {
      const page = await e2e.page({ viewport });
      const response = await page.goto(e2e.server.url('/counter/'));
      expect(response?.status()).toBe(200);

      const heading = page.getByRole('heading', { level: 1 }).first();
      await heading.waitFor({ state: 'visible' });
      expect(await heading.innerText()).toMatch(HAN);
      expect(await page.locator('html').getAttribute('lang')).toMatch(/^zh/i);
      expect(await page.title()).toMatch(HAN);

      await checkA11y(page);
      await screenshot(page, `counter-${viewport.width}x${viewport.height}`);
    },
  );
});
