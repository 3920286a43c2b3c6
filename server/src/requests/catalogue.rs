//! What the guided form offers, as data: the police offices where a paper result can be
//! collected. The reference backend's are a sample (`server/data/police-offices.json`); a
//! deployment's server serves its own through the same `GET /request-catalogue`.

use std::sync::LazyLock;

/// The offices, read once from the data file built into the server.
pub static POLICE_OFFICES: LazyLock<Vec<String>> = LazyLock::new(|| {
    // The file is part of the build and checked by a test: a broken one cannot ship.
    serde_json::from_str(include_str!("../../data/police-offices.json")).unwrap_or_default()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_offices_are_read() {
        assert_eq!(POLICE_OFFICES.len(), 4);
        assert!(POLICE_OFFICES.iter().all(|o| o.starts_with("Công an ")));
    }
}
