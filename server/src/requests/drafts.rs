//! Drafts: a citizen's answers to the guided form, saved as they type, until submitted
//! ([`super::submitted::submit`]) or discarded.

use crate::db::{Connection, OptionalExtension};
use crate::params;
use portal_api::requests::{RequestAnswers, RequestDetail};

use super::Change;
use crate::auth::clock::rfc3339;
use crate::auth::secrets;
use crate::db::DbError;

/// A draft as its row holds it.
pub(super) struct Draft {
    pub(super) id: String,
    pub(super) revision: u32,
    pub(super) answers: RequestAnswers,
    pub(super) created_at: String,
    pub(super) updated_at: String,
    pub(super) submitted_request_id: Option<i64>,
}

/// The citizen's draft `id`, submitted or not.
pub(super) fn find_draft(
    connection: &Connection,
    owner: &str,
    id: &str,
) -> Result<Option<Draft>, DbError> {
    let row = connection
        .query_row(
            "SELECT id, answers_json, created_at, updated_at, submitted_request_id, revision
             FROM request_drafts WHERE owner_id = ?1 AND id = ?2",
            params![owner, id],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                ))
            },
        )
        .optional()?;
    row.map(
        |(id, answers, created_at, updated_at, submitted_request_id, revision)| {
            Ok(Draft {
                id,
                revision,
                answers: serde_json::from_str(&answers)?,
                created_at,
                updated_at,
                submitted_request_id,
            })
        },
    )
    .transpose()
}

/// A draft as the API shows it.
pub(super) fn draft_detail(draft: Draft) -> RequestDetail {
    RequestDetail::draft(
        draft.id,
        draft.revision,
        draft.answers,
        draft.created_at,
        draft.updated_at,
    )
}

/// Starts a draft with whatever answers the citizen has given.
pub fn create_draft(
    connection: &Connection,
    owner: &str,
    answers: &RequestAnswers,
    now: i64,
) -> Result<RequestDetail, DbError> {
    let id = format!("D-{}", &secrets::random_token()[..20]);
    let at = rfc3339(now);
    connection.execute(
        "INSERT INTO request_drafts (id, owner_id, answers_json, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![id, owner, serde_json::to_string(answers)?, at],
    )?;
    Ok(draft_detail(Draft {
        id,
        revision: 1,
        answers: answers.clone(),
        created_at: at.clone(),
        updated_at: at,
        submitted_request_id: None,
    }))
}

/// Saves the draft's answers (the autosave), if `revision` is still the draft's current one.
///
/// The one UPDATE decides, so two saves based on the same revision cannot both be taken,
/// whatever the database runs in parallel; only after it refused is the draft read, to say
/// why (no such draft, submitted, or saved meanwhile: [`Change::Stale`]).
pub fn update_draft(
    connection: &Connection,
    owner: &str,
    id: &str,
    revision: u32,
    answers: &RequestAnswers,
    now: i64,
) -> Result<Change, DbError> {
    let at = rfc3339(now);
    let saved = connection
        .query_row(
            "UPDATE request_drafts
             SET answers_json = ?4, updated_at = ?5, revision = revision + 1
             WHERE owner_id = ?1 AND id = ?2 AND revision = ?3 AND submitted_request_id IS NULL
             RETURNING revision, created_at",
            params![owner, id, revision, serde_json::to_string(answers)?, at],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    if let Some((revision, created_at)) = saved {
        return Ok(Change::Done(Box::new(draft_detail(Draft {
            id: id.to_owned(),
            revision,
            answers: answers.clone(),
            created_at,
            updated_at: at,
            submitted_request_id: None,
        }))));
    }
    Ok(match find_draft(connection, owner, id)? {
        None => Change::NotFound,
        Some(draft) if draft.submitted_request_id.is_some() => {
            Change::Conflict("the request was submitted; it can no longer change")
        }
        Some(draft) => Change::Stale(Box::new(draft_detail(draft))),
    })
}

/// Discards a draft that was never submitted.
pub fn discard_draft(connection: &Connection, owner: &str, id: &str) -> Result<Change, DbError> {
    let Some(draft) = find_draft(connection, owner, id)? else {
        return Ok(Change::NotFound);
    };
    if draft.submitted_request_id.is_some() {
        return Ok(Change::Conflict(
            "the request was submitted; withdraw it instead",
        ));
    }
    connection.execute("DELETE FROM request_drafts WHERE id = ?1", [id])?;
    Ok(Change::Done(Box::new(draft_detail(draft))))
}
