/**
 * The learner's journey through the first scenario, as a learner does it: pick the ticket in the
 * catalog, read the briefing, investigate from the server's console (reading what it prints),
 * find the blocking firewall rule, name the root cause (after one wrong guess), fix it, let the clock
 * run to the next retry, and see "Solved" with the run's record.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, watchPage } from './helpers';

test.use({ locale: 'en-US', viewport: { width: 1440, height: 1000 } });

test('should solve "outbound port 25 blocked" from the console', async ({ page }, testInfo) => {
  const watch = watchPage(page);
  await page.goto('./');
  await page.getByRole('link', { name: /outbound port 25 blocked/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('outbound port 25 blocked');
  await page.getByRole('button', { name: /^(Start|Continue)$/ }).click();

  const input = page.getByRole('textbox', { name: 'Console input' });
  const output = page.getByRole('log', { name: 'Console output' });
  const run = async (line: string) => {
    await input.fill(line);
    await input.press('Enter');
    await expect(output).toContainText(line);
  };

  // The queue holds the shop's mail; nothing is solved yet.
  await expect(page.getByText('Solved!')).toHaveCount(0);
  await run('dir C:\\inetpub\\mailroot\\Queue');
  await expect(output).toContainText('.EML');

  // Where should the mail go, and can the server reach it?
  await run('nslookup -type=mx example.net');
  await expect(output).toContainText('mail exchanger = mx1.example.net');
  await run('Test-NetConnection mx1.example.net -Port 25');
  await expect(output).toContainText('TcpTestSucceeded       : False');
  await expect(output).toContainText('PingSucceeded          : True');

  // telnet agrees: the port is not reachable.
  await run('telnet mx1.example.net 25');
  await expect(output).toContainText(
    'Could not open connection to the host, on port 25: Connect failed',
  );

  // The firewall has an outbound block rule.
  await run('Get-NetFirewallRule -Direction Outbound -Action Block');
  await expect(output).toContainText('Block SMTP Outbound (baseline)');

  // Name the root cause: a wrong guess first (it is counted), then the rule; the evidence is listed.
  const diagnosis = page.getByRole('region', { name: 'Diagnosis' });
  const check = diagnosis.getByRole('button', { name: 'Check my answer' });
  await expect(check).toBeDisabled();
  await diagnosis.getByRole('radio', { name: 'example.net has no MX record' }).check();
  await check.click();
  await expect(diagnosis).toContainText('“example.net has no MX record” is not the root cause');
  await diagnosis
    .getByRole('radio', { name: 'An outbound firewall rule on WEB01 blocks port 25' })
    .check();
  await check.click();
  await expect(diagnosis).toContainText('Right: this is the root cause.');
  // The form the focus was in is gone: the verdict has the focus now, not the page.
  await expect(diagnosis.getByText('Right: this is the root cause.')).toBeFocused();
  await expect(diagnosis.getByRole('listitem').filter({ hasText: 'Console on WEB01' })).toHaveCount(
    2,
  );
  await expect(diagnosis).toContainText('Block SMTP Outbound (baseline)');

  // Fix: disable that rule (not the whole firewall), then prove the port opens.
  await run('Disable-NetFirewallRule -DisplayName "Block SMTP Outbound (baseline)"');
  await run('telnet mx1.example.net 25');
  await expect(output).toContainText('220 mx1.example.net ESMTP Postfix');
  await run('QUIT');
  await expect(output).toContainText('221 2.0.0 Bye');

  // The queue drains on its next retries: jump the clock forward until it does.
  const jump = page.getByRole('button', { name: 'Jump 15 minutes' });
  const solved = page.getByText('Solved!');
  for (let i = 0; i < 20 && !(await solved.isVisible()); i++) await jump.click();
  await expect(solved).toBeVisible();
  await expect(page.getByText('4 of 4 met')).toBeVisible();
  const record = page.getByRole('list', { name: 'Your record for this scenario' });
  await expect(record).toContainText('Root cause: named right after one wrong answer.');
  await expect(record).toContainText('Hints used: 0 of 3.');

  await expectNoAxeViolations(page, 'solved workspace');
  await page.screenshot({ path: testInfo.outputPath('solved-workspace.png'), fullPage: true });
  watch.expectClean();
});
