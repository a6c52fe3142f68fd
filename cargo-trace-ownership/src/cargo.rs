//! Driving cargo: the MIR build, the ordinary traced run, and the rendering of the resolved
//! traces.
//!
//! **How the MIR build sees the code as written.** It is `cargo rustc` of the user's own target
//! with `-Zunpretty=mir -Zmir-opt-level=0 -Zmir-include-spans=yes` after `--`: cargo passes those
//! to the last unit only, so dependencies are the very units of the ordinary build (`Fresh`).
//! This binary is that build's `RUSTC_WRAPPER`: only for the one rustc invocation that carries
//! `-Zunpretty=mir` it sets `RUSTC_BOOTSTRAP=1` (the stable compiler's permission for `-Z`
//! flags) and `TRACE_OWNERSHIP_MIR_BUILD=1`, under which the attribute emits each function
//! exactly as written (as under the `disabled` feature). Setting them on cargo itself instead
//! would rebuild dependencies: build scripts such as proc-macro2's watch `RUSTC_BOOTSTRAP`.
//!
//! So the MIR is the MIR of the untraced program, with the user's own spans and none of the
//! generated code's temporaries, and no generated statement has to be told from the user's.
//! That is sound because the attribute is transparent: the traced program performs the same
//! moves, copies, borrows and drops as the program as written.

use crate::cli::{OutFormat, RunArgs, Target};
use crate::facts::Facts;
use crate::resolve::{resolve, NoteKind};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use trace_ownership_runtime::Trace;

/// Set by this command on the MIR build: the binary then acts as rustc's wrapper.
pub const ENV_WRAPPER: &str = "TRACE_OWNERSHIP_RUSTC_WRAPPER";
/// A `RUSTC_WRAPPER` the user had (sccache, ...): the wrapper hands over to it.
pub const ENV_INNER_WRAPPER: &str = "TRACE_OWNERSHIP_INNER_RUSTC_WRAPPER";
/// Read by the attribute: emit the code as written (precise mode's MIR build only).
pub const ENV_MIR_BUILD: &str = "TRACE_OWNERSHIP_MIR_BUILD";
/// The flags that make rustc print the MIR precise mode reads.
pub const MIR_FLAGS: [&str; 3] = [
    "-Zunpretty=mir",
    "-Zmir-opt-level=0",
    "-Zmir-include-spans=yes",
];

/// Prints a warning of this command on stderr.
pub fn warn(msg: &str) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "cargo-trace-ownership: warning: {msg}"
    );
}

/// Whether this process was started as the MIR build's rustc wrapper.
pub fn is_wrapper() -> bool {
    std::env::var_os(ENV_WRAPPER).is_some_and(|v| v == "1")
}

/// The rustc wrapper: `args` are `rustc ARGS...` as cargo gives them. Returns rustc's exit code.
pub fn wrapper_main(args: &[String]) -> i32 {
    let Some((rustc, rest)) = args.split_first() else {
        warn("started as a rustc wrapper without a compiler to run");
        return 101;
    };
    let mut cmd = match std::env::var_os(ENV_INNER_WRAPPER).filter(|w| !w.is_empty()) {
        Some(inner) => {
            let mut c = Command::new(inner);
            c.arg(rustc);
            c
        }
        None => Command::new(rustc),
    };
    cmd.args(rest);
    cmd.env_remove(ENV_WRAPPER);
    if rest.iter().any(|a| a == MIR_FLAGS[0]) {
        cmd.env("RUSTC_BOOTSTRAP", "1").env(ENV_MIR_BUILD, "1");
    }
    match cmd.status() {
        Ok(s) => s.code().unwrap_or(101),
        Err(e) => {
            warn(&format!("cannot run {rustc}: {e}"));
            101
        }
    }
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn target_args(run: &RunArgs) -> Vec<String> {
    let mut a = Vec::new();
    if run.verbose {
        a.push("-v".to_string());
    }
    if let Some(m) = &run.manifest_path {
        a.push("--manifest-path".to_string());
        a.push(m.display().to_string());
    }
    match &run.target {
        Target::Default => {}
        Target::Bin(n) => a.extend(["--bin".to_string(), n.clone()]),
        Target::Example(n) => a.extend(["--example".to_string(), n.clone()]),
    }
    a
}

/// The MIR build: `cargo rustc <target> -- -Zunpretty=mir ...`, this binary as rustc's
/// wrapper. Returns the MIR text, or why there is none (cargo's own messages included).
pub fn mir_build(run: &RunArgs) -> Result<String, String> {
    let me = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let mut cmd = cargo();
    cmd.arg("rustc")
        .args(target_args(run))
        .arg("--")
        .args(MIR_FLAGS)
        .env("RUSTC_WRAPPER", &me)
        .env(ENV_WRAPPER, "1")
        .stdin(Stdio::null());
    if let Some(inner) = std::env::var_os("RUSTC_WRAPPER").filter(|w| !w.is_empty()) {
        cmd.env(ENV_INNER_WRAPPER, inner);
    }
    let out = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let err = String::from_utf8_lossy(&out.stderr);
    if run.verbose {
        let _ = std::io::stderr().lock().write_all(err.as_bytes());
    }
    if !out.status.success() {
        let tail: Vec<&str> = err.lines().rev().take(12).collect();
        return Err(format!(
            "the MIR build failed ({}):\n{}",
            out.status,
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    String::from_utf8(out.stdout).map_err(|_| "the MIR printed is not UTF-8".to_string())
}

/// A file name for the traced run's JSON that no other run uses.
fn temp_json() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "trace-ownership-{}-{nanos}.json",
        std::process::id()
    ))
}

/// The ordinary traced run, `TRACE_OWNERSHIP=json` to a temporary file. Returns the program's
/// exit code and the JSON lines it wrote.
pub fn traced_run(run: &RunArgs) -> Result<(i32, String), String> {
    let json = temp_json();
    let mut cmd = cargo();
    cmd.arg("run").args(target_args(run));
    cmd.arg("--").args(&run.args);
    cmd.env("TRACE_OWNERSHIP", "json")
        .env("TRACE_OWNERSHIP_OUT", &json)
        .env_remove(ENV_WRAPPER)
        .env_remove(ENV_MIR_BUILD);
    let status = cmd.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    let text = std::fs::read_to_string(&json).unwrap_or_default();
    let _ = std::fs::remove_file(&json);
    Ok((status.code().unwrap_or(101), text))
}

/// Reads the JSON lines of a traced run; a line that is not a trace is reported and skipped.
pub fn read_traces(text: &str) -> Vec<Trace> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Trace>(line) {
            Ok(t) => out.push(t),
            Err(e) => warn(&format!(
                "line {} of the traced run's JSON is not a trace ({e}); skipped",
                i + 1
            )),
        }
    }
    out
}

/// Writes resolved traces in `format` to `out` (stderr when `None`; for html a directory).
pub fn write_traces(traces: &[Trace], format: OutFormat, out: Option<&Path>) -> Result<(), String> {
    if format == OutFormat::Html {
        for t in traces {
            trace_ownership_runtime::render::html::deliver(t, out);
        }
        return Ok(());
    }
    let mut text = String::new();
    for t in traces {
        match format {
            OutFormat::Json => {
                text.push_str(&t.to_json());
                text.push('\n');
            }
            _ => text.push_str(&t.to_text(
                out.is_none()
                    && std::env::var_os("NO_COLOR").is_none()
                    && std::io::IsTerminal::is_terminal(&std::io::stderr()),
            )),
        }
    }
    match out {
        Some(p) => {
            std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))
        }
        None => std::io::stderr()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    }
}

/// `cargo trace-ownership run`: MIR build, traced run, resolved traces. Returns the exit code:
/// the program's own.
pub fn precise_run(run: &RunArgs) -> i32 {
    if run.test.is_some() {
        warn("`test` is not available yet: use `run` on a binary or an example");
        return 2;
    }
    let facts = match mir_build(run) {
        Ok(mir) => match Facts::from_mir(&mir) {
            Ok(f) => Some(f),
            Err(e) => {
                warn(&format!(
                    "cannot read the compiler's MIR ({e}); showing the ordinary trace"
                ));
                None
            }
        },
        Err(e) => {
            warn(&format!(
                "{e}\nshowing the ordinary trace, without the compiler's facts"
            ));
            None
        }
    };
    let (code, json) = match traced_run(run) {
        Ok(r) => r,
        Err(e) => {
            warn(&e);
            return 101;
        }
    };
    let traces = read_traces(&json);
    if traces.is_empty() {
        warn("the program wrote no trace: no function with #[trace_ownership] returned (a program that renders its traces itself, with `trace_ownership::capture`, must hand them to the runtime's output for this command to see them)");
        return code;
    }
    let mut resolved = Vec::with_capacity(traces.len());
    for t in &traces {
        match &facts {
            Some(f) => {
                let r = resolve(t, f);
                if run.explain_facts {
                    explain(&r);
                }
                resolved.push(r.trace);
            }
            None => resolved.push(t.clone()),
        }
    }
    if let Err(e) = write_traces(&resolved, run.format, run.out.as_deref()) {
        warn(&e);
    }
    code
}

/// Prints what the facts decided and every disagreement, on stderr.
fn explain(r: &crate::resolve::Resolution) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "── facts for `{}`: {} resolved, {} without a fact, {} contradictions, {} unmatched facts ──",
        r.trace.function,
        r.notes_of(NoteKind::Resolved).count(),
        r.notes_of(NoteKind::NoFact).count(),
        r.notes_of(NoteKind::Contradiction).count(),
        r.notes_of(NoteKind::UnmatchedFact).count(),
    );
    for n in &r.notes {
        let _ = writeln!(err, "  {n}");
    }
}
