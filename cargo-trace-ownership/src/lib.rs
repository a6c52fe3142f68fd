//! Precise mode for `#[trace_ownership]`: the compiler's MIR decides what the macro cannot see.
//!
//! A proc macro sees syntax. Whether `x.finish()` takes `self`, `&self` or `&mut self`, whether a
//! user type is `Copy`, how a closure captures: the ordinary trace labels these as judged by a
//! method's name, or says it cannot know. The stable compiler can print its MIR
//! (`RUSTC_BOOTSTRAP=1 rustc -Zunpretty=mir -Zmir-opt-level=0 -Zmir-include-spans=yes`), where
//! every `move _N`, `copy _N`, `&_N`, `&mut _N` and `drop(_N)` of a named variable carries its
//! source span. This crate reads that text ([`mir`]), turns it into [`facts`] keyed by file,
//! line and column, and applies them to a recorded [`Trace`](trace_ownership_runtime::Trace)
//! ([`resolve`]). The `cargo-trace-ownership` binary drives the builds ([`cargo`]).
//!
//! [`practice`] is `cargo trace-ownership practice`: the exercises of `ui-tests/`, fixed by a
//! learner and checked by what the trace of their run proves.
//!
//! ```
//! use cargo_trace_ownership::facts::Facts;
//! let mir = std::fs::read_to_string(concat!(
//!     env!("CARGO_MANIFEST_DIR"),
//!     "/tests/fixtures/receivers.mir"
//! ))
//! .unwrap();
//! let facts = Facts::from_mir(&mir).unwrap();
//! assert!(facts.uses.iter().any(|f| f.var == "c" && f.access.as_str() == "borrow_mut"));
//! ```

#![warn(missing_docs)]

pub mod cargo;
pub mod cli;
pub mod facts;
pub mod mir;
pub mod place;
pub mod practice;
pub mod resolve;
pub mod span;
