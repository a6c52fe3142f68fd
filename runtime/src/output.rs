//! Writing finished traces where the configuration says. Never panics, never stops the program:
//! a failure is one warning on stderr and the trace goes to stderr instead.

use crate::config::{self, Format};
use crate::event::Trace;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Prints `msg` on stderr as a trace-ownership warning. Errors writing it are ignored.
pub fn warn(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "trace-ownership: warning: {msg}");
}

static OUT_FAILED: AtomicBool = AtomicBool::new(false);

fn write_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

fn append(path: &Path, text: &str) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

/// Writes `text` to the configured output (appending), or to stderr.
fn deliver(text: &str) {
    let cfg = config::get();
    match &cfg.out {
        Some(path) if !OUT_FAILED.load(Ordering::Relaxed) => {
            if let Err(e) = append(path, text) {
                if !OUT_FAILED.swap(true, Ordering::Relaxed) {
                    warn(&format!(
                        "cannot write to {}={} ({e}); traces go to stderr instead",
                        config::ENV_OUT,
                        path.display()
                    ));
                }
                write_stderr(text);
            }
        }
        _ => write_stderr(text),
    }
}

/// Renders and writes a finished trace. Called when an outermost traced call ends, possibly
/// while unwinding: a panic inside rendering is caught and reported, never propagated.
pub fn emit(trace: Trace) {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let cfg = config::get();
        match cfg.format {
            Format::Off => {}
            Format::Text => {
                let color = cfg.color && cfg.out.is_none() && std::io::stderr().is_terminal();
                deliver(&crate::render::text::render(&trace, color));
            }
            Format::Json => {
                let mut line = crate::render::json::to_json(&trace);
                line.push('\n');
                deliver(&line);
            }
            Format::Html => crate::render::html::deliver(&trace, cfg.out.as_deref()),
        }
    }));
    if result.is_err() {
        warn("rendering a trace failed; the trace is lost, the program goes on");
    }
}

/// Tells the user where a file was written (on stderr).
pub fn warn_path(path: &Path) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "trace-ownership: trace written to {}",
        path.display()
    );
}

/// Writes the plain-text rendering of `trace` to stderr (the fallback when a file fails).
pub fn write_text_stderr(trace: &Trace) {
    write_stderr(&crate::render::text::render(trace, false));
}
