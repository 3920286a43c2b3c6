//! The citizen's population record: the portal's stored copy, its refresh from the national
//! database with the changes it brought, and the log of who read it.

pub mod access_log;
pub mod diff;
pub mod refresh;
pub mod refresh_store;
pub mod share_views;
pub mod store;
