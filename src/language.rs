//! The citizen's language: Vietnamese unless they chose English on this browser.
//!
//! The choice is kept in local storage (a preference, not personal data) rather than in
//! leptos_i18n's cookie: its cookie support brings the `cookie` and `time` crates, about
//! 45 KB of wasm, to store two letters.

use leptos::prelude::*;
use leptos_i18n::{I18nContext, Locale as _};

use crate::i18n::Locale;

/// Where the choice is kept.
const STORAGE_KEY: &str = "portal.language";

/// The language to open in: the one chosen before on this browser, else Vietnamese. The
/// browser's own language list is not consulted: the portal speaks Vietnamese first, also on
/// a kiosk or a browser set to English.
pub fn saved_locale() -> Locale {
    local_storage()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|tag| locale_from_tag(&tag))
        .unwrap_or_default()
}

/// Follows the language: `<html lang>` always (for screen readers, hyphenation, translation
/// tools), and storage when the citizen changes it, unless `persist` says no: a kiosk serves
/// the next stranger in Vietnamese, not in the last citizen's choice.
pub fn remember_locale(i18n: I18nContext<Locale>, persist: impl Fn() -> bool + 'static) {
    Effect::new(move |previous: Option<Locale>| {
        let locale = i18n.get_locale();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", locale.as_str());
        }
        if previous.is_some_and(|previous| previous != locale)
            && persist()
            && let Some(storage) = local_storage()
        {
            let _ = storage.set_item(STORAGE_KEY, locale.as_str());
        }
        locale
    });
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
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
}
