//! Driving cargo: the MIR build, the ordinary traced run, and the rendering of the resolved
//! traces.
//!
//! **Where the MIR comes from.** The ordinary traced build (`cargo run`) runs with this binary
//! as `RUSTC_WRAPPER` (cargo does not fingerprint the wrapper: nothing is rebuilt for it). When
//! cargo compiles the user's binary (its primary package, crate type `bin`), the wrapper runs
//! that compilation as asked and, beside it, in parallel, a second rustc with the same arguments
//! plus `-Zunpretty=mir -Zmir-opt-level=0 -Zmir-include-spans=yes` (output directory and
//! incremental cache moved aside), whose standard output is the MIR. When cargo finds the binary
//! `Fresh` and compiles nothing, the MIR comes from `cargo rustc <target> -- -Zunpretty=mir ...`
//! instead, through the same wrapper: cargo passes those flags to the last unit only, so the
//! dependencies are the ordinary build's units, `Fresh`. Either way, one extra compilation of
//! the user's crate only, which never uses the ordinary build's incremental cache.
//!
//! **How that compilation sees the code as written.** Only for the rustc that prints MIR, the
//! wrapper sets `RUSTC_BOOTSTRAP=1` (the stable compiler's permission for `-Z` flags) and
//! `TRACE_OWNERSHIP_MIR_BUILD=1`, under which the attribute emits each function exactly as
//! written (as under the `disabled` feature). Setting them on cargo itself would rebuild
//! dependencies: build scripts such as proc-macro2's watch `RUSTC_BOOTSTRAP`. So the MIR is the
//! MIR of the untraced program, with the user's own spans and none of the generated code's
//! temporaries: no generated statement has to be told from the user's. That is sound because
//! the attribute is transparent: the traced program performs the same moves, copies, borrows
//! and drops as the program as written.

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
/// Where the wrapper writes the MIR of the user's binary while the ordinary build compiles it.
pub const ENV_MIR_OUT: &str = "TRACE_OWNERSHIP_MIR_OUT";
/// `test`: the directory where the wrapper writes the MIR of each of the package's test
/// harnesses it compiles, as `<crate name><cargo's extra file name>.mir`.
pub const ENV_MIR_DIR: &str = "TRACE_OWNERSHIP_MIR_DIR";
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

/// A progress line on stderr, with `-v` only.
fn note(run: &RunArgs, msg: &str) {
    if run.verbose {
        let _ = writeln!(std::io::stderr().lock(), "cargo-trace-ownership: {msg}");
    }
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
    let rustc_cmd = || {
        let mut cmd = match std::env::var_os(ENV_INNER_WRAPPER).filter(|w| !w.is_empty()) {
            Some(inner) => {
                let mut c = Command::new(inner);
                c.arg(rustc);
                c
            }
            None => Command::new(rustc),
        };
        cmd.env_remove(ENV_WRAPPER)
            .env_remove(ENV_MIR_OUT)
            .env_remove(ENV_MIR_DIR);
        cmd
    };
    let out = match (std::env::var_os(ENV_MIR_OUT), std::env::var_os(ENV_MIR_DIR)) {
        (Some(out), _) if is_users_binary(rest) => Some(PathBuf::from(out)),
        (_, Some(dir)) if is_users_test(rest) => {
            Some(Path::new(&dir).join(format!("{}.mir", unit_name(rest))))
        }
        _ => None,
    };
    let mir_child = out.and_then(|out| spawn_mir(rustc_cmd(), rest, &out));
    let mut cmd = rustc_cmd();
    if rest.iter().any(|a| a == MIR_FLAGS[0]) {
        // `cargo rustc -- -Zunpretty=mir ...`: the code as written, and none of it in the
        // ordinary build's incremental cache.
        let mut it = rest.iter();
        while let Some(a) = it.next() {
            match it.as_slice().first() {
                Some(v) if a == "-C" && v.starts_with("incremental=") => {
                    it.next();
                }
                _ => {
                    cmd.arg(a);
                }
            }
        }
        cmd.env("RUSTC_BOOTSTRAP", "1").env(ENV_MIR_BUILD, "1");
    } else {
        cmd.args(rest);
    }
    let code = match cmd.status() {
        Ok(s) => s.code().unwrap_or(101),
        Err(e) => {
            warn(&format!("cannot run {rustc}: {e}"));
            101
        }
    };
    if let Some((mut child, tmp, out)) = mir_child {
        // The MIR is kept only if its rustc succeeded; a half-written file is never left.
        match child.wait() {
            Ok(s) if s.success() => {
                let _ = std::fs::rename(&tmp, &out);
            }
            _ => {
                let _ = std::fs::remove_file(&tmp);
            }
        }
        let _ = std::fs::remove_dir_all(tmp.with_extension("dir"));
    }
    code
}

/// The value after `flag` in rustc's arguments.
fn arg_after<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// Whether cargo is compiling the binary of the package it was asked for (not a dependency,
/// a library, or a build script).
fn is_users_binary(args: &[String]) -> bool {
    std::env::var_os("CARGO_PRIMARY_PACKAGE").is_some()
        && arg_after(args, "--crate-type") == Some("bin")
        && arg_after(args, "--crate-name") != Some("build_script_build")
        && !args.iter().any(|a| a == "--test")
}

/// Whether cargo is compiling a test harness of the package it was asked for.
fn is_users_test(args: &[String]) -> bool {
    std::env::var_os("CARGO_PRIMARY_PACKAGE").is_some() && args.iter().any(|a| a == "--test")
}

/// `<crate name><extra file name>`: the stem of the unit's output file, as cargo names it.
fn unit_name(args: &[String]) -> String {
    let extra = args
        .windows(2)
        .find_map(|w| {
            (w[0] == "-C")
                .then(|| w[1].strip_prefix("extra-filename="))
                .flatten()
        })
        .unwrap_or("");
    format!(
        "{}{extra}",
        arg_after(args, "--crate-name").unwrap_or("unknown")
    )
}

/// Starts the rustc that prints the MIR: the same arguments, its outputs moved to a directory
/// of its own, no incremental cache (the real compilation owns that one).
fn spawn_mir(
    mut cmd: Command,
    args: &[String],
    out: &Path,
) -> Option<(std::process::Child, PathBuf, PathBuf)> {
    let tmp = out.with_extension("partial");
    let dir = tmp.with_extension("dir");
    std::fs::create_dir_all(&dir).ok()?;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--out-dir" || a == "-o" {
            it.next();
        } else if a.starts_with("--emit") {
            // Nothing is emitted: the MIR goes to standard output.
        } else if a == "-C" {
            match it.next() {
                Some(v) if v.starts_with("incremental=") => {}
                Some(v) => {
                    cmd.arg(a).arg(v);
                }
                None => {}
            }
        } else {
            cmd.arg(a);
        }
    }
    cmd.arg("--out-dir")
        .arg(&dir)
        .args(MIR_FLAGS)
        .env("RUSTC_BOOTSTRAP", "1")
        .env(ENV_MIR_BUILD, "1")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .stdout(std::fs::File::create(&tmp).ok()?);
    let child = cmd.spawn().ok()?;
    Some((child, tmp, out.to_path_buf()))
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
    mir_build_of(run, &target_args(run))
}

/// `cargo rustc ARGS -- -Zunpretty=mir ...` (ARGS: `--manifest-path`, the target, the profile).
fn mir_build_of(run: &RunArgs, args: &[String]) -> Result<String, String> {
    let me = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let mut cmd = cargo();
    cmd.arg("rustc")
        .args(args)
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

/// The ordinary traced run, `TRACE_OWNERSHIP=json` to a temporary file, this binary as rustc's
/// wrapper (writing the MIR of the user's binary to `mir_out` if cargo compiles it). Returns
/// the program's exit code and the JSON lines it wrote. The program's own standard streams are
/// its own: inherited.
pub fn traced_run(run: &RunArgs, mir_out: &Path) -> Result<(i32, String), String> {
    let json = temp_json();
    let me = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let mut cmd = cargo();
    cmd.arg("run").args(target_args(run));
    cmd.arg("--").args(&run.args);
    cmd.env("TRACE_OWNERSHIP", "json")
        .env("TRACE_OWNERSHIP_OUT", &json)
        .env("RUSTC_WRAPPER", &me)
        .env(ENV_WRAPPER, "1")
        .env(ENV_MIR_OUT, mir_out)
        .env_remove(ENV_MIR_BUILD);
    if let Some(inner) = std::env::var_os("RUSTC_WRAPPER").filter(|w| !w.is_empty()) {
        cmd.env(ENV_INNER_WRAPPER, inner);
    }
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
            trace_ownership_runtime::__private::write_page(t, out);
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
        return precise_test(run);
    }
    let mir_out = temp_json().with_extension("mir");
    let (code, json) = match traced_run(run, &mir_out) {
        Ok(r) => r,
        Err(e) => {
            warn(&e);
            return 101;
        }
    };
    // The MIR written beside the ordinary build, or (the binary was up to date) a build for it.
    let mir = match std::fs::read_to_string(&mir_out) {
        Ok(text) => {
            note(run, "MIR printed beside the binary's compilation");
            Ok(text)
        }
        Err(_) => {
            note(run, "the binary was up to date: MIR from `cargo rustc`");
            mir_build(run)
        }
    };
    let _ = std::fs::remove_file(&mir_out);
    let facts = match mir {
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
    show(run, &json, facts.as_ref());
    code
}

/// Resolves the traces of a run's JSON with `facts` (when there are any) and writes them.
fn show(run: &RunArgs, json: &str, facts: Option<&Facts>) {
    let traces = read_traces(json);
    if traces.is_empty() {
        warn("the program wrote no trace: no function with #[trace_ownership] returned (a program that renders its traces itself, with `trace_ownership::capture`, must hand them to the runtime's output for this command to see them)");
        return;
    }
    let mut resolved = Vec::with_capacity(traces.len());
    for t in &traces {
        match facts {
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
}

/// One test harness of the package, as `cargo test --no-run --message-format=json` lists it.
struct TestUnit {
    /// `lib`, `bin`, `test`, `example`, `bench`.
    kind: String,
    /// The target's name.
    name: String,
    /// `<crate name>-<hash>`: the name the wrapper gives its MIR file.
    stem: String,
}

/// The package's test harnesses from cargo's JSON messages.
fn test_units(messages: &str) -> Vec<TestUnit> {
    let mut out = Vec::new();
    for line in messages.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if v["reason"] != "compiler-artifact" || v["profile"]["test"] != true {
            continue;
        }
        let Some(exe) = v["executable"].as_str() else {
            continue;
        };
        let stem = Path::new(exe)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(TestUnit {
            kind: v["target"]["kind"][0].as_str().unwrap_or("").to_string(),
            name: v["target"]["name"].as_str().unwrap_or("").to_string(),
            stem,
        });
    }
    out
}

/// `cargo trace-ownership test [TESTNAME]`: the package's test harnesses are built (the MIR of
/// each printed beside its compilation, or from a `cargo rustc` of it when it was up to date),
/// then `cargo test [TESTNAME]` runs traced, and its traces are shown resolved. Returns the
/// tests' exit code.
pub fn precise_test(run: &RunArgs) -> i32 {
    let me = match std::env::current_exe() {
        Ok(me) => me,
        Err(e) => {
            warn(&format!("cannot find this program: {e}"));
            return 101;
        }
    };
    let dir = temp_json().with_extension("mir.d");
    let _ = std::fs::create_dir_all(&dir);
    let mut build = cargo();
    build
        .args([
            "test",
            "--no-run",
            "--message-format=json-render-diagnostics",
        ])
        .args(target_args(run))
        .env("RUSTC_WRAPPER", &me)
        .env(ENV_WRAPPER, "1")
        .env(ENV_MIR_DIR, &dir)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit());
    if let Some(inner) = std::env::var_os("RUSTC_WRAPPER").filter(|w| !w.is_empty()) {
        build.env(ENV_INNER_WRAPPER, inner);
    }
    let units = match build.output() {
        Ok(o) if o.status.success() => test_units(&String::from_utf8_lossy(&o.stdout)),
        Ok(o) => {
            warn(&format!("building the tests failed ({})", o.status));
            return o.status.code().unwrap_or(101);
        }
        Err(e) => {
            warn(&format!("cannot run cargo: {e}"));
            return 101;
        }
    };
    let mut facts = Facts::default();
    let mut read_any = false;
    for unit in &units {
        let text = match std::fs::read_to_string(dir.join(format!("{}.mir", unit.stem))) {
            Ok(t) => {
                note(
                    run,
                    &format!(
                        "{} `{}`: MIR printed beside its compilation",
                        unit.kind, unit.name
                    ),
                );
                Ok(t)
            }
            Err(_) => {
                note(
                    run,
                    &format!(
                        "{} `{}` was up to date: MIR from `cargo rustc`",
                        unit.kind, unit.name
                    ),
                );
                let mut args = target_args(&RunArgs {
                    target: crate::cli::Target::Default,
                    ..run.clone()
                });
                match unit.kind.as_str() {
                    "lib" | "proc-macro" | "rlib" | "dylib" | "cdylib" | "staticlib" => {
                        args.push("--lib".into())
                    }
                    kind => args.extend([format!("--{kind}"), unit.name.clone()]),
                }
                if unit.kind != "test" {
                    args.extend(["--profile".to_string(), "test".to_string()]);
                }
                mir_build_of(run, &args)
            }
        };
        match text.and_then(|t| Facts::from_mir(&t).map_err(|e| e.to_string())) {
            Ok(f) => {
                read_any = true;
                facts.bindings.extend(f.bindings);
                facts.uses.extend(f.uses);
                facts.drops.extend(f.drops);
            }
            Err(e) => warn(&format!(
                "no compiler facts for {} `{}`: {e}",
                unit.kind, unit.name
            )),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let json = temp_json();
    let mut test = cargo();
    test.arg("test").args(target_args(run));
    if let Some(Some(name)) = &run.test {
        test.arg(name);
    }
    if !run.args.is_empty() {
        test.arg("--").args(&run.args);
    }
    test.env("TRACE_OWNERSHIP", "json")
        .env("TRACE_OWNERSHIP_OUT", &json)
        .env_remove(ENV_MIR_BUILD);
    let code = match test.status() {
        Ok(s) => s.code().unwrap_or(101),
        Err(e) => {
            warn(&format!("cannot run cargo: {e}"));
            return 101;
        }
    };
    let text = std::fs::read_to_string(&json).unwrap_or_default();
    let _ = std::fs::remove_file(&json);
    show(run, &text, read_any.then_some(&facts));
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
