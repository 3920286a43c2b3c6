//! Where the citizen is, and how a page sends them on, for the parts of a page that a public
//! page also uses when it starts without the router (`public_app.rs`): the app's layout gives
//! them from the router, a public page from its address.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;

/// The address the page shows, and the way to another.
#[derive(Clone, Copy)]
pub struct Here {
    /// The address's path.
    pub path: Signal<String>,
    /// The address's query, decoded.
    pub query: Signal<ParamsMap>,
    /// Shows another page in place of this one, which leaves no step in the history.
    replace: Callback<String>,
}

impl Here {
    pub fn new(path: Signal<String>, query: Signal<ParamsMap>, replace: Callback<String>) -> Self {
        Self {
            path,
            query,
            replace,
        }
    }

    /// Shows `path` in place of this page (after signing in: the page the citizen came for).
    pub fn replace_with(self, path: String) {
        self.replace.run(path);
    }
}

/// The [`Here`] the page was given.
pub fn use_here() -> Here {
    expect_context()
}

/// Gives the router's address to what `children` render.
#[component]
pub fn HereFromRouter(children: Children) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let navigate = leptos_router::hooks::use_navigate();
    provide_context(Here::new(
        location.pathname.into(),
        location.query.into(),
        Callback::new(move |path: String| {
            navigate(
                &path,
                leptos_router::NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }),
    ));
    children()
}
