//! HTTP plumbing shared by the API and the app: headers every response carries, the static
//! files of the built app, stored files as answers, and the API's answers for paths and
//! methods it does not have.

pub mod api_fallback;
pub mod csrf;
pub mod file_download;
pub mod operator;
pub mod security_headers;
pub mod static_files;
