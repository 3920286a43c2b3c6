use leptos::prelude::*;

use crate::i18n::*;
use crate::local_time;

/// "Synchronised at 09:42 on 23/11/2026", in the device's time zone: when a stored copy (the
/// record, a document) was last checked against its source.
#[component]
pub fn SyncLine(
    /// When (RFC 3339).
    synced_at: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let time = local_time::parse(&synced_at);
    let clock = time.map(|t| t.clock()).unwrap_or_default();
    let date = time.map(|t| t.date()).unwrap_or_default();
    view! {
        <p class="app-sync-line">
            <strong>
                {t!(i18n, record.synced_at, time = move || clock.clone(), date = move || date.clone())}
            </strong>
        </p>
    }
}
