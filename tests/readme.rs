//! The README tells the truth: every program and trace it shows is checked here against the
//! file it names and the real output of running it. A block is checked when the line before
//! its opening fence is one of these markers:
//!
//! - `<!-- check: the file PATH -->`: the block is the file, exactly;
//! - `<!-- check: stderr of examples/NAME -->`: the block is what the example prints on stderr;
//! - `<!-- check: excerpt of stdout of examples/NAME -->`: the block's lines appear, in a row,
//!   in what the example prints on stdout.
//!
//! Addresses differ from run to run, so every `0x...` is compared as one placeholder. The
//! examples run are the ones `cargo test` builds (it builds every example of the package).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `0x7ffd3b7e1d60` → `0x…`.
fn without_addresses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        out.push_str("0x…");
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

/// Each checked block of the README: (marker, block text).
fn checked_blocks(readme: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(marker) = line
            .trim()
            .strip_prefix("<!-- check: ")
            .and_then(|m| m.strip_suffix(" -->"))
        else {
            continue;
        };
        assert!(
            lines.get(i + 1).is_some_and(|l| l.starts_with("```")),
            "README line {}: a check marker must stand right before a fenced block",
            i + 1
        );
        let body: Vec<&str> = lines[i + 2..]
            .iter()
            .take_while(|l| !l.starts_with("```"))
            .copied()
            .collect();
        out.push((marker.to_string(), body.join("\n") + "\n"));
    }
    out
}

fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(Path::parent).unwrap();
    let path = dir.join("examples").join(name);
    assert!(
        path.exists(),
        "{} is not built: run `cargo test`, which builds the examples",
        path.display()
    );
    path
}

fn run(name: &str) -> (String, String) {
    let out = Command::new(example(name))
        .env("NO_COLOR", "1")
        .env_remove("TRACE_OWNERSHIP")
        .env_remove("TRACE_OWNERSHIP_OUT")
        .current_dir(root())
        .output()
        .unwrap();
    assert!(out.status.success(), "examples/{name} failed");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_program_and_trace_in_the_readme_is_real() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let blocks = checked_blocks(&readme);
    assert!(blocks.len() >= 4, "the README's checked blocks are gone");
    for (marker, block) in blocks {
        if let Some(path) = marker.strip_prefix("the file ") {
            let file = std::fs::read_to_string(root().join(path)).unwrap();
            assert_eq!(block, file, "README block for {path} is not the file");
        } else if let Some(name) = marker.strip_prefix("stderr of examples/") {
            let (_, stderr) = run(name);
            assert_eq!(
                without_addresses(&block),
                without_addresses(&stderr),
                "README block is not what examples/{name} prints"
            );
        } else if let Some(name) = marker.strip_prefix("excerpt of stdout of examples/") {
            let (stdout, _) = run(name);
            let stdout = without_addresses(&stdout);
            assert!(
                stdout.contains(&without_addresses(&block)),
                "README block is not an excerpt of what examples/{name} prints:\n{block}"
            );
        } else {
            panic!("unknown README check: {marker}");
        }
    }
}

#[test]
fn addresses_are_compared_as_one_placeholder() {
    assert_eq!(
        without_addresses("at 0x7ffd3b7e1d60, 0x55 and 0x"),
        "at 0x…, 0x… and 0x…"
    );
}
