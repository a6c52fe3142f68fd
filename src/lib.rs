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

#![forbid(unsafe_code)]

/// Traces a function (or every function of an `impl` block or inline `mod`) as it runs.
///
/// On a function, the attribute changes nothing of what it computes, prints, or how it compiles
/// (the same errors and warnings, at the same places); it adds the recording of each ownership
/// event, sent when the outermost traced call returns (see the crate's documentation).
///
/// # Arguments
///
/// None, or any of these, comma-separated:
///
/// - `name = "..."`: the name the trace shows for the function, instead of its own:
///
///   ```
///   use trace_ownership::trace_ownership;
///
///   #[trace_ownership(name = "the greeting")]
///   fn greet() -> usize {
///       let s = String::from("hello");
///       s.len()
///   }
///
///   let (_, trace) = trace_ownership::capture(greet);
///   assert_eq!(trace.function, "the greeting");
///   ```
///
/// - `crate = "path"`: where the `trace-ownership` crate is, when your `Cargo.toml` renames it
///   (`to = { package = "trace-ownership", version = "..." }` needs `crate = "to"`); the
///   generated code imports its runtime from there instead of `::trace_ownership`:
///
///   ```
///   extern crate trace_ownership as to; // what a rename in Cargo.toml does
///
///   #[to::trace_ownership(crate = "to")]
///   fn renamed() -> usize {
///       let v = vec![1, 2, 3];
///       v.len()
///   }
///
///   let (n, trace) = to::capture(renamed);
///   assert_eq!(n, 3);
///   assert_eq!(trace.function, "renamed");
///   ```
///
/// On an `impl` block or an inline `mod`, every function in it is traced (an `impl`'s as
/// `Type::method`), with the same arguments:
///
/// ```
/// use trace_ownership::trace_ownership;
///
/// struct Counter(u32);
///
/// #[trace_ownership]
/// impl Counter {
///     fn bump(&mut self) -> u32 {
///         self.0 += 1;
///         self.0
///     }
/// }
///
/// let (n, trace) = trace_ownership::capture(|| Counter(1).bump());
/// assert_eq!(n, 2);
/// assert_eq!(trace.function, "Counter::bump");
/// ```
///
/// Anything else (a `struct`, a `const fn`, an unknown argument) is one error at the offending
/// tokens, and the item is left as written.
///
/// Should the macro itself fail on an item (a bug in trace-ownership), the item is left as
/// written, compiles and runs untraced, and the build prints one note naming it on stderr,
/// `note: #[trace_ownership]: fn `f` (line 12) is left untraced: ...`; the compiler's own
/// errors and warnings are never changed.
#[doc(inline)]
pub use trace_ownership_macros::trace_ownership;
pub use trace_ownership_runtime::{
    capture, config, emit, events_so_far, explain, render, Config, Detail, Event, EventKind,
    Evidence, Format, HeapFacts, HeapTracker, Source, Trace, Why, SCHEMA_VERSION,
};

/// The functions generated code calls. Not a public API: it changes without notice.
#[doc(hidden)]
pub use trace_ownership_runtime::__private;
