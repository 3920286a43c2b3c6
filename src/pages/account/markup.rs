//! A few plain functions that build elements with the browser's DOM, for the account page's
//! lists.
//!
//! Why not `view!`: every distinct view tree is its own type, and the view library compiles its
//! rendering code once per type. The two lists written with `view!` cost 7 KB brotli, which
//! the first-load budget (200 KiB, shared by every citizen on a slow phone) did not have;
//! these functions cost a fraction of that. Text goes in with `textContent`, never as HTML,
//! so a device name the server copied from a browser's User-Agent cannot inject markup.

use leptos::prelude::document;
use web_sys::Element;

/// A new `<tag class="class">`, empty; no class attribute when `class` is empty.
pub fn element(tag: &str, class: &str) -> Option<Element> {
    let element = document().create_element(tag).ok()?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    Some(element)
}

/// A new `<tag class="class">text</tag>`, appended to `parent`.
pub fn append_text(parent: &Element, tag: &str, class: &str, text: &str) -> Option<Element> {
    let child = element(tag, class)?;
    child.set_text_content(Some(text));
    parent.append_child(&child).ok()?;
    Some(child)
}

/// A new empty `<tag class="class">`, appended to `parent`.
pub fn append(parent: &Element, tag: &str, class: &str) -> Option<Element> {
    let child = element(tag, class)?;
    parent.append_child(&child).ok()?;
    Some(child)
}
