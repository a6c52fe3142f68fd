//! Embeds the exercises of `../ui-tests` (each program, its `.stderr`, its fixed twin) into the
//! binary, so `cargo trace-ownership practice` works from any folder. Writes
//! `$OUT_DIR/exercises.rs`: one `Embedded` per exercise, in file order.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn rs_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "rs"))
        .collect();
    out.sort();
    out
}

fn literal(path: &Path) -> String {
    println!("cargo:rerun-if-changed={}", path.display());
    format!("include_str!({:?})", path.display().to_string())
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let workspace = manifest.parent().unwrap().to_path_buf();
    let ui = workspace.join("ui-tests");
    println!("cargo:rerun-if-changed={}", ui.display());
    let mut code = String::from("/// Every exercise found in `ui-tests/` at build time.\npub static EMBEDDED: &[Embedded] = &[\n");
    let mut topics: Vec<PathBuf> = std::fs::read_dir(&ui)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    topics.sort();
    for topic in topics {
        println!("cargo:rerun-if-changed={}", topic.display());
        for sub in ["wrong", "fixed"] {
            println!("cargo:rerun-if-changed={}", topic.join(sub).display());
        }
        let name = topic.file_name().unwrap().to_string_lossy().into_owned();
        let mut programs: Vec<(PathBuf, bool)> =
            rs_files(&topic).into_iter().map(|p| (p, true)).collect();
        programs.extend(
            rs_files(&topic.join("wrong"))
                .into_iter()
                .map(|p| (p, false)),
        );
        for (path, compile_fail) in programs {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let stderr = path.with_extension("stderr");
            let twin = topic.join("fixed").join(format!("{stem}.rs"));
            let stderr = if compile_fail && stderr.is_file() {
                format!("Some({})", literal(&stderr))
            } else {
                "None".into()
            };
            let twin = if twin.is_file() {
                format!("Some({})", literal(&twin))
            } else {
                "None".into()
            };
            writeln!(
                code,
                "    Embedded {{ topic: {name:?}, stem: {stem:?}, compile_fail: {compile_fail}, source: {}, stderr: {stderr}, twin: {twin} }},",
                literal(&path)
            )
            .unwrap();
        }
    }
    code.push_str("];\n");
    let lock = workspace.join("Cargo.lock");
    writeln!(
        code,
        "/// The workspace's `Cargo.lock`, the starting point of a learner project's lock file.\npub const WORKSPACE_LOCK: &str = {};",
        literal(&lock)
    )
    .unwrap();
    writeln!(
        code,
        "/// Where the `trace-ownership` crate was at build time.\npub const CRATE_PATH: &str = {:?};",
        workspace.display().to_string()
    )
    .unwrap();
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("exercises.rs");
    std::fs::write(out, code).unwrap();
}
