//! `/documents`: the citizen's data store, searched as they type, filtered and sorted, a page
//! at a time. Search, filters, sort and page live in the address, so Back, Forward, reload and
//! a shared link show the same list.
//!
//! The page fetches the citizen's whole list once (`use_document_index`) and searches it
//! itself, by the server's own rule (`portal_api::document_index`): a keystroke is answered
//! in the frame it was typed in, at 10,000 documents too, on a slow network and offline.
//! The list shows one page of 20, so the page stays small on a cheap phone, and a keystroke
//! builds at most 20 rows.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_api::documents::{
    DocumentCategory, DocumentFacets, DocumentPage, DocumentQuery, DocumentSort, DocumentSummary,
    FacetCount,
};

use super::words::category_text;
use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, PageHeading, RetryCountdown, Skeleton};
use crate::forms::{FieldValue, SelectField, TextField};
use crate::hooks::{DocumentIndex, use_document_index};
use crate::i18n::*;
use crate::text::{grouped, tr};

/// How long the typing pauses before the address takes the words.
const ADDRESS_PAUSE: std::time::Duration = std::time::Duration::from_millis(400);

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
    let typed = RwSignal::new(query.get_untracked().q);
    // The search as it stands: the address's, with the words in the box, which reach the
    // address a moment after the typing pauses (below).
    let searched = Memo::new(move |_| {
        let mut next = query.get();
        let words = typed.with(|t| t.trim().to_owned());
        if words != next.q {
            next.q = words;
            next.page = 1;
        }
        next
    });
    let DocumentIndex { list, waiting } = use_document_index();
    // The page the search asks for, from the list in memory: no request, no wait.
    let results = Memo::new(move |_| {
        list.with(|list| {
            list.as_ref().map(|list| {
                list.as_ref()
                    .map(|list| searched.with(|q| list.search(q)))
                    .map_err(Clone::clone)
            })
        })
    });
    let shown = Memo::new(move |_| {
        results.with(|answer| match answer {
            None => Shown::Loading,
            Some(Err(error)) => Shown::Failed(error.clone()),
            Some(Ok(page)) if page.items.is_empty() => Shown::Nothing,
            Some(Ok(_)) => Shown::Found,
        })
    });
    // The filters count the whole store, whatever the search: worked out once per list.
    let facets = Memo::new(move |_| {
        list.with(|list| match list {
            Some(Ok(list)) => Some(list.facets().clone()),
            _ => None,
        })
    });

    // The address catches up with the words typed once the typing pauses: a keystroke is
    // answered from memory at once, without the router's work of a new address each time.
    let address_later = StoredValue::new(None::<TimeoutHandle>);
    let cancel_address_later = move || {
        if let Some(handle) = address_later.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    on_cleanup(cancel_address_later);

    // Goes to `next`: typing replaces the address, a filter adds a step Back can undo.
    let go = {
        let navigate = navigate.clone();
        move |next: DocumentQuery, replace: bool| {
            cancel_address_later();
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
    // Back and Forward bring their own words into the box.
    Effect::new(move |_| {
        let q = query.with(|q| q.q.clone());
        if typed.with_untracked(|t| t.trim() != q) {
            typed.set(q);
        }
    });
    // What the citizen types is searched at once, and replaces the address (no step for
    // Back) once the typing pauses, unless the address has moved on by then (a page link).
    let search_box = FieldValue {
        get: typed.into(),
        set: {
            let go = go.clone();
            SignalSetter::map(move |text: String| {
                typed.set(text);
                cancel_address_later();
                let go = go.clone();
                let handle = set_timeout_with_handle(
                    move || {
                        if let (Some(next), Some(now)) =
                            (searched.try_get_untracked(), query.try_get_untracked())
                            && next != now
                        {
                            go(next, true);
                        }
                    },
                    ADDRESS_PAUSE,
                )
                .ok();
                address_later.try_set_value(handle);
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
                    let mut next = searched.get_untracked();
                    change(&mut next, value);
                    next.page = 1;
                    go(next, false);
                }),
            }
        }
    };
    let facets = move |read: fn(&DocumentFacets) -> &Vec<FacetCount>| {
        facets.with(|f| f.as_ref().map(|f| read(f).clone()))
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
                    options=Signal::derive(move || keep_chosen(query.with(|q| q.category.map(|c| c.as_str().to_owned())), facet_options(facets(|f| &f.categories), |value, locale| {
                        DocumentCategory::parse(value).map_or_else(|| value.to_owned(), |c| category_text(locale, c).to_owned())
                    }, i18n.get_locale())))
                    value=filter(|q| q.category.map(|c| c.as_str().to_owned()), |q, v| q.category = DocumentCategory::parse(&v))
                />
                <SelectField
                    id="agency"
                    class="app-filters__item"
                    label=|l| td_string!(l, documents.agency_label)
                    first=|l| td_string!(l, documents.all)
                    options=Signal::derive(move || keep_chosen(query.with(|q| q.agency.clone()), facet_options(facets(|f| &f.agencies), |v, _| v.to_owned(), i18n.get_locale())))
                    value=filter(|q| q.agency.clone(), |q, v| q.agency = (!v.is_empty()).then_some(v))
                />
                <SelectField
                    id="year"
                    class="app-filters__item"
                    label=|l| td_string!(l, documents.year_label)
                    first=|l| td_string!(l, documents.all)
                    options=Signal::derive(move || keep_chosen(query.with(|q| q.year.map(|y| y.to_string())), facet_options(facets(|f| &f.years), |v, _| v.to_owned(), i18n.get_locale())))
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
        // While the server has asked to wait, nothing is on its way: the page is not busy, and
        // the notice says when the list comes.
        <section id="document-results" class="app-results" aria-busy=move || (results.with(Option::is_none) && waiting.with(Option::is_none)).then_some("true")
            aria-label=move || t_string!(i18n, documents.results_label)>
            {move || waiting.get().map(|seconds| view! { <SearchWait seconds /> })}
            // Only a change of kind builds the region again; a new answer of the same kind
            // updates the list in place (`ResultList`), row by row.
            {move || match shown.get() {
                Shown::Loading => view! { <Skeleton /> }.into_any(),
                Shown::Failed(error) => view! { <ErrorNotice error on_retry=move |()| list.refetch() /> }.into_any(),
                Shown::Nothing => view! {
                    // Says the words too, so that each word typed is answered, even where
                    // nothing is found before or after it.
                    <p class="app-body" role="status">
                        {tr(i18n, |l| td_string!(l, documents.empty))}
                        {move || {
                            let words = searched.with(|q| q.q.clone());
                            (!words.is_empty()).then(|| view! { " " {t!(i18n, documents.empty_words, words)} })
                        }}
                    </p>
                    <p class="app-body"><a class="app-link" href="/documents">{tr(i18n, |l| td_string!(l, documents.clear))}</a></p>
                }.into_any(),
                Shown::Found => view! { <ResultList results query=searched /> }.into_any(),
            }}
        </section>
    }
}

/// "You're going a little fast. Please try again in 3 seconds. The list will update by
/// itself once the wait is over": announced once, politely.
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

/// A filter's options from the store's counts: "Hộ tịch (12)".
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

/// What the results region shows.
#[derive(Clone, PartialEq)]
enum Shown {
    /// The list is on its way.
    Loading,
    /// The list could not be fetched.
    Failed(ApiError),
    /// Nothing matches.
    Nothing,
    /// A page of documents.
    Found,
}

/// The answer to a search, as the results region reads it.
type Answer = Option<Result<DocumentPage, ApiError>>;

/// The count, the documents of this page, and the links to the pages beside it. Each answer
/// updates them in place: the rows stay, and take the words of the documents now listed.
#[component]
fn ResultList(
    /// The answer to the search as it now stands.
    results: Memo<Answer>,
    /// The search it answers, for the count and the page links.
    query: Memo<DocumentQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let read = move |part: fn(&DocumentPage) -> u32| {
        results.with(|answer| match answer {
            Some(Ok(page)) => part(page),
            _ => 0,
        })
    };
    let total = move || read(|page| page.total);
    let current = move || read(|page| page.page);
    let pages = move || read(|page| page.total.div_ceil(page.per_page.max(1)).max(1));
    let items = Memo::new(move |_| {
        results.with(|answer| match answer {
            Some(Ok(page)) => page.items.clone(),
            _ => Vec::new(),
        })
    });
    let link = move |to: u32| {
        let mut next = query.get_untracked();
        next.page = to;
        format!("/documents?{}", api::documents::query_string(&next))
    };
    // "Tìm thấy 12 giấy tờ với từ khóa “khai sinh”": the count says what it counts, and
    // changes with every word typed, even where the list does not.
    let count = move || {
        let count = grouped(total(), i18n.get_locale());
        let words = query.with(|q| q.q.trim().to_owned());
        if words.is_empty() {
            t!(i18n, documents.count, count).into_any()
        } else {
            t!(i18n, documents.count_for, count, words).into_any()
        }
    };
    view! {
        <p class="app-body" role="status"><strong>{count}</strong></p>
        <ul class="app-document-list">
            <For
                each=move || { let locale = i18n.get_locale(); (0..items.with(Vec::len)).map(move |index| (locale, index)) }
                key=|row| *row
                let((locale, index))
            >
                <DocumentItem items index locale />
            </For>
        </ul>
        <nav class="app-pagination" aria-label=move || t_string!(i18n, documents.pages_label)>
            {move || (current() > 1).then(|| view! {
                <a class="app-link app-pagination__link" rel="prev" href=link(current() - 1)>{tr(i18n, |l| td_string!(l, documents.previous))}</a>
            })}
            <span class="app-pagination__current">{move || { let (page, pages) = (current(), pages()); t!(i18n, documents.page_of, page, pages) }}</span>
            {move || (current() < pages()).then(|| view! {
                <a class="app-link app-pagination__link" rel="next" href=link(current() + 1)>{tr(i18n, |l| td_string!(l, documents.next))}</a>
            })}
        </nav>
    }
}

/// The `index`th row of the list, in `locale`: the document's name as the link to it, and
/// what identifies it. A row stays while the list has that many documents, and takes the
/// words of whichever document is now at its place: a keystroke changes text, it does not
/// build rows. Its labels are fixed; the list keys its rows by language too, so a switch of
/// language builds them again.
#[component]
fn DocumentItem(
    /// The documents of the page.
    items: Memo<Vec<DocumentSummary>>,
    /// This row's place among them.
    index: usize,
    /// The language of its words.
    locale: Locale,
) -> impl IntoView {
    let field = move |read: fn(&DocumentSummary, Locale) -> String| {
        move || {
            items.with(|docs| {
                docs.get(index)
                    .map(|doc| read(doc, locale))
                    .unwrap_or_default()
            })
        }
    };
    view! {
        <li class="app-document">
            <h2 class="app-document__name">
                <a class="app-link" href=field(|doc, _| format!("/documents/{}", doc.code))>{field(|doc, _| doc.name.clone())}</a>
            </h2>
            <dl class="app-document__meta">
                <div><dt>{td_string!(locale, documents.code)}</dt><dd>{field(|doc, _| doc.code.clone())}</dd></div>
                <div><dt>{td_string!(locale, documents.category)}</dt><dd>{field(|doc, locale| category_text(locale, doc.category).to_owned())}</dd></div>
                <div><dt>{td_string!(locale, documents.agency)}</dt><dd>{field(|doc, _| doc.issuing_agency.clone())}</dd></div>
                <div><dt>{td_string!(locale, documents.issued_on)}</dt><dd>{field(|doc, _| doc.issued_on.to_display())}</dd></div>
                <div><dt>{td_string!(locale, documents.valid_until)}</dt><dd>{field(|doc, locale| {
                    doc.valid_until.map_or_else(|| td_string!(locale, documents.valid_forever).to_owned(), |date| date.to_display())
                })}</dd></div>
            </dl>
        </li>
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
