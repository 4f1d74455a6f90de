// The public waiting-count page (/display/status.html), which anyone may open on a phone: it is
// served, is in Traditional Chinese, shows a level-1 heading and has no serious axe findings.
import { expect, it } from 'vitest';
import { checkA11y, screenshot, useE2E } from './support';

const e2e = useE2E();

it('the public status page loads in Traditional Chinese with a level-1 heading and no serious axe violations', async () => {
  const page = await e2e.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const response = await page.goto(e2e.server.url('/display/status.html'));
  expect(response?.status()).toBe(200);

  const heading = page.getByRole('heading', { level: 1 }).first();
  await heading.waitFor({ state: 'visible' });
  expect(await heading.innerText()).toMatch(/\p{Script=Han}/u);
  expect(await page.locator('html').getAttribute('lang')).toMatch(/^zh/i);

  await checkA11y(page);
  await screenshot(page, 'status-phone-390x844');
});
