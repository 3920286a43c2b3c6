//! [`tr`]: a translated text in a view.
//!
//! `tr(i18n, |l| td_string!(l, key))` makes a closure of its own type for every text, and the view library
//! compiles its rendering code once per type: with a hundred texts that is tens of kilobytes
//! of wasm. Every `tr` returns the same closure type, so that code is compiled once, and the
//! text itself is a plain function from the locale to a string.

use leptos_i18n::I18nContext;

use crate::i18n::Locale;

/// The text `text` gives for the current locale, following the language switch.
///
/// ```ignore
/// view! { <p>{tr(i18n, |l| td_string!(l, sign_in.signed_out))}</p> }
/// ```
pub fn tr(
    i18n: I18nContext<Locale>,
    text: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || text(i18n.get_locale())
}
