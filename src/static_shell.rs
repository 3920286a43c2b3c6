//! `index.html` carries a copy of the header, loading state and footer in Vietnamese, so the
//! first paint does not wait for the wasm. These tests keep that copy equal to the app's texts.

use serde_json::Value;

const INDEX_HTML: &str = include_str!("../index.html");
const VIETNAMESE: &str = include_str!("../locales/vi.json");

/// The keys whose Vietnamese text the static shell shows.
const SHELL_KEYS: &[&str] = &[
    "shell.portal_name",
    "shell.portal_subtitle",
    "shell.skip_link",
    "shell.loading",
    "shell.footer_about",
    "shell.footer_privacy",
    "nav.label",
    "nav.home",
    "nav.record",
    "nav.documents",
    "nav.requests",
    "nav.sign_in",
    "language.label",
    "language.vi",
    "language.en",
];

fn vietnamese(key: &str) -> String {
    let locale: Value = serde_json::from_str(VIETNAMESE).unwrap();
    let text = key
        .split('.')
        .fold(&locale, |node, part| &node[part])
        .as_str();
    text.unwrap_or_else(|| panic!("no key {key} in locales/vi.json"))
        .to_owned()
}

#[test]
fn the_static_shell_says_what_the_app_says() {
    for key in SHELL_KEYS {
        let text = vietnamese(key);
        assert!(
            INDEX_HTML.contains(&format!(">{text}<"))
                || INDEX_HTML.contains(&format!("\"{text}\"")),
            "index.html does not show {key} = {text:?}"
        );
    }
}

#[test]
fn the_static_shell_is_in_vietnamese_and_runs_no_inline_code() {
    assert!(INDEX_HTML.contains(r#"<html lang="vi">"#));
    assert!(
        !INDEX_HTML.contains("style="),
        "inline styles break the CSP"
    );
    assert!(
        !INDEX_HTML.contains("<script>") && !INDEX_HTML.contains("<script type=\"module\">"),
        "inline scripts break the CSP"
    );
    assert!(
        !has_event_handler_attribute(INDEX_HTML),
        "inline event handlers break the CSP"
    );
}

/// Whether `html` has an attribute like ` onclick=`.
fn has_event_handler_attribute(html: &str) -> bool {
    html.match_indices(" on").any(|(at, _)| {
        let name: String = html[at + 1..]
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        name.len() > 2 && html[at + 1 + name.len()..].starts_with('=')
    })
}
