import { test, expect } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, signIn } from '../support/citizens';
import type { Page } from '@playwright/test';

// The phone's installable app: a manifest, icons, and a service worker (public/sw.js) that
// keeps only the app's own hashed files and an offline page, never an answer about a citizen.
// Not on a kiosk, where the browser must keep nothing.
test.use({ serviceWorkers: 'allow' });

/** What Cache Storage holds: every kept URL's path, and whether any kept body names `needles`. */
async function cacheContents(page: Page, needles: string[]): Promise<{ paths: string[]; found: string[] }> {
  return page.evaluate(async (needles) => {
    const paths: string[] = [];
    const found: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const path = new URL(request.url).pathname;
        paths.push(path);
        const body = await (await cache.match(request))!.text();
        for (const needle of needles) if (body.includes(needle)) found.push(`${needle} in ${path}`);
      }
    }
    return { paths, found };
  }, needles);
}

const HASHED = /^\/(app-[0-9a-f]{12,16}\/[^/]+|[\w.-]+-[0-9a-f]{12,16}(_bg)?\.(js|css|wasm))$/;
const OFFLINE_FILES = ['/offline.html', '/offline.css', '/favicon.svg'];

test.describe('the installable app', () => {
  test('a phone installs it, works offline with its own files, and keeps nothing of the citizen', async ({ portal, page, context }, testInfo) => {
    test.skip(testInfo.project.name !== 'phone', 'the phone is where it is installed');
    await portal.open('/');
    // The manifest names the portal and its icons.
    const manifestUrl = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await page.request.get(manifestUrl!)).json();
    expect(manifest).toMatchObject({ name: 'Cổng dữ liệu dân cư', start_url: '/', display: 'standalone' });
    for (const icon of manifest.icons) {
      const response = await page.request.get(icon.src);
      expect(response.ok(), icon.src).toBeTruthy();
      expect(response.headers()['content-type']).toBe(icon.type);
    }
    await expect(page.locator('html')).toHaveAttribute('data-service-worker', 'registered');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    // A visit: signed in, the record and the documents, signed out.
    await page.reload();
    await portal.ready();
    await page.getByRole('banner').getByRole('link', { name: t('vi', 'nav.sign_in') }).first().click();
    await signIn(page, AN);
    await page.goto('/record');
    await expect(portal.main()).toContainText(AN.id);
    await page.goto('/documents');
    await expect(portal.heading()).toHaveText(t('vi', 'page.documents.title'));
    await portal.settled();
    await portal.signOut(page.getByRole('button', { name: t('vi', 'session.sign_out') }).first());
    await expect(page.getByRole('banner').getByText(AN.name)).toHaveCount(0);

    // Cache Storage holds the app's hashed files and the offline page, and nothing of An.
    // (Not his phone number: the app's own hints give 0912345678 as an example.)
    const { paths, found } = await cacheContents(page, [AN.id, AN.name]);
    expect(paths.filter((path) => HASHED.test(path)).length, 'the app files are kept').toBeGreaterThan(3);
    expect(paths.filter((path) => !HASHED.test(path) && !OFFLINE_FILES.includes(path)), 'nothing else is kept').toEqual([]);
    expect(found).toEqual([]);

    // Offline: a page of the portal says so, in both languages, instead of the browser's error.
    await context.setOffline(true);
    await page.goto('/record');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không có kết nối mạng');
    await expect(page.getByRole('heading', { name: 'No connection' })).toBeVisible();
    await context.setOffline(false);
  });

  test('a kiosk registers no service worker', async ({ portal, page }, testInfo) => {
    test.skip(testInfo.project.name !== 'kiosk', 'the kiosk deployment');
    await portal.open('/');
    // boot.js has read config.json and decided.
    await expect(page.locator('html')).toHaveAttribute('data-service-worker', 'none');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
    expect(await page.evaluate(() => caches.keys())).toEqual([]);
  });
});
