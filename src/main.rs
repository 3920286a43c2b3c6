//! The citizen portal: a single-page app that takes over the page the server sent (`start.rs`);
//! built with `--features ssr`, the program that renders the public pages ahead of time
//! (`prerender.rs`).
//!
//! This file only mounts the app; `app.rs` holds the router and the layout.

// The whole app as one view type is deeper than the compiler's default when rendered to HTML.
#![recursion_limit = "256"]

mod api;
mod app;
mod components;
mod config;
mod forms;
mod here;
mod hooks;
mod kiosk_keys;
mod language;
mod lazy_routes;
mod local_time;
mod pages;
#[cfg(feature = "ssr")]
mod prerender;
#[cfg(not(feature = "ssr"))]
mod public_app;
mod return_path;
mod session;
mod share_fields;
mod share_list;
mod share_state;
mod sign_out;
#[cfg(not(feature = "ssr"))]
mod start;
#[cfg(test)]
mod static_shell;
mod tabs;
mod text;
mod timer;

/// The locales of `locales/*.json` as Rust: `use_i18n`, `t!`, `Locale`, checked at compile time.
///
/// leptos_i18n 0.6 marks this macro deprecated in favour of generating the module from a
/// build script with `leptos_i18n_build`, but that crate builds ICU's data exporter with
/// networking and a wasm runtime: minutes of build for nothing the app uses. The macro
/// generates the same module; `build.rs` tells Cargo to rebuild when a locale file changes.
#[allow(deprecated)]
mod locales {
    leptos_i18n::load_locales!();
}
use locales::i18n;

#[cfg(feature = "ssr")]
fn main() -> std::process::ExitCode {
    prerender::main()
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // Panic messages in the console while developing. Not in the release build: the hook and
    // its message formatting cost 0.9 KB brotli of the first-load budget, and a release panic
    // still fails loudly (an `unreachable` error in the console, caught by the e2e tests).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    start::start();
}
