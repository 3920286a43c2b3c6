//! Starting the app in the page the server sent.
//!
//! That page is either `index.html`'s static shell (header, loading state, footer), which the
//! app replaces at once, or a public page rendered ahead of time (`prerender.rs`), marked
//! `data-prerendered`. Such a page is already what the citizen came for, and they may be
//! typing in it: the app renders its own page off screen and takes its place only once that
//! page is there (its heading rendered), in one task, carrying over what was typed and where
//! the cursor was. A form sent or a button pressed before then is noted by `boot.js`, and
//! sent or pressed again now.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlTextAreaElement};

use crate::app::{App, RenderSteps};
use crate::i18n::Locale;
use crate::language::page_locale;
use crate::session::{SIGNED_IN_MARK, SignedInFrame};
use crate::sign_out;

/// The element of `index.html` that holds the page the app takes over.
const ROOT_ID: &str = "app";
/// The mark of a page rendered ahead of time.
const PRERENDERED: &str = "data-prerendered";
/// Set by `boot.js` on `<html>` when a form was sent before the app started: its index.
const EARLY_SUBMIT: &str = "data-early-submit";
/// Set by `boot.js` on `<html>` when a button was pressed before the app started: its index
/// among the page's buttons.
const EARLY_CLICK: &str = "data-early-click";
/// Told to `boot.js` once the app's own page is on screen.
const STARTED_EVENT: &str = "portal-started";
/// How long the pre-rendered page may stay at most (animation frames, about 10 s): a page that
/// never renders a heading (a chunk that cannot be fetched) is shown as it is.
const MAX_FRAMES: u32 = 600;

/// Mounts the app into the page.
pub fn start() {
    let Some(root) = document()
        .get_element_by_id(ROOT_ID)
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
    else {
        leptos::mount::mount_to_body(App);
        return;
    };
    if !root.has_attribute(PRERENDERED) {
        // Emptied and filled in the same task, so the browser never paints the gap; the app
        // renders the same header and footer markup, so nothing moves.
        root.set_inner_html("");
        leptos::mount::mount_to(root, App).forget();
        started();
        return;
    }
    let Ok(fresh) = document().create_element("div") else {
        return;
    };
    let Ok(fresh) = fresh.dyn_into::<HtmlElement>() else {
        return;
    };
    // A signed-in page's frame: its page asks for its data at once, beside the session check.
    // Not when a sign-out has not reached the server yet: that cookie must not fetch anything.
    let frame = root.get_attribute(PRERENDERED).as_deref() == Some(SIGNED_IN_MARK)
        && !sign_out::is_unfinished();
    let locale = page_locale();
    // In a task of its own: the page is already on screen, and the browser compiles each
    // function of the app the first time it runs, so rendering in the same task as the
    // module's start makes one long task of both, in which a tap waits.
    set_timeout(
        move || render_off_screen(root, fresh, frame, locale),
        std::time::Duration::ZERO,
    );
}

/// Renders the app into `fresh`, off screen, in the pre-rendered page's language, and takes
/// `root`'s place once its page is there.
fn render_off_screen(root: HtmlElement, fresh: HtmlElement, frame: bool, locale: Option<Locale>) {
    let steps = RenderSteps::new();
    leptos::mount::mount_to(fresh.clone(), move || {
        if frame {
            provide_context(SignedInFrame);
        }
        if let Some(locale) = locale {
            provide_context(locale);
        }
        provide_context(steps);
        view! { <App /> }
    })
    .forget();
    steps.go_on();
    // Not before the pre-rendered page has been painted once: where the app arrives before the
    // first paint (a fast connection), swapping in the same frame would paint the page late.
    request_animation_frame(move || {
        set_timeout(
            move || take_over_when_ready(root, fresh, 0),
            std::time::Duration::ZERO,
        );
    });
}

/// Swaps the pre-rendered page for the app's once the app's page has its heading.
fn take_over_when_ready(root: HtmlElement, fresh: HtmlElement, frames: u32) {
    let ready = fresh.query_selector("main h1").ok().flatten().is_some();
    if !ready && frames < MAX_FRAMES {
        request_animation_frame(move || take_over_when_ready(root, fresh, frames + 1));
        return;
    }
    let focused = focused_field(&root);
    carry_over_fields(&root, &fresh);
    root.remove_attribute(PRERENDERED).ok();
    let nodes = js_sys::Array::new();
    let children = fresh.child_nodes();
    for index in 0..children.length() {
        if let Some(node) = children.get(index) {
            nodes.push(&node);
        }
    }
    root.replace_children_with_node(&nodes);
    if let Some((id, selection)) = focused {
        refocus(&id, selection);
    }
    started();
}

/// Tells `boot.js`, and presses the button or sends the form the citizen pressed or sent
/// before the app was there.
fn started() {
    if let Ok(event) = web_sys::Event::new(STARTED_EVENT) {
        let _ = document().dispatch_event(&event);
    }
    if let Some(index) = take_early(EARLY_CLICK)
        && let Ok(buttons) = document().query_selector_all("button")
        && let Some(button) = buttons
            .get(index)
            .and_then(|button| button.dyn_into::<HtmlElement>().ok())
    {
        button.click();
    }
    if let Some(index) = take_early(EARLY_SUBMIT)
        && let Some(form) = document()
            .forms()
            .item(index)
            .and_then(|form| form.dyn_into::<HtmlFormElement>().ok())
    {
        let _ = form.request_submit();
    }
}

/// The index `boot.js` noted under `attribute` on `<html>`, removed as it is read.
fn take_early(attribute: &str) -> Option<u32> {
    let html = document().document_element()?;
    let index = html.get_attribute(attribute)?.parse().ok();
    let _ = html.remove_attribute(attribute);
    index
}

/// What the citizen typed or chose in the pre-rendered page (a field whose value is no longer
/// the one it was rendered with), put into the app's fields of the same id, each announced
/// with the event the app listens to.
fn carry_over_fields(from: &HtmlElement, to: &HtmlElement) {
    let Ok(fields) = from.query_selector_all("input[id], textarea[id]") else {
        return;
    };
    for index in 0..fields.length() {
        let Some(old) = fields
            .get(index)
            .and_then(|node| node.dyn_into::<Element>().ok())
        else {
            continue;
        };
        let Ok(Some(new)) = to.query_selector(&format!("#{}", old.id())) else {
            continue;
        };
        if let (Some(old), Some(new)) = (
            old.dyn_ref::<HtmlInputElement>(),
            new.dyn_ref::<HtmlInputElement>(),
        ) {
            // Only what the citizen changed: a frame's empty search box is not an answer
            // to the app's, which reads the search from the address.
            if matches!(old.type_().as_str(), "checkbox" | "radio") {
                if old.checked() != old.default_checked() && old.checked() != new.checked() {
                    new.set_checked(old.checked());
                    announce(new, "change");
                }
            } else if old.value() != old.default_value() && old.value() != new.value() {
                new.set_value(&old.value());
                announce(new, "input");
            }
        } else if let (Some(old), Some(new)) = (
            old.dyn_ref::<HtmlTextAreaElement>(),
            new.dyn_ref::<HtmlTextAreaElement>(),
        ) && old
            .default_value()
            .is_ok_and(|rendered| old.value() != rendered)
            && old.value() != new.value()
        {
            new.set_value(&old.value());
            announce(new, "input");
        }
    }
}

/// Fires `kind` on `element` as the browser would after the citizen's own change.
fn announce(element: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
        let _ = element.dispatch_event(&event);
    }
}

/// The id of the field in `root` that has focus, with its selection.
fn focused_field(root: &HtmlElement) -> Option<(String, Option<(u32, u32)>)> {
    let active = document().active_element()?;
    if !root.contains(Some(&active)) || active.id().is_empty() {
        return None;
    }
    let selection = active
        .dyn_ref::<HtmlInputElement>()
        .and_then(|input| Some((input.selection_start().ok()??, input.selection_end().ok()??)));
    Some((active.id(), selection))
}

/// Gives focus back to the app's element of that id, with the same selection.
fn refocus(id: &str, selection: Option<(u32, u32)>) {
    let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let _ = element.focus();
    if let (Some(input), Some((start, end))) = (element.dyn_ref::<HtmlInputElement>(), selection) {
        let _ = input.set_selection_range(start, end);
    }
}
