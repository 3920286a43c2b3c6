use leptos::prelude::*;
use portal_api::share::Share;

use crate::api::ApiError;
use crate::components::{ErrorNotice, Loading};
use crate::hooks::use_clock;
use crate::i18n::*;
use crate::local_time::format_api_time;
use crate::share_fields::field_label;
use crate::share_state::{ShareState, ShareStateTag};
use crate::text::tr;

/// The citizen's shares with their state, and "Revoke" for each active one.
#[component]
pub fn ShareList(
    /// The list as last read, `None` while it is being read.
    #[prop(into)]
    shares: Signal<Option<Result<Vec<Share>, ApiError>>>,
    /// Called with a share's id when the citizen revokes it.
    on_revoke: Callback<String>,
    /// Reads the list again after a failure.
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_clock();
    view! {
        <section class="app-section" aria-labelledby="shares-heading">
            <h2 class="app-section__heading" id="shares-heading">
                {tr(i18n, |l| td_string!(l, share.shares_heading))}
            </h2>
            {move || match shares.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error on_retry /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="app-body">{tr(i18n, |l| td_string!(l, share.no_shares))}</p>
                }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="app-summary-list">
                        {list.into_iter().enumerate().map(|(index, share)| view! {
                            <ShareRow index share now on_revoke />
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

/// One share: what it shares, when it was made and ends, its state, and "Revoke".
#[component]
fn ShareRow(
    /// Its place in the list, for element ids.
    index: usize,
    /// The share.
    share: Share,
    /// The browser's clock, so a code turns "expired" while the page is open.
    now: ReadSignal<f64>,
    /// Called with the share's id on "Revoke".
    on_revoke: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let about = format!("share-{index}");
    let state = {
        let share = share.clone();
        Memo::new(move |_| ShareState::of(share.revoked, &share.expires_at, now.get()))
    };
    let fields = share.fields.clone();
    let fields_text = move || {
        let locale = i18n.get_locale();
        fields
            .iter()
            .map(|field| field_label(locale, *field))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let id = share.id.clone();
    let row_id = about.clone();
    view! {
        <li class="app-summary-list__row" id=row_id>
            <p class="app-body"><strong>{fields_text}</strong></p>
            <p class="app-body"><ShareStateTag state /></p>
            <p class="app-body app-secondary-text">
                {tr(i18n, |l| td_string!(l, share.created_at))} " " {format_api_time(&share.created_at)}
                <br />
                {tr(i18n, |l| td_string!(l, share.expires_at))} " " {format_api_time(&share.expires_at)}
            </p>
            {move || (state.get() == ShareState::Active).then(|| {
                let id = id.clone();
                let about = about.clone();
                view! {
                    <button
                        type="button"
                        class="app-button app-button--warning"
                        aria-describedby=about
                        on:click=move |_| on_revoke.run(id.clone())
                    >
                        {tr(i18n, |l| td_string!(l, share.revoke_button))}
                    </button>
                }
            })}
        </li>
    }
}
