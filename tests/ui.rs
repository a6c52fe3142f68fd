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

/// `ui-tests/README.md` lists every exercise, and every listed exercise exists: a compile-fail
/// exercise with its error code in its `.stderr`, a property exercise (`wrong/`) with error `none`
/// and no `.stderr`; its `section` is the one in its header.
#[test]
fn index_matches_files() {
    let index = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut listed = Vec::new();
    for line in index.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let (topic, file, code, section) = (
            cells[0].trim_matches('`'),
            cells[1].trim_matches('`'),
            cells[2],
            cells[3].trim_matches('`'),
        );
        let path = root().join(topic).join(file);
        assert!(
            path.exists(),
            "the index lists {topic}/{file}, which does not exist"
        );
        let stderr = std::fs::read_to_string(path.with_extension("stderr"));
        if code == "none" {
            assert!(
                file.starts_with("wrong/") && stderr.is_err(),
                "{topic}/{file}: only a property exercise in `wrong/` has error `none`, and no .stderr"
            );
        } else {
            let stderr = stderr.unwrap_or_else(|_| panic!("{topic}/{file} has no .stderr"));
            let expected = match code {
                "(no code)" => "lifetime may not live long enough".to_string(),
                "(macro error)" => "#[trace_ownership]".to_string(),
                c => format!("error[{c}]"),
            };
            let found = stderr.contains(&expected)
                || (code == "(macro error)" && stderr.contains("error:"));
            assert!(found, "{topic}/{file}: `{expected}` not in its .stderr");
        }
        let src = std::fs::read_to_string(&path).unwrap();
        let in_header = header::section_line(&src);
        let expected = (section != "-").then_some(section);
        assert_eq!(
            in_header, expected,
            "{topic}/{file}: the index says section {section}, its header says {in_header:?}"
        );
        listed.push(format!("{topic}/{file}"));
    }
    let mut on_disk = Vec::new();
    for topic in std::fs::read_dir(root()).unwrap() {
        let topic = topic.unwrap().path();
        if !topic.is_dir() {
            continue;
        }
        let name = topic.file_name().unwrap().to_string_lossy().into_owned();
        for (dir, prefix) in [(topic.clone(), ""), (topic.join("wrong"), "wrong/")] {
            for f in std::fs::read_dir(&dir).into_iter().flatten() {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|e| e == "rs") {
                    let file = f.file_name().unwrap().to_string_lossy().into_owned();
                    on_disk.push(format!("{name}/{prefix}{file}"));
                }
            }
        }
    }
    listed.sort();
    on_disk.sort();
    assert_eq!(listed, on_disk, "the index and the files disagree");
}

/// Every learner exercise (all topics but `macro-misuse`, which is about the tool) opens with a
/// valid header (`/work/briefs/r3/exercise-format.md`, summed up in `ui-tests/README.md`): one
/// `Rule`, one `Error` (its code, or `none` for a property exercise), `Why` and `Hint` lines, one
/// `Section` of the seed, then `Output` and `Check` lines, each `Check` in the closed grammar; a
/// property exercise has at least one `Check`. Its fixed twin carries the very same lines, after
/// its own first line. `macro-misuse` cases have no `Section`.
#[test]
fn headers_are_valid_and_twins_carry_them() {
    let mut learner = 0;
    for topic in std::fs::read_dir(root()).unwrap() {
        let topic = topic.unwrap().path();
        if !topic.is_dir() {
            continue;
        }
        let name = topic.file_name().unwrap().to_string_lossy().into_owned();
        for (dir, property) in [(topic.clone(), false), (topic.join("wrong"), true)] {
            for f in std::fs::read_dir(&dir).into_iter().flatten() {
                let path = f.unwrap().path();
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                let src = std::fs::read_to_string(&path).unwrap();
                if name == "macro-misuse" {
                    assert_eq!(
                        header::section_line(&src),
                        None,
                        "{name}/{file}: macro-misuse is not a drill"
                    );
                    continue;
                }
                let h = header::parse(&src, false).unwrap_or_else(|e| panic!("{name}/{file}: {e}"));
                learner += 1;
                h.validate(property)
                    .unwrap_or_else(|e| panic!("{name}/{file}: {e}"));
                let twin_path = topic.join("fixed").join(&file);
                let twin = std::fs::read_to_string(&twin_path)
                    .unwrap_or_else(|_| panic!("{name}/{file} has no fixed twin"));
                let t = header::parse(&twin, true)
                    .unwrap_or_else(|e| panic!("{name}/fixed/{file}: {e}"));
                assert_eq!(
                    t, h,
                    "{name}/fixed/{file}: the twin's header differs from the exercise's"
                );
            }
        }
    }
    assert!(learner > 0, "no learner exercises found");
}

/// The exercise header, as `// Key: value` lines (test-local reader of the format).
mod header {
    /// The header's `(key, value)` lines, in order.
    #[derive(Debug, PartialEq)]
    pub struct Header(Vec<(String, String)>);

    const KEYS: [&str; 7] = ["Rule", "Error", "Why", "Hint", "Section", "Output", "Check"];
    const SECTIONS: [&str; 5] = [
        "stack-vs-heap",
        "ownership-and-memory",
        "move-clone-copy",
        "borrowing-and-references",
        "no-garbage-collector",
    ];

    /// The value of the `// Section: ` line among the comment lines the file opens with.
    pub fn section_line(src: &str) -> Option<&str> {
        src.lines()
            .take_while(|l| l.starts_with("//"))
            .find_map(|l| l.strip_prefix("// Section: "))
    }

    /// Reads the `// Key: value` lines at the top (after the first line if `twin`).
    pub fn parse(src: &str, twin: bool) -> Result<Header, String> {
        let mut lines = src.lines();
        if twin {
            let first = lines.next().unwrap_or_default();
            if !first.starts_with("// Fixed twin of ") {
                return Err(format!(
                    "a twin opens with `// Fixed twin of ...`, not `{first}`"
                ));
            }
        }
        let mut out = Vec::new();
        for line in lines {
            let Some((key, value)) = line
                .strip_prefix("// ")
                .and_then(|l| l.split_once(": "))
                .filter(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphabetic()))
            else {
                break;
            };
            if !KEYS.contains(&key) {
                return Err(format!("unknown header key `{key}`"));
            }
            out.push((key.to_string(), value.to_string()));
        }
        Ok(Header(out))
    }

    impl Header {
        fn all(&self, key: &str) -> Vec<&str> {
            self.0
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
                .collect()
        }

        /// The `Section` value, if there is one.
        pub fn section(&self) -> Option<&str> {
            self.all("Section").first().copied()
        }

        /// Counts, order and values as the format requires.
        pub fn validate(&self, property: bool) -> Result<(), String> {
            for (key, one) in [
                ("Rule", true),
                ("Error", true),
                ("Section", true),
                ("Why", false),
                ("Hint", false),
            ] {
                let n = self.all(key).len();
                if n == 0 || (one && n > 1) {
                    return Err(format!("`{key}` appears {n} times"));
                }
            }
            if self.0.first().map(|(k, _)| k.as_str()) != Some("Rule") {
                return Err("the header must open with `Rule`".into());
            }
            let mut rank = 0;
            for (k, _) in &self.0 {
                let r = KEYS.iter().position(|x| x == k).unwrap();
                if r < rank {
                    return Err(format!("`{k}` comes after a later key"));
                }
                rank = r;
            }
            let section = self.section().unwrap();
            if !SECTIONS.contains(&section) {
                return Err(format!("`{section}` is not a seed section"));
            }
            let error = self.all("Error")[0];
            if property != (error == "none") {
                return Err(format!(
                    "error `{error}` for a {} exercise",
                    if property { "property" } else { "compile-fail" }
                ));
            }
            let checks = self.all("Check");
            if property && checks.is_empty() {
                return Err("a property exercise needs at least one `Check`".into());
            }
            for c in checks {
                if !valid_check(c) {
                    return Err(format!("`Check: {c}` is not in the grammar"));
                }
            }
            Ok(())
        }
    }

    fn name(s: &str) -> bool {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.:[]".contains(c))
    }

    fn number(s: &str) -> bool {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
    }

    /// The closed `Check:` grammar of the exercise format.
    pub fn valid_check(c: &str) -> bool {
        let w: Vec<&str> = c.split(' ').collect();
        match w.as_slice() {
            ["no", "clone"] => true,
            ["no", "clone", "of", x] | [x, "never", "moved"] | [x, "called"] => name(x),
            [x, "moved", "into", f] | [x, "borrowed", "by", f] => name(x) && name(f),
            [x, "dropped", "before", "call", f] | [x, "freed", "before", "call", f] => {
                name(x) && name(f)
            }
            [x, "dropped", "before", y] => name(x) && name(y),
            ["heap", "peak", "at", "most", n, "bytes"] => number(n),
            ["at", "most", n, "owners", "of", x] | ["exactly", n, "owners", "of", x] => {
                number(n) && name(x)
            }
            _ => false,
        }
    }
}
