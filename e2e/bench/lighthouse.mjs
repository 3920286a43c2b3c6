// Lighthouse on the pages of lighthouse-pages.mjs, each beside its static copy (written by
// static-pages.mjs and served by the same server), in Lighthouse's default mobile preset: an
// emulated mid-range phone on slow 4G with a 4× slower CPU, throttling simulated. Signed-in
// pages get the session cookie of a citizen signed in through the app. Prints one table of
// medians; like documents-search.mjs it never fails on a figure, only when it cannot run.
//
//   node bench/lighthouse.mjs http://127.0.0.1:PORT
//
// Run by `cargo xtask bench`, with CHROME_PATH set to Debian's Chromium: Lighthouse must not
// look for, or fetch, a browser of its own.

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchChromium } from './chromium.mjs';
import { PAGES, SIGNED_IN_AS, staticPath } from './lighthouse-pages.mjs';
import { fail, signIn, waitForServer } from './sign-in.mjs';

const BASE = process.argv[2] ?? 'http://127.0.0.1:8291';
// The machine is noisy: the median of a few runs says more than any one.
const RUNS = 3;
// A busy machine sometimes spoils a run's trace (NO_NAVSTART); Lighthouse asks to run again.
const ATTEMPTS = 3;
let retried = 0;

/**
 * The `Cookie` header of `SIGNED_IN_AS`, signed in through the app's own form, and the
 * browser's full version (Lighthouse's report has only the reduced user agent's 156.0.0.0).
 */
async function signedInCookie() {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const signedInPage = PAGES.find((p) => p.signedIn).path;
    await signIn(page, BASE, SIGNED_IN_AS, signedInPage);
    const cookies = await page.context().cookies(BASE);
    return { cookie: cookies.map(({ name, value }) => `${name}=${value}`).join('; '), chromium: browser.version() };
  } finally {
    await browser.close();
  }
}

/** One Lighthouse run of `url`, tried again when Lighthouse could not record the load. */
async function lighthouseRun(url, cookie) {
  for (let attempt = 1; ; attempt += 1) {
    const lhr = await lighthouseReport(url, cookie);
    if (!lhr.runtimeError) return figures(lhr, url, cookie);
    if (attempt === ATTEMPTS) fail(`Lighthouse could not load ${url} in ${ATTEMPTS} attempts: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    retried += 1;
  }
}

/** Lighthouse's report of one load of `url`, in a Chromium of its own as the Lighthouse CLI does. */
async function lighthouseReport(url, cookie) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      // Sent with every request of the page, the app's API calls included.
      extraHeaders: cookie ? { Cookie: cookie } : undefined,
    });
    return result?.lhr ?? fail(`Lighthouse gave no result for ${url}`);
  } finally {
    chrome.kill();
  }
}

/** The table's figures from a report, once it is sure the page was what it meant to measure. */
function figures(lhr, url, cookie) {
  const landedOn = new URL(lhr.finalDisplayedUrl).pathname;
  if (landedOn !== new URL(url).pathname) fail(`${url} ended on ${landedOn}`);
  if (cookie) {
    const requests = lhr.audits['network-requests']?.details?.items ?? fail('Lighthouse listed no requests');
    const refused = requests.find((r) => r.statusCode === 401);
    if (refused) fail(`${url} was not signed in: ${refused.url} answered 401`);
  }
  const score = (category) => (lhr.categories[category].score === null ? null : lhr.categories[category].score * 100);
  const metric = (audit) => lhr.audits[audit].numericValue ?? null;
  return {
    performance: score('performance'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    bytes: metric('total-byte-weight'),
    accessibility: score('accessibility'),
    version: lhr.lighthouseVersion,
  };
}

/** The median of each figure over the runs; a figure Lighthouse could not take is left out. */
function medians(runs) {
  const median = (key) => {
    const values = runs.map((run) => run[key]).filter((v) => v !== null).sort((a, b) => a - b);
    return values.length ? values[Math.floor(values.length / 2)] : null;
  };
  return Object.fromEntries(['performance', 'lcp', 'tbt', 'cls', 'bytes', 'accessibility'].map((key) => [key, median(key)]));
}

const shown = (value, format) => (value === null ? '–' : format(value));
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const columns = [
  ['page', 22, (r) => r.page],
  ['score', 6, (r) => shown(r.app.performance, Math.round)],
  ['LCP', 8, (r) => shown(r.app.lcp, seconds)],
  ['TBT', 7, (r) => shown(r.app.tbt, (ms) => `${Math.round(ms)} ms`)],
  ['CLS', 6, (r) => shown(r.app.cls, (cls) => cls.toFixed(3))],
  ['bytes', 9, (r) => shown(r.app.bytes, (bytes) => `${(bytes / 1024).toFixed(1)} KiB`)],
  ['a11y', 5, (r) => shown(r.app.accessibility, Math.round)],
  ['static LCP', 10, (r) => shown(r.static.lcp, seconds)],
  ['LCP ratio', 9, (r) => (r.app.lcp && r.static.lcp ? `${(r.app.lcp / r.static.lcp).toFixed(2)}` : '–')],
];
const line = (cells) => cells.map((cell, i) => String(cell).padEnd(columns[i][1])).join('  ').trimEnd();

async function main() {
  await waitForServer(BASE);
  const { cookie, chromium } = await signedInCookie();
  const rows = [];
  let lighthouseVersion = null;
  for (const { path, signedIn } of PAGES) {
    const app = [];
    const copy = [];
    // Alternated, so that a slow spell of the machine falls on both alike.
    for (let run = 1; run <= RUNS; run += 1) {
      process.stdout.write(`  ${path}: run ${run} of ${RUNS}, app and static copy\n`);
      app.push(await lighthouseRun(`${BASE}${path}`, signedIn ? cookie : null));
      copy.push(await lighthouseRun(`${BASE}${staticPath(path)}`, signedIn ? cookie : null));
    }
    lighthouseVersion ??= app[0].version;
    rows.push({ page: signedIn ? `${path} (signed in)` : path, app: medians(app), static: medians(copy) });
  }
  console.log(`\nLighthouse ${lighthouseVersion}, mobile preset (simulated slow 4G, 4× CPU), Chromium ${chromium} headless`);
  console.log(`median of ${RUNS} runs each; static = the same page as the app rendered it, without scripts, from the same server`);
  console.log(`signed in as ${SIGNED_IN_AS.name}; score = performance, a11y = accessibility; LCP ratio = app LCP / static LCP\n`);
  console.log(line(columns.map(([title]) => title)));
  for (const row of rows) console.log(line(columns.map(([, , cell]) => cell(row))));
  if (retried) console.log(`\nruns tried again: ${retried} (Lighthouse could not record the load: a busy machine)`);
}

main().catch((error) => {
  console.error(`lighthouse: ${error.stack ?? error}`);
  process.exit(1);
});
