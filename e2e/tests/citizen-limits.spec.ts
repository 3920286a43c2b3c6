import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, signIn } from '../support/citizens';
import { PORT_BASE, startServer } from '../support/server';

// Each citizen's pace of searches (issue 13), met for real: a server of this spec's own
// allows one documents search per citizen per 3 seconds. A search past the pace waits its
// turn, up to 3 s, so one tab (one search in flight) is only slowed; of two tabs searching at
// once, the second's turn is more than 3 s away, so it is refused 429 with Retry-After. That
// tab keeps what was typed and the list it had, says calmly to wait, and searches again by
// itself once the wait is over.
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

  test('is asked calmly to wait, keeps what they typed, and gets the list once the wait is over', async ({ portal, page, allowHttpErrors }, testInfo) => {
    // The refused search is answered 429, which Chromium logs as a failed load.
    allowHttpErrors.push(/\/api\/v1\/documents\?/);
    await portal.open('/documents');
    await signIn(page, AN);
    const countIn = (tab: Page) => tab.getByRole('status').filter({ hasText: /^Tìm thấy [\d.]+ giấy tờ$/ });
    const count = countIn(page);
    await expect(count).toBeVisible();
    // Another tab of the same citizen, with its list: its load waits its turn, so the next
    // turn is 3 s after that answer.
    const other = await page.context().newPage();
    await other.goto('/documents');
    await expect(countIn(other)).toBeVisible();
    const searchBox = (tab: Page) => tab.getByLabel(t('vi', 'documents.search_label'));
    const sent = other.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/documents');
    await searchBox(other).press('g');
    await sent;
    // The other tab's search has that turn; this one's is 6 s away, more than a search waits.
    const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/documents' && r.status() === 429);
    const box = searchBox(page);
    await box.pressSequentially('giay khai sinh', { delay: 20 });
    const answer = await refused;
    expect(answer.headers()['retry-after']).toMatch(/^[1-6]$/);
    await other.close();

    const wait = page.getByRole('status').filter({ hasText: t('vi', 'documents.search_waiting') });
    await expect(wait).toBeVisible();
    await expect(wait).toContainText(t('vi', 'error.rate_limited'));
    const countdown = [1, 2, 3, 4, 5, 6].map((seconds) => t('vi', 'error.retry_after', { seconds })).concat(t('vi', 'error.retry_now'));
    await expect(wait).toContainText(new RegExp(countdown.map(escapeRegExp).join('|')));
    // Nothing is lost or broken meanwhile: the words typed, and the list the citizen had.
    await expect(box).toHaveValue('giay khai sinh');
    await expect(count).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await keepScreenshot(page, testInfo, 'documents-search-wait');
    await expectNoAxeViolations(page, 'documents search, asked to wait');

    // Once the wait is over the list answers what the box holds, without another keystroke.
    await expect(wait).toBeHidden();
    const headings = portal.main().getByRole('heading', { level: 2 });
    await expect.poll(async () => {
      const names = await headings.allTextContents();
      return names.length > 0 && names.every((name) => name.toLowerCase().includes('giấy khai sinh'));
    }).toBe(true);
    await expect(page.locator('#document-results')).not.toHaveAttribute('aria-busy', 'true');
    await expect(box).toHaveValue('giay khai sinh');
  });
});
