use leptos::{ev, html::Section, prelude::*};
use wasm_bindgen::JsCast;
use web_sys::{EventTarget, Node};

use super::field::{EditedField, Keys};
use super::key::Key;
use super::keypad::Keypad;
use super::letters::LetterKeys;
use super::typing::{Typing, forget_room};
use crate::here::use_here;
use crate::i18n::*;
use crate::text::tr;

/// The keys, docked at the bottom of the screen while a text field has the focus: the keypad
/// for a field of digits, the keyboard for any other. A region of its own for screen readers,
/// named for what it is; every key is a button named by its face.
#[component]
pub fn OnScreenKeys() -> impl IntoView {
    let i18n = use_i18n();
    let typing = Typing::new();
    let root = NodeRef::<Section>::new();

    let inside_keys = move |target: &EventTarget| {
        root.get_untracked()
            .is_some_and(|keys| keys.contains(target.dyn_ref::<Node>()))
    };
    // The focus decides: a text field opens the keys for it, anything else closes them, and
    // the keys themselves (reached by a keyboard or a switch) keep them as they are.
    let focus = window_event_listener(ev::focusin, move |event| {
        let Some(target) = event.target() else { return };
        if inside_keys(&target) {
            return;
        }
        match EditedField::of(&target) {
            Some(field) => typing.open(field),
            None => typing.close(),
        }
    });
    // A touch on the field opens them again after "hide".
    let touch = window_event_listener(ev::click, move |event| {
        if typing.is_closed()
            && let Some(field) = event.target().as_ref().and_then(EditedField::of)
        {
            typing.open(field);
        }
    });
    let input = window_event_listener(ev::input, move |event| {
        if event.target().is_some_and(|t| typing.is_open_for(&t)) {
            typing.refresh();
        }
    });
    on_cleanup(move || {
        focus.remove();
        touch.remove();
        input.remove();
        typing.close();
        forget_room();
    });

    // Once drawn (and again when the keypad gives way to the keyboard), the page leaves the
    // keys' height free and the field scrolls into what is left.
    Effect::new(move |_| {
        let keys = typing.field().map(|field| field.keys());
        request_animation_frame(move || {
            if let Some(keys) = keys.and(root.get_untracked()) {
                typing.make_room(keys.offset_height());
            }
        });
    });
    // A new page starts without them.
    let here = use_here();
    Effect::new(move |shown: Option<String>| {
        let path = here.path.get();
        if shown.is_some_and(|shown| shown != path) {
            typing.close();
            forget_room();
        }
        path
    });

    view! {
        <Show when=move || typing.field().is_some()>
            <section
                class="app-keys"
                node_ref=root
                aria-label=move || match typing.field().map(|f| f.keys()) {
                    Some(Keys::Digits) => t_string!(i18n, keys.keypad_label).to_owned(),
                    _ => t_string!(i18n, keys.keyboard_label).to_owned(),
                }
            >
                <div class="app-keys__inner">
                    {move || typing.field().map(|field| match field.keys() {
                        Keys::Digits => view! { <Keypad typing secret=field.is_secret() /> }.into_any(),
                        Keys::Letters => view! { <LetterKeys typing /> }.into_any(),
                    })}
                    <div class="app-keys__row app-keys__row--tools">
                        <Key on_press=Callback::new(move |()| typing.close()) wide=true>
                            {tr(i18n, |l| td_string!(l, keys.hide))}
                        </Key>
                        <Key on_press=Callback::new(move |()| typing.use_device_keyboard()) wide=true>
                            {tr(i18n, |l| td_string!(l, keys.device_keyboard))}
                        </Key>
                    </div>
                </div>
            </section>
        </Show>
    }
}
