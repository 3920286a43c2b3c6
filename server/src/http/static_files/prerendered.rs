//! Pages rendered ahead of time (`dist/prerendered/<lang>/<page>.html`, written by the app's
//! build): the address of such a page is answered with it, in the language the citizen chose
//! (the app's `portal_lang` cookie, Vietnamese without it), instead of `index.html`'s shell.

use axum::http::{HeaderMap, header};

/// The folder the build writes them to, under `dist/`.
const FOLDER: &str = "/prerendered";
/// The app's language cookie (`src/language.rs`).
const LANGUAGE_COOKIE: &str = "portal_lang";
/// The languages pages are rendered in; the first is the default.
const LANGUAGES: &[&str] = &["vi", "en"];
/// A route's own segment that the build renders once for every value (`/shared/_`).
const ANY_SEGMENT: &str = "_";

/// The files that may hold the page at `path` (a route of the app, not a file), in order.
pub fn candidates(path: &str, request: &HeaderMap) -> Vec<String> {
    let language = language(request);
    let route = if path == "/index.html" || path == "/" {
        "/index"
    } else {
        path.trim_end_matches('/')
    };
    let mut files = vec![format!("{FOLDER}/{language}{route}.html")];
    if let Some((parent, last)) = route.rsplit_once('/')
        && !parent.is_empty()
        && !last.is_empty()
    {
        files.push(format!("{FOLDER}/{language}{parent}/{ANY_SEGMENT}.html"));
    }
    files
}

/// The language the citizen chose, from the request's cookies.
fn language(request: &HeaderMap) -> &'static str {
    request
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(name, value)| {
            (name == LANGUAGE_COOKIE)
                .then(|| LANGUAGES.iter().copied().find(|l| *l == value))
                .flatten()
        })
        .unwrap_or(LANGUAGES[0])
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn with_cookie(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(cookie).unwrap());
        headers
    }

    #[test]
    fn a_page_is_looked_for_in_the_chosen_language() {
        assert_eq!(
            candidates("/sign-in", &HeaderMap::new()),
            ["/prerendered/vi/sign-in.html"]
        );
        assert_eq!(
            candidates("/index.html", &with_cookie("a=1; portal_lang=en")),
            ["/prerendered/en/index.html"]
        );
        assert_eq!(
            candidates("/shared/abc", &with_cookie("portal_lang=fr")),
            [
                "/prerendered/vi/shared/abc.html",
                "/prerendered/vi/shared/_.html"
            ]
        );
    }
}
