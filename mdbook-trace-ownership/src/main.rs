//! `mdbook-trace-ownership`: mdBook runs it as `mdbook-trace-ownership supports RENDERER`, then
//! with the book as JSON on stdin. Precise mode also runs it as rustc's wrapper.

use mdbook_trace_ownership::{preprocess, NAME};
use std::process::ExitCode;

const HELP: &str =
    "mdbook-trace-ownership: an mdBook preprocessor that traces a book's ```rust,trace listings.

In book.toml:
    [preprocessor.trace-ownership]
    # cache-dir = \"target/trace-ownership\"   (relative to the book)
    # crate-path = \"path/to/trace-ownership\" (the crate the listings use)
    # timeout = 20                            (seconds one listing may run)

mdBook runs it: `mdbook build`, `mdbook serve`.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if cargo_trace_ownership::cargo::is_wrapper() {
        let code = cargo_trace_ownership::cargo::wrapper_main(&args[1..]);
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    match args.get(1).map(String::as_str) {
        // Its pictures are HTML: other renderers get the book untouched.
        Some("supports") => match args.get(2).map(String::as_str) {
            Some("html") => ExitCode::SUCCESS,
            _ => ExitCode::FAILURE,
        },
        Some("-h" | "--help" | "help") => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("{NAME}: error: unknown argument `{other}`; see `{NAME} --help`");
            ExitCode::FAILURE
        }
        None => match preprocess(std::io::stdin().lock(), std::io::stdout().lock()) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{NAME}: error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
