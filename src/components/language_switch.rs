use leptos::prelude::*;

use crate::i18n::*;

/// Switches between Tiếng Việt (the default) and English. The choice is kept in a cookie and
/// sets `<html lang>`; each option is named in its own language, marked with `lang` so a
/// screen reader pronounces it right, and the current one is pressed.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div
            class="app-language-switch"
            role="group"
            aria-label=move || t_string!(i18n, language.label)
        >
            <LanguageOption locale=Locale::vi />
            <LanguageOption locale=Locale::en />
        </div>
    }
}

/// One language of the switch.
#[component]
fn LanguageOption(
    /// The language this option chooses.
    locale: Locale,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = move || match locale {
        Locale::vi => t_string!(i18n, language.vi),
        Locale::en => t_string!(i18n, language.en),
    };
    view! {
        <button
            type="button"
            class="app-language-switch__option"
            lang=locale.as_str()
            aria-pressed=move || (i18n.get_locale() == locale).to_string()
            on:click=move |_| i18n.set_locale(locale)
        >
            {name}
        </button>
    }
}
