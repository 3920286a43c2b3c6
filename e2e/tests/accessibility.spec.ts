import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { t, type Locale } from '../support/locales';

/** Every page of the shell a visitor can reach today, by path and the key of its heading. */
const PAGES: { name: string; path: string; heading: string }[] = [
  { name: 'home', path: '/', heading: 'page.home.title' },
  { name: 'sign-in', path: '/sign-in?next=%2Frecord', heading: 'page.sign_in.title' },
  { name: 'not-found', path: '/trang-khong-ton-tai', heading: 'page.not_found.title' },
];

for (const locale of ['vi', 'en'] as Locale[]) {
  for (const { name, path, heading } of PAGES) {
    test(`${name} (${locale}) has no WCAG 2.2 AA violations`, async ({ portal, page }, testInfo) => {
      // The language is switched on the page itself: a kiosk does not remember it across loads.
      await portal.open(path);
      if (locale === 'en') {
        await portal.languageSwitch('en').click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      }
      await expect(portal.heading()).toHaveText(t(locale, heading));
      await expectNoAxeViolations(page, `${name} (${locale})`);
      await keepScreenshot(page, testInfo, `${name}-${locale}`);
    });
  }
}

test('the offline notice has no WCAG 2.2 AA violations', async ({ portal, page, context }) => {
  await portal.open('/');
  await context.setOffline(true);
  await expect(page.getByText(t('vi', 'status.offline'))).toBeVisible();
  await expectNoAxeViolations(page, 'home, offline');
  await context.setOffline(false);
});

test('touch targets in the header and navigation are at least 44 by 44 pixels', async ({ portal, page }) => {
  await portal.open('/');
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('header a, header button, nav a, nav button'))
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ text: el.textContent?.trim() ?? '', rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width < 44 || rect.height < 44)
      .map(({ text, rect }) => `${text}: ${Math.round(rect.width)}×${Math.round(rect.height)}`),
  );
  expect(small).toEqual([]);
});
