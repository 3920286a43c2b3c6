//! The guided form's answers as the citizen types them, the steps in order, and the words for
//! kinds, deliveries and statuses: plain logic, tested here.

use portal_api::RequestStatus;
use portal_api::requests::{Delivery, RequestAnswers, RequestKind, RequestStep};

use crate::forms::Text;
use crate::i18n::*;

/// Every answer as text, the way the inputs hold it; empty means "not answered yet".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormText {
    pub kind: String,
    pub correction_field: String,
    pub correction_value: String,
    pub purpose: String,
    pub delivery: String,
    pub police_office: String,
    pub contact_phone: String,
    pub contact_email: String,
}

impl FormText {
    /// The text of saved answers.
    pub fn from_answers(answers: &RequestAnswers) -> Self {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        Self {
            kind: answers
                .kind
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default(),
            correction_field: text(&answers.correction_field),
            correction_value: text(&answers.correction_value),
            purpose: text(&answers.purpose),
            delivery: answers
                .delivery
                .map(|d| delivery_str(d).to_owned())
                .unwrap_or_default(),
            police_office: text(&answers.police_office),
            contact_phone: text(&answers.contact_phone),
            contact_email: text(&answers.contact_email),
        }
    }

    /// The answers, for the shared validation rules. Text that names no kind or delivery
    /// counts as unanswered.
    pub fn answers(&self) -> RequestAnswers {
        let some = |text: &str| (!text.trim().is_empty()).then(|| text.to_owned());
        RequestAnswers {
            kind: RequestKind::parse(&self.kind),
            correction_field: some(&self.correction_field),
            correction_value: some(&self.correction_value),
            purpose: some(&self.purpose),
            delivery: parse_delivery(&self.delivery),
            police_office: some(&self.police_office),
            contact_phone: some(&self.contact_phone),
            contact_email: some(&self.contact_email),
        }
    }

    /// The answers to save: a correction's details only for a correction, an office only
    /// for a paper result, so a changed mind leaves nothing behind.
    pub fn to_save(&self) -> RequestAnswers {
        let mut answers = self.answers();
        if answers.kind != Some(RequestKind::RecordCorrection) {
            answers.correction_field = None;
            answers.correction_value = None;
        }
        if answers.delivery != Some(Delivery::InPerson) {
            answers.police_office = None;
        }
        answers
    }
}

/// The API's spelling of a delivery.
pub fn delivery_str(delivery: Delivery) -> &'static str {
    match delivery {
        Delivery::DataStore => "data_store",
        Delivery::InPerson => "in_person",
    }
}

fn parse_delivery(text: &str) -> Option<Delivery> {
    [Delivery::DataStore, Delivery::InPerson]
        .into_iter()
        .find(|d| delivery_str(*d) == text)
}

/// The pages of the guided form: one question each, then "check your answers".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormStep {
    Kind,
    Purpose,
    Delivery,
    Contact,
    Check,
}

impl FormStep {
    pub const ALL: [Self; 5] = [
        Self::Kind,
        Self::Purpose,
        Self::Delivery,
        Self::Contact,
        Self::Check,
    ];

    /// Its name in the address (`?step=purpose`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kind => "kind",
            Self::Purpose => "purpose",
            Self::Delivery => "delivery",
            Self::Contact => "contact",
            Self::Check => "check",
        }
    }

    /// The step an address names; the first for anything else.
    pub fn parse(text: Option<&str>) -> Self {
        Self::ALL
            .into_iter()
            .find(|s| Some(s.as_str()) == text)
            .unwrap_or(Self::Kind)
    }

    /// 1 to 5, for "Step 2 of 5".
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub fn next(self) -> Self {
        Self::ALL.get(self.number()).copied().unwrap_or(Self::Check)
    }

    pub fn previous(self) -> Option<Self> {
        self.number().checked_sub(2).map(|i| Self::ALL[i])
    }

    /// The shared rules' step this page answers; none for the check page.
    pub fn rules(self) -> Option<RequestStep> {
        match self {
            Self::Kind => Some(RequestStep::Kind),
            Self::Purpose => Some(RequestStep::Purpose),
            Self::Delivery => Some(RequestStep::Delivery),
            Self::Contact => Some(RequestStep::Contact),
            Self::Check => None,
        }
    }

    /// The first step whose answers the rules refuse, for a check page reached too early.
    pub fn first_unfinished(answers: &RequestAnswers) -> Option<Self> {
        Self::ALL.into_iter().find(|step| {
            step.rules()
                .is_some_and(|rules| !answers.step_errors(rules).is_empty())
        })
    }
}

/// "Trích lục thông tin công dân" and the other kinds of information.
pub fn kind_text(locale: Locale, kind: RequestKind) -> &'static str {
    kind_label(kind)(locale)
}

/// The words for `kind`, as the form's fields take a label.
pub fn kind_label(kind: RequestKind) -> Text {
    match kind {
        RequestKind::RecordExtract => |l| td_string!(l, requests.kind_record_extract),
        RequestKind::IdConfirmation => |l| td_string!(l, requests.kind_id_confirmation),
        RequestKind::ResidenceConfirmation => {
            |l| td_string!(l, requests.kind_residence_confirmation)
        }
        RequestKind::HouseholdInformation => |l| td_string!(l, requests.kind_household_information),
        RequestKind::RecordCorrection => |l| td_string!(l, requests.kind_record_correction),
    }
}

/// "Nhận bản điện tử vào kho dữ liệu" / "Nhận bản giấy tại cơ quan công an".
pub fn delivery_text(locale: Locale, delivery: Delivery) -> &'static str {
    delivery_label(delivery)(locale)
}

/// The words for `delivery`, as the form's fields take a label.
pub fn delivery_label(delivery: Delivery) -> Text {
    match delivery {
        Delivery::DataStore => |l| td_string!(l, requests.delivery_data_store),
        Delivery::InPerson => |l| td_string!(l, requests.delivery_in_person),
    }
}

/// Where a request stands, in words.
pub fn status_text(locale: Locale, status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Draft => td_string!(locale, requests.status_draft),
        RequestStatus::Submitted => td_string!(locale, requests.status_submitted),
        RequestStatus::Received => td_string!(locale, requests.status_received),
        RequestStatus::Processing => td_string!(locale, requests.status_processing),
        RequestStatus::MoreInformationNeeded => {
            td_string!(locale, requests.status_more_information_needed)
        }
        RequestStatus::Provided => td_string!(locale, requests.status_provided),
        RequestStatus::Refused => td_string!(locale, requests.status_refused),
        RequestStatus::Withdrawn => td_string!(locale, requests.status_withdrawn),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> FormText {
        FormText {
            kind: "record_extract".to_owned(),
            purpose: "Bổ sung hồ sơ vay vốn".to_owned(),
            delivery: "data_store".to_owned(),
            contact_phone: "0912345678".to_owned(),
            ..FormText::default()
        }
    }

    #[test]
    fn text_and_answers_round_trip() {
        let text = filled();
        assert!(text.answers().errors().is_empty());
        assert_eq!(FormText::from_answers(&text.answers()), text);
    }

    #[test]
    fn only_answers_that_apply_are_saved() {
        let mut text = filled();
        text.correction_value = "left over from a correction".to_owned();
        text.police_office = "Công an phường Yên Hòa, thành phố Hà Nội".to_owned();
        assert_eq!(text.to_save(), filled().answers());
        text.kind = "record_correction".to_owned();
        assert_eq!(
            text.to_save().correction_value.as_deref(),
            Some("left over from a correction")
        );
    }

    #[test]
    fn blank_or_unknown_text_is_unanswered() {
        let text = FormText {
            kind: "lost".to_owned(),
            purpose: "   ".to_owned(),
            ..FormText::default()
        };
        let answers = text.answers();
        assert_eq!(answers.kind, None);
        assert_eq!(answers.purpose, None);
    }

    #[test]
    fn steps_go_in_order_and_read_from_the_address() {
        assert_eq!(FormStep::parse(Some("delivery")), FormStep::Delivery);
        assert_eq!(FormStep::parse(Some("nonsense")), FormStep::Kind);
        assert_eq!(FormStep::parse(None), FormStep::Kind);
        assert_eq!(FormStep::Kind.next(), FormStep::Purpose);
        assert_eq!(FormStep::Contact.next(), FormStep::Check);
        assert_eq!(FormStep::Check.next(), FormStep::Check);
        assert_eq!(FormStep::Kind.previous(), None);
        assert_eq!(FormStep::Purpose.previous(), Some(FormStep::Kind));
        assert_eq!(FormStep::Check.number(), 5);
    }

    #[test]
    fn the_check_page_sends_back_to_the_first_unfinished_step() {
        let mut text = filled();
        assert_eq!(FormStep::first_unfinished(&text.answers()), None);
        text.delivery.clear();
        assert_eq!(
            FormStep::first_unfinished(&text.answers()),
            Some(FormStep::Delivery)
        );
    }
}
