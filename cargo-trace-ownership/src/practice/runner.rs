//! Building and running one program the way the checks need it: the traced copy (the marker
//! lines `// #[trace_ownership]` turned into the attribute, the heap tracker added when a check
//! needs it) is built in the practice folder's `.practice/` package, against `trace-ownership`
//! by path, then run with a time limit and `TRACE_OWNERSHIP=json`.

use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use trace_ownership_runtime::Trace;

/// The marker line of the exercise format.
pub const MARKER: &str = "// #[trace_ownership]";
const ATTRIBUTE: &str = "#[::trace_ownership::trace_ownership]";

/// Loop iterations kept when a heap property is checked: all of an exercise's (they are small).
const HEAP_LOOP_KEEP: &str = "1000000";

/// The traced copy of `source`: each marker line becomes the attribute (same line, same
/// indentation), and with `heap` the heap tracker is appended after the last line, so no line
/// moves.
///
/// ```
/// use cargo_trace_ownership::practice::runner::traced_copy;
/// let t = traced_copy("  // #[trace_ownership]\n  fn main() {}\n", false);
/// assert_eq!(t, "  #[::trace_ownership::trace_ownership]\n  fn main() {}\n");
/// ```
pub fn traced_copy(source: &str, heap: bool) -> String {
    let mut out = String::with_capacity(source.len() + 128);
    for line in source.lines() {
        if line.trim() == MARKER {
            out.push_str(&line.replace(MARKER, ATTRIBUTE));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if heap && !source.contains("#[global_allocator]") {
        out.push_str("#[global_allocator] static __PRACTICE_HEAP: ::trace_ownership::HeapTracker = ::trace_ownership::HeapTracker::new();\n");
    }
    out
}

/// One compiler error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// Its code (`E0382`), if it has one.
    pub code: Option<String>,
    /// rustc's text for it, paths pointing at the learner's file.
    pub rendered: String,
}

/// What a build and run gave.
#[derive(Clone, Debug)]
pub enum Ran {
    /// It did not compile.
    CompileErrors(Vec<CompileError>),
    /// Cargo itself failed (no errors from rustc): its output.
    BuildFailed(String),
    /// It ran past the time limit and was stopped.
    TimedOut(Duration),
    /// It finished.
    Finished {
        /// Whether it exited with status 0.
        success: bool,
        /// What it printed on stdout.
        stdout: String,
        /// What it printed on stderr.
        stderr: String,
        /// The traces it wrote.
        traces: Vec<Trace>,
        /// Lines of the trace file that did not parse.
        bad_lines: usize,
    },
}

/// The `.practice/` build package inside the practice folder.
pub struct Builder {
    /// The practice folder.
    pub dir: PathBuf,
    /// The `trace-ownership` crate to build against.
    pub crate_path: PathBuf,
}

impl Builder {
    fn pkg(&self) -> PathBuf {
        self.dir.join(".practice")
    }

    /// The build package's name: one per practice folder, so folders sharing a target
    /// directory (`CARGO_TARGET_DIR`) never run each other's program.
    fn package_name(&self) -> String {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        std::fs::canonicalize(&self.dir)
            .unwrap_or_else(|_| self.dir.clone())
            .hash(&mut h);
        format!("practice-check-{:08x}", h.finish() as u32)
    }

    /// Writes the build package's manifest (and, the first time, its lock file).
    fn prepare(&self) -> Result<(), String> {
        let pkg = self.pkg();
        std::fs::create_dir_all(pkg.join("src"))
            .map_err(|e| format!("cannot create {}: {e}", pkg.display()))?;
        let manifest = format!(
            "# Written by `cargo trace-ownership practice`: the traced copy of the exercise being checked.\n\
             [package]\nname = {:?}\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ntrace-ownership = {{ path = {:?} }}\n\n[workspace]\n",
            self.package_name(),
            self.crate_path.display().to_string()
        );
        let path = pkg.join("Cargo.toml");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(&manifest) {
            std::fs::write(&path, manifest)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        let lock = pkg.join("Cargo.lock");
        if !lock.exists() {
            let _ = std::fs::write(&lock, super::exercise::WORKSPACE_LOCK);
        }
        Ok(())
    }

    /// Builds `source` (shown to the learner as `shown_as`) and runs it within `limit`.
    pub fn build_and_run(
        &self,
        source: &str,
        shown_as: &str,
        heap: bool,
        limit: Duration,
    ) -> Result<Ran, String> {
        self.prepare()?;
        let pkg = self.pkg();
        let main = pkg.join("src").join("main.rs");
        std::fs::write(&main, traced_copy(source, heap))
            .map_err(|e| format!("cannot write {}: {e}", main.display()))?;
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(&pkg)
            .args(["build", "--quiet", "--message-format=json"])
            .env_remove("RUSTC_WRAPPER")
            .env_remove("RUSTC_WORKSPACE_WRAPPER")
            .stdin(Stdio::null());
        if std::env::var_os("CARGO_TARGET_DIR").is_none() {
            cmd.env("CARGO_TARGET_DIR", self.dir.join("target"));
        }
        let out = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let mut errors = Vec::new();
        let mut exe = None;
        for line in stdout.lines() {
            let Ok(v) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            match v["reason"].as_str() {
                Some("compiler-message") => {
                    let m = &v["message"];
                    if m["level"] != "error" {
                        continue;
                    }
                    let text = m["message"].as_str().unwrap_or("");
                    if text.starts_with("aborting due to") {
                        continue;
                    }
                    errors.push(CompileError {
                        code: m["code"]["code"].as_str().map(str::to_string),
                        rendered: m["rendered"]
                            .as_str()
                            .unwrap_or(text)
                            .replace("src/main.rs", shown_as),
                    });
                }
                Some("compiler-artifact") => {
                    if let Some(p) = v["executable"].as_str() {
                        exe = Some(PathBuf::from(p));
                    }
                }
                _ => {}
            }
        }
        if !errors.is_empty() {
            return Ok(Ran::CompileErrors(errors));
        }
        let Some(exe) = exe.filter(|_| out.status.success()) else {
            return Ok(Ran::BuildFailed(
                String::from_utf8_lossy(&out.stderr).into_owned(),
            ));
        };
        self.run(&exe, shown_as, heap, limit)
    }

    /// With `heap`, no loop iteration or closure call is folded: a heap property counts every
    /// allocation, and a folded iteration's would not be in the trace.
    fn run(&self, exe: &Path, shown_as: &str, heap: bool, limit: Duration) -> Result<Ran, String> {
        let trace_file = self.pkg().join("trace.jsonl");
        let _ = std::fs::remove_file(&trace_file);
        let mut cmd = Command::new(exe);
        for (k, _) in std::env::vars_os() {
            if k.to_string_lossy().starts_with("TRACE_OWNERSHIP") {
                cmd.env_remove(k);
            }
        }
        let mut child = cmd
            .current_dir(&self.dir)
            .env("TRACE_OWNERSHIP", "json")
            .env("TRACE_OWNERSHIP_OUT", &trace_file)
            .env(
                "TRACE_OWNERSHIP_LOOP_KEEP",
                if heap { HEAP_LOOP_KEEP } else { "3" },
            )
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run the program: {e}"))?;
        let read = |mut r: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                // Keeps the first megabyte; reads the rest so the program never blocks.
                let mut kept = Vec::new();
                let mut buf = [0u8; 8192];
                while let Ok(n) = r.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if kept.len() < 1 << 20 {
                        kept.extend_from_slice(&buf[..n]);
                    }
                }
                String::from_utf8_lossy(&kept).into_owned()
            })
        };
        let out = read(Box::new(child.stdout.take().expect("piped")));
        let err = read(Box::new(child.stderr.take().expect("piped")));
        let start = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(s)) => break s,
                Ok(None) if start.elapsed() >= limit => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Ok(Ran::TimedOut(limit));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(format!("cannot wait for the program: {e}")),
            }
        };
        let stdout = out.join().unwrap_or_default();
        let stderr = err.join().unwrap_or_default();
        let text = std::fs::read_to_string(&trace_file).unwrap_or_default();
        let mut traces = Vec::new();
        let mut bad_lines = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            match serde_json::from_str::<Trace>(line) {
                Ok(mut t) => {
                    // The traced copy is the learner's file: name it so.
                    let rename = |f: &mut std::borrow::Cow<'static, str>| {
                        if f == "src/main.rs" {
                            *f = shown_as.to_string().into();
                        }
                    };
                    rename(&mut t.file);
                    t.sources.iter_mut().for_each(|s| rename(&mut s.file));
                    // A function's entry names its file in `detail`.
                    for e in &mut t.events {
                        if e.detail.as_deref() == Some("src/main.rs") {
                            e.detail = Some(shown_as.to_string().into());
                        }
                    }
                    traces.push(t)
                }
                Err(_) => bad_lines += 1,
            }
        }
        Ok(Ran::Finished {
            success: status.success(),
            stdout,
            stderr,
            traces,
            bad_lines,
        })
    }
}
