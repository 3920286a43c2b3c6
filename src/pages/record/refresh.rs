//! "Update from the national database": the outcome model, tested on its own, and the panel
//! that shows it.

use leptos::prelude::*;
use portal_api::ErrorCode;
use portal_api::record_sync::{FieldChange, RefreshState, RefreshStatus};

use super::labels::{change_label, change_value};
use crate::api::ApiError;
use crate::components::{ErrorNotice, RetryCountdown};
use crate::i18n::*;
use crate::text::tr;

/// After this long without an answer the panel says the citizen may leave and come back.
pub const SLOW_AFTER_MS: f64 = 3000.0;
/// How often a running refresh is asked about.
pub const POLL_EVERY_MS: i32 = 1500;

thread_local! {
    /// Whether the citizen left the record page while a refresh was running, so the page
    /// asks about it when they come back. The app has one thread.
    static LEFT_RUNNING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A refresh was still running when the page last stopped following it.
pub fn left_running() -> bool {
    LEFT_RUNNING.with(std::cell::Cell::get)
}

pub fn set_left_running(running: bool) {
    LEFT_RUNNING.with(|cell| cell.set(running));
}

/// What the refresh panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// Nothing asked yet.
    Idle,
    /// Waiting for the national database; `slow` once it has taken a while.
    Running { slow: bool },
    /// Done, and the stored copy already matched.
    NoChange,
    /// Done: these fields changed, old beside new.
    Changed(Vec<FieldChange>),
    /// The national database did not answer: the stored copy stays.
    Unavailable,
    /// The national database holds no such citizen.
    NotFound,
    /// One refresh a minute: this many seconds until the next.
    TooSoon { seconds: u32 },
    /// The portal itself could not be reached or failed.
    Failed(ApiError),
}

impl RefreshOutcome {
    /// The outcome a refresh's status stands for.
    pub fn from_status(status: &RefreshStatus) -> Self {
        match status.state {
            RefreshState::Running => Self::Running { slow: false },
            RefreshState::Done if status.changes.is_empty() => Self::NoChange,
            RefreshState::Done => Self::Changed(status.changes.clone()),
            RefreshState::Failed => match status.error {
                Some(ErrorCode::CitizenNotFound) => Self::NotFound,
                _ => Self::Unavailable,
            },
        }
    }

    /// The outcome of a request that failed.
    pub fn from_error(error: ApiError) -> Self {
        match error {
            ApiError::RateLimited { retry_after } => Self::TooSoon {
                seconds: retry_after.unwrap_or(portal_api::record_sync::REFRESH_INTERVAL_SECONDS),
            },
            ApiError::Unavailable => Self::Unavailable,
            ApiError::CitizenNotFound => Self::NotFound,
            other => Self::Failed(other),
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self, Self::Running { .. })
    }
}

/// The button, the progress while it runs, and what it found.
#[component]
pub fn RefreshPanel(
    /// Where the refresh stands.
    outcome: RwSignal<RefreshOutcome>,
    /// Seconds until the server takes another refresh, from the stored copy's answer.
    wait_seconds: Signal<u32>,
    /// Starts a refresh; the panel ignores clicks while one runs.
    on_refresh: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let running = move || outcome.with(RefreshOutcome::is_running);
    let message = move || {
        let text: Option<fn(Locale) -> &'static str> = match outcome.get() {
            RefreshOutcome::Running { slow: false } => {
                Some(|l| td_string!(l, record.refresh_running))
            }
            RefreshOutcome::Running { slow: true } => Some(|l| td_string!(l, record.refresh_slow)),
            RefreshOutcome::NoChange => Some(|l| td_string!(l, record.refresh_no_change)),
            RefreshOutcome::Changed(_) => Some(|l| td_string!(l, record.refresh_changed)),
            RefreshOutcome::Unavailable => Some(|l| td_string!(l, record.refresh_unavailable)),
            RefreshOutcome::NotFound => Some(|l| td_string!(l, record.refresh_not_found)),
            RefreshOutcome::TooSoon { .. } => Some(|l| td_string!(l, record.refresh_wait)),
            RefreshOutcome::Idle | RefreshOutcome::Failed(_) => None,
        };
        text.map(|text| tr(i18n, text))
    };
    let warning = move || {
        matches!(
            outcome.get(),
            RefreshOutcome::Unavailable | RefreshOutcome::NotFound | RefreshOutcome::TooSoon { .. }
        )
    };

    view! {
        <div class="app-refresh">
            <button
                type="button"
                class="app-button app-refresh__button"
                aria-disabled=move || running().then_some("true")
                on:click=move |_| {
                    if !running() {
                        on_refresh.run(());
                    }
                }
            >
                {tr(i18n, |l| td_string!(l, record.refresh_button))}
            </button>
            {move || {
                let seconds = wait_seconds.get();
                let told = outcome.with(|o| matches!(o, RefreshOutcome::TooSoon { .. }));
                (seconds > 0 && !running() && !told)
                    .then(|| {
                        view! {
                            <p class="app-secondary-text">
                                {tr(i18n, |l| td_string!(l, record.refresh_wait))} " "
                                <RetryCountdown seconds />
                            </p>
                        }
                    })
            }}
            <div role="status" class="app-refresh__status">
                {move || {
                    message()
                        .map(|message| {
                            view! {
                                <p class="app-refresh__message" class:app-refresh__message--warning=warning>
                                    <Show when=running>
                                        <span class="app-loading__spinner" aria-hidden="true"></span>
                                    </Show>
                                    <span>{message}</span>
                                </p>
                            }
                        })
                }}
            </div>
            {move || match outcome.get() {
                RefreshOutcome::Changed(changes) => Some(view! { <ChangeTable changes /> }.into_any()),
                RefreshOutcome::TooSoon { seconds } => Some(
                    view! { <p class="app-secondary-text"><RetryCountdown seconds /></p> }.into_any(),
                ),
                RefreshOutcome::Failed(error) => Some(
                    view! { <ErrorNotice error on_retry=move |()| on_refresh.run(()) /> }.into_any(),
                ),
                _ => None,
            }}
        </div>
    }
}

/// The fields a refresh changed: the field, what it was, what it is now.
#[component]
fn ChangeTable(
    /// The changes, in the record's field order.
    changes: Vec<FieldChange>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let rows = move || {
        let locale = locale();
        changes
            .iter()
            .map(|change| {
                let value = |v: &Option<String>| {
                    v.as_deref()
                        .map(|v| change_value(locale, &change.field, v))
                        .unwrap_or_else(|| td_string!(locale, record.none).to_owned())
                };
                view! {
                    <tr>
                        <th scope="row">{change_label(locale, &change.field)}</th>
                        <td class="app-change__old">{value(&change.old)}</td>
                        <td class="app-change__new">{value(&change.new)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <table class="app-table app-change">
            <caption class="app-visually-hidden">{tr(i18n, |l| td_string!(l, record.change_caption))}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(i18n, |l| td_string!(l, record.change_field))}</th>
                    <th scope="col">{tr(i18n, |l| td_string!(l, record.change_old))}</th>
                    <th scope="col">{tr(i18n, |l| td_string!(l, record.change_new))}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(
        state: RefreshState,
        changes: Vec<FieldChange>,
        error: Option<ErrorCode>,
    ) -> RefreshStatus {
        RefreshStatus {
            state,
            started_at: "2026-12-02T02:00:00Z".to_owned(),
            changes,
            error,
            view: None,
        }
    }

    #[test]
    fn done_without_changes_is_no_change_and_with_them_lists_them() {
        assert_eq!(
            RefreshOutcome::from_status(&status(RefreshState::Done, vec![], None)),
            RefreshOutcome::NoChange
        );
        let change = FieldChange {
            field: "current_residence".to_owned(),
            old: Some("A".to_owned()),
            new: Some("B".to_owned()),
        };
        assert_eq!(
            RefreshOutcome::from_status(&status(RefreshState::Done, vec![change.clone()], None)),
            RefreshOutcome::Changed(vec![change])
        );
    }

    #[test]
    fn a_failed_refresh_says_why() {
        assert_eq!(
            RefreshOutcome::from_status(&status(
                RefreshState::Failed,
                vec![],
                Some(ErrorCode::CitizenNotFound)
            )),
            RefreshOutcome::NotFound
        );
        assert_eq!(
            RefreshOutcome::from_status(&status(
                RefreshState::Failed,
                vec![],
                Some(ErrorCode::Unavailable)
            )),
            RefreshOutcome::Unavailable
        );
        assert!(
            RefreshOutcome::from_status(&status(RefreshState::Running, vec![], None)).is_running()
        );
    }

    #[test]
    fn too_soon_carries_the_wait_and_other_failures_stay_errors() {
        assert_eq!(
            RefreshOutcome::from_error(ApiError::RateLimited {
                retry_after: Some(42)
            }),
            RefreshOutcome::TooSoon { seconds: 42 }
        );
        assert_eq!(
            RefreshOutcome::from_error(ApiError::RateLimited { retry_after: None }),
            RefreshOutcome::TooSoon { seconds: 60 }
        );
        assert_eq!(
            RefreshOutcome::from_error(ApiError::Network),
            RefreshOutcome::Failed(ApiError::Network)
        );
    }
}
