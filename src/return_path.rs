//! Where the sign-in page sends a citizen afterwards: back to the page they opened, and only
//! ever to a page of this site (an open redirect would let a phishing link borrow the portal's
//! address).

/// The sign-in page.
pub const SIGN_IN_PATH: &str = "/sign-in";

/// The query parameter of the sign-in page that holds the path to return to.
pub const NEXT_PARAM: &str = "next";

/// Longer than any address of the portal; anything longer is not one of ours.
const MAX_RETURN_PATH_LEN: usize = 2048;

/// `value` if it is a path on this site that is safe to return to: it starts with exactly one
/// `/` (so no scheme, and not `//host`), and holds no backslash, whitespace or control
/// character (browsers read `\` as `/` and drop tabs and newlines, so `/\evil.example` and
/// `/\t/evil.example` would both become `//evil.example`).
pub fn safe_return_path(value: &str) -> Option<&str> {
    let is_safe = value.len() <= MAX_RETURN_PATH_LEN
        && value.starts_with('/')
        && !value.starts_with("//")
        && !value
            .chars()
            .any(|c| c == '\\' || c.is_whitespace() || c.is_control());
    is_safe.then_some(value)
}

/// The sign-in page's address that returns to `path_and_query` afterwards.
pub fn sign_in_path(path_and_query: &str) -> String {
    format!(
        "{SIGN_IN_PATH}?{NEXT_PARAM}={}",
        encode_uri_component(path_and_query)
    )
}

/// Percent-encodes `value` for a query parameter as JavaScript's `encodeURIComponent` does.
fn encode_uri_component(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_this_site_are_safe() {
        for path in [
            "/",
            "/record",
            "/documents/GKS-2024-001",
            "/requests?status=processing&page=2",
            "/documents#top",
            "/giấy-tờ",
            "/a:b",
        ] {
            assert_eq!(safe_return_path(path), Some(path), "{path}");
        }
    }

    #[test]
    fn anything_that_could_leave_the_site_is_refused() {
        for value in [
            "",
            "record",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "\\/evil.example",
            "https://evil.example/record",
            "javascript:alert(1)",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            " /record",
            "/record\u{0}",
        ] {
            assert_eq!(safe_return_path(value), None, "{value:?}");
        }
        let long = format!("/{}", "a".repeat(MAX_RETURN_PATH_LEN));
        assert_eq!(safe_return_path(&long), None);
    }

    #[test]
    fn the_sign_in_address_carries_the_path_encoded() {
        assert_eq!(sign_in_path("/record"), "/sign-in?next=%2Frecord");
        assert_eq!(
            sign_in_path("/requests?status=a b&page=2"),
            "/sign-in?next=%2Frequests%3Fstatus%3Da%20b%26page%3D2"
        );
        assert_eq!(sign_in_path("/giấy"), "/sign-in?next=%2Fgi%E1%BA%A5y");
        assert_eq!(encode_uri_component("A-z_0.9!~*'()"), "A-z_0.9!~*'()");
    }
}
