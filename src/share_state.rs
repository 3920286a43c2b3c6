//! Where a share stands for the citizen who made it: a share code of their record
//! (`/record/share`) or a link to a document (`/documents/:code`).

use leptos::prelude::*;

use crate::i18n::*;
use crate::text::tr;

/// Where a share stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareState {
    /// Whoever holds it can use it.
    Active,
    /// Past its expiry.
    Expired,
    /// The citizen revoked it.
    Revoked,
}

impl ShareState {
    /// The state of a share that is `revoked` or not and ends at `expires_at` (RFC 3339), at
    /// `now_ms` (the browser's clock: the server lists only shares that had not expired when
    /// asked, so one may expire while the page is open).
    pub fn of(revoked: bool, expires_at: &str, now_ms: f64) -> Self {
        if revoked {
            Self::Revoked
        } else if js_sys::Date::parse(expires_at) <= now_ms {
            Self::Expired
        } else {
            Self::Active
        }
    }
}

/// The state as a tag: "active" stands out, the others are greyed.
#[component]
pub fn ShareStateTag(
    /// The state, following the clock.
    state: Memo<ShareState>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="app-tag" class:app-tag--inactive=move || state.get() != ShareState::Active>
            {move || match state.get() {
                ShareState::Active => tr(i18n, |l| td_string!(l, share.state_active))(),
                ShareState::Expired => tr(i18n, |l| td_string!(l, share.state_expired))(),
                ShareState::Revoked => tr(i18n, |l| td_string!(l, share.state_revoked))(),
            }}
        </span>
    }
}
