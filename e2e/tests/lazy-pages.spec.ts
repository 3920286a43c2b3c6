import { test, expect } from '../support/fixtures';
import { t } from '../support/locales';

// Pages load their code when first opened (see src/lazy_routes.rs): the first visit fetches
// the main module only, and a chunk that cannot be fetched leaves a working app that says so.

const chunk = /\/app-[0-9a-f]+\/(split_|chunk_)[^/]*\.wasm$/;

test.describe('pages that load on demand', () => {
  test('the first visit does not fetch the signed-in pages, opening one does', async ({ portal, page }) => {
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (chunk.test(new URL(request.url()).pathname)) fetched.push(new URL(request.url()).pathname);
    });
    await portal.open('/');
    // A visitor's likely next page, fetched ahead while the page is idle.
    await expect.poll(() => fetched.some((path) => path.endsWith('/split_sign_in.wasm'))).toBe(true);
    expect(fetched.filter((path) => /split_(record|documents|requests|account)\.wasm$/.test(path))).toEqual([]);

    await portal.navLink('vi', 'nav.sign_in').click();
    await expect(portal.heading()).toHaveText(t('vi', 'page.sign_in.title'));
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
