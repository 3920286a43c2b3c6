//! The citizen's written requests for information.

mod detail;
mod draft;
mod list;
mod merge;
mod new;
mod saving;
mod steps;

pub use detail::RequestDetailPage;
pub use list::RequestListPage;
pub use new::NewRequestPage;
