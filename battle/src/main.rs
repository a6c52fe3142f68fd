//! Battle test: trace every function of published crates and check their own test suites still
//! pass.
//!
//! ```text
//! cargo run -p trace-ownership-battle --release -- strsim@0.11.1 getopts@0.2.21
//! ```
//!
//! For each `name@version`: fetch the package with cargo, make two copies, put
//! `#[trace_ownership]` on every function with a body in one (see [`instrument`]), build and run
//! the crate's own tests in both (traced with `TRACE_OWNERSHIP=json` to a file), and report:
//! functions traced, functions whose traced expansion failed to compile (with the error), tests
//! passed traced and untraced. Functions that fail to compile traced are reported, then left
//! untraced so the rest of the crate can still be tested. Exit status 1 if any function failed to
//! compile or any test result differs.

mod instrument;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Test counts summed over every test binary and doc tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    passed: u64,
    failed: u64,
    ignored: u64,
}

struct Report {
    name: String,
    traced_fns: usize,
    failed_fns: Vec<(String, String)>,
    plain: Counts,
    traced: Counts,
    trace_lines: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: trace-ownership-battle NAME@VERSION [NAME@VERSION ...]");
        std::process::exit(2);
    }
    let repo = repo_root();
    let work = repo.join("target").join("battle");
    let mut reports = Vec::new();
    for spec in &args {
        let Some((name, version)) = spec.split_once('@') else {
            eprintln!("battle: `{spec}` is not NAME@VERSION");
            std::process::exit(2);
        };
        match run_one(&repo, &work, name, version) {
            Ok(r) => reports.push(r),
            Err(e) => {
                eprintln!("battle: {spec}: {e}");
                std::process::exit(1);
            }
        }
    }
    println!("\n| crate | functions traced | failed to compile traced | tests passed untraced | tests passed traced | failed untraced / traced | JSON trace lines |");
    println!("|---|---|---|---|---|---|---|");
    let mut ok = true;
    for r in &reports {
        println!(
            "| {} | {} | {} | {} | {} | {} / {} | {} |",
            r.name,
            r.traced_fns,
            r.failed_fns.len(),
            r.plain.passed,
            r.traced.passed,
            r.plain.failed,
            r.traced.failed,
            r.trace_lines
        );
        ok &= r.failed_fns.is_empty() && r.plain == r.traced;
    }
    for r in &reports {
        for (f, err) in &r.failed_fns {
            println!("\n{}: `{f}` failed to compile traced:\n{err}", r.name);
        }
    }
    println!(
        "\nbattle: {}",
        if ok {
            "all traced functions compile and every crate passes the same tests traced"
        } else {
            "FAILURES above"
        }
    );
    if !ok {
        std::process::exit(1);
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("battle/ is inside the repository")
        .to_path_buf()
}

fn run(cmd: &mut Command) -> Result<(bool, String), String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok((out.status.success(), text))
}

/// Downloads `name` `version` with cargo and unpacks it into `dest`.
fn fetch(work: &Path, name: &str, version: &str) -> Result<PathBuf, String> {
    let fetcher = work.join(format!("fetch-{name}-{version}"));
    std::fs::create_dir_all(fetcher.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(
        fetcher.join("Cargo.toml"),
        format!(
            "[package]\nname = \"battle-fetch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\n{name} = \"={version}\"\n\n[workspace]\n"
        ),
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(fetcher.join("src/lib.rs"), "").map_err(|e| e.to_string())?;
    let (ok, out) = run(Command::new("cargo").arg("fetch").current_dir(&fetcher))?;
    if !ok {
        return Err(format!("cargo fetch failed:\n{out}"));
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
        });
    let file = format!("{name}-{version}.crate");
    let cache = cargo_home.join("registry").join("cache");
    let archive = std::fs::read_dir(&cache)
        .map_err(|e| format!("{}: {e}", cache.display()))?
        .filter_map(Result::ok)
        .map(|d| d.path().join(&file))
        .find(|p| p.exists())
        .ok_or_else(|| format!("{file} not found under {}", cache.display()))?;
    let dest = work.join("src");
    std::fs::create_dir_all(&dest).map_err(|e| e.to_string())?;
    let (ok, out) = run(Command::new("tar")
        .arg("xzf")
        .arg(&archive)
        .arg("-C")
        .arg(&dest))?;
    if !ok {
        return Err(format!("tar failed:\n{out}"));
    }
    Ok(dest.join(format!("{name}-{version}")))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(to);
    let (ok, out) = run(Command::new("cp").arg("-r").arg(from).arg(to))?;
    if ok {
        Ok(())
    } else {
        Err(out)
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Makes the package its own workspace (it lives under ours) and, for the traced copy, adds the
/// dependency on this repository's `trace-ownership`.
fn edit_manifest(dir: &Path, repo: Option<&Path>) -> Result<String, String> {
    let path = dir.join("Cargo.toml");
    let mut toml = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    if !toml.contains("\n[workspace]") {
        toml.push_str("\n[workspace]\n");
    }
    if let Some(repo) = repo {
        toml.push_str(&format!(
            "\n[dependencies.trace-ownership]\npath = \"{}\"\n",
            repo.display()
        ));
    }
    std::fs::write(&path, &toml).map_err(|e| e.to_string())?;
    let edition = toml
        .lines()
        .find_map(|l| l.trim().strip_prefix("edition = "))
        .map(|v| v.trim_matches('"').to_string())
        .unwrap_or_else(|| "2015".into());
    Ok(edition)
}

/// Sums `test result:` lines.
fn counts(output: &str) -> Counts {
    let mut c = Counts::default();
    for line in output.lines().filter(|l| l.starts_with("test result:")) {
        let num = |key: &str| {
            line.split(';')
                .find(|p| p.trim_end().ends_with(key))
                .and_then(|p| p.split_whitespace().rev().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0)
        };
        c.passed += num("passed");
        c.failed += num("failed");
        c.ignored += num("ignored");
    }
    c
}

/// `(file, line)` of each compiler error in `output` (`--> src/x.rs:12:5` lines after `error`).
fn error_sites(output: &str) -> Vec<(String, usize, String)> {
    let mut sites = Vec::new();
    let mut current: Option<String> = None;
    for line in output.lines() {
        if line.starts_with("error") && !line.starts_with("error: could not compile") {
            current = Some(line.to_string());
        } else if let (Some(msg), Some(loc)) = (&current, line.trim_start().strip_prefix("--> ")) {
            let mut parts = loc.rsplitn(3, ':');
            let _col = parts.next();
            let line_no = parts.next().and_then(|l| l.parse().ok());
            if let (Some(n), Some(file)) = (line_no, parts.next()) {
                sites.push((file.to_string(), n, msg.clone()));
            }
            current = None;
        }
    }
    sites
}

fn run_one(repo: &Path, work: &Path, name: &str, version: &str) -> Result<Report, String> {
    let spec = format!("{name}@{version}");
    eprintln!("battle: {spec}: fetching");
    let work = work.join(format!("{name}-{version}"));
    let source = fetch(&work, name, version)?;
    let plain = work.join("plain");
    let traced = work.join("traced");
    copy_dir(&source, &plain)?;
    edit_manifest(&plain, None)?;

    eprintln!("battle: {spec}: testing untraced");
    let (_, out) = run(Command::new("cargo")
        .args(["test", "--no-fail-fast"])
        .current_dir(&plain)
        .env("CARGO_TARGET_DIR", work.join("target-plain")))?;
    let plain_counts = counts(&out);

    // Instrument, build, and leave untraced any function that fails, reporting it.
    let mut skip: std::collections::HashMap<PathBuf, Vec<usize>> = Default::default();
    let mut failed_fns: Vec<(String, String)> = Vec::new();
    let trace_file = work.join("trace.jsonl");
    for round in 0..8 {
        copy_dir(&source, &traced)?;
        let edition = edit_manifest(&traced, Some(repo))?;
        let mut files = Vec::new();
        rust_files(&traced.join("src"), &mut files);
        let mut sites: Vec<(PathBuf, instrument::Traced)> = Vec::new();
        for f in &files {
            let src = std::fs::read_to_string(f).map_err(|e| e.to_string())?;
            let skips = skip.get(f).cloned().unwrap_or_default();
            match instrument::instrument(&src, &skips) {
                Ok((mut text, traced_here)) => {
                    if edition == "2015" && f.ends_with("src/lib.rs") {
                        let at =
                            instrument::after_inner_attributes(&text).map_err(|e| e.to_string())?;
                        text.insert_str(at, "\nextern crate trace_ownership;\n");
                    }
                    std::fs::write(f, text).map_err(|e| e.to_string())?;
                    sites.extend(traced_here.into_iter().map(|t| (f.clone(), t)));
                }
                Err(e) => eprintln!("battle: {}: not parsed, left untraced: {e}", f.display()),
            }
        }
        eprintln!(
            "battle: {spec}: testing traced (round {round}, {} functions)",
            sites.len()
        );
        let _ = std::fs::remove_file(&trace_file);
        let (built, out) = run(Command::new("cargo")
            .args(["test", "--no-run"])
            .current_dir(&traced)
            .env("CARGO_TARGET_DIR", work.join("target-traced")))?;
        if !built {
            let errors = error_sites(&out);
            let mut newly = 0;
            for (file, line, msg) in &errors {
                let path = traced.join(file);
                let hit = sites
                    .iter()
                    .find(|(f, t)| *f == path && t.lines.0 <= *line && *line <= t.lines.1);
                if let Some((f, t)) = hit {
                    let list = skip.entry(f.clone()).or_default();
                    if !list.contains(&t.offset) {
                        list.push(t.offset);
                        eprintln!(
                            "battle: {spec}: `{}` ({file}:{line}) fails traced: {msg}",
                            t.name
                        );
                        failed_fns.push((format!("{}::{}", file, t.name), msg.clone()));
                        newly += 1;
                    }
                }
            }
            if newly == 0 {
                return Err(format!(
                    "traced build failed outside any traced function:\n{out}"
                ));
            }
            continue;
        }
        let (_, out) = run(Command::new("cargo")
            .args(["test", "--no-fail-fast"])
            .current_dir(&traced)
            .env("CARGO_TARGET_DIR", work.join("target-traced"))
            .env("TRACE_OWNERSHIP", "json")
            .env("TRACE_OWNERSHIP_OUT", &trace_file)
            .env("TRACE_OWNERSHIP_MAX_EVENTS", "2000"))?;
        let written = std::fs::read_to_string(&trace_file).unwrap_or_default();
        let trace_lines = written.lines().count();
        // Every line is one trace object of the documented schema.
        for (i, line) in written.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("trace line {} is not JSON: {e}", i + 1))?;
            if v["schema"] != 1 || !v["events"].is_array() || !v["function"].is_string() {
                return Err(format!(
                    "trace line {} does not follow SCHEMA.md: {line:.200}",
                    i + 1
                ));
            }
        }
        return Ok(Report {
            name: spec,
            traced_fns: sites.len() + failed_fns.len(),
            failed_fns,
            plain: plain_counts,
            traced: counts(&out),
            trace_lines,
        });
    }
    Err("gave up after 8 rounds of removing failing functions".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_over_binaries() {
        let out = "test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out\n\
                   test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(
            counts(out),
            Counts {
                passed: 5,
                failed: 1,
                ignored: 1
            }
        );
    }

    #[test]
    fn error_sites_are_found() {
        let out = "error[E0382]: use of moved value: `x`\n  --> src/lib.rs:12:5\n   |\nerror: could not compile `x`";
        assert_eq!(
            error_sites(out),
            [(
                "src/lib.rs".to_string(),
                12,
                "error[E0382]: use of moved value: `x`".to_string()
            )]
        );
    }
}
