//! The field the on-screen keys type into: any text input or text area of any page, edited
//! the way the browser edits it (at the caret, replacing a selection), and then announced with
//! an `input` event, so the page's own `bind:value` or `on:input` takes the new value as if
//! the citizen had typed it. The pages need no change to be typed into by touch.

use wasm_bindgen::JsCast;
use web_sys::{
    Event, EventInit, EventTarget, HtmlElement, HtmlInputElement, HtmlTextAreaElement,
    ScrollIntoViewOptions, ScrollLogicalPosition, SelectionMode,
};

/// Where the field's own `inputmode` is kept while the keys hold it at `none`.
const KEPT_INPUTMODE: &str = "data-keys-inputmode";
/// The `inputmode` that keeps the device's own keyboard away while the keys are open.
const HELD_INPUTMODE: &str = "none";

/// Which keys a field needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// A numeric keypad: the personal identification number, a phone number, a code.
    Digits,
    /// The Vietnamese keyboard: letters with their tone marks, digits and symbols.
    Letters,
}

#[derive(Clone, PartialEq)]
enum Element {
    Input(HtmlInputElement),
    Area(HtmlTextAreaElement),
}

/// A text input or text area being typed into.
#[derive(Clone, PartialEq)]
pub struct EditedField(Element);

/// Calls the same method on either kind of element: they share the text-editing interface.
macro_rules! on_either {
    ($field:expr, $element:ident => $call:expr) => {
        match &$field.0 {
            Element::Input($element) => $call,
            Element::Area($element) => $call,
        }
    };
}

impl EditedField {
    /// The field `target` is, if keys can type into it: a text-like input or a text area,
    /// neither read-only nor disabled.
    pub fn of(target: &EventTarget) -> Option<Self> {
        if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
            let typed = matches!(
                input.type_().as_str(),
                "text" | "password" | "tel" | "search" | "email" | "url"
            );
            (typed && !input.read_only() && !input.disabled())
                .then(|| Self(Element::Input(input.clone())))
        } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
            (!area.read_only() && !area.disabled()).then(|| Self(Element::Area(area.clone())))
        } else {
            None
        }
    }

    fn element(&self) -> &HtmlElement {
        on_either!(self, e => e.unchecked_ref())
    }

    /// Whether `target` is this field.
    pub fn is(&self, target: &EventTarget) -> bool {
        let element: &EventTarget = self.element().unchecked_ref();
        element == target
    }

    /// The keys the field asks for: a keypad where the page asked for digits (its
    /// `inputmode`, or a phone number's input type), the keyboard otherwise.
    pub fn keys(&self) -> Keys {
        let mode = self.own_inputmode().unwrap_or_default();
        let tel = matches!(&self.0, Element::Input(input) if input.type_() == "tel");
        if tel || matches!(mode.as_str(), "numeric" | "tel" | "decimal") {
            Keys::Digits
        } else {
            Keys::Letters
        }
    }

    /// Whether the field holds a password, which is never read back on the keys.
    pub fn is_secret(&self) -> bool {
        // The show-password button makes it a text input; the autocomplete token stays.
        matches!(&self.0, Element::Input(input)
            if input.type_() == "password"
                || input.autocomplete().ends_with("password")
                || input.name() == "password")
    }

    /// The text in the field.
    pub fn value(&self) -> String {
        on_either!(self, e => e.value())
    }

    /// Tells the device's own keyboard to stay away (`inputmode="none"`) while the on-screen
    /// keys are open, keeping the field's own mode for [`Self::give_back`].
    pub fn take_over(&self) {
        let element = self.element();
        let own = self.own_inputmode().unwrap_or_default();
        let _ = element.set_attribute(KEPT_INPUTMODE, &own);
        let _ = element.set_attribute("inputmode", HELD_INPUTMODE);
    }

    /// Gives the field back to the device's own keyboard.
    pub fn give_back(&self) {
        let element = self.element();
        let _ = match self.own_inputmode() {
            Some(own) => element.set_attribute("inputmode", &own),
            None => element.remove_attribute("inputmode"),
        };
        let _ = element.remove_attribute(KEPT_INPUTMODE);
    }

    /// The `inputmode` the page gave the field. While the keys hold the field, it is kept
    /// aside, unless the page has changed the field since: with the views' types erased,
    /// Leptos draws a form's next view into the same elements where their types match
    /// (README, "The first-load budget"), and then what the page wrote last is the field's own.
    fn own_inputmode(&self) -> Option<String> {
        let element = self.element();
        let current = element.get_attribute("inputmode");
        match element.get_attribute(KEPT_INPUTMODE) {
            Some(kept) if current.as_deref() == Some(HELD_INPUTMODE) => {
                (!kept.is_empty()).then_some(kept)
            }
            _ => current,
        }
    }

    /// Scrolls the field into the part of the window the keys leave free (the page's
    /// `scroll-padding` is the keys' height while they are open).
    pub fn reveal(&self) {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Nearest);
        self.element()
            .scroll_into_view_with_scroll_into_view_options(&options);
    }

    /// Puts the focus back in the field (after a key that a keyboard or switch user reached
    /// by moving the focus).
    pub fn focus(&self) {
        let _ = self.element().focus();
    }

    /// Where the selection starts and ends, in UTF-16 units as the browser counts them.
    fn selection(&self) -> (u32, u32) {
        let end_of_text = self.value().encode_utf16().count() as u32;
        let (start, end) = on_either!(self, e => (e.selection_start(), e.selection_end()));
        let start = start.ok().flatten().unwrap_or(end_of_text);
        let end = end.ok().flatten().unwrap_or(start);
        (start.min(end), end.max(start))
    }

    /// Replaces the text between `start` and `end` by `text`, the caret after it.
    fn replace(&self, start: u32, end: u32, text: &str) {
        // The two interfaces name the same call differently.
        let _ = match &self.0 {
            Element::Input(input) => input.set_range_text_with_start_and_end_and_selection_mode(
                text,
                start,
                end,
                SelectionMode::End,
            ),
            Element::Area(area) => {
                area.set_range_text_with_start_and_end_and_mode(text, start, end, "end")
            }
        };
        self.announce();
    }

    /// Types `text` at the caret, over the selection if there is one.
    pub fn insert(&self, text: &str) {
        let (start, end) = self.selection();
        self.replace(start, end, text);
    }

    /// The letter just before the caret, when nothing is selected.
    pub fn letter_before_caret(&self) -> Option<char> {
        let (start, end) = self.selection();
        if start != end {
            return None;
        }
        let units: Vec<u16> = self.value().encode_utf16().take(start as usize).collect();
        String::from_utf16_lossy(&units).chars().last()
    }

    /// Replaces the letter just before the caret by `letter` (a vowel by the same vowel with
    /// a tone mark).
    pub fn replace_letter_before_caret(&self, letter: char) {
        let Some(before) = self.letter_before_caret() else {
            return self.insert(&letter.to_string());
        };
        let (caret, _) = self.selection();
        let start = caret - before.len_utf16() as u32;
        self.replace(start, caret, &letter.to_string());
    }

    /// Deletes the selection, or the letter before the caret.
    pub fn delete_back(&self) {
        let (start, end) = self.selection();
        if start != end {
            return self.replace(start, end, "");
        }
        if let Some(before) = self.letter_before_caret() {
            self.replace(start - before.len_utf16() as u32, start, "");
        }
    }

    /// Empties the field.
    pub fn clear(&self) {
        let length = self.value().encode_utf16().count() as u32;
        self.replace(0, length, "");
    }

    /// What the Enter key does: a new line in a text area; in an input, sends its form the
    /// way pressing Enter would (through its submit handler, with its checks).
    pub fn enter(&self) {
        match &self.0 {
            Element::Area(_) => self.insert("\n"),
            Element::Input(input) => {
                if let Some(form) = input.form() {
                    let _ = form.request_submit();
                }
            }
        }
    }

    /// Tells the page the value changed, as typing does.
    fn announce(&self) {
        let init = EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = Event::new_with_event_init_dict("input", &init) {
            let _ = self.element().dispatch_event(&event);
        }
    }
}
