//! `cargo trace-ownership run` on a fresh crate that depends on `trace-ownership`, run as a
//! subprocess: each hedge of the ordinary trace is decided, and what it is decided to equals
//! the ground truth, which comes from the compiler's own errors on variants of the same program
//! written without the attribute (a use after the statement: E0382 if it moved the value; a
//! shared borrow held across it: E0502 if it borrows mutably, E0505 if it moves).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use trace_ownership_runtime::{EventKind, Evidence, Trace};

/// The scenario. Each line the test checks ends with `// CHECK var`.
const PROGRAM: &str = r#"use std::cell::RefCell;
use trace_ownership::trace_ownership;

struct Counter {
    n: u32,
    label: String,
}

#[derive(Clone, Copy)]
struct Point {
    x: i32,
    y: i32,
}

impl Counter {
    fn finish(self) -> String {
        self.label
    }
    fn peek(&self) -> u32 {
        self.n
    }
    fn bump(&mut self) {
        self.n += 1;
    }
}

fn norm(p: Point) -> i32 {
    p.x * p.x + p.y * p.y
}

#[trace_ownership]
fn main() {
    let mut c = Counter { n: 0, label: String::from("c") };
    c.bump(); // CHECK c
    let seen = c.peek(); // CHECK c
    let p = Point { x: 3, y: 4 };
    let d = norm(p); // CHECK p
    let cell = RefCell::new(vec![1]);
    cell.borrow_mut().push(2); // CHECK cell
    let h = std::thread::spawn(|| 7);
    let r = h.join().unwrap(); // CHECK h
    let name = String::from("n");
    let mut total = 0;
    let mut add = |k: i32| total += k; // CHECK total
    add(1);
    let show = || name.len(); // CHECK name
    let owned = String::from("o");
    let keep = move || owned.len(); // CHECK owned
    let label = c.finish(); // CHECK c
    println!("{seen} {d} {r} {} {} {label} {}", show(), keep(), p.x);
}
"#;

/// What the compiler says a statement does with a variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Truth {
    Move,
    Copy,
    Borrow,
    BorrowMut,
}

fn tmp() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("precise-e2e")
}

/// The program as written, without the attribute.
fn plain() -> Vec<String> {
    PROGRAM
        .lines()
        .filter(|l| !l.contains("trace_ownership"))
        .map(str::to_string)
        .collect()
}

/// rustc's error codes for `lines` (a check only, no code generated).
fn errors(lines: &[String], name: &str) -> Vec<String> {
    let dir = tmp().join("truth");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.rs"));
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .args([
            "--edition",
            "2021",
            "--emit=metadata",
            "--error-format=short",
            "-o",
        ])
        .arg(dir.join(format!("{name}.rmeta")))
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    stderr
        .lines()
        .filter_map(|l| l.split_once("error[").map(|(_, r)| r[..5].to_string()))
        .collect()
}

/// The ground truth for `var` on line `at` (0-based, in the plain program).
fn truth(var: &str, at: usize) -> Truth {
    let lines = plain();
    let indent = "    ";
    let mut after = lines.clone();
    after.insert(at + 1, format!("{indent}let _ = &{var};"));
    let mut held = lines.clone();
    held.insert(at + 1, format!("{indent}let _ = held;"));
    held.insert(at, format!("{indent}let held = &{var};"));
    let mut copy = lines.clone();
    copy.insert(
        at,
        format!("{indent}fn is_copy<T: Copy>(_: &T) {{}} is_copy(&{var});"),
    );
    let name = format!("{var}_{at}");
    let (after, held, copy) = (
        errors(&after, &format!("{name}_after")),
        errors(&held, &format!("{name}_held")),
        errors(&copy, &format!("{name}_copy")),
    );
    let truth = if after.contains(&"E0382".to_string()) || held.contains(&"E0505".to_string()) {
        Truth::Move
    } else if held.contains(&"E0502".to_string()) {
        Truth::BorrowMut
    } else if copy.is_empty() && after.is_empty() {
        // Not moved, not borrowed mutably, and of a `Copy` type: duplicated or read through a
        // shared borrow; the statements checked pass such values by value.
        Truth::Copy
    } else {
        Truth::Borrow
    };
    assert!(
        held.iter()
            .chain(&after)
            .all(|e| ["E0382", "E0502", "E0505"].contains(&e.as_str())),
        "{var} at {at}: unexpected errors {after:?} {held:?}"
    );
    truth
}

/// The scenario crate, in a directory and under a name of its own for each test: they run in
/// parallel and share the target directory (a binary's path there is its package's name).
fn write_crate(test: &str) -> PathBuf {
    write_crate_with(test, PROGRAM)
}

fn write_crate_with(test: &str, program: &str) -> PathBuf {
    let dir = tmp().join(test);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"scenario-{test}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
             [dependencies]\ntrace-ownership = {{ path = {:?} }}\n\n[workspace]\n",
            root.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(dir.join("src/main.rs"), program).unwrap();
    dir
}

/// Runs the command on the scenario crate, sharing this workspace's target directory (so the
/// dependencies this test run already built are reused).
fn precise(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cargo-trace-ownership"));
    cmd.arg("run")
        .args(args)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTC_WRAPPER")
        .env_remove("TRACE_OWNERSHIP")
        .env_remove("TRACE_OWNERSHIP_OUT");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn read_trace(path: &Path) -> Trace {
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    serde_json::from_str(lines[0]).unwrap()
}

#[test]
fn every_hedge_decided_as_the_compiler_says() {
    let dir = write_crate("decided");
    let json = dir.join("trace.json");
    let out = precise(
        &dir,
        &[
            "--format",
            "json",
            "--out",
            json.to_str().unwrap(),
            "--explain-facts",
        ],
        &[],
    );
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let trace = read_trace(&json);

    // The program's own output is unchanged.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1 25 7 1 1 c 3\n");
    // No hedge is left.
    for e in &trace.events {
        assert!(!is_hedge(e), "hedge left: {e:?}");
    }
    let lines = plain();
    let checks: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.split_once("// CHECK ").map(|(_, v)| (i, v)))
        .collect();
    assert_eq!(checks.len(), 9);
    for (at, var) in checks {
        let expected = truth(var, at);
        // The line in the traced program (the plain one lacks two lines above `main`).
        let line = PROGRAM
            .lines()
            .position(|l| l == lines[at])
            .map(|i| i as u32 + 1)
            .unwrap();
        let event = trace.events.iter().find(|e| {
            e.line == line
                && e.var == var
                && matches!(
                    e.kind,
                    EventKind::Move
                        | EventKind::Copied
                        | EventKind::Borrowed
                        | EventKind::BorrowedMut
                )
        });
        match event {
            Some(e) => {
                let got = match e.kind {
                    EventKind::Move => Truth::Move,
                    EventKind::Copied => Truth::Copy,
                    EventKind::Borrowed => Truth::Borrow,
                    _ => Truth::BorrowMut,
                };
                assert_eq!(got, expected, "`{var}` on line {line}: {e:?}");
            }
            // A closure that captures by reference records no event: the fact is reported,
            // with the mode the compiler gives.
            None => {
                let mode = match expected {
                    Truth::Borrow => "by shared reference",
                    Truth::BorrowMut => "by mutable reference",
                    other => panic!("`{var}` on line {line}: no event, truth {other:?}"),
                };
                let note = format!("src/main.rs:{line}:");
                assert!(
                    stderr.lines().any(|l| l.contains(&note)
                        && l.contains(&format!("`{var}` captured by a closure ({mode})"))),
                    "`{var}` on line {line}: {stderr}"
                );
            }
        }
    }
    // What follows from the decisions: `c` and `h` were moved, so they are not dropped at the
    // end; `p` was only copied, so it is.
    let end = |var: &str| {
        trace
            .events
            .iter()
            .rev()
            .find(|e| e.var == var && matches!(e.kind, EventKind::Dropped | EventKind::OutOfScope))
            .unwrap()
            .clone()
    };
    assert_eq!(end("c").kind, EventKind::OutOfScope);
    assert_eq!(end("c").detail.as_deref(), Some("moved to finish()"));
    assert_eq!(end("h").kind, EventKind::OutOfScope);
    assert_eq!(end("h").detail.as_deref(), Some("moved to join()"));
    assert_eq!(end("p").kind, EventKind::Dropped);
    // `h` was recorded as a borrow held by `r`, ended at once: as a move, it has no end.
    assert!(!trace
        .events
        .iter()
        .any(|e| e.kind == EventKind::BorrowEnd && e.var == "h"));
    assert!(!stderr.contains("CONTRADICTION"), "{stderr}");
}

#[test]
fn text_and_html_formats_and_fresh_dependencies() {
    let dir = write_crate("formats");
    // The crate was just written: its MIR is printed beside its compilation (dependencies are
    // built first if this is the first test to run).
    let warm = dir.join("warm.json");
    let first = precise(
        &dir,
        &["-v", "--format", "json", "--out", warm.to_str().unwrap()],
        &[],
    );
    let first = String::from_utf8_lossy(&first.stderr);
    assert!(
        first.contains("MIR printed beside the binary's compilation"),
        "{first}"
    );
    let warm = read_trace(&warm);
    assert!(warm
        .events
        .iter()
        .any(|e| e.evidence == Some(Evidence::Compiler)));
    // Text on stderr, with the compiler named as the evidence and no hedge left.
    let out = precise(&dir, &["-v"], &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`h` moved into `join()`"), "{stderr}");
    assert!(stderr.contains("(as the compiler's MIR of this code says)"));
    assert!(!stderr.contains("cannot see") && !stderr.contains("judged by the method's name"));
    // The binary is up to date, so its MIR comes from a `cargo rustc` build of its own: that
    // build compiles the user's crate only, every dependency is `Fresh`.
    assert!(
        stderr.contains("the binary was up to date: MIR from `cargo rustc`"),
        "{stderr}"
    );
    let mir_build = stderr.as_ref();
    for dep in ["trace-ownership-runtime", "trace-ownership-macros", "syn"] {
        assert!(mir_build.contains(&format!("Fresh {dep} ")), "{mir_build}");
        assert!(
            !mir_build.contains(&format!("Compiling {dep} ")),
            "{mir_build}"
        );
    }
    assert!(mir_build.contains("Compiling scenario-formats "));
    // HTML: one page, into the directory given.
    let pages = dir.join("pages");
    let _ = std::fs::remove_dir_all(&pages);
    precise(
        &dir,
        &["--format", "html", "--out", pages.to_str().unwrap()],
        &[],
    );
    let files: Vec<_> = std::fs::read_dir(&pages).unwrap().collect();
    assert_eq!(files.len(), 1);
    let page = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert!(page.contains("compiler"), "the page shows the evidence");
}

#[test]
fn mir_it_cannot_read_gives_one_warning_and_the_ordinary_trace() {
    let dir = write_crate("garbage");
    // A compiler wrapper that prints garbage instead of MIR (and compiles normally otherwise).
    let wrapper = tmp().join("garbage-rustc.sh");
    std::fs::write(
        &wrapper,
        "#!/bin/sh\ncase \"$*\" in *-Zunpretty=mir*) echo 'this is not MIR'; exit 0;; esac\nexec \"$@\"\n",
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&wrapper)
        .status()
        .unwrap();
    let json = dir.join("garbage.json");
    let out = precise(
        &dir,
        &["--format", "json", "--out", json.to_str().unwrap()],
        &[("RUSTC_WRAPPER", wrapper.to_str().unwrap())],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<_> = stderr
        .lines()
        .filter(|l| l.contains("warning: cannot read the compiler's MIR"))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    let trace = read_trace(&json);
    // The ordinary trace, hedges and all.
    assert!(trace.events.iter().any(|e| e.kind == EventKind::MaybeMove));
    assert!(!trace
        .events
        .iter()
        .any(|e| e.evidence == Some(Evidence::Compiler)));
}

/// The fenced blocks of the README's precise-mode section: the program and the two traces.
fn readme_blocks() -> (String, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let section = readme
        .split("## Precise mode")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has a precise-mode section");
    let block = |lang: &str, n: usize| -> String {
        let fence = format!("```{lang}\n");
        section
            .split(&fence)
            .nth(n + 1)
            .and_then(|b| b.split("```").next())
            .unwrap_or_else(|| panic!("block {lang} {n}"))
            .to_string()
    };
    (block("rust", 0), vec![block("text", 0), block("text", 1)])
}

#[test]
fn the_readme_example_prints_what_the_readme_shows() {
    let (program, traces) = readme_blocks();
    let dir = write_crate_with("readme", &program);
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap();
    // The ordinary trace: `cargo run` with the attribute, as text to a file.
    let ordinary = dir.join("ordinary.txt");
    let _ = std::fs::remove_file(&ordinary);
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["run", "-q", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .env("TRACE_OWNERSHIP", "text")
        .env("TRACE_OWNERSHIP_OUT", &ordinary)
        .output()
        .unwrap();
    assert!(status.status.success());
    assert_eq!(String::from_utf8_lossy(&status.stdout), "1 7\n");
    let precise_out = dir.join("precise.txt");
    precise(&dir, &["--out", precise_out.to_str().unwrap()], &[]);
    for (shown, file) in traces.iter().zip([&ordinary, &precise_out]) {
        let printed = std::fs::read_to_string(file).unwrap();
        for line in shown.lines() {
            assert!(
                printed.lines().any(|l| l == line),
                "README line not printed by {}:\n{line}\n---\n{printed}",
                file.display()
            );
        }
    }
}

const LIB: &str = r#"use trace_ownership::trace_ownership;

pub struct Counter {
    pub n: u32,
}

impl Counter {
    pub fn finish(self) -> u32 {
        self.n
    }
}

#[trace_ownership]
pub fn total(c: Counter) -> u32 {
    let k = c;
    k.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn unit() {
        assert_eq!(super::total(super::Counter { n: 2 }), 2);
    }
}
"#;

const INTEGRATION: &str = r#"use trace_ownership::trace_ownership;

#[trace_ownership]
fn helper(c: scenario_tests::Counter) -> u32 {
    let x = c;
    x.finish()
}

#[test]
fn integration() {
    assert_eq!(helper(scenario_tests::Counter { n: 3 }), 3);
}
"#;

#[test]
fn test_traces_unit_and_integration_tests_with_the_facts_of_each() {
    let dir = tmp().join("tests");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = write_crate_with("tests", LIB);
    std::fs::rename(dir.join("src/main.rs"), dir.join("src/lib.rs")).unwrap();
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::write(dir.join("tests/it.rs"), INTEGRATION).unwrap();
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap();
    let test = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_cargo-trace-ownership"))
            .arg("test")
            .args(args)
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target)
            .env_remove("RUSTC_WRAPPER")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let json = dir.join("tests.json");
    let decided = |json: &Path| -> Vec<(String, String)> {
        std::fs::read_to_string(json)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<Trace>(l).unwrap())
            .flat_map(|t| t.events)
            .filter(|e| e.evidence == Some(Evidence::Compiler) && e.kind == EventKind::Move)
            .map(|e| (e.var.to_string(), e.to.as_deref().unwrap_or("").to_string()))
            .collect()
    };
    // Just written: both harnesses compiled, their MIR printed beside.
    let stderr = test(&["-v", "--format", "json", "--out", json.to_str().unwrap()]);
    assert!(
        stderr.contains("lib `scenario_tests`: MIR printed beside its compilation"),
        "{stderr}"
    );
    assert!(
        stderr.contains("test `it`: MIR printed beside its compilation"),
        "{stderr}"
    );
    let mut got = decided(&json);
    got.sort();
    // `k.finish()` and `x.finish()` take `self`: moves, in the unit test and the integration test.
    assert_eq!(
        got,
        vec![
            ("k".into(), "finish()".into()),
            ("x".into(), "finish()".into())
        ]
    );
    // Up to date, one test chosen by name: MIR from `cargo rustc`, that test's trace only.
    let stderr = test(&[
        "-v",
        "unit",
        "--format",
        "json",
        "--out",
        json.to_str().unwrap(),
    ]);
    assert!(
        stderr.contains("lib `scenario_tests` was up to date: MIR from `cargo rustc`"),
        "{stderr}"
    );
    assert_eq!(decided(&json), vec![("k".into(), "finish()".into())]);
}

#[test]
fn the_tour_in_precise_mode_has_no_hedge_left() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let json = tmp().join("tour.json");
    let _ = std::fs::create_dir_all(tmp());
    let out = precise(
        root,
        &[
            "--example",
            "tour",
            "--format",
            "json",
            "--out",
            json.to_str().unwrap(),
            "--explain-facts",
        ],
        &[],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("CONTRADICTION"), "{stderr}");
    assert!(!stderr.contains("no fact:"), "{stderr}");
    let traces: Vec<Trace> = std::fs::read_to_string(&json)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // One trace per section of the tour.
    assert_eq!(traces.len(), 5);
    let decided = traces
        .iter()
        .flat_map(|t| &t.events)
        .filter(|e| e.evidence == Some(Evidence::Compiler))
        .count();
    // Every hedge of the ordinary tour is decided: as many `compiler` events as the ordinary
    // run marks lines `?` (none today: its receivers are all standard types, decided by their
    // signatures, which precise mode leaves as they are).
    let ordinary = Command::new(root.join("target/debug/examples/tour"))
        .env("NO_COLOR", "1")
        .env_remove("TRACE_OWNERSHIP")
        .output()
        .unwrap();
    let hedges = String::from_utf8_lossy(&ordinary.stdout)
        .lines()
        .filter(|l| l.contains(" │ ") && l.split(" │ ").nth(1).is_some_and(|r| r.contains(" ? ")))
        .count();
    assert_eq!(decided, hedges, "{stderr}");
    for e in traces.iter().flat_map(|t| &t.events) {
        assert!(!is_hedge(e), "hedge left: {e:?}");
    }
}

#[test]
fn the_mir_build_sees_the_code_as_written() {
    let dir = write_crate("as-written");
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap();
    let mir = |as_written: bool| {
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.args(["rustc", "-q", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .args([
                "--",
                "-Zunpretty=mir",
                "-Zmir-opt-level=0",
                "-Zmir-include-spans=yes",
            ])
            .env("CARGO_TARGET_DIR", target)
            .env("RUSTC_WRAPPER", env!("CARGO_BIN_EXE_cargo-trace-ownership"));
        // What the command does: its wrapper sets the switches for this rustc only.
        cmd.env("TRACE_OWNERSHIP_RUSTC_WRAPPER", "1");
        if !as_written {
            // The same, but the attribute's switch taken away again just before rustc.
            let unset = tmp().join("unset-switch.sh");
            std::fs::write(
                &unset,
                "#!/bin/sh\nunset TRACE_OWNERSHIP_MIR_BUILD\nexec \"$@\"\n",
            )
            .unwrap();
            Command::new("chmod")
                .arg("+x")
                .arg(&unset)
                .status()
                .unwrap();
            cmd.env("TRACE_OWNERSHIP_INNER_RUSTC_WRAPPER", unset);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let written = mir(true);
    assert!(written.contains("fn main() -> () {"));
    assert!(
        !written.contains("trace_ownership"),
        "generated code in the MIR"
    );
    // Without the switch, the traced body's runtime calls are there: the check above can fail.
    let traced = mir(false);
    assert!(traced.contains("trace_ownership"));
}

/// Whether the default mode left `e` undecided: a guess (`unknown`, `convention`), a
/// `maybe_move`, or a receiver used again later, "borrowed, shared or mutable".
fn is_hedge(e: &trace_ownership_runtime::Event) -> bool {
    matches!(
        e.evidence,
        Some(Evidence::Unknown) | Some(Evidence::Convention)
    ) || e.kind == EventKind::MaybeMove
        || (e.kind == EventKind::Borrowed
            && e.detail.as_deref() == Some("method receiver")
            && e.evidence == Some(Evidence::UsedLater))
}
