use leptos::prelude::*;

use super::key::Key;
use super::layout::{DIGIT_ROW, LETTER_ROWS, SYMBOL_ROWS, tone_variants, upper_of};
use super::typing::Typing;
use crate::i18n::*;
use crate::text::tr;

/// The Vietnamese keyboard: the tone row, digits, three rows of letters (or symbols), and
/// shift, symbols, space and enter.
#[component]
pub fn LetterKeys(typing: Typing) -> impl IntoView {
    let i18n = use_i18n();
    let letter_key = move |letter: char| {
        let face = move || {
            let shown = if typing.shift.get() {
                upper_of(letter)
            } else {
                letter
            };
            shown.to_string()
        };
        view! { <Key on_press=Callback::new(move |()| typing.letter(letter))>{face}</Key> }
    };
    let row = move |letters: &'static str| {
        view! { <div class="app-keys__row">{letters.chars().map(letter_key).collect_view()}</div> }
    };
    view! {
        <ToneRow typing />
        <div class="app-keys__row">
            {DIGIT_ROW.chars().map(letter_key).collect_view()}
            <Key on_press=Callback::new(move |()| typing.delete()) wide=true>
                "⌫ "{tr(i18n, |l| td_string!(l, keys.delete))}
            </Key>
        </div>
        {move || {
            let rows = if typing.symbols.get() { SYMBOL_ROWS } else { LETTER_ROWS };
            rows.map(row).into_iter().collect_view()
        }}
        <div class="app-keys__row">
            <Key
                on_press=Callback::new(move |()| typing.shift.update(|on| *on = !*on))
                pressed=typing.shift
                wide=true
            >
                "⇧ "{tr(i18n, |l| td_string!(l, keys.shift))}
            </Key>
            <Key
                on_press=Callback::new(move |()| typing.symbols.update(|on| *on = !*on))
                pressed=typing.symbols
                wide=true
            >
                {tr(i18n, |l| td_string!(l, keys.symbols))}
            </Key>
            <Key on_press=Callback::new(move |()| typing.space()) wide=true>
                {tr(i18n, |l| td_string!(l, keys.space))}
            </Key>
            <Key on_press=Callback::new(move |()| typing.enter()) wide=true>
                "↵ "{tr(i18n, |l| td_string!(l, keys.enter))}
            </Key>
        </div>
    }
}

/// The tone marks of the vowel just typed, which replace it when touched: "a" then "á"
/// writes "á". Until a vowel is typed the row says so, and keeps its height, so that no key
/// moves under a finger.
#[component]
fn ToneRow(typing: Typing) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div
            class="app-keys__row app-keys__tones"
            role="group"
            aria-label=move || t_string!(i18n, keys.tones).to_owned()
        >
            {move || match typing.vowel.get().and_then(tone_variants) {
                Some(variants) => variants
                    .map(|toned| {
                        view! {
                            <Key on_press=Callback::new(move |()| typing.tone(toned))>
                                {toned.to_string()}
                            </Key>
                        }
                    })
                    .into_iter()
                    .collect_view()
                    .into_any(),
                None => view! {
                    <p class="app-keys__hint">{tr(i18n, |l| td_string!(l, keys.tones_hint))}</p>
                }
                .into_any(),
            }}
        </div>
    }
}
