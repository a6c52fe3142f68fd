//! The runtime's layering (issue 18): each module imports only from the layers below it, as the
//! crate's documentation lists them. Read from the source: every `crate::NAME` path outside
//! comments and `#[cfg(test)]` modules names the module it reaches into.

use std::collections::BTreeSet;
use std::path::Path;

/// Bottom to top; a module may use a module of a lower layer (or its own submodules), never one
/// of its own layer or above. Keep in step with the "Layers" list in `src/lib.rs`.
const LAYERS: &[&[&str]] = &[
    &["types", "labels"],
    &["detail"],
    &["event"],
    &["config", "facts"],
    &["site", "explain"],
    &["render"],
    &["output"],
    &["recorder"],
    &["heap", "observe"],
    &["slot"],
    &["step"],
    &["lib"],
];

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is in no layer of LAYERS: add it"))
}

/// The text of `src` without comments and without `#[cfg(test)] mod ... { ... }` blocks.
fn code_only(src: &str) -> String {
    let mut no_comments = String::new();
    for line in src.lines() {
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        no_comments.push_str(code);
        no_comments.push('\n');
    }
    let mut out = String::new();
    let mut rest = no_comments.as_str();
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        let after = &rest[i + "#[cfg(test)]".len()..];
        let Some(open) = after.find('{') else {
            rest = after;
            break;
        };
        let mut depth = 0usize;
        let mut end = after.len();
        for (j, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The top-level modules `code` reaches through `crate::`: `crate::a::b`, `crate::{a, b::c}`.
fn crate_uses(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut uses = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let after = &code[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            // The group's top-level items: split on the commas outside nested braces.
            let mut depth = 0usize;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        item.push(c);
                    }
                    '}' if depth == 0 => break,
                    '}' => {
                        depth -= 1;
                        item.push(c);
                    }
                    ',' if depth == 0 => {
                        uses.insert(ident(&item));
                        item.clear();
                    }
                    c => item.push(c),
                }
            }
            uses.insert(ident(&item));
        } else {
            uses.insert(ident(after));
        }
    }
    uses.remove("");
    uses
}

/// Each `crate::` use of `module`'s code that breaks the layering, as `module -> used`.
fn violations(module: &str, code: &str) -> Vec<String> {
    let own = layer_of(module);
    crate_uses(&code_only(code))
        .into_iter()
        .filter(|used| used != module)
        // Items of the crate root (`crate::Trace`, `crate::capture`) are re-exports of the
        // layers' own items; only modules are layered.
        .filter(|used| used.chars().next().is_some_and(|c| c.is_lowercase()))
        .filter(|used| used != "capture")
        .filter(|used| layer_of(used) >= own)
        .map(|used| format!("{module} -> {used}"))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_one_at_or_above_its_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut found = Vec::new();
    let mut modules = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = top.trim_end_matches(".rs").to_string();
        let code = std::fs::read_to_string(file).unwrap();
        for v in violations(&module, &code) {
            found.push(format!("{}: {v}", rel.display()));
        }
        modules.insert(module);
    }
    assert!(
        modules.len() >= 12,
        "read the runtime's modules: {modules:?}"
    );
    assert!(
        found.is_empty(),
        "imports against the layering:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_an_upward_import_in_every_form() {
    assert_eq!(
        violations("event", "use crate::recorder;"),
        ["event -> recorder"]
    );
    assert_eq!(
        violations("config", "fn f() { crate::output::warn(\"x\"); }"),
        ["config -> output"]
    );
    assert_eq!(
        violations("render", "use crate::{event::Trace, output::{warn, emit}};"),
        ["render -> output"]
    );
    assert_eq!(
        violations("site", "use crate::explain::sentence;"),
        ["site -> explain"]
    );
    // Downward imports, comments and test modules are fine.
    assert!(violations("recorder", "use crate::{event::Event, output};").is_empty());
    assert!(violations("event", "/// See [`crate::recorder`].\nstruct A;").is_empty());
    assert!(violations(
        "event",
        "#[cfg(test)]\nmod tests {\n    use crate::recorder;\n    fn f() { if true { } }\n}\n"
    )
    .is_empty());
}
