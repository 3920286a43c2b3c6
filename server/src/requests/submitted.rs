//! Submitted requests: a draft becomes one with a reference number, then follows the
//! workflow ([`super::transition`]); its history, attachments and due date.

use crate::db::{Connection, OptionalExtension, Value};
use crate::params;
use portal_api::RequestStatus;
use portal_api::requests::{
    ANSWER_WITHIN_WORKING_DAYS, Delivery, RequestAnswers, RequestAttachment, RequestDetail,
    RequestEvent, RequestKind, RequestSummary,
};
use time::{Date, Duration, Weekday};

use super::catalogue::POLICE_OFFICES;
use super::drafts::find_draft;
use super::workflow::{self, Actor};
use super::{Change, detail};
use crate::auth::clock::rfc3339;
use crate::db::DbError;

/// A request as its row holds it.
pub(super) struct Submitted {
    pub(super) id: i64,
    pub(super) reference: String,
    pub(super) status: RequestStatus,
    pub(super) answers: RequestAnswers,
    pub(super) created_at: String,
    pub(super) updated_at: String,
    pub(super) refusal_reason: Option<String>,
    pub(super) result_document_code: Option<String>,
}

pub(super) fn status_of(text: &str) -> RequestStatus {
    RequestStatus::from_str_opt(text).unwrap_or(RequestStatus::Submitted)
}

/// The citizen's request `key`.
pub(super) fn find_submitted(
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

/// How a request is named: by its reference or its row.
#[derive(Clone, Copy)]
pub(super) enum RequestKey<'a> {
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

/// A request as the API shows it, with its history.
pub(super) fn submitted_detail(
    connection: &Connection,
    request: Submitted,
) -> Result<RequestDetail, DbError> {
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
    let mut errors = draft.answers.errors();
    errors.extend(draft.answers.office_error(&POLICE_OFFICES));
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
