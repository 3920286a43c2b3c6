import { type Browser, type Locator, type Page, type TestInfo } from '@playwright/test';
import jsQR from 'jsqr';
import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { BINH, signIn } from '../support/citizens';
import { errorSummary } from '../pages/portal';

// Bình shares her name and date of birth; whoever she shows the QR to checks it in a browser
// of their own, not signed in. One test in steps: each step needs the share of the one before.

/**
 * The text of the QR drawn on the page, decoded here in Node with jsQR (not by the app's own
 * reader): the SVG's dark modules are painted into pixels and handed to jsQR.
 */
async function decodeQr(qr: Locator): Promise<string> {
  const svg = await qr.innerHTML();
  const size = Number(svg.match(/width="(\d+)"/)?.[1]);
  expect(size, 'the QR is an SVG with a width').toBeGreaterThan(0);
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  const dark = svg.match(/<path fill="#000" d="([^"]+)"/)?.[1] ?? '';
  for (const [, left, top, width, height] of dark.matchAll(/M(\d+) (\d+)h(\d+)v(\d+)/g)) {
    for (let y = Number(top); y < Number(top) + Number(height); y++) {
      for (let x = Number(left); x < Number(left) + Number(width); x++) {
        pixels.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
      }
    }
  }
  const decoded = jsQR(pixels, size, size);
  expect(decoded, 'jsQR reads the QR').not.toBeNull();
  return decoded!.data;
}

/** A browser of the verifier's own: no cookie, no session. */
async function verifierPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return context.newPage();
}

/** The paths of the app's wasm chunks `page` fetches from now on. */
function chunksFetched(page: Page): string[] {
  const fetched: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/\/app-[0-9a-f]+\/(split_|chunk_)[^/]*\.wasm$/.test(path)) fetched.push(path);
  });
  return fetched;
}

const verdict = (page: Page, key: string) => page.getByRole('heading', { level: 2, name: t('vi', key) });

test('a citizen shares chosen fields by a signed QR, and a verifier checks, refuses tampering, revocation and expiry', async ({ page, browser }, testInfo) => {
  // A whole journey in two browsers with nine axe scans: longer than one page's test.
  test.slow();
  await page.goto('/sign-in?next=%2Frecord%2Fshare');
  await signIn(page, BINH);
  await expect(page).toHaveURL(/\/record\/share$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('vi', 'page.share.title'));
  await expect(page.getByText(t('vi', 'share.no_shares'))).toBeVisible();
  await expectNoAxeViolations(page, 'share page, no shares');

  // Nothing chosen: the summary takes focus and each choice says what it needs.
  const create = page.getByRole('button', { name: t('vi', 'share.create_button') });
  await create.click();
  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: t('vi', 'share.fields_required') })).toBeVisible();
  await expect(summary.getByRole('link', { name: t('vi', 'share.valid_minutes_required') })).toBeVisible();
  await expectNoAxeViolations(page, 'share page with errors');
  await summary.getByRole('link', { name: t('vi', 'share.fields_required') }).click();
  await expect(page.getByLabel(t('vi', 'share.field_full_name'))).toBeFocused();

  await page.getByLabel(t('vi', 'share.field_full_name')).check();
  await page.getByLabel(t('vi', 'share.field_date_of_birth')).check();
  await page.getByLabel(t('vi', 'share.hours_1')).check();
  await create.click();
  await expect(page.getByRole('heading', { name: t('vi', 'share.created_heading') })).toBeFocused();
  const qr = page.getByRole('img', { name: t('vi', 'share.qr_label') });
  await expect(qr).toBeVisible();
  const shares = page.getByRole('region', { name: t('vi', 'share.shares_heading') }).getByRole('listitem');
  await expect(shares).toHaveCount(1);
  await expect(shares.first()).toContainText(t('vi', 'share.state_active'));
  await keepScreenshot(page, testInfo, 'share-created');
  await expectNoAxeViolations(page, 'share page with a code');

  const url = await decodeQr(qr);
  expect(url).toMatch(new RegExp(`^${testInfo.project.use.baseURL}/verify#[\\w-]+\\.[\\w-]+$`));

  // The verifier opens the QR's link: only the two chosen fields, checked online.
  const verifier = await verifierPage(browser, testInfo);
  const verifierChunks = chunksFetched(verifier);
  await verifier.goto(url);
  await expect(verdict(verifier, 'verify.valid_heading')).toBeVisible();
  const fields = verifier.getByRole('definition');
  await expect(fields).toHaveCount(2);
  await expect(verifier.getByRole('term')).toHaveText([t('vi', 'share.field_full_name'), t('vi', 'share.field_date_of_birth')]);
  await expect(fields).toHaveText([BINH.name, /^\d{2}\/\d{2}\/\d{4}$/]);
  await expect(verifier.getByText(BINH.id)).toHaveCount(0);
  await expect(verifier.getByText(t('vi', 'verify.revocation_checked'))).toBeVisible();
  await keepScreenshot(verifier, testInfo, 'verify-valid');
  await expectNoAxeViolations(verifier, 'verify page, valid code');

  // One character of the payload changed: the signature no longer matches.
  const [base, code] = url.split('#');
  const at = 10;
  const tampered = `${code.slice(0, at)}${code[at] === 'A' ? 'B' : 'A'}${code.slice(at + 1)}`;
  await verifier.goto(`${base}#${tampered}`);
  await expect(verdict(verifier, 'verify.refused_heading')).toBeVisible();
  await expect(verifier.getByText(t('vi', 'verify.refused_bad_signature'))).toBeVisible();
  await expect(verifier.getByRole('definition')).toHaveCount(0);
  await expectNoAxeViolations(verifier, 'verify page, tampered code');

  // Chromium's WebCrypto checked both signatures: neither the fallback nor the QR reader
  // (for photos and the camera) was fetched; nor sign-in, which a stranger checking a code
  // has no reason to open.
  expect(verifierChunks.filter((path) => /split_(ed25519|qr_reader|sign_in)\.wasm$/.test(path))).toEqual([]);

  // A browser whose WebCrypto has no Ed25519 (Chromium before 137, Safari before 17) fetches
  // ed25519-dalek's chunk and reaches the same verdicts.
  const older = await verifierPage(browser, testInfo);
  await older.addInitScript(() => {
    const importKey = SubtleCrypto.prototype.importKey;
    SubtleCrypto.prototype.importKey = function (this: SubtleCrypto, ...args: Parameters<SubtleCrypto['importKey']>) {
      const algorithm = args[2];
      const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
      if (name.toLowerCase() === 'ed25519') {
        return Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError'));
      }
      return importKey.apply(this, args) as Promise<CryptoKey>;
    } as SubtleCrypto['importKey'];
  });
  const olderChunks = chunksFetched(older);
  await older.goto(url);
  await expect(verdict(older, 'verify.valid_heading')).toBeVisible();
  expect(olderChunks.some((path) => path.endsWith('/split_ed25519.wasm'))).toBe(true);
  await older.goto(`${base}#${tampered}`);
  await expect(older.getByText(t('vi', 'verify.refused_bad_signature'))).toBeVisible();
  await older.context().close();

  // Pasted text that is no code at all, then the bare code.
  const pasted = verifier.getByLabel(t('vi', 'verify.paste_label'));
  await pasted.fill('xin chào');
  await verifier.getByRole('button', { name: t('vi', 'verify.check_button') }).click();
  await expect(verifier.getByText(t('vi', 'verify.refused_malformed'))).toBeVisible();
  await pasted.fill(code);
  await verifier.getByRole('button', { name: t('vi', 'verify.check_button') }).click();
  await expect(verdict(verifier, 'verify.valid_heading')).toBeVisible();

  // When the portal cannot be asked whether the code was revoked, the page does not call it
  // valid: it says the signature holds and that the rest could not be confirmed.
  await verifier.route('**/api/v1/shares/*/status', (route) => route.fulfill({ status: 503, body: '' }));
  await pasted.fill('xin chào');
  await verifier.getByRole('button', { name: t('vi', 'verify.check_button') }).click();
  await pasted.fill(code);
  await verifier.getByRole('button', { name: t('vi', 'verify.check_button') }).click();
  await expect(verdict(verifier, 'verify.unconfirmed_heading')).toBeVisible();
  await expect(verdict(verifier, 'verify.valid_heading')).toHaveCount(0);
  await expect(verifier.getByText(t('vi', 'verify.revocation_unchecked'))).toBeVisible();
  await verifier.unroute('**/api/v1/shares/*/status');

  // A photo of the QR, read in the verifier's browser (after a refusal, so the verdict is new).
  await pasted.fill('xin chào');
  await verifier.getByRole('button', { name: t('vi', 'verify.check_button') }).click();
  await expect(verifier.getByText(t('vi', 'verify.refused_malformed'))).toBeVisible();
  await verifier.getByLabel(t('vi', 'verify.image_label')).setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qr.screenshot() });
  await expect(verdict(verifier, 'verify.valid_heading')).toBeVisible();

  // Bình revokes it: her list says so, and the verifier's check refuses it.
  await page.getByRole('button', { name: t('vi', 'share.revoke_button') }).click();
  await expect(page.getByRole('status').filter({ hasText: t('vi', 'share.revoked_notice') })).toBeVisible();
  await expect(shares.first()).toContainText(t('vi', 'share.state_revoked'));
  await expect(page.getByRole('button', { name: t('vi', 'share.revoke_button') })).toHaveCount(0);
  await expectNoAxeViolations(page, 'share page, revoked code');
  await verifier.goto('/');
  await verifier.goto(url);
  await expect(verifier.getByText(t('vi', 'verify.refused_revoked'))).toBeVisible();
  await expectNoAxeViolations(verifier, 'verify page, revoked code');
  await verifier.context().close();

  // Two hours later by the verifier's clock, the one-hour code has expired.
  const later = await verifierPage(browser, testInfo);
  await later.clock.setFixedTime(Date.now() + 2 * 60 * 60 * 1000);
  await later.goto(url);
  await expect(later.getByText(t('vi', 'verify.refused_expired'))).toBeVisible();
  await keepScreenshot(later, testInfo, 'verify-expired');
  await expectNoAxeViolations(later, 'verify page, expired code');
  await later.context().close();
});

test('the verify page explains itself before any code, and refuses junk in the link', async ({ page }) => {
  await page.goto('/verify');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('vi', 'page.verify.title'));
  await page.getByRole('button', { name: t('vi', 'verify.check_button') }).click();
  await expect(errorSummary(page)).toBeFocused();
  await expect(page.getByRole('link', { name: t('vi', 'verify.code_required') })).toBeVisible();
  await expectNoAxeViolations(page, 'verify page, nothing pasted');
  await page.goto('/verify#not-a-code');
  await expect(page.getByText(t('vi', 'verify.refused_malformed'))).toBeVisible();
  await expectNoAxeViolations(page, 'verify page, malformed code');
});
