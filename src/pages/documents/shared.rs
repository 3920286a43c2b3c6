//! `/shared/:token`: what the holder of a citizen's document link sees, signed in or not:
//! only that document, its metadata, its file, and until when the link works. An unknown,
//! expired or revoked link gets one plain answer, so a link says nothing of why.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::parts::{FileSection, Metadata};
use crate::api::{self, ApiError, use_api};
use crate::components::{ErrorNotice, PageHeading, Skeleton};
use crate::i18n::*;
use crate::local_time::format_api_time;
use crate::text::tr;

/// The shared document page.
#[component]
pub fn SharedDocumentPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let document = LocalResource::new(move || {
        let token = token.get();
        async move { api::documents::open_shared(api, &token).await }
    });
    let title = move || {
        document.with(|d| match d {
            Some(Ok(shared)) => shared.summary.name.clone(),
            _ => t_string!(i18n, page.shared_document.title).to_owned(),
        })
    };

    view! {
        <PageHeading title=title />
        <Suspense fallback=|| view! { <Skeleton /> }>
        {move || Suspend::new(async move { match document.await {
            Err(ApiError::NotFound) => view! {
                <div class="app-error-notice" role="alert">
                    <h2 class="app-error-notice__title">{tr(i18n, |l| td_string!(l, documents.shared_gone_heading))}</h2>
                    <p class="app-error-notice__body">{tr(i18n, |l| td_string!(l, documents.shared_gone_body))}</p>
                </div>
            }.into_any(),
            Err(error) => view! { <ErrorNotice error on_retry=move |()| document.refetch() /> }.into_any(),
            Ok(shared) => {
                let token = token.get_untracked();
                view! {
                    <p class="app-lead">{tr(i18n, |l| td_string!(l, page.shared_document.intro))}</p>
                    <p class="app-body">
                        {tr(i18n, |l| td_string!(l, documents.shared_link_expires))} " "
                        <strong>{format_api_time(&shared.link_expires_at)}</strong>
                    </p>
                    <Metadata summary=shared.summary.clone() procedure=shared.procedure.clone() />
                    <FileSection
                        preview=api::documents::shared_file_url(api, &token, false)
                        download=api::documents::shared_file_url(api, &token, true)
                        file_name=shared.file_name.clone()
                    />
                }.into_any()
            }
        }})}
        </Suspense>
    }
}
