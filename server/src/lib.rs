//! The citizen portal's reference backend.
//!
//! It implements the documented API (`docs/openapi.yaml`) over an embedded SQLite database
//! with seeded demo citizens, serves the built app, and plays the National Population
//! Database with switchable latency and faults. It is how the portal runs on one machine and
//! how it is tested; a real deployment points the app at any server implementing the API.

pub mod app;
pub mod auth;
pub mod citizen_limits;
pub mod config;
pub mod db;
pub mod documents;
pub mod error;
pub mod http;
pub mod json;
pub mod limits;
pub mod national_db;
pub mod openapi;
pub mod record;
pub mod requests;
pub mod routes;
pub mod search_pace;
pub mod seed;
pub mod server;
pub mod share;
pub mod state;

pub use app::build_app;
pub use state::AppState;
