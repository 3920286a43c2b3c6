use leptos::{ev::MouseEvent, prelude::*};
use wasm_bindgen::JsCast;

use crate::app::MAIN_ID;
use crate::i18n::*;
use crate::text::tr;

/// The first focusable element of every page: lets keyboard and screen-reader users jump
/// over the header to the main content. Hidden until it has focus.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    // The router takes `#main` for a navigation (the address gets `#main`, the page scrolls)
    // but leaves focus on the link; the citizen needs focus in the main content.
    let skip = move |_: MouseEvent| {
        let main = document()
            .get_element_by_id(MAIN_ID)
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(main) = main {
            let _ = main.focus();
        }
    };
    view! {
        <a class="app-skip-link" href=format!("#{MAIN_ID}") on:click=skip>
            {tr(i18n, |l| td_string!(l, shell.skip_link))}
        </a>
    }
}
