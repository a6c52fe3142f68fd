//! The explain view of the compile-fail exercises.
//!
//! ```text
//! cargo run --example exercise                         # list the exercises by topic
//! cargo run --example exercise -- move-into-function   # one exercise
//! ```
//!
//! For one exercise it prints the rule and why the compiler refuses, the program, the compiler's
//! error as recorded in its `.stderr`, then compiles the fixed twin (with the same `rustc`,
//! against the `trace-ownership` this example was built with) and runs it, showing its trace.

use std::path::{Path, PathBuf};
use std::process::Command;

fn ui_tests() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui-tests")
}

/// `(topic, file stem)` of every exercise, sorted.
fn exercises() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(topics) = std::fs::read_dir(ui_tests()) else {
        return out;
    };
    for topic in topics.filter_map(Result::ok) {
        if !topic.path().is_dir() {
            continue;
        }
        let name = topic.file_name().to_string_lossy().into_owned();
        for f in std::fs::read_dir(topic.path())
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
        {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "rs") {
                let stem = p
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                out.push((name.clone(), stem));
            }
        }
    }
    out.sort();
    out
}

fn list() {
    println!("The compile-fail exercises (run one: cargo run --example exercise -- NAME)\n");
    let mut current = String::new();
    for (topic, stem) in exercises() {
        if topic != current {
            println!("{topic}");
            current = topic.clone();
        }
        let src = std::fs::read_to_string(ui_tests().join(&topic).join(format!("{stem}.rs")))
            .unwrap_or_default();
        let code = src
            .lines()
            .find_map(|l| l.strip_prefix("// Error: "))
            .unwrap_or("");
        let name = stem.split_once('-').map_or(stem.as_str(), |(_, n)| n);
        println!("  {name:<40} {code}");
    }
}

/// The newest `lib<name>-*.rlib` in `deps`.
fn newest_rlib(deps: &Path, name: &str) -> Option<PathBuf> {
    std::fs::read_dir(deps)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|f| {
                let f = f.to_string_lossy();
                f.starts_with(&format!("lib{name}-")) && f.ends_with(".rlib")
            })
        })
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
}

/// Compiles and runs the fixed twin, returning what it printed (its trace is on stderr).
fn run_twin(twin: &Path) -> Result<String, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let deps = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("deps"))
        .ok_or("cannot find the build's deps directory")?;
    let rlib = newest_rlib(&deps, "trace_ownership")
        .ok_or("trace-ownership is not built next to this example")?;
    let out_dir =
        std::env::temp_dir().join(format!("trace-ownership-exercise-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let bin = out_dir.join("twin");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let built = Command::new(rustc)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--edition", "2021", "--crate-type", "bin", "-o"])
        .arg(&bin)
        .arg(twin)
        .arg("-L")
        .arg(format!("dependency={}", deps.display()))
        .arg("--extern")
        .arg(format!("trace_ownership={}", rlib.display()))
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    if !built.status.success() {
        return Err(String::from_utf8_lossy(&built.stderr).into_owned());
    }
    let ran = Command::new(&bin)
        .env("TRACE_OWNERSHIP", "text")
        .env_remove("TRACE_OWNERSHIP_OUT")
        .output()
        .map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&out_dir);
    Ok(format!(
        "{}{}",
        String::from_utf8_lossy(&ran.stdout),
        String::from_utf8_lossy(&ran.stderr)
    ))
}

fn show(query: &str) -> Result<(), String> {
    let found: Vec<(String, String)> = exercises()
        .into_iter()
        .filter(|(topic, stem)| {
            stem == query
                || stem.split_once('-').is_some_and(|(_, n)| n == query)
                || format!("{topic}/{stem}") == query
        })
        .collect();
    let (topic, stem) = match found.as_slice() {
        [one] => one.clone(),
        [] => {
            return Err(format!(
                "no exercise called `{query}` (run without a name to list them)"
            ))
        }
        many => {
            let names: Vec<String> = many.iter().map(|(t, s)| format!("{t}/{s}")).collect();
            return Err(format!("`{query}` is ambiguous: {}", names.join(", ")));
        }
    };
    let dir = ui_tests().join(&topic);
    let src = std::fs::read_to_string(dir.join(format!("{stem}.rs"))).map_err(|e| e.to_string())?;
    let (header, body): (Vec<&str>, Vec<&str>) = src
        .lines()
        .partition(|l| l.starts_with("// ") && !l.contains("#[trace_ownership]"));
    println!("━━ {topic} / {stem} ━━\n");
    for l in &header {
        println!("{}", l.trim_start_matches("// "));
    }
    println!("\n── the program ──\n{}", body.join("\n").trim());
    match std::fs::read_to_string(dir.join(format!("{stem}.stderr"))) {
        Ok(err) => println!("\n── what the compiler says ──\n{}", err.trim_end()),
        Err(_) => println!("\n(no recorded error)"),
    }
    let twin = dir.join("fixed").join(format!("{stem}.rs"));
    if twin.exists() {
        let fixed = std::fs::read_to_string(&twin).map_err(|e| e.to_string())?;
        println!(
            "\n── the fixed twin ({}) ──\n{}",
            twin.display(),
            fixed.trim()
        );
        println!("\n── the fixed twin, run traced ──");
        match run_twin(&twin) {
            Ok(out) => println!("{}", out.trim_end()),
            Err(e) => println!("(could not run it: {e})"),
        }
    }
    Ok(())
}

fn main() {
    match std::env::args().nth(1) {
        None => list(),
        Some(name) => {
            if let Err(e) = show(&name) {
                eprintln!("exercise: {e}");
                std::process::exit(2);
            }
        }
    }
}
