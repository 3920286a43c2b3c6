// The portal's service worker, registered by boot.js on a citizen's own browser and never on
// a shared kiosk. It keeps two things and nothing else:
// - the app's own files, whose names carry a hash of their content (so a kept copy is never
//   stale), fetched once and then served from the phone: the next visit starts without
//   waiting for the network;
// - one offline page, shown when a page of the portal is opened without a network.
// It never answers for the API, /config.json or a page, so no answer about a citizen is ever
// in Cache Storage; the e2e test (tests/installable.spec.ts) signs in, signs out and checks.

const ASSETS = 'portal-assets-v1';
const OFFLINE = 'portal-offline-v1';
const OFFLINE_PAGE = '/offline.html';
const OFFLINE_FILES = [OFFLINE_PAGE, '/offline.css', '/favicon.svg'];

// The names `cargo xtask build` gives: files in a folder `app-<hash>/`, or `name-<hash>.ext`
// (the same rule as the server's server/src/http/static_files/names.rs).
const HASH = '[0-9a-f]{12,16}';
const IN_APP_FOLDER = new RegExp(`^/app-(${HASH})/[^/]+$`);
const HASHED_NAME = new RegExp(`^/([\\w.-]+?)-(${HASH})(?:_bg)?\\.(?:js|css|wasm)$`);

/** The build family a kept file belongs to and its hash, or null for a file not kept. */
function hashed(pathname) {
  const folder = pathname.match(IN_APP_FOLDER);
  if (folder) return { family: 'app', hash: folder[1] };
  const named = pathname.match(HASHED_NAME);
  return named ? { family: named[1], hash: named[2] } : null;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(OFFLINE)
      .then((cache) => cache.addAll(OFFLINE_FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== ASSETS && n !== OFFLINE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_PAGE)));
    return;
  }
  if (OFFLINE_FILES.includes(url.pathname)) {
    // The offline page's own style and icon: from the network while there is one.
    event.respondWith(fetch(request).catch(() => caches.match(url.pathname)));
    return;
  }
  const kept = hashed(url.pathname);
  if (kept) event.respondWith(fromCache(request, url, kept));
});

/** A hashed file from the cache, or from the network and then kept, in place of an older build's. */
async function fromCache(request, url, kept) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    await forgetOlderBuilds(cache, url, kept);
  }
  return response;
}

/** Drops the files of the same family from other builds: a phone keeps one build's files. */
async function forgetOlderBuilds(cache, url, kept) {
  for (const key of await cache.keys()) {
    const other = hashed(new URL(key.url).pathname);
    if (other && other.family === kept.family && other.hash !== kept.hash) await cache.delete(key);
  }
}
