//! `/record/access-log`: every read of the citizen's record and documents, newest first, 20 a
//! page, with the page number in the address so Back and reload keep it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use portal_api::Channel;
use portal_api::record_sync::{AccessActor, AccessEntry, AccessLogPage as LogPage};

use crate::api::{self, use_api};
use crate::components::{ErrorNotice, Loading, PageHeading};
use crate::i18n::*;
use crate::local_time;
use crate::text::tr;

/// The access log page.
#[component]
pub fn AccessLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok()))
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    });
    let log = LocalResource::new(move || {
        let page = page.get();
        async move { api::record::access_log(api, page).await }
    });

    view! {
        <PageHeading title=move || t_string!(i18n, page.access_log.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.access_log.intro))}</p>
        // A new page of the log shows the loading state, not the old page under the new number.
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match log.await {
                    Err(error) => view! { <ErrorNotice error on_retry=move |()| log.refetch() /> }.into_any(),
                    Ok(log) if log.entries.is_empty() => view! {
                        <p class="app-body">{tr(i18n, |l| td_string!(l, access_log.empty))}</p>
                    }.into_any(),
                    Ok(log) => view! { <LogTable log /> }.into_any(),
                }
            })}
        </Suspense>
        <p class="app-body">
            <a class="app-link" href="/record">{tr(i18n, |l| td_string!(l, access_log.back_to_record))}</a>
        </p>
    }
}

/// One page of entries and the links to the pages beside it.
#[component]
fn LogTable(
    /// The page the server answered.
    log: LogPage,
) -> impl IntoView {
    let i18n = use_i18n();
    let pages = log.total.div_ceil(log.per_page.max(1)).max(1);
    let page = log.page;
    let rows = log
        .entries
        .into_iter()
        .map(|entry| view! { <LogRow entry /> })
        .collect_view();
    view! {
        // On a narrow screen the table scrolls in its own region, never the page (WCAG 1.4.10
        // lets data tables do so); the region takes focus so a keyboard can scroll it.
        <div class="app-table-scroll" role="region" tabindex="0"
            aria-label=move || t_string!(i18n, access_log.caption)>
        <table class="app-table app-access-log">
            <caption class="app-visually-hidden">{tr(i18n, |l| td_string!(l, access_log.caption))}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(i18n, |l| td_string!(l, access_log.when))}</th>
                    <th scope="col">{tr(i18n, |l| td_string!(l, access_log.who))}</th>
                    <th scope="col">{tr(i18n, |l| td_string!(l, access_log.what))}</th>
                    <th scope="col">{tr(i18n, |l| td_string!(l, access_log.purpose))}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        </div>
        <nav class="app-pagination" aria-label=move || t_string!(i18n, access_log.pages_label)>
            {(page > 1).then(|| view! {
                <a class="app-link app-pagination__link" rel="prev" href=format!("/record/access-log?page={}", page - 1)>
                    {tr(i18n, |l| td_string!(l, access_log.previous))}
                </a>
            })}
            <span class="app-pagination__current">{t!(i18n, access_log.page_of, page, pages)}</span>
            {(page < pages).then(|| view! {
                <a class="app-link app-pagination__link" rel="next" href=format!("/record/access-log?page={}", page + 1)>
                    {tr(i18n, |l| td_string!(l, access_log.next))}
                </a>
            })}
        </nav>
    }
}

/// One read: when, who (and from which device and registered kiosk for the citizen's own),
/// what, why.
#[component]
fn LogRow(
    /// The entry.
    entry: AccessEntry,
) -> impl IntoView {
    let i18n = use_i18n();
    let when = local_time::parse(&entry.at)
        .map(|t| t.date_time())
        .unwrap_or(entry.at.clone());
    let actor = entry.actor;
    let channel = entry.channel;
    let device = entry.device.clone();
    let kiosk = entry.kiosk.clone();
    let what = entry.what.clone();
    let purpose = entry.purpose.clone();
    let who = move || {
        let locale = i18n.get_locale();
        let name = match actor {
            AccessActor::Citizen => td_string!(locale, access_log.actor_citizen),
            AccessActor::NationalSync => td_string!(locale, access_log.actor_national_sync),
            AccessActor::SharedQrVerification => td_string!(locale, access_log.actor_shared_qr),
            AccessActor::SharedLinkView => td_string!(locale, access_log.actor_shared_link),
        };
        let channel = channel.map(|c| match c {
            Channel::Web => td_string!(locale, access_log.channel_web),
            Channel::Kiosk => td_string!(locale, access_log.channel_kiosk),
        });
        let detail: Vec<&str> = channel
            .into_iter()
            .chain(kiosk.as_deref())
            .chain(device.as_deref())
            .collect();
        if detail.is_empty() {
            name.to_owned()
        } else {
            format!("{name} ({})", detail.join(", "))
        }
    };
    let what_text = match what.strip_prefix("document:") {
        Some(code) => {
            let code = code.to_owned();
            t!(i18n, access_log.what_document, code = move || code.clone()).into_any()
        }
        None => (move || {
            let locale = i18n.get_locale();
            match what.as_str() {
                "record" => td_string!(locale, access_log.what_record).to_owned(),
                "record_refresh" => td_string!(locale, access_log.what_refresh).to_owned(),
                "shared_fields" => td_string!(locale, access_log.what_shared_fields).to_owned(),
                other => other.to_owned(),
            }
        })
        .into_any(),
    };
    let purpose_text = move || {
        let locale = i18n.get_locale();
        match purpose.as_str() {
            "view" => td_string!(locale, access_log.purpose_view).to_owned(),
            "refresh" => td_string!(locale, access_log.purpose_refresh).to_owned(),
            "verification" => td_string!(locale, access_log.purpose_verification).to_owned(),
            "preview" => td_string!(locale, access_log.purpose_preview).to_owned(),
            "download" => td_string!(locale, access_log.purpose_download).to_owned(),
            other => other.to_owned(),
        }
    };
    view! {
        <tr>
            <td>{when}</td>
            <td>{who}</td>
            <td>{what_text}</td>
            <td>{purpose_text}</td>
        </tr>
    }
}
