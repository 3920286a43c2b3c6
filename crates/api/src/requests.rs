//! Written requests for information (văn bản yêu cầu cung cấp thông tin): the answers a
//! citizen gives, step by step, the rules both sides apply to them, and the request as the
//! citizen follows it to a result or a written refusal.
//!
//! A request starts as a draft (`POST /api/v1/requests`), saved as the citizen goes
//! (`PUT /api/v1/requests/{id}`), and is submitted once (`POST /api/v1/requests/{id}/submit`,
//! idempotent), when it gets its reference number.
//!
//! Each draft has a `revision`, 1 when made and one more at every save. A save names the
//! revision it was based on ([`DraftSave`]); a save based on an older one is refused with
//! 409 `draft_conflict` and the draft as it now stands, so a late save never overwrites a
//! newer one, and the client merges and saves again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::FieldErrorCode;
use crate::phone::PhoneNumber;
use crate::request_status::RequestStatus;
use crate::text::is_blank;

/// Longest purpose, in characters.
pub const PURPOSE_MAX_LEN: usize = 500;
/// Longest requested correction, answer to a question, or other free text.
pub const TEXT_MAX_LEN: usize = 1000;
/// Longest record field path a correction names.
pub const CORRECTION_FIELD_MAX_LEN: usize = 100;
/// Longest police office name.
pub const POLICE_OFFICE_MAX_LEN: usize = 200;
/// Longest contact phone, as typed.
pub const CONTACT_PHONE_MAX_LEN: usize = 30;
/// Longest contact email.
pub const CONTACT_EMAIL_MAX_LEN: usize = 200;
/// Working days within which the provider answers (Decree 137/2015).
pub const ANSWER_WITHIN_WORKING_DAYS: u32 = 5;

/// What information is asked for: the catalogue the guided form offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// An extract of the citizen's population record.
    RecordExtract,
    /// Confirmation of the personal identification number and the old 9-digit ID number.
    IdConfirmation,
    /// Confirmation of residence.
    ResidenceConfirmation,
    /// Information about the household.
    HouseholdInformation,
    /// Correction of a field of the citizen's record (Law on Identity 2023, Article 5).
    RecordCorrection,
}

impl RequestKind {
    /// The catalogue, in the order the form lists it.
    pub const ALL: [Self; 5] = [
        Self::RecordExtract,
        Self::IdConfirmation,
        Self::ResidenceConfirmation,
        Self::HouseholdInformation,
        Self::RecordCorrection,
    ];

    /// The spelling in the API and the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::RecordExtract => "record_extract",
            Self::IdConfirmation => "id_confirmation",
            Self::ResidenceConfirmation => "residence_confirmation",
            Self::HouseholdInformation => "household_information",
            Self::RecordCorrection => "record_correction",
        }
    }

    /// Reads [`Self::as_str`]'s spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// How the citizen receives the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Electronically, into the citizen's data store.
    DataStore,
    /// On paper, collected at a named police office.
    InPerson,
}

/// The answers of the guided form; every one optional while it is a draft.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestAnswers {
    /// What information.
    pub kind: Option<RequestKind>,
    /// For a correction: the record field to correct (its path, e.g. `current_residence`).
    pub correction_field: Option<String>,
    /// For a correction: the value the record should hold.
    pub correction_value: Option<String>,
    /// Why the citizen needs it.
    pub purpose: Option<String>,
    /// How to receive the result.
    pub delivery: Option<Delivery>,
    /// For a paper result: the office, one of the catalogue's.
    pub police_office: Option<String>,
    /// A phone to reach the citizen about the request.
    pub contact_phone: Option<String>,
    /// An email, if they want one used.
    pub contact_email: Option<String>,
}

/// The steps of the guided form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStep {
    /// What information (and, for a correction, what to correct).
    Kind,
    /// Why.
    Purpose,
    /// How to receive the result.
    Delivery,
    /// How to reach the citizen.
    Contact,
}

impl RequestStep {
    /// Every step, in order.
    pub const ALL: [Self; 4] = [Self::Kind, Self::Purpose, Self::Delivery, Self::Contact];
}

fn blank(text: Option<&String>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}

fn too_long(text: Option<&String>, max: usize) -> bool {
    text.is_some_and(|t| t.chars().count() > max)
}

impl RequestAnswers {
    /// The errors of one step, keyed by field name: what the form shows when the citizen
    /// presses "continue", and what the server answers for that step.
    pub fn step_errors(&self, step: RequestStep) -> BTreeMap<String, FieldErrorCode> {
        let mut errors = BTreeMap::new();
        let mut add = |field: &str, code| {
            errors.insert(field.to_owned(), code);
        };
        match step {
            RequestStep::Kind => match self.kind {
                None => add("kind", FieldErrorCode::Required),
                Some(RequestKind::RecordCorrection) => {
                    if blank(self.correction_field.as_ref()) {
                        add("correction_field", FieldErrorCode::Required);
                    }
                    if blank(self.correction_value.as_ref()) {
                        add("correction_value", FieldErrorCode::Required);
                    } else if too_long(self.correction_value.as_ref(), TEXT_MAX_LEN) {
                        add("correction_value", FieldErrorCode::TooLong);
                    }
                }
                Some(_) => {}
            },
            RequestStep::Purpose => {
                if blank(self.purpose.as_ref()) {
                    add("purpose", FieldErrorCode::Required);
                } else if too_long(self.purpose.as_ref(), PURPOSE_MAX_LEN) {
                    add("purpose", FieldErrorCode::TooLong);
                }
            }
            RequestStep::Delivery => match self.delivery {
                None => add("delivery", FieldErrorCode::Required),
                Some(Delivery::InPerson) => {
                    if blank(self.police_office.as_ref()) {
                        add("police_office", FieldErrorCode::Required);
                    }
                }
                Some(Delivery::DataStore) => {}
            },
            RequestStep::Contact => {
                match self.contact_phone.as_deref().map(str::trim) {
                    None | Some("") => add("contact_phone", FieldErrorCode::Required),
                    Some(phone) => {
                        if let Err(code) = PhoneNumber::parse(phone) {
                            add("contact_phone", code);
                        }
                    }
                }
                if let Some(email) = self.contact_email.as_deref().map(str::trim)
                    && !email.is_empty()
                    && !looks_like_email(email)
                {
                    add("contact_email", FieldErrorCode::InvalidFormat);
                }
            }
        }
        errors
    }

    /// The error of a paper result's office that is not among `offices`, the catalogue's
    /// (`GET /request-catalogue`): which offices exist is data, not a rule, so the caller
    /// brings the list it has.
    pub fn office_error(&self, offices: &[String]) -> Option<(String, FieldErrorCode)> {
        let office = self.police_office.as_deref().filter(|o| !o.is_empty())?;
        (self.delivery == Some(Delivery::InPerson) && !offices.iter().any(|o| o == office))
            .then(|| ("police_office".to_owned(), FieldErrorCode::InvalidFormat))
    }

    /// The errors of every step: empty when the request may be submitted.
    pub fn errors(&self) -> BTreeMap<String, FieldErrorCode> {
        RequestStep::ALL
            .into_iter()
            .flat_map(|step| self.step_errors(step))
            .collect()
    }

    /// What a draft may hold however unfinished: nothing longer than the limits, so an
    /// autosave never stores more than a submission could.
    pub fn draft_errors(&self) -> BTreeMap<String, FieldErrorCode> {
        let mut errors = BTreeMap::new();
        for (field, text, max) in [
            ("purpose", &self.purpose, PURPOSE_MAX_LEN),
            ("correction_value", &self.correction_value, TEXT_MAX_LEN),
            (
                "correction_field",
                &self.correction_field,
                CORRECTION_FIELD_MAX_LEN,
            ),
            ("police_office", &self.police_office, POLICE_OFFICE_MAX_LEN),
            ("contact_phone", &self.contact_phone, CONTACT_PHONE_MAX_LEN),
            ("contact_email", &self.contact_email, CONTACT_EMAIL_MAX_LEN),
        ] {
            if too_long(text.as_ref(), max) {
                errors.insert(field.to_owned(), FieldErrorCode::TooLong);
            }
        }
        errors
    }
}

/// An address with one `@`, something before it and a dot after it: enough to catch typos
/// without refusing real addresses.
fn looks_like_email(text: &str) -> bool {
    let mut parts = text.split('@');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(local), Some(domain), None)
            if !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
                && !domain.ends_with('.') && !text.contains(char::is_whitespace)
    )
}

/// One step of a request's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestEvent {
    /// The status from this moment.
    pub status: RequestStatus,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// The provider's note (a question, the provision), or the citizen's answer.
    pub note: Option<String>,
    /// Whether the citizen wrote it (an answer to a question, a withdrawal).
    pub by_citizen: bool,
    /// The file the citizen attached to this answer, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<RequestAttachment>,
}

/// A file the citizen attached to an answer; its bytes are at
/// `GET /api/v1/requests/{reference}/attachments/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestAttachment {
    /// Identifies it within the request.
    pub id: i64,
    /// Its name as it was on the citizen's device.
    pub file_name: String,
    /// `application/pdf`, `image/jpeg` or `image/png`, judged by its content.
    pub content_type: String,
}

/// A request in the citizen's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestSummary {
    /// Identifies it in the API: the reference once submitted, the draft's id before.
    pub id: String,
    /// The reference number, `YC-2026-000123`, once submitted: at least six digits, more
    /// after the year's 999999th (`YC-2026-1000000`).
    pub reference: Option<String>,
    /// What it asks for, when chosen.
    pub kind: Option<RequestKind>,
    /// Where it stands.
    pub status: RequestStatus,
    /// When it was started (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed (RFC 3339, UTC).
    pub updated_at: String,
}

/// A request with its answers and history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestDetail {
    /// The list fields.
    #[serde(flatten)]
    pub summary: RequestSummary,
    /// The answers given.
    pub answers: RequestAnswers,
    /// Its history, oldest first; empty for a draft.
    pub history: Vec<RequestEvent>,
    /// When the provider must answer by (RFC 3339 date), once submitted.
    pub answer_due_by: Option<String>,
    /// The provider's question, while more information is needed.
    pub question: Option<String>,
    /// The written reason, when refused.
    pub refusal_reason: Option<String>,
    /// The document in the data store holding the result, when provided.
    pub result_document_code: Option<String>,
    /// Whether the citizen may still withdraw it (submitted or received, not yet processing).
    pub can_withdraw: bool,
    /// A draft's revision: 1 when made, one more at every save; the next save names it.
    /// Null once submitted.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub revision: Option<u32>,
}

impl RequestDetail {
    /// A draft as the API shows it: answers so far, no reference, history or outcome yet.
    pub fn draft(
        id: String,
        revision: u32,
        answers: RequestAnswers,
        created_at: String,
        updated_at: String,
    ) -> Self {
        Self {
            summary: RequestSummary {
                id,
                reference: None,
                kind: answers.kind,
                status: RequestStatus::Draft,
                created_at,
                updated_at,
            },
            answers,
            history: Vec::new(),
            answer_due_by: None,
            question: None,
            refusal_reason: None,
            result_document_code: None,
            can_withdraw: false,
            revision: Some(revision),
        }
    }
}

/// `PUT /api/v1/requests/{id}`: a draft's answers, replacing what was saved, and the revision
/// they were based on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftSave {
    /// The draft's `revision` as the client last had it; a save based on any other gets
    /// 409 `draft_conflict`.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub revision: u32,
    /// Every answer, as the draft should now hold them.
    pub answers: RequestAnswers,
}

/// `POST /api/v1/requests/{id}/answer`: the citizen's answer to the provider's question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestAnswer {
    /// The answer.
    pub text: String,
}

impl RequestAnswer {
    /// Required, at most [`TEXT_MAX_LEN`] characters; keyed `text`.
    pub fn validate(&self) -> Result<(), BTreeMap<String, FieldErrorCode>> {
        let code = if is_blank(&self.text) {
            FieldErrorCode::Required
        } else if self.text.chars().count() > TEXT_MAX_LEN {
            FieldErrorCode::TooLong
        } else {
            return Ok(());
        };
        Err(BTreeMap::from([("text".to_owned(), code)]))
    }
}

/// `GET /api/v1/request-catalogue`: what the form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestCatalogue {
    /// The kinds of information.
    pub kinds: Vec<RequestKind>,
    /// The offices a paper result can be collected from.
    pub police_offices: Vec<String>,
    /// Working days within which the provider answers.
    pub answer_within_working_days: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> RequestAnswers {
        RequestAnswers {
            kind: Some(RequestKind::RecordExtract),
            purpose: Some("Bổ sung hồ sơ vay vốn".to_owned()),
            delivery: Some(Delivery::DataStore),
            contact_phone: Some("0912 345 678".to_owned()),
            ..RequestAnswers::default()
        }
    }

    #[test]
    fn a_complete_request_has_no_errors() {
        assert!(complete().errors().is_empty());
    }

    #[test]
    fn an_empty_request_names_every_required_field() {
        let errors = RequestAnswers::default().errors();
        for field in ["kind", "purpose", "delivery", "contact_phone"] {
            assert_eq!(errors[field], FieldErrorCode::Required, "{field}");
        }
    }

    #[test]
    fn a_correction_needs_the_field_and_the_new_value() {
        let mut answers = complete();
        answers.kind = Some(RequestKind::RecordCorrection);
        let errors = answers.step_errors(RequestStep::Kind);
        assert_eq!(errors["correction_field"], FieldErrorCode::Required);
        assert_eq!(errors["correction_value"], FieldErrorCode::Required);
        answers.correction_field = Some("current_residence".to_owned());
        answers.correction_value = Some("Số 3 ngách 8/12 Vũ Phạm Hàm".to_owned());
        assert!(answers.errors().is_empty());
    }

    #[test]
    fn a_paper_result_needs_an_office_from_the_catalogue() {
        let mut answers = complete();
        answers.delivery = Some(Delivery::InPerson);
        assert_eq!(
            answers.step_errors(RequestStep::Delivery)["police_office"],
            FieldErrorCode::Required
        );
        let offices = vec!["Công an phường Yên Hòa, thành phố Hà Nội".to_owned()];
        answers.police_office = Some("Công an xã Không Có".to_owned());
        assert!(answers.errors().is_empty(), "which offices exist is data");
        assert_eq!(
            answers.office_error(&offices),
            Some(("police_office".to_owned(), FieldErrorCode::InvalidFormat))
        );
        answers.police_office = Some(offices[0].clone());
        assert_eq!(answers.office_error(&offices), None);
        answers.delivery = Some(Delivery::DataStore);
        answers.police_office = Some("Công an xã Không Có".to_owned());
        assert_eq!(
            answers.office_error(&offices),
            None,
            "only a paper result names one"
        );
    }

    #[test]
    fn contact_rules() {
        let mut answers = complete();
        answers.contact_phone = Some("12345".to_owned());
        answers.contact_email = Some("an@example".to_owned());
        let errors = answers.step_errors(RequestStep::Contact);
        assert_eq!(errors["contact_phone"], FieldErrorCode::InvalidFormat);
        assert_eq!(errors["contact_email"], FieldErrorCode::InvalidFormat);
        answers.contact_phone = Some("+84912345678".to_owned());
        answers.contact_email = Some("an@example.vn".to_owned());
        assert!(answers.step_errors(RequestStep::Contact).is_empty());
        answers.contact_email = Some(String::new());
        assert!(
            answers.step_errors(RequestStep::Contact).is_empty(),
            "email is optional"
        );
    }

    #[test]
    fn lengths_are_limited_in_drafts_and_submissions() {
        let mut answers = complete();
        answers.purpose = Some("x".repeat(PURPOSE_MAX_LEN + 1));
        assert_eq!(answers.errors()["purpose"], FieldErrorCode::TooLong);
        assert_eq!(answers.draft_errors()["purpose"], FieldErrorCode::TooLong);
        assert!(
            RequestAnswers::default().draft_errors().is_empty(),
            "an empty draft is fine"
        );
    }

    #[test]
    fn answers_to_questions_are_required_and_limited() {
        assert!(
            RequestAnswer {
                text: "Đã bổ sung".to_owned()
            }
            .validate()
            .is_ok()
        );
        assert!(
            RequestAnswer {
                text: "  ".to_owned()
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn kinds_round_trip() {
        for kind in RequestKind::ALL {
            assert_eq!(RequestKind::parse(kind.as_str()), Some(kind));
        }
    }
}
