//! The document page's "share through a link": choose how long (1 hour to 7 days), get the
//! link and its QR, see the links made, revoke any at once. The holder of a link opens
//! `/shared/{token}`, which shows only this document; each view is in the access log.
//!
//! The link and its QR show only right after it is made: the server keeps just the hash of
//! its secret, so the list names the links by their dates and state.

use leptos::{html::H3, prelude::*};
use portal_api::documents::{CreateDocumentShare, CreatedDocumentShare};

use crate::api::{self, ApiError, use_api};
use crate::components::{ErrorNotice, QrCode};
use crate::config::ConfigContext;
use crate::forms::{NumberRadios, Text};
use crate::hooks::use_focus_on_show;
use crate::i18n::*;
use crate::local_time::format_api_time;
use crate::share_list::{ShareItem, ShareList};
use crate::text::tr;

/// The lives a link may have, in hours, with their labels: the shortest the rules allow, a
/// day, three days and the longest (`MIN_SHARE_HOURS`..=`MAX_SHARE_HOURS`).
const LIVES: [(u32, Text); 4] = [
    (1, |l| td_string!(l, documents.share_1h)),
    (24, |l| td_string!(l, documents.share_1d)),
    (3 * 24, |l| td_string!(l, documents.share_3d)),
    (7 * 24, |l| td_string!(l, documents.share_7d)),
];

/// The share section of document `code`.
#[component]
pub fn DocumentShares(
    /// The document's code.
    code: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<ConfigContext>();
    let code = StoredValue::new(code);
    let api = use_api();
    let hours = RwSignal::new(LIVES[0].0);
    // On a kiosk, where nothing is downloaded, the citizen's phone is how a file leaves with
    // them: the text is asked for unless they untick it.
    let send_by_sms = RwSignal::new(config.current().kiosk);
    let revoked = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    // Read through an action, not a resource: the page's Suspense would take a resource's
    // every re-read for its own and hide this whole section, link just made included, until
    // the list came back. An action's last answer stays on screen while the next is read.
    let links = Action::new_local(move |(): &()| async move {
        api::documents::shares(api, &code.get_value()).await
    });
    links.dispatch(());
    let create = Action::new_local(move |request: &CreateDocumentShare| {
        let request = request.clone();
        async move {
            let answer = api::documents::share(api, &code.get_value(), &request).await;
            links.dispatch(());
            answer
        }
    });
    let made = move || create.value().get().and_then(Result::ok);
    let revoke = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move {
            match api::documents::revoke_share(api, &code.get_value(), &id).await {
                // Not found: revoked already, from another tab; the list was stale.
                Ok(()) | Err(ApiError::NotFound) => {
                    // A revoked link's QR must not stay on screen as if it still worked.
                    let shown = create.value().with_untracked(
                        |made| matches!(made, Some(Ok(made)) if made.share.id == id),
                    );
                    if shown {
                        create.value().set(None);
                    }
                    revoked.set(true);
                }
                Err(error) => failure.set(Some(error)),
            }
            links.dispatch(());
        }
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if create.pending().get_untracked() {
            return;
        }
        failure.set(None);
        revoked.set(false);
        create.dispatch(CreateDocumentShare {
            valid_hours: hours.get_untracked(),
            // Only where the deployment offers it: a box ticked by default but never shown
            // must not ask for a text the server refuses.
            send_by_sms: config.share_by_sms() && send_by_sms.get_untracked(),
        });
    };
    let on_revoke = Callback::new(move |id: String| {
        failure.set(None);
        revoked.set(false);
        revoke.dispatch(id);
    });
    let sms_choice = move || {
        config.share_by_sms().then(|| {
            view! {
                <div class="app-choice">
                    <input class="app-choice__input" type="checkbox" id="share-by-sms" name="send_by_sms"
                        prop:checked=send_by_sms
                        on:change=move |event| send_by_sms.set(event_target_checked(&event)) />
                    <label class="app-choice__label" for="share-by-sms">
                        {tr(i18n, |l| td_string!(l, documents.share_by_sms))}
                    </label>
                </div>
            }
        })
    };
    let items = Signal::derive(move || {
        let read = links.value().get()?;
        Some(read.map(|list| list.into_iter().map(ShareItem::from).collect()))
    });

    view! {
        <section class="app-section" aria-labelledby="document-share-heading">
            <h2 class="app-section__heading" id="document-share-heading">
                {tr(i18n, |l| td_string!(l, documents.share_heading))}
            </h2>
            <p class="app-body">{tr(i18n, |l| td_string!(l, documents.share_intro))}</p>
            <form class="app-form" on:submit=submit>
                <fieldset class="app-fieldset">
                    <legend class="app-fieldset__legend">{tr(i18n, |l| td_string!(l, documents.share_for_legend))}</legend>
                    <div class="app-choices app-choices--inline">
                        <NumberRadios name="valid_hours" options=&LIVES value=hours />
                    </div>
                </fieldset>
                {sms_choice}
                <button type="submit" class="app-button" aria-disabled=move || create.pending().get().then_some("true")>
                    {tr(i18n, |l| td_string!(l, documents.share_button))}
                </button>
            </form>
            {move || create.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error /> })}
            {move || failure.get().map(|error| view! { <ErrorNotice error /> })}
            <p class="app-status-line" role="status">
                {move || revoked.get().then(|| tr(i18n, |l| td_string!(l, documents.share_revoked_notice)))}
            </p>
            {move || made().map(|share| view! { <MadeLink share /> })}
            <h3 class="app-section__subheading">{tr(i18n, |l| td_string!(l, documents.share_links_heading))}</h3>
            <ShareList
                items
                empty=|l| td_string!(l, documents.share_none)
                on_revoke
                on_retry=Callback::new(move |()| { links.dispatch(()); })
            />
        </section>
    }
}

/// The address a link's holder opens.
fn link_of(token: &str) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/shared/{token}")
}

/// The link just made: the address to copy, its QR, and when it ends. Takes focus, so a
/// screen reader says it is ready.
#[component]
fn MadeLink(
    /// The new link, with its secret.
    share: CreatedDocumentShare,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<H3>::new();
    use_focus_on_show(heading);
    let link = link_of(&share.token);
    let kiosk = expect_context::<ConfigContext>().kiosk();
    let copied = RwSignal::new(false);
    let copy = {
        let link = link.clone();
        move |_| {
            let clipboard = window().navigator().clipboard();
            let _ = clipboard.write_text(&link);
            copied.set(true);
        }
    };
    view! {
        <div class="app-share-created">
            <h3 class="app-section__subheading" tabindex="-1" node_ref=heading>
                {tr(i18n, |l| td_string!(l, documents.share_created))}
            </h3>
            <p class="app-body">{tr(i18n, |l| td_string!(l, documents.share_created_body))}</p>
            <p class="app-body">
                {tr(i18n, |l| td_string!(l, documents.share_link_label))} ": "
                <a class="app-link app-share-link" href=link.clone()>{link.clone()}</a>
            </p>
            // Not on a kiosk: what is copied there waits for the next person to paste it.
            {(!kiosk).then(|| view! {
            <p class="app-body">
                <button type="button" class="app-button app-button--secondary" on:click=copy>
                    {tr(i18n, |l| td_string!(l, documents.share_copy))}
                </button>
                <span class="app-status-line" role="status">
                    {move || copied.get().then(|| tr(i18n, |l| td_string!(l, documents.share_copied)))}
                </span>
            </p>
            })}
            {share.sms_sent_to.map(|phone| view! {
                <p class="app-body">
                    {tr(i18n, |l| td_string!(l, documents.share_sms_sent))} " " <strong>{phone}</strong> "."
                </p>
            })}
            <QrCode text=link label=Signal::derive(move || t_string!(i18n, documents.share_qr_label).to_owned()) />
            <p class="app-body">
                {tr(i18n, |l| td_string!(l, share.expires_at))} " " <strong>{format_api_time(&share.share.expires_at)}</strong>
            </p>
        </div>
    }
}
