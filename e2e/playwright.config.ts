import { defineConfig, devices } from '@playwright/test';
import { chromium } from './support/browser';
import { PORT_BASE, serverArgs, serverBin, throwawayDatabase } from './support/server';

// The portal runs from the reference backend, started here on ports of its own with a
// throwaway database and fresh demo data, so a test never meets state a previous run left.
const PORT = PORT_BASE;
const KIOSK_PORT = PORT_BASE + 1;
const PHONE_PORT = PORT_BASE + 2;

function server(port: number, extra: string[] = []) {
  return {
    command: [serverBin, ...serverArgs(port, throwawayDatabase(port), {}, extra)].join(' '),
    url: `http://127.0.0.1:${port}/api/v1/health`,
    // Never reuse: an old server left on the port would silently answer for this run.
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
}

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    launchOptions: chromium,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'retain-on-failure',
    // The portal's service worker serves the app's files from Cache Storage, out of reach of
    // `page.route`, which many tests use to cut or slow the network; it is tested on its own
    // in tests/installable.spec.ts, which allows it.
    serviceWorkers: 'block',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 }, baseURL: `http://127.0.0.1:${PORT}` },
    },
    {
      name: 'phone',
      use: {
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        baseURL: `http://127.0.0.1:${PHONE_PORT}`,
      },
    },
    {
      name: 'kiosk',
      use: { viewport: { width: 1920, height: 1080 }, hasTouch: true, baseURL: `http://127.0.0.1:${KIOSK_PORT}` },
    },
  ],
  // The kiosk's server prints on an 80 mm receipt roll (tests/receipts.spec.ts), the others on A4;
  // it alone sends share links by SMS (tests/kiosk-share-sms.spec.ts), so the others show that a
  // deployment without a public address offers no such thing.
  // One server per viewport, so that what one project's tests do to an account (a lockout, a
  // sign-out of every session) never meets another project's tests.
  webServer: [server(PORT), server(PHONE_PORT), server(KIOSK_PORT, ['--kiosk', '--print-paper', 'receipt-80mm', '--public-url', `http://127.0.0.1:${KIOSK_PORT}`])],
});
