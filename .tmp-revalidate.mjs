import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
const url = 'http://127.0.0.1:5192/';
const file = '/tmp/mr-copy/scenarios/connection/02-smtp-service-disabled.yaml';
const original = readFileSync(file, 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
const page = await browser.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push('pageerror ' + e.message));
await page.goto(url);
await page.getByRole('heading', { level: 1, name: 'Scenarios' }).waitFor({ timeout: 60000 });
const count = async () => ({ links: await page.locator('main a[href^="#/s/"]').count(), articles: await page.locator('main article').count() });
console.log('start', await count());
// 1. Break a file: the page reloads and lists it with its located error.
writeFileSync(file, original.replace(/^level: \d+/m, 'level: 9'));
await page.getByText('02-smtp-service-disabled.yaml:').first().waitFor({ timeout: 30000 });
console.log('broken', await count(), JSON.stringify(await page.locator('main article', { hasText: '02-smtp-service-disabled.yaml:' }).innerText()));
// 2. Restore it.
writeFileSync(file, original);
await page.getByText('02-smtp-service-disabled.yaml:').first().waitFor({ state: 'detached', timeout: 30000 });
console.log('restored', await count());
// 3. A new file appears in the catalog (as broken, it is empty).
const extra = '/tmp/mr-copy/scenarios/queue/09-new.yaml';
writeFileSync(extra, 'id: [');
await page.getByText('scenarios/queue/09-new.yaml').first().waitFor({ timeout: 30000 });
console.log('added', await count());
unlinkSync(extra);
await page.getByText('scenarios/queue/09-new.yaml').first().waitFor({ state: 'detached', timeout: 30000 });
console.log('removed', await count());
// 4. Open a workspace after all that.
await page.goto(url + '#/s/smtp-service-disabled/work');
await page.getByRole('textbox', { name: 'Console input' }).waitFor({ timeout: 60000 });
console.log('workspace ok; problems', problems);
await browser.close();
