import { test, expect } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, identifierField, signIn } from '../support/citizens';

// Pages load their code when first opened (see src/lazy_routes.rs): the first visit fetches
// the main module only, and a chunk that cannot be fetched leaves a working app that says so.

const chunk = /\/app-[0-9a-f]+\/(split_|chunk_)[^/]*\.wasm$/;

test.describe('pages that load on demand', () => {
  test('the first visit does not fetch the signed-in pages, opening one does', async ({ portal, page, context, allowHttpErrors }) => {
    // With the connection gone, the browser asks for the page's icon again, and says it failed.
    allowHttpErrors.push(/\/favicon\.svg$/);
    const fetched: string[] = [];
    const finished = new Set<string>();
    page.on('request', (request) => {
      if (chunk.test(new URL(request.url()).pathname)) fetched.push(new URL(request.url()).pathname);
    });
    page.on('requestfinished', (request) => finished.add(new URL(request.url()).pathname));
    await portal.open('/');
    // A visitor's likely next page, fetched ahead while the page is idle.
    await expect.poll(() => fetched.some((path) => path.endsWith('/split_sign_in.wasm'))).toBe(true);
    expect(fetched.filter((path) => /split_(record|documents|requests|account)\.wasm$/.test(path))).toEqual([]);

    // Fetched into the browser's cache (not compiled until opened): once every file has come,
    // the page opens with the connection gone.
    const prefetched = () => page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]')].map((link) => new URL(link.href).pathname));
    await expect
      .poll(async () => {
        const paths = await prefetched();
        return paths.some((path) => path.endsWith('/split_sign_in.wasm')) && paths.every((path) => finished.has(path));
      })
      .toBe(true);
    expect((await prefetched()).length).toBeGreaterThan(1);
    await context.setOffline(true);
    await portal.navLink('vi', 'nav.sign_in').click();
    await expect(portal.heading()).toHaveText(t('vi', 'page.sign_in.title'));
    await expect(identifierField(page)).toBeVisible();
  });

  test('a citizen signed in on a fast connection gets every page ahead; on a slow one, only the next', async ({ page, context }) => {
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (chunk.test(new URL(request.url()).pathname)) fetched.push(new URL(request.url()).pathname);
    });
    const signedInPages = () => fetched.filter((path) => /split_(record|share|documents|requests|account)\.wasm$/.test(path));
    await page.goto('/sign-in?next=%2Frequests');
    await signIn(page, AN);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('vi', 'page.requests.title'));
    await expect.poll(() => signedInPages().length).toBe(5);

    // A 3G link, as Chromium's own network emulation reports it to the page (400 ms round trips).
    const slow = await context.newPage();
    const cdp = await context.newCDPSession(slow);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 200_000, uploadThroughput: 100_000 });
    await expect.poll(() => slow.evaluate(() => (navigator as Navigator & { connection: { effectiveType: string } }).connection.effectiveType)).toBe('3g');
    fetched.length = 0;
    slow.on('request', (request) => {
      if (chunk.test(new URL(request.url()).pathname)) fetched.push(new URL(request.url()).pathname);
    });
    await slow.goto('/requests');
    await expect(slow.getByRole('heading', { level: 1 })).toHaveText(t('vi', 'page.requests.title'), { timeout: 30_000 });
    // The record is where a citizen goes next; the rest waits until they open it.
    await expect.poll(() => signedInPages(), { timeout: 30_000 }).toEqual([expect.stringMatching(/split_requests\.wasm$/), expect.stringMatching(/split_record\.wasm$/)]);
    await slow.waitForTimeout(1_500);
    expect(signedInPages()).toHaveLength(2);
    await slow.close();
  });

  test('when a page cannot be fetched, the app explains and keeps working', async ({ portal, page, allowHttpErrors }) => {
    // The chunk loader reports the failed fetch in the console before the app handles it.
    allowHttpErrors.push(chunk, /\/__wasm_split\.js$/);
    await page.route(chunk, (route) => route.abort('internetdisconnected'));
    await portal.open('/');
    await portal.navLink('vi', 'nav.sign_in').click();

    const notice = portal.main().getByRole('alert');
    await expect(notice).toContainText(t('vi', 'error.network'));
    await expect(portal.main().getByRole('button', { name: t('vi', 'error.try_again') })).toBeVisible();

    // Still alive: the pages in the main module answer, and the page loads once the network does.
    await portal.navLink('vi', 'nav.home').click();
    await expect(portal.heading()).toHaveText(t('vi', 'page.home.title'));
    await page.unroute(chunk);
    await portal.navLink('vi', 'nav.sign_in').click();
    await expect(portal.heading()).toHaveText(t('vi', 'page.sign_in.title'));
  });
});
