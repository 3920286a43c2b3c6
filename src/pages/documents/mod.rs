//! The citizen's personal electronic data store, and what a link to one document shows.

mod detail;
mod list;
mod parts;
mod share;
mod shared;
mod upload;
mod words;

pub use detail::DocumentDetailPage;
pub use list::DocumentListPage;
pub use shared::SharedDocumentPage;
pub use upload::UploadPage;
