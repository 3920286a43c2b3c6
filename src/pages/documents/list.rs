//! `/documents`: the citizen's data store, searched as they type, filtered and sorted, a page
//! at a time. Search, filters, sort and page live in the address, so Back, Forward, reload and
//! a shared link show the same list.
//!
//! The server searches and pages (diacritics folded in SQL, over indexes): a store of 10,000
//! documents sends 50 rows, never 10,000, so the page stays small and quick on a cheap phone.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_api::documents::{
    DocumentCategory, DocumentPage, DocumentQuery, DocumentSort, FacetCount,
};

use super::words::category_text;
use crate::api;
use crate::components::{ErrorNotice, PageHeading, RetryCountdown, Skeleton};
use crate::forms::{FieldValue, SelectField, TextField};
use crate::hooks::{DocumentSearch, use_document_search};
use crate::i18n::*;
use crate::text::{grouped, tr};

/// The list page.
#[component]
pub fn DocumentListPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let navigate = use_navigate();
    let query = Memo::new(move |_| {
        query_map.with(|q| {
            let pairs: Vec<(String, String)> = q
                .clone()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            DocumentQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                .unwrap_or_else(|_| DocumentQuery::from_pairs([]).unwrap_or_default())
        })
    });
    let search = use_document_search(query);
    let DocumentSearch {
        results,
        loading,
        waiting,
        ..
    } = search;

    // Goes to `next`: typing replaces the address, a filter adds a step Back can undo.
    let go = {
        let navigate = navigate.clone();
        move |next: DocumentQuery, replace: bool| {
            let search = api::documents::query_string(&next);
            let path = if search.is_empty() {
                "/documents".to_owned()
            } else {
                format!("/documents?{search}")
            };
            navigate(
                &path,
                NavigateOptions {
                    replace,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        }
    };
    let typed = RwSignal::new(query.get_untracked().q);
    // Back and Forward bring their own words into the box.
    Effect::new(move |_| {
        let q = query.with(|q| q.q.clone());
        if typed.with_untracked(|t| t.trim() != q) {
            typed.set(q);
        }
    });
    // What the citizen types shows at once, and replaces the address (no step for Back).
    let search_box = FieldValue {
        get: typed.into(),
        set: {
            let go = go.clone();
            SignalSetter::map(move |text: String| {
                typed.set(text.clone());
                let mut next = query.get_untracked();
                next.q = text;
                next.page = 1;
                go(next, true);
            })
        },
    };
    // A filter shows what the address says, and a new choice goes back to page 1 as a step
    // that Back can undo.
    let filter = {
        let go = go.clone();
        move |read: fn(&DocumentQuery) -> Option<String>, change: fn(&mut DocumentQuery, String)| {
            let go = go.clone();
            FieldValue {
                get: Signal::derive(move || query.with(|q| read(q).unwrap_or_default())),
                set: SignalSetter::map(move |value| {
                    let mut next = query.get_untracked();
                    change(&mut next, value);
                    next.page = 1;
                    go(next, false);
                }),
            }
        }
    };
    let facets = move || {
        results.with(|r| match r {
            Some(Ok(page)) => Some(page.facets.clone()),
            _ => None,
        })
    };

    view! {
        <PageHeading title=move || t_string!(i18n, page.documents.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.documents.intro))}</p>
        <p class="app-body">
            <a href="/documents/upload" class="app-button app-button--secondary">
                {tr(i18n, |l| td_string!(l, documents.upload_link))}
            </a>
        </p>
        <form class="app-search" role="search" on:submit=|event| event.prevent_default()>
            <TextField
                id="q"
                label=|l| td_string!(l, documents.search_label)
                hint=|l| td_string!(l, documents.search_hint)
                value=search_box
                input_type="search"
                controls="document-results"
            />
            <fieldset class="app-filters">
                <legend class="app-visually-hidden">{tr(i18n, |l| td_string!(l, documents.filters_label))}</legend>
                <SelectField
                    id="category"
                    class="app-filters__item"
                    label=|l| td_string!(l, documents.category_label)
                    first=|l| td_string!(l, documents.all)
                    options=Signal::derive(move || keep_chosen(query.with(|q| q.category.map(|c| c.as_str().to_owned())), facet_options(facets().map(|f| f.categories), |value, locale| {
                        DocumentCategory::parse(value).map_or_else(|| value.to_owned(), |c| category_text(locale, c).to_owned())
                    }, i18n.get_locale())))
                    value=filter(|q| q.category.map(|c| c.as_str().to_owned()), |q, v| q.category = DocumentCategory::parse(&v))
                />
                <SelectField
                    id="agency"
                    class="app-filters__item"
                    label=|l| td_string!(l, documents.agency_label)
                    first=|l| td_string!(l, documents.all)
                    options=Signal::derive(move || keep_chosen(query.with(|q| q.agency.clone()), facet_options(facets().map(|f| f.agencies), |v, _| v.to_owned(), i18n.get_locale())))
                    value=filter(|q| q.agency.clone(), |q, v| q.agency = (!v.is_empty()).then_some(v))
                />
                <SelectField
                    id="year"
                    class="app-filters__item"
                    label=|l| td_string!(l, documents.year_label)
                    first=|l| td_string!(l, documents.all)
                    options=Signal::derive(move || keep_chosen(query.with(|q| q.year.map(|y| y.to_string())), facet_options(facets().map(|f| f.years), |v, _| v.to_owned(), i18n.get_locale())))
                    value=filter(|q| q.year.map(|y| y.to_string()), |q, v| q.year = v.parse().ok())
                />
                <SelectField
                    id="sort"
                    class="app-filters__item"
                    label=|l| td_string!(l, documents.sort_label)
                    options=Signal::derive(move || sort_options(i18n.get_locale()))
                    value=filter(|q| Some(q.sort.as_str().to_owned()), |q, v| q.sort = DocumentSort::parse(&v).unwrap_or_default())
                />
            </fieldset>
        </form>
        // While the server has asked to wait, nothing is on its way: the list the citizen had
        // stays at full strength (not dimmed as busy), and the notice says when it updates.
        <section id="document-results" class="app-results" aria-busy=move || (loading.get() && waiting.with(Option::is_none)).then_some("true")
            aria-label=move || t_string!(i18n, documents.results_label)>
            {move || waiting.get().map(|seconds| view! { <SearchWait seconds /> })}
            {move || match results.get() {
                None => view! { <Skeleton /> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error on_retry=move |()| search.run() /> }.into_any(),
                Some(Ok(page)) if page.items.is_empty() => view! {
                    <p class="app-body" role="status">{tr(i18n, |l| td_string!(l, documents.empty))}</p>
                    <p class="app-body"><a class="app-link" href="/documents">{tr(i18n, |l| td_string!(l, documents.clear))}</a></p>
                }.into_any(),
                Some(Ok(page)) => view! { <ResultList page query /> }.into_any(),
            }}
        </section>
    }
}

/// "You're going a little fast. Please try again in 3 seconds. The list will update by
/// itself once the wait is over": announced once, politely; the list below stays as it was.
#[component]
fn SearchWait(
    /// Seconds the server asked to wait.
    seconds: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="app-inset-text" role="status">
            <p class="app-inset-text__body">
                {tr(i18n, |l| td_string!(l, error.rate_limited))} " " <RetryCountdown seconds />
            </p>
            <p class="app-inset-text__body">{tr(i18n, |l| td_string!(l, documents.search_waiting))}</p>
        </div>
    }
}

/// A filter's options from the server's counts: "Hộ tịch (12)".
fn facet_options(
    counts: Option<Vec<FacetCount>>,
    words: fn(&str, Locale) -> String,
    locale: Locale,
) -> Vec<(String, String)> {
    counts
        .unwrap_or_default()
        .into_iter()
        .map(|f| {
            (
                f.value.clone(),
                format!("{} ({})", words(&f.value, locale), f.count),
            )
        })
        .collect()
}

/// `options` with the `chosen` value kept listed even when the search leaves none of it, so
/// the select still shows what the address says.
fn keep_chosen(
    chosen: Option<String>,
    mut options: Vec<(String, String)>,
) -> Vec<(String, String)> {
    if let Some(chosen) = chosen.filter(|c| !c.is_empty())
        && !options.iter().any(|(value, _)| *value == chosen)
    {
        options.insert(0, (chosen.clone(), chosen));
    }
    options
}

/// The orders the list can take, each with its words.
fn sort_options(locale: Locale) -> Vec<(String, String)> {
    [
        (
            DocumentSort::Newest,
            td_string!(locale, documents.sort_newest),
        ),
        (
            DocumentSort::Oldest,
            td_string!(locale, documents.sort_oldest),
        ),
        (DocumentSort::Name, td_string!(locale, documents.sort_name)),
    ]
    .into_iter()
    .map(|(sort, words)| (sort.as_str().to_owned(), words.to_owned()))
    .collect()
}

/// The count, the documents of this page, and the links to the pages beside it.
#[component]
fn ResultList(
    /// The page the server answered.
    page: DocumentPage,
    /// The search it answers, for the page links.
    query: Memo<DocumentQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pages = page.total.div_ceil(page.per_page.max(1)).max(1);
    let current = page.page;
    let total = page.total;
    let link = move |to: u32| {
        let mut next = query.get_untracked();
        next.page = to;
        format!("/documents?{}", api::documents::query_string(&next))
    };
    let items = page
        .items
        .into_iter()
        .map(|doc| {
            let category = doc.category;
            let valid = doc.valid_until.map(|d| d.to_display());
            view! {
                <li class="app-document">
                    <h2 class="app-document__name">
                        <a class="app-link" href=format!("/documents/{}", doc.code)>{doc.name.clone()}</a>
                    </h2>
                    <dl class="app-document__meta">
                        <div><dt>{tr(i18n, |l| td_string!(l, documents.code))}</dt><dd>{doc.code.clone()}</dd></div>
                        <div><dt>{tr(i18n, |l| td_string!(l, documents.category))}</dt><dd>{move || category_text(i18n.get_locale(), category)}</dd></div>
                        <div><dt>{tr(i18n, |l| td_string!(l, documents.agency))}</dt><dd>{doc.issuing_agency.clone()}</dd></div>
                        <div><dt>{tr(i18n, |l| td_string!(l, documents.issued_on))}</dt><dd>{doc.issued_on.to_display()}</dd></div>
                        <div><dt>{tr(i18n, |l| td_string!(l, documents.valid_until))}</dt><dd>{match valid {
                            Some(date) => date.into_any(),
                            None => tr(i18n, |l| td_string!(l, documents.valid_forever)).into_any(),
                        }}</dd></div>
                    </dl>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="app-body" role="status"><strong>{move || { let count = grouped(total, i18n.get_locale()); t!(i18n, documents.count, count) }}</strong></p>
        <ul class="app-document-list">{items}</ul>
        <nav class="app-pagination" aria-label=move || t_string!(i18n, documents.pages_label)>
            {(current > 1).then(|| view! {
                <a class="app-link app-pagination__link" rel="prev" href=link(current - 1)>{tr(i18n, |l| td_string!(l, documents.previous))}</a>
            })}
            <span class="app-pagination__current">{t!(i18n, documents.page_of, page = current, pages)}</span>
            {(current < pages).then(|| view! {
                <a class="app-link app-pagination__link" rel="next" href=link(current + 1)>{tr(i18n, |l| td_string!(l, documents.next))}</a>
            })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(value: &str) -> (String, String) {
        (value.to_owned(), format!("{value} (1)"))
    }

    #[test]
    fn a_chosen_filter_stays_listed_when_the_search_leaves_none_of_it() {
        let options = vec![option("2024")];
        assert_eq!(
            keep_chosen(Some("2019".to_owned()), options.clone()),
            vec![("2019".to_owned(), "2019".to_owned()), option("2024")]
        );
        assert_eq!(
            keep_chosen(Some("2024".to_owned()), options.clone()),
            options
        );
        assert_eq!(keep_chosen(Some(String::new()), options.clone()), options);
        assert_eq!(keep_chosen(None, options.clone()), options);
    }
}
