//! The citizen's personal electronic data store.

mod detail;
mod list;
mod words;

pub use detail::DocumentDetailPage;
pub use list::DocumentListPage;
