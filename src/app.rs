//! The router and the layout every page shares.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::components::{
    ActivityWatch, Footer, Header, OfflineBanner, RequireSignIn, SkipLink, TimeoutWarning,
    provide_heading_focus,
};
use crate::config::{ConfigContext, provide_config_context};
use crate::i18n::{I18nSubContextProvider, use_i18n};
use crate::language::{remember_locale, saved_locale};
use crate::pages::{
    AccountPage, DocumentDetailPage, DocumentListPage, HomePage, NewRequestPage, NotFoundPage,
    RecordPage, RequestDetailPage, RequestListPage, SignInPage,
};
use crate::session::provide_session_context;

/// The id of the main landmark: the skip link's target.
pub const MAIN_ID: &str = "main";

/// The whole app: runtime configuration, session and translations around the layout.
#[component]
pub fn App() -> impl IntoView {
    let config = provide_config_context();
    provide_session_context(config);
    provide_heading_focus();

    // The sub-context provider is the one that takes a starting language; the main provider
    // would pick it from the browser's language list or a cookie.
    view! {
        <I18nSubContextProvider initial_locale=saved_locale()>
            <Layout />
        </I18nSubContextProvider>
    }
}

/// The router and the layout every page shares. Its markup is the same as the static shell
/// in `index.html`, which the app replaces when it starts.
#[component]
fn Layout() -> impl IntoView {
    let config = expect_context::<ConfigContext>();
    remember_locale(use_i18n(), move || !config.current().kiosk);

    view! {
        <Router>
            <SkipLink />
            <Header />
            <main id=MAIN_ID class="app-main" tabindex="-1">
                <div class="app-width-container">
                    <OfflineBanner />
                    <Routes fallback=|| view! { <NotFoundPage /> }>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/sign-in") view=SignInPage />
                        <Route
                            path=path!("/account")
                            view=|| view! { <RequireSignIn><AccountPage /></RequireSignIn> }
                        />
                        <Route
                            path=path!("/record")
                            view=|| view! { <RequireSignIn><RecordPage /></RequireSignIn> }
                        />
                        <Route
                            path=path!("/documents")
                            view=|| {
                                view! { <RequireSignIn><DocumentListPage /></RequireSignIn> }
                            }
                        />
                        <Route
                            path=path!("/documents/:code")
                            view=|| {
                                view! { <RequireSignIn><DocumentDetailPage /></RequireSignIn> }
                            }
                        />
                        <Route
                            path=path!("/requests")
                            view=|| {
                                view! { <RequireSignIn><RequestListPage /></RequireSignIn> }
                            }
                        />
                        <Route
                            path=path!("/requests/new")
                            view=|| view! { <RequireSignIn><NewRequestPage /></RequireSignIn> }
                        />
                        <Route
                            path=path!("/requests/:reference")
                            view=|| {
                                view! { <RequireSignIn><RequestDetailPage /></RequireSignIn> }
                            }
                        />
                    </Routes>
                </div>
            </main>
            <Footer />
            <TimeoutWarning />
            <ActivityWatch />
        </Router>
    }
}
