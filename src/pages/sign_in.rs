use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};

use crate::components::PageHeading;
use crate::i18n::*;
use crate::return_path::{NEXT_PARAM, safe_return_path};

/// `/sign-in`: signing in arrives in the next release; until then the page says so, and
/// shows the page a citizen will return to afterwards (only ever a page of this site).
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let return_to = Memo::new(move |_| {
        query.with(|query| {
            query
                .get_str(NEXT_PARAM)
                .and_then(safe_return_path)
                .map(str::to_owned)
        })
    });

    view! {
        <PageHeading title=move || t_string!(i18n, page.sign_in.title).to_owned() />
        <p class="app-lead">{t!(i18n, page.sign_in.not_yet)}</p>
        {move || {
            return_to
                .get()
                .map(|path| {
                    view! {
                        <div class="app-inset-text">
                            <p class="app-inset-text__body">{t!(i18n, page.sign_in.return_to)}</p>
                            <p class="app-inset-text__body">
                                <code class="app-code">{path}</code>
                            </p>
                        </div>
                    }
                })
        }}
        <p class="app-body">
            <A href="/" attr:class="app-link">
                {t!(i18n, common.back_to_home)}
            </A>
        </p>
    }
}
