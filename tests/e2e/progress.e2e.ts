import { expect, test } from '@playwright/test';
import { firstScenarioId, watchPage } from './helpers';

const KEY = 'mailroot-lab.progress.v1';

test.use({ locale: 'en-US' });

test('should show the catalog when the stored progress is not even JSON', async ({ page }) => {
  const watch = watchPage(page);
  await page.addInitScript((key) => localStorage.setItem(key, '{"version":1,"scenarios":{'), KEY);
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Scenarios' })).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Some saved progress could not be read' }),
  ).toBeVisible();
  await expect(page.getByText('All saved progress: not valid JSON')).toBeVisible();
  await expect(page.locator('main a[href^="#/s/"]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(
    page.getByRole('heading', { name: 'Some saved progress could not be read' }),
  ).toHaveCount(0);
  watch.expectClean();
});

test('should keep valid progress next to hostile entries', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('./');
  const id = await firstScenarioId(page);
  const hostile = {
    version: 1,
    scenarios: {
      [id]: { status: 'solved', hintsUsed: 2, solvedAt: 1_700_000_000_000 },
      '<img src=x onerror=alert(1)>': { status: 'solved' },
      'evil-entry': { status: '<script>alert(1)</script>', hintsUsed: 'lots' },
      ['__proto__']: { status: 'solved' },
    },
  };
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
    KEY,
    JSON.stringify(hostile),
  ] as const);
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Scenarios' })).toBeVisible();
  await expect(page.getByText('evil-entry')).toBeVisible();
  await expect(page.getByText('Status: Solved')).toHaveCount(1);
  await expect(page.getByText('Hints used: 2')).toBeVisible();
  expect(dialogs).toBe(0);
  watch.expectClean();
});
