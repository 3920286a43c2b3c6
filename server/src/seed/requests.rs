//! Demo written requests for information, one in each state a citizen can meet, with the
//! history of how each got there.

use crate::db::Transaction;
use crate::params;

use portal_api::requests::{Delivery, RequestAnswers, RequestKind};

use crate::db::DbError;
use crate::requests::catalogue::POLICE_OFFICES;
use crate::requests::transition::insert_result_document;

/// One seeded request: what was asked, and the statuses it passed through with their times.
struct DemoRequest {
    kind: &'static str,
    purpose: &'static str,
    delivery: &'static str,
    history: &'static [(&'static str, &'static str, Option<&'static str>)],
    refusal_reason: Option<&'static str>,
}

const REQUESTS: &[DemoRequest] = &[
    DemoRequest {
        kind: "record_extract",
        purpose: "Bổ sung hồ sơ vay vốn mua nhà tại ngân hàng",
        delivery: "data_store",
        history: &[
            ("submitted", "2026-09-02T08:15:00.000Z", None),
            ("received", "2026-09-02T09:40:00.000Z", None),
            ("processing", "2026-09-03T02:10:00.000Z", None),
            (
                "provided",
                "2026-09-05T07:30:00.000Z",
                Some("Thông tin đã được cung cấp vào kho dữ liệu điện tử của công dân."),
            ),
        ],
        refusal_reason: None,
    },
    DemoRequest {
        kind: "residence_confirmation",
        purpose: "Nộp hồ sơ nhập học cho con",
        delivery: "in_person",
        history: &[
            ("submitted", "2026-10-20T03:00:00.000Z", None),
            ("received", "2026-10-20T07:45:00.000Z", None),
            ("processing", "2026-10-21T01:30:00.000Z", None),
        ],
        refusal_reason: None,
    },
    DemoRequest {
        kind: "household_information",
        purpose: "Làm thủ tục thừa kế",
        delivery: "data_store",
        history: &[
            ("submitted", "2026-10-28T04:20:00.000Z", None),
            ("received", "2026-10-28T06:00:00.000Z", None),
            (
                "more_information_needed",
                "2026-10-30T02:15:00.000Z",
                Some(
                    "Đề nghị bổ sung giấy tờ chứng minh quan hệ với người để lại di sản \
                     (giấy khai sinh hoặc trích lục khai sinh).",
                ),
            ),
        ],
        refusal_reason: None,
    },
    DemoRequest {
        kind: "id_confirmation",
        purpose: "Cung cấp thông tin của người khác trong hộ để làm thủ tục đất đai",
        delivery: "in_person",
        history: &[
            ("submitted", "2026-08-11T02:00:00.000Z", None),
            ("received", "2026-08-11T08:20:00.000Z", None),
            ("refused", "2026-08-14T03:45:00.000Z", None),
        ],
        refusal_reason: Some(
            "Thông tin của công dân khác chỉ được cung cấp khi có sự đồng ý của người đó \
             (Điều 10 Nghị định 137/2015/NĐ-CP). Văn bản yêu cầu không kèm văn bản đồng ý.",
        ),
    },
    DemoRequest {
        kind: "record_extract",
        purpose: "Đối chiếu thông tin trước khi làm hộ chiếu",
        delivery: "data_store",
        history: &[("submitted", "2026-11-20T01:05:00.000Z", None)],
        refusal_reason: None,
    },
];

/// Inserts the demo requests for `owner`, numbering references from `next_reference`;
/// returns the next free reference number.
pub fn insert_requests(
    tx: &Transaction<'_>,
    owner: &str,
    phone: &str,
    how_many: usize,
    mut next_reference: u32,
) -> Result<u32, DbError> {
    let mut insert_request = tx.prepare(
        "INSERT INTO requests (reference, owner_id, kind, purpose, delivery, status, created_at,
             updated_at, refusal_reason, result_document_code, answers_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         RETURNING id",
    )?;
    let mut insert_event = tx.prepare(
        "INSERT INTO request_events (request_id, status, at, note) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for request in REQUESTS.iter().take(how_many) {
        let (Some(first), Some(last)) = (request.history.first(), request.history.last()) else {
            continue;
        };
        let reference = format!("YC-2026-{next_reference:06}");
        next_reference += 1;
        let in_person = request.delivery == "in_person";
        let answers = RequestAnswers {
            kind: RequestKind::parse(request.kind),
            purpose: Some(request.purpose.to_owned()),
            delivery: Some(if in_person {
                Delivery::InPerson
            } else {
                Delivery::DataStore
            }),
            police_office: in_person.then(|| POLICE_OFFICES[0].clone()),
            contact_phone: Some(phone.to_owned()),
            ..RequestAnswers::default()
        };
        let result = if last.0 == "provided" {
            Some(insert_result_document(
                tx,
                owner,
                &reference,
                answers.kind,
                last.1,
            )?)
        } else {
            None
        };
        let request_id: i64 = insert_request.query_row(
            params![
                reference,
                owner,
                request.kind,
                request.purpose,
                request.delivery,
                last.0,
                first.1,
                last.1,
                request.refusal_reason,
                result,
                serde_json::to_string(&answers)?,
            ],
            |row| row.get(0),
        )?;
        for (status, at, note) in request.history {
            insert_event.execute(params![request_id, status, at, note])?;
        }
    }
    Ok(next_reference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_api::RequestStatus;

    #[test]
    fn histories_use_known_statuses_in_time_order() {
        for request in REQUESTS {
            let statuses: Vec<_> = request
                .history
                .iter()
                .map(|(s, _, _)| RequestStatus::from_str_opt(s).unwrap())
                .collect();
            assert_eq!(statuses[0], RequestStatus::Submitted);
            assert!(request.history.windows(2).all(|w| w[0].1 < w[1].1));
            let refused = statuses.last() == Some(&RequestStatus::Refused);
            assert_eq!(refused, request.refusal_reason.is_some());
        }
    }

    #[test]
    fn several_states_are_covered() {
        let last: std::collections::BTreeSet<_> = REQUESTS
            .iter()
            .filter_map(|r| r.history.last().map(|h| h.0))
            .collect();
        assert!(last.len() >= 4, "{last:?}");
    }
}
