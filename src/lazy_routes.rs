//! The pages whose code loads when a citizen first opens them, not with the app.
//!
//! Every page costs kilobytes of wasm, and the first load on a slow phone must stay under its
//! budget (README, "The first-load budget"). Each route here is a split point: the release
//! build (`xtask/src/wasm_build.rs`) moves what only that page uses into a chunk of its own,
//! and the router fetches the chunk before it shows the page, keeping the current page (with
//! the progress bar of `app.rs`) in the meantime. Pages that share a chunk name load together.
//!
//! Leptos's own `#[lazy_route]` aborts the whole app when a chunk cannot be fetched, which on a
//! flaky phone network is an everyday event; these split points are `fallible`, so the citizen
//! gets an explanation and a retry instead.

use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use leptos_router::LazyRoute;

use crate::api::ApiError;
use crate::components::{ErrorNotice, RequireSignIn};
use crate::pages::{
    AccessLogPage, AccountPage, DocumentDetailPage, DocumentListPage, NewRequestPage, RecordPage,
    RequestDetailPage, RequestListPage, SharePage, SharedDocumentPage, SignInPage, UploadPage,
    VerifyPage,
};

/// A page's chunk could not be fetched (offline, or the connection dropped).
pub struct ChunkNotLoaded;

impl From<SplitLoaderError> for ChunkNotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        Self
    }
}

/// Declares a lazy route: its type for `<Route view=Lazy::<Type>::new() />`, the split point
/// that builds its view in chunk `$chunk`, and a `$preload` function that fetches that chunk
/// ahead of time.
macro_rules! lazy_route {
    (
        $(#[$doc:meta])* $route:ident, $chunk:ident, $build:ident,
        $(#[$preload_attr:meta])* $preload:ident, $view:expr
    ) => {
        $(#[$doc])*
        pub struct $route;

        #[wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload($(#[$preload_attr])* $preload)
        )]
        fn $build() -> Result<AnyView, ChunkNotLoaded> {
            Ok($view.into_any())
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_: Self) -> AnyView {
                $build().await.unwrap_or_else(|_| page_not_loaded())
            }
        }
    };
}

lazy_route!(
    /// `/sign-in`.
    SignInRoute, sign_in, sign_in_view, preload_sign_in,
    view! { <SignInPage /> }
);
lazy_route!(
    /// `/account`.
    AccountRoute, account, account_view, preload_account,
    view! { <RequireSignIn><AccountPage /></RequireSignIn> }
);
lazy_route!(
    /// `/record`.
    RecordRoute, record, record_view, preload_record,
    view! { <RequireSignIn><RecordPage /></RequireSignIn> }
);
lazy_route!(
    /// `/record/access-log`.
    AccessLogRoute, record, access_log_view, preload_access_log,
    view! { <RequireSignIn><AccessLogPage /></RequireSignIn> }
);
lazy_route!(
    /// `/record/share`.
    ShareRoute, share, share_view, preload_share,
    view! { <RequireSignIn><SharePage /></RequireSignIn> }
);
lazy_route!(
    /// `/verify`: public, for whoever was shown a citizen's QR.
    // Nobody goes to `/verify` from another page: they arrive there from a QR code.
    VerifyRoute, verify, verify_view, #[allow(dead_code)] preload_verify,
    view! { <VerifyPage /> }
);
lazy_route!(
    /// `/documents`.
    DocumentListRoute, documents, document_list_view, preload_documents,
    view! { <RequireSignIn><DocumentListPage /></RequireSignIn> }
);
lazy_route!(
    /// `/documents/:code`.
    DocumentDetailRoute, documents, document_detail_view, preload_document_detail,
    view! { <RequireSignIn><DocumentDetailPage /></RequireSignIn> }
);
lazy_route!(
    /// `/documents/upload`.
    UploadRoute, documents, upload_view, preload_upload,
    view! { <RequireSignIn><UploadPage /></RequireSignIn> }
);
lazy_route!(
    /// `/shared/:token`: public, for whoever was given a link to a citizen's document.
    // Nobody goes there from another page: they arrive from the link.
    SharedDocumentRoute, shared_document, shared_document_view, #[allow(dead_code)] preload_shared_document,
    view! { <SharedDocumentPage /> }
);
lazy_route!(
    /// `/requests`.
    RequestListRoute, requests, request_list_view, preload_requests,
    view! { <RequireSignIn><RequestListPage /></RequireSignIn> }
);
lazy_route!(
    /// `/requests/new`.
    NewRequestRoute, requests, new_request_view, preload_new_request,
    view! { <RequireSignIn><NewRequestPage /></RequireSignIn> }
);
lazy_route!(
    /// `/requests/:reference`.
    RequestDetailRoute, requests, request_detail_view, preload_request_detail,
    view! { <RequireSignIn><RequestDetailPage /></RequireSignIn> }
);

/// Fetches the chunks a citizen is likely to open next, while the page is idle, so that a
/// connection lost later does not stop them: sign-in for a visitor, the signed-in pages for a
/// citizen. A failure here is forgotten; opening the page tries again.
pub fn preload_likely_pages(signed_in: bool) {
    leptos::task::spawn_local_scoped(async move {
        if signed_in {
            // Pages that share a chunk fetch it once; the later calls find it loaded.
            let _ = preload_record().await;
            let _ = preload_access_log().await;
            let _ = preload_share().await;
            let _ = preload_documents().await;
            let _ = preload_document_detail().await;
            let _ = preload_upload().await;
            let _ = preload_requests().await;
            let _ = preload_new_request().await;
            let _ = preload_request_detail().await;
            let _ = preload_account().await;
        } else {
            let _ = preload_sign_in().await;
        }
    });
}

/// What the citizen sees when a page's code could not be fetched: the network message and a
/// retry, which loads the page again from the start.
fn page_not_loaded() -> AnyView {
    view! {
        <ErrorNotice
            error=ApiError::Network
            on_retry=move |()| {
                let _ = window().location().reload();
            }
        />
    }
    .into_any()
}
