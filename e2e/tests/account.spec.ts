import { type Browser, type Page, type TestInfo } from '@playwright/test';
import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { DEMO_KIOSK } from '../support/server';
import { t } from '../support/locales';
import { KHANH, signIn } from '../support/citizens';

// Khánh is these tests' own citizen: they end and report his "other" sessions, which would
// sign out any other test using him. One test, in steps, so they do not race each other.

/** A second device: a browser context of its own (its own cookie), signed in as Khánh. */
async function signInElsewhere(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await signIn(page, KHANH);
  return page;
}

test('the account page lists where the citizen is signed in, and ends or reports another session', async ({ portal, page, browser }, testInfo) => {
  const channel = t('vi', testInfo.project.name === 'kiosk' ? 'account.channel_kiosk' : 'account.channel_web');
  await page.goto('/sign-in?next=%2Faccount');
  await signIn(page, KHANH);
  await expect(page).toHaveURL(/\/account$/);
  await expect(portal.heading()).toHaveText(t('vi', 'page.account.title'));
  await expect(portal.navLink('vi', 'nav.account')).toHaveAttribute('aria-current', 'page');

  const sessions = page.getByRole('region', { name: t('vi', 'account.sessions_heading') }).getByRole('listitem');
  await expect(sessions).toHaveCount(1);
  await expect(sessions.first()).toContainText(t('vi', 'account.current'));
  await expect(sessions.first()).toContainText(channel);
  // The kiosk viewport's server registers the demo kiosk: its sessions name it, others none.
  if (testInfo.project.name === 'kiosk') await expect(sessions.first()).toContainText(DEMO_KIOSK);
  else await expect(sessions.first()).not.toContainText(DEMO_KIOSK);
  await expect(page.getByText(t('vi', 'account.no_other_sessions'))).toBeVisible();
  const signIns = page.getByRole('table', { name: t('vi', 'account.sign_ins_heading') });
  const newest = signIns.getByRole('row').nth(1);
  await expect(newest).toContainText(t('vi', 'account.outcome_succeeded'));
  await expect(newest.getByRole('cell').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  await expectNoAxeViolations(page, 'account page');

  // Another device signs in: "End session" signs it out.
  const laptop = await signInElsewhere(browser, testInfo);
  await page.reload();
  await expect(sessions).toHaveCount(2);
  await keepScreenshot(page, testInfo, 'account');
  await expectNoAxeViolations(page, 'account page with two sessions');
  // In the list: on a kiosk the header's own button for this session has the same words.
  await portal.main().getByRole('button', { name: t('vi', 'account.end_session') }).click();
  await expect(page.getByRole('status').filter({ hasText: t('vi', 'account.session_ended') })).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await laptop.goto('/record');
  await expect(laptop).toHaveURL(/\/sign-in/);
  await laptop.context().close();

  // One he does not recognise: "This wasn't me" ends it and records the report.
  const stranger = await signInElsewhere(browser, testInfo);
  await page.reload();
  await expect(sessions).toHaveCount(2);
  await page.getByRole('button', { name: t('vi', 'account.report_session') }).click();
  await expect(page.getByRole('status').filter({ hasText: t('vi', 'account.session_reported') })).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await stranger.goto('/record');
  await expect(stranger).toHaveURL(/\/sign-in/);
  await stranger.context().close();

  // The page follows the language switch.
  await portal.languageSwitch('en').click();
  await expect(page.getByRole('heading', { name: t('en', 'account.sessions_heading') })).toBeVisible();
  await portal.languageSwitch('vi').click();
});

test('the account page is only for a signed-in citizen, and only they see its link', async ({ portal, page }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount/);
  await expect(portal.navLink('vi', 'nav.sign_in')).toBeVisible();
  await expect(page.getByRole('navigation', { name: t('vi', 'nav.label') }).getByRole('link', { name: t('vi', 'nav.account') })).toHaveCount(0);
});
