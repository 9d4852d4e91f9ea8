import { expect, test } from '@playwright/test';
import { watchPage } from './helpers';

test.describe('with an English browser', () => {
  test.use({ locale: 'en-US' });

  test('should switch to Japanese and remember the choice after a reload', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: 'Scenarios' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await page.getByRole('button', { name: '日本語' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'シナリオ一覧' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByRole('group', { name: '表示言語' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'シナリオ一覧' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByRole('button', { name: '日本語' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Scenarios' })).toBeVisible();
    watch.expectClean();
  });
});

test.describe('with a Japanese browser', () => {
  test.use({ locale: 'ja-JP' });

  test('should start in Japanese and label the workspace in Japanese', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: 'シナリオ一覧' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

    await page.locator('main a[href^="#/s/"]').first().click();
    await page.getByRole('button', { name: '開始' }).click();
    await expect(page.getByRole('textbox', { name: 'コンソール入力' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'イベント ビューアー' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'キュー', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '一時停止' })).toBeVisible();
    watch.expectClean();
  });
});
