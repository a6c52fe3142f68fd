//! What a variable's slot (its drop flag) says, in the states no other scenario pinned: found by
//! cargo-mutants (MUTANTS.md), each a mutant of `runtime/src/slot.rs` that left every other
//! test green. One scenario per state: the program, the events of its variables, and the ground
//! truth (a logging `Drop` where the value has one, else the rule of the language it shows).

mod common;
use common::{noisy, real_drops, reset, run_checked, Noisy};
use trace_ownership::{trace_ownership, Event, EventKind, Evidence, Trace};

pub struct Pair {
    pub left: Noisy,
    pub right: Noisy,
}

pub struct Point {
    pub x: i32,
    pub name: Noisy,
}

/// The 1-based line of this file's program that contains `needle` (once; comments and the tests' own calls
/// of `line_of` do not count).
fn line_of(needle: &str) -> u32 {
    let src = include_str!("slot_states.rs");
    let mut hits = src.lines().enumerate().filter(|(_, l)| {
        l.contains(needle) && !l.contains("line_of(") && !l.trim_start().starts_with("//")
    });
    let (i, _) = hits
        .next()
        .unwrap_or_else(|| panic!("{needle:?} in this file"));
    assert!(hits.next().is_none(), "{needle:?} is on one line only");
    i as u32 + 1
}

/// The events about `var`, in order.
fn of_var<'t>(trace: &'t Trace, var: &str) -> Vec<&'t Event> {
    trace.events.iter().filter(|e| e.var == var).collect()
}

fn kinds(events: &[&Event]) -> Vec<&'static str> {
    events.iter().map(|e| e.kind.as_str()).collect()
}

#[trace_ownership]
fn declared_then_given() {
    let x;
    x = noisy("x");
    let _ = &x;
}

/// `let x;` declares `x` with no value; the assignment gives it one, which it owns and drops.
#[test]
fn a_variable_declared_without_a_value_is_bound_then_given_one_then_dropped() {
    let ((), trace, dropped, real) = run_checked(declared_then_given);
    let x = of_var(&trace, "x");
    assert_eq!(
        kinds(&x),
        ["bind", "assign", "borrow", "borrow_end", "drop"],
        "{trace}"
    );
    assert_eq!(x[0].detail.as_deref(), Some("declared without a value"));
    assert_eq!(x[0].line, line_of("let x;"));
    assert_eq!(x[1].line, line_of("x = noisy(\"x\");"));
    assert_eq!(x[4].line, line_of("let _ = &x;") + 1);
    assert_eq!(dropped, ["x"]);
    assert_eq!(real, ["x"]);
}

#[trace_ownership]
fn bound_to_a_temporary() -> usize {
    let r = &String::from("hi");
    r.len()
}

/// A binding whose value may borrow a temporary of its own `let` is recorded without being
/// read (reading it could move rustc's E0716 onto generated code), but it is recorded: its bind
/// at its `let`, its end at the block's end.
#[test]
fn a_binding_not_read_is_still_bound_and_ends() {
    let (n, trace) = trace_ownership::capture(bound_to_a_temporary);
    assert_eq!(n, 2);
    let r = of_var(&trace, "r");
    assert_eq!(
        r.first().map(|e| (e.kind, e.line)),
        Some((EventKind::Bind, line_of("let r = &String")))
    );
    assert!(
        r.last()
            .is_some_and(|e| e.line == line_of("    r.len()") + 1
                && matches!(e.kind, EventKind::Dropped | EventKind::OutOfScope)),
        "{trace}"
    );
}

/// `r` holds a reference (`&String`): it owns nothing, so its end drops nothing of its own (the
/// temporary it points to is dropped by the block, not by `r`). The trace, which did not read
/// `r`'s type, says "`r` owns a value" and "`r` goes out of scope and is dropped" with no hedge.
#[test]
fn a_binding_not_read_is_not_said_to_own_and_drop_for_certain() {
    let (_, trace) = trace_ownership::capture(bound_to_a_temporary);
    let end = *of_var(&trace, "r").last().unwrap();
    assert!(
        end.kind == EventKind::OutOfScope || end.evidence == Some(Evidence::Unknown),
        "`r`'s end is a certain drop:\n{trace}"
    );
}

#[trace_ownership]
// rustc: "value assigned to `s` is never read" (the first value), as untraced.
#[allow(unused_assignments)]
fn assigned_through_a_temporary() -> usize {
    let mut s = String::from("old");
    s = String::from("new").as_str().to_string();
    s.len()
}

/// An assignment whose value may borrow a temporary is recorded without reading the new value,
/// but still as what assignment does: the old value is dropped first, then the new one stored.
#[test]
fn an_assignment_not_read_still_drops_the_old_value_first() {
    let (n, trace) = trace_ownership::capture(assigned_through_a_temporary);
    assert_eq!(n, 3);
    let at = line_of("s = String::from(\"new\")");
    let s: Vec<(&str, Option<&str>, u32)> = of_var(&trace, "s")
        .iter()
        .filter(|e| e.line == at)
        .map(|e| (e.kind.as_str(), e.detail.as_deref(), e.line))
        .collect();
    assert_eq!(
        s,
        [
            ("drop", Some("old value replaced by assignment"), at),
            ("assign", None, at)
        ],
        "{trace}"
    );
}

#[trace_ownership]
#[allow(unused_variables)]
fn destructured_none_used(p: Pair) {
    let Pair { left, right } = p;
}

/// `let Pair { left, right } = p;` moves both fields out of `p`. Neither binding is used again,
/// so the macro does not read them and cannot see their types: `p` may have been emptied. Its
/// end says so (a hedge), and never that `p` is dropped: the fields are dropped as `right` and
/// `left`, at their own ends.
#[test]
fn a_value_whose_parts_unused_bindings_took_is_not_said_to_be_dropped() {
    reset();
    let ((), trace) = trace_ownership::capture(|| {
        destructured_none_used(Pair {
            left: noisy("l"),
            right: noisy("r"),
        })
    });
    let real: Vec<String> = real_drops().into_iter().map(|(l, _)| l).collect();
    assert_eq!(real, ["r", "l"]);
    let p = of_var(&trace, "p");
    assert_eq!(kinds(&p), ["bind", "out_of_scope"], "{trace}");
    assert_eq!(p[1].evidence, Some(Evidence::Unknown));
    assert!(
        p[1].detail
            .as_deref()
            .is_some_and(|d| d.starts_with("may have been taken")),
        "{trace}"
    );
    assert_eq!(
        trace
            .of_kind(EventKind::Dropped)
            .map(|e| e.var.as_ref())
            .collect::<Vec<_>>(),
        ["right", "left"]
    );
}

#[trace_ownership]
fn fields_assigned() -> i32 {
    let mut p = Point {
        x: 1,
        name: noisy("first"),
    };
    p.x = 5;
    p.name = noisy("second");
    p.x
}

/// Assigning a field drops the field's old value first, when it has drop code (`p.name`, a
/// `Noisy`); an `i32` field (`p.x`) has none, so nothing is dropped there.
#[test]
fn assigning_a_field_drops_its_old_value_only_when_it_has_drop_code() {
    let (x, trace, dropped, real) = run_checked(fields_assigned);
    assert_eq!(x, 5);
    let drops: Vec<(&str, Option<&str>, u32)> = trace
        .of_kind(EventKind::Dropped)
        .map(|e| (e.var.as_ref(), e.detail.as_deref(), e.line))
        .collect();
    assert_eq!(
        drops,
        [
            (
                "p.name",
                Some("old value replaced by assignment"),
                line_of("p.name = noisy(\"second\");")
            ),
            ("p", None, line_of("p.name = noisy(\"second\");") + 2)
        ],
        "{trace}"
    );
    assert_eq!(dropped, ["p.name"]);
    assert_eq!(real, ["first", "second"]);
}

#[trace_ownership]
fn closure_that_may_consume() {
    let s = noisy("captured");
    let f = move || drop(s);
    f();
}

/// A `move` closure whose body moves its capture out (`drop(s)`) is `FnOnce`: its call uses
/// it up, and `s` is dropped inside the call. The macro cannot see the closure's traits, so
/// `f`'s end is a hedge ("dropped here unless..."), never a certain drop.
#[test]
fn a_closure_whose_call_may_consume_it_is_not_said_to_be_dropped_after() {
    reset();
    let ((), trace) = trace_ownership::capture(closure_that_may_consume);
    let real = real_drops();
    assert_eq!(real.len(), 1);
    let (label, at) = &real[0];
    assert_eq!(label, "captured");
    // The real drop ran during the call: right after the `call` event.
    let call = trace
        .events
        .iter()
        .position(|e| e.kind == EventKind::Called && e.var == "f")
        .expect("a call of f");
    assert_eq!(*at, Some(call + 1), "{trace}");
    let f = of_var(&trace, "f");
    assert_eq!(kinds(&f), ["bind", "call", "out_of_scope"], "{trace}");
    assert_eq!(f[2].evidence, Some(Evidence::Unknown));
}

#[trace_ownership]
fn copy_closure_that_may_consume() -> i32 {
    let n = 5;
    let f = move || double(n);
    f();
    n
}

fn double(n: i32) -> i32 {
    n * 2
}

/// A closure capturing only an `i32` has no drop code: whatever its call does, `f` still holds
/// its (copied) capture at its scope's end, and is dropped there with nothing to free.
#[test]
fn a_closure_without_drop_code_is_dropped_at_its_scope_end() {
    let (n, trace) = trace_ownership::capture(copy_closure_that_may_consume);
    assert_eq!(n, 5);
    let f = of_var(&trace, "f");
    assert_eq!(kinds(&f), ["bind", "call", "drop"], "{trace}");
    assert_eq!(f[2].needs_drop, Some(false));
}

/// Expands to a use that moves its argument: the macro cannot see that.
macro_rules! consume {
    ($e:expr) => {
        drop(vec![$e])
    };
}

/// Expands to a borrow of its argument: the macro cannot see that either.
macro_rules! look {
    ($e:expr) => {
        let _ = &$e;
    };
}

#[trace_ownership]
fn given_to_macros() -> i32 {
    let s = noisy("s");
    let t = noisy("t");
    let k: i32 = 7;
    consume!(s);
    look!(t);
    let _ = &t;
    consume!(k);
    1
}

/// A variable named in a macro the macro cannot expand: if the program uses it again, it was
/// not moved (`used_later`) and is dropped at its end; if not, it may have been (`unknown`),
/// and its end says so; a `Copy` value (`k: i32`) is copied either way.
#[test]
fn a_variable_given_to_an_unknown_macro_is_hedged_unless_used_later_or_copy() {
    reset();
    let (_, trace) = trace_ownership::capture(given_to_macros);
    let real: Vec<String> = real_drops().into_iter().map(|(l, _)| l).collect();
    // `s` is dropped inside the macro's expansion, `t` at its scope's end.
    assert_eq!(real, ["s", "t"]);
    let given = |var: &str| {
        let e = of_var(&trace, var)
            .into_iter()
            .find(|e| e.to.as_deref().is_some_and(|t| t.ends_with('!')))
            .unwrap_or_else(|| panic!("{var} given to a macro\n{trace}"));
        (e.kind.as_str(), e.evidence)
    };
    assert_eq!(given("s"), ("maybe_move", Some(Evidence::Unknown)));
    assert_eq!(given("t"), ("maybe_move", Some(Evidence::UsedLater)));
    assert_eq!(given("k"), ("copy", Some(Evidence::CopyType)));
    let end = |var: &str| {
        let e = *of_var(&trace, var).last().unwrap();
        (e.kind.as_str(), e.evidence)
    };
    assert_eq!(end("s"), ("out_of_scope", Some(Evidence::Unknown)));
    assert_eq!(end("t"), ("drop", None));
}

#[derive(Clone, Copy)]
pub struct Meters(pub i32);

impl Meters {
    pub fn doubled(self) -> i32 {
        self.0 * 2
    }
    pub fn into_inner(self) -> i32 {
        self.0
    }
}

pub struct Counter(pub Noisy);

impl Counter {
    pub fn peek(&self) -> usize {
        self.0 .0.len()
    }
}

#[trace_ownership]
fn receivers() -> usize {
    let m: Meters = Meters(3);
    let a = m.doubled();
    let m2: Meters = Meters(4);
    let b = m2.into_inner();
    let c = Counter(noisy("c"));
    let k = c.peek();
    let j = c.peek();
    let s = String::from("x");
    let bytes = s.into_bytes();
    let v = vec![1u8];
    let w = v;
    a as usize + b as usize + k + j + bytes.len() + w.len()
}

/// Method receivers, decided by what is known: a declared `Copy` type's receiver is copied
/// (whatever the method's name suggests); a receiver used again later was only borrowed; a
/// standard method taking `self` moves it. Each such event is marked `method receiver`; a
/// plain move (`let w = v;`) is not.
#[test]
fn receivers_are_copied_borrowed_or_moved_by_what_is_known() {
    let (_, trace) = trace_ownership::capture(receivers);
    let at = |var: &str, to: &str| {
        let e = of_var(&trace, var)
            .into_iter()
            .find(|e| e.to.as_deref() == Some(to) && e.kind != EventKind::BorrowEnd)
            .unwrap_or_else(|| panic!("{var} to {to}\n{trace}"));
        (e.kind.as_str(), e.evidence, e.detail.as_deref())
    };
    let receiver = Some("method receiver");
    assert_eq!(
        at("m", "doubled()"),
        ("copy", Some(Evidence::CopyType), receiver)
    );
    assert_eq!(
        at("m2", "into_inner()"),
        ("copy", Some(Evidence::CopyType), receiver)
    );
    assert_eq!(
        of_var(&trace, "c")
            .iter()
            .find(|e| e.to.as_deref() == Some("peek()"))
            .map(|e| (e.kind.as_str(), e.evidence)),
        Some(("borrow", Some(Evidence::UsedLater)))
    );
    assert_eq!(
        at("s", "into_bytes()"),
        ("move", Some(Evidence::StdSignature), receiver)
    );
    assert_eq!(at("v", "w"), ("move", Some(Evidence::DropGlue), None));
}

#[trace_ownership]
fn inside_a_closure() -> u32 {
    let s = noisy("s");
    let g = || 1u32;
    let f = move || {
        let t = s;
        drop(t);
        g()
    };
    f()
}

/// Inside a closure's body, a captured variable has no slot of its own: its use by value is
/// recorded without its type (`maybe_move`, unknown), and a call of a captured closure still
/// shows as a `call`.
#[test]
fn a_captured_variable_given_on_or_called_inside_a_closure_is_recorded() {
    reset();
    let (n, trace) = trace_ownership::capture(inside_a_closure);
    assert_eq!(n, 1);
    let real: Vec<String> = real_drops().into_iter().map(|(l, _)| l).collect();
    assert_eq!(real, ["s"]);
    let given = trace
        .of_kind(EventKind::MaybeMove)
        .find(|e| e.var == "s")
        .map(|e| (e.to.as_deref(), e.evidence));
    assert_eq!(given, Some((Some("t"), Some(Evidence::Unknown))), "{trace}");
    let calls: Vec<&str> = trace
        .of_kind(EventKind::Called)
        .map(|e| e.var.as_ref())
        .collect();
    assert_eq!(calls, ["f", "g"], "{trace}");
}

#[trace_ownership]
fn copy_receiver_used_again() -> i32 {
    let m: Meters = Meters(3);
    let a = m.doubled();
    a + m.doubled()
}

/// `doubled` takes `self`: on a `Copy` type (declared, so the compiler proved it), the call
/// copies `m`, whether or not `m` is used again. The trace says "used by `doubled()` through a
/// reference" when `m` is used again later.
#[test]
fn a_copy_receiver_used_again_is_copied_not_borrowed() {
    let (_, trace) = trace_ownership::capture(copy_receiver_used_again);
    let first = of_var(&trace, "m")
        .into_iter()
        .find(|e| e.to.as_deref() == Some("doubled()"))
        .map(|e| (e.kind, e.evidence));
    assert_eq!(
        first,
        Some((EventKind::Copied, Some(Evidence::CopyType))),
        "{trace}"
    );
}

#[trace_ownership]
fn captured_by_a_method_call() -> u32 {
    let n = 5u32;
    let f = || n.count_ones();
    f()
}

/// A closure without `move` that calls a method on a captured `Copy` value captures it by
/// shared reference (the body copies it when it runs): a borrow by the closure, proven by the
/// type being `Copy`.
#[test]
fn a_copy_value_used_by_a_method_in_a_closure_is_captured_by_reference() {
    let (n, trace) = trace_ownership::capture(captured_by_a_method_call);
    assert_eq!(n, 2);
    let capture = of_var(&trace, "n")
        .into_iter()
        .find(|e| e.to.as_deref() == Some("f"))
        .map(|e| (e.kind.as_str(), e.evidence, e.detail.as_deref()));
    assert_eq!(
        capture,
        Some((
            "borrow",
            Some(Evidence::CopyType),
            Some("captured by a closure")
        )),
        "{trace}"
    );
}
