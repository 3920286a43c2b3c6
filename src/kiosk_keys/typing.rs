//! What the keys do: the field they type into, and the keyboard's own state (shift, the
//! symbol rows, the vowel whose tone marks are offered).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::field::EditedField;
use super::layout::{tone_variants, upper_of};

/// The attribute on `<html>` while the keys are open; the stylesheet leaves their height
/// free below the page (`--keys-height`), so no field is ever under them.
const OPEN_MARK: &str = "data-keys-open";
/// The custom property that holds the room left for the keys.
const ROOM: &str = "--keys-height";

/// The keys' state, shared by every key.
#[derive(Clone, Copy)]
pub struct Typing {
    field: RwSignal<Option<EditedField>, LocalStorage>,
    /// Capitals for the next letter.
    pub shift: RwSignal<bool>,
    /// The symbol rows instead of the letters.
    pub symbols: RwSignal<bool>,
    /// The vowel just typed, whose tone marks the tone row offers.
    pub vowel: RwSignal<Option<char>>,
    /// The field's text, for the keypad's read-back.
    pub value: RwSignal<String>,
}

impl Typing {
    pub fn new() -> Self {
        Self {
            field: RwSignal::new_local(None),
            shift: RwSignal::new(false),
            symbols: RwSignal::new(false),
            vowel: RwSignal::new(None),
            value: RwSignal::new(String::new()),
        }
    }

    /// The field the keys are open for, tracking it.
    pub fn field(self) -> Option<EditedField> {
        self.field.get()
    }

    /// Whether the keys are closed.
    pub fn is_closed(self) -> bool {
        self.field.with_untracked(Option::is_none)
    }

    fn current(self) -> Option<EditedField> {
        self.field.get_untracked()
    }

    /// Whether the keys are open for `target`.
    pub fn is_open_for(self, target: &web_sys::EventTarget) -> bool {
        self.field
            .with_untracked(|field| field.as_ref().is_some_and(|f| f.is(target)))
    }

    /// Opens the keys for `field`, from a fresh start.
    pub fn open(self, field: EditedField) {
        if self.current().as_ref() == Some(&field) {
            return;
        }
        if let Some(previous) = self.current() {
            previous.give_back();
        }
        field.take_over();
        self.value.set(field.value());
        self.shift.set(false);
        self.symbols.set(false);
        self.vowel.set(None);
        self.field.set(Some(field));
    }

    /// Closes the keys; the field keeps the focus. The room left for them stays until the
    /// page changes: a touch on a button that closes them must not move the page between
    /// the finger going down and coming up, or the button would miss its own tap.
    pub fn close(self) {
        if let Some(field) = self.current() {
            field.give_back();
        }
        self.field.set(None);
    }

    /// Leaves the page room for keys `height` pixels high (never less than it already
    /// leaves, for the same reason), and brings the field into the room that is left.
    pub fn make_room(self, height: i32) {
        leave_room(height);
        if let Some(field) = self.current() {
            field.reveal();
        }
    }

    /// Hands the field to the device's own keyboard, where there is one.
    pub fn use_device_keyboard(self) {
        let field = self.current();
        self.close();
        if let Some(field) = field {
            // A keyboard that shows on focus only comes when the focus arrives anew.
            if let Some(active) = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = active.blur();
            }
            field.focus();
        }
    }

    /// Follows the field's text after it changed (by a key, or by a physical keyboard).
    pub fn refresh(self) {
        if let Some(field) = self.current() {
            self.value.set(field.value());
        }
    }

    /// Types a letter, a digit or a symbol, in capitals once if shift is on.
    pub fn letter(self, letter: char) {
        let Some(field) = self.current() else { return };
        let letter = if self.shift.get_untracked() {
            upper_of(letter)
        } else {
            letter
        };
        field.insert(&letter.to_string());
        self.shift.set(false);
        self.vowel.set(tone_variants(letter).map(|_| letter));
    }

    /// Puts a tone mark on the vowel just typed: `toned` replaces it.
    pub fn tone(self, toned: char) {
        let Some(field) = self.current() else { return };
        if self.vowel.get_untracked().is_some()
            && field.letter_before_caret() == self.vowel.get_untracked()
        {
            field.replace_letter_before_caret(toned);
        } else {
            field.insert(&toned.to_string());
        }
        self.vowel.set(None);
    }

    pub fn space(self) {
        self.text(" ");
    }

    fn text(self, text: &str) {
        if let Some(field) = self.current() {
            field.insert(text);
        }
        self.vowel.set(None);
    }

    pub fn delete(self) {
        if let Some(field) = self.current() {
            field.delete_back();
        }
        self.vowel.set(None);
    }

    pub fn clear(self) {
        if let Some(field) = self.current() {
            field.clear();
        }
        self.vowel.set(None);
    }

    pub fn enter(self) {
        self.vowel.set(None);
        if let Some(field) = self.current() {
            field.enter();
        }
    }
}

fn root_element() -> Option<web_sys::HtmlElement> {
    document()
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// The page ends `height` pixels further down, or more if it already did.
fn leave_room(height: i32) {
    let Some(root) = root_element() else { return };
    let style = root.style();
    let left = style
        .get_property_value(ROOM)
        .ok()
        .and_then(|value| value.trim_end_matches("px").parse::<i32>().ok())
        .unwrap_or(0);
    let _ = root.set_attribute(OPEN_MARK, "");
    // Through the CSS object model, which a strict style-src allows.
    let _ = style.set_property(ROOM, &format!("{}px", height.max(left)));
}

/// The page ends where it ends again: on a new page, or when the keys go away for good.
pub fn forget_room() {
    if let Some(root) = root_element() {
        let _ = root.remove_attribute(OPEN_MARK);
        let _ = root.style().remove_property(ROOM);
    }
}
