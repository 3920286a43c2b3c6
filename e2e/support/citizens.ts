import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { lockCodes, unlockCodes } from './code-lock';
import { t } from './locales';
import { operatorHeaders } from './operator';

/** The demo accounts the reference backend seeds (README, "Demo citizens"). */
export const DEMO_PASSWORD = 'Demo@2026';

export type Citizen = { id: string; phone: string; name: string };

export const AN: Citizen = { id: '001085012345', phone: '0912345678', name: 'Nguyễn Văn An' };
export const BINH: Citizen = { id: '001190023456', phone: '0987654321', name: 'Trần Thị Bình' };
/** Reserved for the lockout test: a lock lasts 15 minutes, so no other test signs in as her. */
export const LAN: Citizen = { id: '079195004321', phone: '0903111222', name: 'Phạm Thị Lan' };
/** The 10,000-document store: the search smoke test and the benchmark sign in as him. */
export const DUC: Citizen = { id: '048078000777', phone: '0935777888', name: 'Võ Minh Đức' };
/** An account that is not verified yet. */
export const HA: Citizen = { id: '031301008899', phone: '0977000111', name: 'Đặng Thu Hà' };
/**
 * Reserved for the account tests, which end and report his "other" sessions: no other test
 * signs in as him.
 */
export const KHANH: Citizen = { id: '092092001357', phone: '0939222333', name: 'Lê Quốc Khánh' };

const CITIZENS = [AN, BINH, LAN, DUC, HA, KHANH];

/** The server a page talks to, as the key of its citizens' code locks. */
function serverOf(page: Page): string {
  return new URL(page.url()).host;
}

/** Holds `citizen`'s SMS codes for this test, for a test that signs in without `passwordStep`. */
export async function holdCodes(page: Page, citizen: Citizen): Promise<void> {
  await lockCodes(serverOf(page), citizen.phone);
}

/** The newest one-time code the simulated SMS gateway sent to `phone` (dev outbox). */
export async function latestCode(request: APIRequestContext, phone: string): Promise<string> {
  const response = await request.get(`/api/v1/dev/sms-outbox?to=${phone}`, { headers: operatorHeaders });
  expect(response.ok()).toBeTruthy();
  const messages: { text: string }[] = await response.json();
  const code = messages[0]?.text.match(/\b(\d{6})\b/)?.[1];
  expect(code, 'a code was sent').toBeTruthy();
  return code!;
}

export const identifierField = (page: Page) => page.getByLabel(t('vi', 'sign_in.identifier_label'));
export const passwordField = (page: Page) => page.getByLabel(t('vi', 'sign_in.password_label'), { exact: true });
export const codeField = (page: Page) => page.getByLabel(t('vi', 'sign_in.code_label'));

/**
 * Types the identifier and password and continues (on a page already at /sign-in). With the
 * right password a code goes to the citizen's phone: the test holds that phone's code lock
 * until `codeStep` has used the code, or until the test ends.
 */
export async function passwordStep(page: Page, identifier: string, password = DEMO_PASSWORD): Promise<void> {
  const citizen = CITIZENS.find((c) => c.id === identifier || c.phone === identifier);
  if (citizen && password === DEMO_PASSWORD) await lockCodes(serverOf(page), citizen.phone);
  await identifierField(page).fill(identifier);
  await passwordField(page).fill(password);
  await page.getByRole('button', { name: t('vi', 'sign_in.continue_button') }).click();
}

/** Finishes the code step with the code the citizen's phone received. */
export async function codeStep(page: Page, citizen: Citizen): Promise<void> {
  await expect(codeField(page)).toBeVisible();
  await codeField(page).fill(await latestCode(page.request, citizen.phone));
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/sign-in/code');
  await page.getByRole('button', { name: t('vi', 'sign_in.sign_in_button'), exact: true }).click();
  await answered;
  unlockCodes(serverOf(page), citizen.phone);
}

/** Signs in from /sign-in and waits until the header names the citizen. */
export async function signIn(page: Page, citizen: Citizen): Promise<void> {
  await passwordStep(page, citizen.id);
  await codeStep(page, citizen);
  await expect(page.getByRole('banner').getByText(citizen.name)).toBeVisible();
}
