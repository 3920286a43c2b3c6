//! The pages of the guided form: one question each (GOV.UK's "one thing per page"), each with
//! a back link that keeps the answers, the step number, the error summary and "continue".

use leptos::{prelude::*, task::spawn_local_scoped};
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_api::FieldErrorCode;
use portal_api::requests::{Delivery, RequestCatalogue, RequestKind};

use super::draft::{FormStep, FormText, delivery_str, delivery_text, kind_text};
use super::inputs::{AnswerSelect, AnswerText, Choice, RadioGroup};
use super::saving::DraftSaving;
use crate::api::{self, ApiError, use_api};
use crate::components::PageHeading;
use crate::forms::{ErrorSummary, FieldProblem, in_form_order, problem_of};
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

/// The frame of one step: back link, step number, error summary, the question as the page's
/// heading, the inputs, and "continue", which checks this step's answers with the shared
/// rules before it moves on.
#[component]
fn StepFrame(
    context: StepContext,
    step: FormStep,
    /// The question, which is the page's heading.
    #[prop(into)]
    question: Signal<String>,
    /// This step's problems, filled when "continue" finds some.
    problems: RwSignal<Vec<FieldProblem>>,
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
        <PageHeading title=question />
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
pub fn KindStep(context: StepContext) -> impl IntoView {
    let i18n = use_i18n();
    let problems = RwSignal::new(Vec::new());
    let question = Signal::derive(move || t_string!(i18n, requests.kind_question).to_owned());
    let choices = RequestKind::ALL
        .into_iter()
        .map(|kind| Choice {
            value: kind.as_str(),
            label: Signal::derive(move || kind_text(i18n.get_locale(), kind).to_owned()),
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
                form=context.form
                answer=|f| &mut f.kind
                choices
                legend=question
                error=problem_of(problems, "kind")
            />
            <Show when=correcting>
                <div class="app-conditional">
                    <AnswerText
                        field="correction_field"
                        form=context.form
                        answer=|f| &mut f.correction_field
                        label=Signal::derive(move || t_string!(i18n, requests.correction_field_label).to_owned())
                        hint=Signal::derive(move || t_string!(i18n, requests.correction_field_hint).to_owned())
                        error=problem_of(problems, "correction_field")
                    />
                    <AnswerText
                        field="correction_value"
                        form=context.form
                        answer=|f| &mut f.correction_value
                        label=Signal::derive(move || t_string!(i18n, requests.correction_value_label).to_owned())
                        error=problem_of(problems, "correction_value")
                        multiline=true
                    />
                </div>
            </Show>
        </StepFrame>
    }
}

/// Step 2: why.
#[component]
pub fn PurposeStep(context: StepContext) -> impl IntoView {
    let i18n = use_i18n();
    let problems = RwSignal::new(Vec::new());
    let question = Signal::derive(move || t_string!(i18n, requests.purpose_question).to_owned());
    view! {
        <StepFrame context step=FormStep::Purpose question problems>
            <AnswerText
                field="purpose"
                form=context.form
                answer=|f| &mut f.purpose
                label=question
                hint=Signal::derive(move || t_string!(i18n, requests.purpose_hint).to_owned())
                error=problem_of(problems, "purpose")
                multiline=true
            />
        </StepFrame>
    }
}

/// Step 3: how to receive the result, and for paper, where.
#[component]
pub fn DeliveryStep(context: StepContext) -> impl IntoView {
    let i18n = use_i18n();
    let problems = RwSignal::new(Vec::new());
    let question = Signal::derive(move || t_string!(i18n, requests.delivery_question).to_owned());
    let choices = [Delivery::DataStore, Delivery::InPerson]
        .into_iter()
        .map(|delivery| Choice {
            value: delivery_str(delivery),
            label: Signal::derive(move || delivery_text(i18n.get_locale(), delivery).to_owned()),
        })
        .collect();
    let offices = Signal::derive(move || {
        context.catalogue.with(|c| {
            c.as_ref()
                .map(|c| c.police_offices.clone())
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
                form=context.form
                answer=|f| &mut f.delivery
                choices
                legend=question
                error=problem_of(problems, "delivery")
            />
            <Show when=in_person>
                <div class="app-conditional">
                    <AnswerSelect
                        field="police_office"
                        form=context.form
                        answer=|f| &mut f.police_office
                        label=Signal::derive(move || t_string!(i18n, requests.police_office_label).to_owned())
                        placeholder=Signal::derive(move || t_string!(i18n, requests.police_office_choose).to_owned())
                        options=offices
                        error=problem_of(problems, "police_office")
                    />
                </div>
            </Show>
        </StepFrame>
    }
}

/// Step 4: how to reach the citizen. Who they are comes from the session, not typed again.
#[component]
pub fn ContactStep(context: StepContext) -> impl IntoView {
    let i18n = use_i18n();
    let problems = RwSignal::new(Vec::new());
    let question = Signal::derive(move || t_string!(i18n, requests.contact_question).to_owned());
    view! {
        <StepFrame context step=FormStep::Contact question problems>
            <Requester />
            <AnswerText
                field="contact_phone"
                form=context.form
                answer=|f| &mut f.contact_phone
                label=Signal::derive(move || t_string!(i18n, requests.contact_phone_label).to_owned())
                error=problem_of(problems, "contact_phone")
                input_type="tel"
            />
            <AnswerText
                field="contact_email"
                form=context.form
                answer=|f| &mut f.contact_email
                label=Signal::derive(move || t_string!(i18n, requests.contact_email_label).to_owned())
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
    let sending = RwSignal::new(false);
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
    let submit = {
        let navigate = navigate.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            // A second press while the first is on its way sends nothing more; the server
            // would answer the same request anyway (the draft id is the idempotency key).
            if sending.get_untracked() {
                return;
            }
            sending.set(true);
            failed.set(None);
            let id = context.id.get_value();
            let navigate = navigate.clone();
            spawn_local_scoped(async move {
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
                    Err(error) => {
                        sending.try_set(false);
                        failed.try_set(Some(error));
                    }
                }
            });
        }
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
