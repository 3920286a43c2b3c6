//! The citizen's language: Vietnamese unless they chose English on this browser.
//!
//! The choice is kept in a cookie (a preference, not personal data), which the server reads
//! too: it answers a page rendered ahead of time in that language, so an English reader gets
//! English from the first paint. Written here in a few lines rather than with leptos_i18n's
//! cookie support, which brings the `cookie` and `time` crates (about 45 KB of wasm).

use leptos::prelude::*;
use leptos_i18n::{I18nContext, Locale as _};
use wasm_bindgen::JsCast;

use crate::i18n::Locale;

/// Where the choice is kept; the server reads the same name.
const COOKIE: &str = "portal_lang";
/// A year: the choice lasts, renewed with every change.
const COOKIE_MAX_AGE_SECONDS: u32 = 31_536_000;

/// The language to open in: the one chosen before on this browser, else Vietnamese. The
/// browser's own language list is not consulted: the portal speaks Vietnamese first, also on
/// a kiosk or a browser set to English.
///
/// A page rendered ahead of time is in the language put in context: by the renderer, or by
/// `start.rs` when the app takes over such a page, which the server chose by the same cookie.
/// The app then does not read `document.cookie` while it starts: a synchronous round trip to
/// the browser's cookie store, which took 2 to 14 ms of the app's first task in profiles of
/// `/sign-in`, and on a slow phone's CPU any of that is time the page cannot answer a tap.
pub fn saved_locale() -> Locale {
    if let Some(locale) = use_context::<Locale>() {
        return locale;
    }
    if is_server() {
        return Locale::default();
    }
    cookie_value(&html_document().cookie().unwrap_or_default(), COOKIE)
        .and_then(locale_from_tag)
        .unwrap_or_default()
}

/// The language a page is written in: its `<html lang>`, if the portal speaks it.
#[cfg(not(feature = "ssr"))]
pub fn page_locale() -> Option<Locale> {
    document()
        .document_element()?
        .get_attribute("lang")
        .as_deref()
        .and_then(locale_from_tag)
}

/// Follows the language: `<html lang>` always (for screen readers, hyphenation, translation
/// tools), and the cookie when the citizen changes it, unless `persist` says no: a kiosk
/// serves the next stranger in Vietnamese, not in the last citizen's choice.
pub fn remember_locale(i18n: I18nContext<Locale>, persist: impl Fn() -> bool + 'static) {
    Effect::new(move |previous: Option<Locale>| {
        let locale = i18n.get_locale();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", locale.as_str());
        }
        if previous.is_some_and(|previous| previous != locale) && persist() {
            // Secure wherever the page is: a browser drops a Secure cookie from plain HTTP
            // other than localhost, and a preference is no secret.
            let https = window().location().protocol().is_ok_and(|p| p == "https:");
            let _ = html_document().set_cookie(&format!(
                "{COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE_SECONDS}; SameSite=Strict{}",
                locale.as_str(),
                if https { "; Secure" } else { "" }
            ));
        }
        locale
    });
}

fn html_document() -> web_sys::HtmlDocument {
    document().unchecked_into()
}

/// The value of cookie `name` in `document.cookie`'s `a=1; b=2`.
fn cookie_value<'a>(cookies: &'a str, name: &str) -> Option<&'a str> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// The locale whose tag is `tag` exactly (`vi`, `en`), if the portal speaks it.
fn locale_from_tag(tag: &str) -> Option<Locale> {
    Locale::get_all()
        .iter()
        .copied()
        .find(|locale| locale.as_str() == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_the_default() {
        assert_eq!(Locale::default(), Locale::vi);
    }

    #[test]
    fn only_the_portals_languages_are_read_back() {
        assert_eq!(locale_from_tag("vi"), Some(Locale::vi));
        assert_eq!(locale_from_tag("en"), Some(Locale::en));
        assert_eq!(locale_from_tag("fr"), None);
        assert_eq!(locale_from_tag("EN"), None);
        assert_eq!(locale_from_tag(""), None);
    }

    #[test]
    fn the_choice_is_found_among_other_cookies() {
        assert_eq!(cookie_value("portal_lang=en", COOKIE), Some("en"));
        assert_eq!(cookie_value("a=1; portal_lang=vi; b=2", COOKIE), Some("vi"));
        assert_eq!(
            cookie_value("xportal_lang=en; portal_lang_old=en", COOKIE),
            None
        );
        assert_eq!(cookie_value("", COOKIE), None);
    }
}
