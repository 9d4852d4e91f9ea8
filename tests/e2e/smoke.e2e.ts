import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, watchPage } from './helpers';

test.use({ locale: 'en-US' });

test('should load the catalog without errors and pass axe on catalog, briefing and workspace', async ({
  page,
}) => {
  const watch = watchPage(page);
  await page.goto('./');
  await expect(page).toHaveTitle('Mailroot Lab');
  await expect(page.getByRole('heading', { level: 1, name: 'Scenarios' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page, 'catalog');

  await page.locator('main a[href^="#/s/"]').first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Ticket' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Objectives' })).toBeVisible();
  await expectNoAxeViolations(page, 'briefing');

  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/#\/s\/[^/]+\/work$/);
  const input = page.getByRole('textbox', { name: 'Console input' });
  await expect(input).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Queue' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Event Viewer' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'SMTP logs (W3C)' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Virtual clock' })).toBeVisible();
  await expectNoAxeViolations(page, 'workspace');

  // The console is a live view of the world: a typed line is echoed into the transcript.
  await input.fill('hostname');
  await input.press('Enter');
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('hostname');
  await expect(input).toHaveValue('');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('hostname');

  // Returning to the catalog shows the scenario as in progress.
  await page.getByRole('link', { name: 'Mailroot Lab' }).click();
  await expect(page.getByText('Status: In progress').first()).toBeAttached();
  watch.expectClean();
});

test('should show a not-found page for unknown addresses', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('./#/s/no-such-scenario');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(
    page.getByText('There is no scenario with the ID “no-such-scenario”.'),
  ).toBeVisible();
  await page.goto('./#/nowhere');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  watch.expectClean();
});

test(
  'should work from a sub-path of a plain static host',
  { tag: '@subpath' },
  async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: 'Scenarios' })).toBeVisible();
    await page.locator('main a[href^="#/s/"]').first().click();
    await expect(page).toHaveURL(/\/nested\/path\/#\/s\/[^/]+$/);
    await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: 'Ticket' })).toBeVisible();
    watch.expectClean();
  },
);
