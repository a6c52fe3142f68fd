//! `mdbook-trace-ownership`: an [mdBook](https://rust-lang.github.io/mdBook/) preprocessor that
//! turns each ```` ```rust,trace ```` listing of a book into its real, traced run.
//!
//! Each such listing is compiled as a program with `#[trace_ownership]` on every function that
//! has none, run, and followed in the page by its picture (the trace's self-contained HTML page:
//! timeline, stack and heap, stepping, the quiz; inline, nothing fetched) and its text trace,
//! folded. ```` ```rust,compile_fail,trace ```` shows rustc's exact error instead, and a
//! ```` ```rust,trace,fixed ```` block right after it is shown beside it with its trace.
//! Block words: `heap` (the heap tracker on), `precise` (the compiler's MIR decides, as
//! `cargo trace-ownership run` does), `should_panic`, `name=NAME`. Hidden lines (`# `) are
//! compiled and not shown, as in rustdoc.
//!
//! - [`blocks`]: finding the listings and their words; [`listing`]: the program and its key;
//! - [`project`]: all listings not cached as one cargo project, built once; [`run`]: their
//!   programs, run in parallel; [`precise`]: precise mode;
//! - [`outcome`]: what happened, and the cache; [`render`]: what the page shows;
//! - [`book`]: the pass over a book; [`config`]: `book.toml`.

#![warn(missing_docs)]

pub mod blocks;
pub mod book;
pub mod config;
pub mod listing;
pub mod outcome;
pub mod precise;
pub mod project;
pub mod render;
pub mod run;

use std::io::Write;

/// This program's name, as its messages start.
pub const NAME: &str = "mdbook-trace-ownership";

/// Prints `msg` as an error of this preprocessor on stderr (the book still builds).
pub fn error(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{NAME}: error: {msg}");
}

/// Prints `msg` as a warning of this preprocessor on stderr.
pub fn warn(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{NAME}: warning: {msg}");
}

/// The preprocessor: reads mdBook's `[context, book]` JSON from `input`, writes the book back
/// to `output`. `Err`: a message for the user (a bad `book.toml` option, input that is not
/// mdBook's), one sentence.
pub fn preprocess(input: impl std::io::Read, output: impl Write) -> Result<book::Stats, String> {
    let (ctx, mut book) = mdbook_preprocessor::parse_input(input)
        .map_err(|e| format!("cannot read mdBook's input: {e:#}"))?;
    let table: Option<serde_json::Value> = ctx
        .config
        .get("preprocessor.trace-ownership")
        .map_err(|e| format!("book.toml: {e:#}"))?;
    let settings = config::Settings::from_table(table.as_ref(), &ctx.root)
        .map_err(|e| format!("book.toml: {e}"))?;
    let edition = ctx
        .config
        .rust
        .edition
        .and_then(|e| serde_json::to_value(e).ok())
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "2021".into());
    let stats = book::process(&mut book, settings, &edition);
    serde_json::to_writer(output, &book).map_err(|e| format!("cannot write the book: {e}"))?;
    Ok(stats)
}
