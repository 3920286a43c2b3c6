use leptos::{html::ElementType, prelude::*};
use wasm_bindgen::JsCast;

/// Moves focus to `node` as soon as it is in the page, so a screen reader announces what just
/// appeared (a result, the next step) and a keyboard user goes on from there. The element
/// needs `tabindex="-1"` unless it can take focus by itself.
pub fn use_focus_on_show<E>(node: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        if let Some(element) = node.get() {
            let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}
