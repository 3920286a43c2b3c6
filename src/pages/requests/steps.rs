//! The pages of the guided form: one question each (GOV.UK's "one thing per page"), each with
//! a back link that keeps the answers, the step number, the error summary and "continue".

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_api::FieldErrorCode;
use portal_api::requests::{Delivery, RequestCatalogue, RequestKind};

use super::draft::{
    FormStep, FormText, delivery_label, delivery_str, delivery_text, kind_label, kind_text,
};
use super::saving::DraftSaving;
use crate::api::{self, ApiError, use_api};
use crate::components::PageHeading;
use crate::forms::{
    Choice, ErrorSummary, FieldProblem, FieldValue, RadioGroup, SelectField, Text, TextField,
    in_form_order, problem_of,
};
use crate::i18n::*;
use crate::session::SessionContext;
use crate::text::tr;

/// What every step shares: the draft, the catalogue, and whether it came from the check page.
#[derive(Clone, Copy)]
pub struct StepContext {
    pub id: StoredValue<String>,
    pub form: RwSignal<FormText>,
    /// The link to the server's copy of `form`.
    pub saving: DraftSaving,
    pub catalogue: RwSignal<Option<RequestCatalogue>>,
    /// Came from "change" on the check page: continue goes back there.
    pub returning: Memo<bool>,
    /// Saves the answers now rather than after the typing pause.
    pub save_now: Callback<()>,
}

impl StepContext {
    fn href(self, step: FormStep) -> String {
        format!(
            "/requests/new?draft={}&step={}",
            self.id.get_value(),
            step.as_str()
        )
    }
}

/// The field names the rules use, as the `'static` ids the inputs and the error summary use.
const FIELDS: [&str; 8] = [
    "kind",
    "correction_field",
    "correction_value",
    "purpose",
    "delivery",
    "police_office",
    "contact_phone",
    "contact_email",
];

fn problems_of(errors: &std::collections::BTreeMap<String, FieldErrorCode>) -> Vec<FieldProblem> {
    in_form_order(&FIELDS, errors)
}

/// One answer of the draft, for a field: a slice of the form (Leptos's `create_slice`), so
/// the field follows and changes that answer alone.
fn answer(
    form: RwSignal<FormText>,
    read: fn(&FormText) -> &String,
    write: fn(&mut FormText) -> &mut String,
) -> FieldValue {
    create_slice(
        form,
        move |f| read(f).clone(),
        move |f, text| *write(f) = text,
    )
    .into()
}

/// The frame of one step: back link, step number, error summary, the question as the page's
/// heading, the inputs, and "continue", which checks this step's answers with the shared
/// rules before it moves on.
#[component]
fn StepFrame(
    /// The draft and what goes with it.
    context: StepContext,
    /// Which step this is.
    step: FormStep,
    /// The question, which is the page's heading.
    question: Text,
    /// This step's problems, filled when "continue" finds some.
    problems: RwSignal<Vec<FieldProblem>>,
    /// The step's fields.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let back = step.previous().map(|previous| context.href(previous));
    let steps = FormStep::ALL.len();
    let number = step.number();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(rules) = step.rules() else { return };
        let errors = context
            .form
            .with_untracked(|f| f.answers().step_errors(rules));
        problems.set(problems_of(&errors));
        if errors.is_empty() {
            context.save_now.run(());
            let next = if context.returning.get_untracked() {
                FormStep::Check
            } else {
                step.next()
            };
            navigate(&context.href(next), NavigateOptions::default());
        }
    };
    view! {
        {back.map(|href| view! {
            <p class="app-back-link"><a class="app-link" href=href>{tr(i18n, |l| td_string!(l, requests.back))}</a></p>
        })}
        <p class="app-secondary-text app-step-count">{t!(i18n, requests.step_of, step = number, steps)}</p>
        <ErrorSummary problems=problems general=Signal::stored(None) />
        <PageHeading title=move || question(i18n.get_locale()).to_owned() />
        <form class="app-form" novalidate on:submit=on_submit>
            {children()}
            <div class="app-form__actions">
                <button type="submit" class="app-button">{tr(i18n, |l| td_string!(l, requests.continue_button))}</button>
            </div>
        </form>
    }
}

/// Step 1: what information (and for a correction, what to correct).
#[component]
pub fn KindStep(
    /// The draft and what goes with it.
    context: StepContext,
) -> impl IntoView {
    let problems = RwSignal::new(Vec::new());
    let question: Text = |l| td_string!(l, requests.kind_question);
    let choices = RequestKind::ALL
        .into_iter()
        .map(|kind| Choice {
            value: kind.as_str(),
            label: kind_label(kind),
        })
        .collect();
    let correcting = move || {
        context
            .form
            .with(|f| f.kind == RequestKind::RecordCorrection.as_str())
    };
    view! {
        <StepFrame context step=FormStep::Kind question problems>
            <RadioGroup
                field="kind"
                legend=question
                choices
                value=answer(context.form, |f| &f.kind, |f| &mut f.kind)
                error=problem_of(problems, "kind")
            />
            <Show when=correcting>
                <div class="app-conditional">
                    <TextField
                        id="correction_field"
                        label=|l| td_string!(l, requests.correction_field_label)
                        hint=|l| td_string!(l, requests.correction_field_hint)
                        value=answer(context.form, |f| &f.correction_field, |f| &mut f.correction_field)
                        error=problem_of(problems, "correction_field")
                    />
                    <TextField
                        id="correction_value"
                        label=|l| td_string!(l, requests.correction_value_label)
                        value=answer(context.form, |f| &f.correction_value, |f| &mut f.correction_value)
                        error=problem_of(problems, "correction_value")
                        rows=5
                    />
                </div>
            </Show>
        </StepFrame>
    }
}

/// Step 2: why.
#[component]
pub fn PurposeStep(
    /// The draft and what goes with it.
    context: StepContext,
) -> impl IntoView {
    let problems = RwSignal::new(Vec::new());
    let question: Text = |l| td_string!(l, requests.purpose_question);
    view! {
        <StepFrame context step=FormStep::Purpose question problems>
            <TextField
                id="purpose"
                label=question
                hint=|l| td_string!(l, requests.purpose_hint)
                value=answer(context.form, |f| &f.purpose, |f| &mut f.purpose)
                error=problem_of(problems, "purpose")
                rows=5
            />
        </StepFrame>
    }
}

/// Step 3: how to receive the result, and for paper, where.
#[component]
pub fn DeliveryStep(
    /// The draft and what goes with it.
    context: StepContext,
) -> impl IntoView {
    let problems = RwSignal::new(Vec::new());
    let question: Text = |l| td_string!(l, requests.delivery_question);
    let choices = [Delivery::DataStore, Delivery::InPerson]
        .into_iter()
        .map(|delivery| Choice {
            value: delivery_str(delivery),
            label: delivery_label(delivery),
        })
        .collect();
    // An office's name is both the value sent and the words shown.
    let offices = Signal::derive(move || {
        context.catalogue.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.police_offices
                        .iter()
                        .map(|o| (o.clone(), o.clone()))
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let in_person = move || {
        context
            .form
            .with(|f| f.delivery == delivery_str(Delivery::InPerson))
    };
    view! {
        <StepFrame context step=FormStep::Delivery question problems>
            <RadioGroup
                field="delivery"
                legend=question
                choices
                value=answer(context.form, |f| &f.delivery, |f| &mut f.delivery)
                error=problem_of(problems, "delivery")
            />
            <Show when=in_person>
                <div class="app-conditional">
                    <SelectField
                        id="police_office"
                        label=|l| td_string!(l, requests.police_office_label)
                        first=|l| td_string!(l, requests.police_office_choose)
                        options=offices
                        value=answer(context.form, |f| &f.police_office, |f| &mut f.police_office)
                        error=problem_of(problems, "police_office")
                    />
                </div>
            </Show>
        </StepFrame>
    }
}

/// Step 4: how to reach the citizen. Who they are comes from the session, not typed again.
#[component]
pub fn ContactStep(
    /// The draft and what goes with it.
    context: StepContext,
) -> impl IntoView {
    let problems = RwSignal::new(Vec::new());
    let question: Text = |l| td_string!(l, requests.contact_question);
    view! {
        <StepFrame context step=FormStep::Contact question problems>
            <Requester />
            <TextField
                id="contact_phone"
                label=|l| td_string!(l, requests.contact_phone_label)
                value=answer(context.form, |f| &f.contact_phone, |f| &mut f.contact_phone)
                error=problem_of(problems, "contact_phone")
                input_type="tel"
            />
            <TextField
                id="contact_email"
                label=|l| td_string!(l, requests.contact_email_label)
                value=answer(context.form, |f| &f.contact_email, |f| &mut f.contact_email)
                error=problem_of(problems, "contact_email")
                input_type="email"
            />
        </StepFrame>
    }
}

/// The requester as the population record names them.
#[component]
fn Requester() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let who = move || {
        session
            .signed_in()
            .map(|s| format!("{} – {}", s.full_name, s.personal_id.as_str()))
    };
    view! {
        <div class="app-inset-text">
            <p class="app-inset-text__body"><strong>{tr(i18n, |l| td_string!(l, requests.requester))}": "</strong>{who}</p>
            <p class="app-inset-text__body app-secondary-text">{tr(i18n, |l| td_string!(l, requests.requester_hint))}</p>
        </div>
    }
}

/// The last page: every answer with a "change" link back to its page, and "send".
#[component]
pub fn CheckStep(context: StepContext) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let failed = RwSignal::new(None::<ApiError>);
    // Reached with a step unanswered (an old link, a changed mind): go and answer it.
    if let Some(step) = FormStep::first_unfinished(&context.form.get_untracked().answers()) {
        navigate(
            &context.href(step),
            NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            },
        );
    }
    let change = move |step: FormStep| format!("{}&return=check", context.href(step));
    let text = move |pick: fn(&FormText) -> String| move || context.form.with(pick);
    let kind = move || {
        let locale = i18n.get_locale();
        context.form.with(|f| {
            f.answers().kind.map(|k| {
                let mut text = kind_text(locale, k).to_owned();
                if k == RequestKind::RecordCorrection {
                    text = format!("{text}: {} → {}", f.correction_field, f.correction_value);
                }
                text
            })
        })
    };
    let delivery = move || {
        let locale = i18n.get_locale();
        context.form.with(|f| {
            f.answers().delivery.map(|d| match d {
                Delivery::DataStore => delivery_text(locale, d).to_owned(),
                Delivery::InPerson => format!("{}: {}", delivery_text(locale, d), f.police_office),
            })
        })
    };
    // Sending goes through an action: `pending` says it is on its way, and the future runs
    // under this page's owner, so leaving the page aborts its requests.
    let send = Action::new_local({
        let navigate = navigate.clone();
        move |_: &()| {
            let id = context.id.get_value();
            let navigate = navigate.clone();
            async move {
                // A draft changed elsewhere meanwhile comes back merged, on this page, to be
                // checked again before it is sent.
                let sent = match context.saving.save_for_sending(api).await {
                    Ok(()) => api::requests::submit(api, &id).await,
                    Err(error) => Err(error),
                };
                match sent {
                    Ok(request) => navigate(
                        &format!("/requests/{}?submitted=1", request.summary.id),
                        NavigateOptions::default(),
                    ),
                    Err(error) => failed.set(Some(error)),
                }
            }
        }
    });
    let sending = send.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        // A second press while the first is on its way sends nothing more; the server
        // would answer the same request anyway (the draft id is the idempotency key).
        if sending.get_untracked() {
            return;
        }
        failed.set(None);
        send.dispatch(());
    };
    let row = move |label: fn(Locale) -> &'static str, value: AnyView, step: FormStep| {
        view! {
            <div class="app-check__row">
                <dt class="app-check__key">{tr(i18n, label)}</dt>
                <dd class="app-check__value">{value}</dd>
                <dd class="app-check__action">
                    <a class="app-link" href=change(step)>
                        {tr(i18n, |l| td_string!(l, requests.change))}
                        <span class="app-visually-hidden">" " {tr(i18n, label)}</span>
                    </a>
                </dd>
            </div>
        }
    };
    view! {
        <p class="app-back-link"><a class="app-link" href=context.href(FormStep::Contact)>{tr(i18n, |l| td_string!(l, requests.back))}</a></p>
        <ErrorSummary problems=Signal::stored(Vec::new()) general=failed />
        <PageHeading title=move || t_string!(i18n, requests.check_title).to_owned() />
        <Requester />
        <dl class="app-check">
            {row(|l| td_string!(l, requests.kind_question), kind.into_any(), FormStep::Kind)}
            {row(|l| td_string!(l, requests.purpose_question), text(|f| f.purpose.clone()).into_any(), FormStep::Purpose)}
            {row(|l| td_string!(l, requests.delivery_question), delivery.into_any(), FormStep::Delivery)}
            {row(
                |l| td_string!(l, requests.contact_phone_label),
                text(|f| f.contact_phone.clone()).into_any(),
                FormStep::Contact,
            )}
            {row(
                |l| td_string!(l, requests.contact_email_label),
                text(|f| f.contact_email.clone()).into_any(),
                FormStep::Contact,
            )}
        </dl>
        <p class="app-body">{tr(i18n, |l| td_string!(l, requests.free))}</p>
        <form class="app-form" on:submit=submit>
            <button type="submit" class="app-button" aria-disabled=move || sending.get().then_some("true")>
                {move || if sending.get() {
                    tr(i18n, |l| td_string!(l, requests.submitting))()
                } else {
                    tr(i18n, |l| td_string!(l, requests.submit))()
                }}
            </button>
        </form>
    }
}
