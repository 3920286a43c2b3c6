//! Pages rendered ahead of time (`dist/prerendered/<lang>/<page>.html`, written by the app's
//! build): the address of such a page is answered with it, in the language the citizen chose
//! (the app's `portal_lang` cookie, Vietnamese without it), instead of `index.html`'s shell.
//! A request with a session cookie gets the frame of the page as a signed-in citizen sees it
//! (`signed-in/`), where the build wrote one: the header with a place for the citizen's
//! name, so that it does not grow when the app learns who is signed in.

use axum::http::{HeaderMap, header};
use portal_api::SESSION_COOKIE;

/// The folder the build writes them to, under `dist/`.
const FOLDER: &str = "/prerendered";
/// The app's language cookie (`src/language.rs`).
const LANGUAGE_COOKIE: &str = "portal_lang";
/// The languages pages are rendered in; the first is the default.
const LANGUAGES: &[&str] = &["vi", "en"];
/// A route's own segment that the build renders once for every value (`/shared/_`).
const ANY_SEGMENT: &str = "_";
/// The folder of the signed-in frames, in each language's folder.
const SIGNED_IN: &str = "/signed-in";

/// The files that may hold the page at `path` (a route of the app, not a file), in order.
pub fn candidates(path: &str, request: &HeaderMap) -> Vec<String> {
    let language = language(request);
    let route = if path == "/index.html" || path == "/" {
        "/index"
    } else {
        path.trim_end_matches('/')
    };
    // Whether the session is still valid is for the app to find out; most are.
    let states: &[&str] = if cookie(request, SESSION_COOKIE).is_some() {
        &[SIGNED_IN, ""]
    } else {
        &[""]
    };
    let mut files = Vec::new();
    for state in states {
        files.push(format!("{FOLDER}/{language}{state}{route}.html"));
        if let Some((parent, last)) = route.rsplit_once('/')
            && !parent.is_empty()
            && !last.is_empty()
        {
            files.push(format!(
                "{FOLDER}/{language}{state}{parent}/{ANY_SEGMENT}.html"
            ));
        }
    }
    files
}

/// The language the citizen chose, from the request's cookies.
fn language(request: &HeaderMap) -> &'static str {
    cookie(request, LANGUAGE_COOKIE)
        .and_then(|value| LANGUAGES.iter().copied().find(|l| *l == value))
        .unwrap_or(LANGUAGES[0])
}

/// The value of the cookie `name`, if the request carries it, not empty.
fn cookie<'a>(request: &'a HeaderMap, name: &str) -> Option<&'a str> {
    request
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(key, value)| (key == name && !value.is_empty()).then_some(value))
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

    #[test]
    fn a_session_cookie_asks_for_the_signed_in_frame_first() {
        let cookie = format!("portal_lang=en; {SESSION_COOKIE}=abc");
        assert_eq!(
            candidates("/record", &with_cookie(&cookie)),
            [
                "/prerendered/en/signed-in/record.html",
                "/prerendered/en/record.html"
            ]
        );
        // An emptied cookie is no session.
        assert_eq!(
            candidates("/record", &with_cookie(&format!("{SESSION_COOKIE}="))),
            ["/prerendered/vi/record.html"]
        );
    }
}
