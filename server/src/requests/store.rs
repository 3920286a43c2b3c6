//! Requests and drafts in the database.

use crate::db::{Connection, OptionalExtension, Value};
use crate::params;
use portal_api::requests::{
    ANSWER_WITHIN_WORKING_DAYS, Delivery, RequestAnswers, RequestAttachment, RequestDetail,
    RequestEvent, RequestKind, RequestSummary,
};
use portal_api::{RequestStatus, fold_vietnamese};
use time::{Date, Duration, Weekday};

use super::workflow::{self, Actor};
use crate::auth::clock::rfc3339;
use crate::auth::secrets;
use crate::db::DbError;

/// What a change to a request came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Done; the request as it now stands.
    Done(Box<RequestDetail>),
    /// The citizen has no such request or draft.
    NotFound,
    /// Its status does not allow this.
    Conflict(&'static str),
    /// A draft's save based on a revision that is no longer current: nothing changed; the
    /// draft as it now stands.
    Stale(Box<RequestDetail>),
    /// The answers break the rules.
    Invalid(std::collections::BTreeMap<String, portal_api::FieldErrorCode>),
}

struct Draft {
    id: String,
    revision: u32,
    answers: RequestAnswers,
    created_at: String,
    updated_at: String,
    submitted_request_id: Option<i64>,
}

struct Submitted {
    id: i64,
    reference: String,
    status: RequestStatus,
    answers: RequestAnswers,
    created_at: String,
    updated_at: String,
    refusal_reason: Option<String>,
    result_document_code: Option<String>,
}

fn status_of(text: &str) -> RequestStatus {
    RequestStatus::from_str_opt(text).unwrap_or(RequestStatus::Submitted)
}

fn find_draft(connection: &Connection, owner: &str, id: &str) -> Result<Option<Draft>, DbError> {
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

fn find_submitted(
    connection: &Connection,
    owner: &str,
    key: RequestKey<'_>,
) -> Result<Option<Submitted>, DbError> {
    let (column, value) = match key {
        RequestKey::Reference(reference) => ("reference", Value::Text(reference.to_owned())),
        RequestKey::Id(id) => ("id", Value::Integer(id)),
    };
    // `column` is one of two constants above.
    let sql = format!(
        "SELECT id, reference, status, answers_json, kind, purpose, delivery, created_at, updated_at,
                refusal_reason, result_document_code
         FROM requests WHERE owner_id = ?1 AND {column} = ?2"
    );
    let row = connection
        .query_row(&sql, params![owner, value], |row| {
            let answers: Option<String> = row.get(3)?;
            let kind: String = row.get(4)?;
            let purpose: String = row.get(5)?;
            let delivery: String = row.get(6)?;
            let status: String = row.get(2)?;
            Ok((
                Submitted {
                    id: row.get(0)?,
                    reference: row.get(1)?,
                    status: status_of(&status),
                    answers: RequestAnswers::default(),
                    created_at: row.get(7)?,
                    updated_at: row.get(8)?,
                    refusal_reason: row.get(9)?,
                    result_document_code: row.get(10)?,
                },
                answers,
                (kind, purpose, delivery),
            ))
        })
        .optional()?;
    let Some((mut request, answers, (kind, purpose, delivery))) = row else {
        return Ok(None);
    };
    request.answers = match answers {
        Some(json) => serde_json::from_str(&json)?,
        // Rows from before the form kept every answer hold the essentials in columns.
        None => RequestAnswers {
            kind: RequestKind::parse(&kind),
            purpose: Some(purpose),
            delivery: Some(if delivery == "data_store" {
                Delivery::DataStore
            } else {
                Delivery::InPerson
            }),
            ..RequestAnswers::default()
        },
    };
    Ok(Some(request))
}

#[derive(Clone, Copy)]
enum RequestKey<'a> {
    Reference(&'a str),
    Id(i64),
}

fn history(connection: &Connection, request_id: i64) -> Result<Vec<RequestEvent>, DbError> {
    let mut statement = connection.prepare(
        "SELECT e.status, e.at, e.note, e.by_citizen, a.id, a.file_name, a.content_type
         FROM request_events e LEFT JOIN request_attachments a ON a.event_id = e.id
         WHERE e.request_id = ?1 ORDER BY e.at, e.id",
    )?;
    let rows = statement.query_map([request_id], |row| {
        let status: String = row.get(0)?;
        let attachment = match row.get::<_, Option<i64>>(4)? {
            Some(id) => Some(RequestAttachment {
                id,
                file_name: row.get(5)?,
                content_type: row.get(6)?,
            }),
            None => None,
        };
        Ok(RequestEvent {
            status: status_of(&status),
            at: row.get(1)?,
            note: row.get(2)?,
            by_citizen: row.get(3)?,
            attachment,
        })
    })?;
    rows.collect::<Result<_, _>>()
}

/// The date `days` working days (Monday to Friday) after the date of `timestamp`.
pub fn working_days_after(timestamp: &str, days: u32) -> Option<String> {
    let year = timestamp.get(0..4)?.parse().ok()?;
    let month = time::Month::try_from(timestamp.get(5..7)?.parse::<u8>().ok()?).ok()?;
    let day = timestamp.get(8..10)?.parse().ok()?;
    let mut date = Date::from_calendar_date(year, month, day).ok()?;
    let mut left = days;
    while left > 0 {
        date = date.checked_add(Duration::days(1))?;
        if !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    Some(date.to_string())
}

fn submitted_detail(connection: &Connection, request: Submitted) -> Result<RequestDetail, DbError> {
    let history = history(connection, request.id)?;
    let question = (request.status == RequestStatus::MoreInformationNeeded)
        .then(|| {
            history
                .iter()
                .rev()
                .find(|e| e.status == RequestStatus::MoreInformationNeeded)
                .and_then(|e| e.note.clone())
        })
        .flatten();
    let submitted_at = history
        .iter()
        .find(|e| e.status == RequestStatus::Submitted)
        .map_or(request.created_at.clone(), |e| e.at.clone());
    Ok(RequestDetail {
        summary: RequestSummary {
            id: request.reference.clone(),
            reference: Some(request.reference),
            kind: request.answers.kind,
            status: request.status,
            created_at: request.created_at,
            updated_at: request.updated_at,
        },
        answers: request.answers,
        answer_due_by: working_days_after(&submitted_at, ANSWER_WITHIN_WORKING_DAYS),
        question,
        refusal_reason: request.refusal_reason,
        result_document_code: request.result_document_code,
        can_withdraw: workflow::allowed(request.status, RequestStatus::Withdrawn, Actor::Citizen),
        history,
        revision: None,
    })
}

fn draft_detail(draft: Draft) -> RequestDetail {
    RequestDetail::draft(
        draft.id,
        draft.revision,
        draft.answers,
        draft.created_at,
        draft.updated_at,
    )
}

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

/// The next reference number of `year`, `YC-2026-000124`, counted by the database in one
/// statement. Past 999999 the number widens (`YC-2026-1000000`) rather than fail.
fn next_reference(connection: &Connection, year: i32) -> Result<String, DbError> {
    let number: i64 = connection.query_row(
        "INSERT INTO request_reference_counters (year, last_number) VALUES (?1, 1)
         ON CONFLICT (year) DO UPDATE
             SET last_number = request_reference_counters.last_number + 1
         RETURNING last_number",
        [year],
        |row| row.get(0),
    )?;
    Ok(format!("YC-{year:04}-{number:06}"))
}

/// Sets the counter of `year` to `last_number`, the last reference number given out: for the
/// demo data, which numbers its own requests.
pub fn set_reference_counter(
    connection: &Connection,
    year: i32,
    last_number: i64,
) -> Result<(), DbError> {
    connection.execute(
        "INSERT INTO request_reference_counters (year, last_number) VALUES (?1, ?2)
         ON CONFLICT (year) DO UPDATE SET last_number = excluded.last_number",
        params![year, last_number],
    )?;
    Ok(())
}

/// Submits a draft, once: submitting it again answers with the request it already became.
/// Call inside a transaction, so two submissions at once cannot both insert.
pub fn submit(connection: &Connection, owner: &str, id: &str, now: i64) -> Result<Change, DbError> {
    // The draft's row lock, held to the caller's commit: a second submission at once waits
    // here on PostgreSQL (SQLite runs one transaction at a time anyway), then reads the draft
    // as submitted and answers the same request instead of making another.
    connection.execute(
        "UPDATE request_drafts SET revision = revision WHERE owner_id = ?1 AND id = ?2",
        params![owner, id],
    )?;
    let Some(draft) = find_draft(connection, owner, id)? else {
        return Ok(Change::NotFound);
    };
    if draft.submitted_request_id.is_some() {
        return Ok(
            detail(connection, owner, id)?.map_or(Change::NotFound, |d| Change::Done(Box::new(d)))
        );
    }
    let errors = draft.answers.errors();
    if !errors.is_empty() {
        return Ok(Change::Invalid(errors));
    }
    let at = rfc3339(now);
    // `now` comes from our clock, always a representable moment; 1970 is only a fallback.
    let year = time::OffsetDateTime::from_unix_timestamp(now).map_or(1970, |t| t.year());
    let reference = next_reference(connection, year)?;
    let answers = &draft.answers;
    let request_id: i64 = connection.query_row(
        "INSERT INTO requests (reference, owner_id, kind, purpose, delivery, status, created_at,
             updated_at, answers_json)
         VALUES (?1, ?2, ?3, ?4, ?5, 'submitted', ?6, ?6, ?7)
         RETURNING id",
        params![
            reference,
            owner,
            answers.kind.map_or("", RequestKind::as_str),
            answers.purpose.as_deref().unwrap_or_default().trim(),
            match answers.delivery {
                Some(Delivery::InPerson) => "in_person",
                _ => "data_store",
            },
            at,
            serde_json::to_string(answers)?,
        ],
        |row| row.get(0),
    )?;
    connection.execute(
        "INSERT INTO request_events (request_id, status, at, by_citizen) VALUES (?1, 'submitted', ?2, 1)",
        params![request_id, at],
    )?;
    connection.execute(
        "UPDATE request_drafts SET submitted_request_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, request_id, at],
    )?;
    Ok(detail(connection, owner, &reference)?
        .map_or(Change::NotFound, |d| Change::Done(Box::new(d))))
}

/// Moves the citizen's request `reference` to `to` on behalf of `actor`, with a note.
// One step of the workflow, each part of which the caller decides; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
pub fn transition(
    connection: &Connection,
    owner: &str,
    reference: &str,
    to: RequestStatus,
    actor: Actor,
    note: Option<&str>,
    attachment: Option<&NewAttachment>,
    now: i64,
) -> Result<Change, DbError> {
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

/// The bytes of attachment `id` of request `reference`, with its name and type, if the request
/// is `owner`'s.
pub fn attachment(
    connection: &Connection,
    owner: &str,
    reference: &str,
    id: i64,
) -> Result<Option<(String, String, Vec<u8>)>, DbError> {
    connection
        .query_row(
            "SELECT a.file_name, a.content_type, a.bytes
             FROM request_attachments a
             JOIN request_events e ON e.id = a.event_id
             JOIN requests r ON r.id = e.request_id
             WHERE a.id = ?1 AND r.reference = ?2 AND r.owner_id = ?3",
            params![id, reference, owner],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()
}

/// Whose request `reference` is (for the provider, who is not the citizen).
pub fn owner_of(connection: &Connection, reference: &str) -> Result<Option<String>, DbError> {
    connection
        .query_row(
            "SELECT owner_id FROM requests WHERE reference = ?1",
            [reference],
            |r| r.get(0),
        )
        .optional()
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
            if let Change::Done(_) = transition(
                connection,
                &owner,
                &reference,
                to,
                Actor::Provider,
                None,
                None,
                now,
            )? {
                moved += 1;
            }
        }
    }
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_working_days_skip_the_weekend() {
        // 2026-11-20 is a Friday.
        assert_eq!(
            working_days_after("2026-11-20T01:05:00Z", 5).as_deref(),
            Some("2026-11-27")
        );
        assert_eq!(
            working_days_after("2026-11-23T09:00:00Z", 5).as_deref(),
            Some("2026-11-30")
        );
        assert_eq!(working_days_after("garbage", 5), None);
    }
}
