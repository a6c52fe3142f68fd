//! The exercises: their `// Key: value` headers (see `ui-tests/README.md` and the exercise
//! format), the catalogue in practice order, and finding one by name.

use super::check::{self, Property};
use std::path::Path;

/// One exercise as stored: embedded at build time, or read from an exercise folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embedded {
    /// Its topic folder (`move-clone-copy`).
    pub topic: &'static str,
    /// Its file stem (`01-move-into-function`).
    pub stem: &'static str,
    /// A compile-fail exercise (beside its `.stderr`), not a property one (`wrong/`).
    pub compile_fail: bool,
    /// The program as shipped.
    pub source: &'static str,
    /// The compiler's output as recorded (compile-fail exercises).
    pub stderr: Option<&'static str>,
    /// The fixed twin.
    pub twin: Option<&'static str>,
}

#[allow(missing_docs)]
mod embedded {
    use super::Embedded;
    include!(concat!(env!("OUT_DIR"), "/exercises.rs"));
}
pub use embedded::{CRATE_PATH, EMBEDDED, WORKSPACE_LOCK};

/// The seed sections, in practice order.
pub const SECTIONS: [&str; 5] = [
    "stack-vs-heap",
    "ownership-and-memory",
    "move-clone-copy",
    "borrowing-and-references",
    "no-garbage-collector",
];

/// The header of an exercise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// `Rule:`.
    pub rule: String,
    /// `Error:` (`E0382`, `(no code)`, `none`).
    pub error: String,
    /// `Why:` lines, joined by spaces.
    pub why: String,
    /// `Hint:` lines, joined by spaces.
    pub hint: String,
    /// `Section:`, when the exercise is a practice exercise.
    pub section: Option<String>,
    /// `Output:` lines.
    pub output: Vec<String>,
    /// `Check:` lines, parsed, with their 1-based line numbers.
    pub checks: Vec<(u32, Property)>,
}

impl Header {
    /// Reads the header: the `// Key: value` lines at the top of `source`. `name` names the
    /// exercise in the one-sentence error (an unknown key value, an unknown property).
    ///
    /// ```
    /// use cargo_trace_ownership::practice::exercise::Header;
    /// let h = Header::parse("e", "// Rule: r\n// Error: none\n// Why: w\n// Hint: h\n// Section: move-clone-copy\n// Output: 5\n// Check: no clone\nfn main() {}\n").unwrap();
    /// assert_eq!(h.output, ["5"]);
    /// assert!(Header::parse("e", "// Rule: r\n// Check: s is happy\n").unwrap_err().contains("line 2"));
    /// ```
    pub fn parse(name: &str, source: &str) -> Result<Header, String> {
        let mut h = Header {
            rule: String::new(),
            error: String::new(),
            why: String::new(),
            hint: String::new(),
            section: None,
            output: Vec::new(),
            checks: Vec::new(),
        };
        for (i, line) in source.lines().enumerate() {
            let n = i as u32 + 1;
            let Some(rest) = line.strip_prefix("// ") else {
                break;
            };
            let Some((key, value)) = rest.split_once(':') else {
                continue;
            };
            // `Output:` keeps its value exactly (after the one space); the rest are trimmed.
            let exact = value.strip_prefix(' ').unwrap_or(value);
            let value = value.trim();
            let join = |to: &mut String| {
                if !to.is_empty() {
                    to.push(' ');
                }
                to.push_str(value);
            };
            match key {
                "Rule" => h.rule = value.to_string(),
                "Error" => h.error = value.to_string(),
                "Why" => join(&mut h.why),
                "Hint" => join(&mut h.hint),
                "Section" => {
                    if !SECTIONS.contains(&value) {
                        return Err(format!(
                            "exercise `{name}`, line {n}: unknown section `{value}` (expected one of {})",
                            SECTIONS.join(", ")
                        ));
                    }
                    h.section = Some(value.to_string())
                }
                "Output" => h.output.push(exact.to_string()),
                "Check" => match check::parse(value) {
                    Ok(p) => h.checks.push((n, p)),
                    Err(e) => return Err(format!("exercise `{name}`, line {n}: {e}")),
                },
                _ => {}
            }
        }
        Ok(h)
    }

    /// Whether a check needs heap events (the program is then built with the heap tracker).
    pub fn needs_heap(&self) -> bool {
        self.checks.iter().any(|(_, p)| p.needs_heap())
    }
}

/// A practice exercise: where it comes from and what its header says.
#[derive(Clone, Debug)]
pub struct Exercise {
    /// The name learners type: the stem without its number (`move-into-function`), or
    /// `topic/name` when two topics use the same one.
    pub name: String,
    /// What is stored.
    pub stored: Embedded,
    /// Its header.
    pub header: Header,
}

impl Exercise {
    /// The learner's copy, relative to the practice folder.
    pub fn rel_path(&self) -> String {
        let sub = if self.stored.compile_fail {
            ""
        } else {
            "wrong/"
        };
        format!(
            "exercises/{}/{sub}{}.rs",
            self.stored.topic, self.stored.stem
        )
    }
}

/// The practice exercises in order: by seed section, then topic, then number. Exercises with
/// no `Section:` (the macro-misuse ones, say) are not practice exercises. A header that does
/// not parse is an error naming the exercise and its line.
pub fn catalogue(stored: &[Embedded]) -> Result<Vec<Exercise>, String> {
    let mut out = Vec::new();
    for s in stored {
        let header = Header::parse(&format!("{}/{}", s.topic, s.stem), s.source)?;
        if header.section.is_none() {
            continue;
        }
        let short = s
            .stem
            .split_once('-')
            .map_or(s.stem, |(_, n)| n)
            .to_string();
        out.push(Exercise {
            name: short,
            stored: s.clone(),
            header,
        });
    }
    let names: Vec<String> = out.iter().map(|e| e.name.clone()).collect();
    for e in &mut out {
        if names.iter().filter(|n| **n == e.name).count() > 1 {
            e.name = format!("{}/{}", e.stored.topic, e.name);
        }
    }
    let section = |e: &Exercise| {
        SECTIONS
            .iter()
            .position(|s| Some(*s) == e.header.section.as_deref())
    };
    out.sort_by(|a, b| {
        (section(a), a.stored.topic, a.stored.stem).cmp(&(
            section(b),
            b.stored.topic,
            b.stored.stem,
        ))
    });
    Ok(out)
}

/// Finds the exercise `name` (its name, its file stem, or `topic/stem`).
pub fn find<'a>(all: &'a [Exercise], name: &str) -> Result<&'a Exercise, String> {
    let name = name.trim_end_matches(".rs");
    all.iter()
        .find(|e| {
            e.name == name
                || e.stored.stem == name
                || format!("{}/{}", e.stored.topic, e.stored.stem) == name
        })
        .ok_or_else(|| {
            format!("no exercise named `{name}`: `cargo trace-ownership practice list` shows them")
        })
}

/// Reads exercises from a folder laid out like `ui-tests/` (for teachers' own exercises and
/// for tests). The text is leaked: it lives as long as the program.
pub fn read_folder(dir: &Path) -> Result<Vec<Embedded>, String> {
    fn leak(s: String) -> &'static str {
        Box::leak(s.into_boxed_str())
    }
    fn rs_files(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "rs"))
            .collect();
        v.sort();
        v
    }
    let topics = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the exercise folder {}: {e}", dir.display()))?;
    let mut topics: Vec<_> = topics
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    topics.sort();
    let mut out = Vec::new();
    for t in topics {
        let topic = leak(
            t.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
        );
        let mut programs: Vec<_> = rs_files(&t).into_iter().map(|p| (p, true)).collect();
        programs.extend(rs_files(&t.join("wrong")).into_iter().map(|p| (p, false)));
        for (p, compile_fail) in programs {
            let read = |p: &Path| std::fs::read_to_string(p).ok().map(leak);
            let stem = leak(
                p.file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
            );
            let Some(source) = read(&p) else {
                return Err(format!("cannot read {}", p.display()));
            };
            out.push(Embedded {
                topic,
                stem,
                compile_fail,
                source,
                stderr: if compile_fail {
                    read(&p.with_extension("stderr"))
                } else {
                    None
                },
                twin: read(&t.join("fixed").join(format!("{stem}.rs"))),
            });
        }
    }
    Ok(out)
}
