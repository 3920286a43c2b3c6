use leptos::prelude::*;

use crate::i18n::*;
use crate::text::tr;

/// A thin bar at the top of the window while the next page's code is on its way, so a tap on
/// a slow network visibly did something; screen readers hear "loading". It is not in the page
/// otherwise, so it is no second status region beside the page's own.
#[component]
pub fn PageLoadingBar(
    /// Whether the router is fetching a page now.
    loading: ReadSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || loading.get()>
            <div class="app-page-loading" role="status">
                <span class="app-page-loading__bar" aria-hidden="true"></span>
                <span class="app-visually-hidden">{tr(i18n, |l| td_string!(l, shell.loading))}</span>
            </div>
        </Show>
    }
}
