//! Predict first: before a solved exercise's trace is shown, one to three questions drawn from
//! the learner's own run, each with the answer the trace gives.

use super::check::event_line;
use trace_ownership_runtime::{EventKind, Trace, Why};

/// What kind of answer a question takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// `y` or `n`.
    YesNo(bool),
    /// One of two variable names.
    Name(String),
    /// A number.
    Number(u64),
}

/// One question, with the answer the trace gives and the trace line that shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The question.
    pub text: String,
    /// The answer.
    pub expect: Expect,
    /// Why, from the trace.
    pub because: String,
}

impl Question {
    /// The expected answer as a learner would type it.
    pub fn expected(&self) -> String {
        match &self.expect {
            Expect::YesNo(true) => "y".into(),
            Expect::YesNo(false) => "n".into(),
            Expect::Name(n) => n.clone(),
            Expect::Number(n) => n.to_string(),
        }
    }

    /// The answer in words: `no`, `` `a` ``, `0`.
    pub fn answer_words(&self) -> String {
        match &self.expect {
            Expect::YesNo(true) => "yes".into(),
            Expect::YesNo(false) => "no".into(),
            Expect::Name(n) => format!("`{n}`"),
            Expect::Number(n) => n.to_string(),
        }
    }

    /// Whether `answer` (as typed) is right.
    ///
    /// ```
    /// use cargo_trace_ownership::practice::predict::{Expect, Question};
    /// let q = Question { text: "?".into(), expect: Expect::YesNo(false), because: String::new() };
    /// assert!(q.is_right(" No ") && !q.is_right("y"));
    /// ```
    pub fn is_right(&self, answer: &str) -> bool {
        let a = answer.trim().trim_matches('`').to_lowercase();
        match &self.expect {
            Expect::YesNo(b) => {
                matches!((a.as_str(), b), ("y" | "yes", true) | ("n" | "no", false))
            }
            Expect::Name(n) => a == n.to_lowercase(),
            Expect::Number(n) => a.parse::<u64>().ok() == Some(*n),
        }
    }
}

/// Up to three questions about `main`'s trace: whether a variable can still be used after the
/// line where it is moved or lent to a call, which of two variables is dropped first, and how
/// many clones the run made.
pub fn questions(traces: &[Trace]) -> Vec<Question> {
    let Some(main) = traces.iter().find(|t| t.function == "main") else {
        return Vec::new();
    };
    let top = || main.events.iter().filter(|e| e.depth == 0);
    let plain = |v: &str| !v.is_empty() && v.chars().all(|c| c.is_alphanumeric() || c == '_');
    let mut out = Vec::new();
    // A move into, or a loan to, a call (not a macro, not a method's receiver), or `drop(x)`.
    if let Some(e) = top().find(|e| {
        let to_call = matches!(
            e.kind,
            EventKind::Move | EventKind::Borrowed | EventKind::BorrowedMut
        ) && e.why() != Some(&Why::MethodReceiver)
            && e.to
                .as_deref()
                .is_some_and(|t| t.ends_with("()") || t.contains("closure"));
        let dropped_early = e.kind == EventKind::Dropped && e.why() == Some(&Why::DroppedEarly);
        plain(&e.var) && (to_call || dropped_early)
    }) {
        let usable = matches!(e.kind, EventKind::Borrowed | EventKind::BorrowedMut);
        out.push(Question {
            text: format!(
                "After line {}, can `{}` still be used? (y/n)",
                e.line, e.var
            ),
            expect: Expect::YesNo(usable),
            because: format!(
                "trace: `{}`: {}",
                event_line(e),
                match e.kind {
                    EventKind::Dropped =>
                        format!("`{}` was given to drop() and dropped there", e.var),
                    EventKind::Move =>
                        format!("`{}` was moved away, so it has no value any more", e.var),
                    _ => format!("`{}` was only lent, so it still owns its value", e.var),
                }
            ),
        });
    }
    // Two drops of named variables in main, asked in the order they were declared.
    let drops: Vec<_> = top()
        .filter(|e| e.kind == EventKind::Dropped && plain(&e.var) && e.needs_drop != Some(false))
        .filter(|e| e.ty.as_deref().is_none_or(|t| t.contains("::")))
        .collect();
    if drops.len() >= 2 {
        let (a, b) = (drops[0], drops[drops.len() - 1]);
        if a.var != b.var {
            let bound = |v: &str| top().position(|e| e.kind == EventKind::Bind && e.var == v);
            let (x, y) = if bound(&a.var) <= bound(&b.var) {
                (&a.var, &b.var)
            } else {
                (&b.var, &a.var)
            };
            out.push(Question {
                text: format!("Which is dropped first, `{x}` or `{y}`?"),
                expect: Expect::Name(a.var.to_string()),
                because: format!(
                    "trace: `{}` comes before `{}`",
                    event_line(a),
                    event_line(b)
                ),
            });
        }
    }
    let clones: Vec<_> = traces
        .iter()
        .flat_map(|t| &t.events)
        .filter(|e| e.kind == EventKind::Cloned)
        .collect();
    out.push(Question {
        text: "How many times does the run clone a value? (a number)".into(),
        expect: Expect::Number(clones.len() as u64),
        because: match clones.first() {
            Some(c) => format!(
                "the trace has {} clone event(s), the first `{}`",
                clones.len(),
                event_line(c)
            ),
            None => "the trace has no clone event".into(),
        },
    });
    out.truncate(3);
    out
}
