//! "Each value has a single owner; when the owner goes out of scope, the value is dropped"
//! (the seed), for bindings the program never uses again, as teaching code is full of: each
//! still says what it owns (type, stack bytes, heap block), and its drop what is freed.
//! Ground truth: the heap tracker (the block allocated is the block freed, at the drop) and a
//! logging `Drop`. That rustc still warns "unused variable" for each is checked by
//! `ui-traced/broken/unused-bindings.rs`.

mod common;
use common::{noisy, run_checked};
use trace_ownership::{trace_ownership, EventKind, Trace};

#[global_allocator]
static HEAP: trace_ownership::HeapTracker = trace_ownership::HeapTracker::new();

fn event<'t>(trace: &'t Trace, kind: EventKind, var: &str) -> (usize, &'t trace_ownership::Event) {
    trace
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| e.kind == kind && e.var == var)
        .unwrap_or_else(|| panic!("no {kind:?} of {var} in\n{trace}"))
}

#[trace_ownership]
#[allow(unused_variables)]
fn seed_example() {
    let s = String::from("hello"); // Allocated on the heap
                                   // s is valid here
} // s goes out of scope, memory is freed automatically

#[test]
fn the_seeds_own_example_shows_the_string_its_heap_block_and_its_free() {
    let ((), trace) = trace_ownership::capture(seed_example);
    let (_, bind) = event(&trace, EventKind::Bind, "s");
    assert_eq!(bind.ty.as_deref(), Some("alloc::string::String"));
    assert_eq!(bind.size, Some(24));
    let heap = bind.heap.expect("heap facts of `s`");
    assert_eq!(heap.bytes, Some(5));
    // The block the binding points to is the one allocated just before it...
    let alloc = trace.of_kind(EventKind::Alloc).next().expect("an alloc");
    assert_eq!(alloc.heap.and_then(|h| h.addr), heap.addr);
    // ...and the one freed right after its drop, at the closing brace.
    let (i, drop) = event(&trace, EventKind::Dropped, "s");
    assert_eq!(drop.line, bind.line + 2);
    let free = &trace.events[i + 1];
    assert_eq!(free.kind, EventKind::Dealloc, "{trace}");
    assert_eq!(free.heap.and_then(|h| h.addr), heap.addr);
    let text = trace.to_string();
    assert!(
        text.contains("`s` owns a value (a `String`): 24 bytes on the stack that point to 5 bytes on the heap at 0x"),
        "{text}"
    );
}

#[trace_ownership]
#[allow(unused_variables)]
fn never_used_again() -> usize {
    let c = noisy("c");
    let d = noisy("d");
    let n: u32 = 5;
    let len = String::from("tmp").as_str().len();
    len
}

#[test]
fn unused_bindings_have_their_type_and_are_dropped_in_reverse_order() {
    let (r, trace, vars, real) = run_checked(never_used_again);
    assert_eq!(r, 3);
    assert_eq!(vars, ["d", "c"]);
    assert_eq!(real, ["d", "c"]);
    for (var, ty) in [
        ("c", "Noisy"),
        ("d", "Noisy"),
        ("n", "u32"),
        ("len", "usize"),
    ] {
        let (_, bind) = event(&trace, EventKind::Bind, var);
        assert!(
            bind.ty.as_deref().is_some_and(|t| t.ends_with(ty)),
            "{var}: {:?}\n{trace}",
            bind.ty
        );
    }
}

#[trace_ownership]
#[allow(unused_variables)]
fn unused_parameter(p: String, q: u8) {}

#[test]
fn an_unused_parameter_has_its_declared_type() {
    let ((), trace) = trace_ownership::capture(|| unused_parameter(String::from("x"), 1));
    assert_eq!(
        event(&trace, EventKind::Bind, "p").1.ty.as_deref(),
        Some("alloc::string::String")
    );
    assert_eq!(
        event(&trace, EventKind::Bind, "q").1.ty.as_deref(),
        Some("u8")
    );
    let (_, drop) = event(&trace, EventKind::Dropped, "p");
    assert_eq!(drop.needs_drop, Some(true));
}

#[trace_ownership]
#[allow(unused_variables, unused_parens, clippy::unnecessary_operation)]
fn unused_initializers_of_every_shape() -> Option<u8> {
    let a = noisy("a");
    let lit = 7u16;
    let path = a;
    let paren = (3u8);
    let sum = 2u32 + 3;
    let tried = Some(1i8)?;
    let neg = -4i64;
    let made = vec![1u8];
    let x = 9u16;
    let r = &x;
    Some(0)
}

#[test]
fn an_unused_binding_of_any_initializer_shape_has_its_type() {
    let (r, trace) = trace_ownership::capture(unused_initializers_of_every_shape);
    assert_eq!(r, Some(0));
    for (var, ty) in [
        ("lit", "u16"),
        ("path", "Noisy"),
        ("paren", "u8"),
        ("sum", "u32"),
        ("tried", "i8"),
        ("neg", "i64"),
        ("made", "alloc::vec::Vec<u8>"),
        ("r", "&u16"),
    ] {
        let (_, bind) = event(&trace, EventKind::Bind, var);
        assert!(
            bind.ty.as_deref().is_some_and(|t| t.ends_with(ty)),
            "{var}: {:?}\n{trace}",
            bind.ty
        );
    }
}

#[trace_ownership]
#[allow(unused_variables)]
fn unused_shadow_of_what_it_reads() -> u8 {
    let x = 5u8;
    let x = x + 1;
    0
}

#[test]
fn an_unused_binding_that_shadows_the_variable_it_reads_has_its_type() {
    // The new `x` is never used (rustc warns), though its own `let` mentions the old `x`.
    let (r, trace) = trace_ownership::capture(unused_shadow_of_what_it_reads);
    assert_eq!(r, 0);
    let binds: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Bind && e.var == "x")
        .collect();
    assert_eq!(binds.len(), 2, "{trace}");
    assert_eq!(binds[1].ty.as_deref(), Some("u8"), "{trace}");
    assert_eq!(binds[1].size, Some(1), "{trace}");
}

#[allow(dead_code)]
struct Holder<'a> {
    r: &'a common::Noisy,
}

macro_rules! temporary_ref {
    () => {
        &noisy("macro")
    };
}

/// The same body, traced and not: `let` extends the life of a temporary borrowed in its
/// initializer (`&noisy(..)` in a tuple, parentheses, a cast, a struct or tuple-struct literal,
/// an array, a block's value, a `macro_rules!` fragment or expansion) to the end of the block: the attribute
/// must not shorten it.
macro_rules! extended_temporaries {
    ($name:ident, $fragment:expr $(, $attr:meta)?) => {
        $(#[$attr])?
        #[allow(unused_variables, unused_parens)]
        fn $name() {
            let t = (0, &noisy("tuple"));
            let p = (0, (&noisy("paren")));
            let c = (0, &noisy("cast") as &common::Noisy);
            let h = Holder { r: &noisy("struct") };
            let a = [&noisy("array")];
            let o = Some(&noisy("call"));
            let b = (0, { &noisy("block") });
            let f = (0, $fragment);
            let m = temporary_ref!();
            let last = noisy("last");
        }
    };
}
extended_temporaries!(extended_untraced, &noisy("fragment"));
extended_temporaries!(extended_traced, &noisy("fragment"), trace_ownership);

#[test]
fn temporaries_an_unused_let_extends_live_as_long_as_untraced() {
    common::reset();
    extended_untraced();
    let untraced: Vec<String> = common::real_drops().into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        untraced[0], "last",
        "every temporary outlives `last`: {untraced:?}"
    );
    let ((), _) = trace_ownership::capture(extended_traced);
    let traced: Vec<String> = common::real_drops().into_iter().map(|(l, _)| l).collect();
    assert_eq!(traced, untraced);
}
