import { test, expect, expectNoAxeViolations, keepScreenshot } from '../support/fixtures';
import { t } from '../support/locales';
import { AN, DEMO_PASSWORD, codeField, holdCodes, identifierField, latestCode, passwordField } from '../support/citizens';
import { unlockCodes } from '../support/code-lock';
import type { Locator, Page, TestInfo } from '@playwright/test';

// A citizen's whole visit by touch: sign in, refresh the record, search the data store, send a
// written request whose purpose has Vietnamese tone marks, and end the session. On the kiosk
// every character goes in through the portal's own on-screen keys (src/kiosk_keys), tapped
// like any button, and nothing is typed or filled; on the phone the device's own keyboard
// types (a test cannot touch it) and everything else is a tap.

const keyboard = (page: Page) => page.getByRole('region', { name: t('vi', 'keys.keyboard_label') });
const keypad = (page: Page) => page.getByRole('region', { name: t('vi', 'keys.keypad_label') });
const allKeys = (page: Page) => page.locator('.app-keys');
const mainNav = (page: Page) => page.getByRole('navigation', { name: t('vi', 'nav.label') });

/** The tone marks a Vietnamese vowel can carry (NFD): huyền, sắc, hỏi, ngã, nặng. */
const TONE_MARKS = /[\u0300\u0301\u0309\u0303\u0323]/u;

/** Taps a key of `keys` by its face. */
async function tapKey(keys: Locator, face: string): Promise<void> {
  await keys.getByRole('button', { name: face, exact: true }).tap();
}

/**
 * Types `text` into the focused field with the on-screen keys, as a citizen would: digits on
 * the keypad, or on the keyboard a capital after "Chữ hoa", a symbol from "Ký hiệu", a vowel
 * with a tone mark as the bare vowel and then its mark from the tone row.
 */
async function tapText(page: Page, text: string): Promise<void> {
  if (await keypad(page).isVisible()) {
    for (const digit of text) await tapKey(keypad(page), digit);
    return;
  }
  const keys = keyboard(page);
  const symbols = keys.getByRole('button', { name: t('vi', 'keys.symbols'), exact: true });
  for (const char of text) {
    if (char === ' ') {
      await tapKey(keys, t('vi', 'keys.space'));
      continue;
    }
    const bare = char.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
    const isLetter = bare.toLowerCase() !== bare.toUpperCase();
    const isDigit = /\d/.test(char);
    if (!isLetter && !isDigit) {
      await symbols.tap();
      await expect(symbols).toHaveAttribute('aria-pressed', 'true');
      await tapKey(keys, char);
      await symbols.tap();
      continue;
    }
    if (bare !== bare.toLowerCase()) {
      await keys.getByRole('button', { name: `⇧ ${t('vi', 'keys.shift')}` }).tap();
    }
    await tapKey(keys, bare);
    if (bare !== char) await tapKey(keys.getByRole('group', { name: t('vi', 'keys.tones') }), char);
  }
}

/** Taps `field` and types `text` into it by touch: on a kiosk with its keys, on a phone with its own. */
async function enter(page: Page, testInfo: TestInfo, field: Locator, text: string): Promise<void> {
  await field.tap();
  if (testInfo.project.name !== 'kiosk') {
    // The device's own keyboard, which the portal leaves alone.
    await expect(allKeys(page)).toHaveCount(0);
    await field.fill(text);
    return;
  }
  await expect(allKeys(page)).toBeVisible();
  // The field being filled stays in sight above the keys.
  const [box, keys] = [await field.boundingBox(), await allKeys(page).boundingBox()];
  expect(box!.y + box!.height, 'the field ends above the keys').toBeLessThanOrEqual(keys!.y);
  await tapText(page, text);
  await expect(field).toHaveValue(text);
  // Every tap left the focus (and the caret) in the field.
  await expect(field).toBeFocused();
}

/** Hides the kiosk's keys, so that the page's own buttons under them can be touched. */
async function hideKeys(page: Page, testInfo: TestInfo): Promise<void> {
  if (testInfo.project.name !== 'kiosk') return;
  await allKeys(page).getByRole('button', { name: t('vi', 'keys.hide'), exact: true }).tap();
  await expect(allKeys(page)).toHaveCount(0);
}

test.describe('a visit by touch alone', () => {
  test('sign in, refresh the record, search the data store, send a request, end the session', async ({ portal, page, allowHttpErrors }, testInfo) => {
    test.skip(testInfo.project.name === 'desktop', 'a desktop has a keyboard');
    // A whole visit, a character at a time: longer than one page's test.
    test.slow();
    const kiosk = testInfo.project.name === 'kiosk';
    // A refresh of the record within a minute of another test's is answered 429.
    allowHttpErrors.push(/\/api\/v1\/record\/refresh$/);

    await page.goto('/');
    await portal.ready();
    if (kiosk) {
      await page.getByRole('link', { name: t('vi', 'page.home.kiosk_start') }).tap();
    } else {
      await page.getByRole('banner').getByRole('link', { name: t('vi', 'nav.sign_in') }).first().tap();
    }
    await expect(portal.heading()).toHaveText(t('vi', 'page.sign_in.title'));

    // The personal identification number on the keypad, read back as it is printed.
    await holdCodes(page, AN);
    await enter(page, testInfo, identifierField(page), AN.id);
    if (kiosk) {
      await expect(keypad(page).locator('.app-keys__readout')).toHaveText(`${t('vi', 'keys.typed')}: 001 085 012 345`);
      // Every key is at least 48 × 48 CSS pixels.
      for (const key of await keypad(page).getByRole('button').all()) {
        const box = (await key.boundingBox())!;
        expect(Math.min(box.width, box.height), await key.textContent()).toBeGreaterThanOrEqual(48);
      }
      await expectNoAxeViolations(page, 'sign-in with the keypad open');
    }
    // The password on the keyboard: a capital, a symbol, digits.
    await enter(page, testInfo, passwordField(page), DEMO_PASSWORD);
    if (kiosk) {
      await expect(keyboard(page).locator('.app-keys__readout')).toHaveCount(0);
      for (const key of await keyboard(page).getByRole('button').all()) {
        const box = (await key.boundingBox())!;
        expect(Math.min(box.width, box.height), await key.textContent()).toBeGreaterThanOrEqual(48);
      }
      await expectNoAxeViolations(page, 'sign-in with the keyboard open');
      await keepScreenshot(page, testInfo, 'kiosk-keyboard');
      // Enter sends the form, as on any keyboard.
      await tapKey(keyboard(page), `↵ ${t('vi', 'keys.enter')}`);
    } else {
      await page.getByRole('button', { name: t('vi', 'sign_in.continue_button') }).tap();
    }

    await expect(codeField(page)).toBeVisible();
    const code = await latestCode(page.request, AN.phone);
    await enter(page, testInfo, codeField(page), code);
    if (kiosk) {
      await expect(keypad(page).locator('.app-keys__readout')).toHaveText(`${t('vi', 'keys.typed')}: ${code.slice(0, 3)} ${code.slice(3)}`);
      await keepScreenshot(page, testInfo, 'kiosk-keypad');
      await tapKey(keypad(page), `↵ ${t('vi', 'keys.enter')}`);
    } else {
      await page.getByRole('button', { name: t('vi', 'sign_in.sign_in_button'), exact: true }).tap();
    }
    await expect(page.getByRole('banner').getByText(AN.name)).toBeVisible();
    unlockCodes(new URL(page.url()).host, AN.phone);

    // The record, refreshed.
    await mainNav(page).getByRole('link', { name: t('vi', 'nav.record') }).tap();
    await expect(portal.heading()).toHaveText(t('vi', 'page.record.title'));
    await portal.main().getByRole('button', { name: t('vi', 'record.refresh_button') }).tap();
    const outcomes = ['record.refresh_no_change', 'record.refresh_changed', 'record.refresh_wait'].map((key) => t('vi', key));
    await expect(page.locator('.app-refresh').getByRole('status')).toContainText(new RegExp(outcomes.join('|')));

    // The data store, searched with a tone mark left out, as citizens often type.
    await mainNav(page).getByRole('link', { name: t('vi', 'nav.documents') }).tap();
    await expect(portal.heading()).toHaveText(t('vi', 'page.documents.title'));
    await enter(page, testInfo, page.getByLabel(t('vi', 'documents.search_label')), 'khai sinh');
    await expect(page).toHaveURL((url) => url.searchParams.get('q') === 'khai sinh');
    const names = portal.main().getByRole('heading', { level: 2 });
    await expect.poll(async () => {
      const all = await names.allTextContents();
      return all.length > 0 && all.every((name) => name.toLowerCase().includes('khai sinh'));
    }).toBe(true);
    await hideKeys(page, testInfo);

    // A written request, its purpose with tone marks.
    await mainNav(page).getByRole('link', { name: t('vi', 'nav.requests') }).tap();
    await portal.main().getByRole('link', { name: t('vi', 'page.requests.new_link') }).tap();
    await expect(portal.heading()).toHaveText(t('vi', 'requests.kind_question'));
    await page.getByRole('radio', { name: t('vi', 'requests.kind_record_extract') }).tap();
    const continueButton = page.getByRole('button', { name: t('vi', 'requests.continue_button') });
    await continueButton.tap();
    await expect(portal.heading()).toHaveText(t('vi', 'requests.purpose_question'));
    const purpose = 'Làm hộ chiếu cho Đức';
    await enter(page, testInfo, page.getByLabel(t('vi', 'requests.purpose_question')), purpose);
    if (kiosk) await expectNoAxeViolations(page, 'a request with the keyboard open');
    await hideKeys(page, testInfo);
    await continueButton.tap();
    await expect(portal.heading()).toHaveText(t('vi', 'requests.delivery_question'));
    await page.getByRole('radio', { name: t('vi', 'requests.delivery_data_store') }).tap();
    await continueButton.tap();
    await expect(portal.heading()).toHaveText(t('vi', 'requests.contact_question'));
    const phone = page.getByLabel(t('vi', 'requests.contact_phone_label'));
    if (kiosk) {
      await phone.tap();
      await tapKey(keypad(page), t('vi', 'keys.clear'));
      await tapText(page, AN.phone);
      await expect(keypad(page).locator('.app-keys__readout')).toHaveText(`${t('vi', 'keys.typed')}: 0912 345 678`);
      await tapKey(keypad(page), `↵ ${t('vi', 'keys.enter')}`);
    } else {
      await enter(page, testInfo, phone, AN.phone);
      await continueButton.tap();
    }
    await expect(portal.heading()).toHaveText(t('vi', 'requests.check_title'));
    await expect(portal.main()).toContainText(purpose);
    await page.getByRole('button', { name: t('vi', 'requests.submit') }).tap();
    await expect(page.getByRole('heading', { name: t('vi', 'requests.submitted_title') })).toBeVisible();
    await expect(portal.main()).toContainText(purpose);

    // The end: the kiosk is back at its welcome, ready for the next citizen.
    await portal.settled();
    const endSession = t('vi', kiosk ? 'session.end_session' : 'session.sign_out');
    await portal.signOut(page.getByRole('button', { name: endSession }).first(), 'tap');
    if (kiosk) {
      await expect(page.getByRole('link', { name: t('vi', 'page.home.kiosk_start') })).toBeVisible();
    } else {
      await expect(page.getByRole('banner').getByText(AN.name)).toHaveCount(0);
    }
  });
});
