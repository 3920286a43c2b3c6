import { type Page, type Route } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, DEMO_PASSWORD, codeField, holdCodes, identifierField, passwordField, signIn } from '../support/citizens';

// The public pages are rendered ahead of time (src/prerender.rs): the server answers their
// address with the page itself, which the app takes over once it has started (src/start.rs).
// Here the app's wasm is held back, as on a slow phone, to see the page before the app.

const MAIN_WASM = /\/app-[0-9a-f]+\/citizen_portal_bg\.wasm$/;
const PUBLIC_PAGES = [
  { path: '/', title: 'page.home.title' },
  { path: '/sign-in', title: 'page.sign_in.title' },
  { path: '/verify', title: 'page.verify.title' },
];

/** Holds the app's wasm until the returned function is called. */
async function holdTheApp(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = [];
  let released = false;
  await page.route(MAIN_WASM, (route) => (released ? route.continue() : void held.push(route)));
  return async () => {
    released = true;
    await Promise.all(held.map((route) => route.continue()));
  };
}

const prerendered = (page: Page) => page.locator('#app[data-prerendered]');

test('a kiosk page is laid out for the kiosk before the app has started', async ({ portal, page, isMobile }, testInfo) => {
  test.skip(isMobile, 'the desktop and kiosk servers are the two deployments');
  const release = await holdTheApp(page);
  await page.goto('/');
  await expect(prerendered(page)).toBeVisible();
  const root = page.locator('html');
  const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  if (testInfo.project.name === 'kiosk') {
    // The server writes the kiosk's mark and its paper on the page itself (boot.js asks for
    // /config.json only once the page has painted): the page is laid out once, for the kiosk.
    await expect(root).toHaveAttribute('data-kiosk', '');
    await expect(root).toHaveAttribute('data-print-paper', 'receipt-80mm');
    expect(await rootSize()).toBe('20px');
  } else {
    await expect(root).toHaveAttribute('data-print-paper', 'a4');
    await expect(root).not.toHaveAttribute('data-kiosk');
    expect(await rootSize()).toBe('16px');
  }
  await release();
  await expect(prerendered(page)).toHaveCount(0);
  await expect(portal.heading()).toHaveText(t('vi', 'page.home.title'));
});

test.describe('pages rendered ahead of time', () => {
  // What the server sends and how the app takes it over do not depend on the screen: one
  // viewport is enough, except for the kiosk's language, which is its own rule.
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop' && !testInfo.title.includes('English'), 'one viewport');
  });

  test('each public page is painted before the app, and the app shows the same page', async ({ page }) => {
    for (const { path, title } of PUBLIC_PAGES) {
      const release = await holdTheApp(page);
      await page.goto(path);
      await expect(prerendered(page)).toHaveCount(1);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('vi', title));
      // Everything the citizen reads: header, navigation, the page, footer.
      const before = await page.locator('#app').innerText();
      await release();
      await expect(prerendered(page)).toHaveCount(0);
      await expect.poll(() => page.locator('#app').innerText()).toBe(before);
      await page.unrouteAll();
    }
  });

  test('what is typed before the app has started is kept, and a form sent early is sent once it has', async ({ page }) => {
    await holdCodes(page, AN);
    const release = await holdTheApp(page);
    await page.goto('/sign-in?next=%2Frecord');
    await expect(prerendered(page)).toHaveCount(1);
    await identifierField(page).fill(AN.id);
    await passwordField(page).fill(DEMO_PASSWORD);
    await passwordField(page).press('Enter');
    // Held by boot.js: the page did not reload with the password in its address.
    await expect(page).toHaveURL(/\/sign-in\?next=%2Frecord$/);
    await release();
    await expect(codeField(page)).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\?next=%2Frecord$/);
  });

  test('a form the browser sends itself, before any of the portal’s code is there, keeps what was typed out of the address', async ({ page, allowHttpErrors }) => {
    // Not even boot.js, which would hold the form (lost on the way, as on a bad line): the
    // browser sends the form as the page says.
    const BOOT = /\/boot-[0-9a-f]+\.js$/;
    allowHttpErrors.push(BOOT);
    await page.route(BOOT, (route) => route.abort());
    const addresses: string[] = [];
    page.on('request', (request) => addresses.push(request.url()));
    await page.goto('/sign-in?next=%2Frecord');
    await identifierField(page).fill(AN.id);
    await passwordField(page).fill(DEMO_PASSWORD);
    const sent = page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === '/sign-in');
    await passwordField(page).press('Enter');
    expect((await sent).postData()).toContain('password=');
    // The server sends the citizen back to the page they were on, which asks again.
    await expect(page).toHaveURL(/\/sign-in\?next=%2Frecord$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('vi', 'page.sign_in.title'));
    expect(addresses.filter((address) => address.includes('password') || address.includes(encodeURIComponent(DEMO_PASSWORD)))).toEqual([]);

    // The same for what a citizen shared, pasted on the verify page.
    await page.goto('/verify');
    await page.getByLabel(t('vi', 'verify.paste_label')).fill('Nguyễn Văn An|14031985');
    const pasted = page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === '/verify');
    await page.getByRole('button', { name: t('vi', 'verify.check_button') }).click();
    expect((await pasted).postData()).toContain('share_code=');
    await expect(page).toHaveURL(/\/verify$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('vi', 'page.verify.title'));
    expect(addresses.filter((address) => address.includes('share_code') || address.includes('14031985'))).toEqual([]);
  });

  test('a button pressed before the app has started is pressed once it has', async ({ page, portal }) => {
    const release = await holdTheApp(page);
    await page.goto('/verify');
    await expect(prerendered(page)).toHaveCount(1);
    await portal.languageSwitch('en').click();
    await release();
    await expect(prerendered(page)).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'page.verify.title'));
    // Back to Vietnamese, for whoever uses this browser next.
    await portal.languageSwitch('vi').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  });

  test('the cursor stays where the citizen was typing', async ({ page }) => {
    const release = await holdTheApp(page);
    await page.goto('/sign-in');
    await identifierField(page).fill('0012');
    await release();
    await expect(prerendered(page)).toHaveCount(0);
    await expect(identifierField(page)).toBeFocused();
    await page.keyboard.type('34');
    await expect(identifierField(page)).toHaveValue('001234');
  });

  test('a citizen who chose English gets English from the first paint; a kiosk starts in Vietnamese again', async ({ page, portal }, testInfo) => {
    await portal.open('/');
    await portal.languageSwitch('en').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    if (testInfo.project.name === 'kiosk') {
      // The next stranger at the kiosk is not served in the last citizen's language.
      await portal.open('/sign-in');
      await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
      await expect(portal.heading()).toHaveText(t('vi', 'page.sign_in.title'));
      return;
    }
    const release = await holdTheApp(page);
    await page.goto('/sign-in');
    await expect(prerendered(page)).toHaveCount(1);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'page.sign_in.title'));
    await release();
    await expect(prerendered(page)).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'page.sign_in.title'));
    // Back to Vietnamese, for whoever uses this browser next.
    await portal.languageSwitch('vi').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  });

  test("the app starts in the language of the page it takes over, without reading the cookie", async ({ page, context, request, baseURL }) => {
    // The server answers in the cookie's language; here the page is Vietnamese while the
    // cookie says English. The app keeps the page's language: had it read the cookie as it
    // starts (a synchronous round trip to the browser's cookie store, in its longest task),
    // the page would turn English as it is taken over.
    const vietnamese = await request.get('/sign-in');
    expect(await vietnamese.text()).toMatch(/<html[^>]* lang="vi"/);
    await page.route(/\/sign-in$/, (route) => route.fulfill({ response: vietnamese }));
    await context.addCookies([{ name: 'portal_lang', value: 'en', url: baseURL! }]);
    const release = await holdTheApp(page);
    await page.goto('/sign-in');
    await expect(prerendered(page)).toHaveCount(1);
    await release();
    await expect(prerendered(page)).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('vi', 'page.sign_in.title'));
  });
});

// A signed-in citizen's pages are framed ahead of time (src/prerender.rs, `signed-in/`): the
// server sends the frame when the request carries a session cookie. The header's place for
// the name is what keeps the page from moving: without it the header grows by a row on a
// phone once the app knows who is signed in, and everything below moves down.
test.describe('a signed-in page rendered ahead of time', () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== 'phone', 'on a phone, where the header wraps');
  });

  test('its frame is painted before the app, and nothing on screen moves when the app and the data arrive', async ({ page, portal }) => {
    await page.goto('/sign-in');
    await signIn(page, AN);
    // Layout shifts the citizen did not cause, summed as Chromium's CLS counts them.
    await page.addInitScript(() => {
      const counted = window as unknown as { shifted: number };
      counted.shifted = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
          if (!entry.hadRecentInput) counted.shifted += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    for (const { path, title } of [
      { path: '/record', title: 'page.record.title' },
      { path: '/documents', title: 'page.documents.title' },
      { path: '/requests', title: 'page.requests.title' },
    ]) {
      const release = await holdTheApp(page);
      await page.goto(path);
      await expect(prerendered(page)).toHaveCount(1);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('vi', title));
      await expect(page.locator('.app-session-menu__name--unknown')).toBeVisible();
      await expect(page.getByRole('navigation').getByRole('link', { name: t('vi', 'nav.account') })).toBeVisible();
      // The app's page takes the frame's place with new elements, which Chromium's count of
      // shifts does not see: where the heading is, is what the citizen sees move.
      const framed = await page.getByRole('heading', { level: 1 }).boundingBox();
      await release();
      await expect(prerendered(page)).toHaveCount(0);
      await expect(page.getByRole('banner').getByText(AN.name)).toBeVisible();
      await portal.settled();
      expect((await page.getByRole('heading', { level: 1 }).boundingBox())?.y, `the heading of ${path}`).toBeCloseTo(framed!.y, 0);
      const shifted = await page.evaluate(() => (window as unknown as { shifted: number }).shifted);
      expect(shifted, `layout shift on ${path}`).toBeLessThan(0.02);
      await page.unrouteAll();
    }
  });

  test("the page's own code is asked for with the app's, and fetched once, the idle prefetch included", async ({ page }) => {
    await page.goto('/sign-in');
    await signIn(page, AN);
    // The files each split point needs, as the build lists them (xtask/src/wasm_build.rs).
    const folder = await page.evaluate(() => new URL(document.querySelector('meta[name="wasm-js"]')!.getAttribute('content')!, location.href).pathname.replace(/\/[^/]*$/, ''));
    const list = await (await page.request.get(`${folder}/split-files.txt`)).text();
    const filesOf = (split: string) =>
      list
        .split('\n')
        .find((line) => line.startsWith(`${split} `))!
        .split(' ')
        .slice(1)
        .map((file) => `${folder}/${file}.wasm`);
    // What the browser fetches, the idle prefetch of the pages a citizen opens next included.
    const fetched: string[] = [];
    page.on('request', (request) => void fetched.push(new URL(request.url()).pathname));
    const prefetched = () => page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]')].map((link) => new URL(link.href).pathname));
    const signedInSplits = ['record', 'share', 'documents', 'requests', 'account'];
    // The record's frame is a skeleton (its head preloads the files); the documents' has a
    // lead to read (boot.js asks for them once it has painted).
    for (const { path, split } of [
      { path: '/record', split: 'record' },
      { path: '/documents', split: 'documents' },
    ]) {
      const files = filesOf(split);
      expect(files.length).toBeGreaterThan(0);
      fetched.length = 0;
      // With the app's wasm held back, only the frame can have had them asked for.
      const release = await holdTheApp(page);
      await page.goto(path);
      await expect(prerendered(page)).toHaveCount(1);
      await expect.poll(() => files.filter((file) => !fetched.includes(file)), path).toEqual([]);
      await release();
      await expect(prerendered(page)).toHaveCount(0);
      // Once the page is idle, the other signed-in pages' files come ahead; those this page
      // shares with them it has already.
      const ahead = [...new Set(signedInSplits.filter((other) => other !== split).flatMap(filesOf))].filter((file) => !files.includes(file));
      expect(ahead.length).toBeGreaterThan(0);
      await expect.poll(async () => ahead.filter((file) => !fetched.includes(file)), path).toEqual([]);
      expect(await prefetched(), path).toEqual(expect.arrayContaining(ahead));
      // Once each: the app's loader took what the frame had asked for, and the prefetch left
      // what the page had, rather than asking again.
      for (const file of files) expect(fetched.filter((fetchedPath) => fetchedPath === file), `${path}: ${file}`).toHaveLength(1);
      await page.unrouteAll();
    }
  });

  test('its page asks for its data beside the session check, not after it', async ({ page }) => {
    await page.goto('/sign-in');
    await signIn(page, AN);
    // The session check is held: the record comes all the same, from the same cookie.
    const held: Route[] = [];
    await page.route('**/api/v1/session', (route) => void held.push(route));
    await page.goto('/record');
    await expect(page.getByRole('heading', { level: 2, name: t('vi', 'record.section_identity'), exact: true })).toBeVisible();
    await expect(page.getByRole('main').getByText(AN.id).first()).toBeVisible();
    await expect.poll(() => held.length).toBe(1);
    await expect(page.locator('.app-session-menu__name--unknown')).toBeVisible();
    await Promise.all(held.map((route) => route.continue()));
    await expect(page.getByRole('banner').getByText(AN.name)).toBeVisible();
    await page.unrouteAll();
  });
});
