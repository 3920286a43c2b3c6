import { launchChromium } from './chromium.mjs';
import { AN, signIn } from './sign-in.mjs';
const BASE = process.argv[2];
const paths = process.argv.slice(3);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
await signIn(page, BASE, AN, paths[0]);
for (const path of paths) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__shifts.push({ value: e.value, t: Math.round(e.startTime), sources: e.sources.map((s) => ({ node: s.node ? (s.node.outerHTML || s.node.textContent || '').slice(0, 120) : null, prev: [s.previousRect.y, s.previousRect.height], cur: [s.currentRect.y, s.currentRect.height] })) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${BASE}${path}`);
  await page.waitForTimeout(6000);
  const shifts = await page.evaluate(() => window.__shifts);
  console.log(path, 'CLS', shifts.reduce((a, s) => a + s.value, 0).toFixed(3));
  for (const s of shifts) console.log(JSON.stringify(s));
  await page.screenshot({ path: `/tmp/probe${path.replaceAll('/', '_')}.png` });
}
await browser.close();
