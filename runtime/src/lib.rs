//! The runtime behind `#[trace_ownership]`: a per-thread recorder of ownership events and the
//! renderers that show them (text, JSON, HTML).
//!
//! Use it through the `trace-ownership` crate; this crate's API is re-exported there.
//!
//! # Layers
//!
//! Each module imports only from the layers below it (checked by `tests/layers.rs`):
//!
//! 1. `types`: what the names of standard types say (`Copy`, heap owners, clones, borrows), as
//!    plain lists; `labels`: the words of events' details, in one table.
//! 2. `detail`: an event's detail as data ([`Detail`], [`Why`]), read and written as those words.
//! 3. `event`: the data of a trace (plain types, serialisable).
//! 4. `config` (settings as data) and `facts` (what a type name says: `Copy`, heap owner).
//! 5. `site` (what the macro wrote at a statement) and `explain` (an event's sentence).
//! 6. [`render`]: pure functions from a [`Trace`] to text, JSON, HTML.
//! 7. `output`: the only writer: traces, pages, warnings, and the settings read once.
//! 8. `recorder`: the per-thread record log, sessions and frames, folding.
//! 9. `heap`, `observe` (what the allocator and generated code report), then `slot` (the
//!    per-binding calls generated code makes), then `step` (the events of one point of a
//!    statement, in one call).
//!
//! Everything but the data types, [`capture`], [`HeapTracker`], the renderers and the settings is
//! `pub(crate)`, reached by generated code and this workspace's tools through [`__private`].

#![warn(missing_docs)]
// `unsafe` only in the allocator (`heap.rs`, which allows it on its one impl, each block with
// its SAFETY comment).
#![deny(unsafe_code)]

mod config;
mod detail;
mod event;
pub mod explain;
mod facts;
mod heap;
mod labels;
mod observe;
mod output;
mod recorder;
pub mod render;
mod site;
mod slot;
mod step;
mod types;

pub use config::{Config, Format};
pub use detail::{Detail, Why};
pub use event::{Event, EventKind, Evidence, HeapFacts, Source, Text, Trace, SCHEMA_VERSION};
pub use heap::HeapTracker;
pub use output::{config, emit};
pub use recorder::{capture, events_so_far};

/// What the code `#[trace_ownership]` generates calls, and what this workspace's tools
/// (`cargo trace-ownership`, the mdBook preprocessor, the benchmarks and tests) use of the
/// recorder's internals. Not a public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::facts::{copy_by_name, facts_of, facts_of_type, CopyKnown, HeapProbe, Probe};
    pub use crate::observe::{pass, pass_heap};
    pub use crate::output::write_page;
    pub use crate::recorder::{
        closure_enter, enter, loop_enter, mark_leaving, stayed, ClosureGuard, FrameGuard, LoopGuard,
    };
    pub use crate::site::{Site, RAW_RECORD_BYTES};
    pub use crate::slot::{
        borrow, borrow_end, called, cloned, gave_untracked, on, BindKind, Slot, Use,
    };
    pub use crate::step::{step, Op};

    /// The two traits of the `Copy` probe, imported by generated code with a glob (`use
    /// copy_probe::*`): one of them is always used, so the import needs no `allow` (which a
    /// user's `#![forbid(unused_imports)]` would refuse).
    pub mod copy_probe {
        pub use crate::facts::{ProbeAny, ProbeCopy};
    }

    /// The traits of the heap probe, imported by generated code with a glob (see
    /// [`copy_probe`]).
    pub mod heap_probe {
        pub use crate::facts::{HeapKnown, HeapNone};
    }

    /// The words of events' `detail` and `to` the runtime writes and reads (`tests/labels.rs`
    /// checks the macro's table against it).
    pub mod labels {
        pub use crate::labels::*;
    }

    /// What the runtime knows of standard types by name (`tests/type_knowledge.rs` checks the
    /// macro's copy against it).
    pub mod types {
        pub use crate::types::*;
    }

    /// The signatures of the standard library's methods the runtime knows (see
    /// `explain`'s method sentences).
    pub mod std_methods {
        pub use crate::facts::std_methods::{lookup, Extra, Guard, SelfMode};
    }
}

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
