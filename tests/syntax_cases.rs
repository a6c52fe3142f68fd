//! What the Book's struct and macro listings do to their values, as the trace must tell it:
//! a field assignment drops the old field value first; fields taken by a struct literal
//! (`username: user1.username`, `..user1`) go into the new value; `dbg!` takes its argument by
//! value; other macros are "given" a local, never proven to have moved it. Heap frees are
//! shown where they happen: an assignment's free after its drop, a parameter's free inside the
//! call. Ground truth: a logging `Drop` (`tests/common`) and the heap tracker.

mod common;
use common::{find, noisy, run_checked, Noisy};
use trace_ownership::{trace_ownership, EventKind};

#[global_allocator]
static HEAP: trace_ownership::HeapTracker = trace_ownership::HeapTracker::new();

struct Pair {
    label: Noisy,
    count: u32,
}

#[trace_ownership]
fn field_assignment() -> u32 {
    let mut p = Pair {
        label: noisy("old label"),
        count: 1,
    };
    p.label = noisy("new label");
    p.count
}

#[test]
fn assigning_a_field_drops_its_old_value_first() {
    // (Not `run_checked`: with the heap tracker on, the log's own allocations sit between the
    // real drop and the event; the order of the real drops is checked instead.)
    common::reset();
    let (r, trace) = trace_ownership::capture(field_assignment);
    assert_eq!(r, 1);
    let real: Vec<String> = common::real_drops().into_iter().map(|(l, _)| l).collect();
    assert_eq!(real, ["old label", "new label"]);
    let i = find(&trace, |e| {
        e.kind == EventKind::Dropped
            && e.var == "p.label"
            && e.detail.as_deref() == Some("old value replaced by assignment")
    });
    assert!(trace.events[i]
        .ty
        .as_deref()
        .is_some_and(|t| t.ends_with("Noisy")));
}

struct User {
    username: String,
    email: String,
}

#[trace_ownership]
fn struct_update() -> usize {
    let user1 = User {
        username: String::from("someusername123"),
        email: String::from("someone@example.com"),
    };
    let user2 = User {
        email: String::from("another@example.com"),
        ..user1
    };
    user2.username.len() + user2.email.len()
}

#[test]
fn struct_update_syntax_gives_the_other_fields_away() {
    let (r, trace) = trace_ownership::capture(struct_update);
    assert_eq!(r, 34);
    let i = find(&trace, |e| {
        e.kind == EventKind::MaybeMove && e.var.contains("other fields")
    });
    assert_eq!(
        trace.events[i].to.as_deref(),
        Some("a new `User` (`..user1`)")
    );
    // `user1` is not said to be dropped whole at its end.
    let end = trace.events.iter().rposition(|e| e.var == "user1").unwrap();
    assert_eq!(trace.events[end].kind, EventKind::OutOfScope, "{trace}");
    // Ground truth: user1's own email (19 bytes, not taken) is freed after user1's end.
    let email = trace.events[end + 1..]
        .iter()
        .find(|e| e.kind == EventKind::Dealloc && e.count == Some(19));
    assert!(email.is_some(), "{trace}");
}

#[trace_ownership]
fn debug_macro() -> usize {
    let s = String::from("dbg");
    let n = 3;
    dbg!(s);
    n
}

#[test]
fn dbg_takes_its_argument_by_value() {
    let (r, trace) = trace_ownership::capture(debug_macro);
    assert_eq!(r, 3);
    let mv = find(&trace, |e| e.kind == EventKind::Move && e.var == "s");
    assert_eq!(trace.events[mv].to.as_deref(), Some("dbg!"));
    // The String is freed at that statement, not at the closing brace.
    let free = find(&trace, |e| {
        e.kind == EventKind::Dealloc && e.count == Some(3)
    });
    assert_eq!(trace.events[free].line, trace.events[mv].line, "{trace}");
}

macro_rules! shout {
    ($e:expr) => {
        format!("{}!", $e)
    };
}

#[trace_ownership]
fn other_macro() -> String {
    let t = String::from("loud");
    let u = shout!(t);
    u + &t
}

#[test]
fn a_local_given_to_another_macro_and_used_again_is_not_moved() {
    let (r, trace) = trace_ownership::capture(other_macro);
    assert_eq!(r, "loud!loud");
    let given = find(&trace, |e| e.kind == EventKind::MaybeMove && e.var == "t");
    assert_eq!(trace.events[given].to.as_deref(), Some("shout!"));
    let end = trace.events.iter().rposition(|e| e.var == "t").unwrap();
    assert_eq!(trace.events[end].kind, EventKind::Dropped, "{trace}");
}

#[trace_ownership]
fn takes(s: String) -> usize {
    s.len()
}

#[trace_ownership]
fn caller() -> usize {
    let s = String::from("hello");
    takes(s)
}

#[test]
fn a_parameter_is_freed_inside_the_call() {
    let (r, trace) = trace_ownership::capture(caller);
    assert_eq!(r, 5);
    let exit = find(&trace, |e| e.kind == EventKind::FnExit && e.var == "takes");
    let free = find(&trace, |e| {
        e.kind == EventKind::Dealloc && e.count == Some(5)
    });
    assert!(free < exit, "{trace}");
    assert_eq!(trace.events[free].depth, trace.events[exit].depth);
    assert_eq!(trace.events[free - 1].kind, EventKind::Dropped);
    assert_eq!(trace.events[free - 1].var, "s");
}

struct Named {
    name: Noisy,
}

#[trace_ownership]
fn field_shorthand_then_field_read() -> usize {
    let name = noisy("ann");
    let p = Named { name };
    println!("{}", p.name.0);
    p.name.0.len()
}

/// `Named { name }` moves the variable `name` into the field; a later `p.name` (in a macro's
/// tokens too) reads the field, not the variable. Ground truth: the logging `Drop` shows the one
/// value dropped once, with `p`, and never as `name`.
#[test]
fn a_field_named_like_a_moved_variable_is_not_a_use_of_it() {
    let (r, trace, vars, real) = run_checked(field_shorthand_then_field_read);
    assert_eq!(r, 3);
    assert_eq!(real, ["ann"]);
    assert!(
        vars.is_empty(),
        "no `Noisy` variable dropped: not `name`\n{trace}"
    );
    assert!(
        trace
            .events
            .iter()
            .any(|e| e.kind == EventKind::Dropped && e.var == "p"),
        "the value dropped with `p`\n{trace}"
    );
    let given = trace
        .events
        .iter()
        .find(|e| e.var == "name" && e.kind != EventKind::Bind)
        .unwrap_or_else(|| panic!("what happened to `name`\n{trace}"));
    assert_eq!(given.kind, EventKind::Move, "{trace}");
    let end = trace.events.iter().rev().find(|e| e.var == "name").unwrap();
    assert_eq!(end.kind, EventKind::OutOfScope, "{trace}");
}

macro_rules! inferred {
    () => {
        _
    };
}

macro_rules! text {
    () => {
        String
    };
}

/// A type written by a macro may stand for `_` (or `impl Trait`): the attribute must not name
/// it again inside the body, where `_` would leave a type to infer from nothing (E0282).
#[trace_ownership]
fn types_written_by_macros() -> usize {
    let n: inferred!() = 5u8;
    let s: text!() = String::from("ab");
    n as usize + s.len()
}

#[test]
fn a_type_written_by_a_macro_compiles_as_written_and_the_value_still_has_its_type() {
    let (r, trace) = trace_ownership::capture(types_written_by_macros);
    assert_eq!(r, 7);
    let ty = |var: &str| {
        trace.events[find(&trace, |e| e.kind == EventKind::Bind && e.var == var)]
            .ty
            .clone()
    };
    assert_eq!(ty("n").as_deref(), Some("u8"), "{trace}");
    assert_eq!(ty("s").as_deref(), Some("alloc::string::String"), "{trace}");
}
