//! `/requests/new`: the guided form, one question a page, then "check your answers".
//!
//! The draft lives on the server from the first page on (never in browser storage, so a kiosk
//! keeps nothing), and its id and the step are in the address: a reload, a lost connection or
//! a new sign-in after the session ended comes back to the same page with every saved answer.
//! Answers are saved as the citizen types; the page says whether they are.

use leptos::{prelude::*, task::spawn_local_scoped};
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_api::RequestStatus;
use portal_api::requests::{RequestCatalogue, RequestKind};

use super::draft::{FormStep, FormText};
use super::steps::{CheckStep, ContactStep, DeliveryStep, KindStep, PurposeStep, StepContext};
use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, Loading, PageHeading};
use crate::i18n::*;
use crate::session::SessionContext;
use crate::text::tr;
use crate::timer::sleep;

/// Whether the answers on screen are on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Saving,
    /// The last save failed; it is tried again.
    Retrying,
}

/// How long typing must pause before the answers are saved.
const SAVE_AFTER_MS: i32 = 600;
/// How long to wait before saving again after a failure.
const RETRY_AFTER_MS: i32 = 3000;

/// The guided form.
#[component]
pub fn NewRequestPage() -> impl IntoView {
    let query = use_query_map();
    let draft_id = Memo::new(move |_| query.with(|q| q.get("draft")));
    move || match draft_id.get() {
        Some(id) => view! { <DraftForm id /> }.into_any(),
        None => view! { <StartDraft /> }.into_any(),
    }
}

/// Makes the draft (prefilled from the address, e.g. a correction from the record page) and
/// moves to its first page.
#[component]
fn StartDraft() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let query = use_query_map();
    let navigate = use_navigate();
    let failed = RwSignal::new(None::<ApiError>);
    let start = move || {
        failed.set(None);
        let api = session.config().current().api_base_url;
        let prefill = query.with_untracked(|q| FormText {
            kind: q
                .get("kind")
                .filter(|k| RequestKind::parse(k).is_some())
                .unwrap_or_default(),
            correction_field: q.get("field").unwrap_or_default(),
            correction_value: q.get("value").unwrap_or_default(),
            ..FormText::default()
        });
        let navigate = navigate.clone();
        spawn_local_scoped(async move {
            let fields = prefill.fields();
            let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
            match api::requests::create_draft(&api, &fields).await {
                Ok(draft) => navigate(
                    &format!("/requests/new?draft={}&step=kind", draft.summary.id),
                    NavigateOptions {
                        replace: true,
                        ..NavigateOptions::default()
                    },
                ),
                Err(error) => failed.set(Some(error)),
            }
        });
    };
    start();
    view! {
        <PageHeading title=move || t_string!(i18n, page.new_request.title).to_owned() />
        {move || match failed.get() {
            None => view! {
                <p class="app-body">{tr(i18n, |l| td_string!(l, requests.starting))}</p>
                <Loading />
            }
            .into_any(),
            Some(error) => {
                let start = start.clone();
                view! { <ErrorNotice error on_retry=move |()| start() /> }.into_any()
            }
        }}
    }
}

/// The form of one draft: loads it, saves it as it changes, and shows the step the address
/// names.
#[component]
fn DraftForm(
    /// The draft's id.
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let query = use_query_map();
    let navigate = use_navigate();
    let api_base = move || session.config().current().api_base_url;
    let form = RwSignal::new(FormText::default());
    let loaded = RwSignal::new(None::<Result<(), ApiError>>);
    let catalogue = RwSignal::new(None::<RequestCatalogue>);
    let save_state = RwSignal::new(SaveState::Saved);
    // What the server holds, so only a real change is saved.
    let saved = StoredValue::new(FormText::default());
    let generation = StoredValue::new(0_u32);

    let load = {
        let id = id.clone();
        let navigate = navigate.clone();
        move || {
            loaded.set(None);
            let (api, id, navigate) = (api_base(), id.clone(), navigate.clone());
            spawn_local_scoped(async move {
                match api::requests::get(&api, &id).await {
                    Ok(draft) if draft.summary.status != RequestStatus::Draft => {
                        // Sent already (from another tab, or before a reload): show the request.
                        navigate(
                            &format!("/requests/{}", draft.summary.id),
                            NavigateOptions::default(),
                        );
                    }
                    Ok(draft) => {
                        let text = FormText::from_answers(&draft.answers);
                        saved.set_value(text.clone());
                        form.set(text);
                        loaded.set(Some(Ok(())));
                    }
                    Err(error) => loaded.set(Some(Err(error))),
                }
                if let Ok(found) = api::requests::catalogue(&api).await {
                    catalogue.try_set(Some(found));
                }
            });
        }
    };
    load();

    // Saves the answers on screen, again and again until it works or a newer edit takes over.
    let save_now = {
        let id = id.clone();
        move || {
            let (api, id) = (api_base(), id.clone());
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            async move {
                loop {
                    if generation.try_get_value() != Some(mine) {
                        return;
                    }
                    let Some(text) = form.try_get_untracked() else {
                        return;
                    };
                    if text == saved.get_value() {
                        save_state.try_set(SaveState::Saved);
                        return;
                    }
                    save_state.try_set(SaveState::Saving);
                    let fields = text.fields();
                    let fields: Vec<(&str, &str)> =
                        fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
                    match api::requests::save_draft(&api, &id, &fields).await {
                        Ok(_) => {
                            saved.try_set_value(text);
                        }
                        // Signed out: sign-in brings the citizen back here, to what was saved.
                        Err(ApiError::Unauthorized) => return,
                        Err(_) => {
                            save_state.try_set(SaveState::Retrying);
                            sleep(RETRY_AFTER_MS).await;
                        }
                    }
                }
            }
        }
    };
    {
        let save_now = save_now.clone();
        Effect::new(move |_| {
            let changed = form.with(|text| *text != saved.get_value());
            if changed && loaded.with_untracked(|l| matches!(l, Some(Ok(())))) {
                // Not "saved" from the first keystroke until the server has it.
                save_state.set(SaveState::Saving);
                let save = save_now();
                spawn_local_scoped(async move {
                    sleep(SAVE_AFTER_MS).await;
                    save.await;
                });
            }
        });
    }

    let step = Memo::new(move |_| FormStep::parse(query.with(|q| q.get("step")).as_deref()));
    let returning = Memo::new(move |_| query.with(|q| q.get("return")).as_deref() == Some("check"));
    let context = StepContext {
        id: StoredValue::new(id.clone()),
        form,
        catalogue,
        returning,
        save_now: Callback::new({
            let save_now = save_now.clone();
            move |()| spawn_local_scoped(save_now())
        }),
    };

    view! {
        {move || match loaded.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => {
                let load = load.clone();
                view! {
                    <PageHeading title=move || t_string!(i18n, page.new_request.title).to_owned() />
                    <ErrorNotice error on_retry=move |()| load() />
                }
                .into_any()
            }
            Some(Ok(())) => match step.get() {
                FormStep::Kind => view! { <KindStep context /> }.into_any(),
                FormStep::Purpose => view! { <PurposeStep context /> }.into_any(),
                FormStep::Delivery => view! { <DeliveryStep context /> }.into_any(),
                FormStep::Contact => view! { <ContactStep context /> }.into_any(),
                FormStep::Check => view! { <CheckStep context /> }.into_any(),
            },
        }}
        <p class="app-save-state" role="status">
            {move || {
                loaded.with(|l| matches!(l, Some(Ok(())))).then(|| match save_state.get() {
                    SaveState::Saved => tr(i18n, |l| td_string!(l, requests.saved)),
                    SaveState::Saving => tr(i18n, |l| td_string!(l, requests.saving)),
                    SaveState::Retrying => tr(i18n, |l| td_string!(l, requests.not_saved)),
                })
            }}
        </p>
    }
}
