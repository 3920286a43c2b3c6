import { defineConfig, devices } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OPERATOR_TOKEN } from './support/operator';

// The portal runs from the reference backend, started here on ports of its own with a
// throwaway database and fresh demo data, so a test never meets state a previous run left.
const serverBin = process.env.PORTAL_SERVER_BIN ?? resolve(__dirname, '../target/debug/portal-server');
const dist = process.env.PORTAL_DIST ?? resolve(__dirname, '../dist');
// The demo CA that signed server/fixtures/signed-sample*.pdf (server/fixtures/make_signed_sample.py).
const trustAnchors = resolve(__dirname, '../server/trust-anchors/demo');
const runId = `${process.pid}-${Date.now()}`;
// E2E_PORT_BASE moves all three, so two checkouts can run their suites side by side.
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 8181);
const PORT = PORT_BASE;
const KIOSK_PORT = PORT_BASE + 1;
const PHONE_PORT = PORT_BASE + 2;

function server(port: number, extra: string[] = []) {
  const database = join(tmpdir(), `portal-e2e-${runId}-${port}.sqlite3`);
  return {
    // The SMS outbox is how a test reads the one-time code; the national database answers at
    // once unless a test asks otherwise; rate limits per address are raised because every
    // test signs in from 127.0.0.1 (per-account limits and lockout stay as in production).
    command: [
      serverBin,
      '--listen', `127.0.0.1:${port}`,
      '--dist', dist,
      '--database', database,
      '--demo',
      '--reset',
      '--dev-sms-outbox',
      '--operator-token', OPERATOR_TOKEN,
      // Every test signs the same few demo citizens in again and again.
      '--sms-per-phone-per-hour', '10000',
      '--sms-per-phone-per-day', '10000',
      // Tests decide requests through the operator endpoint, not the simulated provider's clock.
      '--operator-endpoint',
      '--request-pace-seconds', '0',
      '--national-db-latency-ms', '0',
      '--sign-in-attempts-per-ip', '10000',
      // Every test browser calls from 127.0.0.1: the public share endpoints' limit would be
      // shared by all of them.
      '--public-requests-per-ip', '10000',
      // Uploads of the signed samples are judged against the demo CA, as on a demo server.
      '--trust-anchors', trustAnchors,
      ...extra,
    ].join(' '),
    url: `http://127.0.0.1:${port}/api/v1/health`,
    // Never reuse: an old server left on the port would silently answer for this run.
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
}

// Debian's Chromium (Playwright must not download a browser here), with the flags that keep
// it quiet on a closed network and let it run as root.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

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
  // One server per viewport, so that what one project's tests do to an account (a lockout, a
  // sign-out of every session) never meets another project's tests.
  webServer: [server(PORT), server(PHONE_PORT), server(KIOSK_PORT, ['--kiosk'])],
});
