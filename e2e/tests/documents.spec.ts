import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, DUC, signIn } from '../support/citizens';
import { readFileSync } from 'node:fs';

// The data store against the demo data: Nguyễn Văn An holds 24 documents, among them his
// birth certificate ("Giấy khai sinh") and a certified copy of it.

test.describe('the personal electronic data store', () => {
  test('search without diacritics, filters in the address, detail, preview and download', async ({ portal, page }, testInfo) => {
    await portal.open('/documents');
    await signIn(page, AN);
    await expect(portal.heading()).toHaveText(t('vi', 'page.documents.title'));
    await expect(page.getByRole('status').filter({ hasText: /^Tìm thấy [\d.]+ giấy tờ$/ })).toBeVisible();
    await expectNoAxeViolations(page, 'documents');

    await page.getByLabel(t('vi', 'documents.search_label')).fill('giay khai sinh');
    await expect(page).toHaveURL((url) => url.searchParams.get('q') === 'giay khai sinh');
    await expect(portal.main().getByRole('link', { name: 'Giấy khai sinh', exact: true }).first()).toBeVisible();
    // Every result has all the words, whatever their diacritics. The unfiltered list holds a
    // "Giấy khai sinh" too, so wait until the answer to the search has replaced it.
    const headings = portal.main().getByRole('heading', { level: 2 });
    await expect.poll(async () => {
      const names = await headings.allTextContents();
      return names.length > 0 && names.every((name) => name.toLowerCase().includes('giấy khai sinh'));
    }).toBe(true);

    // A filter is a step Back can undo; a reload keeps everything.
    await page.getByLabel(t('vi', 'documents.sort_label')).selectOption('name');
    await expect(page).toHaveURL((url) => url.searchParams.get('sort') === 'name');
    await page.reload();
    await expect(page.getByLabel(t('vi', 'documents.search_label'))).toHaveValue('giay khai sinh');
    await expect(page.getByLabel(t('vi', 'documents.sort_label'))).toHaveValue('name');
    await page.goBack();
    await expect(page).toHaveURL((url) => url.searchParams.get('sort') === null && url.searchParams.get('q') === 'giay khai sinh');
    await keepScreenshot(page, testInfo, 'documents-search');

    // Nothing found: said, with a way out.
    await page.getByLabel(t('vi', 'documents.search_label')).fill('khong co giay nay');
    await expect(portal.main().getByText(t('vi', 'documents.empty'))).toBeVisible();
    await portal.main().getByRole('link', { name: t('vi', 'documents.clear') }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/documents' && url.search === '');

    // The detail: metadata, the file in the page, a download with the real bytes, a check for updates.
    await page.getByLabel(t('vi', 'documents.search_label')).fill('giấy khai sinh');
    await portal.main().getByRole('link', { name: 'Giấy khai sinh', exact: true }).first().click();
    await expect(portal.heading()).toHaveText('Giấy khai sinh');
    await expect(page.frameLocator(`iframe[title="${t('vi', 'documents.preview_label')}"]`).locator('body')).toBeAttached();
    const downloadLink = portal.main().getByRole('link', { name: new RegExp(t('vi', 'documents.download')) });
    if (testInfo.project.name === 'kiosk') {
      // A shared kiosk saves nothing to its disk: the file is viewed and printed instead, or
      // carried away by a share link, texted to the citizen's phone (the kiosk's server has a
      // public address) or scanned from its QR.
      await expect(portal.main().getByText(t('vi', 'documents.kiosk_no_download'))).toBeVisible();
      await expect(portal.main().getByText(t('vi', 'documents.kiosk_share_hint_sms'))).toBeVisible();
      // Not pressed here: headless Chromium's renderer crashes when a PDF frame prints (a
      // real, headed Chromium opens its print preview; tried under Xvfb).
      await expect(portal.main().getByRole('button', { name: t('vi', 'documents.print_file') })).toBeVisible();
      await expect(downloadLink).toHaveCount(0);
    } else {
      const [download] = await Promise.all([page.waitForEvent('download'), downloadLink.click()]);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      await expect(portal.main().getByRole('button', { name: t('vi', 'documents.print_file') })).toHaveCount(0);
    }
    await page.getByRole('button', { name: t('vi', 'documents.sync_button') }).click();
    await expect(page.getByRole('status').filter({ hasText: t('vi', 'documents.sync_done') })).toBeVisible();
    await expect(portal.main().getByRole('heading', { name: t('vi', 'documents.history_heading') })).toBeVisible();
    await keepScreenshot(page, testInfo, 'document-detail');
    await expectNoAxeViolations(page, 'document detail');
  });
});

test('the 10,000-document store: searched in the page as typed, offline too, pages, and a small page', async ({ portal, page, context, allowHttpErrors }) => {
  // Offline, Chromium asks for the page's icon again on each change of address, and logs
  // its failure.
  allowHttpErrors.push(/\/favicon\.svg$/);
  await portal.open('/documents');
  await signIn(page, DUC);
  await expect(page.getByRole('status').filter({ hasText: t('vi', 'documents.count', { count: '10.000' }) })).toBeVisible();
  // The page holds one page of results, not 10,000.
  const domNodes = () => page.evaluate(() => document.getElementsByTagName('*').length);
  expect(await domNodes()).toBeLessThanOrEqual(2000);
  const results = portal.main().getByRole('list').filter({ has: page.getByRole('heading', { level: 2 }) });
  await expect(results.getByRole('listitem')).toHaveCount(20);

  // The list has come once; from here the page searches it itself: no request per
  // keystroke, and no network needed.
  const requests: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/v1/document')) requests.push(r.url());
  });
  await context.setOffline(true);
  // Typed a letter at a time, as a citizen types, without diacritics.
  await page.getByLabel(t('vi', 'documents.search_label')).pressSequentially('giay khai sinh', { delay: 20 });
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === 'giay khai sinh');
  await context.setOffline(false);
  // What the page shows is what the server answers to the same words.
  const server = await (await page.request.get('/api/v1/documents?q=giay%20khai%20sinh')).json();
  expect(server.total).toBeGreaterThan(20);
  expect(server.total).toBeLessThan(10_000);
  // The count says what it counts: "Tìm thấy 1.234 giấy tờ với từ khóa “giay khai sinh”".
  const count = page.getByRole('status').filter({ hasText: t('vi', 'documents.count_for', { count: server.total.toLocaleString('vi-VN'), words: 'giay khai sinh' }) });
  await expect(count).toBeVisible();
  const found: number = server.total;
  const names = await portal.main().getByRole('heading', { level: 2 }).allTextContents();
  expect(names).toEqual(server.items.map((item: { name: string }) => item.name));
  for (const name of names) expect(name.toLowerCase()).toContain('giấy khai sinh');
  expect(requests, 'no request while typing').toEqual([]);

  // The next page is another 20 (or the rest), and the page stays small.
  await portal.main().getByRole('link', { name: t('vi', 'documents.next') }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('page') === '2');
  await expect(page.getByText(t('vi', 'documents.page_of', { page: 2, pages: Math.ceil(found / 20) }))).toBeVisible();
  expect(await domNodes()).toBeLessThanOrEqual(2000);
  await expectNoAxeViolations(page, 'documents, 10,000-document store');
});
