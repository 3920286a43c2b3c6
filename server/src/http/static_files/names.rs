//! What a path's name says about the file it asks for: a file or a route of the app, and
//! whether its content can ever change under that name.

/// The last segment of the path has an extension: the browser asked for a file.
pub fn looks_like_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// Trunk names the files it builds `name-<hash>.ext`, with a hash of 16 hex digits (15 when it
/// starts with a 0, which Trunk drops); the wasm build puts the app's scripts and wasm chunks
/// in a folder `app-<hash>/`, whose files are as immutable as its name.
pub fn is_hashed_asset(path: &str) -> bool {
    let Some(file) = path.rsplit('/').next().filter(|f| f.contains('.')) else {
        return false;
    };
    let in_hashed_folder = path
        .trim_start_matches('/')
        .split_once('/')
        .and_then(|(folder, _)| folder.strip_prefix("app-"))
        .is_some_and(is_hash);
    let stem = file.split('.').next().unwrap_or(file);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    in_hashed_folder || stem.rsplit_once('-').is_some_and(|(_, hash)| is_hash(hash))
}

fn is_hash(text: &str) -> bool {
    (12..=16).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunks_hashed_names() {
        assert!(is_hashed_asset("/citizen-portal-d29f1a3744524019_bg.wasm"));
        assert!(is_hashed_asset("/citizen-portal-d29f1a3744524019.js"));
        assert!(is_hashed_asset("/main-588f1f8fe7712ab.css"));
        assert!(is_hashed_asset(
            "/app-d29f1a3744524019/citizen_portal_bg.wasm"
        ));
        assert!(is_hashed_asset("/app-d29f1a3744524019/__wasm_split.js"));
        assert!(!is_hashed_asset("/app-notahash/citizen_portal.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/favicon.svg"));
        assert!(!is_hashed_asset("/documents/KS-2020-0123000001"));
        // A route whose last segment happens to look like a hash is still a route.
        assert!(!is_hashed_asset("/documents/BD-2019-0123456789abcd"));
    }

    #[test]
    fn routes_are_not_files() {
        assert!(looks_like_a_file("/main.css"));
        assert!(!looks_like_a_file("/documents"));
        assert!(!looks_like_a_file("/requests/YC-2026-000001"));
        assert!(!looks_like_a_file("/"));
    }
}
