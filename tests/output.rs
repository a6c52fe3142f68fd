//! The output contract: `TRACE_OWNERSHIP` chooses text (default), json, html or off;
//! `TRACE_OWNERSHIP_OUT` a file to append to. Bad settings give one warning and the program runs
//! on unchanged. Settings are read once per process, so each case runs this test binary again
//! as a child process with its own environment.

use std::process::Command;
use trace_ownership::trace_ownership;

#[trace_ownership]
fn traced_work() -> usize {
    let s = String::from("hello");
    let t = s;
    t.len()
}

#[trace_ownership(name = "a b::c-d_e")]
fn oddly_named() -> usize {
    let v = vec![1u8];
    v.len()
}

/// The body of the child process: runs the traced function outside `capture`, so the trace is
/// rendered as configured. Does nothing in a normal test run.
#[test]
fn child() {
    if std::env::var_os("TRACE_OWNERSHIP_TEST_CHILD").is_none() {
        return;
    }
    let n = traced_work();
    println!("result={n}");
    if std::env::var_os("TRACE_OWNERSHIP_TEST_THREADS").is_some() {
        let h = std::thread::Builder::new()
            .name("helper".into())
            .spawn(traced_work)
            .unwrap();
        h.join().unwrap();
    }
    if std::env::var_os("TRACE_OWNERSHIP_TEST_ODD_NAME").is_some() {
        oddly_named();
    }
    if let Some(dir) = std::env::var_os("TRACE_OWNERSHIP_TEST_MKDIR") {
        // The output's directory appears after the first trace; then a second trace.
        std::fs::create_dir_all(dir).unwrap();
        traced_work();
    }
}

struct Out {
    stdout: String,
    stderr: String,
    ok: bool,
}

fn run_child(env: &[(&str, &str)]) -> Out {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env("TRACE_OWNERSHIP_TEST_CHILD", "1")
        .env_remove("TRACE_OWNERSHIP")
        .env_remove("TRACE_OWNERSHIP_OUT")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        ok: out.status.success(),
    }
}

#[test]
fn text_is_the_default_and_goes_to_stderr() {
    let out = run_child(&[]);
    assert!(out.ok);
    assert!(
        out.stdout.contains("result=5"),
        "the program's own output is unchanged"
    );
    assert!(
        out.stderr.contains("── ownership trace: `traced_work`"),
        "{}",
        out.stderr
    );
    assert!(out
        .stderr
        .contains("`s` moved into `t`: `s` can no longer be used"));
    assert!(
        !out.stderr.contains('\x1b'),
        "no colour when stderr is not a terminal"
    );
    // This test binary installs no heap tracker, and the trace says so.
    assert!(
        out.stderr.contains("; heap tracker off) ──"),
        "{}",
        out.stderr
    );
}

#[test]
fn json_is_one_object_per_line_with_the_documented_fields() {
    let out = run_child(&[("TRACE_OWNERSHIP", "json")]);
    assert!(out.ok);
    let lines: Vec<&str> = out.stderr.lines().filter(|l| l.starts_with('{')).collect();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(v["schema"], trace_ownership::SCHEMA_VERSION);
    assert_eq!(v["function"], "traced_work");
    assert!(v["file"].as_str().unwrap().ends_with("output.rs"));
    assert!(v["thread"].is_string());
    let events = v["events"].as_array().unwrap();
    for e in events {
        for key in ["seq", "kind", "var", "line", "col", "type"] {
            assert!(e.get(key).is_some(), "event without `{key}`: {e}");
        }
    }
    let mv = events.iter().find(|e| e["kind"] == "move").unwrap();
    assert_eq!(
        (mv["from"].as_str(), mv["to"].as_str()),
        (Some("s"), Some("t"))
    );
    assert_eq!(mv["type"], "alloc::string::String");
    // And it parses back into a Trace.
    let trace: trace_ownership::Trace = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(trace.events.len(), events.len());
}

#[test]
fn off_records_and_prints_nothing() {
    let out = run_child(&[("TRACE_OWNERSHIP", "off")]);
    assert!(out.ok);
    assert!(out.stdout.contains("result=5"));
    assert!(!out.stderr.contains("ownership trace"), "{}", out.stderr);
}

#[test]
fn a_bad_format_warns_once_and_uses_text() {
    let out = run_child(&[
        ("TRACE_OWNERSHIP", "yaml"),
        ("TRACE_OWNERSHIP_TEST_THREADS", "1"),
    ]);
    assert!(out.ok);
    assert!(out.stdout.contains("result=5"));
    let warnings = out
        .stderr
        .matches("warning: TRACE_OWNERSHIP=\"yaml\"")
        .count();
    assert_eq!(warnings, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr.matches("── ownership trace").count(),
        2,
        "one trace per thread"
    );
    assert!(out.stderr.contains("thread helper"));
}

#[test]
fn out_appends_to_a_file() {
    let dir = std::env::temp_dir().join(format!("trace-ownership-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("trace.jsonl");
    let _ = std::fs::remove_file(&file);
    for _ in 0..2 {
        let out = run_child(&[
            ("TRACE_OWNERSHIP", "json"),
            ("TRACE_OWNERSHIP_OUT", file.to_str().unwrap()),
        ]);
        assert!(out.ok);
        assert!(!out.stderr.contains("ownership trace"));
    }
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written.lines().count(), 2, "appended, one line per run");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unwritable_out_path_warns_and_falls_back_to_stderr() {
    let out = run_child(&[
        ("TRACE_OWNERSHIP_OUT", "/nonexistent-dir/for/sure/trace.txt"),
        ("TRACE_OWNERSHIP_TEST_THREADS", "1"),
    ]);
    assert!(out.ok, "the program runs on unchanged");
    assert!(out.stdout.contains("result=5"));
    assert_eq!(
        out.stderr
            .matches("cannot write to TRACE_OWNERSHIP_OUT")
            .count(),
        1,
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr.matches("── ownership trace").count(),
        2,
        "nothing lost"
    );
}

/// Once the output file could not be written, later traces go to stderr too, as the warning
/// says, even when the file could be written by then: a run's traces are not split between
/// stderr and a file.
#[test]
fn after_a_failed_write_the_later_traces_go_to_stderr_as_the_warning_says() {
    let dir = std::env::temp_dir().join(format!("trace-ownership-later-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let file = dir.join("trace.txt");
    let out = run_child(&[
        ("TRACE_OWNERSHIP_OUT", file.to_str().unwrap()),
        ("TRACE_OWNERSHIP_TEST_MKDIR", dir.to_str().unwrap()),
    ]);
    assert!(out.ok, "the program runs on unchanged");
    assert!(
        dir.is_dir(),
        "the child made the directory after its first trace"
    );
    assert_eq!(
        out.stderr.matches("traces go to stderr instead").count(),
        1,
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr.matches("── ownership trace").count(),
        2,
        "both traces on stderr:\n{}",
        out.stderr
    );
    assert!(
        !file.exists(),
        "nothing written to the file after the warning"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_numbers_warn_and_use_defaults() {
    let out = run_child(&[
        ("TRACE_OWNERSHIP_LOOP_KEEP", "many"),
        ("TRACE_OWNERSHIP_MAX_EVENTS", "-3"),
    ]);
    assert!(out.ok);
    assert!(out
        .stderr
        .contains("TRACE_OWNERSHIP_LOOP_KEEP=\"many\" is not a whole number"));
    assert!(out
        .stderr
        .contains("TRACE_OWNERSHIP_MAX_EVENTS=\"-3\" is not a whole number"));
    assert!(out.stderr.contains("── ownership trace"));
}

#[test]
fn the_event_limit_bounds_a_trace_and_says_so() {
    let out = run_child(&[("TRACE_OWNERSHIP_MAX_EVENTS", "3")]);
    assert!(out.ok);
    assert!(
        out.stderr
            .contains("more events not kept: the trace reached its limit"),
        "{}",
        out.stderr
    );
}

#[test]
fn html_writes_one_self_contained_page_per_trace_and_says_where() {
    let dir = std::env::temp_dir().join(format!("trace-ownership-html-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = run_child(&[
        ("TRACE_OWNERSHIP", "html"),
        ("TRACE_OWNERSHIP_OUT", dir.to_str().unwrap()),
        ("TRACE_OWNERSHIP_TEST_THREADS", "1"),
    ]);
    assert!(out.ok);
    assert!(out.stdout.contains("result=5"));
    let pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(pages.len(), 2, "one page per thread's trace: {pages:?}");
    for p in &pages {
        assert!(
            out.stderr
                .contains(&format!("trace written to {}", p.display())),
            "{}",
            out.stderr
        );
        let html = std::fs::read_to_string(p).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    }
    assert!(pages.iter().any(|p| p
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("traced_work-helper-")));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A page's file is named `function-thread-N.html`, N counting the pages the process wrote
/// (from 1), every character but letters, digits, `-` and `_` made `_`.
#[test]
fn html_pages_are_named_by_function_thread_and_count() {
    let dir = std::env::temp_dir().join(format!("trace-ownership-names-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = run_child(&[
        ("TRACE_OWNERSHIP", "html"),
        ("TRACE_OWNERSHIP_OUT", dir.to_str().unwrap()),
        ("TRACE_OWNERSHIP_TEST_ODD_NAME", "1"),
    ]);
    assert!(out.ok, "{}", out.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["a_b__c-d_e-child-2.html", "traced_work-child-1.html"],
        "{}",
        out.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn html_to_an_unwritable_directory_warns_and_falls_back_to_text() {
    let out = run_child(&[
        ("TRACE_OWNERSHIP", "html"),
        ("TRACE_OWNERSHIP_OUT", "/proc/definitely/not/writable"),
    ]);
    assert!(out.ok, "the program runs on unchanged");
    assert!(out.stderr.contains("cannot write"), "{}", out.stderr);
    assert!(
        out.stderr.contains("── ownership trace: `traced_work`"),
        "{}",
        out.stderr
    );
}
