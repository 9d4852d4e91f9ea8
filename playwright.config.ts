import { defineConfig } from '@playwright/test';

/**
 * E2E runs against the *built* app (dist/), never the dev server. Build first:
 * `npm run test:e2e` does `vite build && playwright test`.
 *
 * Two servers, both started by Playwright:
 *  - `vite preview` serving dist/ at http://127.0.0.1:4173/ (baseURL of the `chromium` project);
 *  - scripts/static-server.mjs, a plain static server with no SPA fallback, serving the same dist/
 *    under a sub-path: http://127.0.0.1:4174/nested/path/. This proves `base: './'` works when the
 *    site is not hosted at the root.
 *
 * Sub-path checks: tag a test `@subpath`, e.g.
 *   test('loads from a sub-path', { tag: '@subpath' }, async ({ page }) => { await page.goto('./'); ... });
 * It then runs only in the `subpath` project, whose baseURL is the nested URL. Use relative URLs
 * ('./', './#x'): `page.goto('/')` would leave the sub-path. Any test can also read the URL from
 * process.env.E2E_SUBPATH_URL.
 */
const PREVIEW_URL = 'http://127.0.0.1:4173/';
const SUBPATH_PORT = 4174;
const SUBPATH_PREFIX = '/nested/path/';
const SUBPATH_URL = `http://127.0.0.1:${SUBPATH_PORT}${SUBPATH_PREFIX}`;
process.env.E2E_SUBPATH_URL = SUBPATH_URL;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  workers: 1,
  timeout: 60_000,
  forbidOnly: !!process.env.CI,
  // Keep artifacts out of test-results/ itself: Playwright empties outputDir on start, and
  // test-results/vitest.json lives there.
  outputDir: 'test-results/e2e-artifacts',
  // scripts/test-all.mjs reads the JSON report to count tests.
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: PREVIEW_URL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'chromium', grepInvert: /@subpath/ },
    { name: 'subpath', grep: /@subpath/, use: { baseURL: SUBPATH_URL } },
  ],
  // The static server goes first: it exits at once if dist/index.html is missing (instead of
  // Playwright waiting 30 s for a server that can only answer 404).
  webServer: [
    {
      command: `node scripts/static-server.mjs --root dist --prefix ${SUBPATH_PREFIX} --port ${SUBPATH_PORT}`,
      url: SUBPATH_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
      url: PREVIEW_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
