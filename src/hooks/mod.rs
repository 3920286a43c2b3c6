//! Our own hooks, in the shape of leptos-use's: one per file, `use_x` returning read-only
//! signals.

mod use_clock;
mod use_document_index;
mod use_focus_on_show;
mod use_online;

pub use use_clock::use_clock;
pub use use_document_index::{DocumentIndex, use_document_index};
pub use use_focus_on_show::use_focus_on_show;
pub use use_online::use_online;
