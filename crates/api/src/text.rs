//! What counts as blank in a field a citizen types into, the same for the browser, the server
//! and the API document (whose patterns are read by other languages' regex engines).
//!
//! Rust's `trim`, ECMAScript's `\s` and Python's `\s` each call a different set of characters
//! white space, so a rule written with any of them would say "required" on one side and
//! "fine" on the other. The set here is named character by character instead.

/// The characters that count as blank: ASCII white space and the no-break space (which a
/// copy from a web page or a phone keyboard brings along).
pub const BLANK: [char; 7] = [' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{a0}'];

/// The JSON Schema `pattern` of a field that must not be blank: somewhere, one character
/// outside [`BLANK`]. (Patterns are not anchored, so this finds one anywhere.)
pub const NOT_BLANK_PATTERN: &str = r"[^ \t\n\r\u000b\u000c\u00a0]";

/// Whether `text` is empty or only [`BLANK`] characters.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| BLANK.contains(&c))
}

/// `text` without [`BLANK`] characters at either end.
pub fn trim_blank(text: &str) -> &str {
    text.trim_matches(BLANK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_named_character_by_character() {
        assert!(is_blank(""));
        assert!(is_blank(" \t\n\u{a0}"));
        assert!(!is_blank(" a "));
        // White space to Rust or to Python's `\s`, but not to this rule (nor to the pattern).
        assert!(!is_blank("\u{2003}"));
        assert!(!is_blank("\u{85}"));
        assert_eq!(trim_blank("\u{a0} Giấy khai sinh \n"), "Giấy khai sinh");
    }

    #[test]
    fn the_pattern_names_the_same_characters() {
        let class = NOT_BLANK_PATTERN
            .strip_prefix("[^")
            .and_then(|p| p.strip_suffix(']'))
            .unwrap();
        let named: Vec<char> = class
            .replace(r"\t", "\t")
            .replace(r"\n", "\n")
            .replace(r"\r", "\r")
            .replace(r"\u000b", "\u{b}")
            .replace(r"\u000c", "\u{c}")
            .replace(r"\u00a0", "\u{a0}")
            .chars()
            .collect();
        let mut want = BLANK.to_vec();
        let mut got = named;
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want);
    }
}
