//! `/record/share`: the citizen chooses fields of their record and how long to share them,
//! gets a QR signed by the portal, and sees (and can revoke) the codes they shared.

mod created;
mod form;

use leptos::prelude::*;
use portal_api::share::Share;

use crate::api::{self, ApiError, use_api};
use crate::components::{ErrorNotice, PageHeading};
use crate::i18n::*;
use crate::share_list::{ShareItem, ShareList};
use crate::text::tr;
use created::CreatedShare;
use form::ShareForm;

/// The share page: the form, the code just made, and the list of the citizen's codes, read
/// again after every change so it shows what the server holds.
#[component]
pub fn SharePage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let shares = LocalResource::new(move || async move { api::share::list_shares(api).await });
    let created = RwSignal::new(None::<Share>);
    let revoked = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);

    let on_created = Callback::new(move |share: Share| {
        revoked.set(false);
        created.set(Some(share));
        shares.refetch();
    });
    let revoke = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move {
            match api::share::revoke_share(api, &id).await {
                // Not found: revoked already, from another tab; the list was stale.
                Ok(()) | Err(ApiError::NotFound) => {
                    revoked.set(true);
                    // A revoked code's QR must not stay on screen as if it still worked.
                    if created.with_untracked(|c| c.as_ref().is_some_and(|c| c.id == id)) {
                        created.set(None);
                    }
                }
                Err(error) => failed.set(Some(error)),
            }
            shares.refetch();
        }
    });
    let on_revoke = Callback::new(move |id: String| {
        revoked.set(false);
        failed.set(None);
        revoke.dispatch(id);
    });

    view! {
        <PageHeading title=move || t_string!(i18n, page.share.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.share.intro))}</p>
        <div role="status" class="app-status-line">
            {move || revoked.get().then(|| view! {
                <p class="app-notification app-notification__body">
                    {tr(i18n, |l| td_string!(l, share.revoked_notice))}
                </p>
            })}
        </div>
        {move || failed.get().map(|error| view! { <ErrorNotice error /> })}
        // The new code comes first: it is what the citizen came for.
        {move || created.get().map(|share| view! { <CreatedShare share /> })}
        <ShareForm on_created />
        <section class="app-section" aria-labelledby="shares-heading">
            <h2 class="app-section__heading" id="shares-heading">
                {tr(i18n, |l| td_string!(l, share.shares_heading))}
            </h2>
            <ShareList
                items=Signal::derive(move || shares.get().map(|read| read.map(|list| list.into_iter().map(ShareItem::from).collect())))
                empty=|l| td_string!(l, share.no_shares)
                on_revoke
                on_retry=Callback::new(move |()| shares.refetch())
            />
        </section>
    }
}
