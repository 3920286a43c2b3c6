// Writes each page Lighthouse measures (lighthouse-pages.mjs) as static HTML: the page as the
// app rendered it, with every script and every preload of the app's JS and wasm taken out, and
// the stylesheet kept. It is what the citizen's phone would show if the server sent the
// finished page, so Lighthouse can set the app beside the same page without its wasm.
//
//   node bench/static-pages.mjs http://127.0.0.1:PORT DIST_COPY
//
// Run by `cargo xtask bench` against a first server; the copies go into DIST_COPY/static-copy/,
// and the server that Lighthouse measures serves DIST_COPY (the built app reads its files
// once, at start-up).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screenEmulationMetrics, userAgents } from 'lighthouse/core/config/constants.js';
import { launchChromium } from './chromium.mjs';
import { PAGES, SIGNED_IN_AS, STATIC_FOLDER, staticFile } from './lighthouse-pages.mjs';
import { fail, signIn, waitForServer } from './sign-in.mjs';

const [BASE, DIST_COPY] = process.argv.slice(2);

/** In the page: the document as rendered, without what would start the app or fetch its code. */
function renderedWithoutApp() {
  const root = document.documentElement.cloneNode(true);
  const appCode = /\.(m?js|wasm)([?#]|$)/;
  for (const node of root.querySelectorAll('script, link[rel~="modulepreload"], link[rel~="preload"], link[rel~="prefetch"]')) {
    if (node.localName === 'script' || appCode.test(node.getAttribute('href') ?? '')) node.remove();
  }
  // outerHTML has no doctype, and without one the copy would be laid out in quirks mode.
  return `<!DOCTYPE html>\n${root.outerHTML}`;
}

/** Settled: nothing fetched for a while (chunks, the session, the page's data), nothing loading, a heading shown. */
async function settled(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.app-loading, [aria-busy="true"]') && document.querySelector('main h1'));
}

async function main() {
  if (!BASE || !DIST_COPY) fail('usage: node bench/static-pages.mjs BASE_URL DIST_COPY');
  await waitForServer(BASE);
  const browser = await launchChromium();
  try {
    // Lighthouse's own phone, so that the copy holds the markup that phone was given.
    const { width, height, deviceScaleFactor } = screenEmulationMetrics.mobile;
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, isMobile: true, hasTouch: true, userAgent: userAgents.mobile });
    const page = await context.newPage();
    const folder = join(DIST_COPY, STATIC_FOLDER);
    mkdirSync(folder, { recursive: true });
    let signedIn = false;
    for (const { path, signedIn: needsSession } of PAGES) {
      if (needsSession && !signedIn) {
        await signIn(page, BASE, SIGNED_IN_AS, path);
        signedIn = true;
      }
      await page.goto(`${BASE}${path}`);
      await settled(page).catch((error) => fail(`${path} did not settle: ${error.message}`));
      const html = await page.evaluate(renderedWithoutApp);
      writeFileSync(join(folder, staticFile(path)), html);
      console.log(`  ${path}: ${html.length.toLocaleString('en')} characters → ${STATIC_FOLDER}/${staticFile(path)}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`static pages: ${error.stack ?? error}`);
  process.exit(1);
});
