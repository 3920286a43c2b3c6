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

/// Whether the citizen left the record page while a refresh was running, so the page asks
/// about it when they come back.
///
/// It must outlive the page, so it cannot be the page's own signal. It lives in the app's
/// root owner: as long as the app, inside the reactive system (a remounted app or a test
/// starts from `false`, which a `thread_local!` did not). The record page provides it there
/// the first time it needs it, rather than `App` at start, so the main chunk every citizen
/// downloads first carries none of it.
#[derive(Clone, Copy)]
pub struct LeftRunning(StoredValue<bool>);

impl LeftRunning {
    /// A refresh was still running when the page last stopped following it.
    pub fn get(self) -> bool {
        self.0.get_value()
    }

    /// Notes whether a refresh is running as the page stops following it.
    pub fn set(self, running: bool) {
        self.0.set_value(running);
    }
}

/// The app's [`LeftRunning`], provided in its root owner on first use.
pub fn use_left_running() -> LeftRunning {
    if let Some(left_running) = use_context::<LeftRunning>() {
        return left_running;
    }
    let Some(mut root) = Owner::current() else {
        return LeftRunning(StoredValue::new(false));
    };
    while let Some(parent) = root.parent() {
        root = parent;
    }
    root.with(|| {
        let left_running = LeftRunning(StoredValue::new(false));
        provide_context(left_running);
        left_running
    })
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
    fn what_the_page_remembers_outlives_the_page_in_the_root_owner() {
        let root = Owner::new();
        root.set();
        let page = root.child();
        page.with(|| use_left_running().set(true));
        page.cleanup();
        let next_page = root.child();
        assert!(next_page.with(|| use_left_running().get()));
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
