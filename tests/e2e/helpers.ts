import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Collects what a learner would never see but must not happen: page errors, console errors and
 * warnings, failed requests. Call `expectClean()` at the end of a test.
 */
export function watchPage(page: Page) {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('requestfailed', (request) =>
    problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  return {
    problems,
    expectClean() {
      expect(problems, problems.join('\n')).toEqual([]);
    },
  };
}

/** Runs axe on the current page and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, `axe violations on ${name}:\n${summary.join('\n')}`).toEqual([]);
}

/** The id of the first scenario the catalog links to (scenarios come and go; tests must not hard-code one). */
export async function firstScenarioId(page: Page): Promise<string> {
  const href = await page.locator('main a[href^="#/s/"]').first().getAttribute('href');
  expect(href).toBeTruthy();
  return decodeURIComponent((href ?? '').replace('#/s/', ''));
}
