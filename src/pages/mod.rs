//! One module per route.

mod account;
mod documents;
mod home;
mod not_found;
mod record;
mod requests;
mod sign_in;
mod verify;

pub use account::AccountPage;
pub use documents::{DocumentDetailPage, DocumentListPage, SharedDocumentPage, UploadPage};
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use record::{AccessLogPage, RecordPage, SharePage};
pub use requests::{NewRequestPage, RequestDetailPage, RequestListPage};
pub use sign_in::SignInPage;
pub use verify::VerifyPage;
