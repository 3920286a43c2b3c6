//! `/record`: the citizen's own population record as the portal stores it, when it was last
//! synchronised, a refresh from the national database that shows what changed, the card QR,
//! and the way to the share and access-log pages. The print stylesheet turns it into an
//! extract on paper.

mod access_log;
mod card_qr;
mod labels;
mod masked_id;
mod refresh;
mod sections;
mod share;

pub use access_log::AccessLogPage;
pub use share::SharePage;

use leptos::prelude::*;
use leptos::task::{spawn_local_scoped, spawn_local_scoped_with_cancellation};
use portal_api::record_sync::{RefreshState, RefreshStatus};

use crate::api::{self, ApiError, use_api};
use crate::components::{ErrorNotice, PageHeading, Skeleton, SyncLine};
use crate::i18n::*;
use crate::session::now_ms;
use crate::text::tr;
use crate::timer::sleep;
use card_qr::CardQr;
use refresh::{POLL_EVERY_MS, RefreshOutcome, RefreshPanel, SLOW_AFTER_MS, use_left_running};
use sections::RecordSections;

/// The record page. Reads the stored copy on arrival, and picks up a refresh that was still
/// running when the citizen left.
#[component]
pub fn RecordPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    // Not fetched where the page is rendered ahead of time: that frame shows the skeleton.
    let record = LocalResource::new(move || async move { api::record::fetch_record(api).await });
    let outcome = RwSignal::new(RefreshOutcome::Idle);
    let left_running = use_left_running();

    // Waits for a refresh to finish, then shows what it found and the new stored copy. The
    // polling stops when the citizen leaves (the task is cancelled with the page); the server
    // finishes the refresh on its own.
    let follow = move |first: Result<RefreshStatus, ApiError>| {
        spawn_local_scoped_with_cancellation(async move {
            let started = now_ms();
            let mut answer = first;
            // Until an answer other than "running" arrives, coming back should ask again.
            left_running.set(true);
            while let Ok(status) = &answer {
                if status.state != RefreshState::Running {
                    break;
                }
                let slow = now_ms() - started > SLOW_AFTER_MS;
                outcome.set(RefreshOutcome::Running { slow });
                sleep(POLL_EVERY_MS).await;
                answer = api::record::refresh_status(api).await;
            }
            left_running.set(matches!(
                &answer,
                Ok(status) if status.state == RefreshState::Running
            ));
            match answer {
                Ok(status) => {
                    if let Some(view) = status.view.clone() {
                        record.set(Some(Ok(view)));
                    }
                    outcome.set(RefreshOutcome::from_status(&status));
                }
                Err(error) => outcome.set(RefreshOutcome::from_error(error)),
            }
        });
    };

    // A refresh the citizen started and left before it ended is followed to its end. (Asked
    // only then: the server answers 404 when there has been none, an error in the console.)
    if left_running.get() {
        spawn_local_scoped(async move {
            if let Ok(status) = api::record::refresh_status(api).await
                && status.state == RefreshState::Running
            {
                outcome.set(RefreshOutcome::Running { slow: false });
                follow(Ok(status));
            }
        });
    }

    let on_refresh = Callback::new(move |()| {
        if outcome.with_untracked(RefreshOutcome::is_running) {
            return;
        }
        outcome.set(RefreshOutcome::Running { slow: false });
        spawn_local_scoped(async move {
            follow(api::record::start_refresh(api).await);
        });
    });
    let wait_seconds = Signal::derive(move || {
        record.with(|r| match r {
            Some(Ok(view)) => view.next_refresh_in_seconds,
            _ => 0,
        })
    });

    view! {
        <PageHeading title=move || t_string!(i18n, page.record.title).to_owned() />
        <p class="app-print-only app-record__print-title">
            {tr(i18n, |l| td_string!(l, record.print_title))}
        </p>
        <Suspense fallback=|| view! { <Skeleton /> }>
            {move || Suspend::new(async move {
                match record.await {
                    Err(error) => view! { <ErrorNotice error on_retry=move |()| record.refetch() /> }.into_any(),
                    Ok(view) => view! {
                        <div class="app-record">
                            <SyncLine synced_at=view.synced_at.clone() />
                            <p class="app-secondary-text">{tr(i18n, |l| td_string!(l, record.stored_copy_note))}</p>
                            <RefreshPanel outcome wait_seconds on_refresh />
                            <RecordActions />
                            <RecordSections record=view.record.clone() />
                            <CardQr text=view.record.card_qr_text() />
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The ways on from the record: share it, see who read it, print it.
#[component]
fn RecordActions() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="app-record__actions" aria-label=move || t_string!(i18n, record.more_heading)>
            <ul class="app-list app-record__action-list">
                <li>
                    <a class="app-link" href="/record/share">
                        {tr(i18n, |l| td_string!(l, record.share_link))}
                    </a>
                </li>
                <li>
                    <a class="app-link" href="/record/access-log">
                        {tr(i18n, |l| td_string!(l, record.access_log_link))}
                    </a>
                </li>
                <li>
                    <button
                        type="button"
                        class="app-link-button"
                        on:click=move |_| {
                            let _ = window().print();
                        }
                    >
                        {tr(i18n, |l| td_string!(l, record.print_button))}
                    </button>
                </li>
            </ul>
        </nav>
    }
}
