//! The MIR parser on recorded MIR of small fixture programs (`tests/fixtures/*.rs`, their MIR
//! recorded once by `tests/fixtures/record.sh` with the pinned rustc 1.95.0): the facts each one
//! gives, as snapshots, plus the facts that the ownership rules say must be there.

use cargo_trace_ownership::facts::{Facts, Via};
use cargo_trace_ownership::mir;
use cargo_trace_ownership::place::Access;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.mir", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn facts(name: &str) -> Facts {
    Facts::from_mir(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The one use of `var` on `line` (fails if there is not exactly one in a user body).
fn use_on<'f>(
    f: &'f Facts,
    body: &str,
    var: &str,
    line: u32,
) -> &'f cargo_trace_ownership::facts::Fact {
    let found: Vec<_> = f
        .uses
        .iter()
        .filter(|u| u.body == body && u.var == var && u.span.lo.line == line)
        .collect();
    assert_eq!(found.len(), 1, "{var} on line {line} in {body}: {found:#?}");
    found[0]
}

macro_rules! snapshot {
    ($name:literal) => {
        insta::assert_snapshot!($name, facts($name).render());
    };
}

#[test]
fn receivers_self_ref_and_mut_ref() {
    snapshot!("receivers");
    let f = facts("receivers");
    let recv = |line, access, method: &str| {
        let u = use_on(
            &f,
            "main",
            match line {
                34 | 35 | 43 => "c",
                40 => "cell",
                _ => "h",
            },
            line,
        );
        assert_eq!(u.access, access, "line {line}");
        assert_eq!(
            u.via,
            Via::Receiver {
                method: method.into()
            },
            "line {line}"
        );
    };
    recv(34, Access::BorrowMut, "bump"); // fn bump(&mut self)
    recv(35, Access::Borrow, "peek"); // fn peek(&self)
    recv(43, Access::Move, "finish"); // fn finish(self)
    recv(40, Access::Borrow, "borrow_mut"); // RefCell::borrow_mut(&self)
    recv(42, Access::Move, "join"); // JoinHandle::join(self)
                                    // A user `Copy` type: copied, both by `let` and into a call.
    assert_eq!(use_on(&f, "main", "p", 37).access, Access::Copy);
    assert_eq!(use_on(&f, "main", "p", 38).access, Access::Copy);
    // `c` was moved by `finish`: the compiler drops it only while unwinding, behind its flag.
    let c_drops: Vec<_> = f
        .drops
        .iter()
        .filter(|d| d.body == "main" && d.var == "c")
        .collect();
    assert!(
        c_drops.iter().all(|d| d.unwinding && d.conditional),
        "{c_drops:?}"
    );
    // `h` moved into `join`: never dropped in `main`.
    assert!(!f.drops.iter().any(|d| d.body == "main" && d.var == "h"));
}

#[test]
fn closure_captures_by_ref_by_mut_and_by_value() {
    snapshot!("closures");
    let f = facts("closures");
    let cap = |var, line| {
        let u = use_on(&f, "main", var, line);
        assert!(matches!(u.via, Via::Capture { .. }), "{u:?}");
        u.access
    };
    assert_eq!(cap("total", 5), Access::BorrowMut);
    assert_eq!(cap("name", 8), Access::Borrow);
    assert_eq!(cap("owned", 10), Access::Move);
    // Inside the closure body, the captured name is used through the capture.
    let inner = use_on(&f, "main::{closure#1}", "name", 8);
    assert_eq!(
        inner.via,
        Via::Receiver {
            method: "len".into()
        }
    );
}

#[test]
fn generic_function() {
    snapshot!("generics");
    let f = facts("generics");
    assert_eq!(use_on(&f, "first", "items", 7).access, Access::Move);
    assert_eq!(use_on(&f, "first", "extra", 3).access, Access::Borrow);
    assert_eq!(use_on(&f, "first", "v", 5).place, "(*v)");
}

#[test]
fn drop_flags_of_a_value_moved_on_one_path() {
    snapshot!("drop_flags");
    let f = facts("drop_flags");
    let end_drops = |body: &str| -> Vec<_> {
        f.drops
            .iter()
            .filter(|d| d.body == body && d.var == "s" && !d.unwinding)
            .collect()
    };
    // Paths that part for good: one plain drop, on the path that did not move `s`.
    let parted = end_drops("parted");
    assert_eq!(parted.len(), 1, "{parted:?}");
    assert!(!parted[0].conditional);
    // Paths that meet again: one drop, behind the drop flag.
    let merged = end_drops("merged");
    assert_eq!(merged.len(), 1, "{merged:?}");
    assert!(merged[0].conditional);
}

#[test]
fn question_mark_early_return() {
    snapshot!("question");
    let f = facts("question");
    // `owned` is dropped on the `?` exits too: more than one (non-unwinding) drop.
    let n = f
        .drops
        .iter()
        .filter(|d| d.body == "parse_both" && d.var == "owned" && !d.unwinding)
        .count();
    assert!(n >= 2, "{}", f.render());
}

#[test]
fn match_patterns_and_partial_moves() {
    snapshot!("patterns");
    let f = facts("patterns");
    // `let left = pair.left;` moves field 0 only.
    assert_eq!(use_on(&f, "main", "pair", 21).place, "pair.0");
    assert_eq!(use_on(&f, "main", "pair", 21).access, Access::Move);
    // The match arm binds the variant's field by move.
    assert!(
        f.uses.iter().any(|u| u.body == "value"
            && u.var == "coin"
            && u.access == Access::Move
            && u.place == "(coin as Quarter).0"),
        "{}",
        f.render()
    );
}

#[test]
fn async_fn_body() {
    snapshot!("asynchronous");
    let f = facts("asynchronous");
    assert!(f.bindings.iter().any(|b| b.name == "name"));
}

#[test]
fn println_borrows_with_library_spans() {
    let f = facts("receivers");
    // `println!` borrows its arguments with the user's spans...
    for var in ["seen", "d", "r", "label"] {
        let u = use_on(&f, "main", var, 44);
        assert_eq!(u.access, Access::Borrow);
        assert!(!u.span.is_library());
    }
    // ...while its own machinery has library spans and names no user variable.
    let bodies = mir::parse(&fixture("receivers")).unwrap();
    let main = bodies.iter().find(|b| b.name == "main").unwrap();
    let library = main
        .blocks
        .iter()
        .flat_map(|b| &b.stmts)
        .filter(|s| s.span.as_ref().is_some_and(|s| s.is_library()))
        .count();
    assert!(library > 0);
    assert!(!f.uses.iter().any(|u| u.var == "args"));
}

#[test]
fn garbage_in_one_clear_error() {
    // What rustc prints for a program that does not compile: not MIR.
    let err = Facts::from_mir(&fixture("garbage")).unwrap_err();
    assert!(err.to_string().contains("no MIR body found"), "{err}");
    for text in [
        "",
        "fn",
        "fn main() {",
        "}}}}",
        "\u{0}\u{1}",
        "bb0: {\n  _1 = move _2;\n}",
    ] {
        // Never a panic; an unterminated body still gives what it has.
        let _ = Facts::from_mir(text);
    }
    let truncated: String = fixture("receivers").chars().take(3000).collect();
    assert!(Facts::from_mir(&truncated).is_ok());
}
