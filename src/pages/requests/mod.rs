//! The citizen's written requests for information.

mod detail;
mod list;
mod new;

pub use detail::RequestDetailPage;
pub use list::RequestListPage;
pub use new::NewRequestPage;
