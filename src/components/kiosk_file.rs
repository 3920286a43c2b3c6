//! A citizen's file on a shared kiosk: shown in a frame of the portal's own origin and
//! printed from there, never saved, since a download would stay on the kiosk's disk for the
//! next stranger to find.

use leptos::html::Iframe;
use leptos::prelude::*;

use crate::i18n::*;
use crate::text::tr;

/// Prints what `frame` shows (the file), not the page around it.
pub fn print_frame(frame: NodeRef<Iframe>) {
    if let Some(window) = frame.get().and_then(|frame| frame.content_window()) {
        let _ = window.print();
    }
}

/// "View" and the file's name, which shows it on the screen: a PDF in a frame, with "Print
/// this file" beside it; a picture as a picture, named by its file name (a picture alone in a
/// frame is the browser's own page, without a text alternative, styled inline against the
/// file's strict policy). Made only when asked for: a hidden one would fetch the file for
/// nothing.
#[component]
pub fn KioskFile(
    /// Where the file is; the server shows it inline in a kiosk session.
    src: String,
    /// Its name as the citizen's device had it.
    file_name: String,
    /// Its content type, as the server judged it: a PDF, a JPEG or a PNG.
    content_type: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let frame = NodeRef::<Iframe>::new();
    let picture = content_type.starts_with("image/");
    let name = file_name.clone();
    let shown = move || {
        let src = src.clone();
        if picture {
            view! { <img class="app-kiosk-picture" src=src alt=name.clone() /> }.into_any()
        } else {
            view! {
                <p class="app-body">
                    <button type="button" class="app-button app-button--secondary" on:click=move |_| print_frame(frame)>
                        {tr(i18n, |l| td_string!(l, documents.print_file))}
                    </button>
                </p>
                <iframe class="app-document-preview" src=src node_ref=frame
                    title=move || t_string!(i18n, documents.preview_label)></iframe>
            }
            .into_any()
        }
    };
    view! {
        <button type="button" class="app-button app-button--secondary"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            on:click=move |_| open.update(|open| *open = !*open)>
            {tr(i18n, |l| td_string!(l, documents.kiosk_view_file))} " " {file_name}
        </button>
        {move || open.get().then(shown.clone())}
    }
}
