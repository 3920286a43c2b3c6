//! The list of what a citizen shared and has not expired, with each one's state and
//! "Revoke": the share codes of their record (`/record/share`) and the links to one document
//! (`/documents/:code`) are listed alike.

use leptos::prelude::*;
use portal_api::documents::DocumentShare;
use portal_api::share::{Share, ShareableField};

use crate::api::ApiError;
use crate::components::{ErrorNotice, Loading};
use crate::hooks::use_clock;
use crate::i18n::*;
use crate::local_time::format_api_time;
use crate::share_fields::field_label;
use crate::share_state::{ShareState, ShareStateTag};
use crate::text::tr;

/// One share as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareItem {
    /// The share's id, to revoke it.
    pub id: String,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// When it ends (RFC 3339).
    pub expires_at: String,
    /// Whether the citizen revoked it.
    pub revoked: bool,
    /// The fields of the record it shares; none for a document's link, whose page says
    /// what it shares.
    pub fields: Vec<ShareableField>,
}

impl From<Share> for ShareItem {
    fn from(share: Share) -> Self {
        Self {
            id: share.id,
            created_at: share.created_at,
            expires_at: share.expires_at,
            revoked: share.revoked,
            fields: share.fields,
        }
    }
}

impl From<DocumentShare> for ShareItem {
    fn from(share: DocumentShare) -> Self {
        Self {
            id: share.id,
            created_at: share.created_at,
            expires_at: share.expires_at,
            revoked: share.revoked,
            fields: Vec::new(),
        }
    }
}

/// What a read of a share list answered.
pub type ShareItems = Option<Result<Vec<ShareItem>, ApiError>>;

/// The list as last read: loading, its failure with "Try again", `empty` when there is
/// nothing, or a row per share.
#[component]
pub fn ShareList(
    /// The list as last read, `None` while it is being read.
    #[prop(into)]
    items: Signal<ShareItems>,
    /// What to say when there is nothing to list.
    empty: fn(Locale) -> &'static str,
    /// Called with a share's id when the citizen revokes it.
    on_revoke: Callback<String>,
    /// Reads the list again after a failure.
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_clock();
    move || match items.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error on_retry /> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <p class="app-body">{tr(i18n, empty)}</p>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <ul class="app-summary-list">
                {list.into_iter().enumerate().map(|(index, share)| view! {
                    <ShareRow index share now on_revoke />
                }).collect_view()}
            </ul>
        }
        .into_any(),
    }
}

/// One share: what it shares, its state, when it was made and ends, and "Revoke".
#[component]
fn ShareRow(
    /// Its place in the list, for element ids.
    index: usize,
    /// The share.
    share: ShareItem,
    /// The browser's clock, so a share turns "expired" while the page is open.
    now: ReadSignal<f64>,
    /// Called with the share's id on "Revoke".
    on_revoke: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let about = format!("share-{index}");
    let state = {
        let (revoked, expires) = (share.revoked, share.expires_at.clone());
        Memo::new(move |_| ShareState::of(revoked, &expires, now.get()))
    };
    let fields = (!share.fields.is_empty()).then(|| {
        let fields = share.fields.clone();
        let text = move || {
            let locale = i18n.get_locale();
            let labels: Vec<_> = fields.iter().map(|f| field_label(locale, *f)).collect();
            labels.join(", ")
        };
        view! { <p class="app-body"><strong>{text}</strong></p> }
    });
    let id = share.id.clone();
    let row_id = about.clone();
    view! {
        <li class="app-summary-list__row" id=row_id>
            {fields}
            <p class="app-body"><ShareStateTag state /></p>
            <p class="app-body app-secondary-text">
                {tr(i18n, |l| td_string!(l, share.created_at))} " " {format_api_time(&share.created_at)}
                <br />
                {tr(i18n, |l| td_string!(l, share.expires_at))} " " {format_api_time(&share.expires_at)}
            </p>
            {move || (state.get() == ShareState::Active).then(|| {
                let (id, about) = (id.clone(), about.clone());
                view! {
                    <button type="button" class="app-button app-button--warning"
                        aria-describedby=about on:click=move |_| on_revoke.run(id.clone())>
                        {tr(i18n, |l| td_string!(l, share.revoke_button))}
                    </button>
                }
            })}
        </li>
    }
}
