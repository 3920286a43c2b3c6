//! The citizen's personal electronic data store.

mod detail;
mod list;

pub use detail::DocumentDetailPage;
pub use list::DocumentListPage;
