//! Everything the runtime writes: finished traces where the configuration says, HTML pages,
//! and warnings (a bad setting, a file that cannot be written). Never panics, never stops the
//! program: a failure is one warning on stderr and the trace goes to stderr instead.
//!
//! The layer above the renderers (pure functions of a [`Trace`]) and the settings (plain data):
//! the only module that writes to stderr or to files.

use crate::config::{self, Config, Format};
use crate::event::Trace;
use crate::render;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;

static CONFIG: OnceLock<Config> = OnceLock::new();

/// The settings, read from the environment on first use; a bad value is one warning on stderr,
/// once, and its default is used.
pub fn config() -> &'static Config {
    CONFIG.get_or_init(|| {
        let (config, warnings) = Config::from_lookup(|k| std::env::var(k).ok());
        for w in warnings {
            warn(&w);
        }
        config
    })
}

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
    let cfg = config();
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
        let cfg = config();
        match cfg.format {
            Format::Off => {}
            Format::Text => {
                let color = cfg.color && cfg.out.is_none() && std::io::stderr().is_terminal();
                deliver(&render::text::render(&trace, color));
            }
            Format::Json => {
                let mut line = render::json::to_json(&trace);
                line.push('\n');
                deliver(&line);
            }
            Format::Html => write_page(&trace, cfg.out.as_deref()),
        }
    }));
    if result.is_err() {
        warn("rendering a trace failed; the trace is lost, the program goes on");
    }
}

/// Writes the page of `trace` into `dir` (or the current directory) and prints its path on
/// stderr; when it cannot, one warning and the trace as text on stderr.
pub fn write_page(trace: &Trace, dir: Option<&Path>) {
    let dir = dir.unwrap_or_else(|| Path::new("."));
    let path = dir.join(page_file_name(trace));
    let result =
        std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&path, render::html::page(trace)));
    match result {
        Ok(()) => warn_path(&path),
        Err(e) => {
            warn(&format!(
                "cannot write {} ({e}); the trace follows as text",
                path.display()
            ));
            write_text_stderr(trace);
        }
    }
}

/// `function-thread-N.html` (N counts the pages this process wrote, so a function traced
/// twice gets two pages), with anything but letters, digits, `-` and `_` replaced.
fn page_file_name(trace: &Trace) -> String {
    static WRITTEN: AtomicUsize = AtomicUsize::new(0);
    let n = WRITTEN.fetch_add(1, Ordering::Relaxed) + 1;
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!(
        "{}-{}-{n}.html",
        clean(&trace.function),
        clean(&trace.thread)
    )
}

/// Tells the user where a file was written (on stderr).
fn warn_path(path: &Path) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "trace-ownership: trace written to {}",
        path.display()
    );
}

/// Writes the plain-text rendering of `trace` to stderr (the fallback when a file fails).
fn write_text_stderr(trace: &Trace) {
    write_stderr(&render::text::render(trace, false));
}
