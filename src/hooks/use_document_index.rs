//! `use_document_index`: the citizen's whole document list, fetched once when the list page
//! opens and searched in the page (`portal_api::document_index`, the server's own rule), so
//! a keystroke is answered in the frame it was typed in, on any network, and offline once the
//! list has come.
//!
//! The list is not kept past the page: each visit fetches it again, so a document added
//! meanwhile is there, and nothing of a citizen outlives the page that showed it.
//!
//! Fetching it counts as one of the citizen's searches (their pace, issue 13). Refused for
//! that (429 `rate_limited`), the page says calmly to wait, waits out the server's
//! `Retry-After`, and fetches again by itself.

use std::sync::Arc;

use leptos::prelude::*;
use portal_api::document_index::SearchableDocuments;

use crate::api::{self, ApiError, use_api};
use crate::timer::sleep;

/// The wait when a refusal does not say how long (the portal's server always says): its
/// search window.
const UNSAID_WAIT_SECONDS: u32 = 3;

/// The list as the page searches it, or why it is not there.
pub type DocumentIndexAnswer = Result<Arc<SearchableDocuments>, ApiError>;

/// The citizen's document list, and how long the server asked to wait for it.
#[derive(Clone, Copy)]
pub struct DocumentIndex {
    /// The list ready to search; `None` while it is on its way.
    pub list: LocalResource<DocumentIndexAnswer>,
    /// While the server has asked to wait: how many seconds it said.
    pub waiting: RwSignal<Option<u32>>,
}

/// Fetches the signed-in citizen's document list.
///
/// ```ignore
/// let index = use_document_index();
/// let page = move || index.list.with(|list| /* list.search(&query) */);
/// ```
pub fn use_document_index() -> DocumentIndex {
    let api = use_api();
    let waiting = RwSignal::new(None);
    let list = LocalResource::new(move || async move {
        loop {
            match api::documents::index(api).await {
                Err(ApiError::RateLimited { retry_after }) => {
                    let seconds = retry_after.unwrap_or(UNSAID_WAIT_SECONDS).max(1);
                    waiting.set(Some(seconds));
                    sleep(i32::try_from(seconds.saturating_mul(1000)).unwrap_or(i32::MAX)).await;
                    waiting.set(None);
                }
                answer => return answer.map(|index| Arc::new(SearchableDocuments::new(index))),
            }
        }
    });
    DocumentIndex { list, waiting }
}
