use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::api::ApiError;
use crate::i18n::*;

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
    view! {
        <div class="app-error-notice">
            <div role="alert">
                <h2 class="app-error-notice__title">{t!(i18n, error.title)}</h2>
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
                            {t!(i18n, error.try_again)}
                        </button>
                    }
                })}
        </div>
    }
}

/// The one place where an [`ApiError`] becomes words for citizens.
fn error_message(i18n: I18nContext<Locale>, error: ApiError) -> AnyView {
    match error {
        ApiError::Unauthorized => t!(i18n, error.unauthorized).into_any(),
        ApiError::Forbidden => t!(i18n, error.forbidden).into_any(),
        ApiError::NotFound => t!(i18n, error.not_found).into_any(),
        ApiError::Validation(_) => t!(i18n, error.validation).into_any(),
        ApiError::RateLimited {
            retry_after: Some(seconds),
        } => view! {
            {t!(i18n, error.rate_limited)}
            <span class="app-error-notice__retry-after">
                {t!(i18n, error.retry_after, seconds)}
            </span>
        }
        .into_any(),
        ApiError::RateLimited { retry_after: None } => t!(i18n, error.rate_limited).into_any(),
        ApiError::Unavailable => t!(i18n, error.unavailable).into_any(),
        ApiError::Network => t!(i18n, error.network).into_any(),
        ApiError::Server => t!(i18n, error.server).into_any(),
    }
}
