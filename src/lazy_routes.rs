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
use wasm_bindgen::{JsCast, JsValue, closure::Closure};

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

/// Fetches the chunks a citizen is likely to open next, once the page is idle (nothing competes
/// with the first screen), so that a page opened later does not wait for them: sign-in for a
/// visitor; for a citizen, the signed-in pages, or on a metered or slow connection only the
/// next one. A failure here is forgotten; opening the page tries again.
pub fn preload_likely_pages(signed_in: bool) {
    when_idle(move || {
        leptos::task::spawn_local(async move {
            if !signed_in {
                let _ = preload_sign_in().await;
            } else if connection_is_frugal() {
                let _ = preload_next_signed_in_page().await;
            } else {
                // Pages that share a chunk fetch it once; the later calls find it loaded.
                let _ = preload_record().await;
                let _ = preload_share().await;
                let _ = preload_documents().await;
                let _ = preload_requests().await;
                let _ = preload_account().await;
            }
        });
    });
}

/// The chunk of the signed-in page a citizen most likely opens next: the record (where signing
/// in leads by default), or from the record the next page of the navigation.
async fn preload_next_signed_in_page() -> Result<(), SplitLoaderError> {
    let path = window().location().pathname().unwrap_or_default();
    if path.starts_with("/record") {
        preload_documents().await
    } else {
        preload_record().await
    }
}

/// Runs `work` when the browser's main thread is idle (`requestIdleCallback`, at most 5 s
/// away), or after a second where the browser has no such call (Safari).
fn when_idle(work: impl FnOnce() + 'static) {
    let work = Closure::once_into_js(work);
    let window = window();
    let request = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|request| request.dyn_into::<js_sys::Function>().ok());
    let asked = request.is_some_and(|request| {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"timeout".into(), &5_000.into());
        request.call2(&window, &work, &options).is_ok()
    });
    if !asked {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(work.unchecked_ref(), 1_000);
    }
}

/// Whether the connection asks to be spared: Data Saver on, or a 2G/3G link (the Network
/// Information API, which Chromium has; elsewhere nothing says so, and all is fetched).
fn connection_is_frugal() -> bool {
    let read = |object: &JsValue, name: &str| js_sys::Reflect::get(object, &name.into()).ok();
    let Some(connection) = read(&window().navigator(), "connection").filter(JsValue::is_object)
    else {
        return false;
    };
    let save_data = read(&connection, "saveData").and_then(|v| v.as_bool());
    let effective = read(&connection, "effectiveType").and_then(|v| v.as_string());
    save_data == Some(true) || matches!(effective.as_deref(), Some("slow-2g" | "2g" | "3g"))
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
