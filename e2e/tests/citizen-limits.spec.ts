import type { ChildProcess } from 'node:child_process';
import type { APIResponse } from '@playwright/test';
import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, signIn } from '../support/citizens';
import { PORT_BASE, startServer } from '../support/server';

// Each citizen's pace of searches (issue 13), met for real: a server of this spec's own
// allows two documents searches per citizen per 3 seconds. The list page fetches the
// citizen's whole list once (one search) and searches it in the page; a fetch past the pace
// waits its turn, up to 3 s, and one whose turn is further away is refused 429 with
// Retry-After. The page then says calmly to wait, keeps what the citizen types meanwhile,
// and fetches the list again by itself once the wait is over.
const PORT = PORT_BASE + 3;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let server: ChildProcess | undefined;

test.describe('a citizen who searches faster than their share', () => {
  test.use({ baseURL: `http://127.0.0.1:${PORT}` });

  test.beforeAll(async ({}, testInfo) => {
    // One viewport is enough, and the server on this port is this spec's own.
    test.skip(testInfo.project.name !== 'desktop', 'desktop only');
    server = await startServer(PORT, { '--searches-per-citizen': '2' });
  });

  test.afterAll(() => {
    server?.kill();
  });

  test('is asked calmly to wait, keeps what they type, and gets the list once the wait is over', async ({ portal, page, allowHttpErrors }, testInfo) => {
    // The refused fetch is answered 429, which Chromium logs as a failed load.
    allowHttpErrors.push(/\/api\/v1\/document-index/);
    await portal.open('/documents');
    await signIn(page, AN);
    const count = page.getByRole('status').filter({ hasText: /^Tìm thấy [\d.]+ giấy tờ$/ });
    await expect(count).toBeVisible();
    // The pace starts again from a full allowance (two searches per 3 s), so that the list's
    // first fetch no longer counts: with it still counted, the last turn the others took could
    // be near enough for the page's to fall within the 3 s a search may wait, and the page got
    // its list (a refused search takes no turn).
    await page.waitForTimeout(3_000);
    // As the page asks for its list again, the same citizen's other tabs ask at the same
    // moment and take the next turns: now, now, in 1.5 s and in 3 s, so the page's turn is
    // 4.5 s away, more than the 3 s a search may wait. The page's request goes on once the
    // server has answered one of them (the others went with it), so that it cannot overtake
    // them, and well within the 1.5 s that would bring its turn back within reach.
    let others: Promise<APIResponse>[] = [];
    await page.route('**/api/v1/document-index', async (route) => {
      if (others.length === 0) {
        others = [1, 2, 3, 4, 5].map(() => page.request.get('/api/v1/document-index'));
        await Promise.race(others);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await route.continue();
    });
    const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/document-index' && r.status() === 429);
    await page.reload();
    const answer = await refused;
    expect(answer.headers()['retry-after']).toMatch(/^[1-6]$/);

    const wait = page.getByRole('status').filter({ hasText: t('vi', 'documents.search_waiting') });
    await expect(wait).toBeVisible();
    await expect(wait).toContainText(t('vi', 'error.rate_limited'));
    const countdown = [1, 2, 3, 4, 5, 6].map((seconds) => t('vi', 'error.retry_after', { seconds })).concat(t('vi', 'error.retry_now'));
    await expect(wait).toContainText(new RegExp(countdown.map(escapeRegExp).join('|')));
    // Nothing is broken meanwhile: no error, and the box takes what the citizen types.
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.locator('#document-results')).not.toHaveAttribute('aria-busy', 'true');
    const box = page.getByLabel(t('vi', 'documents.search_label'));
    await box.pressSequentially('giay khai sinh', { delay: 20 });
    await keepScreenshot(page, testInfo, 'documents-search-wait');
    await expectNoAxeViolations(page, 'documents list, asked to wait');

    // Once the wait is over the list comes, answering what the box holds, without another
    // keystroke.
    await expect(wait).toBeHidden();
    const headings = portal.main().getByRole('heading', { level: 2 });
    await expect.poll(async () => {
      const names = await headings.allTextContents();
      return names.length > 0 && names.every((name) => name.toLowerCase().includes('giấy khai sinh'));
    }).toBe(true);
    await expect(box).toHaveValue('giay khai sinh');
    expect(others.length).toBe(5);
    await Promise.all(others);
  });
});
