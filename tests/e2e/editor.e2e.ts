import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { encodeShare, toBase64Url } from '../../src/app/editor/shareLink';
import { expectNoAxeViolations, watchPage } from './helpers';

test.use({ locale: 'en-US' });

/** Monaco's text area (the editor is ready once its lines show). */
async function openEditor(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Scenario editor' })).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('schemaVersion', {
    timeout: 15_000,
  });
  await expect(page.getByText('No problems: the scenario loads.')).toBeVisible({ timeout: 15_000 });
}

/** The draft as the Save button writes it. */
async function savedText(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save', exact: true }).click(),
  ]);
  return {
    name: download.suggestedFilename(),
    text: await readFile(await download.path(), 'utf8'),
  };
}

test('should write, check, share and play a scenario in the editor', async ({ page, browser }) => {
  const watch = watchPage(page);
  await page.goto('./');
  await page.getByRole('link', { name: 'Write a scenario' }).click();
  await expect(page).toHaveURL(/#\/editor$/);
  await openEditor(page);

  // Start from the template.
  await page.getByLabel('Start from').selectOption({ label: 'Template (a new scenario)' });
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByText('New draft from the template.')).toBeVisible();

  // A mistake: level 7 (levels go from 1 to 3). Find the line, then type over the selection.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type('level: 1');
  await page.keyboard.press('Escape');
  await page.keyboard.type('level: 7');
  const problem = page.getByRole('button', { name: /^5:8 level: / });
  await expect(problem).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Problems: 1' })).toBeVisible();
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await expectNoAxeViolations(page, 'editor with a problem');

  // The problem's button puts the cursor on the value: select it and fix it.
  await problem.click();
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('1');
  await expect(page.getByText('No problems: the scenario loads.')).toBeVisible();

  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByText(/^All \d+ checks passed\.$/)).toBeVisible({ timeout: 20_000 });
  const checks = page.getByRole('list', { name: 'Checks' }).getByRole('listitem');
  await expect(checks.first()).toContainText('Passed');
  await expect(checks.filter({ hasText: 'Failed' })).toHaveCount(0);
  await expect(checks.filter({ hasText: 'The solution solves it' })).toHaveCount(1);
  await expectNoAxeViolations(page, 'editor after the checks');

  const saved = await savedText(page);
  expect(saved.name).toBe('my-first-scenario.yaml');
  expect(saved.text).toContain('\nlevel: 1\n');

  // Share by link: a fresh browser (no draft) opens the same text.
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  expect(link).toMatch(/#\/editor\/s\/[A-Za-z0-9_-]+$/);
  const other = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const reader = await other.newPage();
  const readerWatch = watchPage(reader);
  await reader.goto(link);
  await expect(reader.getByText('Opened the scenario from the link.')).toBeVisible();
  await expect(reader).toHaveURL(/#\/editor$/);
  await openEditor(reader);
  expect((await savedText(reader)).text).toBe(saved.text);
  readerWatch.expectClean();
  await other.close();

  // Play the draft in the real workspace.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page).toHaveURL(/#\/editor\/play$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Order mails are not arriving' }),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Console input' })).toBeVisible();
  await expect(page.getByText('You are playing your draft.')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the editor' }).click();
  await openEditor(page);
  watch.expectClean();
});

test('should refuse damaged and oversized links, and ask before replacing unsaved work', async ({
  page,
}) => {
  const watch = watchPage(page);
  // Nothing to play in a browser that has no draft yet.
  await page.goto('./#/editor/play');
  await expect(page.getByRole('alert')).toContainText('There is no draft in this browser yet');
  await page.goto('./#/editor/s/not-a-real-link');
  await expect(page.getByText(/^This link is damaged or incomplete/)).toBeVisible();
  await expect(page).toHaveURL(/#\/editor$/);
  await openEditor(page);

  // A tiny link that would unpack to 512 KiB.
  const bomb = new Blob([new Uint8Array(512 * 1024).fill(0x61)])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  const bombData = toBase64Url(new Uint8Array(await new Response(bomb).arrayBuffer()));
  await page.goto(`./#/editor/s/${bombData}`);
  await expect(page.getByText(/larger than 256 KiB once unpacked/)).toBeVisible();

  // Unsaved changes, then a link: the editor asks first.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('# my own note');
  await expect(page.getByText('Changes not saved to a file yet.')).toBeVisible();
  // Completion from the JSON Schema (monaco-yaml's worker): the keys a scenario may still have.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.monaco-editor .suggest-widget')).toContainText('variables', {
    timeout: 10_000,
  });
  await page.keyboard.press('Escape');
  const shared = await encodeShare('id: shared-one\n');
  if (!shared.ok) throw new Error('encode');
  await page.goto(`./#/editor/s/${shared.data}`);
  const dialog = page.getByRole('dialog', { name: 'Replace the draft?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('The link you opened contains a scenario.');
  await dialog.getByRole('button', { name: 'Keep my draft' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('# my own note');
  // The link is not lost: it stays in the address bar, and a reload asks again.
  await expect(page.getByText('the shared scenario was not opened')).toBeVisible();
  expect(page.url()).toContain(`#/editor/s/${shared.data}`);

  await page.reload();
  await dialog.getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(page.getByText('Opened the scenario from the link.')).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('id: shared-one');
  await expect(page.getByRole('button', { name: /^1:1 / }).first()).toBeVisible();
  watch.expectClean();
});
