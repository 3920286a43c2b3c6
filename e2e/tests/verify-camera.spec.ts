import { type Page, type TestInfo } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '../support/browser';
import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, signIn } from '../support/citizens';
import { decodeQr } from '../support/qr';

// The verifier scans the citizen's QR with the camera, in the verify page. No browser API is
// replaced: Chromium's own fake camera (`--use-fake-device-for-media-stream`) plays a Y4M
// video this file writes, whose frames show a real share QR, and the page opens it through
// the real `getUserMedia` under the server's real `Permissions-Policy` (`camera=(self)`; with
// `camera=()` Chromium refuses the camera and the first test fails). The camera permission is
// granted through Playwright's context, as a verifier would grant it; the test that leaves it
// ungranted meets the browser's own refusal.
//
// Chromium reads the video file when a page opens the camera, not at launch, so each worker's
// browser is launched with one path, and each test writes what its camera should show there
// first. An, not Bình, makes the share: share-verify.spec.ts counts Bình's shares.

/** The video file the fake camera of this worker's browser plays. */
const VIDEO = join(tmpdir(), `portal-e2e-camera-${process.pid}.y4m`);

test.use({
  launchOptions: {
    ...chromium,
    args: [...chromium.args, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${VIDEO}`],
  },
});

/** A QR as the page draws it: its side and dark modules (`[left, top, width, height]` in the SVG's units). */
type QrModules = { size: number; modules: number[][] };

/** The dark modules of the QR the page draws, read from its SVG (`M x y h w v h` runs). */
function qrModules(svg: string): QrModules {
  const size = Number(svg.match(/width="(\d+)"/)?.[1]);
  const dark = svg.match(/<path fill="#000" d="([^"]+)"/)?.[1] ?? '';
  const modules = [...dark.matchAll(/M(\d+) (\d+)h(\d+)v(\d+)/g)].map((run) => run.slice(1).map(Number));
  return { size, modules };
}

/**
 * Writes the fake camera's video: YUV4MPEG2, 640×480, 4:2:0, a few identical frames (Chromium
 * loops them) of the QR on white in the middle, as a camera held up to a phone would see it.
 */
function writeCameraVideo(qr: QrModules): void {
  const [width, height, side] = [640, 480, 440];
  const luma = Buffer.alloc(width * height, 235);
  const scale = side / Math.max(qr.size, 1);
  const [left, top] = [(width - side) / 2, (height - side) / 2];
  const at = (n: number) => Math.round(n * scale);
  for (const [x, y, w, h] of qr.modules) {
    for (let row = top + at(y); row < top + at(y + h); row++) {
      luma.fill(16, row * width + left + at(x), row * width + left + at(x + w));
    }
  }
  // Grey has no colour: both chroma planes at the middle value.
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(VIDEO, Buffer.concat([header, ...Array(5).fill(frame)]));
}

/** An makes a one-hour share of his name in a browser of his own; returns its QR's link and modules. */
async function shareQr(page: Page, testInfo: TestInfo): Promise<{ url: string; qr: QrModules }> {
  const context = await page.context().browser()!.newContext({ baseURL: testInfo.project.use.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const citizen = await context.newPage();
  await citizen.goto('/sign-in?next=%2Frecord%2Fshare');
  await signIn(citizen, AN);
  await expect(citizen).toHaveURL(/\/record\/share$/);
  await citizen.getByLabel(t('vi', 'share.field_full_name')).check();
  await citizen.getByLabel(t('vi', 'share.hours_1')).check();
  await citizen.getByRole('button', { name: t('vi', 'share.create_button') }).click();
  const image = citizen.getByRole('img', { name: t('vi', 'share.qr_label') });
  await expect(image).toBeVisible();
  const url = await decodeQr(image);
  expect(url).toMatch(new RegExp(`^${testInfo.project.use.baseURL}/verify#[\\w-]+\\.[\\w-]+$`));
  const qr = qrModules(await image.innerHTML());
  expect(qr.modules.length, 'the QR has dark modules').toBeGreaterThan(0);
  await context.close();
  return { url: url!, qr };
}

/** Lets the verify page use the camera, as a verifier answering the browser's question would. */
async function grantCamera(page: Page, testInfo: TestInfo): Promise<void> {
  await page.context().grantPermissions(['camera'], { origin: testInfo.project.use.baseURL });
}

/** Keeps, in the page, the stream the camera view plays, to tell later whether it was stopped. */
async function holdStream(page: Page): Promise<void> {
  await expect.poll(() => cameraView(page).evaluate((video) => (video as HTMLVideoElement).srcObject !== null)).toBe(true);
  await cameraView(page).evaluate((video) => {
    (window as unknown as { heldStream: MediaStream }).heldStream = (video as HTMLVideoElement).srcObject as MediaStream;
  });
}

/** Whether the stream kept by `holdStream` had tracks, all of them live or all of them ended. */
async function heldStreamState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const stream = (window as unknown as { heldStream?: MediaStream }).heldStream;
    const states = new Set(stream?.getTracks().map((track) => track.readyState));
    return states.size === 1 ? [...states][0] : 'none';
  });
}

const cameraButton = (page: Page) => page.getByRole('button', { name: t('vi', 'verify.camera_button') });
const stopButton = (page: Page) => page.getByRole('button', { name: t('vi', 'verify.camera_stop') });
const cameraView = (page: Page) => page.getByLabel(t('vi', 'verify.camera_view_label'));
const verdict = (page: Page, key: string) => page.getByRole('heading', { level: 2, name: t('vi', key) });

test('a verifier scans a share QR with the camera in the page, and the camera goes off', async ({ page }, testInfo) => {
  test.slow();
  const { qr } = await shareQr(page, testInfo);
  writeCameraVideo(qr);
  await grantCamera(page, testInfo);
  await page.goto('/verify');
  await cameraButton(page).click();
  await expect(verdict(page, 'verify.valid_heading')).toBeVisible();
  await expect(page.getByRole('definition')).toHaveText([AN.name]);
  await expect(page.getByText(t('vi', 'verify.revocation_checked'))).toBeVisible();
  await expect(cameraView(page)).toHaveCount(0);
  await expect(cameraButton(page)).toBeVisible();
});

test('the camera view is accessible, stops on request and when the verifier leaves the page', async ({ page }, testInfo) => {
  // A camera pointed at a white wall: nothing to read, so the view stays open.
  writeCameraVideo({ size: 1, modules: [] });
  await grantCamera(page, testInfo);
  await page.goto('/verify');
  await cameraButton(page).click();
  await expect(cameraView(page)).toBeVisible();
  await expect(stopButton(page)).toBeFocused();
  await expect(page.getByText(t('vi', 'verify.camera_hint'))).toBeVisible();
  await expect(page.getByText(t('vi', 'verify.camera_starting'))).toHaveCount(0);
  await holdStream(page);
  expect(await heldStreamState(page)).toBe('live');
  await expectNoAxeViolations(page, 'verify page, camera open');
  await keepScreenshot(page, testInfo, 'verify-camera');

  // Stopped from the keyboard: the camera is off, and focus is back on the button that opens it.
  await page.keyboard.press('Enter');
  await expect(cameraView(page)).toHaveCount(0);
  await expect(cameraButton(page)).toBeFocused();
  await expect.poll(() => heldStreamState(page), 'every track of the camera is stopped').toBe('ended');

  // Opened again, then the verifier follows a link away: leaving the page turns it off.
  await page.keyboard.press('Enter');
  await expect(cameraView(page)).toBeVisible();
  await holdStream(page);
  await expect.poll(() => heldStreamState(page)).toBe('live');
  await page.getByRole('banner').getByRole('link', { name: new RegExp(t('vi', 'shell.portal_name')) }).click();
  await expect(page).not.toHaveURL(/\/verify/);
  await expect.poll(() => heldStreamState(page), 'the camera is off after leaving the page').toBe('ended');
});

test('a camera the browser refuses says so, and pasting a code still works', async ({ page }) => {
  // No permission granted: headless Chromium answers the page's question with a refusal.
  writeCameraVideo({ size: 1, modules: [] });
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
