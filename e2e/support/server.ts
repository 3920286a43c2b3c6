import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OPERATOR_TOKEN } from './operator';

// The reference backend as the tests run it: playwright.config.ts starts one per viewport, and
// a spec that needs other flags (citizen-limits.spec.ts) starts its own with the same.
export const serverBin = process.env.PORTAL_SERVER_BIN ?? resolve(__dirname, '../../target/debug/portal-server');
export const dist = process.env.PORTAL_DIST ?? resolve(__dirname, '../../dist');
// The demo CA that signed server/fixtures/signed-sample*.pdf (server/fixtures/make_signed_sample.py).
const trustAnchors = resolve(__dirname, '../../server/trust-anchors/demo');
// E2E_PORT_BASE moves every port, so two checkouts can run their suites side by side.
export const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 8181);

/**
 * The server's arguments on `port` with a throwaway database of its own; `overrides` replace
 * the value of a flag (the server refuses a flag given twice).
 */
export function serverArgs(port: number, database: string, overrides: Record<string, string> = {}, extra: string[] = []): string[] {
  // The SMS outbox is how a test reads the one-time code; the national database answers at
  // once unless a test asks otherwise; rate limits per address are raised because every
  // test signs in from 127.0.0.1 (per-account limits and lockout stay as in production).
  const flags: [string, string | null][] = [
    ['--listen', `127.0.0.1:${port}`],
    ['--dist', dist],
    ['--database', database],
    ['--demo', null],
    ['--reset', null],
    ['--dev-sms-outbox', null],
    ['--operator-token', OPERATOR_TOKEN],
    // Every test signs the same few demo citizens in again and again.
    ['--sms-per-phone-per-hour', '10000'],
    ['--sms-per-phone-per-day', '10000'],
    // Tests decide requests through the operator endpoint, not the simulated provider's clock.
    ['--operator-endpoint', null],
    ['--request-pace-seconds', '0'],
    ['--national-db-latency-ms', '0'],
    ['--sign-in-attempts-per-ip', '10000'],
    // The kiosk viewport's server (`--kiosk`) registers the demo kiosk, whose own budget then
    // counts its sign-ins instead of the address's.
    ['--sign-in-attempts-per-kiosk', '10000'],
    // Every test browser calls from 127.0.0.1: the public share endpoints' limit would be
    // shared by all of them.
    ['--public-requests-per-ip', '10000'],
    // The suite types faster than any citizen, and makes drafts, shares and uploads for the
    // same few demo citizens test after test: each citizen's limits would only make it meet
    // 429 and 409 (citizen-limits.spec.ts lowers one on a server of its own, on purpose).
    ['--searches-per-citizen', '10000'],
    ['--record-refreshes-per-citizen-per-hour', '10000'],
    ['--uploads-per-citizen-per-day', '10000'],
    ['--open-drafts-per-citizen', '10000'],
    ['--live-shares-per-citizen', '10000'],
    ['--share-sms-per-citizen-per-day', '10000'],
    // Uploads of the signed samples are judged against the demo CA, as on a demo server.
    ['--trust-anchors', trustAnchors],
  ];
  const args = flags.flatMap(([flag, value]) => {
    const chosen = flag in overrides ? overrides[flag] : value;
    return chosen === null ? [flag] : [flag, chosen];
  });
  return [...args, ...extra];
}

/**
 * The kiosk a demo server started with `--kiosk` registers and tells its app about
 * (server/src/server.rs): its sessions and reads name it as "name, site".
 */
export const DEMO_KIOSK = 'Ki-ốt 1, Nhà văn hóa phường Dịch Vọng Hậu';

/** A database file no other run or server uses. */
export function throwawayDatabase(port: number): string {
  return join(tmpdir(), `portal-e2e-${process.pid}-${Date.now()}-${port}.sqlite3`);
}

/** Starts a server of a spec's own and waits until it answers its health check. */
export async function startServer(port: number, overrides: Record<string, string>): Promise<ChildProcess> {
  const server = spawn(serverBin, serverArgs(port, throwawayDatabase(port), overrides), { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server on port ${port} exited with ${server.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  server.kill();
  throw new Error(`the server on port ${port} did not start`);
}
