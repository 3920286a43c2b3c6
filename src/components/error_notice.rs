use leptos::prelude::*;
use leptos_i18n::I18nContext;

use portal_api::auth::LOCKOUT_WINDOW_SECONDS;

use super::RetryCountdown;
use crate::api::ApiError;
use crate::i18n::*;
use crate::local_time;
use crate::session::now_ms;
use crate::text::tr;

/// Explains a failed request in the citizen's language, with a way to try again. The message
/// is announced when it appears.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: ApiError,
    /// Runs the failed step again; without it, no button is shown.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Being asked to wait is no error of the citizen's, nor the portal's: it is not called one.
    let title: fn(Locale) -> &'static str = if matches!(error, ApiError::RateLimited { .. }) {
        |l| td_string!(l, error.wait_title)
    } else {
        |l| td_string!(l, error.title)
    };
    view! {
        <div class="app-error-notice">
            <div role="alert">
                <h2 class="app-error-notice__title">{tr(i18n, title)}</h2>
                <p class="app-error-notice__body">{error_message(i18n, error)}</p>
            </div>
            {on_retry
                .map(|retry| {
                    view! {
                        <button
                            type="button"
                            class="app-button app-button--secondary"
                            on:click=move |_| retry.run(())
                        >
                            {tr(i18n, |l| td_string!(l, error.try_again))}
                        </button>
                    }
                })}
        </div>
    }
}

/// The one place where an [`ApiError`] becomes words for citizens.
pub fn error_message(i18n: I18nContext<Locale>, error: ApiError) -> AnyView {
    match error {
        ApiError::Unauthorized => tr(i18n, |l| td_string!(l, error.unauthorized)).into_any(),
        ApiError::Forbidden => tr(i18n, |l| td_string!(l, error.forbidden)).into_any(),
        ApiError::NotFound => tr(i18n, |l| td_string!(l, error.not_found)).into_any(),
        ApiError::Validation(_) => tr(i18n, |l| td_string!(l, error.validation)).into_any(),
        ApiError::RateLimited {
            retry_after: Some(seconds),
        } => view! {
            {tr(i18n, |l| td_string!(l, error.rate_limited))}
            " "
            <RetryCountdown seconds />
        }
        .into_any(),
        ApiError::RateLimited { retry_after: None } => view! {
            {tr(i18n, |l| td_string!(l, error.rate_limited))}
            " "
            {tr(i18n, |l| td_string!(l, error.rate_limited_wait))}
        }
        .into_any(),
        ApiError::Unavailable => tr(i18n, |l| td_string!(l, error.unavailable)).into_any(),
        ApiError::Network => tr(i18n, |l| td_string!(l, error.network)).into_any(),
        ApiError::Server => tr(i18n, |l| td_string!(l, error.server)).into_any(),
        ApiError::InvalidCredentials => {
            tr(i18n, |l| td_string!(l, error.invalid_credentials)).into_any()
        }
        ApiError::AccountNotVerified => {
            tr(i18n, |l| td_string!(l, error.account_not_verified)).into_any()
        }
        ApiError::AccountLocked { retry_after } => {
            let seconds = retry_after.unwrap_or(LOCKOUT_WINDOW_SECONDS);
            let minutes = seconds.div_ceil(60);
            // "Until when" in the citizen's own clock time, which a number of minutes is not.
            let until = now_ms() + f64::from(seconds) * 1000.0;
            let time = local_time::from_epoch_ms(until).map_or_else(String::new, |t| t.clock());
            t!(
                i18n,
                error.account_locked,
                minutes,
                time = move || time.clone()
            )
            .into_any()
        }
        ApiError::WrongCode {
            attempts_left: Some(attempts),
        } => t!(i18n, error.wrong_code_left, attempts).into_any(),
        ApiError::WrongCode {
            attempts_left: None,
        } => tr(i18n, |l| td_string!(l, error.wrong_code)).into_any(),
        ApiError::CodeExpired => tr(i18n, |l| td_string!(l, error.code_expired)).into_any(),
        ApiError::CitizenNotFound => {
            tr(i18n, |l| td_string!(l, error.citizen_not_found)).into_any()
        }
        ApiError::Conflict(_) => tr(i18n, |l| td_string!(l, error.conflict)).into_any(),
        ApiError::DraftConflict(_) => tr(i18n, |l| td_string!(l, error.draft_conflict)).into_any(),
        ApiError::DraftLimitReached(allowed) => view! {
            {t!(i18n, error.draft_limit_reached, allowed)}
            " "
            <a class="app-link" href="/requests">{tr(i18n, |l| td_string!(l, error.drafts_link))}</a>
        }
        .into_any(),
        ApiError::ShareLimitReached(allowed) => view! {
            {t!(i18n, error.share_limit_reached, allowed)}
            " "
            <a class="app-link" href="/record/share">{tr(i18n, |l| td_string!(l, error.shares_link))}</a>
        }
        .into_any(),
        ApiError::StorageQuotaExceeded(bytes) => {
            let size = megabytes(bytes);
            t!(i18n, error.storage_quota_exceeded, size = move || size.clone()).into_any()
        }
    }
}

/// A quota in bytes as citizens read file sizes: "200 MB" (binary megabytes, as the upload
/// form's "10 MB" limit is), or kilobytes below one.
fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::megabytes;

    #[test]
    fn quotas_read_in_megabytes() {
        assert_eq!(megabytes(200 * 1024 * 1024), "200 MB");
        assert_eq!(megabytes(15_000), "15 KB");
    }
}
