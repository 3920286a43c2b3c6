//! One module per route.

mod account;
mod documents;
mod home;
mod not_found;
mod record;
mod requests;
mod sign_in;

pub use account::AccountPage;
pub use documents::{DocumentDetailPage, DocumentListPage};
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use record::RecordPage;
pub use requests::{NewRequestPage, RequestDetailPage, RequestListPage};
pub use sign_in::SignInPage;
