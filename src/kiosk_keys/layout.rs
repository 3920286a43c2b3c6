//! What the on-screen keys are, as plain data: the letter and symbol rows, the tone marks of
//! each Vietnamese vowel, and how typed digits are grouped for reading back.

/// The letter rows, QWERTY as on every phone, with the Vietnamese letters that are not
/// vowels-with-tone at the ends of the rows, where a Vietnamese phone keyboard puts them.
pub const LETTER_ROWS: [&str; 3] = ["qwertyuiopăâ", "asdfghjklđê", "zxcvbnmôơư"];

/// The digits row above the letters.
pub const DIGIT_ROW: &str = "1234567890";

/// The symbol rows that replace the letters when "Ký hiệu" is pressed: what a password, an
/// e-mail address or a street address may need.
pub const SYMBOL_ROWS: [&str; 3] = ["!@#$%^&*()", "-_=+[]{};:", "'\",./?\\|~`"];

/// Vowels followed by their five tone marks, in the order Vietnamese is taught: huyền, sắc,
/// hỏi, ngã, nặng.
const TONES: [(char, [char; 5]); 12] = [
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('ă', ['ằ', 'ắ', 'ẳ', 'ẵ', 'ặ']),
    ('â', ['ầ', 'ấ', 'ẩ', 'ẫ', 'ậ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('ê', ['ề', 'ế', 'ể', 'ễ', 'ệ']),
    ('i', ['ì', 'í', 'ỉ', 'ĩ', 'ị']),
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('ô', ['ồ', 'ố', 'ổ', 'ỗ', 'ộ']),
    ('ơ', ['ờ', 'ớ', 'ở', 'ỡ', 'ợ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('ư', ['ừ', 'ứ', 'ử', 'ữ', 'ự']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
];

/// The vowel `letter` with each tone mark, in `letter`'s case; `None` for a letter that takes
/// no tone mark.
pub fn tone_variants(letter: char) -> Option<[char; 5]> {
    let upper = letter.is_uppercase();
    let base = lower(letter);
    let (_, variants) = TONES.iter().find(|(vowel, _)| *vowel == base)?;
    Some(variants.map(|variant| if upper { upper_of(variant) } else { variant }))
}

/// `letter` in capitals (every Vietnamese letter has exactly one capital).
pub fn upper_of(letter: char) -> char {
    letter.to_uppercase().next().unwrap_or(letter)
}

fn lower(letter: char) -> char {
    letter.to_lowercase().next().unwrap_or(letter)
}

/// The digits of `text` grouped for reading back against a card or a phone: a 12-digit
/// personal identification number in fours of three (`001 085 012 345`), a ten-digit mobile
/// number as it is said (`0912 345 678`), anything else in threes from the left (a code
/// `123 456`). Anything that is not a digit is left out.
pub fn group_digits(text: &str) -> String {
    let digits: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
    let first = if digits.len() == 10 && digits[0] == '0' {
        4
    } else {
        3
    };
    let mut out = String::with_capacity(digits.len() * 2);
    for (index, digit) in digits.iter().enumerate() {
        let starts_group = index >= first && (index - first).is_multiple_of(3);
        if starts_group {
            out.push(' ');
        }
        out.push(*digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vowel_has_its_five_tones_in_its_own_case() {
        assert_eq!(tone_variants('a'), Some(['à', 'á', 'ả', 'ã', 'ạ']));
        assert_eq!(tone_variants('Ư'), Some(['Ừ', 'Ứ', 'Ử', 'Ữ', 'Ự']));
        assert_eq!(tone_variants('ê').map(|v| v[1]), Some('ế'));
        assert_eq!(tone_variants('đ'), None);
        assert_eq!(tone_variants('b'), None);
    }

    #[test]
    fn every_tone_variant_is_one_precomposed_letter() {
        // One character each (NFC), so that replacing the base vowel is one code unit for one.
        for (vowel, variants) in TONES {
            assert_eq!(vowel.len_utf16(), 1);
            for variant in variants {
                assert_eq!(variant.len_utf16(), 1, "{variant}");
                assert_ne!(upper_of(variant), variant, "{variant} has a capital");
            }
        }
    }

    #[test]
    fn the_rows_hold_every_vietnamese_letter_once() {
        let letters: String = LETTER_ROWS.concat();
        for letter in "abcdđeêghiklmnoôơpqrstuưvxyăâ".chars() {
            assert_eq!(letters.matches(letter).count(), 1, "{letter}");
        }
    }

    #[test]
    fn digits_are_grouped_as_they_are_read() {
        assert_eq!(group_digits("001085012345"), "001 085 012 345");
        assert_eq!(group_digits("0912345678"), "0912 345 678");
        assert_eq!(group_digits("123456"), "123 456");
        assert_eq!(group_digits("0012"), "001 2");
        assert_eq!(group_digits("12 3a4"), "123 4");
        assert_eq!(group_digits(""), "");
    }
}
