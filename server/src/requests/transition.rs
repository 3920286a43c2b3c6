//! A submitted request's moves through the workflow: the citizen's (withdrawing, answering a
//! question), the provider's decisions, and the simulated provider's pace.

use crate::db::Connection;
use crate::params;
use portal_api::RequestStatus;
use portal_api::fold_vietnamese;
use portal_api::requests::RequestKind;

use super::submitted::{RequestKey, find_submitted};
use super::workflow::{self, Actor};
use super::{Change, detail};
use crate::auth::clock::rfc3339;
use crate::db::DbError;

/// One move: where to, by whom, with what the mover said and attached.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    /// The status the request moves to.
    pub to: RequestStatus,
    /// Who moves it; the workflow allows each actor its own moves.
    pub actor: Actor,
    /// The note: the provider's question or refusal reason, the citizen's answer.
    pub note: Option<&'a str>,
    /// A file the citizen attached to their answer.
    pub attachment: Option<&'a NewAttachment>,
}

impl Step<'_> {
    /// A move with nothing said or attached.
    pub const fn bare(to: RequestStatus, actor: Actor) -> Self {
        Self {
            to,
            actor,
            note: None,
            attachment: None,
        }
    }
}

/// Moves the citizen's request `reference` by `step`, if the workflow allows it.
pub fn transition(
    connection: &Connection,
    owner: &str,
    reference: &str,
    step: &Step<'_>,
    now: i64,
) -> Result<Change, DbError> {
    let Step {
        to,
        actor,
        note,
        attachment,
    } = *step;
    // The request's row lock, as in `submit`: two changes at once (the citizen's and the
    // provider's, or two servers' pacers) are checked against the workflow one after the other.
    connection.execute(
        "UPDATE requests SET status = status WHERE owner_id = ?1 AND reference = ?2",
        params![owner, reference],
    )?;
    let Some(request) = find_submitted(connection, owner, RequestKey::Reference(reference))? else {
        return Ok(Change::NotFound);
    };
    if !workflow::allowed(request.status, to, actor) {
        return Ok(Change::Conflict("the request's status does not allow this"));
    }
    let at = rfc3339(now);
    let refusal = (to == RequestStatus::Refused).then_some(note.unwrap_or_default());
    let result = if to == RequestStatus::Provided {
        Some(insert_result_document(
            connection,
            owner,
            reference,
            request.answers.kind,
            &at,
        )?)
    } else {
        None
    };
    connection.execute(
        "UPDATE requests SET status = ?2, updated_at = ?3,
             refusal_reason = coalesce(?4, refusal_reason),
             result_document_code = coalesce(?5, result_document_code)
         WHERE id = ?1",
        params![request.id, to.as_str(), at, refusal, result],
    )?;
    let event_id: i64 = connection.query_row(
        "INSERT INTO request_events (request_id, status, at, note, by_citizen)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        params![request.id, to.as_str(), at, note, actor == Actor::Citizen],
        |row| row.get(0),
    )?;
    if let Some(file) = attachment {
        connection.execute(
            "INSERT INTO request_attachments (event_id, file_name, content_type, bytes)
             VALUES (?1, ?2, ?3, ?4)",
            params![event_id, file.file_name, file.content_type, file.bytes],
        )?;
    }
    Ok(detail(connection, owner, reference)?
        .map_or(Change::NotFound, |d| Change::Done(Box::new(d))))
}

/// A file attached to the citizen's answer, checked (`portal_api::upload::check_attachment`).
#[derive(Debug, Clone)]
pub struct NewAttachment {
    /// Its name as it was on the citizen's device.
    pub file_name: String,
    /// Its content type, judged by its content.
    pub content_type: &'static str,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Puts the provided information into the citizen's data store and returns its code.
pub fn insert_result_document(
    connection: &Connection,
    owner: &str,
    reference: &str,
    kind: Option<RequestKind>,
    at: &str,
) -> Result<String, DbError> {
    let code = format!("KQ-{}", reference.trim_start_matches("YC-"));
    let what = match kind {
        Some(RequestKind::RecordExtract) => "trích lục thông tin công dân",
        Some(RequestKind::IdConfirmation) => "xác nhận số định danh cá nhân",
        Some(RequestKind::ResidenceConfirmation) => "xác nhận thông tin về cư trú",
        Some(RequestKind::HouseholdInformation) => "thông tin hộ gia đình",
        Some(RequestKind::RecordCorrection) | None => "kết quả điều chỉnh thông tin",
    };
    let name = format!("Văn bản cung cấp thông tin: {what}");
    let agency = "Cục Cảnh sát quản lý hành chính về trật tự xã hội";
    let document: i64 = connection.query_row(
        "INSERT INTO documents (owner_id, code, name, name_folded, category, issuing_agency,
             issued_on, procedure, file_name, content_type, blob_path, synced_at)
         VALUES (?1, ?2, ?3, ?4, 'other', ?5, ?6, 'Cung cấp thông tin trong Cơ sở dữ liệu quốc gia về dân cư',
             ?7, 'application/pdf', ?8, ?9)
         RETURNING id",
        params![
            owner,
            code,
            name,
            fold_vietnamese(&name),
            agency,
            &at[..10],
            format!("{code}.pdf"),
            format!("results/{code}.pdf"),
            at
        ],
        |row| row.get(0),
    )?;
    connection.execute(
        "INSERT INTO document_events (document_id, at, kind, note) VALUES (?1, ?2, 'issued', ?3), (?1, ?4, 'added', ?5)",
        params![document, &at[..10], agency, at, reference],
    )?;
    Ok(code)
}

/// The simulated provider takes in and starts handling requests that have waited `pace`
/// seconds at each step; returns how many moved.
pub fn advance_workflow(connection: &Connection, now: i64, pace: i64) -> Result<usize, DbError> {
    let before = rfc3339(now - pace);
    let mut moved = 0;
    for (from, to) in [
        (RequestStatus::Received, RequestStatus::Processing),
        (RequestStatus::Submitted, RequestStatus::Received),
    ] {
        let mut statement = connection.prepare(
            "SELECT owner_id, reference FROM requests WHERE status = ?1 AND updated_at <= ?2",
        )?;
        let due: Vec<(String, String)> = statement
            .query_map(params![from.as_str(), before], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        for (owner, reference) in due {
            let step = Step::bare(to, Actor::Provider);
            if let Change::Done(_) = transition(connection, &owner, &reference, &step, now)? {
                moved += 1;
            }
        }
    }
    Ok(moved)
}
