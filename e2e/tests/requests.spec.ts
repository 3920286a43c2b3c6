import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, BINH, signIn, type Citizen } from '../support/citizens';
import { decodeQr } from '../support/qr';
import type { APIRequestContext, Page } from '@playwright/test';
import { errorSummary, type PortalPage } from '../pages/portal';
import { operatorHeaders } from '../support/operator';

// Written requests: the guided form against the reference backend, whose simulated provider
// stands still in tests (--request-pace-seconds 0) and is moved by the operator endpoint.

const headers = { 'x-requested-with': 'portal' };

async function openSignedIn(portal: PortalPage, page: Page, path: string, citizen: Citizen): Promise<void> {
  await portal.open(path);
  await signIn(page, citizen);
  await expect(page).toHaveURL((url) => url.pathname === new URL(path, 'http://x').pathname);
}

/** Moves a request through the provider's steps, e.g. received → processing → provided. */
async function decide(request: APIRequestContext, reference: string, ...steps: { status: string; note?: string }[]) {
  for (const step of steps) {
    const response = await request.post(`/api/v1/operator/requests/${reference}/decision`, {
      headers: { ...headers, ...operatorHeaders },
      data: step,
    });
    expect(response.ok(), `${reference} → ${step.status}`).toBeTruthy();
  }
}

/** Sends a complete request through the API, for tests about what follows. */
async function sendByApi(request: APIRequestContext): Promise<string> {
  const draft = await request.post('/api/v1/requests', {
    headers,
    data: { kind: 'residence_confirmation', purpose: 'Làm thủ tục nhập học cho con', delivery: 'data_store', contact_phone: '0912345678' },
  });
  expect(draft.ok()).toBeTruthy();
  const { id } = await draft.json();
  const sent = await request.post(`/api/v1/requests/${id}/submit`, { headers });
  expect(sent.ok()).toBeTruthy();
  return (await sent.json()).reference;
}

const continueButton = (page: Page) => page.getByRole('button', { name: t('vi', 'requests.continue_button') });
const saved = (page: Page) => page.getByText(t('vi', 'requests.saved'));
const sentCount = async (request: APIRequestContext) =>
  ((await (await request.get('/api/v1/requests')).json()) as { status: string }[]).filter((r) => r.status !== 'draft').length;

test.describe('written requests', () => {
  test.describe.configure({ mode: 'serial' });

  test('from start to confirmation, losing nothing on reload, to a result in the data store', async ({ portal, page }, testInfo) => {
    // The whole journey, with a reload and three axe scans: longer than one page's test.
    test.slow();
    await openSignedIn(portal, page, '/requests', AN);
    await portal.main().getByRole('link', { name: t('vi', 'page.requests.new_link') }).click();

    // Step 1: continuing without an answer shows the summary, which takes focus and links to the field.
    await expect(portal.heading()).toHaveText(t('vi', 'requests.kind_question'));
    await expectNoAxeViolations(page, 'request step 1');
    await continueButton(page).click();
    const summary = errorSummary(page);
    await expect(summary).toBeFocused();
    await summary.getByRole('link', { name: t('vi', 'field.kind_required') }).click();
    await expect(page.getByRole('radio', { name: t('vi', 'requests.kind_record_extract') })).toBeFocused();
    await expectNoAxeViolations(page, 'request step 1 with an error');
    await page.getByRole('radio', { name: t('vi', 'requests.kind_record_extract') }).check();
    await continueButton(page).click();

    // Step 2, then a reload: the saved answer is still there.
    await expect(portal.heading()).toHaveText(t('vi', 'requests.purpose_question'));
    await page.getByLabel(t('vi', 'requests.purpose_question')).fill('Bổ sung hồ sơ vay vốn mua nhà');
    await expect(saved(page)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(t('vi', 'requests.purpose_question'))).toHaveValue('Bổ sung hồ sơ vay vốn mua nhà');
    await expectNoAxeViolations(page, 'request step 2');
    await continueButton(page).click();

    await expect(portal.heading()).toHaveText(t('vi', 'requests.delivery_question'));
    await page.getByRole('radio', { name: t('vi', 'requests.delivery_data_store') }).check();
    await expectNoAxeViolations(page, 'request step 3');
    await continueButton(page).click();

    await expect(portal.heading()).toHaveText(t('vi', 'requests.contact_question'));
    // Who asks comes from the record, not typed again.
    await expect(portal.main().getByText(`${AN.name} – ${AN.id}`)).toBeVisible();
    await page.getByLabel(t('vi', 'requests.contact_phone_label')).fill('091234');
    await continueButton(page).click();
    await expect(page.getByRole('alert')).toContainText(t('vi', 'field.contact_phone_invalid'));
    await page.getByLabel(t('vi', 'requests.contact_phone_label')).fill(AN.phone);
    await expectNoAxeViolations(page, 'request step 4');
    await continueButton(page).click();

    // Check your answers, with a change that comes back here.
    await expect(portal.heading()).toHaveText(t('vi', 'requests.check_title'));
    await expect(portal.main()).toContainText(t('vi', 'requests.kind_record_extract'));
    await portal.main().getByRole('link', { name: `${t('vi', 'requests.change')} ${t('vi', 'requests.purpose_question')}` }).click();
    await expect(portal.heading()).toHaveText(t('vi', 'requests.purpose_question'));
    await page.getByLabel(t('vi', 'requests.purpose_question')).fill('Bổ sung hồ sơ vay vốn mua nhà ở');
    await continueButton(page).click();
    await expect(portal.heading()).toHaveText(t('vi', 'requests.check_title'));
    await expect(portal.main()).toContainText('Bổ sung hồ sơ vay vốn mua nhà ở');
    await keepScreenshot(page, testInfo, 'request-check');
    await expectNoAxeViolations(page, 'check your answers');

    // Sending twice at once makes one request.
    const before = await sentCount(page.request);
    await page.getByRole('button', { name: t('vi', 'requests.submit') }).dblclick();
    await expect(page.getByRole('heading', { name: t('vi', 'requests.submitted_title') })).toBeVisible();
    expect(await sentCount(page.request)).toBe(before + 1);
    const reference = new URL(page.url()).pathname.split('/').pop()!;
    expect(reference).toMatch(/^YC-\d{4}-\d{6,}$/);
    await expect(portal.main()).toContainText(reference);
    expect(await decodeQr(portal.main().getByRole('img', { name: new RegExp(t('vi', 'requests.reference_qr_label')) }))).toBe(reference);
    await keepScreenshot(page, testInfo, 'request-sent');
    await expectNoAxeViolations(page, 'request confirmation');

    // The provider provides: the result is in the data store, linked from the request.
    await decide(page.request, reference, { status: 'received' }, { status: 'processing' }, { status: 'provided' });
    await page.goto(`/requests/${reference}`);
    await expect(portal.main()).toContainText(t('vi', 'requests.status_provided'));
    const result = portal.main().getByRole('link', { name: /kho dữ liệu/ });
    const code = (await result.getAttribute('href'))!.split('/').pop()!;
    expect((await page.request.get(`/api/v1/documents/${code}`)).ok()).toBeTruthy();
    await expect(portal.main().getByRole('list').filter({ hasText: t('vi', 'requests.status_received') })).toBeVisible();
  });

  test('a refusal shows its written reason in full', async ({ portal, page }, testInfo) => {
    await openSignedIn(portal, page, '/requests', BINH);
    const reference = await sendByApi(page.request);
    const reason = 'Thông tin yêu cầu thuộc về người khác trong hộ gia đình; công dân chỉ được cung cấp thông tin của chính mình.';
    await decide(page.request, reference, { status: 'received' }, { status: 'refused', note: reason });
    await page.goto(`/requests/${reference}`);
    await expect(portal.main().getByRole('heading', { name: t('vi', 'requests.refusal_heading') })).toBeVisible();
    await expect(portal.main()).toContainText(reason);
    await keepScreenshot(page, testInfo, 'request-refused');
    await expectNoAxeViolations(page, 'refused request');
  });

  test('more information: the question, a refused empty answer, then the answer in the history', async ({ portal, page }, testInfo) => {
    await openSignedIn(portal, page, '/requests', BINH);
    const reference = await sendByApi(page.request);
    await decide(page.request, reference, { status: 'received' }, { status: 'processing' }, { status: 'more_information_needed', note: 'Vui lòng cho biết tên trường học của con.' });
    await page.goto(`/requests/${reference}`);
    await expect(portal.main()).toContainText('Vui lòng cho biết tên trường học của con.');
    await page.getByRole('button', { name: t('vi', 'requests.answer_send') }).click();
    await expect(page.getByRole('alert')).toContainText(t('vi', 'field.answer_required'));
    await expectNoAxeViolations(page, 'more information needed');
    await page.getByLabel(t('vi', 'requests.answer_label')).fill('Trường Tiểu học Dịch Vọng B');
    // A program named like a picture is refused in the browser; what was typed stays.
    const attach = page.getByLabel(t('vi', 'requests.attach_label'));
    await attach.setInputFiles({ name: 'giay-xac-nhan.png', mimeType: 'image/png', buffer: Buffer.from('MZ\x90\x00 not a picture') });
    await page.getByRole('button', { name: t('vi', 'requests.answer_send') }).click();
    await expect(page.locator('#file-error')).toContainText(t('vi', 'field.attachment_type'));
    await expect(page.getByLabel(t('vi', 'requests.answer_label'))).toHaveValue('Trường Tiểu học Dịch Vọng B');
    // A picture goes with the answer, and comes back from the history byte for byte.
    // A whole 1×1 picture, so that a kiosk can show it.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    await attach.setInputFiles({ name: 'giay-xac-nhan.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: t('vi', 'requests.answer_send') }).click();
    await expect(portal.main()).toContainText(t('vi', 'requests.status_processing'));
    const answered = portal.main().getByRole('list').filter({ hasText: 'Trường Tiểu học Dịch Vọng B' });
    await expect(answered).toBeVisible();
    let address: string;
    if (testInfo.project.name === 'kiosk') {
      // A shared kiosk never saves a citizen's file: it shows it, to print if they wish.
      await expect(portal.main().locator('a[download]')).toHaveCount(0);
      const view = answered.getByRole('button', { name: `${t('vi', 'documents.kiosk_view_file')} giay-xac-nhan.png` });
      await expect(view).toHaveAttribute('aria-expanded', 'false');
      await view.tap();
      await expect(view).toHaveAttribute('aria-expanded', 'true');
      // A picture is shown as a picture, named by its file name, and really loaded.
      const picture = answered.getByRole('img', { name: 'giay-xac-nhan.png' });
      await expect(picture).toBeVisible();
      await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
      address = (await picture.getAttribute('src'))!;
    } else {
      address = (await answered.getByRole('link', { name: 'giay-xac-nhan.png' }).getAttribute('href'))!;
    }
    const fetched = await page.request.get(address);
    expect(fetched.status()).toBe(200);
    expect(fetched.headers()['content-disposition']).toMatch(testInfo.project.name === 'kiosk' ? /^inline/ : /^attachment/);
    expect(Buffer.from(await fetched.body()).equals(png)).toBe(true);
    await expectNoAxeViolations(page, 'answered with an attachment');
  });

  test('a request not yet in processing can be withdrawn', async ({ portal, page }) => {
    await openSignedIn(portal, page, '/requests', BINH);
    const reference = await sendByApi(page.request);
    await page.goto(`/requests/${reference}`);
    await page.getByRole('button', { name: t('vi', 'requests.withdraw') }).click();
    await expect(portal.main()).toContainText(t('vi', 'requests.status_withdrawn'));
    await expect(page.getByRole('button', { name: t('vi', 'requests.withdraw') })).toHaveCount(0);
  });

  test('a draft survives the session ending, and the list offers to continue it', async ({ portal, page, context }) => {
    await openSignedIn(portal, page, '/requests/new', BINH);
    await page.getByRole('radio', { name: t('vi', 'requests.kind_household_information') }).check();
    await continueButton(page).click();
    await page.getByLabel(t('vi', 'requests.purpose_question')).fill('Làm thủ tục đất đai');
    await expect(saved(page)).toBeVisible();
    const draftUrl = page.url();

    // The session ends (as after the idle timeout): signing in again returns to the draft.
    await context.clearCookies();
    await page.reload();
    await expect(portal.heading()).toHaveText(t('vi', 'page.sign_in.title'));
    await signIn(page, BINH);
    await expect(page).toHaveURL(draftUrl);
    await expect(page.getByLabel(t('vi', 'requests.purpose_question'))).toHaveValue('Làm thủ tục đất đai');

    await page.goto('/requests');
    const drafts = portal.main().getByRole('region').or(portal.main().locator('section')).filter({ hasText: t('vi', 'requests.drafts_heading') });
    await expect(drafts.getByText(t('vi', 'requests.kind_household_information')).first()).toBeVisible();
    await expectNoAxeViolations(page, 'request list');
  });

  test('a draft open in two tabs keeps the changes of both, and says so', async ({ portal, page, context, allowHttpErrors }, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop', 'saving does not depend on the viewport');
    // The stale save's 409 `draft_conflict`, which Chromium logs as a failed load.
    allowHttpErrors.push(/\/api\/v1\/requests\/D-[^/?]+$/);
    await openSignedIn(portal, page, '/requests/new', BINH);
    await page.getByRole('radio', { name: t('vi', 'requests.kind_record_extract') }).check();
    await continueButton(page).click();
    await expect(portal.heading()).toHaveText(t('vi', 'requests.purpose_question'));
    const id = new URL(page.url()).searchParams.get('draft')!;
    const stored = async () => (await (await page.request.get(`/api/v1/requests/${id}`)).json()).answers;
    await expect.poll(async () => (await stored()).kind).toBe('record_extract');

    // The same draft in a second tab: its contact phone is saved, so this tab's copy is old.
    const other = await context.newPage();
    await other.goto(`/requests/new?draft=${id}&step=contact`);
    await other.getByLabel(t('vi', 'requests.contact_phone_label')).fill(BINH.phone);
    await expect.poll(async () => (await stored()).contact_phone).toBe(BINH.phone);

    // This tab saves its purpose on the old revision: the server refuses, the app merges,
    // saves again, and says so, with the caret where the citizen left it.
    const purpose = page.getByLabel(t('vi', 'requests.purpose_question'));
    await purpose.fill('Làm thủ tục đất đai');
    await purpose.evaluate((area: HTMLTextAreaElement) => area.setSelectionRange(4, 4));
    await expect(page.getByRole('status').filter({ hasText: t('vi', 'requests.merged_elsewhere') })).toBeVisible();
    await expect(saved(page)).toBeVisible();
    await expect.poll(stored).toMatchObject({ purpose: 'Làm thủ tục đất đai', contact_phone: BINH.phone });
    await expect(purpose).toBeFocused();
    await expect(purpose).toHaveValue('Làm thủ tục đất đai');
    expect(await purpose.evaluate((area: HTMLTextAreaElement) => [area.selectionStart, area.selectionEnd])).toEqual([4, 4]);
    await expectNoAxeViolations(page, 'a draft merged with another tab');
    await keepScreenshot(page, testInfo, 'request-draft-merged');

    // Both survive a reload.
    await page.reload();
    await expect(purpose).toHaveValue('Làm thủ tục đất đai');
    await page.goto(`/requests/new?draft=${id}&step=contact`);
    await expect(page.getByLabel(t('vi', 'requests.contact_phone_label'))).toHaveValue(BINH.phone);
    await other.close();
  });

  test('offline, the form says the answers are not saved yet, and saves them when back', async ({ portal, page, context }) => {
    await openSignedIn(portal, page, '/requests/new', BINH);
    await page.getByRole('radio', { name: t('vi', 'requests.kind_record_extract') }).check();
    await continueButton(page).click();
    await expect(saved(page)).toBeVisible();
    await context.setOffline(true);
    await page.getByLabel(t('vi', 'requests.purpose_question')).fill('Đối chiếu thông tin khi làm hộ chiếu');
    await expect(page.getByText(t('vi', 'requests.not_saved'))).toBeVisible();
    await context.setOffline(false);
    await expect(saved(page)).toBeVisible({ timeout: 15_000 });
    await page.reload();
    await expect(page.getByLabel(t('vi', 'requests.purpose_question'))).toHaveValue('Đối chiếu thông tin khi làm hộ chiếu');
  });

  test('a correction from the record page arrives prefilled', async ({ portal, page }) => {
    await openSignedIn(portal, page, '/record', BINH);
    await portal.main().getByRole('link', { name: `${t('vi', 'record.correct')} thông tin ${t('vi', 'record.current_residence')}` }).click();
    await expect(portal.heading()).toHaveText(t('vi', 'requests.kind_question'));
    await expect(page.getByRole('radio', { name: t('vi', 'requests.kind_record_correction') })).toBeChecked();
    await expect(page.getByLabel(t('vi', 'requests.correction_field_label'))).toHaveValue('current_residence');
  });

  test('the form works with the keyboard alone', async ({ portal, page, isMobile }) => {
    test.skip(isMobile, 'phones have no Tab key');
    await openSignedIn(portal, page, '/requests/new', BINH);
    await expect(portal.heading()).toHaveText(t('vi', 'requests.kind_question'));
    const first = page.getByRole('radio', { name: t('vi', 'requests.kind_record_extract') });
    await first.focus();
    await page.keyboard.press('Space');
    await expect(first).toBeChecked();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: t('vi', 'requests.kind_id_confirmation') })).toBeChecked();
    await page.keyboard.press('Enter');
    await expect(portal.heading()).toHaveText(t('vi', 'requests.purpose_question'));
    await expect(portal.heading()).toBeFocused();
    // From the question, the next stop is its answer.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(t('vi', 'requests.purpose_question'))).toBeFocused();
    await page.keyboard.type('Làm hộ chiếu');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(portal.heading()).toHaveText(t('vi', 'requests.delivery_question'));
  });
});
