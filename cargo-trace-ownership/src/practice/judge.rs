//! Whether a program solves its exercise, in the order of the checks: (a) it compiles, the
//! exercise's error gone and no new one; (b) it runs within the time limit and prints the
//! `Output:` lines; (c) every `Check:` property holds on its trace. The first check that fails
//! gives the verdict, as one sentence (and rustc's own message when it does not compile).

use super::check;
use super::exercise::Exercise;
use super::runner::{Builder, CompileError, Ran};
use std::time::Duration;
use trace_ownership_runtime::Trace;

/// The verdict on one program.
#[derive(Clone, Debug)]
pub enum Verdict {
    /// Solved: every check passed. The traces of the run.
    Solved(Vec<Trace>),
    /// Not solved.
    Failed {
        /// Which check failed: `a`, `b` or `c`.
        step: char,
        /// The one sentence.
        sentence: String,
        /// More to show under it (rustc's message, the program's stderr), possibly empty.
        detail: String,
    },
}

impl Verdict {
    /// Whether every check passed.
    pub fn solved(&self) -> bool {
        matches!(self, Verdict::Solved(_))
    }
}

/// The message when no trace of `main` was written.
pub const NO_MAIN: &str =
    "no trace of `main`: keep the `// #[trace_ownership]` line above `fn main`";

fn fail(step: char, sentence: String, detail: String) -> Verdict {
    Verdict::Failed {
        step,
        sentence,
        detail,
    }
}

fn codes(errors: &[CompileError]) -> String {
    let mut v: Vec<String> = errors
        .iter()
        .map(|e| {
            e.code
                .clone()
                .unwrap_or_else(|| "an error without a code".into())
        })
        .collect();
    v.dedup();
    v.join(", ")
}

/// The verdict on (a) alone, from the build's errors.
pub fn compile_verdict(ex: &Exercise, errors: &[CompileError]) -> Verdict {
    let own = ex.header.error.as_str();
    let is_own = |e: &CompileError| match own {
        "(no code)" => e.code.is_none(),
        code => e.code.as_deref() == Some(code),
    };
    let detail = errors
        .iter()
        .map(|e| e.rendered.trim_end())
        .collect::<Vec<_>>()
        .join("\n\n");
    let sentence = if ex.stored.compile_fail && errors.iter().any(is_own) {
        let own = if own == "(no code)" {
            "its error".to_string()
        } else {
            own.to_string()
        };
        format!(
            "it does not compile yet: rustc still reports {own}, the error this exercise is about."
        )
    } else if ex.stored.compile_fail {
        format!(
            "it does not compile: {} is gone, but rustc now reports {} instead.",
            if own == "(no code)" {
                "the exercise's error"
            } else {
                own
            },
            codes(errors)
        )
    } else {
        format!(
            "it does not compile: rustc reports {} (this program compiled as shipped).",
            codes(errors)
        )
    };
    fail('a', sentence, detail)
}

/// The verdict on (b) and (c), from a finished run.
pub fn run_verdict(
    ex: &Exercise,
    success: bool,
    stdout: &str,
    stderr: &str,
    traces: Vec<Trace>,
) -> Verdict {
    if !success {
        let tail: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.starts_with("{\"schema\""))
            .collect();
        let tail = tail[tail.len().saturating_sub(15)..].join("\n");
        return fail(
            'b',
            "it compiles, but the program did not finish normally (it panicked or exited with an error).".into(),
            tail,
        );
    }
    let want = &ex.header.output;
    if !want.is_empty() {
        let got: Vec<&str> = stdout.lines().collect();
        for (i, w) in want.iter().enumerate() {
            match got.get(i) {
                Some(g) if g == w => {}
                Some(g) => {
                    return fail(
                        'b',
                        format!("it runs, but line {} of what it prints is `{g}` where this exercise expects `{w}`.", i + 1),
                        String::new(),
                    )
                }
                None => {
                    return fail(
                        'b',
                        format!(
                            "it runs, but prints {} line{} where this exercise expects {} (the next one: `{w}`).",
                            got.len(),
                            if got.len() == 1 { "" } else { "s" },
                            want.len()
                        ),
                        String::new(),
                    )
                }
            }
        }
        if got.len() > want.len() {
            return fail(
                'b',
                format!(
                    "it runs, but prints {} lines where this exercise expects {} (an extra one: `{}`).",
                    got.len(),
                    want.len(),
                    got[want.len()]
                ),
                String::new(),
            );
        }
    }
    if !traces.iter().any(|t| t.function == "main") {
        return fail('c', format!("{NO_MAIN}."), String::new());
    }
    for (_, p) in &ex.header.checks {
        if let Err(s) = check::evaluate(p, &traces) {
            return fail('c', s, String::new());
        }
    }
    Verdict::Solved(traces)
}

/// Builds, runs and checks `source` as a solution of `ex` (shown to the learner as `shown_as`).
pub fn judge(
    ex: &Exercise,
    source: &str,
    shown_as: &str,
    builder: &Builder,
    limit: Duration,
) -> Result<Verdict, String> {
    Ok(
        match builder.build_and_run(source, shown_as, ex.header.needs_heap(), limit)? {
            Ran::CompileErrors(errors) => compile_verdict(ex, &errors),
            Ran::BuildFailed(out) => fail(
                'a',
                "cargo could not build it (see its output below).".into(),
                out,
            ),
            Ran::TimedOut(d) => fail(
                'b',
                format!(
                    "it did not finish within {} s: look for a loop that never ends.",
                    d.as_secs()
                ),
                String::new(),
            ),
            Ran::Finished {
                success,
                stdout,
                stderr,
                traces,
                bad_lines,
            } => {
                if bad_lines > 0 && traces.is_empty() {
                    return Ok(fail(
                        'c',
                        "its trace could not be read.".into(),
                        String::new(),
                    ));
                }
                run_verdict(ex, success, &stdout, &stderr, traces)
            }
        },
    )
}
