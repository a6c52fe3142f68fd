//! How `std_methods::lookup` reads a receiver's type name: the name as `std::any::type_name`
//! spells it for real types (taken from `type_name` itself, not typed by hand), through the
//! smart pointers method resolution derefs (`Box`, `Rc`, `Arc`), whatever their argument's own
//! arguments; and never a type the name only starts like.

use std::any::{type_name, type_name_of_val};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use trace_ownership_runtime::__private::std_methods::{lookup, SelfMode};

/// (mode, owner, through) of `method` on a receiver of type `ty`.
fn found(ty: &str, method: &str) -> Option<(SelfMode, &'static str, Option<&'static str>)> {
    lookup(ty, method).map(|m| (m.mode, m.owner, m.through))
}

/// Through a `Box` to the `String` inside (`String::len`, `String::push_str`; `trim` is
/// `str`'s, one deref further): the argument is read without the `>` that closes the `Box`'s
/// arguments.
#[test]
fn a_box_of_a_string_is_the_string_inside() {
    let ty = type_name::<Box<String>>();
    assert_eq!(ty, "alloc::boxed::Box<alloc::string::String>");
    assert_eq!(
        found(ty, "len"),
        Some((SelfMode::Shared, "String", Some("Box")))
    );
    assert_eq!(
        found(ty, "trim"),
        Some((SelfMode::Shared, "str", Some("Box")))
    );
    assert_eq!(
        found(ty, "push_str"),
        Some((SelfMode::Mut, "String", Some("Box")))
    );
}

/// The argument of an `Rc` or `Arc` may have arguments of its own, with commas (`HashMap<K,
/// V>`): the argument is the whole map, not its text up to the first comma.
#[test]
fn a_shared_map_is_the_whole_map_commas_in_its_arguments_included() {
    let rc = type_name::<Rc<HashMap<u8, (u8, String)>>>();
    let arc = type_name::<Arc<HashMap<Vec<u8>, [u8; 2]>>>();
    for (ty, through) in [(rc, "Rc"), (arc, "Arc")] {
        assert_eq!(
            found(ty, "get"),
            Some((SelfMode::Shared, "map", Some(through))),
            "{ty}"
        );
        assert_eq!(
            found(ty, "contains_key"),
            Some((SelfMode::Shared, "map", Some(through))),
            "{ty}"
        );
        // `&mut self` through a shared owner does not compile: not claimed.
        assert_eq!(found(ty, "insert"), None, "{ty}");
    }
}

/// A `Box` with an allocator other than the default names it after the value's type
/// (`Box<T, A>`, as `type_name` spells it under the unstable `allocator_api`; stable code
/// cannot name one): the value's type is the first argument, up to the comma outside its own
/// arguments.
#[test]
fn a_box_naming_its_allocator_is_the_value_inside() {
    for (ty, method, want) in [
        (
            "alloc::boxed::Box<alloc::vec::Vec<u8>, demo::Arena>",
            "push",
            (SelfMode::Mut, "Vec"),
        ),
        (
            "alloc::boxed::Box<std::collections::hash::map::HashMap<u8, u8>, demo::Arena>",
            "len",
            (SelfMode::Shared, "map"),
        ),
    ] {
        assert_eq!(
            found(ty, method),
            Some((want.0, want.1, Some("Box"))),
            "{ty}"
        );
    }
}

/// A function item of a generic type's method is named after the type (`Vec<i32>::len`) but is
/// a function, not a `Vec`: no `Vec` method is claimed for it.
#[test]
fn a_function_item_named_after_a_generic_type_is_not_that_type() {
    let len = type_name_of_val(&Vec::<i32>::len);
    let is_some = type_name_of_val(&Option::<i32>::is_some);
    assert_eq!(len, "alloc::vec::Vec<i32>::len");
    assert_eq!(is_some, "core::option::Option<i32>::is_some");
    assert_eq!(found(len, "len"), None);
    assert_eq!(found(is_some, "is_some"), None);
    assert_eq!(found(is_some, "take"), None);
    // The types themselves are known.
    assert!(found(type_name::<Vec<i32>>(), "len").is_some());
    assert!(found(type_name::<Option<i32>>(), "is_some").is_some());
}

/// One row of the table, proven by the compiler: `row!(shared, T, m(A, ..) -> R)` compiles only
/// if `<T>::m` takes `&self` (`mutable`: `&mut self`; `value`: `self`) and arguments `A, ..`.
/// `-> owned` compiles only if the result cannot borrow from the receiver (it is the same type
/// whatever the receiver borrow's lifetime); `-> R` names a result that borrows from it.
/// Gives (type name, method, mode, whether the result may keep the borrow).
macro_rules! row {
    (shared, $t:ty, $m:ident $(::<$($g:ty),*>)? ($($a:ty),*) -> owned) => {{
        let _: fn(&$t $(, $a)*) -> _ = <$t>::$m $(::<$($g),*>)?;
        (type_name::<$t>(), stringify!($m), SelfMode::Shared, false)
    }};
    (shared, $t:ty, $m:ident $(::<$($g:ty),*>)? ($($a:ty),*) -> $r:ty) => {{
        let _: fn(&'static $t $(, $a)*) -> $r = <$t>::$m $(::<$($g),*>)?;
        (type_name::<$t>(), stringify!($m), SelfMode::Shared, true)
    }};
    (mutable, $t:ty, $m:ident $(::<$($g:ty),*>)? ($($a:ty),*) -> owned) => {{
        let _: fn(&mut $t $(, $a)*) -> _ = <$t>::$m $(::<$($g),*>)?;
        (type_name::<$t>(), stringify!($m), SelfMode::Mut, false)
    }};
    (mutable, $t:ty, $m:ident $(::<$($g:ty),*>)? ($($a:ty),*) -> $r:ty) => {{
        let _: fn(&'static mut $t $(, $a)*) -> $r = <$t>::$m $(::<$($g),*>)?;
        (type_name::<$t>(), stringify!($m), SelfMode::Mut, true)
    }};
    (value, $t:ty, $m:ident $(::<$($g:ty),*>)? ($($a:ty),*)) => {{
        let _: fn($t $(, $a)*) -> _ = <$t>::$m $(::<$($g),*>)?;
        (type_name::<$t>(), stringify!($m), SelfMode::Value, false)
    }};
}

/// Every kind of receiver of every standard type of the table, each row's signature proven by
/// the compiler (see `row!`), looked up by its type's real `type_name`: the mode, the type it
/// is found on, and whether the result may keep the borrow are the signature's.
#[test]
fn each_standard_type_and_method_is_looked_up_as_its_signature_says() {
    use std::cell::{Cell, OnceCell, RefCell};
    use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};
    use std::ops::{Range, RangeInclusive};
    use std::sync::mpsc::{Receiver, Sender, SyncSender};
    use std::sync::{LockResult, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
    type Opt = Option<u8>;
    type Res = Result<u8, u8>;
    type Map = HashMap<u8, u8>;
    let table = [
        (
            "String",
            vec![
                row!(shared, String, len() -> owned),
                row!(shared, String, as_str() -> &'static str),
                row!(mutable, String, push_str(&str) -> owned),
                row!(mutable, String, remove(usize) -> owned),
                row!(value, String, into_bytes()),
            ],
        ),
        (
            "str",
            vec![
                row!(shared, str, trim() -> &'static str),
                row!(shared, str, len() -> owned),
                row!(shared, str, replace::<&'static str>(&'static str, &str) -> owned),
                row!(mutable, str, make_ascii_uppercase() -> owned),
            ],
        ),
        (
            "Vec",
            vec![
                row!(shared, Vec<u8>, len() -> owned),
                row!(shared, Vec<u8>, as_slice() -> &'static [u8]),
                row!(mutable, Vec<u8>, push(u8) -> owned),
                row!(mutable, Vec<u8>, remove(usize) -> owned),
                row!(value, Vec<u8>, into_boxed_slice()),
            ],
        ),
        (
            "slice",
            vec![
                row!(shared, [u8], first() -> Option<&'static u8>),
                row!(shared, [u8], len() -> owned),
                row!(mutable, [u8], swap(usize, usize) -> owned),
                row!(mutable, [u8], first_mut() -> Option<&'static mut u8>),
                row!(value, [u8; 3], into_iter()),
            ],
        ),
        (
            "VecDeque",
            vec![
                row!(shared, VecDeque<u8>, front() -> Option<&'static u8>),
                row!(shared, VecDeque<u8>, len() -> owned),
                row!(mutable, VecDeque<u8>, push_back(u8) -> owned),
                row!(mutable, VecDeque<u8>, remove(usize) -> owned),
                row!(value, VecDeque<u8>, into_iter()),
            ],
        ),
        (
            "map",
            vec![
                row!(shared, Map, len() -> owned),
                row!(shared, Map, keys() -> std::collections::hash_map::Keys<'static, u8, u8>),
                row!(mutable, Map, insert(u8, u8) -> owned),
                row!(mutable, BTreeMap<u8, u8>, insert(u8, u8) -> owned),
                row!(value, Map, into_keys()),
            ],
        ),
        (
            "set",
            vec![
                row!(shared, HashSet<u8>, is_subset(&HashSet<u8>) -> owned),
                row!(mutable, HashSet<u8>, insert(u8) -> owned),
                row!(mutable, BTreeSet<u8>, insert(u8) -> owned),
                row!(value, HashSet<u8>, into_iter()),
            ],
        ),
        (
            "Option",
            vec![
                row!(shared, Opt, is_some() -> owned),
                row!(shared, Opt, as_ref() -> Option<&'static u8>),
                row!(mutable, Opt, take() -> owned),
                row!(mutable, Opt, replace(u8) -> owned),
                row!(mutable, Opt, insert(u8) -> &'static mut u8),
                row!(value, Opt, unwrap()),
            ],
        ),
        (
            "Result",
            vec![
                row!(shared, Res, is_ok() -> owned),
                row!(mutable, Res, as_mut() -> Result<&'static mut u8, &'static mut u8>),
                row!(value, Res, unwrap()),
            ],
        ),
        (
            "Cell",
            vec![
                row!(shared, Cell<u8>, get() -> owned),
                row!(shared, Cell<u8>, set(u8) -> owned),
                row!(mutable, Cell<u8>, get_mut() -> &'static mut u8),
                row!(value, Cell<u8>, into_inner()),
            ],
        ),
        (
            "RefCell",
            vec![
                row!(shared, RefCell<u8>, borrow() -> std::cell::Ref<'static, u8>),
                row!(shared, RefCell<u8>, borrow_mut() -> std::cell::RefMut<'static, u8>),
                row!(shared, RefCell<u8>, replace(u8) -> owned),
                row!(mutable, RefCell<u8>, get_mut() -> &'static mut u8),
                row!(value, RefCell<u8>, into_inner()),
            ],
        ),
        (
            "OnceCell",
            vec![
                row!(shared, OnceCell<u8>, get() -> Option<&'static u8>),
                row!(shared, OnceCell<u8>, set(u8) -> owned),
                row!(mutable, OnceCell<u8>, take() -> owned),
                row!(value, OnceCell<u8>, into_inner()),
            ],
        ),
        (
            "Mutex",
            vec![
                row!(shared, Mutex<u8>, lock() -> LockResult<MutexGuard<'static, u8>>),
                row!(shared, Mutex<u8>, is_poisoned() -> owned),
                row!(mutable, Mutex<u8>, get_mut() -> LockResult<&'static mut u8>),
                row!(value, Mutex<u8>, into_inner()),
            ],
        ),
        (
            "RwLock",
            vec![
                row!(shared, RwLock<u8>, read() -> LockResult<RwLockReadGuard<'static, u8>>),
                row!(shared, RwLock<u8>, write() -> LockResult<RwLockWriteGuard<'static, u8>>),
                row!(shared, RwLock<u8>, is_poisoned() -> owned),
                row!(mutable, RwLock<u8>, get_mut() -> LockResult<&'static mut u8>),
                row!(value, RwLock<u8>, into_inner()),
            ],
        ),
        (
            "JoinHandle",
            vec![
                row!(shared, std::thread::JoinHandle<()>, is_finished() -> owned),
                row!(value, std::thread::JoinHandle<()>, join()),
            ],
        ),
        (
            "Sender",
            vec![
                row!(shared, Sender<u8>, send(u8) -> owned),
                row!(shared, SyncSender<u8>, send(u8) -> owned),
            ],
        ),
        (
            "Receiver",
            vec![
                row!(shared, Receiver<u8>, recv() -> owned),
                row!(shared, Receiver<u8>, try_iter() -> std::sync::mpsc::TryIter<'static, u8>),
            ],
        ),
        (
            "iterator",
            vec![
                row!(mutable, Range<u8>, next() -> owned),
                row!(mutable, RangeInclusive<u8>, next() -> owned),
                row!(mutable, std::slice::Iter<'static, u8>, next() -> owned),
                row!(mutable, std::vec::IntoIter<u8>, next() -> owned),
                row!(mutable, Range<u8>, by_ref() -> &'static mut Range<u8>),
                row!(value, Range<u8>, count()),
                row!(value, Range<u8>, take(usize)),
            ],
        ),
        (
            "Weak",
            vec![
                row!(shared, std::rc::Weak<u8>, upgrade() -> owned),
                row!(shared, std::sync::Weak<u8>, upgrade() -> owned),
            ],
        ),
    ];
    let mut wrong = Vec::new();
    for (owner, rows) in &table {
        for &(ty, method, mode, borrows) in rows {
            let got = lookup(ty, method).map(|m| (m.owner, m.mode, m.result_borrows));
            if got != Some((*owner, mode, borrows)) {
                wrong.push(format!(
                    "{ty} {method}: want {:?}, got {got:?}",
                    (owner, mode, borrows)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `core::range::RangeInclusive` (stable since Rust 1.95) is named like the iterator
/// `core::ops::RangeInclusive` but is not an iterator (it is `Copy` and only turns into one):
/// no iterator method is claimed for it, while the `core::ops` ranges are iterators.
#[test]
fn only_the_ops_ranges_are_iterators() {
    let new = type_name::<core::range::RangeInclusive<i32>>();
    assert_eq!(new, "core::range::RangeInclusive<i32>");
    for method in ["next", "count", "map", "take"] {
        assert_eq!(found(new, method), None, "{method}");
    }
    let old = type_name::<std::ops::RangeInclusive<i32>>();
    assert_eq!(old, "core::ops::range::RangeInclusive<i32>");
    assert_eq!(found(old, "next"), Some((SelfMode::Mut, "iterator", None)));
}
