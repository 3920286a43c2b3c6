import { test, expect, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { PROTECTED_PATHS } from '../pages/portal';

test.describe('the app shell', () => {
  test('the home page loads in Vietnamese', async ({ portal, page }, testInfo) => {
    await portal.open('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(portal.banner()).toContainText(t('vi', 'shell.portal_name'));
    await expect(portal.heading()).toHaveText(t('vi', 'page.home.title'));
    await expect(page).toHaveTitle(new RegExp(t('vi', 'shell.portal_name')));
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await keepScreenshot(page, testInfo, 'home-vi');
  });

  test('a kiosk welcomes with one large target that starts the journey, in larger type', async ({ portal, page, isMobile }, testInfo) => {
    test.skip(isMobile, 'the desktop and kiosk servers are the two deployments');
    await portal.open('/');
    const start = portal.main().getByRole('link', { name: t('vi', 'page.home.kiosk_start') });
    const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    if (testInfo.project.name !== 'kiosk') {
      await expect(start).toHaveCount(0);
      expect(await rootSize()).toBe('16px');
      return;
    }
    await expect(start).toBeVisible();
    // A quarter larger on a kiosk, and every rem with it: the start is a 90 px target.
    expect(await rootSize()).toBe('20px');
    expect((await start.boundingBox())!.height).toBeGreaterThanOrEqual(88);
    await keepScreenshot(page, testInfo, 'kiosk-welcome');
    await start.tap();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(portal.heading()).toHaveText(t('vi', 'page.sign_in.title'));
  });

  test('switching to English and back, and the choice is remembered (not on a kiosk)', async ({ portal, page }, testInfo) => {
    await portal.open('/');
    await portal.languageSwitch('en').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(portal.heading()).toHaveText(t('en', 'page.home.title'));
    await expect(portal.banner()).toContainText(t('en', 'shell.portal_name'));
    await keepScreenshot(page, testInfo, 'home-en');

    await page.reload();
    await portal.ready();
    if (testInfo.project.name === 'kiosk') {
      // A kiosk greets the next citizen in Vietnamese: it never stores the last one's choice.
      await expect(portal.heading()).toHaveText(t('vi', 'page.home.title'));
      expect(await page.evaluate(() => localStorage.length)).toBe(0);
      return;
    }
    await expect(portal.heading()).toHaveText(t('en', 'page.home.title'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await portal.languageSwitch('vi').click();
    await expect(portal.heading()).toHaveText(t('vi', 'page.home.title'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  });

  for (const path of PROTECTED_PATHS) {
    test(`a signed-out deep link to ${path} lands on sign-in, remembering where to return`, async ({ portal, page }) => {
      await portal.open(path);
      await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === path);
      await expect(portal.heading()).toHaveText(t('vi', 'page.sign_in.title'));
    });
  }

  test('an address that does not exist shows the not-found page with a way home', async ({ portal, page }, testInfo) => {
    await portal.open('/khong-co-trang-nay');
    await expect(portal.heading()).toHaveText(t('vi', 'page.not_found.title'));
    await keepScreenshot(page, testInfo, 'not-found-vi');
    await portal.main().getByRole('link', { name: t('vi', 'common.back_to_home') }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(portal.heading()).toHaveText(t('vi', 'page.home.title'));
  });

  test('the skip link is the first stop for the keyboard and leads to the main content', async ({ portal, page, isMobile }) => {
    test.skip(isMobile, 'phones have no Tab key');
    await portal.open('/');
    await page.keyboard.press('Tab');
    await expect(portal.skipLink('vi')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    const focusedInMain = await page.evaluate(() => document.getElementById('main')?.contains(document.activeElement) ?? false);
    expect(focusedInMain).toBe(true);
  });

  test('on navigation, focus moves to the new page heading and the title follows', async ({ portal, page }) => {
    await portal.open('/');
    await portal.navLink('vi', 'nav.sign_in').click();
    await expect(portal.heading()).toHaveText(t('vi', 'page.sign_in.title'));
    await expect(portal.heading()).toBeFocused();
    await expect(page).toHaveTitle(`${t('vi', 'page.sign_in.title')} – ${t('vi', 'shell.portal_name')}`);
    await expect(portal.navLink('vi', 'nav.sign_in')).toHaveAttribute('aria-current', 'page');
  });

  test('the page does not steal focus on first load', async ({ portal, page }) => {
    await portal.open('/');
    const active = await page.evaluate(() => document.activeElement?.tagName);
    expect(active).toBe('BODY');
  });

  test('going offline shows a notice that goes away when back online', async ({ portal, page, context }) => {
    await portal.open('/');
    const notice = page.getByText(t('vi', 'status.offline'));
    await expect(notice).toBeHidden();
    await context.setOffline(true);
    await expect(notice).toBeVisible();
    await context.setOffline(false);
    await expect(notice).toBeHidden();
  });
});
