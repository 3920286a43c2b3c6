//! The personal electronic data store: search, detail with history, files, re-sync.

pub mod pdf;
pub mod search;
pub mod shares;
pub mod signature;
pub mod signed_pdf;
pub mod store;
pub mod upload;
