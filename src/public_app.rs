//! A public page started on its own: `/`, `/sign-in` or `/verify` as the first page of a
//! visit, without the router.
//!
//! These are the pages every visitor's first load pays for, and a stranger's who opens a QR.
//! Leptos's router is most of what the app's main module carries beyond Leptos itself (README,
//! "The first-load budget"), and a public page needs none of it: its links are plain links to
//! other pages rendered ahead of time. So the first load is this page, its contexts and its
//! layout; the router and the rest of the app (`App`) come in a chunk of their own
//! (`start.rs`), which takes this page's place as soon as the citizen is signed in: after
//! signing in here, or in another tab.

use leptos::{ev, prelude::*};
use leptos_router::LazyRoute;
use leptos_router::location::{BrowserUrl, LocationProvider};
use leptos_router::params::ParamsMap;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent};

use crate::app::{MAIN_ID, RenderSteps, drawn, layout_effects, provide_app_contexts};
use crate::components::{Footer, Header, OfflineBanner, SkipLink};
use crate::here::Here;
use crate::i18n::I18nSubContextProvider;
use crate::kiosk_keys::KioskKeys;
use crate::language::saved_locale;
use crate::lazy_routes::{SignInRoute, VerifyRoute};
use crate::pages::HomePage;
use crate::session::{Access, SessionContext};

/// The pages that start without the router when a visit begins on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicPage {
    Home,
    SignIn,
    Verify,
}

impl PublicPage {
    /// The page at `path`, if it is one of them.
    pub fn at(path: &str) -> Option<Self> {
        match path {
            "/" => Some(Self::Home),
            "/sign-in" => Some(Self::SignIn),
            "/verify" => Some(Self::Verify),
            _ => None,
        }
    }

    /// The page itself; sign-in and verify load their code first, as they do in the app.
    fn view(self) -> AnyView {
        match self {
            Self::Home => view! { <HomePage /> }.into_any(),
            Self::SignIn => {
                Suspend::new(SendWrapper::new(SignInRoute::view(SignInRoute))).into_any()
            }
            Self::Verify => {
                Suspend::new(SendWrapper::new(VerifyRoute::view(VerifyRoute))).into_any()
            }
        }
    }
}

/// How the app takes a public page's place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandOver {
    /// On the same address: the citizen turned out to be signed in.
    Here,
    /// On another address, in this one's place in the history: signed in here.
    Replacing(String),
    /// On another address, after this one in the history: a link followed.
    Following(String),
}

/// `page` with the layout every page shares, its markup the same as the app's. `to_app` hands
/// over to the app.
#[component]
pub fn PublicApp(page: PublicPage, to_app: Callback<HandOver>) -> impl IntoView {
    provide_app_contexts();
    let session = expect_context::<SessionContext>();
    let address = window().location();
    provide_context(Here::new(
        Signal::stored(address.pathname().unwrap_or_default()),
        Signal::stored(query_of(&address.href().unwrap_or_default())),
        Callback::new(move |path| to_app.run(HandOver::Replacing(path))),
    ));
    follow_links_in_the_app(to_app);
    // Signed in, in another tab or with a session this page did not know of: what a
    // signed-in citizen sees (their name, the idle timeout) is the app's.
    Effect::new(move |_| {
        if session.access() == Access::Allowed {
            to_app.run(HandOver::Here);
        }
    });
    let page_drawn = drawn(RenderSteps::PAGE);
    let waiting_drawn = drawn(RenderSteps::WAITING);

    view! {
        <I18nSubContextProvider initial_locale=saved_locale()>
            <PublicLayout />
            <SkipLink />
            <Header />
            <main id=MAIN_ID class="app-main" tabindex="-1">
                <div class="app-width-container">
                    <OfflineBanner />
                    {move || page_drawn.get().then(|| page.view())}
                </div>
            </main>
            <Footer />
            {move || waiting_drawn.get().then(|| view! { <KioskKeys /> }.into_any())}
        </I18nSubContextProvider>
    }
}

/// The layout's effects, inside the translations' context; draws nothing.
#[component]
fn PublicLayout() -> impl IntoView {
    layout_effects(true);
}

/// A link to another page of the portal opens it in the app, as the app's router would have:
/// without loading a page, so it works offline with the app's code fetched ahead, and the new
/// page's heading takes focus. Left to the browser, as the router leaves them: a click with a
/// modifier key or another button, a link to another site, to a download or to another
/// window, and a link within this page (the skip link).
fn follow_links_in_the_app(to_app: Callback<HandOver>) {
    let clicks = window_event_listener(ev::click, move |event: MouseEvent| {
        if event.default_prevented()
            || event.button() != 0
            || event.meta_key()
            || event.alt_key()
            || event.ctrl_key()
            || event.shift_key()
        {
            return;
        }
        let Some(link) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|link| link.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return;
        };
        let location = window().location();
        let elsewhere = link.has_attribute("download")
            || !matches!(link.target().as_str(), "" | "_self")
            || link.origin() != location.origin().unwrap_or_default();
        let same_page = link.pathname() == location.pathname().unwrap_or_default()
            && link.search() == location.search().unwrap_or_default();
        if elsewhere || same_page {
            return;
        }
        event.prevent_default();
        to_app.run(HandOver::Following(format!(
            "{}{}{}",
            link.pathname(),
            link.search(),
            link.hash()
        )));
    });
    on_cleanup(move || clicks.remove());
}

/// The decoded query of `address`, as the router would read it.
fn query_of(address: &str) -> ParamsMap {
    BrowserUrl::parse(address)
        .map(|url| url.search_params().clone())
        .unwrap_or_default()
}
