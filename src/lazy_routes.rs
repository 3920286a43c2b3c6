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
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};

use crate::api::ApiError;
use crate::components::{ErrorNotice, RequireSignIn};
use crate::pages::{
    AccessLogPage, AccountPage, DocumentDetailPage, DocumentListPage, NewRequestPage, RecordPage,
    RequestDetailPage, RequestListPage, SharePage, SharedDocumentPage, SignInPage, UploadPage,
    VerifyPage,
};

/// The split point of the app itself (`start.rs`): the router, the layout a signed-in citizen
/// sees, and what every signed-in page shares. A visit that begins on a public page loads it
/// once the citizen signs in.
pub const APP_CHUNK: &str = "app";

/// A page's chunk could not be fetched (offline, or the connection dropped).
pub struct ChunkNotLoaded;

impl From<SplitLoaderError> for ChunkNotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        Self
    }
}

/// Declares a lazy route: its type for `<Route view=Lazy::<Type>::new() />`, with the name of
/// its chunk (`Type::CHUNK`, for [`prefetch_likely_pages`]), and the split point that builds
/// its view in chunk `$chunk`.
macro_rules! lazy_route {
    (
        $(#[$doc:meta])* $route:ident, $chunk:ident, $build:ident, $view:expr
    ) => {
        $(#[$doc])*
        pub struct $route;

        impl $route {
            /// The split point's name, as the build names its files.
            #[allow(dead_code)]
            pub const CHUNK: &str = stringify!($chunk);
        }

        #[wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
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
    SignInRoute, sign_in, sign_in_view,
    view! { <SignInPage /> }
);
lazy_route!(
    /// `/account`.
    AccountRoute, account, account_view,
    view! { <RequireSignIn><AccountPage /></RequireSignIn> }
);
lazy_route!(
    /// `/record`.
    RecordRoute, record, record_view,
    view! { <RequireSignIn><RecordPage /></RequireSignIn> }
);
lazy_route!(
    /// `/record/access-log`.
    AccessLogRoute, record, access_log_view,
    view! { <RequireSignIn><AccessLogPage /></RequireSignIn> }
);
lazy_route!(
    /// `/record/share`.
    ShareRoute, share, share_view,
    view! { <RequireSignIn><SharePage /></RequireSignIn> }
);
lazy_route!(
    /// `/verify`: public, for whoever was shown a citizen's QR.
    // Nobody goes to `/verify` from another page: they arrive there from a QR code.
    VerifyRoute, verify, verify_view,
    view! { <VerifyPage /> }
);
lazy_route!(
    /// `/documents`.
    DocumentListRoute, documents, document_list_view,
    view! { <RequireSignIn><DocumentListPage /></RequireSignIn> }
);
lazy_route!(
    /// `/documents/:code`.
    DocumentDetailRoute, documents, document_detail_view,
    view! { <RequireSignIn><DocumentDetailPage /></RequireSignIn> }
);
lazy_route!(
    /// `/documents/upload`.
    UploadRoute, documents, upload_view,
    view! { <RequireSignIn><UploadPage /></RequireSignIn> }
);
lazy_route!(
    /// `/shared/:token`: public, for whoever was given a link to a citizen's document.
    // Nobody goes there from another page: they arrive from the link.
    SharedDocumentRoute, shared_document, shared_document_view,
    view! { <SharedDocumentPage /> }
);
lazy_route!(
    /// `/requests`.
    RequestListRoute, requests, request_list_view,
    view! { <RequireSignIn><RequestListPage /></RequireSignIn> }
);
lazy_route!(
    /// `/requests/new`.
    NewRequestRoute, requests, new_request_view,
    view! { <RequireSignIn><NewRequestPage /></RequireSignIn> }
);
lazy_route!(
    /// `/requests/:reference`.
    RequestDetailRoute, requests, request_detail_view,
    view! { <RequireSignIn><RequestDetailPage /></RequireSignIn> }
);

/// Has the browser fetch the chunks of the pages a citizen is likely to open next, once the
/// page is idle (nothing competes with the first screen), so that a page opened later does not
/// wait for the network: sign-in for a visitor (except where they would not sign in); for a
/// citizen, the signed-in pages, or on a metered or slow connection only the next one. Only
/// fetched into the browser's cache, not compiled: compiling a page's dozens of chunks is a
/// long task on a phone, paid when the page is opened rather than by every page that might
/// lead to it.
pub fn prefetch_likely_pages(signed_in: bool) {
    when_idle(move || {
        let chunks: &[&str] = if !signed_in {
            if is_signing_in() {
                // What signing in leads to: the app, and the record unless the connection
                // asks to be spared.
                if connection_is_frugal() {
                    &[APP_CHUNK]
                } else {
                    &[APP_CHUNK, RecordRoute::CHUNK]
                }
            } else if visitor_is_not_signing_in() {
                &[]
            } else {
                // Sign-in, which opens in the app.
                &[APP_CHUNK, SignInRoute::CHUNK]
            }
        } else if connection_is_frugal() {
            &[next_signed_in_page()]
        } else {
            &[
                RecordRoute::CHUNK,
                ShareRoute::CHUNK,
                DocumentListRoute::CHUNK,
                RequestListRoute::CHUNK,
                AccountRoute::CHUNK,
            ]
        };
        let on_screen = chunk_on_screen();
        for chunk in chunks.iter().filter(|&&chunk| Some(chunk) != on_screen) {
            prefetch_split(chunk);
        }
    });
}

#[wasm_bindgen(raw_module = "./__wasm_split.js")]
extern "C" {
    /// Fetches the files of split point `name` into the browser's cache (`<link
    /// rel="prefetch">`); added to wasm-split's link module by `xtask/src/wasm_build.rs`.
    #[wasm_bindgen(js_name = prefetchSplit)]
    fn prefetch_split(name: &str);
}

/// The chunk of the signed-in page on screen, which the router has loaded already.
fn chunk_on_screen() -> Option<&'static str> {
    let path = window().location().pathname().unwrap_or_default();
    [
        ("/record/share", ShareRoute::CHUNK),
        ("/record", RecordRoute::CHUNK),
        ("/documents", DocumentListRoute::CHUNK),
        ("/requests", RequestListRoute::CHUNK),
        ("/account", AccountRoute::CHUNK),
    ]
    .into_iter()
    .find(|(page, _)| path.starts_with(page))
    .map(|(_, chunk)| chunk)
}

/// Whether the visitor is on the sign-in page.
fn is_signing_in() -> bool {
    window()
        .location()
        .pathname()
        .is_ok_and(|path| path == "/sign-in")
}

/// Whether a visitor is on a page where signing in is not what comes next: a page a stranger
/// opens from a citizen's QR or link (`/verify`, `/shared/…`), who has no reason to sign in and
/// whose data is not ours to spend.
fn visitor_is_not_signing_in() -> bool {
    let path = window().location().pathname().unwrap_or_default();
    ["/verify", "/shared/"]
        .iter()
        .any(|page| path.starts_with(page))
}

/// The chunk of the signed-in page a citizen most likely opens next: the record (where signing
/// in leads by default), or from the record the next page of the navigation.
fn next_signed_in_page() -> &'static str {
    let path = window().location().pathname().unwrap_or_default();
    if path.starts_with("/record") {
        DocumentListRoute::CHUNK
    } else {
        RecordRoute::CHUNK
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
