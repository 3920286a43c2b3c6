// Debian's Chromium for the bench scripts, as in e2e/support/browser.ts: nothing may download
// a browser here (Playwright's own, or Lighthouse's). The flags keep it quiet on a closed
// network and let it run as root.

import { chromium } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Playwright's driver on Debian's Chromium, headless. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}
