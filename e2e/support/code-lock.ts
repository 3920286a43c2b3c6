import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * The dev SMS outbox is read by phone number: "the newest code sent to 0987654321". Two tests
 * that sign in as the same citizen at the same time (2 workers) would each read the other's
 * code. So a test holds the citizen's lock from the password step that sends a code until it
 * has used the code; the other waits. A directory is the lock: `mkdir` is atomic across the
 * worker processes.
 */

const LOCK_ROOT = join(tmpdir(), 'portal-e2e-code-locks');
/** A lock older than this was left by a crashed run. */
const STALE_MS = 60_000;
const WAIT_MS = 20_000;

/** Locks this worker holds (one test at a time runs in a worker). */
const held = new Set<string>();

function lockPath(server: string, phone: string): string {
  return join(LOCK_ROOT, `${server.replace(/\W/g, '_')}-${phone}`);
}

/** Waits until no other test is using `phone`'s codes on `server`, then takes the lock. */
export async function lockCodes(server: string, phone: string): Promise<void> {
  const path = lockPath(server, phone);
  if (held.has(path)) return;
  mkdirSync(LOCK_ROOT, { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(path);
      held.add(path);
      return;
    } catch {
      try {
        if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
      } catch {
        // Released between the two calls: try again at once.
      }
    }
    if (Date.now() > deadline) throw new Error(`another test kept the SMS codes of ${phone} for ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Lets the next test use `phone`'s codes. */
export function unlockCodes(server: string, phone: string): void {
  const path = lockPath(server, phone);
  if (held.delete(path)) rmSync(path, { recursive: true, force: true });
}

/** Releases whatever the test still holds; the fixture calls it when a test ends. */
export function unlockAllCodes(): void {
  for (const path of held) rmSync(path, { recursive: true, force: true });
  held.clear();
}
