//! Two copies of one draft, brought together: when a save finds the draft was saved meanwhile
//! (another tab, another device), the answers on screen and the newer ones on the server are
//! merged field by field, so nothing the citizen typed is lost. Plain logic, tested here.

use super::draft::FormText;

/// The three-way merge of one draft's answers.
///
/// `base` is what the app last knew the server held, `mine` what the form holds now, and
/// `theirs` the server's newer copy. An answer the citizen changed since `base` keeps the
/// citizen's value, even where `theirs` changed it too (what is on screen is what the citizen
/// sees and means); any other answer takes `theirs`.
pub fn merge(base: &FormText, mine: &FormText, theirs: &FormText) -> FormText {
    let pick = |answer: fn(&FormText) -> &String| {
        let chosen = if answer(mine) == answer(base) {
            theirs
        } else {
            mine
        };
        answer(chosen).clone()
    };
    FormText {
        kind: pick(|t| &t.kind),
        correction_field: pick(|t| &t.correction_field),
        correction_value: pick(|t| &t.correction_value),
        purpose: pick(|t| &t.purpose),
        delivery: pick(|t| &t.delivery),
        police_office: pick(|t| &t.police_office),
        contact_phone: pick(|t| &t.contact_phone),
        contact_email: pick(|t| &t.contact_email),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> FormText {
        FormText {
            kind: "record_extract".to_owned(),
            purpose: "Làm hộ chiếu".to_owned(),
            ..FormText::default()
        }
    }

    #[test]
    fn each_side_keeps_the_answers_it_changed() {
        let mine = FormText {
            purpose: "Làm hộ chiếu cho con".to_owned(),
            ..base()
        };
        let theirs = FormText {
            contact_phone: "0912345678".to_owned(),
            ..base()
        };
        assert_eq!(
            merge(&base(), &mine, &theirs),
            FormText {
                purpose: "Làm hộ chiếu cho con".to_owned(),
                contact_phone: "0912345678".to_owned(),
                ..base()
            }
        );
    }

    #[test]
    fn where_both_changed_an_answer_the_citizens_own_stays() {
        let mine = FormText {
            purpose: "Bổ sung hồ sơ vay vốn".to_owned(),
            ..base()
        };
        let theirs = FormText {
            purpose: "Làm thủ tục đất đai".to_owned(),
            delivery: "data_store".to_owned(),
            ..base()
        };
        let merged = merge(&base(), &mine, &theirs);
        assert_eq!(merged.purpose, "Bổ sung hồ sơ vay vốn");
        assert_eq!(merged.delivery, "data_store");
    }

    #[test]
    fn an_answer_cleared_on_either_side_stays_cleared() {
        let mine = FormText {
            purpose: String::new(),
            ..base()
        };
        assert_eq!(merge(&base(), &mine, &base()).purpose, "");
        let theirs = FormText {
            kind: String::new(),
            ..base()
        };
        assert_eq!(merge(&base(), &base(), &theirs).kind, "");
    }

    #[test]
    fn nothing_changed_here_takes_theirs_whole() {
        let theirs = FormText {
            kind: "record_correction".to_owned(),
            correction_field: "current_residence".to_owned(),
            correction_value: "Số 1, phố Huế".to_owned(),
            ..base()
        };
        assert_eq!(merge(&base(), &base(), &theirs), theirs);
        assert_eq!(merge(&base(), &theirs, &base()), theirs, "and mine whole");
    }
}
