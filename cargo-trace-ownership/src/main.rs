//! `cargo trace-ownership`: precise mode. See the crate's documentation and `--help`.

use cargo_trace_ownership::{cargo, cli, facts::Facts};
use std::process::ExitCode;

/// Output piped into `head` that closes early ends the program quietly, as other command-line
/// tools do, instead of a panic in `println!` (Rust ignores SIGPIPE by default).
#[cfg(unix)]
fn default_sigpipe() {
    unsafe extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }
    const SIGPIPE: i32 = 13;
    const SIG_DFL: usize = 0;
    // SAFETY: restores the default action of one signal before any thread starts.
    unsafe {
        signal(SIGPIPE, SIG_DFL);
    }
}

fn main() -> ExitCode {
    #[cfg(unix)]
    default_sigpipe();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if cargo::is_wrapper() {
        return code(cargo::wrapper_main(&args));
    }
    match cli::parse(&args) {
        Ok(cli::Command::Help) => {
            println!("{}", cli::USAGE);
            ExitCode::SUCCESS
        }
        Ok(cli::Command::Facts(path)) => match std::fs::read_to_string(&path) {
            Ok(text) => match Facts::from_mir(&text) {
                Ok(f) => {
                    print!("{}", f.render());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    cargo::warn(&format!("{}: {e}", path.display()));
                    ExitCode::from(1)
                }
            },
            Err(e) => {
                cargo::warn(&format!("cannot read {}: {e}", path.display()));
                ExitCode::from(1)
            }
        },
        Ok(cli::Command::Practice(p)) => code(cargo_trace_ownership::practice::run(p)),
        Ok(cli::Command::Run(run)) => code(cargo::precise_run(&run)),
        Err(e) => {
            eprintln!("cargo-trace-ownership: error: {e}\n\n{}", cli::USAGE);
            ExitCode::from(2)
        }
    }
}

fn code(c: i32) -> ExitCode {
    ExitCode::from(u8::try_from(c).unwrap_or(1))
}
