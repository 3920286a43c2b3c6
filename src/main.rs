//! The citizen portal: a single-page app that takes over the static shell of `index.html`.
//!
//! This file only mounts the app; `app.rs` holds the router and the layout.

mod api;
mod app;
mod components;
mod config;
mod forms;
mod hooks;
mod language;
mod lazy_routes;
mod local_time;
mod pages;
mod return_path;
mod session;
mod share_fields;
mod share_state;
mod sign_out;
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

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The element of `index.html` that holds the static shell the app replaces.
const ROOT_ID: &str = "app";

fn main() {
    // Panic messages in the console while developing. Not in the release build: the hook and
    // its message formatting cost 0.9 KB brotli of the first-load budget, and a release panic
    // still fails loudly (an `unreachable` error in the console, caught by the e2e tests).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let root = document()
        .get_element_by_id(ROOT_ID)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        // Emptied and filled in the same task, so the browser never paints the gap; the app
        // renders the same header and footer markup, so nothing moves.
        Some(root) => {
            root.set_inner_html("");
            leptos::mount::mount_to(root, app::App).forget();
        }
        None => leptos::mount::mount_to_body(app::App),
    }
}
