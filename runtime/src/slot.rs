//! One `Slot` per traced variable: the macro declares it right after the variable, so the
//! compiler drops it right *before* the variable, on every path out of the scope (fall-through,
//! `return`, `?`, `break`, unwinding). Its `Drop` records what happens to the variable there.
//!
//! The slot also plays the compiler's *drop flag*: a move clears it, an assignment sets it,
//! so the event at scope end says `drop` only when the variable still owns its value.
//!
//! Every function here takes the constant facts of its place in the source as one
//! `&'static` [`Site`]. While nothing records, a slot is one word (`None`) and every call is a
//! branch on it or on a thread-local flag.

use crate::event::{EventKind, Evidence, HeapFacts};
use crate::facts::std_methods::{self, SelfMode};
use crate::facts::{copy_by_name, facts_of, CopyKnown, Facts};
use crate::recorder::{self, record_site_with};
pub use crate::site::BindKind;
use crate::site::{End, Note, Site, SiteEvent};
use std::cell::{Cell, RefCell};

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

/// How the macro saw a variable used: by value, or as a method's receiver with what the
/// method's name suggests (the slot checks it against the receiver's type, see
/// [`Slot::receiver`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// By value into another variable, argument, field, element or return value.
    ByValue,
    /// As the receiver of a method whose name suggests nothing (`x.finish()`).
    MethodReceiver,
    /// As the receiver of a method that takes `self` by value by a naming convention (`into_*`).
    ConventionByValue,
    /// As the receiver of a method that takes `&self` by a naming convention (`len`).
    ConventionShared,
    /// As the receiver of a method that takes `&mut self` by a naming convention (`push`).
    ConventionMut,
    /// As the argument of `drop(...)`: dropped right there.
    Dropped,
    /// Used by value in the body of a closure without `move`, at the closure's definition: a
    /// value that is not `Copy` is captured by value (moved into the closure); a `Copy` one is
    /// captured by shared reference (the body copies it when it runs).
    Captured,
    /// Used in the body of a closure without `move` in a way the macro cannot see (a method
    /// whose receiver it does not know): captured by reference or by value.
    CapturedMaybe,
    /// Named in the arguments of a macro whose expansion the macro cannot see (`my_macro!(x)`):
    /// moved, copied or borrowed.
    GivenToMacro,
}

/// How many borrows one variable can hold at once in the trace (a closure capturing more
/// shows the oldest ending early).
const HELD: usize = 4;

/// The guard for one traced variable (see the module docs).
pub struct Slot {
    /// `None` when made while nothing records: every method is then a no-op.
    live: Option<Live>,
}

struct Live {
    /// The binding: the variable's name, where it was bound, where its scope ends.
    site: &'static Site,
    facts: Cell<Option<Facts>>,
    state: Cell<State>,
    /// Whether the variable was proven `Copy` by its declared type (or not `Copy`).
    declared_copy: CopyKnown,
    /// The borrows this variable holds, until they end (the sites that took them: what is
    /// borrowed as `var`, who took the borrow as `to`): a closure may capture several.
    holds: [Cell<Option<&'static Site>>; HELD],
    /// Where the value went when moved (the site whose `to` names it).
    moved_to: Cell<Option<&'static Site>>,
}

/// Whether a trace is recording on this thread: generated code asks before computing facts
/// that cost something to read (a heap block).
#[inline]
pub fn on() -> bool {
    recorder::active()
}

impl Slot {
    /// A slot that records nothing.
    #[inline]
    pub const fn off() -> Slot {
        Slot { live: None }
    }

    /// Whether this slot was made while a trace recorded (else every method is a no-op).
    #[inline]
    pub(crate) fn is_live(&self) -> bool {
        self.live.is_some()
    }

    fn live(
        site: &'static Site,
        facts: Option<Facts>,
        state: State,
        declared_copy: CopyKnown,
    ) -> Slot {
        Slot {
            live: Some(Live {
                site,
                facts: Cell::new(facts),
                state: Cell::new(state),
                declared_copy,
                holds: Default::default(),
                moved_to: Cell::new(None),
            }),
        }
    }

    /// The variable of `site` (bound there, its scope ending at `site.end()`) now owns the value
    /// behind `v`. `declared_copy`: what the compiler said about the declared type's
    /// `Copy`-ness (see [`crate::facts::Probe`]), when there is one.
    ///
    /// ```
    /// use trace_ownership_runtime::{capture, __private::{BindKind, CopyKnown, Site, Slot}};
    /// let ((), trace) = capture(|| {
    ///     let s = String::from("hi");
    ///     let site = &Site("s", "", "", 1, 5, 2, 1);
    ///     let _slot = Slot::bind(&s, site, BindKind::Let, CopyKnown::Unknown);
    /// });
    /// assert_eq!(trace.kinds_and_vars(), [("bind", "s".to_string()), ("drop", "s".to_string())]);
    /// ```
    #[inline]
    pub fn bind<T: ?Sized>(
        v: &T,
        site: &'static Site,
        kind: BindKind,
        declared_copy: CopyKnown,
    ) -> Slot {
        if !recorder::active() {
            return Slot::off();
        }
        Slot::bound(facts_of(v), site, kind, declared_copy, None)
    }

    /// Like [`Slot::bind`], with the heap block the value owns (see
    /// [`crate::facts::HeapProbe`]): generated code reads it only when [`on`] says a trace
    /// records.
    #[inline]
    pub fn bind_heap<T: ?Sized>(
        v: &T,
        site: &'static Site,
        kind: BindKind,
        declared_copy: CopyKnown,
        heap: Option<HeapFacts>,
    ) -> Slot {
        if !recorder::active() {
            return Slot::off();
        }
        Slot::bound(facts_of(v), site, kind, declared_copy, heap)
    }

    #[cold]
    #[inline(never)]
    fn bound(
        facts: Facts,
        site: &'static Site,
        kind: BindKind,
        declared_copy: CopyKnown,
        heap: Option<HeapFacts>,
    ) -> Slot {
        let make = move || {
            let mut ev = SiteEvent::at(EventKind::Bind, site, Note::Bind(kind));
            ev.facts = Some(facts);
            ev
        };
        match heap {
            Some(heap) => recorder::record_site_with_heap(make(), heap),
            None => {
                record_site_with(make);
            }
        }
        Slot::live(site, Some(facts), State::Owned, declared_copy)
    }

    /// Like [`Slot::bind`], without reading the value: used where reading it could change the
    /// compiler's diagnostics (a value that may borrow a dead temporary). Type facts are unknown.
    #[inline]
    pub fn bind_opaque(site: &'static Site, kind: BindKind) -> Slot {
        if !recorder::active() {
            return Slot::off();
        }
        Slot::bound_opaque(site, Note::Bind(kind), State::Owned)
    }

    /// Like [`Slot::bind`], for a variable the program never reads again (so generated code
    /// must not read it either): its facts are those [`crate::observe::pass`] noted as the value
    /// flowed into it.
    #[inline]
    pub fn bind_passed(site: &'static Site, kind: BindKind, declared_copy: CopyKnown) -> Slot {
        if !recorder::active() {
            return Slot::off();
        }
        match crate::observe::take() {
            Some((facts, heap)) => Slot::bound(facts, site, kind, declared_copy, heap),
            None => Slot::bound_opaque(site, Note::Bind(kind), State::Owned),
        }
    }

    /// Like [`Slot::bind`], for a variable that must not be read, whose type `T` the user wrote:
    /// the facts of the type (all but the address).
    #[inline]
    pub fn bind_type<T>(site: &'static Site, kind: BindKind, declared_copy: CopyKnown) -> Slot {
        if !recorder::active() {
            return Slot::off();
        }
        Slot::bound(
            crate::facts::facts_of_type::<T>(),
            site,
            kind,
            declared_copy,
            None,
        )
    }

    /// `let var;`: declared, no value yet.
    #[inline]
    pub fn declare(site: &'static Site) -> Slot {
        if !recorder::active() {
            return Slot::off();
        }
        Slot::bound_opaque(site, Note::Declared, State::Uninit)
    }

    #[cold]
    #[inline(never)]
    fn bound_opaque(site: &'static Site, note: Note, state: State) -> Slot {
        record_site_with(|| SiteEvent::at(EventKind::Bind, site, note));
        Slot::live(site, None, state, CopyKnown::Unknown)
    }

    /// The value of this variable went, by value, to `site.to()` (a variable, `f()`, `return`,
    /// ...). `used_later`: the function uses the variable again afterwards, which proves a copy.
    #[inline]
    pub fn gave(&self, site: &'static Site, how: Use, used_later: bool) {
        if let Some(live) = &self.live {
            live.gave(site, how, used_later);
        }
    }

    /// A part of this variable (`site.detail()`: `p.name`, or the variable itself in a pattern)
    /// went into the binding `site.to()`. If that binding needs dropping, the part was moved out
    /// (a by-value binding of a non-`Copy` value): the variable is now partially moved, and
    /// only the rest of it is dropped at scope end. Otherwise it was copied (or bound by
    /// reference): nothing changes.
    #[inline]
    pub fn part_moved(&self, site: &'static Site, needs_drop: bool) {
        if let Some(live) = &self.live {
            if needs_drop {
                live.part_moved(site);
            }
        }
    }

    /// Like [`Slot::part_moved`], with the binding `v` that took the part: a part whose type has
    /// drop code was moved out; one whose name proves it `Copy` (`i32`, `&str`) was copied;
    /// any other (a user's enum without drop code) was moved or copied, which only its `Copy`
    /// impl decides: the trace says so. Nothing it could drop is lost either way.
    #[inline]
    pub fn part_taken<T: ?Sized>(&self, site: &'static Site, v: &T) {
        if let Some(live) = &self.live {
            let facts = facts_of(v);
            if facts.needs_drop {
                live.part_moved(site);
            } else if recorder::active() && facts.copy() != CopyKnown::Yes {
                record_site_with(|| {
                    let mut ev = SiteEvent::at(EventKind::MaybeMove, site, Note::PartialMove);
                    ev.facts = Some(facts);
                    ev.evidence = Some(Evidence::Unknown);
                    ev
                });
            }
        }
    }

    /// A binding that is never used (so the macro does not read it), `site.to()`, may have taken
    /// a part of this variable's value: whether it did depends on its type, not known here.
    #[inline]
    pub fn part_maybe_moved(&self, site: &'static Site) {
        if let Some(live) = &self.live {
            if live.state.get() == State::Owned {
                live.state.set(State::MaybeMoved);
                live.moved_to.set(Some(site));
            }
        }
    }

    /// A part of this variable (`site.detail()`: `user1.name`, or "the other fields" of a
    /// `..user1`) went by value into `site.to()` (a field of a new struct): moved unless its
    /// type is `Copy`, which is not known here. If dropping the variable could free nothing,
    /// nothing changes either way; else only the rest of it may be dropped at scope end.
    #[inline]
    pub fn part_given(&self, site: &'static Site) {
        if let Some(live) = &self.live {
            if live.facts.get().is_some_and(|f| !f.needs_drop) {
                return;
            }
            if recorder::active() {
                record_site_with(|| {
                    let mut ev = SiteEvent::at(EventKind::MaybeMove, site, Note::PartialMove);
                    ev.evidence = Some(Evidence::Unknown);
                    ev
                });
            }
            if live.state.get() == State::Owned {
                live.state.set(State::MaybeMoved);
                live.moved_to.set(Some(site));
            }
        }
    }

    /// `var = new value;` has just run (at `site`): the old value (if any) was dropped first,
    /// then the new one stored. `v` is the variable, read right after the assignment.
    #[inline]
    pub fn assigned<T: ?Sized>(&self, v: &T, site: &'static Site) {
        if let Some(live) = &self.live {
            live.replaced(Some(facts_of(v)), site);
        }
    }

    /// `var.field = new value;` has just run at `site` (`site.var()` is the field's path, `v`
    /// the field, read right after): assignment drops the old value first. Said only while the
    /// variable certainly owned all of its value (a field moved out earlier is not dropped).
    #[inline]
    pub fn field_assigned<T: ?Sized>(&self, site: &'static Site, v: &T) {
        if let Some(live) = &self.live {
            let facts = facts_of(v);
            if facts.needs_drop && live.state.get() == State::Owned && recorder::active() {
                record_site_with(|| {
                    let mut ev = SiteEvent::at(EventKind::Dropped, site, Note::Replaced);
                    ev.facts = Some(facts);
                    ev
                });
            }
        }
    }

    /// Like [`Slot::assigned`], without reading the new value (see [`Slot::bind_opaque`]).
    #[inline]
    pub fn assigned_opaque(&self, site: &'static Site) {
        if let Some(live) = &self.live {
            live.replaced(None, site);
        }
    }

    /// This variable was given a value computed while `site.var()` was borrowed by `site.to()`
    /// (`&x`, or a method like `iter()`). If its type can hold a reference, the borrow lives on
    /// in it until [`Slot::borrow_ends`] or its scope ends; if not (a number, a `String`), it
    /// already ended.
    #[inline]
    pub fn holds_borrow(&self, site: &'static Site) {
        if let Some(live) = &self.live {
            live.holds_borrow(site);
        }
    }

    /// The closure held in this variable is called at `site` (`site.var()` names it). A call
    /// of a closure that only implements `FnOnce` uses the closure up (what it captured is
    /// dropped at the end of the call): `consumes` says whether this call does (`Some(true)`),
    /// cannot (`Some(false)`: the program uses it again, or its body moves nothing out), or may
    /// (`None`; then only if dropping it would run code).
    #[inline]
    pub fn called(&self, site: &'static Site, consumes: Option<bool>) {
        if let Some(live) = &self.live {
            if recorder::active() {
                record_plain(EventKind::Called, site, None);
            }
            if live.state.get() != State::Owned {
                return;
            }
            match consumes {
                Some(true) => live.state.set(State::Moved),
                Some(false) => return,
                None if live.facts.get().is_none_or(|f| f.needs_drop) => {
                    live.state.set(State::MaybeMoved)
                }
                None => return,
            }
            live.moved_to.set(Some(site));
        }
    }

    /// The borrow held by this variable is no longer used (its last use was just before `site`).
    /// A guard (`Ref`, `RefMut`, `MutexGuard`, ...) holds its borrow until it is dropped, not
    /// until its last use: its destructor uses the borrow, so the borrow ends with its drop.
    #[inline]
    pub fn borrow_ends(&self, site: &'static Site) {
        if let Some(live) = &self.live {
            if live.facts.get().is_some_and(|f| is_guard(f.ty())) {
                return;
            }
            for held in &live.holds {
                if let Some(held) = held.take() {
                    borrow_end_kept(held, live.site, site.line(), site.col());
                }
            }
        }
    }

    /// This variable is the receiver of a method call at `site` (`site.to()`: `"name()"`,
    /// `site.detail()`: the method's name); `guess`: what the name suggests
    /// ([`Use::MethodReceiver`], [`Use::ConventionByValue`], [`Use::ConventionShared`] or
    /// [`Use::ConventionMut`]). `used_later`: the function uses the variable again afterwards.
    ///
    /// The receiver's run-time type decides, by the standard library's signatures
    /// ([`std_methods::lookup`]): a certain shared or mutable borrow, or a move into the call.
    /// A type not in the table falls back on the name's guess, labelled as a convention.
    ///
    /// The macro schedules the end of a borrow for every receiver (at the end of the
    /// statement, or when the variable keeping the result is last used); where the call turns
    /// out not to borrow, that end is cancelled here.
    #[inline]
    pub fn receiver(&self, site: &'static Site, guess: Use, used_later: bool) {
        if let Some(live) = &self.live {
            live.receiver(site, guess, used_later);
        }
    }

    /// This variable was cloned at `site` (`.clone()` or `Rc::clone(&var)`) into `site.to()`.
    /// The event carries the variable's type: a clone of an `Rc`/`Arc` is a new owner of the
    /// same value, a clone of a `String` a deep copy.
    #[inline]
    pub fn cloned(&self, site: &'static Site) {
        if let Some(live) = &self.live {
            if recorder::active() {
                live.record_cloned(site);
            }
        }
    }
}

/// What became of a borrow end the macro scheduled for a method call, once the receiver's type
/// decided the call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fate {
    /// The call did not borrow (it moved the receiver, say): no end to record.
    Cancelled,
    /// The call borrowed, but its result cannot keep the borrow (by the method's signature):
    /// it ends with the call, whatever variable the result is kept in.
    EndsWithCall,
}

thread_local! {
    /// Borrow ends the macro scheduled and the receiver's type overruled:
    /// `(variable, taken by, fate)`, each applying to the next matching end.
    static OVERRULED: RefCell<Vec<(&'static str, &'static str, Fate)>> = const { RefCell::new(Vec::new()) };
}

/// At most this many overruled ends are remembered: each is consumed by the end it overrules,
/// in the same statement, or forgotten when its variable's scope ends; the bound only guards
/// against growth in a long loop should an end never come.
const MAX_OVERRULED: usize = 64;

/// Decides the next scheduled end of the borrow of `var` by `by`.
fn overrule_borrow_end(var: &'static str, by: &'static str, fate: Fate) {
    recorder::quietly(|| {
        let _ = OVERRULED.try_with(|c| {
            if let Ok(mut c) = c.try_borrow_mut() {
                if c.len() >= MAX_OVERRULED {
                    c.remove(0);
                }
                c.push((var, by, fate));
            }
        });
    });
}

/// Forgets what was decided for borrows of `var`: its scope ended, no end of them can follow.
fn forget_overruled(var: &str) {
    let _ = OVERRULED.try_with(|c| {
        if let Ok(mut c) = c.try_borrow_mut() {
            if !c.is_empty() {
                c.retain(|&(v, _, _)| v != var);
            }
        }
    });
}

/// What was decided for the end of the borrow of `var` by `by`, if anything (forgotten then).
fn overruled(var: &str, by: &str) -> Option<Fate> {
    OVERRULED
        .try_with(|c| {
            let mut c = c.try_borrow_mut().ok()?;
            let i = c.iter().position(|&(v, b, _)| v == var && b == by)?;
            Some(c.swap_remove(i).2)
        })
        .ok()
        .flatten()
}

/// Entries of the per-thread cache of [`std_method`]: a direct-mapped table.
const METHOD_CACHE: usize = 64;

/// One cached answer: (site address, type-name function address, the answer).
type MethodEntry = (usize, usize, Option<std_methods::StdMethod>);

thread_local! {
    static METHODS: RefCell<[MethodEntry; METHOD_CACHE]> =
        const { RefCell::new([(0, 0, None); METHOD_CACHE]) };
}

/// [`std_methods::lookup`] for the receiver's type (`facts`) and the method of `site`,
/// remembered per (site, type): reading a type's name costs about 60 ns, a loop calls the same
/// method on the same type again and again.
fn std_method(facts: Facts, site: &'static Site) -> Option<std_methods::StdMethod> {
    let key = (site as *const Site as usize, facts.type_name as usize);
    let slot = (key.0 / std::mem::align_of::<Site>()) % METHOD_CACHE;
    let cached = METHODS
        .try_with(|c| {
            let c = c.try_borrow().ok()?;
            let (s, t, answer) = c[slot];
            ((s, t) == key).then_some(answer)
        })
        .ok()
        .flatten();
    if let Some(answer) = cached {
        return answer;
    }
    let answer = std_methods::lookup(facts.ty(), site.detail());
    let _ = METHODS.try_with(|c| {
        if let Ok(mut c) = c.try_borrow_mut() {
            c[slot] = (key.0, key.1, answer);
        }
    });
    answer
}

/// Whether `ty` is a guard that holds a borrow until it is dropped: `Ref`, `RefMut`,
/// `MutexGuard`, `RwLockReadGuard`, `RwLockWriteGuard`.
fn is_guard(ty: &str) -> bool {
    let path = ty.split('<').next().unwrap_or(ty);
    let std = path.starts_with("core::") || path.starts_with("std::");
    std && matches!(
        path.rsplit("::").next(),
        Some("Ref" | "RefMut" | "MutexGuard" | "RwLockReadGuard" | "RwLockWriteGuard")
    )
}

/// Whether `ty` is a reference (`&T`, `&mut T`): it owns nothing.
fn is_reference(ty: &str) -> bool {
    ty.starts_with('&')
}

impl Live {
    /// Decides whether handing this variable's value on by value moved or copied it.
    fn decide(&self, used_later: bool) -> (EventKind, Evidence) {
        if used_later {
            return (EventKind::Copied, Evidence::UsedLater);
        }
        match self.declared_copy {
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

    /// An event about this variable at `site`.
    fn event(&self, kind: EventKind, site: &'static Site, note: Note) -> SiteEvent {
        let mut ev = SiteEvent::at(kind, site, note);
        ev.other = Some(self.site);
        ev.facts = self.facts.get();
        ev
    }

    #[cold]
    #[inline(never)]
    fn gave(&self, site: &'static Site, how: Use, used_later: bool) {
        self.gave_decided(site, how, used_later, false);
    }

    /// Records what handing the value on did; `std_value`: the method's standard signature
    /// takes `self` (so `how` is [`Use::ByValue`] and the event is a receiver's). Returns
    /// whether the event is a borrow (a receiver used again later).
    fn gave_decided(
        &self,
        site: &'static Site,
        how: Use,
        used_later: bool,
        std_value: bool,
    ) -> bool {
        let (kind, evidence) = match how {
            Use::ByValue if std_value => match self.decide(used_later) {
                (EventKind::Move, _) => (EventKind::Move, Evidence::StdSignature),
                other => other,
            },
            Use::ByValue => self.decide(used_later),
            Use::Dropped => match self.decide(used_later) {
                (EventKind::Move, evidence) => {
                    // `drop(x)`: the value is dropped right here, inside `drop`.
                    self.state.set(State::Moved);
                    self.moved_to.set(Some(site));
                    if recorder::active() {
                        record_site_with(|| {
                            let mut ev = self.event(EventKind::Dropped, site, Note::DroppedEarly);
                            ev.evidence = Some(evidence);
                            ev
                        });
                        // A guard dropped early releases its borrow right there.
                        for held in &self.holds {
                            if let Some(held) = held.take() {
                                borrow_end_kept(held, self.site, site.line(), site.col());
                            }
                        }
                    }
                    return false;
                }
                other => other,
            },
            Use::Captured => match self.decide(used_later) {
                (EventKind::Copied, ev) => (EventKind::Borrowed, ev),
                other => other,
            },
            // Used again later, so not moved; whether it was borrowed or copied is unseen.
            Use::GivenToMacro if used_later => (EventKind::MaybeMove, Evidence::UsedLater),
            Use::GivenToMacro => match self.decide(false) {
                (EventKind::Copied, ev) => (EventKind::Copied, ev),
                _ => (EventKind::MaybeMove, Evidence::Unknown),
            },
            // A `Copy` receiver of a method the trace cannot see: copied (`self`) or borrowed
            // (`&self`), it stays usable either way; used again later proves nothing more.
            Use::MethodReceiver | Use::ConventionShared | Use::ConventionMut if used_later => {
                match self.decide(false) {
                    (EventKind::Copied, ev) => (EventKind::Copied, ev),
                    _ => (EventKind::Borrowed, Evidence::UsedLater),
                }
            }
            _ if used_later => (EventKind::Borrowed, Evidence::UsedLater),
            Use::CapturedMaybe => match self.decide(false) {
                (EventKind::Copied, ev) => (EventKind::Borrowed, ev),
                _ => (EventKind::MaybeMove, Evidence::Unknown),
            },
            Use::MethodReceiver | Use::ConventionShared | Use::ConventionMut => {
                match self.decide(false) {
                    // A Copy receiver is copied or borrowed; nothing is lost either way.
                    (EventKind::Copied, ev) => (EventKind::Copied, ev),
                    _ => (EventKind::MaybeMove, Evidence::Unknown),
                }
            }
            Use::ConventionByValue => match self.decide(false) {
                (EventKind::Copied, ev) => (EventKind::Copied, ev),
                _ => (EventKind::Move, Evidence::Convention),
            },
        };
        match kind {
            EventKind::Move => {
                self.state.set(State::Moved);
                self.moved_to.set(Some(site));
            }
            EventKind::MaybeMove if self.state.get() == State::Owned && !used_later => {
                self.state.set(State::MaybeMoved);
                self.moved_to.set(Some(site));
            }
            _ => {}
        }
        if recorder::active() {
            let receiver = !matches!(
                how,
                Use::ByValue | Use::Captured | Use::CapturedMaybe | Use::GivenToMacro
            ) || std_value;
            record_site_with(|| {
                let mut ev = self.event(kind, site, Note::Gave { receiver });
                ev.evidence = Some(evidence);
                ev
            });
        }
        kind == EventKind::Borrowed
    }

    #[cold]
    #[inline(never)]
    fn receiver(&self, site: &'static Site, guess: Use, used_later: bool) {
        let known = self.facts.get().and_then(|f| std_method(f, site));
        let borrow = match (known.map(|m| m.mode), guess) {
            (Some(SelfMode::Shared), _) => Some((EventKind::Borrowed, Evidence::StdSignature)),
            (Some(SelfMode::Mut), _) => Some((EventKind::BorrowedMut, Evidence::StdSignature)),
            (Some(SelfMode::Value), _) => None,
            (None, Use::ConventionShared) => Some((EventKind::Borrowed, Evidence::Convention)),
            (None, Use::ConventionMut) => Some((EventKind::BorrowedMut, Evidence::Convention)),
            (None, _) => None,
        };
        match borrow {
            Some((kind, evidence)) => {
                if recorder::active() {
                    record_site_with(|| {
                        let mut ev = self.event(kind, site, Note::Gave { receiver: true });
                        ev.evidence = Some(evidence);
                        ev
                    });
                }
                if known.is_some_and(|m| !m.result_borrows) {
                    overrule_borrow_end(self.site.var(), site.to(), Fate::EndsWithCall);
                }
            }
            None => {
                // Not a borrow (or not a known one): the scheduled end of a borrow is cancelled,
                // unless the variable is used again, which proves it was only borrowed.
                let by_value = match known {
                    Some(_) => Use::ByValue,
                    None => guess,
                };
                let borrowed = self.gave_decided(site, by_value, used_later, known.is_some());
                if !borrowed {
                    overrule_borrow_end(self.site.var(), site.to(), Fate::Cancelled);
                }
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn record_cloned(&self, site: &'static Site) {
        record_site_with(|| self.event(EventKind::Cloned, site, Note::Gave { receiver: false }));
    }

    #[cold]
    #[inline(never)]
    fn part_moved(&self, site: &'static Site) {
        if self.state.get() == State::Owned {
            self.state.set(State::Partial);
        }
        if recorder::active() {
            record_site_with(|| {
                let mut ev = SiteEvent::at(EventKind::Move, site, Note::PartialMove);
                ev.evidence = Some(Evidence::DropGlue);
                ev
            });
        }
    }

    /// `var = value;` ran at `site`: the old value, if the variable still owned one, was
    /// dropped first; now it owns the new one (whose facts are `new`, when read).
    #[cold]
    #[inline(never)]
    fn replaced(&self, new: Option<Facts>, site: &'static Site) {
        let old = self.state.get();
        let old_facts = self.facts.replace(new);
        self.state.set(State::Owned);
        self.moved_to.set(None);
        if recorder::active() {
            let at = (site.line(), site.col());
            let reference = old_facts.or(new).is_some_and(|f| is_reference(f.ty()));
            if matches!(old, State::Owned | State::Partial) && !reference {
                record_site_with(|| {
                    let mut ev = SiteEvent::at(EventKind::Dropped, self.site, Note::Replaced);
                    (ev.line, ev.col) = at;
                    ev.facts = old_facts.or(new);
                    ev
                });
            }
            record_site_with(|| {
                let mut ev = SiteEvent::at(EventKind::Assign, self.site, Note::Plain);
                (ev.line, ev.col) = at;
                ev.facts = new;
                ev
            });
        }
    }

    #[cold]
    #[inline(never)]
    fn holds_borrow(&self, site: &'static Site) {
        let fate = overruled(site.var(), site.to());
        if fate == Some(Fate::Cancelled) {
            return;
        }
        let owned = fate == Some(Fate::EndsWithCall)
            || self.facts.get().is_some_and(|f| owns_no_borrow(f.ty()));
        if owned {
            if recorder::active() {
                record_site_with(|| {
                    let mut ev = SiteEvent::at(EventKind::BorrowEnd, site, Note::EndedWithCall);
                    ev.other = Some(self.site);
                    ev
                });
            }
        } else {
            // More borrows than places: the oldest is shown ending now rather than never.
            let free = self
                .holds
                .iter()
                .position(|h| h.get().is_none())
                .unwrap_or_else(|| {
                    if let Some(old) = self.holds[0].take() {
                        borrow_end_kept(old, self.site, site.line(), site.col());
                    }
                    0
                });
            self.holds[free].set(Some(site));
        }
    }

    /// Records what happens to the variable at the end of its scope.
    #[cold]
    #[inline(never)]
    fn record_end(&self) {
        if recorder::folding() {
            // Only counted: the end and the end of each borrow still held, as below, without
            // reading the type's name to word them.
            forget_overruled(self.site.var());
            let held = self.holds.iter().filter(|h| h.take().is_some()).count();
            recorder::count_folded(1 + held as u64);
            return;
        }
        let leaving = recorder::leaving_position();
        let (line, col) = leaving.unwrap_or(self.site.end());
        forget_overruled(self.site.var());
        // A guard's borrow ends when the guard is dropped; any other kept borrow ends before.
        let guard = self.facts.get().is_some_and(|f| is_guard(f.ty()));
        let held: Vec<&'static Site> = self.holds.iter().filter_map(Cell::take).collect();
        if !guard {
            for &h in &held {
                borrow_end_kept(h, self.site, line, col);
            }
        }
        let reference = self.facts.get().is_some_and(|f| is_reference(f.ty()));
        let (kind, end, evidence) = match self.state.get() {
            State::Owned if reference => (EventKind::OutOfScope, End::Reference, None),
            // Not read (see `bind_opaque`): a reference owns nothing, a value is dropped; which
            // one it holds was not observed.
            State::Owned if self.facts.get().is_none() => {
                (EventKind::Dropped, End::Owned, Some(Evidence::Unknown))
            }
            State::Owned => (EventKind::Dropped, End::Owned, None),
            State::Moved => (EventKind::OutOfScope, End::Moved, None),
            State::MaybeMoved => (
                EventKind::OutOfScope,
                End::MaybeMoved,
                Some(Evidence::Unknown),
            ),
            State::Partial => (EventKind::OutOfScope, End::Partial, None),
            State::Uninit => (EventKind::OutOfScope, End::Uninit, None),
        };
        record_site_with(|| {
            let mut ev = SiteEvent::at(kind, self.site, Note::End(end));
            (ev.line, ev.col) = (line, col);
            ev.other = self.moved_to.get();
            ev.facts = self.facts.get();
            ev.evidence = evidence;
            ev.unwinding = std::thread::panicking();
            ev.early = leaving.is_some();
            ev
        });
        if guard {
            for h in held {
                borrow_end_kept(h, self.site, line, col);
            }
        }
    }
}

impl Drop for Slot {
    #[inline]
    fn drop(&mut self) {
        if let Some(live) = &self.live {
            if recorder::active() {
                live.record_end();
            }
        }
    }
}

/// Whether a value of type `ty` certainly holds no reference (judged by its name, which
/// shows no lifetimes: only primitives, `String`, and `Vec`s, `Option`s, `Box`es, `Rc`s, `Arc`s
/// and `Weak`s of those).
fn owns_no_borrow(ty: &str) -> bool {
    if ty.contains('&') || ty.contains('\'') {
        return false;
    }
    if copy_by_name(ty) == CopyKnown::Yes || ty == "alloc::string::String" {
        return true;
    }
    crate::types::BORROW_FREE_HOLDERS.iter().any(|h| {
        ty.strip_prefix(h)
            .and_then(|r| r.strip_suffix('>'))
            .is_some_and(owns_no_borrow)
    })
}

/// Records that `site.to()` borrows `site.var()` (shared, or mutable if `mutable`); `site.detail()`
/// names the method or macro taking the borrow, if any. `convention`: the borrow is known from
/// a method's name only.
#[inline]
pub fn borrow(site: &'static Site, mutable: bool, convention: bool) {
    if recorder::active() {
        let kind = if mutable {
            EventKind::BorrowedMut
        } else {
            EventKind::Borrowed
        };
        record_plain(kind, site, convention.then_some(Evidence::Convention));
    }
}

/// Records that the borrow of `site.var()` held by `site.to()` ends at the site.
#[inline]
pub fn borrow_end(site: &'static Site) {
    if recorder::active() && overruled(site.var(), site.to()) != Some(Fate::Cancelled) {
        record_plain(EventKind::BorrowEnd, site, None);
    }
}

/// Records a `.clone()` of `site.var()` into `site.to()` (a variable, or "a temporary").
///
/// Used where the macro has no slot for the variable (one a closure captured): without its type,
/// whether the clone is a deep copy or a new owner of a shared value is not known, and the
/// event says so (`evidence: unknown`). See [`Slot::cloned`] for a tracked variable.
#[inline]
pub fn cloned(site: &'static Site) {
    if recorder::active() {
        record_plain(EventKind::Cloned, site, Some(Evidence::Unknown));
    }
}

/// Records a use by value of a variable the macro has no slot for here (one a closure
/// captured), `site.var()`, given to `site.to()`: without the variable's type, the event is
/// `maybe_move`.
#[inline]
pub fn gave_untracked(site: &'static Site) {
    if recorder::active() {
        record_plain(EventKind::MaybeMove, site, Some(Evidence::Unknown));
    }
}

/// Records a call of the closure held in the variable `site.var()`.
#[inline]
pub fn called(site: &'static Site) {
    if recorder::active() {
        record_plain(EventKind::Called, site, None);
    }
}

#[cold]
#[inline(never)]
fn record_plain(kind: EventKind, site: &'static Site, evidence: Option<Evidence>) {
    record_site_with(|| {
        let mut ev = SiteEvent::at(kind, site, Note::Plain);
        ev.evidence = evidence;
        ev
    });
}

/// Records the end of the borrow taken at `held` (of `held.var()`, by `held.to()`) and kept in the
/// variable bound at `holder`, at `line:col`.
fn borrow_end_kept(held: &'static Site, holder: &'static Site, line: u32, col: u32) {
    if recorder::active() {
        record_site_with(|| {
            let mut ev = SiteEvent::at(EventKind::BorrowEnd, held, Note::Kept);
            ev.other = Some(holder);
            (ev.line, ev.col) = (line, col);
            ev
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A type the table does not know.
    struct Mine;

    #[test]
    fn the_method_cache_answers_per_site_and_type() {
        static PUSH: Site = Site("", "push()", "push", 1, 1, 0, 0);
        let s = String::new();
        let v: Vec<u8> = Vec::new();
        // The same site, three receiver types, asked twice each: each keeps its own answer.
        for _ in 0..2 {
            let on_string = std_method(facts_of(&s), &PUSH);
            assert_eq!(
                on_string.map(|m| (m.mode, m.owner)),
                Some((SelfMode::Mut, "String"))
            );
            let on_vec = std_method(facts_of(&v), &PUSH);
            assert_eq!(
                on_vec.map(|m| (m.mode, m.owner)),
                Some((SelfMode::Mut, "Vec"))
            );
            assert_eq!(std_method(facts_of(&Mine), &PUSH), None);
        }
    }

    #[test]
    fn overruled_ends_are_consumed_once_and_forgotten_with_their_variable() {
        overrule_borrow_end("h", "join()", Fate::Cancelled);
        overrule_borrow_end("o", "take()", Fate::EndsWithCall);
        overrule_borrow_end("o", "take()", Fate::Cancelled);
        assert_eq!(overruled("h", "join()"), Some(Fate::Cancelled));
        assert_eq!(overruled("h", "join()"), None);
        forget_overruled("o");
        assert_eq!(overruled("o", "take()"), None);
        // Bounded: a long loop whose ends never come cannot grow the list.
        for _ in 0..3 * MAX_OVERRULED {
            overrule_borrow_end("x", "f()", Fate::Cancelled);
        }
        assert_eq!(OVERRULED.with(|c| c.borrow().len()), MAX_OVERRULED);
        forget_overruled("x");
    }

    #[test]
    fn guards_and_references_by_their_type_names() {
        assert!(is_guard("core::cell::RefMut<'_, i32>"));
        assert!(is_guard("std::sync::poison::mutex::MutexGuard<'_, i32>"));
        assert!(!is_guard("demo::Ref<i32>"));
        assert!(is_reference("&alloc::string::String"));
        assert!(!is_reference("alloc::string::String"));
        assert!(owns_no_borrow("alloc::rc::Rc<alloc::vec::Vec<i32>>"));
        assert!(!owns_no_borrow("core::option::Option<&i32>"));
        assert!(!owns_no_borrow("core::slice::iter::Iter<'_, u8>"));
        assert!(!owns_no_borrow("core::option::Option<demo::Noisy>"));
    }

    #[test]
    fn an_overruled_end_is_only_that_of_its_variable_and_its_borrower() {
        overrule_borrow_end("a", "f()", Fate::Cancelled);
        assert_eq!(
            overruled("b", "f()"),
            None,
            "another variable, the same borrower"
        );
        assert_eq!(
            overruled("a", "g()"),
            None,
            "the same variable, another borrower"
        );
        assert_eq!(overruled("a", "f()"), Some(Fate::Cancelled));
    }
}
