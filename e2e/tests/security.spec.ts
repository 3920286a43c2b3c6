import { test, expect } from '../support/fixtures';

// The page itself and what the API answers must carry the headers that keep a shared kiosk
// and a citizen's phone safe; the fixture also fails any test whose console shows a CSP
// violation, so these pages are proven to run under this policy.
test.describe('security headers and the API error shape', () => {
  test('the page is served with a strict Content-Security-Policy and the other headers', async ({ page }) => {
    const response = await page.goto('/documents');
    expect(response).not.toBeNull();
    const headers = response!.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain("'unsafe-eval'");
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');
    // The camera for the portal's own pages (the verifier's scan), for no other origin.
    expect(headers['permissions-policy']).toContain('camera=(self)');
    expect(headers['permissions-policy']).toContain('microphone=()');
    expect(headers['cache-control']).toContain('no-cache');
    expect(headers['x-request-id']).toBeTruthy();
  });

  test('hashed assets are cached for good and sent compressed', async ({ page, portal }) => {
    const assets: { url: string; cache: string; encoding: string }[] = [];
    page.on('response', (r) => {
      if (/\.(wasm|js|css)$/.test(new URL(r.url()).pathname)) {
        assets.push({ url: r.url(), cache: r.headers()['cache-control'] ?? '', encoding: r.headers()['content-encoding'] ?? '' });
      }
    });
    await page.goto('/');
    // The home page is painted from HTML rendered ahead of time; its wasm is asked for after.
    await portal.ready();
    const wasm = assets.find((a) => a.url.endsWith('.wasm'));
    expect(wasm, 'the wasm was loaded').toBeDefined();
    expect(wasm!.cache).toContain('immutable');
    expect(['br', 'gzip']).toContain(wasm!.encoding);
  });

  test('an unknown API path answers the JSON error shape, not the app', async ({ request }) => {
    const response = await request.get('/api/v1/no-such-thing');
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toContain('application/json');
    const body = await response.json();
    expect(body.code).toBe('not_found');
    expect(typeof body.message).toBe('string');
  });

  test('without a session, who-am-I answers 401 with the error shape', async ({ request }) => {
    const response = await request.get('/api/v1/session');
    expect(response.status()).toBe(401);
    expect((await response.json()).code).toBe('unauthenticated');
  });
});
