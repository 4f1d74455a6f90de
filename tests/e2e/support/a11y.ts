// axe-core in the page under test. Injected with page.evaluate rather than a <script> tag: the
// server's CSP (`script-src 'self'`) refuses inline scripts, and the tests keep that CSP on so they
// also catch a page that breaks it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const IMPACTS: readonly ImpactValue[] = ['minor', 'moderate', 'serious', 'critical'];
let axeSource: string | null = null;

export interface CheckA11yOptions {
  /** Check only this part of the page (a CSS selector); default: the whole document. */
  readonly include?: string;
  /** Impacts that fail the check. Default: serious and critical. */
  readonly failOn?: readonly ImpactValue[];
  /** Rule ids to skip, each with a reason in a comment where it is used. */
  readonly disableRules?: readonly string[];
}

/**
 * Runs axe-core on what the page shows now and throws when it finds a serious or critical
 * violation, listing each with the elements it concerns. Resolves to axe's whole result (minor
 * and moderate findings included) for a test that wants to look further.
 */
export async function checkA11y(page: Page, options: CheckA11yOptions = {}): Promise<AxeResults> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // A page that navigated since has lost it; loading it twice is harmless.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(`${axeSource}\n;void 0`);

  const runOptions: RunOptions = {
    resultTypes: ['violations'],
    rules: Object.fromEntries((options.disableRules ?? []).map((id) => [id, { enabled: false }])),
  };
  const results = await page.evaluate(
    ([include, opts]) => {
      const { axe, document } = globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<unknown> };
        document: unknown;
      };
      return axe.run(include ?? document, opts);
    },
    [options.include ?? null, runOptions] as const,
  ) as AxeResults;

  const failOn = new Set<ImpactValue>(options.failOn ?? ['serious', 'critical']);
  const failing = results.violations
    .filter((v) => v.impact && failOn.has(v.impact))
    .sort((a, b) => IMPACTS.indexOf(b.impact ?? 'minor') - IMPACTS.indexOf(a.impact ?? 'minor'));
  if (failing.length > 0) throw new Error(formatViolations(failing, results.url));
  return results;
}

/** One paragraph per rule (worst first): impact, id, what it asks, where to read more, and each offending element. */
export function formatViolations(violations: readonly Result[], url: string): string {
  const lines = [`axe found ${violations.length} accessibility problem${violations.length === 1 ? '' : 's'} on ${url}:`];
  for (const v of violations) {
    lines.push('', `[${v.impact}] ${v.id}: ${v.help}`, `  ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, 10)) {
      lines.push(`  - ${node.target.join(' ')}`, `    ${node.html.length > 160 ? node.html.slice(0, 157) + '...' : node.html}`);
      for (const line of (node.failureSummary ?? '').split('\n').filter(Boolean)) lines.push(`    ${line.trim()}`);
    }
    if (v.nodes.length > 10) lines.push(`  … and ${v.nodes.length - 10} more elements`);
  }
  return lines.join('\n');
}
