import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, signIn } from '../support/citizens';
import { operatorHeaders } from '../support/operator';
import type { PortalPage } from '../pages/portal';

// A kiosk saves no file, so a citizen takes a document away on their own phone: the share
// link goes by SMS to their account's phone (the kiosk's server has `--public-url`, see
// playwright.config.ts). A server without a public address offers no such thing.

/** The share links the simulated SMS gateway sent to `phone`, newest first. */
async function linksTexted(page: Page, phone: string): Promise<string[]> {
  const response = await page.request.get(`/api/v1/dev/sms-outbox?to=${phone}`, { headers: operatorHeaders });
  expect(response.ok()).toBeTruthy();
  const messages: { text: string }[] = await response.json();
  return messages.flatMap((m) => m.text.match(/https?:\/\/\S+\/shared\/[0-9a-f]+$/) ?? []);
}

/** Opens the first document of the list and returns its name, once its page shows it. */
async function openFirstDocument(portal: PortalPage, page: Page): Promise<string> {
  await portal.open('/documents');
  await signIn(page, AN);
  const link = portal.main().getByRole('heading', { level: 2 }).first().getByRole('link');
  const name = (await link.textContent())!.trim();
  await link.click();
  // The page's frame says "Giấy tờ" until the document has come: read nothing before that.
  await expect(portal.heading()).toHaveText(name);
  return name;
}

test('on a kiosk, a share link goes to the citizen’s own phone by SMS and opens there', async ({ portal, page, browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'kiosk', 'the kiosk’s server is the one with a public address');
  test.slow();
  const name = await openFirstDocument(portal, page);
  // No download: the hint says where the file goes instead.
  await expect(portal.main().getByText(t('vi', 'documents.kiosk_share_hint_sms'))).toBeVisible();
  await expect(portal.main().locator('a[download]')).toHaveCount(0);

  const share = page.getByRole('region', { name: t('vi', 'documents.share_heading') });
  const bySms = share.getByLabel(t('vi', 'documents.share_by_sms'));
  await expect(bySms, 'ticked by default on a kiosk').toBeChecked();
  const before = (await linksTexted(page, AN.phone)).length;
  await share.getByLabel(t('vi', 'documents.share_1d')).tap();
  await share.getByRole('button', { name: t('vi', 'documents.share_button') }).tap();
  await expect(share.getByRole('heading', { name: t('vi', 'documents.share_created') })).toBeFocused();
  // The number it went to, masked; nothing to copy onto the kiosk's clipboard.
  await expect(share.getByText(t('vi', 'documents.share_sms_sent'))).toContainText(`••••••${AN.phone.slice(-4)}`);
  await expect(share.getByRole('button', { name: t('vi', 'documents.share_copy') })).toHaveCount(0);
  const shown = (await share.locator('.app-share-link').textContent())!;
  const texted = await linksTexted(page, AN.phone);
  expect(texted.length).toBe(before + 1);
  expect(new URL(texted[0]).pathname, 'the link texted is the link shown').toBe(new URL(shown).pathname);
  await keepScreenshot(page, testInfo, 'kiosk-share-sms');
  await expectNoAxeViolations(page, 'kiosk document shared by SMS');

  // On the citizen's phone (a fresh browser, nobody signed in) the texted link opens that
  // document alone.
  const phone = await (await browser.newContext({ locale: 'vi-VN', hasTouch: true, viewport: { width: 390, height: 844 } })).newPage();
  await phone.goto(texted[0]);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(phone.getByRole('banner').getByText(AN.name)).toHaveCount(0);
  await phone.context().close();

  // Unticked, the link is made and nothing is texted.
  const links = async () => (await (await page.request.get(`/api/v1${new URL(page.url()).pathname}/shares`)).json()).length;
  const listed = await links();
  await bySms.tap();
  await expect(bySms).not.toBeChecked();
  await share.getByRole('button', { name: t('vi', 'documents.share_button') }).tap();
  await expect(share.getByRole('listitem')).toHaveCount(listed + 1);
  expect(await links()).toBe(listed + 1);
  await expect(share.getByText(t('vi', 'documents.share_sms_sent'))).toHaveCount(0);
  expect((await linksTexted(page, AN.phone)).length).toBe(before + 1);
});

test('a deployment without a public address offers no SMS, and its own browser can copy the link', async ({ portal, page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one viewport is enough for what the server offers');
  await openFirstDocument(portal, page);
  const share = page.getByRole('region', { name: t('vi', 'documents.share_heading') });
  await expect(share.getByRole('button', { name: t('vi', 'documents.share_button') })).toBeVisible();
  await expect(share.getByLabel(t('vi', 'documents.share_by_sms'))).toHaveCount(0);
  await share.getByRole('button', { name: t('vi', 'documents.share_button') }).click();
  await expect(share.getByRole('button', { name: t('vi', 'documents.share_copy') })).toBeVisible();
  await expect(share.getByText(t('vi', 'documents.share_sms_sent'))).toHaveCount(0);
});
