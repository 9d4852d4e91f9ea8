import { expect, test, type Page } from '@playwright/test';
import { watchPage } from './helpers';

test.use({ locale: 'en-US' });

/** Opens the first scenario of the catalog, or the one whose link matches `name`. */
async function openFirstWorkspace(page: Page, name?: RegExp): Promise<void> {
  await page.goto('./');
  const links = page.locator('main a[href^="#/s/"]');
  await (name ? links.filter({ hasText: name }) : links).first().click();
  await page.getByRole('button', { name: /^(Start|Continue)$/ }).click();
  await expect(page.getByRole('textbox', { name: 'Console input' })).toBeVisible();
}

/** Virtual time the clock shows, in ms. */
async function virtualTime(page: Page): Promise<number> {
  const iso = await page
    .getByRole('group', { name: 'Virtual clock' })
    .locator('time')
    .getAttribute('datetime');
  return Date.parse(iso ?? '');
}

test('should drive the console from the keyboard', async ({ page }) => {
  const watch = watchPage(page);
  await openFirstWorkspace(page);
  const input = page.getByRole('textbox', { name: 'Console input' });
  const output = page.getByRole('log', { name: 'Console output' });

  await input.fill('hostname');
  await input.press('Enter');
  await expect(input).toBeFocused();
  await input.fill('ipconfig');
  await input.press('Enter');
  await expect(output).toContainText('ipconfig');

  // ↑ walks back through the history, ↓ forward and back to the line being typed.
  await input.fill('draft');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('ipconfig');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('hostname');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('ipconfig');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('draft');

  // Ctrl+C abandons the line and interrupts; nothing fails.
  await input.press('Control+c');
  await expect(input).toHaveValue('');
  await expect(page.getByRole('alert')).toHaveCount(0);
  watch.expectClean();
});

test('should run, fast-forward, pause and step the virtual clock', async ({ page }) => {
  const watch = watchPage(page);
  await openFirstWorkspace(page);
  const pause = page.getByRole('button', { name: 'Pause' });
  await expect(pause).toHaveAttribute('aria-pressed', 'true');

  const start = await virtualTime(page);
  const fast = page.getByRole('button', { name: 'Fast forward (60×)' });
  await fast.focus();
  await page.keyboard.press('Enter');
  await expect(fast).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(async () => (await virtualTime(page)) - start, { timeout: 10_000 })
    .toBeGreaterThan(30_000);

  await pause.click();
  const paused = await virtualTime(page);
  await page.waitForTimeout(600);
  expect(await virtualTime(page)).toBe(paused);

  await page.getByRole('button', { name: 'Jump 15 minutes' }).click();
  await expect.poll(() => virtualTime(page)).toBe(paused + 15 * 60 * 1000);

  const step = page.getByRole('button', { name: 'Step to next event' });
  if (await step.isEnabled()) {
    const before = await virtualTime(page);
    await step.click();
    await expect.poll(() => virtualTime(page)).toBeGreaterThan(before);
  }
  watch.expectClean();
});

test('should reveal hints one at a time and remember them', async ({ page }) => {
  const watch = watchPage(page);
  await openFirstWorkspace(page);
  await page.getByRole('button', { name: 'Show hint 1 of 3' }).click();
  await expect(page.getByRole('heading', { name: 'Hint 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Show hint 2 of 3' }).click();
  await expect(page.getByRole('heading', { name: 'Hint 2' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hint 2' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show hint 3 of 3' })).toBeVisible();
  await page.getByRole('link', { name: 'Mailroot Lab' }).click();
  await expect(page.getByText('Hints used: 2')).toBeVisible();
  watch.expectClean();
});

test('should restart the scenario only after confirmation', async ({ page }) => {
  const watch = watchPage(page);
  await openFirstWorkspace(page);
  const input = page.getByRole('textbox', { name: 'Console input' });
  await input.fill('hostname');
  await input.press('Enter');
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('hostname');

  await page.getByRole('button', { name: 'Restart scenario' }).click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText('hostname');

  await page.getByRole('button', { name: 'Restart scenario' }).click();
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Console output' })).not.toContainText('hostname');
  watch.expectClean();
});

test('should complete commands and paths with Tab, and let Tab leave an empty line', async ({
  page,
}) => {
  const watch = watchPage(page);
  // A server with the SMTP feature installed, so that C:\inetpub\mailroot exists.
  await openFirstWorkspace(page, /outbound port 25 blocked/);
  const input = page.getByRole('textbox', { name: 'Console input' });
  await input.fill('Test-Net');
  await input.press('Tab');
  await expect(input).toHaveValue('Test-NetConnection');
  await expect(input).toBeFocused();
  await input.fill('dir C:\\inetpub\\mailroot\\Qu');
  await input.press('Tab');
  await expect(input).toHaveValue('dir C:\\inetpub\\mailroot\\Queue\\');
  await input.fill('');
  await input.press('Tab');
  await expect(input).not.toBeFocused();
  watch.expectClean();
});
