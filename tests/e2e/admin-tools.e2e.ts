import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchPage } from './helpers';

/**
 * The server tools as a learner uses them instead of the console: IIS 6.0 Manager's Start / Stop /
 * Pause, the Services console (toolbar and Properties dialog) and the firewall console (rule
 * actions, firewall on/off).
 */
test.use({ viewport: { width: 1440, height: 1000 } });

const SMTP = 'Simple Mail Transfer Protocol (SMTP)';

async function openWorkspace(page: Page, id: string): Promise<void> {
  await page.goto(`./#/s/${id}/work`);
  await expect(page.getByRole('tree')).toBeVisible();
}

/** Jumps the clock 15 minutes at a time until the scenario says it is solved. */
async function jumpUntilSolved(page: Page, jumpLabel: string, solvedLabel: string): Promise<void> {
  const jump = page.getByRole('button', { name: jumpLabel });
  // The banner's title: "✔ Solved!" (the check mark is hidden from screen readers).
  const solved = page.getByText(new RegExp(`^(✔\\s*)?${solvedLabel}$`));
  for (let i = 0; i < 24 && !(await solved.isVisible()); i++) await jump.click();
  await expect(solved).toBeVisible();
}

/** The server tools panel (IIS Manager, firewall, services), for screenshots. */
function tools(page: Page, label: string) {
  return page.getByRole('region', { name: label, exact: true });
}

function objective(page: Page, label: string) {
  return page.getByRole('listitem').filter({ hasText: label });
}

test.describe('in English', () => {
  test.use({ locale: 'en-US' });

  test('should fix a disabled SMTP service from the Services console', async ({
    page,
  }, testInfo) => {
    const watch = watchPage(page);
    await openWorkspace(page, 'smtp-service-disabled');
    await expect(page.getByText(/^0 of \d+ met$/)).toBeVisible();

    // IIS Manager shows the stopped virtual server; Start is refused because the service is disabled.
    const server = page.getByRole('treeitem', { name: '[SMTP Virtual Server #1] (Stopped)' });
    await expect(server).toBeVisible();
    await server.focus();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem', { name: 'Start' })).toBeFocused();
    await expect(menu.getByRole('menuitem', { name: 'Stop' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await expect(menu.getByRole('menuitem', { name: 'Pause' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await page.keyboard.press('Enter');
    await expect(menu).toBeHidden();
    await expect(server).toBeFocused();
    const iisAlert = page.getByRole('alert').filter({ hasText: 'Windows could not start' });
    await expect(iisAlert).toHaveText(
      `Windows could not start the ${SMTP} service on WEB01. Error 1058: The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.`,
    );

    await tools(page, 'Server tools').screenshot({
      path: testInfo.outputPath('iis-en-refused.png'),
    });

    // Services console: select the SMTP service with the keyboard.
    await page.getByRole('tab', { name: 'Services' }).click();
    const row = page
      .getByRole('region', { name: 'Services of WEB01' })
      .getByRole('row', { name: /Simple Mail Transfer/ });
    await expect(row).toContainText('Disabled');
    await expect(row).toContainText('Transports electronic mail across the network');
    await expect(row).not.toContainText('Running');
    const toolbar = page.getByRole('group', { name: 'Service actions' });
    await expect(toolbar.getByRole('button', { name: 'Start', exact: true })).toBeDisabled();
    await page.getByRole('radio', { name: 'IIS Admin Service' }).check();
    await expect(toolbar.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled();
    await page.keyboard.press('ArrowDown');
    const radio = page.getByRole('radio', { name: SMTP });
    await expect(radio).toBeChecked();
    await expect(radio).toBeFocused();
    // services.msc greys Start for a disabled service.
    await expect(toolbar.getByRole('button', { name: 'Start', exact: true })).toBeDisabled();
    await expect(toolbar.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();

    // Enter opens the Properties dialog.
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `${SMTP} Properties (Local Computer)` });
    await expect(dialog).toBeVisible();
    const startType = dialog.getByRole('combobox', { name: 'Startup type:' });
    await expect(startType).toBeFocused();
    await expect(startType).toHaveValue('Disabled');
    await expect(dialog.getByRole('status')).toHaveText('Stopped');
    await expect(dialog.getByText('Transports electronic mail across the network')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Start', exact: true })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await startType.selectOption('Automatic');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await expect(row).toContainText('Automatic');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText('Running');
    await expect(dialog.getByRole('button', { name: 'Start', exact: true })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled();
    await expectNoAxeViolations(page, 'service Properties dialog');
    await dialog.screenshot({ path: testInfo.outputPath('services-en-dialog.png') });
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    await expect(radio).toBeFocused();
    await expect(row).toContainText('Running');
    await expect(objective(page, 'SMTPSVC is running on WEB01')).toContainText('Met');
    await expectNoAxeViolations(page, 'services view');
    await tools(page, 'Server tools').screenshot({ path: testInfo.outputPath('services-en.png') });

    // The virtual server follows the service.
    await page.getByRole('tab', { name: 'IIS 6.0 Manager' }).click();
    await expect(page.getByRole('treeitem', { name: '[SMTP Virtual Server #1]' })).toBeVisible();

    await jumpUntilSolved(page, 'Jump 15 minutes', 'Solved!');
    await expect(page.getByText(/^(\d+) of \1 met$/)).toBeVisible();
    watch.expectClean();
  });

  test('should start, pause and stop the virtual server from IIS Manager', async ({ page }) => {
    const watch = watchPage(page);
    await openWorkspace(page, 'outbound-port-blocked');
    const tree = page.getByRole('tree');
    const action = page
      .getByRole('group', { name: 'Virtual server actions' })
      .getByRole('button', { name: 'Action' });
    await expect(tree.getByRole('treeitem', { name: '[SMTP Virtual Server #1]' })).toBeVisible();

    // Pause from the context menu (the mouse this time); Start is greyed while running.
    await tree.getByText('[SMTP Virtual Server #1]').click({ button: 'right' });
    await expect(page.getByRole('menuitem', { name: 'Start' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await page.getByRole('menuitem', { name: 'Pause' }).click();
    const paused = tree.getByRole('treeitem', { name: '[SMTP Virtual Server #1] (Paused)' });
    await expect(paused).toBeVisible();
    await expect(paused).toBeFocused();

    // When paused, Start resumes (keyboard: Shift+F10 opens the context menu).
    await page.keyboard.press('Shift+F10');
    await expect(page.getByRole('menuitem', { name: 'Pause' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await expect(page.getByRole('menuitem', { name: 'Start' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(tree.getByRole('treeitem', { name: '[SMTP Virtual Server #1]' })).toBeVisible();

    // The toolbar's Action menu holds the same verbs (MMC's Action menu).
    await action.focus();
    await page.keyboard.press('Enter');
    await expect(action).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('menuitem', { name: 'Stop' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(action).toBeFocused();
    await expect(action).toHaveAttribute('aria-expanded', 'false');
    await expect(
      tree.getByRole('treeitem', { name: '[SMTP Virtual Server #1] (Stopped)' }),
    ).toBeVisible();
    await page.getByRole('tab', { name: 'Services' }).click();
    await expect(
      page
        .getByRole('region', { name: 'Services of WEB01' })
        .getByRole('row', { name: /Simple Mail Transfer/ }),
    ).not.toContainText('Running');
    await page.getByRole('tab', { name: 'IIS 6.0 Manager' }).click();
    await action.click();
    await expect(page.getByRole('menuitem', { name: 'Stop' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await page.getByRole('menuitem', { name: 'Start' }).click();
    await expect(tree.getByRole('treeitem', { name: '[SMTP Virtual Server #1]' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectNoAxeViolations(page, 'IIS Manager after start');
    watch.expectClean();
  });

  test('should disable the outbound block rule in the firewall console and drain the queue', async ({
    page,
  }, testInfo) => {
    const watch = watchPage(page);
    await openWorkspace(page, 'outbound-port-blocked');
    await page.getByRole('tab', { name: 'Firewall' }).click();
    await page.getByRole('tab', { name: 'Outbound Rules' }).click();
    const outbound = page.getByRole('region', { name: 'Outbound Rules' });
    await expect(outbound.getByRole('columnheader', { name: 'Group' })).toBeVisible();
    await expect(outbound.getByRole('columnheader', { name: 'Profile' })).toBeVisible();
    const dns = outbound.getByRole('row', { name: /Core Networking - DNS/ });
    await expect(dns).toContainText('Core Networking');
    await expect(dns).toContainText('All');

    const actions = page.getByRole('group', {
      name: 'Actions for the selected rule in Outbound Rules',
    });
    await expect(actions.getByRole('button', { name: 'Disable Rule' })).toBeDisabled();
    // Keyboard: Tab to the radio buttons, arrows select.
    const block = outbound.getByRole('radio', { name: 'Block SMTP Outbound (baseline)' });
    const dnsRadio = outbound.getByRole('radio', { name: 'Core Networking - DNS (UDP-Out)' });
    await dnsRadio.focus();
    await page.keyboard.press('Space');
    await expect(dnsRadio).toBeChecked();
    await expect(actions.getByRole('button', { name: 'Disable Rule' })).toBeEnabled();
    await page.keyboard.press('ArrowUp');
    await expect(block).toBeChecked();
    await expect(block).toBeFocused();
    const row = outbound.getByRole('row', { name: /Block SMTP Outbound/ });
    await expect(row).toContainText('Yes');
    await expect(actions.getByRole('button', { name: 'Enable Rule' })).toBeDisabled();
    await actions.getByRole('button', { name: 'Disable Rule' }).click();
    await expect(row).toContainText('No');
    await expect(actions.getByRole('button', { name: 'Enable Rule' })).toBeEnabled();
    await expect(actions.getByRole('button', { name: 'Disable Rule' })).toBeDisabled();
    await expectNoAxeViolations(page, 'firewall view');
    await tools(page, 'Server tools').screenshot({ path: testInfo.outputPath('firewall-en.png') });

    await jumpUntilSolved(page, 'Jump 15 minutes', 'Solved!');
    await expect(page.getByText(/^(\d+) of \1 met$/)).toBeVisible();
    watch.expectClean();
  });

  test('should ask before turning the firewall off, and then break the safety objective', async ({
    page,
  }, testInfo) => {
    const watch = watchPage(page);
    await openWorkspace(page, 'outbound-port-blocked');
    const safe = objective(page, 'firewall is still on');
    await expect(safe).toContainText('Met');
    await expect(safe).not.toContainText('Not met');

    await page.getByRole('tab', { name: 'Firewall' }).click();
    const turnOff = page.getByRole('button', { name: 'Turn the firewall off (all profiles)…' });
    await turnOff.click();
    const dialog = page.getByRole('dialog', { name: 'Turn off Windows Defender Firewall?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Turning the firewall off is not a fix.');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expectNoAxeViolations(page, 'firewall off confirmation');
    await dialog.screenshot({ path: testInfo.outputPath('firewall-en-dialog.png') });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(turnOff).toBeFocused();
    await expect(page.getByText('Windows Defender Firewall is on (WEB01).')).toBeVisible();

    await turnOff.click();
    await dialog.getByRole('button', { name: 'Turn off' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Windows Defender Firewall is off (WEB01).')).toBeVisible();
    await expect(safe).toContainText('Not met');
    await expect(page.getByText('Solved!')).toHaveCount(0);

    // Turning it back on needs no confirmation.
    await page.getByRole('button', { name: 'Turn the firewall on (all profiles)' }).click();
    await expect(page.getByText('Windows Defender Firewall is on (WEB01).')).toBeVisible();
    await expect(safe).not.toContainText('Not met');
    watch.expectClean();
  });
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('should fix the disabled service with the Japanese Services console', async ({
    page,
  }, testInfo) => {
    const watch = watchPage(page);
    await openWorkspace(page, 'smtp-service-disabled');
    const server = page.getByRole('treeitem', { name: '[SMTP Virtual Server #1] (停止)' });
    await expect(server).toBeVisible();
    await page
      .getByRole('group', { name: '仮想サーバーの操作' })
      .getByRole('button', { name: '操作' })
      .click();
    await page.getByRole('menuitem', { name: '開始' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'エラー 1058' })).toHaveText(
      `WEB01 の ${SMTP} サービスを開始できませんでした。エラー 1058: サービスを開始できません。サービスが無効であるか、またはサービスに関連付けられた有効なデバイスがありません。`,
    );

    await page.getByRole('tab', { name: 'サービス', exact: true }).click();
    for (const name of ['名前', '説明', '状態', 'スタートアップの種類'])
      await expect(page.getByRole('columnheader', { name, exact: true })).toBeVisible();
    const row = page
      .getByRole('region', { name: 'WEB01 のサービス' })
      .getByRole('row', { name: /Simple Mail Transfer/ });
    await expect(row).toContainText('無効');
    await expect(row).toContainText('ネットワークを介して電子メールを転送します');
    await expect(page.getByRole('row', { name: /IIS Admin Service/ }).first()).toContainText(
      '実行中',
    );
    const toolbar = page.getByRole('group', { name: 'サービスの操作' });
    for (const name of ['開始', '停止', '一時停止', '再開', '再起動', 'プロパティ'])
      await expect(toolbar.getByRole('button', { name, exact: true })).toBeVisible();
    await page.getByRole('radio', { name: SMTP }).check();
    await tools(page, 'サーバーの管理ツール').screenshot({
      path: testInfo.outputPath('services-ja-disabled.png'),
    });
    await toolbar.getByRole('button', { name: 'プロパティ' }).click();

    const dialog = page.getByRole('dialog', {
      name: `${SMTP} のプロパティ (ローカル コンピューター)`,
    });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('status')).toHaveText('停止');
    const startType = dialog.getByRole('combobox', { name: 'スタートアップの種類:' });
    await expect(startType.locator('option')).toHaveText(['自動', '手動', '無効']);
    await startType.selectOption({ label: '自動' });
    await dialog.screenshot({ path: testInfo.outputPath('services-ja-dialog.png') });
    await dialog.getByRole('button', { name: '適用' }).click();
    await dialog.getByRole('button', { name: '開始', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText('実行中');
    await expectNoAxeViolations(page, 'サービスのプロパティ');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(row).toContainText('実行中');
    await expect(row).toContainText('自動');
    await expectNoAxeViolations(page, 'サービス');
    await tools(page, 'サーバーの管理ツール').screenshot({
      path: testInfo.outputPath('services-ja.png'),
    });

    await jumpUntilSolved(page, '15 分進める', '解決しました');
    watch.expectClean();
  });

  test('should use the Japanese firewall console', async ({ page }, testInfo) => {
    const watch = watchPage(page);
    await openWorkspace(page, 'outbound-port-blocked');
    await page.getByRole('tab', { name: 'ファイアウォール' }).click();
    await page.getByRole('tab', { name: '送信の規則' }).click();
    const outbound = page.getByRole('region', { name: '送信の規則' });
    for (const name of ['グループ', 'プロファイル', '有効', '操作'])
      await expect(outbound.getByRole('columnheader', { name, exact: true })).toBeVisible();
    await expect(outbound.getByRole('row', { name: /コア ネットワーク - DNS/ })).toContainText(
      'すべて',
    );
    const actions = page.getByRole('group', { name: '送信の規則 で選択した規則の操作' });
    await outbound.getByRole('radio', { name: 'Block SMTP Outbound (baseline)' }).check();
    await actions.getByRole('button', { name: '規則の無効化' }).click();
    await expect(outbound.getByRole('row', { name: /Block SMTP Outbound/ })).toContainText(
      'いいえ',
    );
    await expect(actions.getByRole('button', { name: '規則の有効化' })).toBeEnabled();
    await expectNoAxeViolations(page, 'ファイアウォール');
    await tools(page, 'サーバーの管理ツール').screenshot({
      path: testInfo.outputPath('firewall-ja.png'),
    });

    await page.getByRole('button', { name: /ファイアウォールを無効にする/ }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Windows Defender ファイアウォールを無効にしますか?',
    });
    await expect(dialog).toContainText('ファイアウォールを無効にすることは修正ではありません。');
    await dialog.screenshot({ path: testInfo.outputPath('firewall-ja-dialog.png') });
    await dialog.getByRole('button', { name: '無効にする' }).click();
    await expect(
      page.getByText('Windows Defender ファイアウォールは無効です (WEB01)。'),
    ).toBeVisible();
    await expect(objective(page, 'WEB01 のファイアウォールが有効なまま')).toContainText('未達成');
    watch.expectClean();
  });
});
