//! Depending on `trace-ownership` must not change how the user's code compiles. A crate in the
//! dependency graph that implements standard traits for standard types (as `serde_json` does with
//! `impl PartialEq<Value> for usize`) takes part in the user's type inference: with it linked,
//! `assert_eq!(v, vec![])` on a `Vec<usize>` stops compiling ("type annotations needed"). Found
//! by the battle test on `getopts`. So the crates linked into a traced program are pinned here;
//! adding one means checking it adds no such impls, then adding it to the list.

use std::process::Command;

/// The crates linked (normal dependencies, transitively) into a program using trace-ownership.
/// `proc-macro2`, `quote`, `syn`, `unicode-ident` and `rustc-hash` are only used by the proc
/// macros, at build time; `serde` implements only its own traits.
const ALLOWED: &[&str] = &[
    "trace-ownership",
    "trace-ownership-macros",
    "trace-ownership-runtime",
    "serde",
    "serde_core",
    "serde_derive",
    "proc-macro2",
    "quote",
    "syn",
    "unicode-ident",
    "rustc-hash",
];

#[test]
fn the_crates_linked_into_traced_programs_are_the_allowed_ones() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "trace-ownership",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.contains(&"trace-ownership-runtime"), "{tree}");
    for name in names {
        assert!(
            ALLOWED.contains(&name),
            "`{name}` is linked into every traced program: check that it implements no standard \
             trait for standard types, then allow it here\n{tree}"
        );
    }
}
