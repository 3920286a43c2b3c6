//! `/requests/new`: the guided form, one question a page, then "check your answers".
//!
//! The draft lives on the server from the first page on (never in browser storage, so a kiosk
//! keeps nothing), and its id and the step are in the address: a reload, a lost connection or
//! a new sign-in after the session ended comes back to the same page with every saved answer.
//! Answers are saved as the citizen types; the page says whether they are. Each save names
//! the draft's revision it was based on: when the draft was saved meanwhile elsewhere (another
//! tab, another device), the two are merged and saved again (see `saving.rs`), and the page
//! says so.

use leptos::{prelude::*, task::spawn_local_scoped};
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_api::RequestStatus;
use portal_api::requests::{RequestCatalogue, RequestKind};

use super::draft::{FormStep, FormText};
use super::saving::{DraftSaving, SaveState};
use super::steps::{CheckStep, ContactStep, DeliveryStep, KindStep, PurposeStep, StepContext};
use crate::api::{self, ApiError, use_api};
use crate::components::{ErrorNotice, Loading, PageHeading};
use crate::i18n::*;
use crate::text::tr;
use crate::timer::sleep;

/// How long typing must pause before the answers are saved.
const SAVE_AFTER_MS: i32 = 600;

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
    let api = use_api();
    let query = use_query_map();
    let navigate = use_navigate();
    let failed = RwSignal::new(None::<ApiError>);
    let start = move || {
        failed.set(None);
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
            match api::requests::create_draft(api, &prefill.to_save()).await {
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
    let query = use_query_map();
    let navigate = use_navigate();
    let api = use_api();
    let saving = DraftSaving::new(id.clone());
    let form = saving.form;
    let catalogue = RwSignal::new(None::<RequestCatalogue>);
    // Counts edits, so that only the last one's pause starts a save.
    let edits = StoredValue::new(0_u32);

    // The draft is read through an action rather than a resource: what it brings goes into
    // the form's own signals (or elsewhere, when it was sent meanwhile), and a retry is one
    // more dispatch. `pending` is "loading", the value the outcome.
    let load = Action::new_local({
        let (id, navigate) = (id.clone(), navigate.clone());
        move |(): &()| {
            let (id, navigate) = (id.clone(), navigate.clone());
            async move {
                let answer = match api::requests::get(api, &id).await {
                    Ok(draft) if draft.summary.status != RequestStatus::Draft => {
                        // Sent already (from another tab, or before a reload): show the request.
                        navigate(
                            &format!("/requests/{}", draft.summary.id),
                            NavigateOptions::default(),
                        );
                        return None;
                    }
                    Ok(draft) => {
                        saving.loaded(&draft);
                        Ok(())
                    }
                    Err(error) => Err(error),
                };
                if let Ok(found) = api::requests::catalogue(api).await {
                    catalogue.set(Some(found));
                }
                Some(answer)
            }
        }
    });
    load.dispatch(());
    // `None` while it is read (again), then the outcome.
    let loaded = Memo::new(move |_| {
        if load.pending().get() {
            None
        } else {
            load.value().get().flatten()
        }
    });

    // The autosave, as an action: its `pending` keeps one at work at a time (it goes on
    // until the newest answers are saved), and it runs under this form's owner, where it was
    // made, not an effect's run or a step's page: typing on or going to the next step must
    // not abort a save on its way (one cut off may still land, and the next save would meet
    // it as a conflict).
    let autosave = Action::new_local(move |_: &()| saving.save_until_saved(api));
    let save = move || {
        if !autosave.pending().get_untracked() {
            autosave.dispatch(());
        }
    };
    // The pause after typing is waited under the same owner, for the same reason.
    let form_owner = Owner::current();
    Effect::new(move |_| {
        if saving.changed() && loaded.with_untracked(|l| matches!(l, Some(Ok(())))) {
            // Not "saved" from the first keystroke until the server has it.
            saving.state.set(SaveState::Saving);
            edits.update_value(|n| *n += 1);
            let this_edit = edits.get_value();
            let pause = async move {
                sleep(SAVE_AFTER_MS).await;
                if edits.try_get_value() == Some(this_edit) {
                    save();
                }
            };
            match &form_owner {
                Some(owner) => owner.with(|| spawn_local_scoped(pause)),
                None => spawn_local_scoped(pause),
            }
        }
    });

    let step = Memo::new(move |_| FormStep::parse(query.with(|q| q.get("step")).as_deref()));
    let returning = Memo::new(move |_| query.with(|q| q.get("return")).as_deref() == Some("check"));
    let context = StepContext {
        id: StoredValue::new(id.clone()),
        form,
        saving,
        catalogue,
        returning,
        save_now: Callback::new(move |()| save()),
    };

    view! {
        {move || match loaded.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => {
                view! {
                    <PageHeading title=move || t_string!(i18n, page.new_request.title).to_owned() />
                    <ErrorNotice error on_retry=move |()| { load.dispatch(()); } />
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
                loaded.with(|l| matches!(l, Some(Ok(())))).then(|| match saving.state.get() {
                    SaveState::Saved => tr(i18n, |l| td_string!(l, requests.saved)),
                    SaveState::Saving => tr(i18n, |l| td_string!(l, requests.saving)),
                    SaveState::Retrying => tr(i18n, |l| td_string!(l, requests.not_saved)),
                })
            }}
            // Its own line: "Draft saved" has no full stop to end on.
            {move || saving.merged.get().then(|| view! {
                <br />
                {tr(i18n, |l| td_string!(l, requests.merged_elsewhere))}
            })}
        </p>
    }
}
