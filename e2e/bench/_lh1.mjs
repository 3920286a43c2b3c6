// node bench/_lh1.mjs BASE PATH RUNS [signed]: scores + LCP element + LCP breakdown, saves last lhr
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import fs from 'node:fs';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchChromium } from './chromium.mjs';
import { AN, signIn, waitForServer } from './sign-in.mjs';
const [BASE, PATH, RUNS = '1', SIGNED] = process.argv.slice(2);
await waitForServer(BASE);
let cookie = null;
if (SIGNED) {
  const b = await launchChromium(); const p = await b.newPage();
  await signIn(p, BASE, AN, PATH);
  cookie = (await p.context().cookies(BASE)).map(({ name, value }) => `${name}=${value}`).join('; ');
  await b.close();
}
for (let i = 0; i < +RUNS; i++) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS] });
  const r = await lighthouse(BASE + PATH, { port: chrome.port, logLevel: 'error', onlyCategories: ['performance'], extraHeaders: cookie ? { Cookie: cookie } : undefined });
  chrome.kill();
  const lhr = r.lhr; const a = lhr.audits;
  const el = a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet;
  console.log(`${PATH} score ${Math.round(lhr.categories.performance.score*100)} FCP ${Math.round(a['first-contentful-paint'].numericValue)} LCP ${Math.round(a['largest-contentful-paint'].numericValue)} TBT ${Math.round(a['total-blocking-time'].numericValue)} SI ${Math.round(a['speed-index'].numericValue)} bytes ${Math.round(a['total-byte-weight'].numericValue/1024)}K el ${el}`);
  fs.writeFileSync('/tmp/lhr.json', JSON.stringify(lhr));
}
