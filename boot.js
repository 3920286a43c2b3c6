// Starts the app. Trunk.toml's pattern_script writes the addresses of the JS glue and of the
// wasm into two meta tags, because Trunk's own inline loader would break the portal's
// Content-Security-Policy; this module, served from the same origin, loads them.
const address = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');

// A page rendered ahead of time (src/prerender.rs) has working fields before the app has
// started, but its forms are not the app's yet: sent now, one would reload the page with what
// was typed in its address. Until the app says it has taken over (src/start.rs), a form sent
// is held, and the app sends it again.
const hold = (event) => {
  event.preventDefault();
  document.documentElement.dataset.earlySubmit = String([...document.forms].indexOf(event.target));
};
document.addEventListener('submit', hold, true);
document.addEventListener('portal-started', () => document.removeEventListener('submit', hold, true), { once: true });

const glue = address('wasm-js');
const wasm = address('wasm-bg');
if (document.querySelector('#app[data-prerendered]')) {
  // The page is there already: let it paint before the app's code is fetched, so that on a
  // slow connection the two do not compete (src/prerender.rs leaves out the preloads).
  await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
}
if (glue && wasm) {
  const { default: init } = await import(glue);
  await init({ module_or_path: wasm });
}
