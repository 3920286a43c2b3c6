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

/// `n` with its thousands marked as the locale writes them: "10.000" in Vietnamese,
/// "10,000" in English.
pub fn grouped(n: u32, locale: Locale) -> String {
    let mark = match locale {
        Locale::vi => '.',
        Locale::en => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_marked_as_each_language_writes_them() {
        assert_eq!(grouped(7, Locale::vi), "7");
        assert_eq!(grouped(999, Locale::vi), "999");
        assert_eq!(grouped(10_000, Locale::vi), "10.000");
        assert_eq!(grouped(1_234_567, Locale::en), "1,234,567");
    }
}
