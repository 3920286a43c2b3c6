//! Written requests for information: drafts, submission, the provider's workflow, results.

pub mod store;
pub mod workflow;
