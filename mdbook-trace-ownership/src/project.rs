//! All listings that need building, as one cargo project: a binary per listing, one
//! `cargo build --keep-going`, so cargo compiles the shared dependencies once and the
//! listings in parallel, and a listing that does not compile stops no other.

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A listing to compile.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Its cache key (its binary is `l<key>`).
    pub key: String,
    /// Its file name, without `.rs`.
    pub file: String,
    /// The program.
    pub program: String,
}

impl Unit {
    /// The name of its binary target.
    pub fn bin(&self) -> String {
        format!("l{}", self.key)
    }
}

/// What `cargo build` made of one listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Built {
    /// Its executable.
    Exe(PathBuf),
    /// rustc's messages, as rendered: it did not compile.
    Error(String),
}

/// The result of the one build.
#[derive(Clone, Debug)]
pub struct Build {
    /// Per listing key.
    pub units: HashMap<String, Built>,
    /// cargo's own messages (stderr), for when a listing has neither an executable nor an error.
    pub cargo_stderr: String,
    /// Listing binaries rustc compiled (cargo did not find them fresh), failed ones included.
    pub compiled: usize,
}

/// The project's directory under the cache.
pub fn dir(cache_dir: &Path) -> PathBuf {
    cache_dir.join("project")
}

/// Escapes a string for a TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The project's `Cargo.toml`.
pub fn manifest(crate_path: &Path, edition: &str, units: &[Unit]) -> String {
    let mut m = format!(
        "# Written by mdbook-trace-ownership: one binary per listing of the book.\n\
         [package]\nname = \"trace-ownership-book-listings\"\nversion = \"0.0.0\"\n\
         edition = {}\npublish = false\nautobins = false\nautoexamples = false\n\
         autotests = false\nautobenches = false\n\n\
         [dependencies]\ntrace-ownership = {{ path = {} }}\n\n\
         # Not part of any workspace around the cache directory.\n[workspace]\n\n\
         [profile.dev]\ndebug = false\n",
        toml_str(edition),
        toml_str(&crate_path.display().to_string())
    );
    for u in units {
        m.push_str(&format!(
            "\n[[bin]]\nname = \"{}\"\npath = \"listings/{}/{}.rs\"\ntest = false\nbench = false\ndoc = false\n",
            u.bin(),
            u.key,
            u.file
        ));
    }
    m
}

/// Writes the project: the manifest, the listings' files (and only theirs), and, the first
/// time, a copy of the crate's own `Cargo.lock` so the listings build with the versions it was
/// tested with.
pub fn write(dir: &Path, crate_path: &Path, edition: &str, units: &[Unit]) -> std::io::Result<()> {
    let listings = dir.join("listings");
    std::fs::create_dir_all(&listings)?;
    let keep: std::collections::HashSet<&str> = units.iter().map(|u| u.key.as_str()).collect();
    for entry in std::fs::read_dir(&listings)? {
        let entry = entry?;
        if !keep.contains(entry.file_name().to_string_lossy().as_ref()) {
            std::fs::remove_dir_all(entry.path())?;
        }
    }
    for u in units {
        let d = listings.join(&u.key);
        std::fs::create_dir_all(&d)?;
        let f = d.join(format!("{}.rs", u.file));
        // Rewritten only when it changed: cargo then finds the others fresh.
        if std::fs::read_to_string(&f).ok().as_deref() != Some(u.program.as_str()) {
            std::fs::write(&f, &u.program)?;
        }
    }
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        if let Ok(l) = std::fs::read(crate_path.join("Cargo.lock")) {
            std::fs::write(&lock, l)?;
        }
    }
    let manifest = manifest(crate_path, edition, units);
    let path = dir.join("Cargo.toml");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(manifest.as_str()) {
        std::fs::write(path, manifest)?;
    }
    Ok(())
}

/// `cargo build --bins --keep-going` of the project, its JSON messages read back per listing.
pub fn build(dir: &Path, units: &[Unit]) -> Result<Build, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["build", "--bins", "--keep-going", "--message-format=json"])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .current_dir(dir)
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("TRACE_OWNERSHIP")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let by_bin: HashMap<String, &Unit> = units.iter().map(|u| (u.bin(), u)).collect();
    let mut rendered: HashMap<String, String> = HashMap::new();
    let mut exes: HashMap<String, PathBuf> = HashMap::new();
    let mut compiled = 0;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let Some(bin) = msg["target"]["name"].as_str() else {
            continue;
        };
        if !by_bin.contains_key(bin) {
            continue;
        }
        match msg["reason"].as_str() {
            Some("compiler-message") => {
                if let Some(r) = msg["message"]["rendered"].as_str() {
                    rendered.entry(bin.to_string()).or_default().push_str(r);
                }
            }
            Some("compiler-artifact") => {
                if msg["fresh"] == Value::Bool(false) {
                    compiled += 1;
                }
                if let Some(exe) = msg["executable"].as_str() {
                    exes.insert(bin.to_string(), PathBuf::from(exe));
                }
            }
            _ => {}
        }
    }
    let cargo_stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let mut built = HashMap::new();
    for (bin, u) in by_bin {
        if let Some(exe) = exes.remove(&bin) {
            built.insert(u.key.clone(), Built::Exe(exe));
        } else if let Some(r) = rendered.remove(&bin) {
            if r.contains("error") {
                compiled += 1;
                built.insert(u.key.clone(), Built::Error(r));
            }
        }
    }
    Ok(Build {
        units: built,
        cargo_stderr,
        compiled,
    })
}
