//! Search text as citizens type it: with or without Vietnamese diacritics, in any case.
//!
//! A citizen on a phone keyboard or a kiosk often types "giay khai sinh" for "Giấy khai sinh".
//! The server stores each document name folded by [`fold_vietnamese`] and folds the query the
//! same way, so both spellings find the same documents. It lives here so that the browser can
//! fold the same way when it highlights matches.

/// Each base letter with the Vietnamese letters that fold to it (lowercase; precomposed, as
/// text typed on Vietnamese keyboards and stored by the national systems is NFC).
const FOLDS: [(char, &str); 7] = [
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('d', "đ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
];

/// The text in lowercase with Vietnamese diacritics removed: "Nguyễn" → "nguyen",
/// "Đ"/"đ" → "d". Combining marks (from decomposed text) are dropped too; any other
/// character is only lowercased.
pub fn fold_vietnamese(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            continue;
        }
        let base = FOLDS
            .iter()
            .find(|(_, variants)| variants.contains(c))
            .map_or(c, |&(base, _)| base);
        folded.push(base);
    }
    folded
}

/// The Unicode block of combining diacritical marks (U+0300–U+036F), which holds every mark
/// Vietnamese uses when text arrives decomposed (NFD).
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_names_and_document_titles() {
        assert_eq!(fold_vietnamese("Nguyễn"), "nguyen");
        assert_eq!(fold_vietnamese("Giấy khai sinh"), "giay khai sinh");
        assert_eq!(
            fold_vietnamese("Bản sao điện tử có chứng thực"),
            "ban sao dien tu co chung thuc"
        );
        assert_eq!(fold_vietnamese("Trần Thị Bích Ngọc"), "tran thi bich ngoc");
    }

    #[test]
    fn folds_d_with_stroke_in_both_cases() {
        assert_eq!(fold_vietnamese("Đ"), "d");
        assert_eq!(fold_vietnamese("đ"), "d");
        assert_eq!(fold_vietnamese("ĐÀ NẴNG"), "da nang");
    }

    #[test]
    fn folds_every_tone_of_every_vowel() {
        for (base, variants) in FOLDS {
            for variant in variants.chars() {
                let upper: String = variant.to_uppercase().collect();
                assert_eq!(fold_vietnamese(&variant.to_string()), base.to_string());
                assert_eq!(fold_vietnamese(&upper), base.to_string(), "{upper}");
            }
        }
    }

    #[test]
    fn drops_combining_marks_of_decomposed_text() {
        // "Nguyễn" written as e + circumflex + tilde (NFD).
        assert_eq!(fold_vietnamese("Nguye\u{302}\u{303}n"), "nguyen");
    }

    #[test]
    fn leaves_plain_text_lowercased() {
        assert_eq!(
            fold_vietnamese("CCCD 001085 / GPLX-B2"),
            "cccd 001085 / gplx-b2"
        );
        assert_eq!(fold_vietnamese(""), "");
    }
}
