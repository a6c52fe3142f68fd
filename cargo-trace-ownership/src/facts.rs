//! What the MIR says about the user's variables, keyed by source position: every move, copy,
//! shared and mutable borrow of a named variable (and what took it: a method call's receiver, a
//! call's argument, a closure's capture), every drop, and whether a drop depends on a drop flag.

use crate::mir::{split_path, Body, Code};
use crate::place::{uses, Access, Place, Proj};
use crate::span::Span;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// What took the value or the borrow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// A plain statement: `let y = x;`, an assignment, a struct literal, a `&x` expression.
    Plain,
    /// The receiver of a method call `x.method()`.
    Receiver {
        /// The method's name.
        method: String,
    },
    /// An argument of a call `f(x)` (also a closure's call).
    Argument {
        /// The function's name.
        callee: String,
    },
    /// Captured by a closure (or an async block), by the fact's access: by shared reference,
    /// by mutable reference, or by value.
    Capture {
        /// The closure as rustc names it: `{closure@src/main.rs:31:19: 31:27}`.
        closure: String,
    },
}

/// One use of a user variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// The MIR body it is in (`main`, `main::{closure#0}`).
    pub body: String,
    /// The variable, as written in the source.
    pub var: String,
    /// The place used, written from the variable's name with the MIR's projections: `p`,
    /// `p.0` (fields are numbered in MIR), `(*self).0`, `(coin as Quarter).0`.
    pub place: String,
    /// Moved, copied, borrowed or borrowed mutably.
    pub access: Access,
    /// What took it.
    pub via: Via,
    /// Where: the statement's span (for a receiver or an argument, the receiver's or the
    /// argument's own span when the MIR has one, else the call's).
    pub span: Span,
}

/// A drop of a user variable that the compiler placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DropFact {
    /// The MIR body.
    pub body: String,
    /// The variable.
    pub var: String,
    /// Where (the closing brace of its scope, or the statement that replaced its value).
    pub span: Span,
    /// Whether the drop runs only if a drop flag says the value is still there (it was moved
    /// out on some path only).
    pub conditional: bool,
    /// Whether it is on the unwinding path (runs only during a panic).
    pub unwinding: bool,
}

/// A named variable of a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The body.
    pub body: String,
    /// The name.
    pub name: String,
    /// Its type, when the MIR declares it.
    pub ty: Option<String>,
    /// The binding's span.
    pub span: Option<Span>,
}

/// Everything precise mode knows about a crate, from its MIR.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Named variables, per body.
    pub bindings: Vec<Binding>,
    /// Uses of named variables, in MIR order.
    pub uses: Vec<Fact>,
    /// Drops of named variables.
    pub drops: Vec<DropFact>,
}

impl Facts {
    /// The facts of parsed MIR bodies.
    pub fn from_bodies(bodies: &[Body]) -> Facts {
        let mut facts = Facts::default();
        for body in bodies {
            body_facts(body, &mut facts);
        }
        facts
    }

    /// Parses MIR text and extracts its facts (see [`crate::mir::parse`] for what is understood).
    pub fn from_mir(text: &str) -> Result<Facts, crate::mir::ParseError> {
        Ok(Facts::from_bodies(&crate::mir::parse(text)?))
    }

    /// A stable, readable listing (one fact a line), for snapshots and `--dump-facts`. Facts in
    /// library code (`println!`'s internals) are shown with the library path shortened.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut bodies: Vec<&str> = Vec::new();
        for b in self
            .bindings
            .iter()
            .map(|b| b.body.as_str())
            .chain(self.uses.iter().map(|u| u.body.as_str()))
            .chain(self.drops.iter().map(|d| d.body.as_str()))
        {
            if !bodies.contains(&b) {
                bodies.push(b);
            }
        }
        for body in bodies {
            let _ = writeln!(out, "fn {body}");
            for b in self.bindings.iter().filter(|b| b.body == body) {
                let _ = writeln!(
                    out,
                    "  var  {:<12} {:<28} {}",
                    b.name,
                    b.ty.as_deref().unwrap_or("?"),
                    b.span.as_ref().map(short_span).unwrap_or_default()
                );
            }
            for u in self.uses.iter().filter(|u| u.body == body) {
                let via = match &u.via {
                    Via::Plain => String::new(),
                    Via::Receiver { method } => format!("receiver of {method}()"),
                    Via::Argument { callee } => format!("argument of {callee}()"),
                    Via::Capture { closure } => format!("captured by {}", short_closure(closure)),
                };
                let _ = writeln!(
                    out,
                    "  {:<10} {:<16} {:<30} {}",
                    u.access.as_str(),
                    u.place,
                    short_span(&u.span),
                    via
                );
            }
            for d in self.drops.iter().filter(|d| d.body == body) {
                let mut notes = Vec::new();
                if d.conditional {
                    notes.push("if its drop flag is set");
                }
                if d.unwinding {
                    notes.push("when unwinding");
                }
                let _ = writeln!(
                    out,
                    "  {:<10} {:<16} {:<30} {}",
                    "drop",
                    d.var,
                    short_span(&d.span),
                    notes.join(", ")
                );
            }
        }
        out
    }
}

/// `file:L:C-L2:C2`, with a library path cut to `<library>/std/src/macros.rs`.
fn short_span(s: &Span) -> String {
    let file = match s.file.find("/library/") {
        Some(i) if s.is_library() => format!("<library>{}", &s.file[i + "/library".len()..]),
        _ => s.file.clone(),
    };
    format!("{file}:{}-{}", s.lo, s.hi)
}

fn short_closure(c: &str) -> String {
    c.trim_start_matches('{')
        .trim_end_matches('}')
        .split_once('@')
        .map(|(kind, at)| format!("{kind} at {}", at.split(": ").next().unwrap_or(at)))
        .unwrap_or_else(|| c.to_string())
}

/// The function a call names: `RefCell::<i32>::borrow_mut` → `borrow_mut`,
/// `spawn::<{closure@..}, i32>` → `spawn`.
pub fn callee_name(callee: &str) -> String {
    split_path(callee)
        .into_iter()
        .rev()
        .find(|s| !s.starts_with('<') || s.contains(" as "))
        .filter(|s| !s.starts_with('<'))
        .unwrap_or(callee)
        .to_string()
}

/// Whether a `debug` entry is a variable the user wrote: not one inside a library macro's
/// expansion (`println!`'s `args`), nor one the compiler made when desugaring (`?` binds `val`
/// over the whole expression and `residual` at the `?`). A user binding's span is its pattern:
/// the name, maybe with `mut `, `ref `, `ref mut `, `&`, `&mut ` (for `self`) or `r#`.
fn user_binding(d: &crate::mir::Debug) -> bool {
    let Some(span) = &d.span else {
        return true;
    };
    if span.is_library() {
        return false;
    }
    if span.lo.line != span.hi.line {
        return false;
    }
    let width = span.hi.col.saturating_sub(span.lo.col) as usize;
    let n = d.name.chars().count();
    [0, 1, 2, 4, 5, 8].iter().any(|extra| n + extra == width)
}

struct Names<'a> {
    body: &'a Body,
}

/// A place named after a user variable.
struct Named {
    var: String,
    place: String,
    /// In a closure body, the closure's field holding a reference to a variable captured by
    /// reference (`(*_1).0` for `debug total => (*((*_1).0: &mut i32))`): using it is using the
    /// capture's reference, not the variable.
    capture_ref: bool,
}

impl Names<'_> {
    /// The user variable a place is part of, and the place written from its name.
    fn name(&self, place: &Place) -> Option<Named> {
        let mut best: Option<(usize, &crate::mir::Debug)> = None;
        for d in &self.body.debug {
            // Bindings inside a library macro's expansion (`println!`'s `args`) are not the
            // user's variables.
            if d.place.local != place.local || !user_binding(d) {
                continue;
            }
            let dfields = d.place.fields();
            let pfields = place.fields();
            if d.place.proj.is_empty() {
                if best.is_none() {
                    best = Some((0, d));
                }
            } else if !dfields.is_empty()
                && pfields.len() >= dfields.len()
                && pfields[..dfields.len()] == dfields[..]
                && best.is_none_or(|(n, _)| dfields.len() > n)
            {
                best = Some((dfields.len(), d));
            }
        }
        let (skip_fields, d) = best?;
        if skip_fields == 0 {
            return Some(Named {
                var: d.name.clone(),
                place: path_text(&d.name, &place.proj),
                capture_ref: false,
            });
        }
        // A closure's capture: the projections past the debug place's own.
        let by_ref = d.place.proj.last() == Some(&Proj::Deref);
        let capture_ref = by_ref && place.proj.len() < d.place.proj.len();
        let rest = place.proj.get(d.place.proj.len()..).unwrap_or(&[]);
        Some(Named {
            var: d.name.clone(),
            place: path_text(&d.name, rest),
            capture_ref,
        })
    }
}

/// What an unnamed local holds, when it came from a named variable.
#[derive(Clone)]
enum Origin {
    /// The result of this use (`_4 = &mut _1;`): the index of its fact.
    Fact(usize),
    /// A copy of a closure's reference to a variable it captured by reference.
    CaptureRef { var: String, place: String },
}

fn path_text(name: &str, proj: &[Proj]) -> String {
    let mut s = name.to_string();
    for p in proj {
        match p {
            Proj::Deref => s = format!("(*{s})"),
            Proj::Field(n) => {
                let _ = write!(s, ".{n}");
            }
            Proj::Downcast(v) => s = format!("({s} as {v})"),
            Proj::Index => s.push_str("[_]"),
        }
    }
    s
}

fn body_facts(body: &Body, facts: &mut Facts) {
    let names = Names { body };
    for d in body.debug.iter().filter(|d| user_binding(d)) {
        facts.bindings.push(Binding {
            body: body.name.clone(),
            name: d.name.clone(),
            ty: if d.place.proj.is_empty() {
                body.local_type(d.place.local).map(str::to_string)
            } else {
                None
            },
            span: d.span.clone(),
        });
    }
    let named: HashSet<u32> = body
        .debug
        .iter()
        .filter(|d| d.place.proj.is_empty())
        .map(|d| d.place.local)
        .collect();
    // Drop flags: unnamed `bool` locals set to `const true`/`const false`.
    let mut flags = HashSet::new();
    for b in &body.blocks {
        for s in &b.stmts {
            if let Code::Assign {
                lhs: Some(l),
                rvalue,
            } = &s.code
            {
                if l.proj.is_empty()
                    && !named.contains(&l.local)
                    && (rvalue == "const true" || rvalue == "const false")
                    && body.local_type(l.local) == Some("bool")
                {
                    flags.insert(l.local);
                }
            }
        }
    }
    let mut flagged_blocks = HashSet::new();
    for b in &body.blocks {
        for s in &b.stmts {
            if let Code::SwitchInt { operand, targets } = &s.code {
                if uses(operand).iter().any(|(_, p)| flags.contains(&p.local)) {
                    // `[0: skip, otherwise: drop]`: the drop is on the `otherwise` side.
                    flagged_blocks.extend(targets.last().cloned());
                }
            }
        }
    }
    // Unnamed locals holding a use of a named variable (`_4 = &mut _1;` before `poke(move _4)`).
    let mut origin: HashMap<u32, Origin> = HashMap::new();
    let new_fact = |facts: &mut Facts, var: String, place: String, access, via, span: &Span| {
        facts.uses.push(Fact {
            body: body.name.clone(),
            var,
            place,
            access,
            via,
            span: span.clone(),
        });
        facts.uses.len() - 1
    };
    for b in &body.blocks {
        for s in &b.stmts {
            let Some(span) = s.span.clone() else { continue };
            match &s.code {
                Code::Assign { lhs, rvalue } => {
                    let closure = (rvalue.starts_with("{closure@")
                        || rvalue.starts_with("{coroutine@"))
                    .then(|| rvalue.find('}').map(|i| rvalue[..=i].to_string()))
                    .flatten();
                    let operands = match &closure {
                        Some(c) => &rvalue[c.len()..],
                        None => rvalue.as_str(),
                    };
                    let via = match &closure {
                        Some(c) => Via::Capture { closure: c.clone() },
                        None => Via::Plain,
                    };
                    let mut last = None;
                    for (access, place) in uses(operands) {
                        if let Some(n) = names.name(&place) {
                            if n.capture_ref {
                                last = Some(Origin::CaptureRef {
                                    var: n.var,
                                    place: n.place,
                                });
                            } else {
                                let i = new_fact(facts, n.var, n.place, access, via.clone(), &span);
                                last = Some(Origin::Fact(i));
                            }
                            continue;
                        }
                        let Some(o) = origin.get(&place.local).cloned() else {
                            continue;
                        };
                        let through = place.proj.contains(&Proj::Deref);
                        match o {
                            // Through a temporary that holds a borrow of a variable (a
                            // reborrow `&(*_3)`, a read `copy (*_3)`): a use of that variable.
                            Origin::Fact(i) if through => {
                                let of = facts.uses[i].clone();
                                let i =
                                    new_fact(facts, of.var, of.place, access, via.clone(), &span);
                                last = Some(Origin::Fact(i));
                            }
                            Origin::CaptureRef { var, place } if through => {
                                let i = new_fact(facts, var, place, access, via.clone(), &span);
                                last = Some(Origin::Fact(i));
                            }
                            Origin::Fact(i) => {
                                if closure.is_some() {
                                    facts.uses[i].via = via.clone();
                                }
                                last = Some(Origin::Fact(i));
                            }
                            o @ Origin::CaptureRef { .. } => last = Some(o),
                        }
                    }
                    if let (Some(l), Some(o)) = (lhs, last) {
                        if l.proj.is_empty() && !named.contains(&l.local) && closure.is_none() {
                            origin.insert(l.local, o);
                        }
                    }
                }
                Code::Call { dest, callee, args } => {
                    let name = callee_name(callee);
                    // Method-call syntax: the function's own span starts after the receiver.
                    let method = s.callee_span.as_ref().is_some_and(|c| c.lo != span.lo);
                    let mut last = None;
                    for (i, arg) in args.iter().enumerate() {
                        let via = if i == 0 && method {
                            Via::Receiver {
                                method: name.clone(),
                            }
                        } else {
                            Via::Argument {
                                callee: name.clone(),
                            }
                        };
                        for (access, place) in uses(arg) {
                            if let Some(n) = names.name(&place) {
                                if !n.capture_ref {
                                    new_fact(facts, n.var, n.place, access, via.clone(), &span);
                                }
                            } else if let Some(Origin::Fact(o)) = origin.get(&place.local) {
                                // The first consumer names what took the value; a receiver
                                // written by the user wins over a compiler-inserted `deref()`.
                                let fact = &mut facts.uses[*o];
                                let replace = matches!(
                                    (&fact.via, &via),
                                    (Via::Plain, _) | (Via::Argument { .. }, Via::Receiver { .. })
                                );
                                if replace {
                                    fact.via = via.clone();
                                }
                                last = Some(Origin::Fact(*o));
                            }
                        }
                    }
                    // A call the compiler inserted (an auto-deref: `deref(move _19)`, spanning
                    // the receiver itself) returns a reference into the same variable: the
                    // chain goes on to the method the user wrote.
                    if let (Some(d), Some(o), false) = (dest, last, method) {
                        if d.proj.is_empty()
                            && !named.contains(&d.local)
                            && body.local_type(d.local).is_some_and(|t| t.starts_with('&'))
                        {
                            origin.insert(d.local, o);
                        }
                    }
                }
                Code::Drop(place) => {
                    if let Some(n) = names.name(place) {
                        if n.place == n.var && !n.capture_ref {
                            facts.drops.push(DropFact {
                                body: body.name.clone(),
                                var: n.var,
                                span,
                                conditional: flagged_blocks.contains(&b.name),
                                unwinding: b.cleanup,
                            });
                        }
                    }
                }
                Code::SwitchInt { .. } | Code::Other(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callee_names() {
        assert_eq!(callee_name("Foo::poke"), "poke");
        assert_eq!(callee_name("RefCell::<i32>::borrow_mut"), "borrow_mut");
        assert_eq!(
            callee_name("<RefMut<'_, i32> as DerefMut>::deref_mut"),
            "deref_mut"
        );
        assert_eq!(
            callee_name("spawn::<{closure@a.rs:26:32: 26:34}, i32>"),
            "spawn"
        );
        assert_eq!(callee_name("norm"), "norm");
    }
}
