//! The compile-fail exercise suite (`ui-tests/`), one test per topic:
//!
//! ```text
//! cargo test --test ui            # everything
//! cargo test --test ui borrowing  # one topic
//! ```
//!
//! For each topic: every exercise must fail to compile with exactly its recorded `.stderr`, and
//! every fixed twin (`fixed/`) must compile and run, traced. The same exercises compiled with
//! `#[trace_ownership]` on their functions are checked against the same `.stderr` files by
//! `ui-traced/tests/traced.rs` (`cargo test -p trace-ownership-ui-traced`).
//!
//! Snapshots belong to the toolchain in `rust-toolchain.toml`. Regenerate them only on your own
//! command line (`TRYBUILD=overwrite cargo test --test ui`), then read every diff.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui-tests")
}

/// Patterns are relative to the crate, so that trybuild keeps line numbers in the snapshots.
fn topic(name: &str) {
    let t = trybuild::TestCases::new();
    t.compile_fail(format!("ui-tests/{name}/*.rs"));
    if root().join(name).join("fixed").exists() {
        t.pass(format!("ui-tests/{name}/fixed/*.rs"));
    }
}

#[test]
fn ownership_and_scope() {
    topic("ownership-and-scope");
}

#[test]
fn move_clone_copy() {
    topic("move-clone-copy");
}

#[test]
fn borrowing() {
    topic("borrowing");
}

#[test]
fn lifetimes_and_dangling() {
    topic("lifetimes-and-dangling");
}

#[test]
fn drop() {
    topic("drop");
}

#[test]
fn threads_and_data_races() {
    topic("threads-and-data-races");
}

#[test]
fn heap_and_smart_pointers() {
    topic("heap-and-smart-pointers");
}

#[test]
fn macro_misuse() {
    topic("macro-misuse");
}

/// `ui-tests/README.md` lists every exercise, and every listed exercise exists, with its error
/// code in its `.stderr`.
#[test]
fn index_matches_files() {
    let index = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut listed = Vec::new();
    for line in index.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let (topic, file, code) = (
            cells[0].trim_matches('`'),
            cells[1].trim_matches('`'),
            cells[2],
        );
        let path = root().join(topic).join(file);
        assert!(
            path.exists(),
            "the index lists {topic}/{file}, which does not exist"
        );
        let stderr = std::fs::read_to_string(path.with_extension("stderr"))
            .unwrap_or_else(|_| panic!("{topic}/{file} has no .stderr"));
        let expected = match code {
            "(no code)" => "lifetime may not live long enough".to_string(),
            "(macro error)" => "#[trace_ownership]".to_string(),
            c => format!("error[{c}]"),
        };
        let found =
            stderr.contains(&expected) || (code == "(macro error)" && stderr.contains("error:"));
        assert!(found, "{topic}/{file}: `{expected}` not in its .stderr");
        listed.push(format!("{topic}/{file}"));
    }
    let mut on_disk = Vec::new();
    for topic in std::fs::read_dir(root()).unwrap() {
        let topic = topic.unwrap().path();
        if !topic.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&topic).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "rs") {
                on_disk.push(format!(
                    "{}/{}",
                    topic.file_name().unwrap().to_string_lossy(),
                    f.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    listed.sort();
    on_disk.sort();
    assert_eq!(listed, on_disk, "the index and the files disagree");
}
