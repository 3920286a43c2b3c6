//! The citizen's written requests for information.

mod detail;
mod draft;
mod inputs;
mod list;
mod new;
mod steps;

pub use detail::RequestDetailPage;
pub use list::RequestListPage;
pub use new::NewRequestPage;
