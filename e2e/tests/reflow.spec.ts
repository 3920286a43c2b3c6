import type { Page } from '@playwright/test';
import { test, expect, keepScreenshot } from '../support/fixtures';
import { AN, signIn } from '../support/citizens';

// WCAG 2.2 1.4.10 Reflow (issue 11): every page fits 320 CSS pixels without scrolling
// sideways, both on a small phone and in a 1280 px window zoomed to 400 % (which lays out
// 320 CSS pixels too, at four device pixels each). The widths are set here, so one project
// runs it.
const WIDTHS = [
  { name: 'phone-320', viewport: { width: 320, height: 568 }, deviceScaleFactor: 2 },
  { name: 'zoom-400', viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 },
];

const PUBLIC_PAGES = ['/', '/sign-in', '/verify', '/trang-khong-ton-tai'];

/** What sticks out past the right edge, for the failure message; empty when nothing does. */
async function sideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const edge = root.clientWidth + 0.5;
    const out = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > edge)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} ends at ${Math.round(el.getBoundingClientRect().right)}`);
    return [`the page is ${root.scrollWidth} px wide in ${root.clientWidth}`, ...out.slice(-6)];
  });
}

for (const { name, viewport, deviceScaleFactor } of WIDTHS) {
  test.describe(`at ${name}`, () => {
    test.use({ viewport, deviceScaleFactor, isMobile: name.startsWith('phone'), hasTouch: name.startsWith('phone') });

    test.beforeEach(({}, testInfo) => {
      test.skip(testInfo.project.name !== 'desktop', 'the widths are set here: one project runs it');
    });

    test('every page a visitor reaches fits without scrolling sideways', async ({ portal, page }, testInfo) => {
      for (const path of PUBLIC_PAGES) {
        await portal.open(path);
        await portal.settled();
        expect.soft(await sideways(page), path).toEqual([]);
      }
      await keepScreenshot(page, testInfo, `reflow-${name}-not-found`);
    });

    test('every page of a signed-in citizen fits without scrolling sideways', async ({ portal, page }, testInfo) => {
      test.slow();
      await portal.open('/record');
      await signIn(page, AN);
      const documents = await (await page.request.get('/api/v1/documents?per_page=1')).json();
      const requests = await (await page.request.get('/api/v1/requests')).json();
      const submitted = requests.find((r: { reference?: string }) => r.reference);
      const paths = [
        '/record',
        '/record/access-log',
        '/record/share',
        '/documents',
        '/documents/upload',
        `/documents/${encodeURIComponent(documents.items[0].code)}`,
        '/requests',
        '/requests/new',
        `/requests/${encodeURIComponent(submitted.reference)}`,
        '/account',
      ];
      for (const path of paths) {
        await portal.open(path);
        await portal.settled();
        expect.soft(await sideways(page), path).toEqual([]);
        await keepScreenshot(page, testInfo, `reflow-${name}${path.replace(/[^a-z0-9]+/gi, '-')}`);
      }
    });
  });
}
