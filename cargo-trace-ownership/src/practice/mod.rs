//! `cargo trace-ownership practice`: the exercises of `ui-tests/`, embedded at build time,
//! copied into a learner's folder, fixed by the learner and checked by what their trace proves
//! (see [`judge`]), with predict-first questions ([`predict`]) once one is solved.
//!
//! Modules: [`exercise`] (headers, the catalogue), [`check`] (the `Check:` properties),
//! [`runner`] (building and running the traced copy), [`judge`] (the three checks),
//! [`folder`] (the learner's folder), [`progress`] (the progress file), [`predict`] (the
//! questions), [`watch`] (the interactive loop).

pub mod check;
pub mod exercise;
pub mod folder;
pub mod judge;
pub mod predict;
pub mod progress;
pub mod runner;
pub mod watch;

use crate::cli::{PracticeArgs, PracticeSub};
use exercise::Exercise;
use judge::Verdict;
use progress::Progress;
use runner::Builder;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Everything one practice command works with.
pub struct Session {
    /// The command line.
    pub args: PracticeArgs,
    /// The exercises, in practice order.
    pub exercises: Vec<Exercise>,
    /// The builder for the folder.
    pub builder: Builder,
}

impl Session {
    /// Reads the exercises (built in, or `--exercises`).
    pub fn new(args: PracticeArgs) -> Result<Session, String> {
        let stored = match &args.exercises {
            Some(dir) => exercise::read_folder(dir)?,
            None => exercise::EMBEDDED.to_vec(),
        };
        let exercises = exercise::catalogue(&stored)?;
        if exercises.is_empty() {
            return Err("there are no practice exercises (none has a `// Section:` line)".into());
        }
        let crate_path = args
            .crate_path
            .clone()
            .unwrap_or_else(|| PathBuf::from(exercise::CRATE_PATH));
        let crate_path = std::fs::canonicalize(&crate_path).map_err(|e| {
            format!(
                "the trace-ownership crate is not at {} ({e}): give its folder with `--crate-path`",
                crate_path.display()
            )
        })?;
        // The builder works with an absolute path: the program runs in the folder, and the
        // trace file's path must not depend on where it runs.
        std::fs::create_dir_all(&args.dir)
            .map_err(|e| format!("cannot create {}: {e}", args.dir.display()))?;
        let dir = std::fs::canonicalize(&args.dir)
            .map_err(|e| format!("cannot find {}: {e}", args.dir.display()))?;
        let builder = Builder { dir, crate_path };
        Ok(Session {
            args,
            exercises,
            builder,
        })
    }

    /// The practice folder.
    pub fn dir(&self) -> &Path {
        &self.args.dir
    }

    /// The time limit of one run.
    pub fn limit(&self) -> Duration {
        Duration::from_secs(self.args.time_limit)
    }

    /// Loads the progress, creates what is missing in the folder, and saves.
    pub fn open(&self) -> Result<Progress, String> {
        let (mut p, said) = Progress::load(self.dir());
        let fresh = said.is_some();
        if let Some(s) = said {
            println!("{s}");
        }
        let written = folder::init(
            self.dir(),
            &self.exercises,
            &self.builder.crate_path,
            &mut p,
        )?;
        if written > 0 {
            println!(
                "Copied {written} exercise{} into {}/exercises/.",
                if written == 1 { "" } else { "s" },
                self.dir().display()
            );
        }
        if p.current.is_none() || fresh {
            p.current = self.first_unsolved(&p).map(|e| e.name.clone());
        }
        p.save(self.dir())?;
        Ok(p)
    }

    /// The first exercise not solved yet.
    pub fn first_unsolved(&self, p: &Progress) -> Option<&Exercise> {
        self.exercises.iter().find(|e| !p.is_solved(&e.name))
    }

    /// The exercise named, or the current one.
    pub fn pick(&self, name: Option<&str>, p: &Progress) -> Result<&Exercise, String> {
        match name.or(p.current.as_deref()) {
            Some(n) => exercise::find(&self.exercises, n),
            None => Err("every exercise is solved: name one".into()),
        }
    }

    /// Checks the learner's file of `ex` (or its fixed twin with `twin`).
    pub fn judge(&self, ex: &Exercise, twin: bool) -> Result<Verdict, String> {
        if twin {
            let Some(t) = ex.stored.twin else {
                return Err(format!("exercise `{}` has no fixed twin", ex.name));
            };
            let shown = format!("{}/fixed/{}.rs", ex.stored.topic, ex.stored.stem);
            return judge::judge(ex, t, &shown, &self.builder, self.limit());
        }
        let rel = ex.rel_path();
        let source = std::fs::read_to_string(self.dir().join(&rel)).map_err(|_| {
            format!(
                "{rel} is missing: run `cargo trace-ownership practice reset {}` to get it back",
                ex.name
            )
        })?;
        judge::judge(ex, &source, &rel, &self.builder, self.limit())
    }
}

/// Runs `practice`; returns the exit code (0 fine, 1 a check failed, 2 bad input).
pub fn run(args: PracticeArgs) -> i32 {
    let session = match Session::new(args) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cargo-trace-ownership practice: {e}");
            return 2;
        }
    };
    match dispatch(&session) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cargo-trace-ownership practice: {e}");
            2
        }
    }
}

fn dispatch(s: &Session) -> Result<i32, String> {
    let mut p = s.open()?;
    match &s.args.sub {
        PracticeSub::Watch => watch::run(s, &mut p),
        PracticeSub::List => {
            print!("{}", list(s, &p));
            Ok(0)
        }
        PracticeSub::Hint(name) => {
            let ex = s.pick(name.as_deref(), &p)?;
            println!("Hint for `{}`: {}", ex.name, ex.header.hint);
            Ok(0)
        }
        PracticeSub::Solution(name) => {
            let ex = s.pick(name.as_deref(), &p)?;
            let Some(twin) = ex.stored.twin else {
                return Err(format!("exercise `{}` has no fixed twin", ex.name));
            };
            if !s.args.yes
                && !confirm(&format!(
                    "The solution of `{}` takes away the exercise of finding it yourself. Show it? [y/N] ",
                    ex.name
                ))
            {
                println!("Not shown. `cargo trace-ownership practice hint {}` gives a hint.", ex.name);
                return Ok(0);
            }
            println!("A solution of `{}` (its fixed twin):\n\n{twin}", ex.name);
            Ok(0)
        }
        PracticeSub::Check {
            name,
            all,
            solutions,
        } => check(s, &mut p, name.as_deref(), *all, *solutions),
        PracticeSub::Explain(code) => explain(s, code),
        PracticeSub::Reset(name) => {
            let ex = exercise::find(&s.exercises, name)?;
            println!("{}", folder::reset(s.dir(), ex)?);
            Ok(0)
        }
    }
}

fn confirm(question: &str) -> bool {
    print!("{question}");
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    matches!(line.trim(), "y" | "Y" | "yes")
}

/// The `list` text: exercises by seed section, `[x]` when solved, `>` at the current one.
pub fn list(s: &Session, p: &Progress) -> String {
    let mut out = String::new();
    let mut section = None;
    for e in &s.exercises {
        if section != e.header.section.as_deref() {
            section = e.header.section.as_deref();
            out.push_str(&format!("{}\n", section.unwrap_or("")));
        }
        let mark = if p.is_solved(&e.name) { "[x]" } else { "[ ]" };
        let here = if p.current.as_deref() == Some(&e.name) {
            ">"
        } else {
            " "
        };
        out.push_str(&format!(
            "{here} {mark} {:<36} {:<10} {}\n",
            e.name, e.header.error, e.header.rule
        ));
    }
    let solved = s.exercises.iter().filter(|e| p.is_solved(&e.name)).count();
    out.push_str(&format!("{solved} of {} solved\n", s.exercises.len()));
    out
}

/// Prints a verdict: `ok NAME` or the failure's sentence and detail.
pub fn show_verdict(name: &str, v: &Verdict) {
    match v {
        Verdict::Solved(_) => println!("ok    {name}"),
        Verdict::Failed {
            sentence, detail, ..
        } => {
            println!("FAIL  {name}: {sentence}");
            if !detail.is_empty() {
                println!("{}", indent(detail));
            }
        }
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("      {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn check(
    s: &Session,
    p: &mut Progress,
    name: Option<&str>,
    all: bool,
    twins: bool,
) -> Result<i32, String> {
    let chosen: Vec<&Exercise> = if all {
        s.exercises.iter().collect()
    } else {
        vec![s.pick(name, p)?]
    };
    let mut failed = 0;
    for ex in &chosen {
        match s.judge(ex, twins) {
            Ok(v) => {
                show_verdict(&ex.name, &v);
                if v.solved() {
                    if !twins {
                        p.solve(&ex.name);
                    }
                } else {
                    failed += 1;
                }
            }
            Err(e) => {
                println!("FAIL  {}: {e}", ex.name);
                failed += 1;
            }
        }
    }
    if !twins {
        if p.current.as_ref().is_some_and(|c| p.is_solved(c)) {
            p.current = s.first_unsolved(p).map(|e| e.name.clone());
        }
        p.save(s.dir())?;
    }
    println!(
        "{} of {} passed{}",
        chosen.len() - failed,
        chosen.len(),
        if twins { " (fixed twins)" } else { "" }
    );
    Ok(if failed == 0 { 0 } else { 1 })
}

fn explain(s: &Session, code: &str) -> Result<i32, String> {
    let code = code.trim().to_uppercase();
    let of: Vec<&Exercise> = s
        .exercises
        .iter()
        .filter(|e| e.header.error.eq_ignore_ascii_case(&code))
        .collect();
    let Some(first) = of.first() else {
        let mut codes: Vec<&str> = s
            .exercises
            .iter()
            .map(|e| e.header.error.as_str())
            .collect();
        codes.sort();
        codes.dedup();
        return Err(format!(
            "no exercise is about `{code}`: the codes are {}",
            codes.join(", ")
        ));
    };
    println!(
        "{code}, in {} exercise{}:",
        of.len(),
        if of.len() == 1 { "" } else { "s" }
    );
    for e in &of {
        println!("  {:<36} {}", e.name, e.header.rule);
    }
    println!("\nThe first, `{}`:", first.name);
    println!("  Rule: {}", first.header.rule);
    println!("  Why: {}", first.header.why);
    if let Some(said) = first.stored.stderr.and_then(|e| e.lines().next()) {
        println!("  The compiler says: {said}");
    }
    match s.judge(first, true)? {
        Verdict::Solved(traces) => {
            println!("\nThe trace of its fixed twin, which compiles:\n");
            for t in &traces {
                print!(
                    "{}",
                    trace_ownership_runtime::render::text::render(t, false)
                );
            }
        }
        v => show_verdict(&format!("{} (fixed twin)", first.name), &v),
    }
    Ok(0)
}
