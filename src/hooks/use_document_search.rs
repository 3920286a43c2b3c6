//! `use_document_search`: the documents search as the list page runs it. One search in flight
//! at a time, and no pause after a keystroke: on a fast link each letter is answered before the
//! next (the 50 ms target), on a slow one the letters typed meanwhile are sent as one search
//! when the answer arrives. Only an answer to the query as it now stands is shown.
//!
//! A citizen who types faster than their share of searches (429 `rate_limited`) keeps the list
//! they had and is told to wait; the search waits out the server's `Retry-After` and then
//! searches, by itself, for whatever the box holds by then.

use leptos::{prelude::*, task::spawn_local_scoped};
use portal_api::documents::{DocumentPage, DocumentQuery};

use crate::api::{self, Api, ApiError, use_api};
use crate::timer::sleep;

/// The wait when a refusal does not say how long (the portal's server always says): its
/// search window.
const UNSAID_WAIT_SECONDS: u32 = 3;

/// What the list page shows of its search, and how to run it again.
#[derive(Clone, Copy)]
pub struct DocumentSearch {
    /// The latest answer shown: a page, or why there is none; `None` before the first.
    pub results: RwSignal<Option<Result<DocumentPage, ApiError>>>,
    /// Whether an answer to the query as it now stands is still to come.
    pub loading: RwSignal<bool>,
    /// While the server has asked to wait: how many seconds it said.
    pub waiting: RwSignal<Option<u32>>,
    in_flight: StoredValue<bool>,
    query: Memo<DocumentQuery>,
    api: Api,
}

/// Searches for `query` whenever it changes.
///
/// ```ignore
/// let search = use_document_search(query);
/// view! { <ErrorNotice error on_retry=move |()| search.run() /> }
/// ```
pub fn use_document_search(query: Memo<DocumentQuery>) -> DocumentSearch {
    let search = DocumentSearch {
        results: RwSignal::new(None),
        loading: RwSignal::new(true),
        waiting: RwSignal::new(None),
        in_flight: StoredValue::new(false),
        query,
        api: use_api(),
    };
    Effect::new(move |_| {
        query.track();
        search.run();
    });
    search
}

impl DocumentSearch {
    /// Searches for the query as it stands; if a search or a wait is under way, that one
    /// searches again for the query as it stands once it is over.
    pub fn run(self) {
        let Self {
            results,
            loading,
            waiting,
            in_flight,
            query,
            api,
        } = self;
        loading.set(true);
        if in_flight.get_value() {
            return;
        }
        in_flight.set_value(true);
        spawn_local_scoped(async move {
            while let Some(wanted) = query.try_get_untracked() {
                let answer = api::documents::search(api, &wanted).await;
                if let Err(ApiError::RateLimited { retry_after }) = answer {
                    let seconds = retry_after.unwrap_or(UNSAID_WAIT_SECONDS).max(1);
                    waiting.try_set(Some(seconds));
                    sleep(i32::try_from(seconds.saturating_mul(1000)).unwrap_or(i32::MAX)).await;
                    waiting.try_set(None);
                    continue;
                }
                if query.try_with_untracked(|now| *now == wanted) != Some(false) {
                    results.try_set(Some(answer));
                    loading.try_set(false);
                    break;
                }
            }
            in_flight.try_set_value(false);
        });
    }
}
