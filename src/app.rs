//! The router and the layout every page shares.

use leptos::prelude::*;
use leptos_router::{
    Lazy,
    components::{FlatRoutes, Route, Router},
    path,
};

use crate::api::{Api, ApiHooks};
use crate::components::{
    ActivityWatch, Footer, Header, OfflineBanner, PageLoadingBar, SkipLink, TimeoutWarning,
    provide_heading_focus,
};
use crate::config::{ConfigContext, mark_deployment, provide_config_context};
use crate::here::HereFromRouter;
use crate::i18n::{I18nSubContextProvider, use_i18n};
use crate::kiosk_keys::KioskKeys;
use crate::language::{remember_locale, saved_locale};
use crate::lazy_routes::{
    AccessLogRoute, AccountRoute, DocumentDetailRoute, DocumentListRoute, NewRequestRoute,
    RecordRoute, RequestDetailRoute, RequestListRoute, ShareRoute, SharedDocumentRoute,
    SignInRoute, UploadRoute, VerifyRoute, prefetch_likely_pages,
};
use crate::pages::{HomePage, NotFoundPage};
use crate::session::{Access, SessionContext, provide_session_context};

/// The id of the main landmark: the skip link's target.
pub const MAIN_ID: &str = "main";

/// The whole app: runtime configuration, session and translations around the layout.
#[component]
pub fn App() -> impl IntoView {
    provide_app_contexts();
    // The sub-context provider is the one that takes a starting language; the main provider
    // would pick it from the browser's language list or a cookie.
    view! {
        <I18nSubContextProvider initial_locale=saved_locale()>
            <Layout />
        </I18nSubContextProvider>
    }
}

/// What every page needs around it, in the app and in a public page started on its own
/// (`public_app.rs`): the runtime configuration, the session, the API client and the heading
/// focus.
pub fn provide_app_contexts() {
    let config = provide_config_context();
    let session = provide_session_context(config);
    // What the API client tells the app: its answers are the citizen's activity, and a 401
    // means the session has ended, whichever page or task asked.
    provide_context(Api::new(
        config,
        Some(ApiHooks {
            answered: Callback::new(move |()| session.note_activity()),
            signed_out: Callback::new(move |()| session.mark_signed_out()),
        }),
    ));
    provide_heading_focus();
}

/// What the layout does besides drawing, in the app and in a public page started on its own
/// (`public`: which leaves a signed-in citizen's pages to the app that takes its place).
pub fn layout_effects(public: bool) {
    let config = expect_context::<ConfigContext>();
    // Only once the configuration has said this is no kiosk: a choice made in the moment
    // before it arrives must not outlive the citizen on a kiosk.
    remember_locale(use_i18n(), move || config.known_not_kiosk());
    mark_deployment(config);
    prefetch_once_session_is_known(public);
}

/// The router and the layout every page shares. Its markup is the same as the static shell
/// in `index.html`, which the app replaces when it starts.
#[component]
fn Layout() -> impl IntoView {
    layout_effects(false);
    // True while the router fetches a page's chunk; the current page stays until it is there.
    let (loading_page, set_loading_page) = signal(false);
    let page_drawn = drawn(RenderSteps::PAGE);
    let waiting_drawn = drawn(RenderSteps::WAITING);

    view! {
        <Router set_is_routing=set_loading_page>
          <HereFromRouter>
            <PageLoadingBar loading=loading_page />
            <SkipLink />
            <Header />
            <main id=MAIN_ID class="app-main" tabindex="-1">
                <div class="app-width-container">
                    <OfflineBanner />
                    // FlatRoutes, not Routes: no page here nests another, and the nested
                    // router's matching costs 11 KB brotli more of the first load.
                    {move || page_drawn.get().then(|| view! {
                    <FlatRoutes fallback=|| view! { <NotFoundPage /> }>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/sign-in") view={Lazy::<SignInRoute>::new()} />
                        <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} />
                        <Route path=path!("/record") view={Lazy::<RecordRoute>::new()} />
                        <Route
                            path=path!("/record/access-log")
                            view={Lazy::<AccessLogRoute>::new()}
                        />
                        <Route path=path!("/record/share") view={Lazy::<ShareRoute>::new()} />
                        <Route path=path!("/verify") view={Lazy::<VerifyRoute>::new()} />
                        <Route path=path!("/documents") view={Lazy::<DocumentListRoute>::new()} />
                        <Route path=path!("/documents/upload") view={Lazy::<UploadRoute>::new()} />
                        <Route
                            path=path!("/documents/:code")
                            view={Lazy::<DocumentDetailRoute>::new()}
                        />
                        <Route
                            path=path!("/shared/:token")
                            view={Lazy::<SharedDocumentRoute>::new()}
                        />
                        <Route path=path!("/requests") view={Lazy::<RequestListRoute>::new()} />
                        <Route path=path!("/requests/new") view={Lazy::<NewRequestRoute>::new()} />
                        <Route
                            path=path!("/requests/:reference")
                            view={Lazy::<RequestDetailRoute>::new()}
                        />
                    </FlatRoutes>
                    }.into_any())}
                </div>
            </main>
            <Footer />
            {move || waiting_drawn.get().then(|| view! {
                <KioskKeys />
                <TimeoutWarning />
                <ActivityWatch />
            }.into_any())}
          </HereFromRouter>
        </Router>
    }
}

/// The app's first render in steps, each in a task of its own, where it renders off screen
/// (`start.rs`): the layout, then the page, then what only waits for the citizen (the kiosk's
/// keys, the idle timeout). The browser compiles each wasm function the first time it runs,
/// and in one task the whole first render was a long one (120-180 ms on a phone-speed CPU,
/// two thirds of it compiling), in which a tap on the pre-rendered page waits. Without this
/// context (the static shell, which the app replaces in the task it renders in) everything is
/// drawn at once.
#[derive(Clone, Copy)]
pub struct RenderSteps(RwSignal<u8>);

impl RenderSteps {
    /// The step on which the page is drawn.
    pub const PAGE: u8 = 1;
    /// The step on which what waits for the citizen is drawn; the last.
    pub const WAITING: u8 = 2;

    /// Before the first step: only the layout is drawn.
    #[cfg(not(feature = "ssr"))]
    pub fn new() -> Self {
        Self(RwSignal::new(0))
    }

    /// Draws the next step in a task of its own, and so on to the last.
    #[cfg(not(feature = "ssr"))]
    pub fn go_on(self) {
        set_timeout(
            move || {
                let next = self.0.get_untracked() + 1;
                self.0.set(next);
                if next < Self::WAITING {
                    self.go_on();
                }
            },
            std::time::Duration::ZERO,
        );
    }
}

/// Whether step `step` of the first render is drawn (always, without [`RenderSteps`]); it
/// changes once, from false to true.
pub fn drawn(step: u8) -> Memo<bool> {
    let steps = use_context::<RenderSteps>();
    Memo::new(move |_| steps.is_none_or(|steps| steps.0.get() >= step))
}

/// Once the first session check has answered, fetches the chunks of the pages the citizen is
/// likely to open next (see `lazy_routes`), so a page opened later does not wait for them;
/// for a visitor only if `visitors_only`.
fn prefetch_once_session_is_known(visitors_only: bool) {
    let session = expect_context::<SessionContext>();
    let done = StoredValue::new(None::<bool>);
    Effect::new(move |_| {
        let signed_in = match session.access() {
            Access::Allowed if visitors_only => return,
            Access::Allowed => true,
            Access::SignInFirst => false,
            Access::Pending | Access::Failed(_) => return,
        };
        if done.get_value() != Some(signed_in) {
            done.set_value(Some(signed_in));
            prefetch_likely_pages(signed_in);
        }
    });
}
