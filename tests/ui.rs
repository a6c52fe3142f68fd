//! The compile-fail exercise suite (`ui-tests/`), one test per topic:
//!
//! ```text
//! cargo test --test ui            # everything
//! cargo test --test ui borrowing  # one topic
//! ```
//!
//! For each topic: every exercise must fail to compile with exactly its recorded `.stderr`, every
//! property exercise (`wrong/`: it compiles and runs, but does the wrong thing with its values)
//! must compile and run, and every fixed twin (`fixed/`) must compile and run, traced. The same exercises compiled with
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
    if root().join(name).join("wrong").exists() {
        t.pass(format!("ui-tests/{name}/wrong/*.rs"));
    }
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

/// The `// Key: value` lines that open a file (its header), from the second on: a fixed twin's
/// first line says whose twin it is, the rest must be the exercise's own.
fn header_after_first_line(src: &str) -> Vec<&str> {
    src.lines()
        .take_while(|l| l.starts_with("// ") && l[3..].split_once(": ").is_some())
        .skip(1)
        .collect()
}

/// `ui-tests/README.md` lists every exercise, and every listed exercise exists: a compile-fail
/// exercise with its error code in its `.stderr`; a property exercise (`wrong/`, error `none`)
/// with no `.stderr`, `Error: none` in its header, and a fixed twin with the same header.
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
        listed.push(format!("{topic}/{file}"));
        if let Some(name) = file.strip_prefix("wrong/") {
            assert_eq!(
                code, "none",
                "{topic}/{file}: a property exercise has error `none`"
            );
            assert!(
                !path.with_extension("stderr").exists(),
                "{topic}/{file} compiles: it must have no .stderr"
            );
            let src = std::fs::read_to_string(&path).unwrap();
            assert!(
                src.lines().any(|l| l == "// Error: none"),
                "{topic}/{file}: its header must say `// Error: none`"
            );
            assert!(
                src.lines().any(|l| l.starts_with("// Check: ")),
                "{topic}/{file}: a property exercise needs at least one `// Check:` line"
            );
            let twin = root().join(topic).join("fixed").join(name);
            let twin_src = std::fs::read_to_string(&twin)
                .unwrap_or_else(|_| panic!("{topic}/{file} has no fixed twin fixed/{name}"));
            assert_eq!(
                header_after_first_line(&twin_src),
                header_after_first_line(&src),
                "{topic}/fixed/{name}: its header must be the exercise's"
            );
            continue;
        }
        assert_ne!(
            code, "none",
            "{topic}/{file}: only `wrong/` files have error `none`"
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
    }
    let mut on_disk = Vec::new();
    for topic in std::fs::read_dir(root()).unwrap() {
        let topic = topic.unwrap().path();
        if !topic.is_dir() {
            continue;
        }
        let name = topic.file_name().unwrap().to_string_lossy().into_owned();
        for (dir, prefix) in [(topic.clone(), ""), (topic.join("wrong"), "wrong/")] {
            let Ok(files) = std::fs::read_dir(&dir) else {
                continue;
            };
            for f in files {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|e| e == "rs") {
                    on_disk.push(format!(
                        "{name}/{prefix}{}",
                        f.file_name().unwrap().to_string_lossy()
                    ));
                }
            }
        }
    }
    listed.sort();
    on_disk.sort();
    assert_eq!(listed, on_disk, "the index and the files disagree");
}
