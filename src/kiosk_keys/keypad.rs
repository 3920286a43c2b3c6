use leptos::prelude::*;

use super::key::Key;
use super::layout::group_digits;
use super::typing::Typing;
use crate::i18n::*;
use crate::text::tr;

/// The numeric keypad, laid out as on a phone, with the digits typed so far read back in
/// groups (`001 085 012 345`), so a citizen checks them against their card at a glance.
#[component]
pub fn Keypad(
    typing: Typing,
    /// A secret field is not read back.
    secret: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let digit = move |digit: char| {
        view! { <Key on_press=Callback::new(move |()| typing.letter(digit))>{digit.to_string()}</Key> }
    };
    view! {
        {(!secret).then(|| view! {
            <p class="app-keys__readout">
                <span class="app-visually-hidden">{tr(i18n, |l| td_string!(l, keys.typed))}": "</span>
                {move || group_digits(&typing.value.get())}
            </p>
        })}
        <div class="app-keys__pad">
            {"123456789".chars().map(digit).collect_view()}
            <Key on_press=Callback::new(move |()| typing.clear())>
                {tr(i18n, |l| td_string!(l, keys.clear))}
            </Key>
            {digit('0')}
            <Key on_press=Callback::new(move |()| typing.delete())>
                "⌫ "{tr(i18n, |l| td_string!(l, keys.delete))}
            </Key>
        </div>
        <div class="app-keys__row">
            <Key on_press=Callback::new(move |()| typing.enter()) wide=true>
                "↵ "{tr(i18n, |l| td_string!(l, keys.enter))}
            </Key>
        </div>
    }
}
