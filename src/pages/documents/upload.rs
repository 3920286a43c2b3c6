//! `/documents/upload`: the citizen adds a PDF bearing their own digital signature to the data
//! store. The shared rules refuse a missing name or category, a file over 10 MB or one that is
//! not a PDF before anything is sent; the server then checks the signature against the file.
//! The bar shows how much has gone (a 10 MB file takes minutes on a slow phone line), and
//! "cancel" or leaving the page stops it; the server keeps nothing of an unfinished upload.

use leptos::{html::H2, prelude::*};
use portal_api::documents::{DocumentCategory, DocumentDetail};
use portal_api::upload::UploadForm;
use send_wrapper::SendWrapper;
use web_sys::File;

use super::words::category_text;
use crate::api::{self, Api, ApiError, use_api};
use crate::components::PageHeading;
use crate::forms::{
    ErrorSummary, FieldProblem, FileField, SelectField, TextField, in_form_order, problem_of,
};
use crate::hooks::use_focus_on_show;
use crate::i18n::*;
use crate::text::tr;

/// The form's fields in the order the error summary lists them.
const FIELDS: [&str; 3] = ["name", "category", "file"];

/// Where the upload stands.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Sending {
    /// Nothing on its way.
    Idle,
    /// This share of the file has gone (0 to 1).
    Sent(f64),
    /// All sent; the server is checking the signature.
    Checking,
    /// The citizen cancelled; nothing was stored.
    Cancelled,
}

/// The upload page.
#[component]
pub fn UploadPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let name = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    // The browser's `File` is not `Send`; the app has one thread, so the wrapper holds.
    let file = RwSignal::new(None::<SendWrapper<File>>);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let general = RwSignal::new(None::<ApiError>);
    let sending = RwSignal::new(Sending::Idle);
    let stored = RwSignal::new(None::<DocumentDetail>);
    // Each upload runs in an owner of its own under the page's, so "cancel" can end it
    // (which aborts the request) without leaving the page, and leaving ends it too.
    let page = StoredValue::new(Owner::current().unwrap_or_default());
    let current = StoredValue::new(None::<Owner>);
    let busy = move || matches!(sending.get(), Sending::Sent(_) | Sending::Checking);

    // The write goes through an action, whose `pending` covers the checks as well as the
    // sending, so a second press meanwhile starts nothing.
    let upload = Action::new_local(move |_: &()| {
        let owner = page.with_value(|page| page.with(Owner::new));
        current.set_value(Some(owner.clone()));
        let form = UploadScreen {
            name,
            category,
            file,
            problems,
            general,
            sending,
            stored,
        };
        // Scoped to the upload's owner while it runs, so the request's cleanup (its abort)
        // is registered there and the session context is found through it.
        owner.with(|| ScopedFuture::new(form.send(api)))
    });
    let pending = upload.pending();

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        general.set(None);
        upload.dispatch(());
    };
    let cancel = move |_| {
        if let Some(owner) = current.get_value() {
            // Cleaning the upload's owner aborts its request.
            owner.cleanup();
        }
        sending.set(Sending::Cancelled);
    };
    let another = move |_| {
        stored.set(None);
        sending.set(Sending::Idle);
        name.set(String::new());
        category.set(String::new());
        file.set(None);
    };

    view! {
        <p class="app-back-link"><a class="app-link" href="/documents">{tr(i18n, |l| td_string!(l, documents.back))}</a></p>
        <PageHeading title=move || t_string!(i18n, page.upload.title).to_owned() />
        {move || match stored.get() {
            Some(document) => view! { <Stored document on_another=another /> }.into_any(),
            None => view! {
                <p class="app-lead">{tr(i18n, |l| td_string!(l, upload.intro))}</p>
                <ErrorSummary problems general />
                <form class="app-form" on:submit=submit novalidate=true>
                    <TextField
                        id="name"
                        label=|l| td_string!(l, upload.name_label)
                        hint=|l| td_string!(l, upload.name_hint)
                        value=name
                        error=problem_of(problems, "name")
                    />
                    <SelectField
                        id="category"
                        label=|l| td_string!(l, upload.category_label)
                        first=|l| td_string!(l, upload.choose)
                        options=Signal::derive(move || category_options(i18n.get_locale()))
                        value=category
                        error=problem_of(problems, "category")
                    />
                    <FileField
                        label=|l| td_string!(l, upload.file_label)
                        hint=|l| td_string!(l, upload.file_hint)
                        accept="application/pdf,.pdf"
                        file
                        error=problem_of(problems, "file")
                    />
                    <Progress sending />
                    <div class="app-button-group">
                        <button type="submit" class="app-button" aria-disabled=move || busy().then_some("true")>
                            {tr(i18n, |l| td_string!(l, upload.submit))}
                        </button>
                        {move || busy().then(|| view! {
                            <button type="button" class="app-button app-button--secondary" on:click=cancel>
                                {tr(i18n, |l| td_string!(l, upload.cancel))}
                            </button>
                        })}
                    </div>
                </form>
            }.into_any(),
        }}
    }
}

/// What the upload page shows: the form as filled, and where the upload stands.
#[derive(Clone, Copy)]
struct UploadScreen {
    /// The name typed.
    name: RwSignal<String>,
    /// The category chosen, by its wire name.
    category: RwSignal<String>,
    /// The file chosen (the browser's `File` is not `Send`; the app has one thread).
    file: RwSignal<Option<SendWrapper<File>>>,
    /// Fields to fix.
    problems: RwSignal<Vec<FieldProblem>>,
    /// A problem of the whole upload.
    general: RwSignal<Option<ApiError>>,
    /// Where the upload stands.
    sending: RwSignal<Sending>,
    /// The document stored, once it is.
    stored: RwSignal<Option<DocumentDetail>>,
}

impl UploadScreen {
    /// Checks the form with the shared rules and, if it passes, sends the file, following
    /// its progress in `sending`; the answer goes to `stored`, `problems` or `general`.
    async fn send(self, api: Api) {
        let chosen = self.file.get_untracked();
        let facts = match &chosen {
            Some(file) => Some(api::upload::facts_of(file).await),
            None => None,
        };
        let (typed_name, chosen_category) =
            (self.name.get_untracked(), self.category.get_untracked());
        let form = UploadForm {
            name: &typed_name,
            category: &chosen_category,
            file: facts,
        };
        let category = match form.validate() {
            Ok(category) => category,
            Err(fields) => {
                self.problems.set(in_form_order(&FIELDS, &fields));
                return;
            }
        };
        // The rules refuse a missing file, so there is one here.
        let Some(file) = chosen else { return };
        self.problems.set(Vec::new());
        self.sending.set(Sending::Sent(0.0));
        let upload = api::upload::Upload {
            name: typed_name.trim().to_owned(),
            category,
            file: file.take(),
        };
        let answer = api::upload::upload(api, &upload, move |share| {
            self.sending.set(if share >= 1.0 {
                Sending::Checking
            } else {
                Sending::Sent(share)
            });
        })
        .await;
        // A cancelled upload ends here too, aborted: "cancelled" is its whole answer. So does
        // one whose page has gone (its signals with it: hence `try_`, the one read here).
        if self
            .sending
            .try_get_untracked()
            .is_none_or(|now| now == Sending::Cancelled)
        {
            return;
        }
        self.sending.set(Sending::Idle);
        match answer {
            Ok(document) => self.stored.set(Some(document)),
            Err(ApiError::Validation(fields) | ApiError::Conflict(fields))
                if !fields.is_empty() =>
            {
                self.problems.set(in_form_order(&FIELDS, &fields));
            }
            Err(error) => self.general.set(Some(error)),
        }
    }
}

/// The categories a citizen may file an upload under: each wire name with its words.
fn category_options(locale: Locale) -> Vec<(String, String)> {
    DocumentCategory::ALL
        .into_iter()
        .map(|category| {
            (
                category.as_str().to_owned(),
                category_text(locale, category).to_owned(),
            )
        })
        .collect()
}

/// How far the upload is, as a bar and in words for screen readers.
#[component]
fn Progress(
    /// Where it stands.
    sending: RwSignal<Sending>,
) -> impl IntoView {
    let i18n = use_i18n();
    let percent = move || match sending.get() {
        Sending::Sent(share) => Some((share * 100.0).floor() as u32),
        Sending::Checking => Some(100),
        Sending::Idle | Sending::Cancelled => None,
    };
    view! {
        <div class="app-upload-progress" role="status">
            {move || match sending.get() {
                Sending::Idle => None,
                Sending::Cancelled => Some(view! {
                    <p class="app-body">{tr(i18n, |l| td_string!(l, upload.cancelled))}</p>
                }.into_any()),
                Sending::Sent(_) | Sending::Checking => Some(view! {
                    <label class="app-field__label" for="upload-progress">{tr(i18n, |l| td_string!(l, upload.progress_label))}</label>
                    <progress id="upload-progress" class="app-progress" max="100" value=move || percent().unwrap_or(0)>
                        {move || percent().map(|p| format!("{p}%"))}
                    </progress>
                    <p class="app-body">
                        {move || match sending.get() {
                            Sending::Checking => tr(i18n, |l| td_string!(l, upload.checking))().to_owned(),
                            _ => format!("{} {}%", tr(i18n, |l| td_string!(l, upload.sending))(), percent().unwrap_or(0)),
                        }}
                    </p>
                }.into_any()),
            }}
        </div>
    }
}

/// The upload stored: its code, a link to it, and a way to upload another. Takes focus, so a
/// screen reader says it is done.
#[component]
fn Stored(
    /// The new document.
    document: DocumentDetail,
    /// Clears the form for another file.
    on_another: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<H2>::new();
    use_focus_on_show(heading);
    let code = document.summary.code.clone();
    view! {
        <section class="app-panel" aria-labelledby="stored-heading">
            <h2 class="app-panel__title" id="stored-heading" tabindex="-1" node_ref=heading>
                {tr(i18n, |l| td_string!(l, upload.done_heading))}
            </h2>
            <p class="app-panel__body">
                {tr(i18n, |l| td_string!(l, upload.done_body))}
                <br />
                <strong class="app-panel__reference">{code.clone()}</strong>
            </p>
        </section>
        <p class="app-body"><strong>{document.summary.name.clone()}</strong></p>
        <div class="app-button-group">
            <a class="app-button" href=format!("/documents/{code}")>{tr(i18n, |l| td_string!(l, upload.open))}</a>
            <button type="button" class="app-button app-button--secondary" on:click=on_another>
                {tr(i18n, |l| td_string!(l, upload.another))}
            </button>
        </div>
    }
}
