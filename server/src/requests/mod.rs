//! Written requests for information: drafts, submission, the provider's workflow, results.
//!
//! [`drafts`] hold a citizen's answers until they submit; [`submitted`] requests carry a
//! reference number and a history; [`transition`] moves them through the [`workflow`]. Reads
//! that span both (a detail by draft id or reference, the list) are here.

pub mod catalogue;
mod change;
pub mod drafts;
pub mod submitted;
pub mod transition;
pub mod workflow;

pub use change::Change;

use crate::db::{Connection, DbError};
use portal_api::requests::{RequestDetail, RequestSummary};

use drafts::{draft_detail, find_draft};
use submitted::{RequestKey, find_submitted, submitted_detail};

/// The citizen's request or draft named by `key`: a reference (`YC-…`) or a draft's id. A
/// submitted draft's id leads to the request it became.
pub fn detail(
    connection: &Connection,
    owner: &str,
    key: &str,
) -> Result<Option<RequestDetail>, DbError> {
    if key.starts_with("YC-") {
        return find_submitted(connection, owner, RequestKey::Reference(key))?
            .map(|r| submitted_detail(connection, r))
            .transpose();
    }
    let Some(draft) = find_draft(connection, owner, key)? else {
        return Ok(None);
    };
    match draft.submitted_request_id {
        Some(id) => find_submitted(connection, owner, RequestKey::Id(id))?
            .map(|r| submitted_detail(connection, r))
            .transpose(),
        None => Ok(Some(draft_detail(draft))),
    }
}

/// The citizen's drafts and requests, most recently changed first.
pub fn list(connection: &Connection, owner: &str) -> Result<Vec<RequestSummary>, DbError> {
    let mut summaries = Vec::new();
    let mut drafts = connection.prepare(
        "SELECT id FROM request_drafts WHERE owner_id = ?1 AND submitted_request_id IS NULL",
    )?;
    let ids: Vec<String> = drafts
        .query_map([owner], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        if let Some(draft) = find_draft(connection, owner, &id)? {
            summaries.push(draft_detail(draft).summary);
        }
    }
    let mut requests = connection.prepare("SELECT id FROM requests WHERE owner_id = ?1")?;
    let ids: Vec<i64> = requests
        .query_map([owner], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        if let Some(request) = find_submitted(connection, owner, RequestKey::Id(id))? {
            summaries.push(submitted_detail(connection, request)?.summary);
        }
    }
    summaries.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
    Ok(summaries)
}
