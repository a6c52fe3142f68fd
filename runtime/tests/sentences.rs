//! Every branch of `explain::sentence`, on its exact words: kind × evidence × detail, reference
//! or owned type, heap facts with and without an owner count, unwinding.
//!
//! Each row builds one event the way the recorder does and states the sentence a beginner
//! reads. A change of wording shows up here as a changed row, made on purpose.

use trace_ownership_runtime::explain::sentence;
use trace_ownership_runtime::{Event, EventKind, Evidence, HeapFacts};

/// An event of `kind` about `var`, built up by the row's closure.
fn ev(kind: EventKind, var: &str, f: impl FnOnce(&mut Event)) -> Event {
    let mut e = Event::new(kind, var.to_string(), 3, 9);
    f(&mut e);
    e
}

fn ty(e: &mut Event, t: &str, size: usize, needs_drop: bool) {
    e.ty = Some(t.to_string().into());
    e.size = Some(size);
    e.needs_drop = Some(needs_drop);
}

fn to(e: &mut Event, t: &str) {
    e.to = Some(t.to_string().into());
}

fn detail(e: &mut Event, d: &str) {
    e.detail = Some(d.to_string().into());
}

const STRING: &str = "alloc::string::String";
const REF_STRING: &str = "&alloc::string::String";
const RC: &str = "alloc::rc::Rc<i32>";

/// Checks every row and reports all mismatches at once.
fn check(rows: Vec<(&str, Event, &str)>) {
    let wrong: Vec<String> = rows
        .iter()
        .filter(|(_, e, want)| sentence(e) != *want)
        .map(|(name, e, want)| format!("{name}:\n  want: {want}\n  got:  {}", sentence(e)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn calls() {
    check(vec![
        (
            "enter",
            ev(EventKind::FnEnter, "main", |_| {}),
            "call `main`",
        ),
        (
            "exit",
            ev(EventKind::FnExit, "main", |_| {}),
            "`main` returns",
        ),
        (
            "exit unwinding",
            ev(EventKind::FnExit, "main", |e| detail(e, "unwinding")),
            "`main` unwinds from a panic",
        ),
    ]);
}

#[test]
fn binds() {
    check(vec![
        (
            "declared",
            ev(EventKind::Bind, "x", |e| detail(e, "declared without a value")),
            "`x` is declared with no value yet: it must be given one before use",
        ),
        (
            "parameter, owned",
            ev(EventKind::Bind, "s", |e| {
                detail(e, "parameter");
                ty(e, STRING, 24, true);
            }),
            "parameter `s` owns the value passed in (a `String`)",
        ),
        (
            "parameter, reference",
            ev(EventKind::Bind, "s", |e| {
                detail(e, "parameter");
                ty(e, REF_STRING, 8, false);
            }),
            "parameter `s` holds the reference passed in (a `&String`): it does not own what it points to",
        ),
        (
            "loop variable",
            ev(EventKind::Bind, "i", |e| {
                detail(e, "loop variable");
                ty(e, "i32", 4, false);
            }),
            "loop variable `i` owns this iteration's value (an `i32`)",
        ),
        (
            "closure parameter",
            ev(EventKind::Bind, "x", |e| {
                detail(e, "closure parameter");
                ty(e, "u8", 1, false);
            }),
            "closure parameter `x` owns the value passed in (a `u8`)",
        ),
        (
            "let, reference",
            ev(EventKind::Bind, "r", |e| ty(e, REF_STRING, 8, false)),
            "`r` holds a reference (a `&String`): 8 bytes on the stack; it does not own what it points to",
        ),
        (
            "pattern, reference",
            ev(EventKind::Bind, "r", |e| {
                detail(e, "pattern");
                ty(e, "&i32", 8, false);
            }),
            "`r` holds a reference (a `&i32`): 8 bytes on the stack; it does not own what it points to",
        ),
        (
            "let, no type known",
            ev(EventKind::Bind, "x", |_| {}),
            "`x` gets its value (its type is not observed: reading `x` here would change the compiler's warnings or errors)",
        ),
        (
            "the end of a binding not read",
            ev(EventKind::Dropped, "x", |e| e.evidence = Some(Evidence::Unknown)),
            "`x` goes out of scope: what it owns, if anything, is dropped here (its type was not observed)",
        ),
        (
            "a Copy receiver of a method not seen",
            ev(EventKind::Copied, "m", |e| {
                to(e, "doubled()");
                detail(e, "method receiver");
                e.evidence = Some(Evidence::CopyType);
            }),
            "`m` copied into `doubled()`, or borrowed by it (its signature decides): its type is `Copy`, so `m` stays usable either way",
        ),
        (
            "let, plain value without an address",
            ev(EventKind::Bind, "n", |e| ty(e, "usize", 8, false)),
            "`n` owns a value (a `usize`): 8 bytes on the stack",
        ),
        (
            "let, plain value with its address",
            ev(EventKind::Bind, "n", |e| {
                ty(e, "usize", 8, false);
                e.addr = Some(0x10);
            }),
            "`n` owns a value (a `usize`): 8 bytes on the stack at 0x10",
        ),
        (
            "let, heap owner without heap facts",
            ev(EventKind::Bind, "s", |e| ty(e, STRING, 24, true)),
            "`s` owns a value (a `String`): 24 bytes on the stack that point to data on the heap",
        ),
        (
            "let, heap block known",
            ev(EventKind::Bind, "s", |e| {
                ty(e, STRING, 24, true);
                e.addr = Some(0x10);
                e.heap = Some(HeapFacts {
                    addr: Some(0x20),
                    bytes: Some(5),
                    ..HeapFacts::default()
                });
            }),
            "`s` owns a value (a `String`): 24 bytes on the stack at 0x10 that point to 5 bytes on the heap at 0x20",
        ),
        (
            "let, a heap block of one byte: singular",
            ev(EventKind::Bind, "s", |e| {
                ty(e, STRING, 24, true);
                e.addr = Some(0x10);
                e.heap = Some(HeapFacts {
                    addr: Some(0x20),
                    bytes: Some(1),
                    ..HeapFacts::default()
                });
            }),
            "`s` owns a value (a `String`): 24 bytes on the stack at 0x10 that point to 1 byte on the heap at 0x20",
        ),
        (
            "let, no heap block yet",
            ev(EventKind::Bind, "s", |e| {
                ty(e, STRING, 24, true);
                e.heap = Some(HeapFacts {
                    bytes: Some(0),
                    ..HeapFacts::default()
                });
            }),
            "`s` owns a value (a `String`): 24 bytes on the stack; no heap memory yet",
        ),
        (
            "let, shared owner, one owner",
            ev(EventKind::Bind, "a", |e| {
                ty(e, RC, 8, true);
                e.heap = Some(HeapFacts {
                    addr: Some(0x30),
                    strong: Some(1),
                    weak: Some(0),
                    ..HeapFacts::default()
                });
            }),
            "`a` owns a value (an `Rc<i32>`): 8 bytes on the stack pointing to a shared value on the heap at 0x30 (1 owner now)",
        ),
        (
            "let, shared owner, two owners",
            ev(EventKind::Bind, "b", |e| {
                ty(e, RC, 8, true);
                e.heap = Some(HeapFacts {
                    addr: Some(0x30),
                    strong: Some(2),
                    weak: Some(0),
                    ..HeapFacts::default()
                });
            }),
            "`b` owns a value (an `Rc<i32>`): 8 bytes on the stack pointing to a shared value on the heap at 0x30 (2 owners now)",
        ),
        (
            "let, value with no heap",
            ev(EventKind::Bind, "p", |e| ty(e, "demo::Point", 8, false)),
            "`p` owns a value (a `Point`): 8 bytes on the stack",
        ),
    ]);
}

#[test]
fn moves_copies_clones() {
    check(vec![
        (
            "move into a variable, drop glue",
            ev(EventKind::Move, "s", |e| {
                to(e, "t");
                e.evidence = Some(Evidence::DropGlue);
            }),
            "`s` moved into `t`: `s` can no longer be used (its type has drop code, so it is never `Copy`)",
        ),
        (
            "move decided by the compiler (precise mode)",
            ev(EventKind::Move, "s", |e| {
                to(e, "t");
                e.evidence = Some(Evidence::Compiler);
            }),
            "`s` moved into `t`: `s` can no longer be used (as the compiler's MIR of this code says)",
        ),
        (
            "move, declared not Copy",
            ev(EventKind::Move, "s", |e| {
                to(e, "f()");
                e.evidence = Some(Evidence::NotCopyType);
            }),
            "`s` moved into `f()`: `s` can no longer be used",
        ),
        (
            "move by a method's name",
            ev(EventKind::Move, "o", |e| {
                to(e, "unwrap()");
                detail(e, "method receiver");
                e.evidence = Some(Evidence::Convention);
            }),
            "`o` moved into `unwrap()`: `o` can no longer be used",
        ),
        (
            "move, no destination",
            ev(EventKind::Move, "s", |_| {}),
            "`s` moved into a new owner: `s` can no longer be used",
        ),
        (
            "move as the return value",
            ev(EventKind::Move, "s", |e| {
                to(e, "return value");
                e.evidence = Some(Evidence::DropGlue);
            }),
            "`s` moved out to the caller as the return value (its type has drop code, so it is never `Copy`)",
        ),
        (
            "partial move",
            ev(EventKind::Move, "p.name", |e| {
                to(e, "n");
                detail(e, "partial move");
            }),
            "`p.name` moved out into `n`: that part can no longer be used, the rest stays",
        ),
        (
            "copy proven by a later use",
            ev(EventKind::Copied, "x", |e| {
                to(e, "y");
                e.evidence = Some(Evidence::UsedLater);
            }),
            "`x` copied into `y`: both are usable, `Copy` values are duplicated (the program uses it again later, so it was not moved)",
        ),
        (
            "copy of a Copy type",
            ev(EventKind::Copied, "x", |e| {
                to(e, "the `+` operator");
                e.evidence = Some(Evidence::CopyType);
            }),
            "`x` copied into the `+` operator: both are usable, `Copy` values are duplicated",
        ),
        (
            "clone of a String",
            ev(EventKind::Cloned, "s", |e| {
                to(e, "t");
                ty(e, STRING, 24, true);
            }),
            "`s` cloned into `t`: a deep copy, each owns its own data",
        ),
        (
            "clone of an Rc",
            ev(EventKind::Cloned, "a", |e| {
                to(e, "b");
                ty(e, RC, 8, true);
            }),
            "`a` cloned into `b`: a new owner of the same value, nothing is copied (the `Rc` now counts one owner more)",
        ),
        (
            "r.clone() on a reference: the String it points to",
            ev(EventKind::Cloned, "r", |e| {
                to(e, "t");
                ty(e, REF_STRING, 8, false);
            }),
            "the value `r` points to cloned into `t`: a deep copy, each owns its own data",
        ),
        (
            "clone of a reference to a reference: the inner reference",
            ev(EventKind::Cloned, "r", |e| {
                to(e, "t");
                ty(e, "&&alloc::string::String", 8, false);
            }),
            "`r` cloned into `t`: a copy of the reference: both point to the same value",
        ),
        (
            "(*rc).clone(): the value, not a new owner",
            ev(EventKind::Cloned, "a", |e| {
                to(e, "b");
                ty(e, "alloc::rc::Rc<alloc::string::String>", 8, true);
                detail(e, "the value it points to");
            }),
            "the value `a` points to cloned into `b`: a deep copy, each owns its own data",
        ),
        (
            "(*b).clone() of a Box with its allocator spelled out",
            ev(EventKind::Cloned, "b", |e| {
                to(e, "c");
                ty(e, "alloc::boxed::Box<alloc::vec::Vec<u8>, alloc::alloc::Global>", 8, true);
                detail(e, "the value it points to");
            }),
            "the value `b` points to cloned into `c`: a deep copy, each owns its own data",
        ),
        (
            "(*b).clone() of a Box of a map: its first argument, commas inside it kept",
            ev(EventKind::Cloned, "b", |e| {
                to(e, "c");
                ty(e, "alloc::boxed::Box<alloc::collections::btree::map::BTreeMap<u8, alloc::string::String>>", 8, true);
                detail(e, "the value it points to");
            }),
            "the value `b` points to cloned into `c`: a deep copy, each owns its own data",
        ),
        (
            "(*p).clone() through a pointer the runtime does not know",
            ev(EventKind::Cloned, "p", |e| {
                to(e, "c");
                ty(e, "my::Ptr<u8>", 8, true);
                detail(e, "the value it points to");
            }),
            "the value `p` points to cloned into `c`: a new value made by `.clone()` (a deep copy for most types, a new owner of the same value for an `Rc` or `Arc`: which one, the trace cannot see here)",
        ),
        (
            "(*r).clone() of an i32 behind a reference",
            ev(EventKind::Cloned, "r", |e| {
                to(e, "n");
                ty(e, "&mut i32", 8, false);
                detail(e, "the value it points to");
            }),
            "the value `r` points to cloned into `n`: for a `Copy` type a clone is a plain copy, both are usable",
        ),
        (
            "clone, type unknown",
            ev(EventKind::Cloned, "a", |e| to(e, "a temporary")),
            "`a` cloned into a temporary: a new value made by `.clone()` (a deep copy for most types, a new owner of the same value for an `Rc` or `Arc`: which one, the trace cannot see here)",
        ),
        (
            "maybe moved, by a method",
            ev(EventKind::MaybeMove, "h", |e| {
                to(e, "finish()");
                detail(e, "method receiver");
                e.evidence = Some(Evidence::Unknown);
            }),
            "`h` given to `finish()` as method receiver: moved, copied or borrowed, the macro cannot see which",
        ),
        (
            "maybe moved, no detail",
            ev(EventKind::MaybeMove, "x", |e| {
                to(e, "f()");
                e.evidence = Some(Evidence::Unknown);
            }),
            "`x` given to `f()`: moved, copied or borrowed, the macro cannot see which",
        ),
    ]);
}

#[test]
fn borrows() {
    check(vec![
        (
            "shared, by a variable",
            ev(EventKind::Borrowed, "s", |e| to(e, "r")),
            "`s` borrowed (shared, read-only) by `r`",
        ),
        (
            "shared, by a macro",
            ev(EventKind::Borrowed, "s", |e| {
                to(e, "println!");
                detail(e, "println!");
            }),
            "`s` borrowed (shared, read-only) by `println!`",
        ),
        (
            "shared, by a method's name",
            ev(EventKind::Borrowed, "s", |e| {
                to(e, "len()");
                detail(e, "len()");
                e.evidence = Some(Evidence::Convention);
            }),
            "`s` borrowed (shared, read-only) by `len()`",
        ),
        (
            "shared, by a method, for a variable",
            ev(EventKind::Borrowed, "v", |e| {
                to(e, "it");
                detail(e, "iter()");
                e.evidence = Some(Evidence::Convention);
            }),
            "`v` borrowed (shared, read-only) by `it` (via `iter()`)",
        ),
        (
            "receiver used later",
            ev(EventKind::Borrowed, "x", |e| {
                to(e, "finish()");
                detail(e, "method receiver");
                e.evidence = Some(Evidence::UsedLater);
            }),
            "`x` used by `finish()` through a reference (shared or mutable) (the program uses it again later, so it was not moved)",
        ),
        (
            "mutable, by a variable",
            ev(EventKind::BorrowedMut, "s", |e| to(e, "r")),
            "`s` borrowed mutably by `r`: no other use of `s` until it ends",
        ),
        (
            "mutable, by a method's name",
            ev(EventKind::BorrowedMut, "v", |e| {
                to(e, "push()");
                detail(e, "push()");
                e.evidence = Some(Evidence::Convention);
            }),
            "`v` borrowed mutably by `push()`: no other use of `v` until it ends",
        ),
        (
            "mem::take",
            ev(EventKind::BorrowedMut, "v", |e| to(e, "std::mem::take()")),
            "`v` borrowed mutably by `std::mem::take()`: `take` moves the value out and leaves `Default::default()` in its place",
        ),
        (
            "mem::replace",
            ev(EventKind::BorrowedMut, "v", |e| to(e, "mem::replace()")),
            "`v` borrowed mutably by `mem::replace()`: `replace` moves the value out and puts the new one in its place",
        ),
        (
            "mem::swap",
            ev(EventKind::BorrowedMut, "a", |e| to(e, "mem::swap()")),
            "`a` borrowed mutably by `mem::swap()`: `swap` exchanges the two values; nothing is dropped",
        ),
        (
            "end, kept in a variable",
            ev(EventKind::BorrowEnd, "s", |e| {
                to(e, "calculate_length()");
                detail(e, "len");
            }),
            "the borrow of `s` by `calculate_length()`, kept in `len`, ends: `s` is free again",
        ),
        (
            "end",
            ev(EventKind::BorrowEnd, "s", |e| to(e, "r1")),
            "the borrow of `s` by `r1` ends: `s` is free again",
        ),
    ]);
}

#[test]
fn drops() {
    check(vec![
        (
            "scope end, String",
            ev(EventKind::Dropped, "s", |e| ty(e, STRING, 24, true)),
            "`s` goes out of scope and is dropped: its heap buffer of text is freed",
        ),
        (
            "scope end, Vec",
            ev(EventKind::Dropped, "v", |e| ty(e, "alloc::vec::Vec<u8>", 24, true)),
            "`v` goes out of scope and is dropped: its heap buffer of elements is freed",
        ),
        (
            "scope end, Box",
            ev(EventKind::Dropped, "b", |e| ty(e, "alloc::boxed::Box<u8>", 8, true)),
            "`b` goes out of scope and is dropped: the heap memory it points to is freed",
        ),
        (
            "scope end, HashMap",
            ev(EventKind::Dropped, "m", |e| {
                ty(e, "std::collections::hash::map::HashMap<u8, u8>", 48, true)
            }),
            "`m` goes out of scope and is dropped: its heap-allocated entries are freed",
        ),
        (
            "scope end, PathBuf",
            ev(EventKind::Dropped, "p", |e| ty(e, "std::path::PathBuf", 24, true)),
            "`p` goes out of scope and is dropped: its heap buffer is freed",
        ),
        (
            "scope end, Rc",
            ev(EventKind::Dropped, "a", |e| ty(e, RC, 8, true)),
            "`a` goes out of scope and is dropped: one owner fewer; the shared value is freed only when its last owner is dropped",
        ),
        (
            "scope end, a type with drop code",
            ev(EventKind::Dropped, "n", |e| ty(e, "demo::Noisy", 24, true)),
            "`n` goes out of scope and is dropped: its drop code runs",
        ),
        (
            "scope end, nothing to free",
            ev(EventKind::Dropped, "x", |e| ty(e, "i32", 4, false)),
            "`x` goes out of scope and is dropped: nothing to free, its stack bytes are just popped",
        ),
        (
            "scope end, type unknown",
            ev(EventKind::Dropped, "x", |_| {}),
            "`x` goes out of scope and is dropped",
        ),
        (
            "scope end, unwinding",
            ev(EventKind::Dropped, "s", |e| {
                ty(e, STRING, 24, true);
                detail(e, "unwinding from a panic");
            }),
            "`s` goes out of scope and is dropped: its heap buffer of text is freed (while unwinding from a panic)",
        ),
        (
            "old value replaced",
            ev(EventKind::Dropped, "s", |e| {
                ty(e, STRING, 24, true);
                detail(e, "old value replaced by assignment");
            }),
            "the old value of `s` is dropped before the new one is stored: its heap buffer of text is freed",
        ),
        (
            "drop()",
            ev(EventKind::Dropped, "v", |e| {
                ty(e, "alloc::vec::Vec<u8>", 24, true);
                detail(e, "dropped early by drop()");
                e.evidence = Some(Evidence::DropGlue);
            }),
            "`v` is dropped now by `drop()`, before its scope ends: its heap buffer of elements is freed",
        ),
    ]);
}

#[test]
fn scope_ends_without_a_drop() {
    check(vec![
        (
            "moved away",
            ev(EventKind::OutOfScope, "s", |e| detail(e, "moved to t")),
            "`s` goes out of scope: its value was moved to t, so nothing is dropped",
        ),
        (
            "moved away, unwinding",
            ev(EventKind::OutOfScope, "s", |e| {
                detail(e, "moved to t; unwinding from a panic")
            }),
            "`s` goes out of scope: its value was moved to t, so nothing is dropped (while unwinding from a panic)",
        ),
        (
            "maybe taken, with drop code",
            ev(EventKind::OutOfScope, "h", |e| {
                ty(e, "demo::Handle", 8, true);
                detail(e, "may have been taken by finish()");
                e.evidence = Some(Evidence::Unknown);
            }),
            "`h` goes out of scope: dropped here unless its value may have been taken by finish() (the macro cannot see)",
        ),
        (
            "maybe taken, nothing to free",
            ev(EventKind::OutOfScope, "h", |e| {
                ty(e, "demo::Id", 8, false);
                detail(e, "may have been taken by finish()");
                e.evidence = Some(Evidence::Unknown);
            }),
            "`h` goes out of scope: nothing to free either way",
        ),
        (
            "partially moved",
            ev(EventKind::OutOfScope, "p", |e| detail(e, "partially moved")),
            "`p` goes out of scope: the parts moved out are not dropped, the rest is",
        ),
        (
            "never given a value",
            ev(EventKind::OutOfScope, "x", |e| detail(e, "never given a value")),
            "`x` goes out of scope: it never got a value, nothing to drop",
        ),
        (
            "no detail",
            ev(EventKind::OutOfScope, "x", |_| {}),
            "`x` goes out of scope",
        ),
    ]);
}

#[test]
fn assignments_folds_and_heap() {
    check(vec![
        (
            "assign",
            ev(EventKind::Assign, "s", |e| ty(e, STRING, 24, true)),
            "`s` gets a new value (a `String`)",
        ),
        (
            "folded loop",
            ev(EventKind::Folded, "loop", |e| {
                e.count = Some(7);
                detail(e, "42 events");
            }),
            "… 7 more loop iterations folded (42 events)",
        ),
        (
            "folded closure calls",
            ev(EventKind::Folded, "closure", |e| {
                e.count = Some(2);
                detail(e, "6 events");
            }),
            "… 2 more closure calls folded (6 events)",
        ),
        (
            "alloc",
            ev(EventKind::Alloc, "heap", |e| {
                e.count = Some(5);
                e.heap = Some(HeapFacts {
                    addr: Some(0x40),
                    bytes: Some(5),
                    ..HeapFacts::default()
                });
            }),
            "5 bytes allocated on the heap at 0x40",
        ),
        (
            "dealloc",
            ev(EventKind::Dealloc, "heap", |e| {
                e.count = Some(5);
                e.heap = Some(HeapFacts {
                    addr: Some(0x40),
                    bytes: Some(5),
                    ..HeapFacts::default()
                });
            }),
            "5 bytes of heap memory freed at 0x40",
        ),
        (
            "realloc",
            ev(EventKind::Realloc, "heap", |e| e.count = Some(12)),
            "a heap block resized to 12 bytes",
        ),
        (
            "one byte allocated, freed, resized: singular",
            ev(EventKind::Alloc, "heap", |e| e.count = Some(1)),
            "1 byte allocated on the heap",
        ),
        (
            "one byte freed",
            ev(EventKind::Dealloc, "heap", |e| e.count = Some(1)),
            "1 byte of heap memory freed",
        ),
        (
            "resized to one byte",
            ev(EventKind::Realloc, "heap", |e| e.count = Some(1)),
            "a heap block resized to 1 byte",
        ),
    ]);
}

/// A receiver event as the slot records it when the type's standard signature is known.
fn receiver(kind: EventKind, var: &str, t: &str, method: &str, evidence: Evidence) -> Event {
    ev(kind, var, |e| {
        ty(e, t, 8, true);
        to(e, &format!("{method}()"));
        detail(e, "method receiver");
        e.evidence = Some(evidence);
    })
}

#[test]
fn receivers_checked_by_their_type() {
    use Evidence::StdSignature as STD;
    check(vec![
        (
            "String::len",
            receiver(EventKind::Borrowed, "s", STRING, "len", STD),
            "`s` borrowed (shared, read-only) by `len()`",
        ),
        (
            "Vec::push",
            receiver(EventKind::BorrowedMut, "v", "alloc::vec::Vec<i32>", "push", STD),
            "`v` borrowed mutably by `push()`: no other use of `v` until it ends",
        ),
        (
            "RefCell::borrow",
            receiver(EventKind::Borrowed, "c", "core::cell::RefCell<i32>", "borrow", STD),
            "`c` borrowed (shared) by `borrow()`: the `RefCell` checks, as the program runs, that its contents are not borrowed mutably, and hands out a `Ref` guard: a shared borrow of the contents until the guard is dropped",
        ),
        (
            "RefCell::borrow_mut through an Rc",
            receiver(
                EventKind::Borrowed,
                "value",
                "alloc::rc::Rc<core::cell::RefCell<i32>>",
                "borrow_mut",
                STD,
            ),
            "`value` borrowed (shared) by `borrow_mut()` (through the `Rc`, to the `RefCell` inside): the `RefCell` checks, as the program runs, that its contents are not borrowed at all, and hands out a `RefMut` guard: a mutable borrow of the contents until the guard is dropped",
        ),
        (
            "RefCell::try_borrow_mut",
            receiver(EventKind::Borrowed, "c", "core::cell::RefCell<i32>", "try_borrow_mut", STD),
            "`c` borrowed (shared) by `try_borrow_mut()`: the `RefCell` checks, as the program runs, that its contents are not borrowed at all, and hands out a `RefMut` guard, or an error if it cannot: a mutable borrow of the contents until the guard is dropped",
        ),
        (
            "Mutex::lock through an Arc",
            receiver(
                EventKind::Borrowed,
                "m",
                "alloc::sync::Arc<std::sync::poison::mutex::Mutex<i32>>",
                "lock",
                STD,
            ),
            "`m` borrowed (shared) by `lock()` (through the `Arc`, to the `Mutex` inside): the `Mutex` waits until no other thread holds its lock and hands out a `MutexGuard` guard: access to the contents for this thread alone until the guard is dropped",
        ),
        (
            "RwLock::read",
            receiver(EventKind::Borrowed, "l", "std::sync::poison::rwlock::RwLock<i32>", "read", STD),
            "`l` borrowed (shared) by `read()`: the `RwLock` waits until no writer holds it and hands out a `RwLockReadGuard` guard: shared access to the contents until the guard is dropped",
        ),
        (
            "RwLock::write",
            receiver(EventKind::Borrowed, "l", "std::sync::poison::rwlock::RwLock<i32>", "write", STD),
            "`l` borrowed (shared) by `write()`: the `RwLock` waits until no reader or writer holds it and hands out a `RwLockWriteGuard` guard: exclusive access to the contents until the guard is dropped",
        ),
        (
            "Cell::set",
            receiver(EventKind::Borrowed, "c", "core::cell::Cell<i32>", "set", STD),
            "`c` borrowed (shared) by `set()`: a `Cell` changes its contents through a shared borrow (interior mutability)",
        ),
        (
            "Cell::get",
            receiver(EventKind::Borrowed, "c", "core::cell::Cell<i32>", "get", STD),
            "`c` borrowed (shared, read-only) by `get()`",
        ),
        (
            "JoinHandle::join",
            receiver(EventKind::Move, "handle", "std::thread::join_handle::JoinHandle<()>", "join", STD),
            "`handle` moved into `join()`: `handle` can no longer be used (`join` takes `self` by value: its signature in the standard library)",
        ),
        (
            "a guess from the name is said without a hedge in the words",
            receiver(EventKind::Borrowed, "t", "demo::Thing", "len", Evidence::Convention),
            "`t` borrowed (shared, read-only) by `len()`",
        ),
    ]);
}

#[test]
fn clones_by_the_source_type() {
    let clone = |t: Option<&str>| {
        ev(EventKind::Cloned, "a", |e| {
            to(e, "b");
            if let Some(t) = t {
                ty(e, t, 8, true);
            }
        })
    };
    check(vec![
        (
            "Arc",
            clone(Some("alloc::sync::Arc<alloc::string::String>")),
            "`a` cloned into `b`: a new owner of the same value, nothing is copied (the `Arc` now counts one owner more)",
        ),
        (
            "a reference to an Rc clones the Rc",
            clone(Some("&alloc::rc::Rc<i32>")),
            "the value `a` points to cloned into `b`: a new owner of the same value, nothing is copied (the `Rc` now counts one owner more)",
        ),
        (
            "Weak",
            clone(Some("alloc::rc::Weak<i32>")),
            "`a` cloned into `b`: a new weak reference to the same value: it does not keep the value alive",
        ),
        (
            "a reference to a reference",
            clone(Some("&&alloc::string::String")),
            "`a` cloned into `b`: a copy of the reference: both point to the same value",
        ),
        (
            "a Copy type",
            clone(Some("i32")),
            "`a` cloned into `b`: for a `Copy` type a clone is a plain copy, both are usable",
        ),
        (
            "Vec<String>: deep",
            clone(Some("alloc::vec::Vec<alloc::string::String>")),
            "`a` cloned into `b`: a deep copy, each owns its own data",
        ),
        (
            "a map of Strings: deep",
            clone(Some(
                "std::collections::hash::map::HashMap<alloc::string::String, i32, std::hash::random::RandomState>",
            )),
            "`a` cloned into `b`: a deep copy, each owns its own data",
        ),
        (
            "Vec<Rc<_>>: shares its elements",
            clone(Some("alloc::vec::Vec<alloc::rc::Rc<i32>>")),
            "`a` cloned into `b`: a new value whose `Rc`/`Arc` parts are shared, not copied: each of them counts one owner more",
        ),
        (
            "a user's type",
            clone(Some("demo::List")),
            "`a` cloned into `b`: a new value made by its type's `Clone`: a deep copy unless the type shares parts (an `Rc` inside, say)",
        ),
        (
            // `type_name`'s own spelling (verified with rustc 1.95.0): the comma inside the
            // map's parameters is not a comma between the `Vec`'s parameters.
            "Vec of maps of Strings: deep",
            clone(Some(
                "alloc::vec::Vec<std::collections::hash::map::HashMap<alloc::string::String, alloc::string::String>>",
            )),
            "`a` cloned into `b`: a deep copy, each owns its own data",
        ),
        (
            // `type_name` leaves the default allocator out; where a name spells it, the
            // allocator is not cloned data.
            "a Vec with its allocator spelled out",
            clone(Some("alloc::vec::Vec<i32, alloc::alloc::Global>")),
            "`a` cloned into `b`: a deep copy, each owns its own data",
        ),
        (
            // A function item's `type_name` has `<...>` in the middle, not at the end: it is
            // not a `Vec`, and it holds no `Rc`.
            "a function item named after a generic type",
            clone(Some("alloc::vec::Vec<&str>::new")),
            "`a` cloned into `b`: a new value made by its type's `Clone`: a deep copy unless the type shares parts (an `Rc` inside, say)",
        ),
        (
            "Vec of a user's type",
            clone(Some("alloc::vec::Vec<demo::Node>")),
            "`a` cloned into `b`: a new value made by its type's `Clone`: a deep copy unless the type shares parts (an `Rc` inside, say)",
        ),
    ]);
}

#[test]
fn references_own_nothing() {
    check(vec![
        (
            "loop variable, reference",
            ev(EventKind::Bind, "x", |e| {
                detail(e, "loop variable");
                ty(e, "&i32", 8, false);
            }),
            "loop variable `x` holds a reference to this iteration's item (a `&i32`): it does not own what it points to",
        ),
        (
            "closure parameter, reference",
            ev(EventKind::Bind, "x", |e| {
                detail(e, "closure parameter");
                ty(e, "&mut u8", 8, false);
            }),
            "closure parameter `x` holds the reference passed in (a `&mut u8`): it does not own what it points to",
        ),
        (
            "scope end of a reference",
            ev(EventKind::OutOfScope, "r", |e| {
                ty(e, REF_STRING, 8, false);
                detail(e, "a reference");
            }),
            "`r` goes out of scope: a reference owns nothing, so nothing is dropped",
        ),
        (
            "a borrow whose result cannot hold it",
            ev(EventKind::BorrowEnd, "s", |e| {
                to(e, "calculate_length()");
                detail(e, "ended with the call");
            }),
            "the borrow of `s` by `calculate_length()` ends with the call: what it returned cannot hold a borrow, so `s` is free again",
        ),
        (
            "drop of a RefCell guard",
            ev(EventKind::Dropped, "g", |e| {
                ty(e, "core::cell::RefMut<'_, i32>", 16, true);
                detail(e, "dropped early by drop()");
            }),
            "`g` is dropped now by `drop()`, before its scope ends: the guard's drop code gives its borrow of the `RefCell`'s contents back",
        ),
        (
            "scope end of a Mutex guard",
            ev(EventKind::Dropped, "g", |e| {
                ty(e, "std::sync::poison::mutex::MutexGuard<'_, i32>", 16, true)
            }),
            "`g` goes out of scope and is dropped: the guard's drop code unlocks the `Mutex`",
        ),
        (
            "scope end of a RwLock guard",
            ev(EventKind::Dropped, "g", |e| {
                ty(e, "std::sync::poison::rwlock::RwLockWriteGuard<'_, i32>", 16, true)
            }),
            "`g` goes out of scope and is dropped: the guard's drop code releases its hold on the `RwLock`",
        ),
        (
            "a user's type named Ref is no guard",
            ev(EventKind::Dropped, "g", |e| ty(e, "demo::Ref<i32>", 16, true)),
            "`g` goes out of scope and is dropped: its drop code runs",
        ),
        (
            "scope end of a Weak",
            ev(EventKind::Dropped, "w", |e| ty(e, "alloc::rc::Weak<i32>", 8, true)),
            "`w` goes out of scope and is dropped: one weak reference fewer; it never kept the value alive",
        ),
    ]);
}

#[test]
fn hedges_are_marked_not_spelled_out() {
    use trace_ownership_runtime::explain::hedged;
    let with = |evidence: Option<Evidence>| {
        ev(EventKind::Borrowed, "s", |e| {
            to(e, "len()");
            e.evidence = evidence;
        })
    };
    assert!(hedged(&with(Some(Evidence::Convention))));
    assert!(hedged(&with(Some(Evidence::Unknown))));
    for sure in [
        None,
        Some(Evidence::StdSignature),
        Some(Evidence::DropGlue),
        Some(Evidence::CopyType),
        Some(Evidence::NotCopyType),
        Some(Evidence::UsedLater),
    ] {
        assert!(!hedged(&with(sure)), "{sure:?}");
    }
}

#[test]
fn closures_and_macros() {
    check(vec![
        (
            "a closure binding",
            ev(EventKind::Bind, "greet", |e| {
                ty(e, "my_crate::main::{{closure}}", 8, false)
            }),
            "`greet` owns a value (a closure): 8 bytes on the stack",
        ),
        (
            "shared capture",
            ev(EventKind::Borrowed, "first", |e| {
                e.of = Some("first".into());
                to(e, "greet");
                detail(e, "captured by a closure");
            }),
            "`first` borrowed (shared, read-only) by `greet` (the closure captures it by reference)",
        ),
        (
            "mutable capture",
            ev(EventKind::BorrowedMut, "list", |e| {
                e.of = Some("list".into());
                to(e, "add_one");
                detail(e, "captured by a closure");
            }),
            "`list` borrowed mutably by `add_one` (the closure captures it by reference): no other use of `list` until it ends",
        ),
        (
            "capture by value",
            ev(EventKind::Move, "owned", |e| {
                e.from = Some("owned".into());
                to(e, "consume");
                detail(e, "captured by a closure");
                e.evidence = Some(Evidence::DropGlue);
            }),
            "`owned` moved into the closure `consume`, which captures it by value (its body consumes it): `owned` can no longer be used (its type has drop code, so it is never `Copy`)",
        ),
        (
            "capture unseen",
            ev(EventKind::MaybeMove, "v", |e| {
                e.from = Some("v".into());
                to(e, "f");
                detail(e, "captured by a closure");
                e.evidence = Some(Evidence::Unknown);
            }),
            "`v` captured by the closure `f`: by reference or by value, the macro cannot see which",
        ),
        (
            "one byte",
            ev(EventKind::Bind, "state", |e| ty(e, "my_crate::UsState", 1, false)),
            "`state` owns a value (a `UsState`): 1 byte on the stack",
        ),
        (
            "a call",
            ev(EventKind::Called, "greet", |_| {}),
            "`greet` is called: the closure's body runs now, with what it captured",
        ),
        (
            "a field given to a struct literal",
            ev(EventKind::MaybeMove, "user1.username", |e| {
                to(e, "field `username` of a `User`");
                detail(e, "partial move");
                e.evidence = Some(Evidence::Unknown);
            }),
            "`user1.username` goes into field `username` of a `User`: moved out if not `Copy`, copied if `Copy` (the macro cannot see the field's type)",
        ),
        (
            "the rest of a struct given by `..base`",
            ev(EventKind::MaybeMove, "the other fields of `user1`", |e| {
                to(e, "a new `User` (`..user1`)");
                detail(e, "partial move");
                e.evidence = Some(Evidence::Unknown);
            }),
            "the other fields of `user1` go into a new `User` (`..user1`): moved out if not `Copy`, copied if `Copy` (the macro cannot see the field's type)",
        ),
        (
            "given to a macro",
            ev(EventKind::MaybeMove, "t", |e| {
                to(e, "shout!");
                e.evidence = Some(Evidence::Unknown);
            }),
            "`t` given to `shout!`: moved, copied or borrowed, the macro cannot see which",
        ),
    ]);
}

#[test]
fn scopes_left_early() {
    check(vec![
        (
            "a drop at the closing brace of a scope left by a `return`",
            ev(EventKind::Dropped, "b", |e| {
                ty(e, STRING, 24, true);
                detail(e, "left early at line 80");
            }),
            "`b` goes out of scope and is dropped: its heap buffer of text is freed (the scope is left early, at line 80; it ends at this closing brace)",
        ),
        (
            "moved away, left early, while unwinding",
            ev(EventKind::OutOfScope, "s", |e| {
                detail(e, "moved to t; left early at line 9; unwinding from a panic");
            }),
            "`s` goes out of scope: its value was moved to t, so nothing is dropped (while unwinding from a panic) (the scope is left early, at line 9; it ends at this closing brace)",
        ),
    ]);
}
