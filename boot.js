// Starts the app. Trunk.toml's pattern_script writes the addresses of the JS glue and of the
// wasm into two meta tags, because Trunk's own inline loader would break the portal's
// Content-Security-Policy; this module, served from the same origin, loads them.
const address = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');

// A page rendered ahead of time (src/prerender.rs) has working fields before the app has
// started, but its forms and buttons are not the app's yet: a form sent now would reload the
// page with what was typed in its address, and a button would do nothing. Until the app says
// it has taken over (src/start.rs), a form sent is held and a button pressed is noted, and the
// app sends the form or presses the button again.
const hold = (event) => {
  event.preventDefault();
  document.documentElement.dataset.earlySubmit = String([...document.forms].indexOf(event.target));
};
const note = (event) => {
  const button = event.target instanceof Element ? event.target.closest('button') : null;
  // A form's submit button sends the form, which `hold` keeps.
  if (!button || (button.form && button.type === 'submit')) return;
  document.documentElement.dataset.earlyClick = String([...document.querySelectorAll('button')].indexOf(button));
};
document.addEventListener('submit', hold, true);
document.addEventListener('click', note, true);
document.addEventListener(
  'portal-started',
  () => {
    document.removeEventListener('submit', hold, true);
    document.removeEventListener('click', note, true);
  },
  { once: true },
);

// Nothing more is fetched before the page has painted its first content: on a slow phone the
// app's 200 KB and this file's requests would otherwise share the connection with the page's
// own few (the pre-rendered page's preloads are left out for that reason, src/prerender.rs).
// A hidden tab paints nothing, hence the timeout.
const FIRST_PAINT_WAIT_MS = 3000;
await new Promise((painted) => {
  const done = () => setTimeout(painted, 0);
  setTimeout(done, FIRST_PAINT_WAIT_MS);
  if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    requestAnimationFrame(done);
    return;
  }
  const observer = new PerformanceObserver((entries) => {
    if (entries.getEntriesByName('first-contentful-paint').length === 0) return;
    observer.disconnect();
    done();
  });
  observer.observe({ type: 'paint', buffered: true });
});

// The deployment's settings. The reference server has already written a kiosk's larger type
// and its paper on <html> (server/src/http/static_files/page_marks.rs); another server may not,
// so they are set here too, before the app's code has arrived (src/config.rs keeps them right
// after that). The app reads this same answer (`__portalConfig`, src/config.rs) rather than
// asking again: its session check, and so every signed-in page, waits for it. The worker's
// registration below waits for it too.
const config = fetch('/config.json')
  .then((response) => (response.ok ? response.json() : {}))
  .catch(() => null);
globalThis.__portalConfig = config;
config.then((settings) => {
  if (settings?.kiosk) document.documentElement.dataset.kiosk = '';
  if (typeof settings?.print_paper === 'string') document.documentElement.dataset.printPaper = settings.print_paper;
});

// A signed-in citizen's page needs its own code as well as the app's: a frame with a lead to
// read names its page's files (src/prerender.rs; a frame of a skeleton preloads them from its
// head), asked for here beside the app rather than once the app has started and asks, as the
// loader will (`fetch()`, same-origin credentials), which then finds them on their way.
for (const file of document.getElementById('app')?.dataset.pageFiles?.split(' ') ?? []) {
  if (!file) continue;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.type = 'application/wasm';
  link.crossOrigin = 'anonymous';
  link.href = file;
  document.head.append(link);
}

const glue = address('wasm-js');
const wasm = address('wasm-bg');
if (glue && wasm) {
  const { default: init } = await import(glue);
  await init({ module_or_path: wasm });
}

// An installable app with an offline page (public/sw.js) on a citizen's own browser; never on
// a shared kiosk, where the browser must keep nothing, and where a registration left from
// before is removed. Asked once the page has loaded, so it never competes with the first
// screen. It reads the configuration fetched above rather than asking the app, whose first
// load would otherwise carry the registration's bindings.
const registerServiceWorker = async () => {
  const settings = await config;
  if (!settings) return;
  let outcome = 'none';
  if (settings.kiosk) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  } else {
    outcome = await navigator.serviceWorker.register('/sw.js').then(() => 'registered', () => 'refused');
  }
  // Says what was decided, for the tests (and anyone looking at the page).
  document.documentElement.dataset.serviceWorker = outcome;
};
if ('serviceWorker' in navigator) {
  if (document.readyState === 'complete') registerServiceWorker();
  else addEventListener('load', registerServiceWorker, { once: true });
}
