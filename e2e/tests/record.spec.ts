import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, BINH, signIn, type Citizen } from '../support/citizens';
import { decodeQr } from '../support/qr';
import { DEMO_KIOSK } from '../support/server';
import type { Page } from '@playwright/test';
import type { PortalPage } from '../pages/portal';

// The record page against the reference backend's demo data: Nguyễn Văn An's national record
// holds a newer current residence than the portal's copy, so his refresh has something to find.

async function openRecord(portal: PortalPage, page: Page, citizen: Citizen): Promise<void> {
  await portal.open('/record');
  await signIn(page, citizen);
  await expect(page).toHaveURL((url) => url.pathname === '/record');
  await expect(portal.heading()).toHaveText(t('vi', 'page.record.title'));
  await expect(syncLine(page)).toBeVisible();
}

const syncLine = (page: Page) => page.getByText(/^Đồng bộ lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}$/);
const refreshButton = (page: Page) => page.getByRole('button', { name: t('vi', 'record.refresh_button') });
const refreshStatus = (page: Page) => page.locator('.app-refresh').getByRole('status');

test.describe('the population record', () => {
  test.describe.configure({ mode: 'serial' });

  test('shows the stored copy grouped as a citizen reads it, others\u2019 ID numbers masked', async ({ portal, page }, testInfo) => {
    await openRecord(portal, page, BINH);
    const main = portal.main();
    for (const key of ['section_identity', 'section_birth', 'section_residence', 'section_household', 'section_family', 'section_card']) {
      await expect(main.getByRole('heading', { level: 2, name: t('vi', `record.${key}`), exact: true })).toBeVisible();
    }
    // Her own number in full; her husband's, the head of household, masked until asked.
    await expect(main.getByText(BINH.id).first()).toBeVisible();
    await expect(main.getByText(AN.id)).toHaveCount(0);
    await expect(main.getByText('001•••••••45').first()).toBeVisible();
    const reveal = main.getByRole('button', { name: `${t('vi', 'record.show_id')} số định danh của ${AN.name}` }).first();
    await reveal.click();
    await expect(main.getByText(AN.id).first()).toBeVisible();
    // Every field offers a correction request, prefilled with the field.
    const correction = main.getByRole('link', { name: `${t('vi', 'record.correct')} thông tin ${t('vi', 'record.current_residence')}` });
    await expect(correction).toHaveAttribute('href', /\/requests\/new\?kind=record_correction&field=current_residence&value=/);
    await keepScreenshot(page, testInfo, 'record');
    await expectNoAxeViolations(page, 'record page');
  });

  test('the card QR reads as the chip ID card\u2019s QR', async ({ portal, page }) => {
    await openRecord(portal, page, BINH);
    const qr = portal.main().getByRole('img', { name: t('vi', 'record.card_qr_label') });
    await expect(qr).toBeVisible();
    const record = await (await page.request.get('/api/v1/record')).json();
    const fields = (await decodeQr(qr))?.split('|');
    expect(fields, 'the QR decodes').toBeTruthy();
    const [y, m, d] = record.record.date_of_birth.split('-');
    expect(fields![0]).toBe(BINH.id);
    expect(fields![2]).toBe(BINH.name);
    expect(fields![3]).toBe(`${d}${m}${y}`);
    expect(fields![4]).toBe('Nữ');
    expect(fields).toHaveLength(7);
  });

  test('nothing has changed: the page says so', async ({ portal, page }) => {
    await openRecord(portal, page, BINH);
    await refreshButton(page).click();
    await expect(refreshStatus(page)).toContainText(t('vi', 'record.refresh_no_change'));
    // The next refresh is a minute away, and the page says when.
    await expect(portal.main().getByText(t('vi', 'record.refresh_wait')).first()).toBeVisible();
  });

  test('a refresh brings the newer residence, old beside new, and the log records it', async ({ portal, page, allowHttpErrors }, testInfo) => {
    // The second refresh within the minute is answered 429, which Chromium logs.
    allowHttpErrors.push(/\/api\/v1\/record\/refresh$/);
    await openRecord(portal, page, AN);
    const before = await syncLine(page).textContent();
    const oldResidence = (await (await page.request.get('/api/v1/record')).json()).record.current_residence;

    await refreshButton(page).click();
    await expect(refreshStatus(page)).toContainText(t('vi', 'record.refresh_changed'));
    const change = portal.main().getByRole('table').getByRole('row', { name: new RegExp(t('vi', 'record.current_residence')) });
    await expect(change).toContainText(oldResidence ?? t('vi', 'record.none'));
    const stored = (await (await page.request.get('/api/v1/record')).json()).record.current_residence;
    expect(stored).not.toBe(oldResidence);
    await expect(change).toContainText(stored);
    await keepScreenshot(page, testInfo, 'record-refreshed');
    await expectNoAxeViolations(page, 'record after a refresh');

    // Stored: after a reload the page shows the new value (and a sync time no earlier).
    await page.reload();
    await expect(syncLine(page)).toBeVisible();
    expect((await syncLine(page).textContent()) !== null && before !== null).toBe(true);
    await expect(portal.main().getByText(stored).first()).toBeVisible();

    // A second refresh within the minute is refused with the wait.
    await refreshButton(page).click();
    await expect(refreshStatus(page)).toContainText(t('vi', 'record.refresh_wait'));

    // Who accessed my data: the views and the refresh just made, newest first.
    await portal.main().getByRole('link', { name: t('vi', 'record.access_log_link') }).click();
    await expect(portal.heading()).toHaveText(t('vi', 'page.access_log.title'));
    const rows = portal.main().getByRole('table').getByRole('row');
    await expect(rows.filter({ hasText: t('vi', 'access_log.what_refresh') }).first()).toBeVisible();
    await expect(rows.filter({ hasText: t('vi', 'access_log.what_record') }).first()).toBeVisible();
    // On the kiosk viewport's server (the demo kiosk registered) the citizen's reads name it.
    if (testInfo.project.name === 'kiosk') {
      await expect(rows.filter({ hasText: t('vi', 'access_log.what_record') }).first()).toContainText(DEMO_KIOSK);
    }
    await keepScreenshot(page, testInfo, 'access-log');
    await expectNoAxeViolations(page, 'access log');
  });

  test('prints as an extract: no navigation, with the sync time and the card QR', async ({ portal, page }, testInfo) => {
    await openRecord(portal, page, BINH);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: t('vi', 'nav.label') })).toBeHidden();
    await expect(refreshButton(page)).toBeHidden();
    await expect(page.getByText(t('vi', 'record.print_title'))).toBeVisible();
    await expect(syncLine(page)).toBeVisible();
    await expect(portal.main().getByRole('img', { name: t('vi', 'record.card_qr_label') })).toBeVisible();
    await keepScreenshot(page, testInfo, 'record-print');
  });
});

test.describe('the national database slow or away', () => {
  test('slow: progress, a word that the citizen may leave, then the result', async ({ portal, page }) => {
    let asked = 0;
    await page.route('**/api/v1/record/refresh', async (route) => {
      asked += 1;
      const running = { state: 'running', started_at: new Date().toISOString(), changes: [], error: null, view: null };
      if (asked < 4) return route.fulfill({ json: running });
      return route.fulfill({ json: { ...running, state: 'done' } });
    });
    await openRecord(portal, page, BINH);
    await refreshButton(page).click();
    await expect(refreshStatus(page)).toContainText(t('vi', 'record.refresh_running'));
    await expect(refreshButton(page)).toHaveAttribute('aria-disabled', 'true');
    await expect(refreshStatus(page)).toContainText(t('vi', 'record.refresh_slow'));
    await expect(refreshStatus(page)).toContainText(t('vi', 'record.refresh_no_change'));
  });

  test('left while running: coming back to the page follows the refresh to its end', async ({ portal, page }) => {
    // Running while the citizen is away; once back, running for the first question and done
    // for the next. The page asks only if it remembers leaving a refresh running (that memory
    // outlives the page), so without it nothing is shown and this fails.
    let back = false;
    let askedSinceBack = 0;
    await page.route('**/api/v1/record/refresh', async (route) => {
      const running = { state: 'running', started_at: new Date().toISOString(), changes: [], error: null, view: null };
      if (!back) return route.fulfill({ json: running });
      askedSinceBack += 1;
      return route.fulfill({ json: askedSinceBack < 2 ? running : { ...running, state: 'done' } });
    });
    await openRecord(portal, page, BINH);
    await refreshButton(page).click();
    await expect(refreshStatus(page)).toContainText(t('vi', 'record.refresh_running'));
    await portal.navLink('vi', 'nav.documents').click();
    await expect(portal.heading()).toHaveText(t('vi', 'page.documents.title'));
    back = true;
    await portal.navLink('vi', 'nav.record').click();
    await expect(portal.heading()).toHaveText(t('vi', 'page.record.title'));
    await expect(refreshStatus(page)).toContainText(t('vi', 'record.refresh_running'));
    await expect(refreshStatus(page)).toContainText(t('vi', 'record.refresh_no_change'));
  });

  for (const [error, key] of [['unavailable', 'record.refresh_unavailable'], ['citizen_not_found', 'record.refresh_not_found']] as const) {
    test(`${error}: the stored copy stays, with its date`, async ({ portal, page }) => {
      await page.route('**/api/v1/record/refresh', (route) =>
        route.request().method() === 'POST'
          ? route.fulfill({ json: { state: 'failed', started_at: new Date().toISOString(), changes: [], error, view: null } })
          : route.continue(),
      );
      await openRecord(portal, page, BINH);
      await refreshButton(page).click();
      await expect(refreshStatus(page)).toContainText(t('vi', key));
      await expect(syncLine(page)).toBeVisible();
      await expect(portal.main().getByRole('heading', { level: 2, name: t('vi', 'record.section_identity') })).toBeVisible();
      await expectNoAxeViolations(page, `record, national database ${error}`);
    });
  }
});
