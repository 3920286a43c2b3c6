import { expect, type Locator, type Page } from '@playwright/test';
import { t, type Locale } from '../support/locales';

/** The protected routes: each sends a signed-out visitor to sign-in and back afterwards. */
export const PROTECTED_PATHS = [
  '/account',
  '/record',
  '/documents',
  '/documents/GKS-2024-000001',
  '/requests',
  '/requests/new',
  '/requests/YC-2026-000123',
];

/** The parts of the portal every page shares: header, navigation, language switch, main. */
export class PortalPage {
  constructor(readonly page: Page) {}

  /**
   * Opens a path and waits until the app (not the static shell) shows the page's heading and
   * its first session check has been answered, so that a test which then goes offline or
   * changes the network does not race the app's start-up requests.
   */
  async open(path: string): Promise<void> {
    const sessionChecked = this.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/session');
    await this.page.goto(path);
    await this.ready();
    await sessionChecked;
  }

  /**
   * The app has taken over from the static shell, or from the page rendered ahead of time
   * (which shows its heading before the app has started), and rendered a page.
   */
  async ready(): Promise<void> {
    await expect(this.page.locator('#app[data-prerendered]')).toHaveCount(0);
    await expect(this.heading()).toBeVisible();
  }

  /**
   * The page has answered its own requests: no loading notice is left in the main content.
   * A test that signs out waits for this first, since a request still in flight when the
   * session ends is answered 401, which Chromium logs as a console error.
   * While the router fetches the next page's code, the previous page stays in `main` with
   * nothing loading in it: the router's own loading bar must be gone first, or this passes
   * before the new page has even asked for its data.
   */
  async settled(): Promise<void> {
    await expect(this.page.locator('.app-page-loading')).toHaveCount(0);
    await expect(this.main().locator('.app-loading')).toHaveCount(0);
  }

  /**
   * Signs out with `button` and waits for the new page: a sign-out ends in a reload, so that
   * nothing of the citizen stays in memory. The app first shows the signed-out state by a
   * route change, so a URL or heading can match before the reload, and a test that then acts
   * (evaluates, navigates) races the reload. The page's `load` event comes only with the new
   * document, so this also fails if a sign-out stops reloading.
   */
  async signOut(button: Locator, how: 'click' | 'tap' = 'click'): Promise<void> {
    const reloaded = this.page.waitForEvent('load');
    await (how === 'tap' ? button.tap() : button.click());
    await reloaded;
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  banner(): Locator {
    return this.page.getByRole('banner');
  }

  main(): Locator {
    return this.page.getByRole('main');
  }

  /** The control that switches the portal to `to`, named in that language. */
  languageSwitch(to: Locale): Locator {
    const name = t(to, `language.${to}`);
    return this.banner().getByRole('button', { name }).or(this.banner().getByRole('link', { name }));
  }

  skipLink(locale: Locale): Locator {
    return this.page.getByRole('link', { name: t(locale, 'shell.skip_link') });
  }

  navLink(locale: Locale, key: string): Locator {
    return this.page.getByRole('navigation', { name: t(locale, 'nav.label') }).getByRole('link', { name: t(locale, key) });
  }
}

/**
 * A form's error summary: the box that takes focus when problems are found. Its `alert` is the
 * box's content, not the box itself (as in GOV.UK Frontend), so that the focus and the live
 * region do not race to announce the same problems.
 */
export function errorSummary(page: Page): Locator {
  return page
    .getByRole('alert')
    .filter({ hasText: t('vi', 'form.error_summary_title') })
    .locator('xpath=..');
}
