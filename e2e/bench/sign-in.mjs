// Signing a demo citizen in on the bench's throwaway server, as a citizen does in the app:
// identifier and password, then the SMS code, read from the development outbox with the
// operator token (PORTAL_OPERATOR_TOKEN, which `cargo xtask bench` sets).

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Demo citizens (server/src/seed/citizens.rs); every demo account has this password. */
const DEMO_PASSWORD = 'Demo@2026';
/** A citizen with a household and a handful of documents: what most citizens see. */
export const AN = { id: '001085012345', phone: '0912345678', name: 'Nguyễn Văn An' };
/** The largest demo store (LARGE_STORE_CITIZEN): 10,000 documents. */
export const DUC = { id: '048078000777', phone: '0935777888', name: 'Võ Minh Đức' };

// The app's own words, so a changed translation cannot break the scripts.
const vi = JSON.parse(readFileSync(new URL('../../locales/vi.json', import.meta.url), 'utf8'));
export const t = (key) => key.split('.').reduce((node, part) => node?.[part], vi) ?? fail(`no key ${key} in locales/vi.json`);

export function fail(message) {
  throw new Error(message);
}

/** Waits until the server at `base` answers its health check (a minute at most). */
export async function waitForServer(base) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  fail(`no server answered at ${base}/api/v1/health within 60 s`);
}

/** Signs `citizen` in through the app's form, starting from `path`, and waits for the banner to greet them. */
export async function signIn(page, base, citizen, path) {
  await page.goto(`${base}${path}`);
  await page.getByLabel(t('sign_in.identifier_label')).waitFor({ timeout: 30_000 }).catch(() => {
    fail(`the app showed no sign-in form at ${base}${path}: is dist/ a complete build?`);
  });
  await page.getByLabel(t('sign_in.identifier_label')).fill(citizen.id);
  await page.getByLabel(t('sign_in.password_label'), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: t('sign_in.continue_button') }).click();
  await page.getByLabel(t('sign_in.code_label')).waitFor();
  const outbox = `${base}/api/v1/dev/sms-outbox?to=${citizen.phone}`;
  const headers = { authorization: `Bearer ${process.env.PORTAL_OPERATOR_TOKEN}` };
  const messages = await (await fetch(outbox, { headers })).json();
  const code = messages[0]?.text.match(/\b(\d{6})\b/)?.[1] ?? fail('no sign-in code in the dev SMS outbox');
  await page.getByLabel(t('sign_in.code_label')).fill(code);
  await page.getByRole('button', { name: t('sign_in.sign_in_button'), exact: true }).click();
  await page.getByRole('banner').getByText(citizen.name).waitFor();
}
