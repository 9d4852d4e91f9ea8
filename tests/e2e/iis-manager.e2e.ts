import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchPage } from './helpers';

/**
 * Journey: the learner fixes "550 5.7.1 Unable to relay" in IIS 6.0 Manager — Properties ›
 * Access › Relay…, adds the new app server, and the stuck order mails flow again.
 */
const SCENARIO = 'relay-for-app-server';

async function openWorkspace(page: Page): Promise<void> {
  await page.goto(`./#/s/${SCENARIO}/work`);
  await expect(page.getByRole('tree')).toBeVisible();
}

/** Opens the virtual server's context menu from the keyboard and picks Properties (its last item). */
async function openPropertiesFromKeyboard(page: Page, name: RegExp): Promise<void> {
  const server = page.getByRole('treeitem', { name: /\[SMTP Virtual Server #1\]/ });
  await server.focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu');
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: name })).toBeFocused();
  await page.keyboard.press('Enter');
}

test.describe('in English', () => {
  test.use({ locale: 'en-US' });

  test('should add the app server to the relay list and let its mail flow', async ({ page }) => {
    const watch = watchPage(page);
    await openWorkspace(page);
    await expect(page.getByText('1 of 2 met')).toBeVisible();

    await openPropertiesFromKeyboard(page, /^Properties$/);
    const sheet = page.getByRole('dialog', { name: '[SMTP Virtual Server #1] Properties' });
    await expect(sheet).toBeVisible();
    await expect(sheet).toHaveAttribute('aria-modal', 'true');
    await expect(sheet.getByRole('tab', { name: 'General' })).toBeFocused();

    // Arrow keys walk the tabs; Tab moves into the panel.
    await page.keyboard.press('ArrowRight');
    await expect(sheet.getByRole('tab', { name: 'Access' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    for (const name of ['Messages', 'Delivery', 'LDAP Routing', 'Security'])
      await expect(sheet.getByRole('tab', { name })).toBeVisible();
    await sheet.getByRole('button', { name: 'Relay…' }).focus();
    await page.keyboard.press('Enter');

    const relay = page.getByRole('dialog', { name: 'Relay Restrictions' });
    await expect(relay.getByRole('radio', { name: 'Only the list below' })).toBeChecked();
    await expect(
      relay.getByRole('checkbox', { name: /Allow all computers which successfully authenticate/ }),
    ).toBeChecked();
    await expect(relay.getByText('10.0.0.21', { exact: true })).toBeVisible();

    await relay.getByRole('button', { name: 'Add…' }).focus();
    await page.keyboard.press('Enter');
    const computer = page.getByRole('dialog', { name: 'Computer' });
    await expect(computer.getByRole('radio', { name: 'Single computer' })).toBeChecked();
    // A bad address is refused in the dialog, next to the box.
    await computer.getByRole('textbox', { name: 'IP address:' }).fill('10.0.0.300');
    await page.keyboard.press('Enter');
    await expect(computer.getByText('Enter an IPv4 address such as 10.0.0.20.')).toBeVisible();
    await computer.getByRole('textbox', { name: 'IP address:' }).fill('10.0.0.20');
    await page.keyboard.press('Enter');
    await expect(computer).toBeHidden();
    await expect(relay.getByText('10.0.0.20', { exact: true })).toBeVisible();

    // Retire the old server's address too (the debrief's advice).
    await relay.getByRole('radio', { name: '10.0.0.21' }).check();
    await relay.getByRole('button', { name: 'Remove' }).click();
    await expect(relay.getByText('10.0.0.21', { exact: true })).toHaveCount(0);

    await expectNoAxeViolations(page, 'Relay Restrictions dialog');
    await relay.getByRole('button', { name: 'OK' }).click();
    await expect(relay).toBeHidden();
    await expect(sheet.getByRole('button', { name: 'Relay…' })).toBeFocused();
    await expect(sheet.getByRole('button', { name: 'Apply' })).toBeEnabled();
    await expectNoAxeViolations(page, 'Properties dialog');

    await sheet.getByRole('button', { name: 'OK' }).click();
    await expect(sheet).toBeHidden();

    // The world holds the new list: reopening shows it.
    await page.getByRole('button', { name: 'Properties', exact: true }).click();
    await sheet.getByRole('tab', { name: 'Access' }).click();
    await sheet.getByRole('button', { name: 'Relay…' }).click();
    await expect(relay.getByText('10.0.0.20', { exact: true })).toBeVisible();
    await expect(relay.getByText('10.0.0.21', { exact: true })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(relay).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();

    // And the mail flows: the next order confirmations reach the customer.
    const jump = page.getByRole('button', { name: 'Jump 15 minutes' });
    for (let i = 0; i < 6; i++) await jump.click();
    await expect(page.getByText('2 of 2 met')).toBeVisible();
    watch.expectClean();
  });

  test('should show the world’s error next to the field and keep the dialog open', async ({
    page,
  }) => {
    const watch = watchPage(page);
    await openWorkspace(page);
    const server = page.getByRole('treeitem', { name: /\[SMTP Virtual Server #1\]/ });
    await server.focus();
    await page.keyboard.press('Alt+Enter');
    const sheet = page.getByRole('dialog', { name: '[SMTP Virtual Server #1] Properties' });
    await expect(sheet).toBeVisible();

    // Focus stays inside the modal: Shift+Tab from the first control wraps to the last one.
    await expect(sheet.getByRole('tab', { name: 'General' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(sheet.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(sheet.getByRole('tab', { name: 'General' })).toBeFocused();

    await sheet.getByRole('tab', { name: 'Messages' }).click();
    const session = sheet.getByRole('textbox', { name: 'Limit session size to (KB):' });
    await expect(session).toHaveValue('10240');
    await expect(sheet.getByRole('textbox', { name: 'Limit message size to (KB):' })).toHaveValue(
      '2048',
    );
    await session.fill('1024');
    await sheet.getByRole('button', { name: 'Apply' }).click();
    await expect(sheet.getByRole('alert')).toContainText('The settings were not saved');
    await expect(session).toHaveAttribute('aria-invalid', 'true');
    await expect(session).toHaveAccessibleDescription(/must not be smaller than the message size/);

    await session.fill('20480');
    await expect(session).not.toHaveAttribute('aria-invalid', 'true');
    await sheet.getByRole('button', { name: 'Apply' }).click();
    await expect(sheet.getByRole('button', { name: 'Apply' })).toBeDisabled();

    // Esc closes the sheet and gives the focus back to the tree.
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect(server).toBeFocused();
    watch.expectClean();
  });

  test('should keep the sheet one size, its tabs and buttons in view on a short window', async ({
    page,
  }) => {
    const watch = watchPage(page);
    await page.setViewportSize({ width: 1366, height: 600 });
    await openWorkspace(page);
    await page.getByRole('treeitem', { name: /\[SMTP Virtual Server #1\]/ }).focus();
    await page.keyboard.press('Alt+Enter');
    const sheet = page.getByRole('dialog', { name: '[SMTP Virtual Server #1] Properties' });
    const tabs = sheet.getByRole('tablist');
    const ok = sheet.getByRole('button', { name: 'OK' });
    await expect(ok).toBeInViewport({ ratio: 1 });
    const where = await tabs.boundingBox();
    // Access and Delivery are the tallest pages: the sheet must not grow, move or push OK away.
    for (const name of ['Access', 'Delivery', 'Messages', 'General']) {
      await sheet.getByRole('tab', { name }).click();
      expect(await tabs.boundingBox()).toEqual(where);
      await expect(ok).toBeInViewport({ ratio: 1 });
    }
    // A long page scrolls under the tab strip; the strip and the buttons stay.
    await sheet.getByRole('tab', { name: 'Access' }).click();
    await sheet.getByRole('button', { name: 'Relay…' }).scrollIntoViewIfNeeded();
    await expect(tabs).toBeInViewport({ ratio: 1 });
    await expect(ok).toBeInViewport({ ratio: 1 });
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    watch.expectClean();
  });

  test('should keep Apply greyed in a domain’s properties until something changes', async ({
    page,
  }) => {
    const watch = watchPage(page);
    await openWorkspace(page);
    await page.getByRole('treeitem', { name: /^Domains/ }).click();
    await page.getByRole('button', { name: 'New › Domain…' }).click();
    const wizard = page.getByRole('dialog', { name: 'New SMTP Domain Wizard' });
    await expect(wizard.getByRole('radio', { name: 'Remote' })).toBeChecked();
    await wizard.getByRole('textbox', { name: 'Name:' }).fill('partner.example');
    await wizard.getByRole('button', { name: 'Finish' }).click();
    await expect(wizard).toBeHidden();

    await page.getByRole('radio', { name: 'partner.example' }).check();
    await page.getByRole('button', { name: 'Properties…' }).click();
    const sheet = page.getByRole('dialog', { name: 'partner.example Properties' });
    const apply = sheet.getByRole('button', { name: 'Apply' });
    // As in the virtual server's sheet: nothing changed yet, so nothing to apply.
    await expect(apply).toBeDisabled();
    const relay = sheet.getByRole('checkbox', {
      name: 'Allow incoming mail to be relayed to this domain',
    });
    await relay.check();
    await expect(apply).toBeEnabled();
    await relay.uncheck();
    await expect(apply).toBeDisabled();
    await relay.check();
    await apply.click();
    await expect(apply).toBeDisabled();
    await expectNoAxeViolations(page, 'domain properties');

    // Reopened, the sheet shows the saved value and again nothing to apply.
    await sheet.getByRole('button', { name: 'OK' }).click();
    await expect(sheet).toBeHidden();
    await page.getByRole('button', { name: 'Properties…' }).click();
    await expect(relay).toBeChecked();
    await expect(apply).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    watch.expectClean();
  });

  test('should list the firewall rules and the services of the server', async ({ page }) => {
    const watch = watchPage(page);
    await openWorkspace(page);
    await page.getByRole('tab', { name: 'Firewall' }).click();
    await expect(page.getByText('Windows Defender Firewall is on (WEB01).')).toBeVisible();
    const inbound = page.getByRole('region', { name: 'Inbound Rules' });
    await expect(inbound.getByRole('rowheader', { name: /SMTP-In/ })).toBeVisible();
    await page.getByRole('tab', { name: 'Outbound Rules' }).click();
    await expect(
      page.getByRole('region', { name: 'Outbound Rules' }).getByRole('rowheader', { name: /DNS/ }),
    ).toBeVisible();
    await page.getByRole('tab', { name: 'Services' }).click();
    const row = page.getByRole('row', { name: /Simple Mail Transfer Protocol \(SMTP\)/ });
    await expect(row).toContainText('Running');
    await expect(row).toContainText('Automatic');
    await expectNoAxeViolations(page, 'services view');
    watch.expectClean();
  });
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('should use the Japanese labels of IIS Manager', async ({ page }) => {
    const watch = watchPage(page);
    await openWorkspace(page);
    await expect(
      page.getByRole('treeitem', { name: /WEB01 \(ローカル コンピューター\)/ }),
    ).toBeVisible();
    await openPropertiesFromKeyboard(page, /^プロパティ$/);
    const sheet = page.getByRole('dialog', { name: '[SMTP Virtual Server #1] のプロパティ' });
    await expect(sheet).toBeVisible();
    for (const name of [
      '全般',
      'アクセス',
      'メッセージ',
      '配信',
      'LDAP ルーティング',
      'セキュリティ',
    ])
      await expect(sheet.getByRole('tab', { name })).toBeVisible();
    await sheet.getByRole('tab', { name: 'アクセス' }).click();
    await expect(sheet.getByRole('group', { name: '中継の制限' })).toBeVisible();
    await sheet.getByRole('button', { name: '中継...' }).click();
    const relay = page.getByRole('dialog', { name: '中継の制限' });
    await expect(relay.getByRole('radio', { name: '次の一覧に登録されたものだけ' })).toBeChecked();
    await expect(
      relay.getByRole('radio', { name: '次の一覧に登録されたものを除くすべて' }),
    ).not.toBeChecked();
    await expectNoAxeViolations(page, '中継の制限');
    await relay.getByRole('button', { name: 'キャンセル' }).click();
    await expect(sheet.getByRole('button', { name: 'OK' })).toBeVisible();
    await expect(sheet.getByRole('button', { name: 'キャンセル' })).toBeVisible();
    await expect(sheet.getByRole('button', { name: '適用' })).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    watch.expectClean();
  });
});
