use leptos::prelude::*;

use super::Loading;

/// A page's place while its data is on the way: the loading notice over grey bars in the
/// shape of a page, as tall as a phone's screen, so that what is on screen stays where it is
/// when the data takes their place. A frame rendered ahead of time shows it too.
#[component]
pub fn Skeleton() -> impl IntoView {
    view! {
        <div class="app-skeleton">
            <Loading />
            <div aria-hidden="true">
                <div class="app-skeleton__bar app-skeleton__bar--short"></div>
                <div class="app-skeleton__bar"></div>
                <div class="app-skeleton__bar app-skeleton__bar--block"></div>
                <div class="app-skeleton__bar"></div>
                <div class="app-skeleton__bar app-skeleton__bar--short"></div>
            </div>
        </div>
    }
}
