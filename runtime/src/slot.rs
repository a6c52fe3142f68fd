//! One `Slot` per traced variable: the macro declares it right after the variable, so the
//! compiler drops it right *before* the variable, on every path out of the scope (fall-through,
//! `return`, `?`, `break`, unwinding). Its `Drop` records what happens to the variable there.
//!
//! The slot also plays the compiler's *drop flag*: a move clears it, an assignment sets it,
//! so the event at scope end says `drop` only when the variable still owns its value.

use crate::event::{Event, EventKind, Evidence, HeapFacts, Text};
use crate::facts::{copy_by_name, facts_of, CopyKnown, Facts};
use crate::recorder::{self, record, record_with};
use std::cell::Cell;

/// Where a variable's value came from. (Public names here never repeat a standard item's name,
/// see [`crate::EventKind`].)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindKind {
    /// `let x = ...;`
    Let,
    /// A function parameter.
    Param,
    /// A binding in a `match` arm, `if let`, `while let` or `let ... else`.
    MatchPattern,
    /// The variable of a `for` loop (one value per iteration).
    For,
    /// A closure parameter.
    ClosureParam,
}

impl BindKind {
    fn detail(self) -> Option<Text> {
        match self {
            BindKind::Let => None,
            BindKind::Param => Some("parameter".into()),
            BindKind::MatchPattern => Some("pattern".into()),
            BindKind::For => Some("loop variable".into()),
            BindKind::ClosureParam => Some("closure parameter".into()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Declared with `let x;`: no value yet.
    Uninit,
    /// Owns its value: dropped at scope end.
    Owned,
    /// Its value was moved away: nothing to drop.
    Moved,
    /// Given to a method that may have taken it: unknown.
    MaybeMoved,
    /// Some fields were moved out: the rest is dropped.
    Partial,
}

/// How the macro saw a value leave a variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// By value into another variable, argument, field, element or return value.
    ByValue,
    /// As the receiver of a method whose receiver mode the macro cannot see (`x.finish()`).
    MethodReceiver,
    /// As the receiver of a method that takes `self` by value by a naming convention (`into_*`).
    ConventionByValue,
    /// As the argument of `drop(...)`: dropped right there.
    Dropped,
}

/// The guard for one traced variable (see the module docs).
pub struct Slot {
    /// False when made while nothing records: every method is then a no-op.
    live: bool,
    var: &'static str,
    end: (u32, u32),
    facts: Cell<Option<Facts>>,
    state: Cell<State>,
    /// Whether the variable was proven `Copy` by its declared type (or not `Copy`).
    declared_copy: Cell<CopyKnown>,
    /// The borrow this variable holds, until it ends: (what is borrowed, who took the borrow).
    holds: Cell<Option<(&'static str, &'static str)>>,
    /// What the value went to when moved (for the out-of-scope sentence).
    moved_to: Cell<Option<&'static str>>,
}

impl Slot {
    fn new(var: &'static str, end: (u32, u32), facts: Option<Facts>, state: State) -> Slot {
        Slot {
            live: true,
            var,
            end,
            facts: Cell::new(facts),
            state: Cell::new(state),
            declared_copy: Cell::new(CopyKnown::Unknown),
            holds: Cell::new(None),
            moved_to: Cell::new(None),
        }
    }

    /// `var` (at `line:col`, its scope ending at `end`) now owns the value behind `v`.
    pub fn bind<T: ?Sized>(
        v: &T,
        var: &'static str,
        line: u32,
        col: u32,
        end: (u32, u32),
        kind: BindKind,
    ) -> Slot {
        Slot::bind_with(v, var, line, col, end, kind, CopyKnown::Unknown, None)
    }

    /// Like [`Slot::bind`], with what the compiler said about the declared type's `Copy`-ness
    /// (see [`crate::facts::Probe`]) and the value's heap block, when known
    /// (see [`crate::facts::HeapProbe`]).
    #[allow(clippy::too_many_arguments)]
    pub fn bind_with<T: ?Sized>(
        v: &T,
        var: &'static str,
        line: u32,
        col: u32,
        end: (u32, u32),
        kind: BindKind,
        declared_copy: CopyKnown,
        heap: Option<HeapFacts>,
    ) -> Slot {
        if !recorder::active() {
            return Slot::inert(var, end);
        }
        let facts = facts_of(v);
        record_with(|| {
            let mut ev = event_with_facts(EventKind::Bind, var, line, col, &facts);
            ev.detail = kind.detail();
            ev.heap = heap;
            ev.addr = Some(facts.addr);
            ev
        });
        let slot = Slot::new(var, end, Some(facts), State::Owned);
        slot.declared_copy.set(declared_copy);
        slot
    }

    /// Like [`Slot::bind`], without reading the value: used where reading it could change the
    /// compiler's diagnostics (a value that may borrow a dead temporary). Type facts are unknown.
    pub fn bind_opaque(
        var: &'static str,
        line: u32,
        col: u32,
        end: (u32, u32),
        kind: BindKind,
    ) -> Slot {
        if !recorder::active() {
            return Slot::inert(var, end);
        }
        record_with(|| {
            let mut ev = Event::new(EventKind::Bind, var, line, col);
            ev.detail = kind.detail();
            ev
        });
        Slot::new(var, end, None, State::Owned)
    }

    /// `let var;`: declared, no value yet.
    pub fn declare(var: &'static str, line: u32, col: u32, end: (u32, u32)) -> Slot {
        if !recorder::active() {
            return Slot::inert(var, end);
        }
        record_with(|| {
            let mut ev = Event::new(EventKind::Bind, var, line, col);
            ev.detail = Some("declared without a value".into());
            ev
        });
        Slot::new(var, end, None, State::Uninit)
    }

    /// A slot made while nothing records on this thread: it records nothing, ever. (A trace
    /// starts only at a traced function's entry, before any of its slots are made.)
    fn inert(var: &'static str, end: (u32, u32)) -> Slot {
        let mut slot = Slot::new(var, end, None, State::Owned);
        slot.live = false;
        slot
    }

    /// Decides whether handing this variable's value on by value moved or copied it.
    fn decide(&self, used_later: bool) -> (EventKind, Evidence) {
        if used_later {
            return (EventKind::Copied, Evidence::UsedLater);
        }
        match self.declared_copy.get() {
            CopyKnown::Yes => return (EventKind::Copied, Evidence::CopyType),
            CopyKnown::No => return (EventKind::Move, Evidence::NotCopyType),
            CopyKnown::Unknown => {}
        }
        match self.facts.get() {
            Some(f) if f.needs_drop => (EventKind::Move, Evidence::DropGlue),
            Some(f) => match f.copy() {
                CopyKnown::Yes => (EventKind::Copied, Evidence::CopyType),
                CopyKnown::No => (EventKind::Move, Evidence::NotCopyType),
                CopyKnown::Unknown => (EventKind::MaybeMove, Evidence::Unknown),
            },
            None => (EventKind::MaybeMove, Evidence::Unknown),
        }
    }

    /// The value of this variable went, by value, to `to` (a variable, `f()`, `return`, ...).
    /// `used_later`: the function uses the variable again afterwards, which proves a copy.
    #[inline]
    pub fn gave(&self, to: &'static str, line: u32, col: u32, how: Use, used_later: bool) {
        if self.live {
            self.gave_recorded(to, line, col, how, used_later);
        }
    }

    #[cold]
    #[inline(never)]
    fn gave_recorded(&self, to: &'static str, line: u32, col: u32, how: Use, used_later: bool) {
        let (kind, evidence) = match how {
            Use::ByValue => self.decide(used_later),
            Use::Dropped => match self.decide(used_later) {
                (EventKind::Move, evidence) => {
                    // `drop(x)`: the value is dropped right here, inside `drop`.
                    self.state.set(State::Moved);
                    self.moved_to.set(Some(to));
                    record_with(|| {
                        let mut ev = match self.facts.get() {
                            Some(f) => {
                                event_with_facts(EventKind::Dropped, self.var, line, col, &f)
                            }
                            None => Event::new(EventKind::Dropped, self.var, line, col),
                        };
                        ev.detail = Some("dropped early by drop()".into());
                        ev.evidence = Some(evidence);
                        ev
                    });
                    return;
                }
                other => other,
            },
            _ if used_later => (EventKind::Borrowed, Evidence::UsedLater),
            Use::MethodReceiver => match self.decide(false) {
                // A Copy receiver is copied or borrowed; nothing is lost either way.
                (EventKind::Copied, ev) => (EventKind::Copied, ev),
                _ => (EventKind::MaybeMove, Evidence::Unknown),
            },
            Use::ConventionByValue => match self.decide(false) {
                (EventKind::Copied, ev) => (EventKind::Copied, ev),
                _ => (EventKind::Move, Evidence::Convention),
            },
        };
        match kind {
            EventKind::Move => {
                self.state.set(State::Moved);
                self.moved_to.set(Some(to));
            }
            EventKind::MaybeMove if self.state.get() == State::Owned => {
                self.state.set(State::MaybeMoved);
                self.moved_to.set(Some(to));
            }
            _ => {}
        }
        record_with(|| {
            let mut ev = event_for(kind, self.var, line, col, self.facts.get());
            ev.from = Some(self.var.into());
            if kind == EventKind::Borrowed {
                ev.of = Some(self.var.into());
            }
            ev.to = Some(to.into());
            ev.evidence = Some(evidence);
            if how != Use::ByValue {
                ev.detail = Some("method receiver".into());
            }
            ev
        });
    }

    /// A part of this variable (`part`: `p.name`, or the variable itself in a pattern) went
    /// into the binding `to`. If `to` needs dropping, the part was moved out (a by-value binding
    /// of a non-`Copy` value): the variable is now partially moved, and only the rest of it is
    /// dropped at scope end. Otherwise it was copied (or bound by reference): nothing changes.
    #[inline]
    pub fn part_moved(
        &self,
        part: &'static str,
        to: &'static str,
        needs_drop: bool,
        line: u32,
        col: u32,
    ) {
        if self.live {
            self.part_moved_recorded(part, to, needs_drop, line, col);
        }
    }

    #[cold]
    #[inline(never)]
    fn part_moved_recorded(
        &self,
        part: &'static str,
        to: &'static str,
        needs_drop: bool,
        line: u32,
        col: u32,
    ) {
        if !needs_drop {
            return;
        }
        if self.state.get() == State::Owned {
            self.state.set(State::Partial);
        }
        record_with(|| {
            let mut ev = Event::new(EventKind::Move, part, line, col);
            ev.from = Some(part.into());
            ev.to = Some(to.into());
            ev.detail = Some("partial move".into());
            ev.evidence = Some(Evidence::DropGlue);
            ev
        });
    }

    /// A binding that is never used (so the macro does not read it) may have taken a part of
    /// this variable's value: whether it did depends on its type, which is not known here.
    #[inline]
    pub fn part_maybe_moved(&self, to: &'static str, line: u32, col: u32) {
        let _ = (line, col);
        if self.live && self.state.get() == State::Owned {
            self.state.set(State::MaybeMoved);
            self.moved_to.set(Some(to));
        }
    }

    /// `var = new value;` has just run: the old value (if any) was dropped first, then the
    /// new one stored. `v` is the variable, read right after the assignment.
    #[inline]
    pub fn assigned<T: ?Sized>(&self, v: &T, line: u32, col: u32) {
        if self.live {
            self.assigned_recorded(v, line, col);
        }
    }

    #[cold]
    #[inline(never)]
    fn assigned_recorded<T: ?Sized>(&self, v: &T, line: u32, col: u32) {
        recorder::quietly(|| self.assigned_inner(facts_of(v), line, col));
    }

    fn assigned_inner(&self, facts: Facts, line: u32, col: u32) {
        self.replaced(Some(facts), line, col);
    }

    /// `var = value;` ran: the old value, if the variable still owned one, was dropped first;
    /// now it owns the new one (whose facts are `new`, when read).
    fn replaced(&self, new: Option<Facts>, line: u32, col: u32) {
        let old = self.state.get();
        let old_facts = self.facts.replace(new);
        self.state.set(State::Owned);
        self.moved_to.set(None);
        if recorder::active() {
            if matches!(old, State::Owned | State::Partial) {
                let mut ev = event_for(EventKind::Dropped, self.var, line, col, old_facts.or(new));
                ev.detail = Some("old value replaced by assignment".into());
                record(ev);
            }
            record(event_for(EventKind::Assign, self.var, line, col, new));
        }
    }

    /// Like [`Slot::assigned`], without reading the new value (see [`Slot::bind_opaque`]).
    #[inline]
    pub fn assigned_opaque(&self, line: u32, col: u32) {
        if self.live {
            self.assigned_opaque_recorded(line, col);
        }
    }

    #[cold]
    #[inline(never)]
    fn assigned_opaque_recorded(&self, line: u32, col: u32) {
        recorder::quietly(|| self.assigned_opaque_inner(line, col));
    }

    fn assigned_opaque_inner(&self, line: u32, col: u32) {
        self.replaced(None, line, col);
    }

    /// This variable was given a value computed while `of` was borrowed by `by` (`&x`, or a
    /// method like `iter()`). If its type can hold a reference, the borrow lives on in it until
    /// [`Slot::borrow_ends`] or its scope ends; if not (a number, a `String`), it already ended.
    #[inline]
    pub fn holds_borrow(&self, of: &'static str, by: &'static str, line: u32, col: u32) {
        if self.live {
            self.holds_borrow_recorded(of, by, line, col);
        }
    }

    #[cold]
    #[inline(never)]
    fn holds_borrow_recorded(&self, of: &'static str, by: &'static str, line: u32, col: u32) {
        let owned = self.facts.get().is_some_and(|f| owns_no_borrow(f.ty));
        if owned {
            borrow_end_kept(of, by, self.var, line, col);
        } else {
            self.holds.set(Some((of, by)));
        }
    }

    /// The borrow held by this variable is no longer used (its last use was just before).
    #[inline]
    pub fn borrow_ends(&self, line: u32, col: u32) {
        if self.live {
            self.borrow_ends_recorded(line, col);
        }
    }

    #[cold]
    #[inline(never)]
    fn borrow_ends_recorded(&self, line: u32, col: u32) {
        if let Some((of, by)) = self.holds.take() {
            borrow_end_kept(of, by, self.var, line, col);
        }
    }
}

impl Drop for Slot {
    #[inline]
    fn drop(&mut self) {
        if self.live && recorder::active() {
            recorder::quietly(|| self.record_end());
        }
    }
}

impl Slot {
    /// Records what happens to the variable at the end of its scope.
    #[cold]
    #[inline(never)]
    fn record_end(&self) {
        let (line, col) = recorder::leaving_position().unwrap_or(self.end);
        let unwinding = std::thread::panicking();
        if let Some((of, by)) = self.holds.take() {
            borrow_end_kept(of, by, self.var, line, col);
        }
        let facts = self.facts.get();
        let (kind, detail, evidence): (EventKind, Option<Text>, Option<Evidence>) =
            match self.state.get() {
                State::Owned => (EventKind::Dropped, None, None),
                State::Moved => (
                    EventKind::OutOfScope,
                    self.moved_to
                        .get()
                        .map(|to| Text::from(format!("moved to {to}"))),
                    None,
                ),
                State::MaybeMoved => (
                    EventKind::OutOfScope,
                    Some(Text::from(format!(
                        "may have been taken by {}",
                        self.moved_to.get().unwrap_or("a method")
                    ))),
                    Some(Evidence::Unknown),
                ),
                State::Partial => (EventKind::OutOfScope, Some("partially moved".into()), None),
                State::Uninit => (
                    EventKind::OutOfScope,
                    Some("never given a value".into()),
                    None,
                ),
            };
        let mut ev = event_for(kind, self.var, line, col, facts);
        ev.detail = match (detail, unwinding) {
            (Some(d), true) => Some(format!("{d}; unwinding from a panic").into()),
            (None, true) => Some("unwinding from a panic".into()),
            (d, false) => d,
        };
        ev.evidence = evidence;
        record(ev);
    }
}

/// Whether a value of type `ty` certainly holds no reference (judged by its name, which
/// shows no lifetimes: only primitives, `String`, and `Vec`s and `Option`s of those).
fn owns_no_borrow(ty: &str) -> bool {
    if ty.contains('&') {
        return false;
    }
    if copy_by_name(ty) == CopyKnown::Yes || ty == "alloc::string::String" {
        return true;
    }
    ty.strip_prefix("alloc::vec::Vec<")
        .and_then(|r| r.strip_suffix('>'))
        .is_some_and(owns_no_borrow)
}

/// An event with the value's facts, when they are known.
fn event_for(
    kind: EventKind,
    var: &'static str,
    line: u32,
    col: u32,
    facts: Option<Facts>,
) -> Event {
    match facts {
        Some(f) => event_with_facts(kind, var, line, col, &f),
        None => Event::new(kind, var, line, col),
    }
}

fn event_with_facts(kind: EventKind, var: &'static str, line: u32, col: u32, f: &Facts) -> Event {
    let mut ev = Event::new(kind, var, line, col);
    ev.ty = Some(f.ty.into());
    ev.size = Some(f.size);
    ev.needs_drop = Some(f.needs_drop);
    ev
}

/// Records that `to` borrows `of` (shared or mutable) at `line:col`; `detail` names the method
/// or macro taking the borrow, if any.
#[inline]
pub fn borrow(
    of: &'static str,
    to: &'static str,
    mutable: bool,
    line: u32,
    col: u32,
    detail: Option<&'static str>,
    evidence: Option<Evidence>,
) {
    record_with(|| {
        let kind = if mutable {
            EventKind::BorrowedMut
        } else {
            EventKind::Borrowed
        };
        let mut ev = Event::new(kind, of, line, col);
        ev.of = Some(of.into());
        ev.to = Some(to.into());
        ev.detail = detail.map(Text::from);
        ev.evidence = evidence;
        ev
    });
}

/// Records that the borrow of `of` held by `to` ends at `line:col`.
#[inline]
pub fn borrow_end(of: &'static str, to: &'static str, line: u32, col: u32) {
    record_with(|| {
        let mut ev = Event::new(EventKind::BorrowEnd, of, line, col);
        ev.of = Some(of.into());
        ev.to = Some(to.into());
        ev
    });
}

/// Records the end of the borrow of `of` taken by `by` and kept in the variable `holder`.
fn borrow_end_kept(of: &'static str, by: &'static str, holder: &'static str, line: u32, col: u32) {
    record_with(|| {
        let mut ev = Event::new(EventKind::BorrowEnd, of, line, col);
        ev.of = Some(of.into());
        ev.to = Some(by.into());
        if by != holder {
            ev.detail = Some(holder.into());
        }
        ev
    });
}

/// Records a `.clone()` of `from` into `to` (a variable, or "a temporary").
#[inline]
pub fn cloned(from: &'static str, to: &'static str, line: u32, col: u32) {
    record_with(|| {
        let mut ev = Event::new(EventKind::Cloned, from, line, col);
        ev.from = Some(from.into());
        ev.to = Some(to.into());
        ev
    });
}

/// Records a use by value of a variable the macro has no slot for here (one a closure
/// captured): without the variable's type, the event is `maybe_move`.
#[inline]
pub fn gave_untracked(from: &'static str, to: &'static str, line: u32, col: u32) {
    record_with(|| {
        let mut ev = Event::new(EventKind::MaybeMove, from, line, col);
        ev.from = Some(from.into());
        ev.to = Some(to.into());
        ev.evidence = Some(Evidence::Unknown);
        ev
    });
}
