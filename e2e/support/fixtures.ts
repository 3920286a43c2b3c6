import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type ConsoleMessage, type Page, type Request, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PortalPage } from '../pages/portal';
import { unlockAllCodes } from './code-lock';

/** A console message or page error the app should never produce. */
type Problem = { kind: string; text: string; url?: string };

// A signed-out visitor's session check answers 401 by design (the API's rule for a missing
// session); Chromium logs that as a failed load. Only exactly that is expected.
function isExpectedSignedOutCheck(message: ConsoleMessage): boolean {
  const url = message.location().url ?? '';
  return /\/api\/v1\/session$/.test(url) && message.text().includes('401');
}

/**
 * Failed loads a test expects, by URL: a sign-in test that types a wrong password expects the
 * server's 401 for it, which Chromium logs as an error. A test lists them with
 * `allowHttpErrors.push(/\/api\/v1\/sign-in$/)`; anything else still fails the test.
 */
function isAllowedFailure(message: ConsoleMessage, allowed: RegExp[]): boolean {
  const url = message.location().url ?? '';
  const failedLoad = message.text().startsWith('Failed to load resource') || message.text().startsWith('TypeError: Failed to fetch');
  return failedLoad && allowed.some((pattern) => pattern.test(url));
}

/** How Chromium says a load failed because the connection went away. */
const OFFLINE = 'net::ERR_INTERNET_DISCONNECTED';

/**
 * A test that goes offline may cut the app's background fetch of the pages a citizen is
 * likely to open next (`<link rel="prefetch">`, src/lazy_routes.rs); Chromium logs each cut
 * file as a failed load. That is the test's own doing, and nothing the app minds: it fetches
 * the files again when the page is opened. Only a prefetch (Chromium sends it with
 * `Sec-Purpose: prefetch`) cut this way is let through.
 */
function isPrefetchCutOffline(request: Request): boolean {
  return request.headers()['sec-purpose'] === 'prefetch' && request.failure()?.errorText === OFFLINE;
}

export const test = base.extend<{ portal: PortalPage; problems: Problem[]; allowHttpErrors: RegExp[] }>({
  allowHttpErrors: async ({}, use) => {
    await use([]);
  },
  problems: [
    async ({ page, allowHttpErrors }, use) => {
      const problems: Problem[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && !isExpectedSignedOutCheck(message) && !isAllowedFailure(message, allowHttpErrors)) {
          problems.push({ kind: 'console', text: message.text(), url: message.location().url });
        }
      });
      page.on('pageerror', (error) => problems.push({ kind: 'pageerror', text: error.message }));
      const cut = new Set<string>();
      page.on('requestfailed', (request) => {
        if (isPrefetchCutOffline(request)) cut.add(request.url());
      });
      await use(problems);
      unlockAllCodes();
      // Chromium logs a failed load before it reports the request failed: matched at the end.
      const real = problems.filter((problem) => !(problem.kind === 'console' && problem.url !== undefined && cut.has(problem.url) && problem.text.includes(OFFLINE)));
      // Every test ends with a clean console: CSP violations and panics appear here.
      expect(real, 'console errors, CSP violations or uncaught errors').toEqual([]);
    },
    { auto: true },
  ],
  portal: async ({ page }, use) => {
    await use(new PortalPage(page));
  },
});

export { expect };

/** Runs axe-core with the WCAG 2.2 AA rules and fails on any violation. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Keeps a full-page screenshot as an artifact, named by viewport project and state. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = resolve(__dirname, '../artifacts/screenshots', testInfo.project.name);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: resolve(dir, `${name}.png`), fullPage: true });
}

