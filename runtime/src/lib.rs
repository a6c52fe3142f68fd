//! The runtime behind `#[trace_ownership]`: a per-thread recorder of ownership events and the
//! renderers that show them (text, JSON, HTML).
//!
//! Use it through the `trace-ownership` crate; this crate's API is re-exported there.

#![warn(missing_docs)]

pub mod config;
pub mod event;
pub mod explain;
pub mod facts;
pub mod heap;
pub mod observe;
pub mod output;
pub mod recorder;
pub mod render;
pub mod site;
pub mod slot;

pub use event::{Event, EventKind, Evidence, HeapFacts, Source, Trace, SCHEMA_VERSION};
pub use recorder::capture;

impl Trace {
    /// The trace as one line of JSON (see `SCHEMA.md`).
    pub fn to_json(&self) -> String {
        render::json::to_json(self)
    }

    /// The trace as a self-contained HTML page.
    pub fn to_html(&self) -> String {
        render::html::page(self)
    }

    /// The trace as text, with ANSI colours if `color`.
    pub fn to_text(&self, color: bool) -> String {
        render::text::render(self, color)
    }
}

impl std::fmt::Display for Trace {
    /// Plain text, one line per event.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&render::text::render(self, false))
    }
}
