//! Applies the compiler's facts to a recorded trace.
//!
//! Decided: every event the ordinary trace hedges — `maybe_move` (evidence `unknown`), an event
//! judged by a method's name (evidence `convention`), and a method receiver known only to be
//! "shared or mutable" — becomes `move`, `copy`, `borrow` or `borrow_mut` with evidence
//! `compiler`, when a fact about the same variable sits at the event's position. What follows
//! from it is corrected with it: a borrow that turned out to be a move has no `borrow_end`; a
//! variable whose value moved is not dropped at its scope's end (`out_of_scope`, "moved to ..."),
//! and one that was only copied or borrowed is.
//!
//! Never merged, only reported ([`Note`]): a hedged event with no fact at its position, an
//! event whose own evidence the MIR contradicts, a drop the trace shows where the MIR has none
//! (or the other way round), and facts of traced functions that no event accounts for.

use crate::facts::{Fact, Facts, Via};
use crate::place::Access;
use crate::span::Pos;
use std::collections::HashMap;
use std::fmt;
use trace_ownership_runtime::{Event, EventKind, Evidence, Trace, Why};

/// What a note is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// A hedged event decided by a fact (merged).
    Resolved,
    /// A hedged event for which the MIR has no fact at that position (left as it was).
    NoFact,
    /// An event whose evidence the MIR contradicts (left as it was).
    Contradiction,
    /// A fact of a traced function that no event of the trace accounts for.
    UnmatchedFact,
}

/// One line of the `--explain-facts` report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// What kind of note.
    pub kind: NoteKind,
    /// The file.
    pub file: String,
    /// Where.
    pub pos: Pos,
    /// The sentence.
    pub text: String,
}

impl Note {
    fn new(kind: NoteKind, file: &str, pos: Pos, text: String) -> Note {
        Note {
            kind,
            file: file.to_string(),
            pos,
            text,
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.kind {
            NoteKind::Resolved => "resolved",
            NoteKind::NoFact => "no fact",
            NoteKind::Contradiction => "CONTRADICTION",
            NoteKind::UnmatchedFact => "unmatched fact",
        };
        write!(f, "{}:{}: {tag}: {}", self.file, self.pos, self.text)
    }
}

/// A trace with the facts applied, and what was done or found.
#[derive(Clone, Debug)]
pub struct Resolution {
    /// The trace, hedges decided.
    pub trace: Trace,
    /// Every decision and every disagreement, in trace order.
    pub notes: Vec<Note>,
}

impl Resolution {
    /// The notes of one kind.
    pub fn notes_of(&self, kind: NoteKind) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(move |n| n.kind == kind)
    }
}

/// Whether the ordinary trace hedged on this event: a guess, or a receiver known only to be
/// "borrowed, shared or mutable" because the program uses it again (a receiver decided by its
/// type's standard signature, evidence `std_signature`, is certain and left alone).
fn hedged(ev: &Event) -> bool {
    matches!(
        ev.evidence,
        Some(Evidence::Unknown) | Some(Evidence::Convention)
    ) && matches!(
        ev.kind,
        EventKind::MaybeMove
            | EventKind::Move
            | EventKind::Copied
            | EventKind::Borrowed
            | EventKind::BorrowedMut
    ) || (ev.kind == EventKind::Borrowed
        && ev.why() == Some(&Why::MethodReceiver)
        && ev.evidence == Some(Evidence::UsedLater))
}

/// The variable a partial use is about: `user1` in `user1.name` and in "the other fields of
/// `user1`" (a `..user1`).
fn partial_root(var: &str) -> &str {
    match var.strip_prefix("the other fields of `") {
        Some(rest) => rest.split('`').next().unwrap_or(rest),
        None => root(var),
    }
}

fn root(var: &str) -> &str {
    var.split('.').next().unwrap_or(var)
}

fn kind_of(access: Access) -> EventKind {
    match access {
        Access::Move => EventKind::Move,
        Access::Copy => EventKind::Copied,
        Access::Borrow => EventKind::Borrowed,
        Access::BorrowMut => EventKind::BorrowedMut,
    }
}

fn access_of(kind: EventKind) -> Option<Access> {
    match kind {
        EventKind::Move => Some(Access::Move),
        EventKind::Copied => Some(Access::Copy),
        EventKind::Borrowed => Some(Access::Borrow),
        EventKind::BorrowedMut => Some(Access::BorrowMut),
        _ => None,
    }
}

/// The fact that tells about `var` at `pos` in `file`: one starting exactly there if any (a
/// receiver's or an argument's own span), else the narrowest one containing it; a fact about
/// what took the value (receiver, argument, capture) before a plain one.
pub fn fact_at<'f>(facts: &'f Facts, file: &str, var: &str, pos: Pos) -> Option<&'f Fact> {
    facts
        .uses
        .iter()
        .filter(|f| f.span.file == file && f.var == root(var) && f.span.contains(pos))
        .min_by_key(|f| {
            (
                f.span.lo != pos,
                f.via == Via::Plain,
                f.span.extent(),
                f.place != f.var,
            )
        })
}

fn via_phrase(via: &Via) -> String {
    match via {
        Via::Plain => "a plain use".into(),
        Via::Receiver { method } => format!("the receiver of `{method}()`"),
        Via::Argument { callee } => format!("an argument of `{callee}()`"),
        Via::Capture { .. } => "a closure's capture".into(),
    }
}

/// What the hedges of one variable (since its last binding) turned out to be.
#[derive(Default)]
struct VarState {
    /// A hedge became a move: where to.
    moved_to: Option<String>,
    /// A hedge recorded as a move (by convention) to this destination turned out not to be.
    not_moved_to: Option<String>,
    /// A hedge is still undecided.
    undecided: bool,
    /// Borrow ends to remove: (holder) of convention borrows that were moves or copies.
    cancel_borrow_end: Vec<String>,
    /// A part of the variable was moved out (a struct literal took a field of it).
    partial: bool,
}

/// Applies `facts` to `trace`. Pure: the trace given is not changed.
pub fn resolve(trace: &Trace, facts: &Facts) -> Resolution {
    let mut notes = Vec::new();
    let mut files: Vec<String> = vec![trace.file.to_string()];
    let mut state: HashMap<(u32, String), VarState> = HashMap::new();
    let mut out: Vec<Event> = Vec::with_capacity(trace.events.len());
    let mut traced: Vec<(String, String)> = Vec::new();
    for ev in &trace.events {
        let mut ev = ev.clone();
        let depth = ev.depth as usize;
        if ev.kind == EventKind::FnEnter {
            let file = ev.detail.as_deref().unwrap_or(&trace.file).to_string();
            files.truncate(depth);
            while files.len() < depth {
                files.push(files.last().cloned().unwrap_or_default());
            }
            files.push(file.clone());
            traced.push((ev.var.to_string(), file));
        }
        let file = files
            .get(depth)
            .or(files.last())
            .cloned()
            .unwrap_or_default();
        let pos = Pos {
            line: ev.line,
            col: ev.col,
        };
        let key = (ev.depth, root(&ev.var).to_string());
        match ev.kind {
            // A new value: what happened to the old one says nothing about its end.
            EventKind::Bind | EventKind::Assign => {
                state.remove(&key);
            }
            // A part given to a struct literal (`username: user1.username`, `..user1`) or a
            // pattern: moved if the MIR moves any field of the variable there, copied if it
            // only copies them.
            EventKind::MaybeMove if ev.why() == Some(&Why::PartialMove) => {
                let var = partial_root(&ev.var).to_string();
                let key = (ev.depth, var.clone());
                let st = state.entry(key).or_default();
                let parts: Vec<&Fact> = facts
                    .uses
                    .iter()
                    .filter(|f| {
                        f.span.file == file
                            && f.var == var
                            && f.place != f.var
                            && f.span.contains(pos)
                    })
                    .collect();
                let moved = parts.iter().any(|f| f.access == Access::Move);
                if parts.is_empty() {
                    st.undecided = true;
                    notes.push(Note::new(NoteKind::NoFact, &file, pos, format!(
                            "`{}` maybe_move {}: the MIR has no use of a part of `{var}` here; left as recorded",
                            ev.var,
                            ev.to.as_deref().unwrap_or("")
                        )));
                } else {
                    ev.kind = if moved {
                        EventKind::Move
                    } else {
                        EventKind::Copied
                    };
                    ev.evidence = Some(Evidence::Compiler);
                    st.partial |= moved;
                    let places: Vec<String> = parts
                        .iter()
                        .map(|f| format!("{} ({})", f.place, f.access.as_str()))
                        .collect();
                    notes.push(Note::new(
                        NoteKind::Resolved,
                        &file,
                        pos,
                        format!(
                            "`{}`: maybe_move (unknown) -> {} (the MIR takes {})",
                            ev.var,
                            ev.kind.as_str(),
                            places.join(", ")
                        ),
                    ));
                }
            }
            _ if hedged(&ev) => {
                let st = state.entry(key.clone()).or_default();
                match fact_at(facts, &file, &ev.var, pos) {
                    None => {
                        st.undecided = true;
                        notes.push(Note::new(
                            NoteKind::NoFact,
                            &file,
                            pos,
                            format!(
                                "`{}` {} {}: the MIR has no use of `{}` here; left as recorded",
                                ev.var,
                                ev.kind.as_str(),
                                ev.to.as_deref().unwrap_or(""),
                                root(&ev.var)
                            ),
                        ));
                    }
                    Some(fact) => {
                        let before = format!(
                            "{} ({})",
                            ev.kind.as_str(),
                            ev.evidence.map(|e| e.as_str()).unwrap_or("method receiver")
                        );
                        let old_kind = ev.kind;
                        let old_to = ev.to.clone();
                        ev.kind = kind_of(fact.access);
                        ev.evidence = Some(Evidence::Compiler);
                        if ev.why() == Some(&Why::MethodReceiver) {
                            ev.detail = None;
                        }
                        let taker = match &fact.via {
                            Via::Receiver { method } => Some(format!("{method}()")),
                            Via::Argument { callee } => Some(format!("{callee}()")),
                            _ => None,
                        };
                        if matches!(fact.access, Access::Move | Access::Copy) {
                            if let Some(t) = &taker {
                                if ev.to.as_deref() != Some(t.as_str()) {
                                    // `let r = h.join()` was recorded as a borrow held by `r`:
                                    // the value went to `join()` itself.
                                    ev.to = Some(t.clone().into());
                                    if ev.detail.as_deref() == Some(t.as_str()) {
                                        ev.detail = None;
                                    }
                                }
                            }
                            if matches!(old_kind, EventKind::Borrowed | EventKind::BorrowedMut) {
                                st.cancel_borrow_end
                                    .extend(old_to.as_deref().map(str::to_string));
                            }
                        }
                        // A part moved (`p.name`) is not the whole variable's end.
                        let whole = !ev.var.contains('.');
                        if whole && fact.access == Access::Move && old_kind != EventKind::Move {
                            st.moved_to = ev.to.as_deref().map(str::to_string);
                        }
                        if whole && old_kind == EventKind::Move && fact.access != Access::Move {
                            st.not_moved_to = old_to.as_deref().map(str::to_string);
                        }
                        notes.push(Note::new(
                            NoteKind::Resolved,
                            &file,
                            pos,
                            format!(
                                "`{}`: {before} -> {} ({} at {})",
                                ev.var,
                                ev.kind.as_str(),
                                via_phrase(&fact.via),
                                fact.span
                            ),
                        ));
                    }
                }
            }
            EventKind::BorrowEnd => {
                if let Some(st) = state.get_mut(&key) {
                    let to = ev.to.as_deref().unwrap_or("").to_string();
                    if let Some(i) = st.cancel_borrow_end.iter().position(|t| *t == to) {
                        st.cancel_borrow_end.remove(i);
                        continue;
                    }
                }
            }
            EventKind::Dropped | EventKind::OutOfScope if !ev.var.contains('.') => {
                if let Some(st) = state.remove(&key) {
                    end_of(&mut ev, &st, &file, &mut notes);
                }
                check_drop(&ev, facts, &file, &mut notes);
            }
            EventKind::Move | EventKind::Copied | EventKind::Borrowed | EventKind::BorrowedMut => {
                check_use(&ev, facts, &file, &mut notes);
            }
            _ => {}
        }
        out.push(ev);
    }
    for (i, ev) in out.iter_mut().enumerate() {
        ev.seq = i as u64;
    }
    let trace = Trace {
        events: out,
        ..trace.clone()
    };
    unmatched(&trace, facts, &traced, &mut notes);
    Resolution { trace, notes }
}

/// The end of a variable's scope, given what its hedges turned out to be.
fn end_of(ev: &mut Event, st: &VarState, file: &str, notes: &mut Vec<Note>) {
    if st.undecided {
        return;
    }
    let pos = Pos {
        line: ev.line,
        col: ev.col,
    };
    let early = matches!(ev.why(), Some(Why::DroppedEarly | Why::Replaced));
    if st.partial && st.moved_to.is_none() && ev.kind == EventKind::OutOfScope {
        // Fields were moved out: the rest of the variable is dropped here.
        ev.detail = Some(Why::PartiallyMoved.into());
        ev.evidence = Some(Evidence::Compiler);
        return;
    }
    match (&st.moved_to, ev.kind) {
        (Some(to), EventKind::Dropped) if early => notes.push(Note::new(
            NoteKind::Contradiction,
            file,
            pos,
            format!(
                "`{}` was moved to {to}, yet the run dropped it here",
                ev.var
            ),
        )),
        (Some(to), _) => {
            ev.kind = EventKind::OutOfScope;
            ev.detail = Some(Why::MovedTo(to.clone().into()).into());
            ev.evidence = Some(Evidence::Compiler);
        }
        (None, EventKind::OutOfScope)
            if matches!(ev.why(), Some(Why::MayHaveBeenTaken(_)))
                || st
                    .not_moved_to
                    .as_ref()
                    .is_some_and(|to| matches!(ev.why(), Some(Why::MovedTo(t)) if t == to)) =>
        {
            ev.kind = EventKind::Dropped;
            ev.detail = None;
            ev.evidence = Some(Evidence::Compiler);
        }
        _ => {}
    }
}

/// A scope-end drop the run recorded for a type with drop code: the MIR must drop it there too
/// (and must not, unconditionally, for a variable whose value was moved).
fn check_drop(ev: &Event, facts: &Facts, file: &str, notes: &mut Vec<Note>) {
    let pos = Pos {
        line: ev.line,
        col: ev.col,
    };
    if ev.detail.is_some() && ev.kind == EventKind::Dropped {
        return;
    }
    let here: Vec<_> = facts
        .drops
        .iter()
        .filter(|d| d.span.file == file && d.var == ev.var && d.span.lo == pos && !d.unwinding)
        .collect();
    match ev.kind {
        // A file with no facts at all was not part of the MIR build: nothing to check.
        EventKind::Dropped
            if ev.needs_drop == Some(true)
                && here.is_empty()
                && facts.uses.iter().any(|f| f.span.file == file) =>
        {
            notes.push(Note::new(NoteKind::Contradiction, file, pos, format!(
                    "the trace drops `{}` here; the compiler's MIR has no drop of it here",
                    ev.var
                )));
        }
        EventKind::OutOfScope
            if matches!(ev.why(), Some(Why::MovedTo(_)))
                && here.iter().any(|d| !d.conditional) =>
        {
            notes.push(Note::new(NoteKind::Contradiction, file, pos, format!(
                    "the trace says `{}` was moved away; the compiler's MIR drops it here unconditionally",
                    ev.var
                )))
        }
        _ => {}
    }
}

/// A decided move, copy or borrow (not hedged): reported if the MIR says otherwise.
fn check_use(ev: &Event, facts: &Facts, file: &str, notes: &mut Vec<Note>) {
    let Some(access) = access_of(ev.kind) else {
        return;
    };
    let pos = Pos {
        line: ev.line,
        col: ev.col,
    };
    // A capture by a `move` closure is recorded at the variable's mention inside the closure;
    // the fact is the closure's, spanning it. Otherwise only a fact at exactly this position
    // speaks about this event.
    let capture = ev.to.as_deref().is_some_and(|t| t.contains("closure"));
    let fact = if capture {
        facts.uses.iter().find(|f| {
            matches!(f.via, Via::Capture { .. })
                && f.span.file == file
                && f.var == root(&ev.var)
                && f.span.contains(pos)
        })
    } else {
        fact_at(facts, file, &ev.var, pos).filter(|f| f.span.lo == pos)
    };
    let Some(fact) = fact else {
        return;
    };
    let moved = |a: Access| a == Access::Move;
    if moved(fact.access) != moved(access) {
        notes.push(Note::new(NoteKind::Contradiction, file, pos, format!(
                "the trace says `{}` {} ({}); the compiler's MIR says {} ({} at {}); left as recorded",
                ev.var,
                ev.kind.as_str(),
                ev.evidence.map(|e| e.as_str()).unwrap_or("syntax"),
                fact.access.as_str(),
                via_phrase(&fact.via),
                fact.span
            )));
    }
}

/// Facts of the traced functions that ran with no event of the same variable on their lines.
fn unmatched(trace: &Trace, facts: &Facts, traced: &[(String, String)], notes: &mut Vec<Note>) {
    let bodies: Vec<&str> = facts
        .uses
        .iter()
        .map(|f| f.body.as_str())
        .filter(|b| {
            let name = crate::mir::split_path(b)
                .into_iter()
                .rfind(|s| !s.starts_with('{'))
                .unwrap_or(b)
                .to_string();
            traced.iter().any(|(f, _)| *f == name)
        })
        .collect();
    for fact in &facts.uses {
        if fact.span.is_library() || !bodies.contains(&fact.body.as_str()) {
            continue;
        }
        if !traced.iter().any(|(_, file)| *file == fact.span.file) {
            continue;
        }
        // A variable the trace never binds is not one of the traced code's (or one the
        // compiler made, such as a `for` loop's `iter`).
        if !trace
            .events
            .iter()
            .any(|e| e.kind == EventKind::Bind && e.var == fact.var)
        {
            continue;
        }
        let accounted = trace.events.iter().any(|e| {
            (partial_root(&e.var) == fact.var || e.of.as_deref() == Some(fact.var.as_str()))
                && (fact.span.lo.line..=fact.span.hi.line).contains(&e.line)
        });
        if !accounted {
            let what = match &fact.via {
                Via::Capture { .. } => format!(
                    "captured by a closure ({})",
                    match fact.access {
                        Access::Borrow => "by shared reference",
                        Access::BorrowMut => "by mutable reference",
                        Access::Move => "by value, moved",
                        Access::Copy => "by value, copied",
                    }
                ),
                via => format!("{} as {}", fact.access.as_str(), via_phrase(via)),
            };
            notes.push(Note::new(NoteKind::UnmatchedFact, &fact.span.file.clone(), fact.span.lo, format!(
                    "`{}` {what}: no event of the trace on that line (not run, or not recorded by the macro)",
                    fact.place
                )));
        }
    }
}
