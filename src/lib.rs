//! # trace-ownership
//!
//! Put `#[trace_ownership]` on a function, run the program as usual, and see what Rust did with
//! its values, in order: each binding and what it owns, each move, copy and clone, each shared or
//! mutable borrow and where it ends, each drop and what it freed, with source lines and a
//! plain-English sentence.
//!
//! ```
//! use trace_ownership::trace_ownership;
//!
//! #[trace_ownership]
//! fn greet() -> usize {
//!     let s = String::from("hello");
//!     let t = s; // `s` moves into `t`
//!     t.len()
//! }
//!
//! let (n, trace) = trace_ownership::capture(greet);
//! assert_eq!(n, 5);
//! let kinds: Vec<_> = trace.events.iter().map(|e| e.kind.as_str()).collect();
//! assert!(kinds.contains(&"move"));
//! println!("{trace}");
//! ```
//!
//! Run a traced program and the trace goes to stderr when the outermost traced call returns.
//! `TRACE_OWNERSHIP` chooses the format (`text`, the default; `json`; `html`; `off`) and
//! `TRACE_OWNERSHIP_OUT` a file (a directory for `html`) to write to instead.
//!
//! What the macro cannot know from syntax alone (a method that may take `self` by value, a type it
//! cannot see), the trace says it does not know, instead of guessing: see
//! [`Evidence`].

pub use trace_ownership_macros::trace_ownership;
pub use trace_ownership_runtime::config::{Config, Format};
pub use trace_ownership_runtime::explain;
pub use trace_ownership_runtime::heap::HeapTracker;
pub use trace_ownership_runtime::recorder::events_so_far;
pub use trace_ownership_runtime::render;
pub use trace_ownership_runtime::{
    capture, Event, EventKind, Evidence, HeapFacts, Source, Trace, SCHEMA_VERSION,
};

/// The functions generated code calls. Not a public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use trace_ownership_runtime::facts::{CopyKnown, HeapProbe, Probe};
    pub use trace_ownership_runtime::observe::{pass, pass_heap};
    pub use trace_ownership_runtime::recorder::{
        closure_enter, enter, loop_enter, mark_leaving, stayed, ClosureGuard, FrameGuard, LoopGuard,
    };
    pub use trace_ownership_runtime::site::Site;
    pub use trace_ownership_runtime::slot::{
        borrow, borrow_end, called, cloned, gave_untracked, on, BindKind, Slot, Use,
    };

    /// The two traits of the `Copy` probe, imported by generated code with a glob (`use
    /// copy_probe::*`): one of them is always used, so the import needs no `allow` (which a
    /// user's `#![forbid(unused_imports)]` would refuse).
    pub mod copy_probe {
        pub use trace_ownership_runtime::facts::{ProbeAny, ProbeCopy};
    }

    /// The traits of the heap probe, imported by generated code with a glob (see
    /// [`copy_probe`]).
    pub mod heap_probe {
        pub use trace_ownership_runtime::facts::{HeapKnown, HeapNone};
    }

    /// Whether dropping the value behind `v` runs code (adds no constraint on `T`).
    #[inline]
    pub fn needs_drop_of<T: ?Sized>(_: &T) -> bool {
        ::core::mem::needs_drop::<T>()
    }
}
