//! Starting the app in the page the server sent.
//!
//! That page is either `index.html`'s static shell (header, loading state, footer), which the
//! app replaces at once, or a page rendered ahead of time (`prerender.rs`), marked
//! `data-prerendered`. Such a page is already what the citizen came for, and they may be
//! typing in it: the app renders its own page off screen and takes its place only once that
//! page is there (its heading rendered), in one task, carrying over what was typed and where
//! the cursor was. A form sent or a button pressed before then is noted by `boot.js`, and
//! sent or pressed again now.
//!
//! A visit that begins on a public page (`/`, `/sign-in`, `/verify`) starts that page without
//! the router (`public_app.rs`); every other page starts the whole app, whose code (`App`, the
//! router, the signed-in layout) is a chunk of its own, `lazy_routes::APP_CHUNK`. A public page hands over
//! to the app once the citizen is signed in, the same way: off screen, then in its place.

use std::any::Any;
use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlTextAreaElement};

use crate::api::ApiError;
use crate::app::{App, RenderSteps};
use crate::components::{ErrorNotice, provide_heading_shown};
use crate::i18n::{I18nSubContextProvider, Locale};
use crate::language::{page_locale, saved_locale};
use crate::lazy_routes::ChunkNotLoaded;
use crate::public_app::{HandOver, PublicApp, PublicPage};
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
/// The mark of the element a public page is rendered into off screen.
const PUBLIC_MARK: &str = "data-public";
/// How long the pre-rendered page may stay at most (animation frames, about 10 s): a page that
/// never renders a heading (a chunk that cannot be fetched) is shown as it is.
const MAX_FRAMES: u32 = 600;

thread_local! {
    /// The public page on screen, until the app takes its place.
    static PUBLIC_PAGE: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
    /// Whether the app has been asked to take the public page's place.
    static HANDED_OVER: Cell<bool> = const { Cell::new(false) };
    /// Whether the app's heading takes focus once it is on screen: rendered off screen, it
    /// could not take it then.
    static FOCUS_HEADING: Cell<bool> = const { Cell::new(false) };
}

/// What starts in the page.
#[derive(Clone, Copy)]
enum Starting {
    /// A public page, without the router.
    Public(PublicPage),
    /// The app; `frame` if the page is a signed-in page's frame.
    App { frame: bool },
}

/// How the app is mounted.
struct AppStart {
    /// The page is a signed-in page's frame: its page asks for its data at once.
    frame: bool,
    /// The language of the page it takes over.
    locale: Option<Locale>,
    /// Drawn in steps, taking over a pre-rendered page.
    steps: Option<RenderSteps>,
    /// What the element holds goes (the static shell), in the task the app is drawn in.
    replace: bool,
    /// The address the app starts on: a public page's hand-over changes it only once the app's
    /// code is there, so that a failure leaves the citizen where they were. Another address
    /// than this one is another page of the visit, whose heading takes focus.
    address: HandOver,
}

/// Mounts the app into the page.
pub fn start() {
    let Some(root) = document()
        .get_element_by_id(ROOT_ID)
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let prerendered = root.get_attribute(PRERENDERED);
    let frame = prerendered.as_deref() == Some(SIGNED_IN_MARK);
    let path = window().location().pathname().unwrap_or_default();
    let starting = match PublicPage::at(&path) {
        Some(page) if !frame => Starting::Public(page),
        // A signed-in page's frame asks for its data at once, beside the session check; not
        // when a sign-out has not reached the server yet: that cookie must not fetch anything.
        _ => Starting::App {
            frame: frame && !sign_out::is_unfinished(),
        },
    };
    if prerendered.is_none() {
        // Emptied and filled in the same task, so the browser never paints the gap; the app
        // renders the same header and footer markup, so nothing moves.
        match starting {
            Starting::Public(page) => {
                root.set_inner_html("");
                mount_public(root.clone(), root, page, None);
                started();
            }
            Starting::App { .. } => {
                let start = AppStart {
                    frame: false,
                    locale: None,
                    steps: None,
                    replace: true,
                    address: HandOver::Here,
                };
                wasm_bindgen_futures::spawn_local(async move {
                    match mount_app(root.clone(), start).await {
                        Ok(()) => started(),
                        Err(ChunkNotLoaded) => show_not_loaded(&root, None),
                    }
                });
            }
        }
        return;
    }
    let locale = page_locale();
    // In a task of its own: the page is already on screen, and the browser compiles each
    // function of the app the first time it runs, so rendering in the same task as the
    // module's start makes one long task of both, in which a tap waits.
    set_timeout(
        move || render_off_screen(root, starting, locale),
        std::time::Duration::ZERO,
    );
}

/// The whole app, mounted into `into`: the split point of `lazy_routes::APP_CHUNK`.
#[wasm_split(app, wasm_split_path = ::leptos::wasm_split, fallible)]
fn mount_app(into: HtmlElement, start: AppStart) -> Result<(), ChunkNotLoaded> {
    let history = window().history();
    let _ = match &start.address {
        HandOver::Here => Ok(()),
        HandOver::Replacing(path) => history
            .and_then(|history| history.replace_state_with_url(&JsValue::NULL, "", Some(path))),
        HandOver::Following(path) => {
            history.and_then(|history| history.push_state_with_url(&JsValue::NULL, "", Some(path)))
        }
    };
    if start.replace {
        into.set_inner_html("");
    }
    leptos::mount::mount_to(into, move || {
        if start.frame {
            provide_context(SignedInFrame);
        }
        if let Some(locale) = start.locale {
            provide_context(locale);
        }
        if let Some(steps) = start.steps {
            provide_context(steps);
        }
        if start.address != HandOver::Here {
            provide_heading_shown();
        }
        view! { <App /> }
    })
    .forget();
    Ok(())
}

/// Mounts public page `page` into `into`; `root` is the element it will be shown in.
fn mount_public(
    into: HtmlElement,
    root: HtmlElement,
    page: PublicPage,
    steps: Option<RenderSteps>,
) {
    let to_app = Callback::new(move |how: HandOver| hand_over(root.clone(), how));
    let handle = leptos::mount::mount_to(into, move || {
        if let Some(steps) = steps {
            provide_context(steps);
        }
        if let Some(locale) = page_locale() {
            provide_context(locale);
        }
        view! { <PublicApp page to_app /> }
    });
    PUBLIC_PAGE.with(|public| *public.borrow_mut() = Some(Box::new(handle)));
}

/// Renders what starts into `fresh`, off screen, in the pre-rendered page's language, and takes
/// `root`'s place once its page is there.
fn render_off_screen(root: HtmlElement, starting: Starting, locale: Option<Locale>) {
    let Some(fresh) = new_element() else {
        return;
    };
    let steps = RenderSteps::new();
    match starting {
        Starting::Public(page) => {
            let _ = fresh.set_attribute(PUBLIC_MARK, "");
            mount_public(fresh.clone(), root.clone(), page, Some(steps));
            steps.go_on();
            take_over_after_paint(root, fresh);
        }
        Starting::App { frame } => {
            let start = AppStart {
                frame,
                locale,
                steps: Some(steps),
                replace: false,
                address: HandOver::Here,
            };
            wasm_bindgen_futures::spawn_local(async move {
                match mount_app(fresh.clone(), start).await {
                    Ok(()) => {
                        steps.go_on();
                        take_over_after_paint(root, fresh);
                    }
                    Err(ChunkNotLoaded) => show_not_loaded(&root, None),
                }
            });
        }
    }
}

/// The app in the public page's place, on the address `how` says. Once only.
fn hand_over(root: HtmlElement, how: HandOver) {
    if HANDED_OVER.replace(true) {
        return;
    }
    let Some(fresh) = new_element() else {
        return;
    };
    let moves = how != HandOver::Here;
    let retry_at = match &how {
        HandOver::Here => None,
        HandOver::Replacing(path) | HandOver::Following(path) => Some(path.clone()),
    };
    let start = AppStart {
        frame: false,
        locale: page_locale(),
        steps: None,
        replace: false,
        address: how,
    };
    wasm_bindgen_futures::spawn_local(async move {
        match mount_app(fresh.clone(), start).await {
            Ok(()) => {
                FOCUS_HEADING.set(moves);
                take_over_when_ready(root, fresh, 0);
            }
            // The public page stays, and says so; the citizen may try again.
            Err(ChunkNotLoaded) => {
                HANDED_OVER.set(false);
                show_not_loaded(&root, retry_at);
            }
        }
    });
}

/// Whether `fresh` holds the public page and the app has been asked to take its place before
/// it was shown: the app's page goes on screen, not this one.
fn is_public_page_too_late(fresh: &HtmlElement) -> bool {
    HANDED_OVER.get() && fresh.has_attribute(PUBLIC_MARK)
}

/// A `<div>` to render into, off screen.
fn new_element() -> Option<HtmlElement> {
    document().create_element("div").ok()?.dyn_into().ok()
}

/// Takes `root`'s place with `fresh` once the pre-rendered page has been painted once: where
/// the app arrives before the first paint (a fast connection), swapping in the same frame would
/// paint the page late.
fn take_over_after_paint(root: HtmlElement, fresh: HtmlElement) {
    request_animation_frame(move || {
        set_timeout(
            move || take_over_when_ready(root, fresh, 0),
            std::time::Duration::ZERO,
        );
    });
}

/// Where the app's code could not be fetched: the page's header and footer stay, with the
/// network message and a retry in its main area, which loads `retry_at` (the page the
/// citizen was going to), or this page again.
fn show_not_loaded(root: &HtmlElement, retry_at: Option<String>) {
    let Some(area) = root
        .query_selector("main .app-width-container")
        .ok()
        .flatten()
        .and_then(|area| area.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    area.set_inner_html("");
    let locale = page_locale();
    leptos::mount::mount_to(area, move || {
        if let Some(locale) = locale {
            provide_context(locale);
        }
        let on_retry = move |()| {
            let location = window().location();
            let _ = match &retry_at {
                Some(path) => location.assign(path),
                None => location.reload(),
            };
        };
        view! {
            <I18nSubContextProvider initial_locale=saved_locale()>
                <ErrorNotice error=ApiError::Network on_retry />
            </I18nSubContextProvider>
        }
    })
    .forget();
}

/// Swaps the pre-rendered page for the app's once the app's page has its heading.
fn take_over_when_ready(root: HtmlElement, fresh: HtmlElement, frames: u32) {
    if is_public_page_too_late(&fresh) {
        return;
    }
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
    if HANDED_OVER.get() {
        // Its effects end with it.
        PUBLIC_PAGE.with(|public| public.borrow_mut().take());
    }
    if FOCUS_HEADING.take()
        && let Ok(Some(heading)) = root.query_selector("main h1")
        && let Ok(heading) = heading.dyn_into::<HtmlElement>()
    {
        let _ = heading.focus();
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
