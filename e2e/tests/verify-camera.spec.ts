import { type Page, type TestInfo } from '@playwright/test';
import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, signIn } from '../support/citizens';
import { decodeQr } from '../support/qr';

// The verifier scans the citizen's QR with the camera, in the verify page. Headless Chromium
// has no camera: before the page loads, `getUserMedia` is replaced by one that streams a
// canvas (`captureStream`) onto which the test paints a QR, as a camera held up to a phone
// would see it. The verifier is the fixture's own page (no session, console watched).
//
// An, not Bình, makes the share: share-verify.spec.ts counts Bình's shares, and runs alongside.

/** What the fake camera does when the page asks for it. */
type FakeCamera = {
  /** The dark modules of the QR to show (`[left, top, width, height]` in the SVG's units), or none. */
  modules: number[][];
  /** The QR's side in the SVG's units. */
  size: number;
  /** Refuse with a `DOMException` of this name instead of streaming. */
  refuseWith?: string;
};

/** Replaces the browser's camera with a canvas showing `camera.modules`, from the next load on. */
async function fakeCamera(page: Page, camera: FakeCamera): Promise<void> {
  await page.addInitScript((camera: FakeCamera) => {
    const devices = navigator.mediaDevices;
    devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      (window as unknown as { cameraAsked: unknown }).cameraAsked = constraints;
      if (camera.refuseWith) throw new DOMException('The camera was refused', camera.refuseWith);
      const [width, height, side] = [640, 480, 440];
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d')!;
      const scale = side / Math.max(camera.size, 1);
      const [left, top] = [(width - side) / 2, (height - side) / 2];
      const at = (n: number) => Math.round(n * scale);
      // Repainted, so the stream keeps sending frames.
      const paint = () => {
        context.fillStyle = '#fff';
        context.fillRect(0, 0, width, height);
        context.fillStyle = '#000';
        for (const [x, y, w, h] of camera.modules) {
          context.fillRect(left + at(x), top + at(y), at(x + w) - at(x), at(y + h) - at(y));
        }
      };
      paint();
      setInterval(paint, 100);
      const stream = canvas.captureStream(10);
      (window as unknown as { fakeCamera: MediaStream }).fakeCamera = stream;
      return stream;
    };
  }, camera);
}

/** Whether the fake camera was opened and every one of its tracks is stopped now. */
async function cameraIsOff(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const stream = (window as unknown as { fakeCamera?: MediaStream }).fakeCamera;
    return !!stream && stream.getTracks().every((track) => track.readyState === 'ended');
  });
}

/** The dark modules of the QR the page draws, read from its SVG (`M x y h w v h` runs). */
function qrModules(svg: string): FakeCamera {
  const size = Number(svg.match(/width="(\d+)"/)?.[1]);
  const dark = svg.match(/<path fill="#000" d="([^"]+)"/)?.[1] ?? '';
  const modules = [...dark.matchAll(/M(\d+) (\d+)h(\d+)v(\d+)/g)].map((run) => run.slice(1).map(Number));
  return { size, modules };
}

/** An makes a one-hour share of his name in a browser of his own; returns its QR's link and modules. */
async function shareQr(page: Page, testInfo: TestInfo): Promise<{ url: string; camera: FakeCamera }> {
  const context = await page.context().browser()!.newContext({ baseURL: testInfo.project.use.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const citizen = await context.newPage();
  await citizen.goto('/sign-in?next=%2Frecord%2Fshare');
  await signIn(citizen, AN);
  await expect(citizen).toHaveURL(/\/record\/share$/);
  await citizen.getByLabel(t('vi', 'share.field_full_name')).check();
  await citizen.getByLabel(t('vi', 'share.hours_1')).check();
  await citizen.getByRole('button', { name: t('vi', 'share.create_button') }).click();
  const qr = citizen.getByRole('img', { name: t('vi', 'share.qr_label') });
  await expect(qr).toBeVisible();
  const url = await decodeQr(qr);
  expect(url).toMatch(new RegExp(`^${testInfo.project.use.baseURL}/verify#[\\w-]+\\.[\\w-]+$`));
  const camera = qrModules(await qr.innerHTML());
  expect(camera.modules.length, 'the QR has dark modules').toBeGreaterThan(0);
  await context.close();
  return { url: url!, camera };
}

const cameraButton = (page: Page) => page.getByRole('button', { name: t('vi', 'verify.camera_button') });
const stopButton = (page: Page) => page.getByRole('button', { name: t('vi', 'verify.camera_stop') });
const cameraView = (page: Page) => page.getByLabel(t('vi', 'verify.camera_view_label'));
const verdict = (page: Page, key: string) => page.getByRole('heading', { level: 2, name: t('vi', key) });

test('a verifier scans a share QR with the camera in the page, and the camera goes off', async ({ page }, testInfo) => {
  test.slow();
  const { camera } = await shareQr(page, testInfo);
  await fakeCamera(page, camera);
  await page.goto('/verify');
  await cameraButton(page).click();
  await expect(verdict(page, 'verify.valid_heading')).toBeVisible();
  await expect(page.getByRole('definition')).toHaveText([AN.name]);
  await expect(page.getByText(t('vi', 'verify.revocation_checked'))).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { cameraAsked: unknown }).cameraAsked)).toEqual({ video: { facingMode: 'environment' } });
  await expect.poll(() => cameraIsOff(page), 'every track of the camera is stopped').toBe(true);
  await expect(cameraView(page)).toHaveCount(0);
  await expect(cameraButton(page)).toBeVisible();
});

test('the camera view is accessible, stops on request and when the verifier leaves the page', async ({ page }, testInfo) => {
  await fakeCamera(page, { size: 1, modules: [] });
  await page.goto('/verify');
  await cameraButton(page).click();
  await expect(cameraView(page)).toBeVisible();
  await expect(stopButton(page)).toBeFocused();
  await expect(page.getByText(t('vi', 'verify.camera_hint'))).toBeVisible();
  await expect(page.getByText(t('vi', 'verify.camera_starting'))).toHaveCount(0);
  await expectNoAxeViolations(page, 'verify page, camera open');
  await keepScreenshot(page, testInfo, 'verify-camera');

  // Stopped from the keyboard: the camera is off, and focus is back on the button that opens it.
  await page.keyboard.press('Enter');
  await expect(cameraView(page)).toHaveCount(0);
  await expect(cameraButton(page)).toBeFocused();
  await expect.poll(() => cameraIsOff(page)).toBe(true);

  // Opened again, then the verifier follows a link away: leaving the page turns it off.
  await page.keyboard.press('Enter');
  await expect(cameraView(page)).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { fakeCamera: MediaStream }).fakeCamera.getTracks()[0].readyState)).toBe('live');
  await page.getByRole('banner').getByRole('link', { name: new RegExp(t('vi', 'shell.portal_name')) }).click();
  await expect(page).not.toHaveURL(/\/verify/);
  await expect.poll(() => cameraIsOff(page), 'the camera is off after leaving the page').toBe(true);
});

test('a refused camera says so, and pasting a code still works', async ({ page }) => {
  await fakeCamera(page, { size: 1, modules: [], refuseWith: 'NotAllowedError' });
  await page.goto('/verify');
  await cameraButton(page).click();
  await expect(page.getByRole('alert').filter({ hasText: t('vi', 'verify.camera_denied') })).toBeVisible();
  await expect(cameraButton(page)).toBeFocused();
  await expect(cameraView(page)).toHaveCount(0);
  await expectNoAxeViolations(page, 'verify page, camera refused');

  await page.getByLabel(t('vi', 'verify.paste_label')).fill('xin chào');
  await page.getByRole('button', { name: t('vi', 'verify.check_button') }).click();
  await expect(page.getByText(t('vi', 'verify.refused_malformed'))).toBeVisible();
});

test('where the browser has a BarcodeDetector, the camera scan uses it', async ({ page }) => {
  await fakeCamera(page, { size: 1, modules: [] });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { detectorSaw: string[] }).detectorSaw = seen;
    class FakeBarcodeDetector {
      constructor(options: { formats: string[] }) {
        seen.push(`formats:${options.formats.join(',')}`);
      }
      async detect(source: unknown) {
        seen.push(source instanceof HTMLVideoElement ? 'video' : 'other');
        return [{ rawValue: 'xin chào', format: 'qr_code' }];
      }
    }
    (window as unknown as { BarcodeDetector: unknown }).BarcodeDetector = FakeBarcodeDetector;
  });
  await page.goto('/verify');
  await cameraButton(page).click();
  await expect(page.getByText(t('vi', 'verify.refused_malformed'))).toBeVisible();
  const seen = await page.evaluate(() => (window as unknown as { detectorSaw: string[] }).detectorSaw);
  expect(seen.slice(0, 2)).toEqual(['formats:qr_code', 'video']);
  await expect.poll(() => cameraIsOff(page)).toBe(true);
});
