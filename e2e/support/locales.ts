import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The languages the portal speaks; Vietnamese first. */
export type Locale = 'vi' | 'en';

// The tests read the app's own translation files, so an expected text is never typed twice
// and a changed translation cannot make a test pass or fail by accident.
const tables: Record<Locale, Record<string, string>> = {
  vi: flatten(JSON.parse(readFileSync(resolve(__dirname, '../../locales/vi.json'), 'utf8'))),
  en: flatten(JSON.parse(readFileSync(resolve(__dirname, '../../locales/en.json'), 'utf8'))),
};

function flatten(tree: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, flatten(value as Record<string, unknown>, path));
  }
  return out;
}

/** The text of `key` in `locale`, with `{{ name }}` placeholders filled from `vars`. */
export function t(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  const text = tables[locale][key];
  if (text === undefined) throw new Error(`no key ${key} in locales/${locale}.json`);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{{${name}}}`));
}
