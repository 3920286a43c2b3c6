import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { test, expect, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { BINH, signIn } from '../support/citizens';

// Printing on the deployment's paper (config.json `print_paper`): the kiosk project's server
// runs with `--print-paper receipt-80mm`, the desktop project's with the default, A4. Chromium
// prints each page to a PDF as it would to the printer, with the page size the stylesheet
// asks for; the PDFs and a screenshot of each print layout are kept as artifacts.
// Print layout does not depend on the viewport, so the phone project adds nothing here.

const PURPOSE = 'Bổ sung hồ sơ vay vốn ngân hàng chính sách';
const headers = { 'x-requested-with': 'portal' };

/** A4 and the 80 mm roll, in PDF points (1 mm = 72 / 25.4 pt). */
const A4 = { width: 595.28, height: 841.89 };
const ROLL_WIDTH = (80 * 72) / 25.4;

/** Sends a complete request through the API; its reference. */
async function sendByApi(request: APIRequestContext): Promise<string> {
  const draft = await request.post('/api/v1/requests', {
    headers,
    data: { kind: 'residence_confirmation', purpose: PURPOSE, delivery: 'data_store', contact_phone: '0987654321' },
  });
  expect(draft.ok()).toBeTruthy();
  const { id } = await draft.json();
  const sent = await request.post(`/api/v1/requests/${id}/submit`, { headers });
  expect(sent.ok()).toBeTruthy();
  return (await sent.json()).reference;
}

/** Prints the page as Chromium would to the printer, keeps the PDF, and returns its page sizes. */
async function printToPdf(page: Page, testInfo: TestInfo, name: string): Promise<{ width: number; height: number }[]> {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const dir = resolve(__dirname, '../artifacts/prints', testInfo.project.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `${name}.pdf`), pdf);
  // Chromium writes each page's MediaBox in plain text, outside the compressed streams.
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}

/** The paper this project's server prints on. */
function paperOf(testInfo: TestInfo): 'receipt' | 'a4' {
  return testInfo.project.name === 'kiosk' ? 'receipt' : 'a4';
}

test.describe('printing on the deployment’s paper', () => {
  test.skip(({ isMobile }) => isMobile, 'print layout does not depend on the viewport');

  test('the request confirmation: reference, QR, due date and where to follow it', async ({ portal, page }, testInfo) => {
    await portal.open('/requests');
    await signIn(page, BINH);
    const reference = await sendByApi(page.request);
    await portal.open(`/requests/${reference}?submitted=1`);
    await expect(page.getByRole('heading', { name: t('vi', 'requests.submitted_title') })).toBeVisible();
    const paper = paperOf(testInfo);
    await expect(page.locator('html')).toHaveAttribute('data-print-paper', paper === 'receipt' ? 'receipt-80mm' : 'a4');

    await page.emulateMedia({ media: 'print' });
    const main = portal.main();
    await expect(main.locator('.app-panel__reference')).toHaveText(reference);
    await expect(main.getByRole('img', { name: `${t('vi', 'requests.reference_qr_label')} ${reference}` })).toBeVisible();
    const host = new URL(page.url()).host;
    await expect(main.getByText(t('vi', 'requests.follow_at'))).toBeVisible();
    await expect(main.getByText(`${host}/requests/${reference}`, { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: t('vi', 'requests.print') })).toBeHidden();
    // The receipt is the confirmation alone; A4 carries the request as sent too.
    const answers = main.getByText(PURPOSE);
    if (paper === 'receipt') await expect(answers).toBeHidden();
    else await expect(answers).toBeVisible();

    const pages = await printToPdf(page, testInfo, 'request-confirmation');
    expect(pages.length).toBeGreaterThan(0);
    for (const size of pages) {
      if (paper === 'receipt') expect(size.width).toBeCloseTo(ROLL_WIDTH, 0);
      else expect(size).toEqual({ width: expect.closeTo(A4.width, 0), height: expect.closeTo(A4.height, 0) });
    }
    await showAsPrinted(page, paper);
    await keepScreenshot(page, testInfo, `print-request-confirmation-${paper}`);
  });

  test('the record extract: its fields, one under the other on a receipt', async ({ portal, page }, testInfo) => {
    await portal.open('/record');
    await signIn(page, BINH);
    await expect(page.getByText(/^Đồng bộ lúc \d\d:\d\d ngày/)).toBeVisible();
    const paper = paperOf(testInfo);

    await page.emulateMedia({ media: 'print' });
    await showAsPrinted(page, paper);
    await expect(page.getByText(t('vi', 'record.print_title'))).toBeVisible();
    const row = portal.main().locator('.app-record-list__row').first();
    const key = await row.locator('.app-record-list__key').boundingBox();
    const value = await row.locator('.app-record-list__value').boundingBox();
    expect(key && value, 'the first field has a name and a value').toBeTruthy();
    if (paper === 'receipt') {
      expect(value!.y, 'on the roll the value is under its name').toBeGreaterThanOrEqual(key!.y + key!.height - 1);
    } else {
      expect(value!.y, 'on A4 the value is beside its name').toBeLessThan(key!.y + key!.height);
    }

    const pages = await printToPdf(page, testInfo, 'record-extract');
    for (const size of pages) {
      if (paper === 'receipt') expect(size.width).toBeCloseTo(ROLL_WIDTH, 0);
      else expect(size.width).toBeCloseTo(A4.width, 0);
    }
    await keepScreenshot(page, testInfo, `print-record-extract-${paper}`);
  });
});

/**
 * Gives the page the printable width of its paper, so that a screenshot in print media shows
 * the layout the printer gets (the roll's 80 mm less 3 mm margins each side, A4's 210 mm less
 * 15 mm), and the layout checks measure it.
 */
async function showAsPrinted(page: Page, paper: 'receipt' | 'a4'): Promise<void> {
  const mm = 96 / 25.4;
  const width = Math.round(paper === 'receipt' ? 74 * mm : 180 * mm);
  await page.setViewportSize({ width, height: 1000 });
}
