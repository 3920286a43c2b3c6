// Starts the app. Trunk.toml's pattern_script writes the addresses of the JS glue and of the
// wasm into two meta tags, because Trunk's own inline loader would break the portal's
// Content-Security-Policy; this module, served from the same origin, loads them.
const address = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');

const glue = address('wasm-js');
const wasm = address('wasm-bg');
if (glue && wasm) {
  const { default: init } = await import(glue);
  await init({ module_or_path: wasm });
}
