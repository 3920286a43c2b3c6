//! `/requests/:reference`: one request, from its confirmation (right after sending) to its
//! result in the data store or its written refusal, with the whole history, the answer to a
//! question from the provider, and withdrawal while that is still allowed.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal_api::RequestStatus;
use portal_api::requests::{RequestAnswer, RequestDetail, RequestEvent};
use portal_api::upload::{ATTACHMENT_HEAD_LEN, check_attachment};
use send_wrapper::SendWrapper;
use web_sys::File;

use super::draft::{FormText, delivery_text, kind_text, status_text};
use crate::api::{self, ApiError, use_api};
use crate::components::{ErrorNotice, KioskFile, PageHeading, QrCode, Skeleton};
use crate::config::ConfigContext;
use crate::forms::{ErrorSummary, FileField, TextField, in_form_order, problem_of};
use crate::i18n::*;
use crate::local_time;
use crate::text::tr;

/// The request page.
#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let query = use_query_map();
    let reference = Memo::new(move |_| params.with(|p| p.get("reference").unwrap_or_default()));
    let just_sent = move || query.with(|q| q.get("submitted").is_some());
    let request = LocalResource::new(move || {
        let reference = reference.get();
        async move { api::requests::get(api, &reference).await }
    });

    view! {
        <PageHeading title=move || t_string!(i18n, page.request.title).to_owned() />
        <p class="app-lead">{move || t!(i18n, page.request.reference, reference = move || reference.get())}</p>
        <Suspense fallback=|| view! { <Skeleton /> }>
            {move || Suspend::new(async move {
                match request.await {
                    Err(error) => view! { <ErrorNotice error on_retry=move |()| request.refetch() /> }.into_any(),
                    Ok(detail) => view! {
                        {just_sent().then(|| view! { <Confirmation detail=detail.clone() /> })}
                        // A receipt is the confirmation alone: the answers stay off the roll.
                        <div class="app-receipt-omit">
                            <RequestBody detail request />
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
        <p class="app-body app-receipt-omit"><a class="app-link" href="/requests">{tr(i18n, |l| td_string!(l, requests.all_requests))}</a></p>
    }
}

/// Right after sending: the reference, large and as a QR, what happens next and by when.
#[component]
fn Confirmation(
    /// The request just sent.
    detail: RequestDetail,
) -> impl IntoView {
    let i18n = use_i18n();
    let reference = detail
        .summary
        .reference
        .clone()
        .unwrap_or_else(|| detail.summary.id.clone());
    let due = detail
        .answer_due_by
        .as_deref()
        .and_then(|d| portal_api::CalendarDate::parse_iso(d).ok())
        .map(|d| d.to_display())
        .unwrap_or_default();
    let qr_label = {
        let reference = reference.clone();
        Signal::derive(move || {
            format!(
                "{} {reference}",
                td_string!(i18n.get_locale(), requests.reference_qr_label)
            )
        })
    };
    view! {
        <div class="app-panel" role="status">
            <h2 class="app-panel__title">{tr(i18n, |l| td_string!(l, requests.submitted_title))}</h2>
            <p class="app-panel__body">
                {tr(i18n, |l| td_string!(l, requests.submitted_reference))}
                <br />
                <strong class="app-panel__reference">{reference.clone()}</strong>
            </p>
        </div>
        <QrCode text=reference.clone() label=qr_label />
        <p class="app-body">{t!(i18n, requests.submitted_next, date = move || due.clone())}</p>
        // On paper the citizen has no page to come back to: where to follow it, in full.
        <p class="app-body app-print-only">
            {tr(i18n, |l| td_string!(l, requests.follow_at))}
            <strong class="app-follow-at">{follow_at(&reference)}</strong>
        </p>
        <p class="app-body">
            <button type="button" class="app-link-button" on:click=move |_| { let _ = window().print(); }>
                {tr(i18n, |l| td_string!(l, requests.print))}
            </button>
        </p>
    }
}

/// The request's page on this portal as an address to type in, e.g.
/// `cccd.example.gov.vn/requests/YC-2026-000123`.
fn follow_at(reference: &str) -> String {
    let host = window().location().host().unwrap_or_default();
    format!("{host}/requests/{reference}")
}

/// Status, answers, what the provider said, and the history.
#[component]
fn RequestBody(
    /// The request.
    detail: RequestDetail,
    /// Where a withdrawal or an answer puts the request as it then stands.
    request: LocalResource<Result<RequestDetail, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let status = detail.summary.status;
    let answers = FormText::from_answers(&detail.answers);
    let kind = detail.answers.kind;
    let delivery = detail.answers.delivery;
    let office = answers.police_office.clone();
    let reference = detail.summary.id.clone();
    let failed = RwSignal::new(None::<ApiError>);
    let withdraw = Action::new_local({
        let reference = reference.clone();
        move |_: &()| {
            let reference = reference.clone();
            async move {
                match api::requests::withdraw(api, &reference).await {
                    Ok(done) => request.set(Some(Ok(done))),
                    Err(error) => failed.set(Some(error)),
                }
            }
        }
    });
    let due = detail
        .answer_due_by
        .as_deref()
        .and_then(|d| portal_api::CalendarDate::parse_iso(d).ok())
        .map(|d| d.to_display());
    view! {
        <p class="app-body">
            <strong>{tr(i18n, |l| td_string!(l, requests.status))}": "</strong>
            <span class="app-tag app-tag--status">{move || status_text(i18n.get_locale(), status)}</span>
        </p>
        {due.filter(|_| !status.is_final()).map(|date| view! {
            <p class="app-body">{t!(i18n, requests.due_by, date = move || date.clone())}</p>
        })}
        {move || failed.get().map(|error| view! { <ErrorNotice error /> })}
        {detail.refusal_reason.clone().map(|reason| view! {
            <section class="app-section app-request-outcome app-request-outcome--refused">
                <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, requests.refusal_heading))}</h2>
                <p class="app-body app-lines">{reason}</p>
            </section>
        })}
        {detail.result_document_code.clone().map(|code| {
            let link_code = code.clone();
            view! {
                <section class="app-section app-request-outcome">
                    <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, requests.result_heading))}</h2>
                    <p class="app-body">
                        <a class="app-link" href=format!("/documents/{code}")>
                            {t!(i18n, requests.result_link, code = move || link_code.clone())}
                        </a>
                    </p>
                </section>
            }
        })}
        {(status == RequestStatus::MoreInformationNeeded).then(|| view! {
            <AnswerQuestion reference=reference.clone() question=detail.question.clone().unwrap_or_default() request />
        })}
        {detail.summary.reference.is_some().then(|| view! {
            <section class="app-section">
                <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, requests.answers_heading))}</h2>
                <dl class="app-check">
                    <div class="app-check__row">
                        <dt class="app-check__key">{tr(i18n, |l| td_string!(l, requests.kind_question))}</dt>
                        <dd class="app-check__value">{move || kind.map(|k| kind_text(i18n.get_locale(), k))}</dd>
                    </div>
                    <div class="app-check__row">
                        <dt class="app-check__key">{tr(i18n, |l| td_string!(l, requests.purpose_question))}</dt>
                        <dd class="app-check__value">{answers.purpose.clone()}</dd>
                    </div>
                    <div class="app-check__row">
                        <dt class="app-check__key">{tr(i18n, |l| td_string!(l, requests.delivery_question))}</dt>
                        <dd class="app-check__value">
                            {move || delivery.map(|d| delivery_text(i18n.get_locale(), d))}
                            {(!office.is_empty()).then(|| format!(": {office}"))}
                        </dd>
                    </div>
                </dl>
            </section>
        })}
        <History events=detail.history.clone() reference=detail.summary.reference.clone().unwrap_or_default() />
        {detail.can_withdraw.then(|| view! {
            <p class="app-body app-secondary-text">{tr(i18n, |l| td_string!(l, requests.withdraw_hint))}</p>
            <button type="button" class="app-button app-button--warning"
                aria-disabled=move || withdraw.pending().get().then_some("true")
                on:click=move |_| {
                    if !withdraw.pending().get_untracked() {
                        withdraw.dispatch(());
                    }
                }>
                {tr(i18n, |l| td_string!(l, requests.withdraw))}
            </button>
        })}
    }
}

/// The provider's question, and the citizen's answer to it, checked with the shared rule.
#[component]
fn AnswerQuestion(
    /// The request's reference.
    reference: String,
    /// What the provider asks.
    question: String,
    /// Where the answered request goes.
    request: LocalResource<Result<RequestDetail, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let text = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::new());
    let failed = RwSignal::new(None::<ApiError>);
    // The browser's `File` is not `Send`; the app has one thread, so the wrapper holds.
    let file = RwSignal::new(None::<SendWrapper<File>>);
    let send = Action::new_local(move |_: &()| {
        let answer = RequestAnswer {
            text: text.get_untracked(),
        };
        let chosen = file.get_untracked();
        let reference = reference.clone();
        async move {
            // The shared rules: the text, and a chosen file's size and type by its content.
            let mut found = Vec::new();
            if let Err(errors) = answer.validate() {
                found.extend(errors.values().map(|code| ("answer", *code)));
            }
            if let Some(file) = &chosen {
                let head = api::upload::head_of(file, ATTACHMENT_HEAD_LEN).await;
                if let Err(code) = check_attachment(file.size() as u64, &head) {
                    found.push(("file", code));
                }
            }
            let valid = found.is_empty();
            problems.set(found);
            if !valid {
                return;
            }
            match api::requests::answer(api, &reference, &answer.text, chosen.as_deref()).await {
                Ok(done) => request.set(Some(Ok(done))),
                Err(ApiError::Validation(fields)) if !fields.is_empty() => {
                    // The API's `text` is this form's `answer`.
                    let fields = fields
                        .into_iter()
                        .map(|(k, v)| (if k == "text" { "answer".to_owned() } else { k }, v))
                        .collect();
                    problems.set(in_form_order(&["answer", "file"], &fields));
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let sending = send.pending();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !sending.get_untracked() {
            send.dispatch(());
        }
    };
    let file_error = problem_of(problems, "file");
    view! {
        <section class="app-section app-request-outcome">
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, requests.question_heading))}</h2>
            <p class="app-body app-lines">{question}</p>
            <ErrorSummary problems general=failed />
            <form class="app-form" novalidate on:submit=on_submit>
                <TextField
                    id="answer"
                    label=|l| td_string!(l, requests.answer_label)
                    value=text
                    error=problem_of(problems, "answer")
                    rows=4
                />
                <FileField
                    label=|l| td_string!(l, requests.attach_label)
                    hint=|l| td_string!(l, requests.attach_hint)
                    accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                    file
                    error=file_error
                />
                <div class="app-form__actions">
                    <button type="submit" class="app-button" aria-disabled=move || sending.get().then_some("true")>
                        {tr(i18n, |l| td_string!(l, requests.answer_send))}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The request's history, oldest first, as a timeline.
#[component]
fn History(
    /// The events.
    events: Vec<RequestEvent>,
    /// The request's reference, for the addresses of attached files.
    reference: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let kiosk = expect_context::<ConfigContext>().kiosk();
    (!events.is_empty()).then(|| {
        let items = events
            .into_iter()
            .map(|event| {
                let when = local_time::parse(&event.at).map(|t| t.date_time()).unwrap_or_default();
                let status = event.status;
                view! {
                    <li class="app-timeline__item">
                        <p class="app-timeline__title">{move || status_text(i18n.get_locale(), status)}</p>
                        <p class="app-timeline__date">{when}</p>
                        {event.note.map(|note| view! {
                            <p class="app-timeline__note app-lines">
                                {event.by_citizen.then(|| view! { <strong>{tr(i18n, |l| td_string!(l, requests.by_you))}": "</strong> })}
                                {note}
                            </p>
                        })}
                        {event.attachment.map(|file| {
                            let url = api::requests::attachment_url(api, &reference, file.id);
                            let (name, content_type) = (file.file_name, file.content_type);
                            view! {
                                <div class="app-timeline__note">
                                    {tr(i18n, |l| td_string!(l, requests.attachment))} ": "
                                    {if kiosk {
                                        view! { <KioskFile src=url file_name=name content_type /> }.into_any()
                                    } else {
                                        view! { <a class="app-link" href=url download=name.clone()>{name.clone()}</a> }.into_any()
                                    }}
                                </div>
                            }
                        })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="app-section">
                <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, requests.history_heading))}</h2>
                <ol class="app-timeline">{items}</ol>
            </section>
        }
    })
}
