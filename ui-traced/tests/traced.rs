//! Traced broken programs keep their errors: every compile-fail exercise of `ui-tests/`, compiled
//! with `#[trace_ownership]` on its functions, must fail with exactly the same `.stderr` as the
//! exercise itself: same codes, messages, lines and columns, no added error, note or help
//! pointing into generated code.
//!
//! The copy differs from the exercise in one line only: the marker line `// #[trace_ownership]`
//! becomes the attribute. The copies are written under this crate's own `ui-tests/<topic>/`, so
//! trybuild shows the same relative paths, and compared with the exercises' own `.stderr` files.
//!
//! ```text
//! cargo test -p trace-ownership-ui-traced            # every topic
//! cargo test -p trace-ownership-ui-traced borrowing  # one topic
//! ```

use std::path::Path;

const MARKER: &str = "// #[trace_ownership]";
const ATTRIBUTE: &str = "#[trace_ownership::trace_ownership]";

fn topic(name: &str) {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    traced_copies(&here.join("..").join("ui-tests").join(name), name);
}

/// Compiles traced copies of the programs in `from` (written under `ui-tests/<name>/`) against
/// the `.stderr` files beside them.
fn traced_copies(from: &Path, name: &str) {
    copy_programs(from, name, true);
    let t = trybuild::TestCases::new();
    t.compile_fail(format!("ui-tests/{name}/*.rs"));
}

/// Copies the programs of `from` and their `.stderr` files to `ui-tests/<name>/`, with the
/// marker line turned into the attribute if `traced`.
fn copy_programs(from: &Path, name: &str, traced: bool) {
    // The snapshots belong to the exercises: regenerating them from traced copies would make this
    // check pass whatever the macro does.
    assert!(
        std::env::var_os("TRYBUILD").is_none(),
        "run `TRYBUILD=overwrite cargo test --test ui` for the exercises, never for the traced copies"
    );
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let to = here.join("ui-tests").join(name);
    let _ = std::fs::remove_dir_all(&to);
    std::fs::create_dir_all(&to).unwrap();
    let mut copied = 0;
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let Some(file) = path.file_name() else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "rs") {
            let src = std::fs::read_to_string(&path).unwrap();
            assert!(
                src.lines().any(|l| l.trim() == MARKER),
                "{} has no `{MARKER}` line",
                path.display()
            );
            let traced: Vec<String> = src
                .lines()
                .map(|l| {
                    if traced && l.trim() == MARKER {
                        l.replace(MARKER, ATTRIBUTE)
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            std::fs::write(to.join(file), traced.join("\n") + "\n").unwrap();
            copied += 1;
        } else if path.extension().is_some_and(|e| e == "stderr") {
            std::fs::copy(&path, to.join(file)).unwrap();
        }
    }
    assert!(copied > 0, "no exercises in {}", from.display());
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

/// Broken and unusual programs beyond the exercises (`broken/`), each pinning a way the attribute
/// once changed what rustc said. Their `.stderr` files are rustc's output for the programs as
/// written: checked first on untouched copies, then the traced copies must match them.
#[test]
fn broken_programs() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_programs(&here.join("broken"), "broken", false);
    trybuild::TestCases::new().compile_fail("ui-tests/broken/*.rs");
    traced_copies(&here.join("broken"), "broken");
}
