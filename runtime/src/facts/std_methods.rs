//! How the standard library's methods take their receiver, by their real signatures, keyed by
//! the receiver's run-time type (`type_name`) and the method's name.
//!
//! A name alone can mean different things: `borrow_mut` on a `RefCell` takes `&self` (the
//! `RefCell` then hands out a run-time-checked guard), `join` on a `JoinHandle` takes `self`,
//! `take` on an `Option` takes `&mut self`. The macro sees only the name; the slot knows the
//! type when the call runs and asks [`lookup`]. A type or method not in the table gives `None`:
//! the caller then falls back on the name's convention, labelled as a guess.
//!
//! Auto-deref is followed as method resolution does: through references, `Box`, `Rc` and
//! `Arc` (`Rc<RefCell<T>>::borrow_mut` is the `RefCell`'s), `String` to `str` and `Vec` and
//! arrays to slices.

/// How a method takes its receiver, by its signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelfMode {
    /// `&self`: a shared borrow of the variable for the call.
    Shared,
    /// `&mut self`: a mutable borrow of the variable for the call.
    Mut,
    /// `self`: the value is moved into the call (copied if its type is `Copy`).
    Value,
}

/// What a shared-borrow method does beyond reading, worth a sentence of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    /// Nothing more.
    Plain,
    /// It changes the contents through the shared borrow (`Cell::set`, `RefCell::replace`):
    /// interior mutability.
    Interior,
    /// It hands out a guard that holds a checked borrow of the contents until it is dropped.
    Guard(Guard),
}

/// A guard handed out by `RefCell`, `Mutex` or `RwLock`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    /// `RefCell::borrow`: a `Ref`, a shared borrow of the contents checked at run time.
    Ref,
    /// `RefCell::borrow_mut`: a `RefMut`, a mutable borrow of the contents checked at run time.
    RefMut,
    /// `Mutex::lock`: a `MutexGuard`, access to the contents for this thread only.
    Mutex,
    /// `RwLock::read`: a `RwLockReadGuard`, shared access to the contents.
    Read,
    /// `RwLock::write`: a `RwLockWriteGuard`, exclusive access to the contents.
    Write,
}

/// A standard method found for a receiver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StdMethod {
    /// How the *variable* is used: through a reference or a smart pointer, a `&self` method
    /// is a shared borrow of the variable, a `&mut self` one (through `&mut` or `Box`) a
    /// mutable one.
    pub mode: SelfMode,
    /// What else the method does.
    pub extra: Extra,
    /// The type the method belongs to, in short (`RefCell`, `str`, `JoinHandle`).
    pub owner: &'static str,
    /// The smart pointer the call went through by auto-deref (`Rc`, `Arc`, `Box`), if any.
    pub through: Option<&'static str>,
    /// Whether the method's name starts with `try_` (it returns an error instead of waiting or
    /// panicking).
    pub fallible: bool,
    /// Whether the result may keep the receiver borrowed (`iter`, `get`, `as_str`, the guards).
    /// `false` when the signature's result cannot borrow from the receiver (`len`, `take`,
    /// `pop`, `Iterator::next`, whose items borrow what is iterated, not the iterator): the
    /// borrow then ends with the call, whatever the result is kept in.
    pub result_borrows: bool,
}

/// The standard method `method` of a receiver of type `type_name` (as `std::any::type_name`
/// spells it), or `None` when the type or the method is not in the table, or when the call
/// could not be what the table says (a `self` method through a reference).
///
/// ```
/// use trace_ownership_runtime::__private::std_methods::{lookup, Extra, Guard, SelfMode};
/// let m = lookup("alloc::rc::Rc<core::cell::RefCell<i32>>", "borrow_mut").unwrap();
/// assert_eq!((m.mode, m.extra, m.through), (SelfMode::Shared, Extra::Guard(Guard::RefMut), Some("Rc")));
/// assert_eq!(lookup("std::thread::join_handle::JoinHandle<()>", "join").unwrap().mode, SelfMode::Value);
/// assert_eq!(lookup("my_crate::Thing", "join"), None);
/// ```
pub fn lookup(type_name: &str, method: &str) -> Option<StdMethod> {
    let mut ty = type_name.trim();
    // Through references: `&self` methods borrow the reference's target (a reborrow),
    // `&mut self` ones need every level to be `&mut`.
    let mut by_ref = false;
    let mut all_mut = true;
    loop {
        if let Some(rest) = ty.strip_prefix("&mut ") {
            ty = rest.trim_start();
        } else if let Some(rest) = ty.strip_prefix('&') {
            all_mut = false;
            ty = rest.trim_start();
        } else {
            break;
        }
        by_ref = true;
    }
    let mut through: Option<&'static str> = None;
    // Each step is one auto-deref; four are more than std's types ever need.
    for _ in 0..4 {
        let (path, args) = split_head(ty);
        let head = std_head(path, ty)?;
        if let Some((mode, extra)) = own_method(head, method) {
            let shared_only = (by_ref && !all_mut) || matches!(through, Some("Rc" | "Arc"));
            let moved_through = by_ref || through.is_some();
            return match mode {
                // `self` through a reference or a smart pointer moves nothing out of it (only a
                // `Copy` value could be): not what the table says.
                SelfMode::Value if moved_through => None,
                // `&mut self` through a shared reference or an `Rc` does not compile.
                SelfMode::Mut if shared_only => None,
                _ => Some(StdMethod {
                    mode,
                    extra,
                    owner: head.name(),
                    through,
                    fallible: method.starts_with("try_"),
                    result_borrows: mode != SelfMode::Value && !owned_result(head, method),
                }),
            };
        }
        ty = match head {
            Head::Rc | Head::Arc | Head::Box => {
                through = through.or(Some(head.name()));
                first_arg(args)?
            }
            Head::String => "str",
            Head::Vec | Head::Array => "[_]",
            _ => return None,
        };
    }
    None
}

/// The standard types of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Head {
    String,
    Str,
    Vec,
    Slice,
    Array,
    VecDeque,
    Map,
    Set,
    Option,
    Result,
    Cell,
    RefCell,
    OnceCell,
    Mutex,
    RwLock,
    JoinHandle,
    Sender,
    Receiver,
    Iterator,
    Weak,
    Rc,
    Arc,
    Box,
}

impl Head {
    fn name(self) -> &'static str {
        match self {
            Head::String => "String",
            Head::Str => "str",
            Head::Vec => "Vec",
            Head::Slice | Head::Array => "slice",
            Head::VecDeque => "VecDeque",
            Head::Map => "map",
            Head::Set => "set",
            Head::Option => "Option",
            Head::Result => "Result",
            Head::Cell => "Cell",
            Head::RefCell => "RefCell",
            Head::OnceCell => "OnceCell",
            Head::Mutex => "Mutex",
            Head::RwLock => "RwLock",
            Head::JoinHandle => "JoinHandle",
            Head::Sender => "Sender",
            Head::Receiver => "Receiver",
            Head::Iterator => "iterator",
            Head::Weak => "Weak",
            Head::Rc => "Rc",
            Head::Arc => "Arc",
            Head::Box => "Box",
        }
    }
}

/// `("alloc::vec::Vec", "u8")` for `alloc::vec::Vec<u8>`; `(ty, "")` without arguments.
fn split_head(ty: &str) -> (&str, &str) {
    match ty.find('<') {
        Some(i) if ty.ends_with('>') => (&ty[..i], &ty[i + 1..ty.len() - 1]),
        _ => (ty, ""),
    }
}

/// The first type argument of `args` (`"i32"` of `"i32, alloc::alloc::Global"`).
pub(crate) fn first_arg(args: &str) -> Option<&str> {
    let mut depth = 0i32;
    for (i, c) in args.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => return Some(args[..i].trim()),
            _ => {}
        }
    }
    let a = args.trim();
    (!a.is_empty()).then_some(a)
}

/// Which standard type `path` is (only paths of `core`, `alloc` or `std`, so a user's own
/// `RefCell` is never taken for the standard one).
fn std_head(path: &str, ty: &str) -> Option<Head> {
    if path == "str" {
        return Some(Head::Str);
    }
    if ty.starts_with('[') {
        return Some(if ty.contains(';') {
            Head::Array
        } else {
            Head::Slice
        });
    }
    let std = ["core::", "alloc::", "std::"]
        .iter()
        .any(|p| path.starts_with(p));
    if !std {
        return None;
    }
    let last = path.rsplit("::").next().unwrap_or(path);
    Some(match last {
        "String" => Head::String,
        "Vec" if path == "alloc::vec::Vec" => Head::Vec,
        "VecDeque" => Head::VecDeque,
        "HashMap" | "BTreeMap" => Head::Map,
        "HashSet" | "BTreeSet" => Head::Set,
        "Option" => Head::Option,
        "Result" => Head::Result,
        "Cell" => Head::Cell,
        "RefCell" => Head::RefCell,
        "OnceCell" => Head::OnceCell,
        "Mutex" => Head::Mutex,
        "RwLock" => Head::RwLock,
        "JoinHandle" => Head::JoinHandle,
        "Sender" | "SyncSender" => Head::Sender,
        "Receiver" => Head::Receiver,
        "Rc" if path == "alloc::rc::Rc" => Head::Rc,
        "Arc" if path == "alloc::sync::Arc" => Head::Arc,
        "Box" if path == "alloc::boxed::Box" => Head::Box,
        "Weak" if path == "alloc::rc::Weak" || path == "alloc::sync::Weak" => Head::Weak,
        "Range" | "RangeInclusive" if path.starts_with("core::ops::range::") => Head::Iterator,
        _ if path.contains("::iter::") || path.contains("::into_iter::") => Head::Iterator,
        _ => return None,
    })
}

/// Whether the result of `head`'s `method` (a `&self` or `&mut self` one in the table) cannot
/// borrow from the receiver, by its signature: a number, a `bool`, an owned value, or a reference
/// whose lifetime is not the receiver borrow's. Not listed: it may (`iter`, `get`, `trim`).
fn owned_result(head: Head, method: &str) -> bool {
    const ANY: &[&str] = &[
        "len",
        "is_empty",
        "capacity",
        "contains",
        "contains_key",
        "starts_with",
        "ends_with",
        "push",
        "push_str",
        "push_back",
        "push_front",
        "pop",
        "pop_back",
        "pop_front",
        "clear",
        "truncate",
        "retain",
        "reserve",
        "shrink_to_fit",
        "extend",
        "extend_from_slice",
        "append",
        "dedup",
        "resize",
        "sort",
        "sort_by",
        "sort_by_key",
        "sort_unstable",
        "reverse",
        "fill",
        "is_some",
        "is_none",
        "is_ok",
        "is_err",
        "is_poisoned",
        "is_finished",
        "to_string",
        "to_owned",
        "to_vec",
        "to_uppercase",
        "to_lowercase",
        "repeat",
        "parse",
        "eq",
        "cmp",
        "is_char_boundary",
        "make_ascii_uppercase",
        "make_ascii_lowercase",
        "binary_search",
        "join",
        "concat",
        "split_off",
        "swap_remove",
        "is_subset",
        "is_superset",
        "find",
        "rfind",
        "insert_str",
        "as_ptr",
        "send",
        "recv",
        "try_recv",
        "recv_timeout",
    ];
    if ANY.contains(&method) {
        return true;
    }
    match head {
        Head::String | Head::Vec | Head::VecDeque => matches!(method, "insert" | "remove"),
        Head::Str => method == "replace",
        Head::Slice | Head::Array => method == "swap",
        Head::Map | Head::Set => matches!(method, "insert" | "remove" | "take"),
        Head::Option => matches!(method, "take" | "replace"),
        Head::Cell => matches!(method, "get" | "set" | "replace" | "take" | "swap"),
        Head::RefCell => matches!(method, "replace" | "replace_with" | "swap" | "take"),
        Head::OnceCell => matches!(method, "set" | "take"),
        Head::Weak => true,
        // An iterator's items borrow what it iterates, never the iterator variable itself.
        Head::Iterator => method != "by_ref",
        _ => false,
    }
}

/// The table: a method that `head` itself has (not through a deref), with its receiver mode.
fn own_method(head: Head, method: &str) -> Option<(SelfMode, Extra)> {
    use Extra::{Guard as G, Interior, Plain};
    use SelfMode::{Mut, Shared, Value};
    let m = method;
    let found = match head {
        Head::String => match m {
            "len" | "is_empty" | "capacity" | "as_str" | "as_bytes" => (Shared, Plain),
            "push" | "push_str" | "pop" | "insert" | "insert_str" | "remove" | "clear"
            | "truncate" | "retain" | "reserve" | "shrink_to_fit" | "extend" | "drain"
            | "split_off" | "as_mut_str" => (Mut, Plain),
            "into_bytes" | "into_boxed_str" => (Value, Plain),
            _ => return None,
        },
        Head::Str => match m {
            "len" | "is_empty" | "chars" | "bytes" | "lines" | "split" | "split_whitespace"
            | "splitn" | "rsplit" | "split_once" | "split_at" | "trim" | "trim_start"
            | "trim_end" | "starts_with" | "ends_with" | "contains" | "find" | "rfind"
            | "matches" | "replace" | "to_string" | "to_owned" | "to_uppercase"
            | "to_lowercase" | "as_bytes" | "char_indices" | "get" | "repeat" | "parse" | "eq"
            | "cmp" | "is_char_boundary" | "as_ptr" => (Shared, Plain),
            "make_ascii_uppercase" | "make_ascii_lowercase" => (Mut, Plain),
            _ => return None,
        },
        Head::Vec => match m {
            "len" | "is_empty" | "capacity" | "as_slice" | "as_ptr" => (Shared, Plain),
            "push" | "pop" | "insert" | "remove" | "clear" | "truncate" | "retain" | "dedup"
            | "extend" | "extend_from_slice" | "append" | "drain" | "reserve" | "shrink_to_fit"
            | "split_off" | "resize" | "swap_remove" | "as_mut_slice" => (Mut, Plain),
            "into_iter" | "into_boxed_slice" => (Value, Plain),
            _ => return None,
        },
        Head::Array if m == "into_iter" => (Value, Plain),
        Head::Slice | Head::Array => match m {
            "len" | "is_empty" | "iter" | "get" | "first" | "last" | "contains" | "windows"
            | "chunks" | "binary_search" | "join" | "concat" | "to_vec" | "starts_with"
            | "ends_with" | "split_first" | "split_last" | "split_at" => (Shared, Plain),
            "sort" | "sort_by" | "sort_by_key" | "sort_unstable" | "reverse" | "iter_mut"
            | "get_mut" | "first_mut" | "last_mut" | "swap" | "fill" => (Mut, Plain),
            _ => return None,
        },
        Head::VecDeque => match m {
            "len" | "is_empty" | "iter" | "get" | "front" | "back" | "contains" => (Shared, Plain),
            "push_back" | "push_front" | "pop_back" | "pop_front" | "clear" | "insert"
            | "remove" | "iter_mut" | "get_mut" | "front_mut" | "back_mut" => (Mut, Plain),
            "into_iter" => (Value, Plain),
            _ => return None,
        },
        Head::Map => match m {
            "len" | "is_empty" | "get" | "contains_key" | "keys" | "values" | "iter"
            | "get_key_value" => (Shared, Plain),
            "insert" | "remove" | "entry" | "get_mut" | "values_mut" | "iter_mut" | "clear"
            | "retain" | "extend" | "drain" => (Mut, Plain),
            "into_keys" | "into_values" | "into_iter" => (Value, Plain),
            _ => return None,
        },
        Head::Set => match m {
            "len" | "is_empty" | "contains" | "iter" | "get" | "is_subset" | "is_superset" => {
                (Shared, Plain)
            }
            "insert" | "remove" | "take" | "clear" | "retain" | "extend" => (Mut, Plain),
            "into_iter" => (Value, Plain),
            _ => return None,
        },
        Head::Option => match m {
            "is_some" | "is_none" | "as_ref" | "iter" | "as_deref" => (Shared, Plain),
            "take" | "replace" | "insert" | "get_or_insert" | "get_or_insert_with" | "as_mut"
            | "iter_mut" | "as_deref_mut" => (Mut, Plain),
            "unwrap" | "expect" | "unwrap_or" | "unwrap_or_default" | "unwrap_or_else" | "map"
            | "map_or" | "map_or_else" | "and_then" | "ok_or" | "ok_or_else" | "filter" | "or"
            | "or_else" | "xor" | "and" | "zip" | "flatten" | "into_iter" | "is_some_and"
            | "is_none_or" => (Value, Plain),
            _ => return None,
        },
        Head::Result => match m {
            "is_ok" | "is_err" | "as_ref" | "iter" => (Shared, Plain),
            "as_mut" => (Mut, Plain),
            "unwrap" | "expect" | "unwrap_err" | "expect_err" | "ok" | "err" | "map"
            | "map_err" | "and_then" | "unwrap_or" | "unwrap_or_else" | "unwrap_or_default"
            | "or_else" | "into_iter" | "is_ok_and" | "is_err_and" => (Value, Plain),
            _ => return None,
        },
        Head::Cell => match m {
            "get" => (Shared, Plain),
            "set" | "replace" | "take" | "swap" => (Shared, Interior),
            "get_mut" => (Mut, Plain),
            "into_inner" => (Value, Plain),
            _ => return None,
        },
        Head::RefCell => match m {
            "borrow" | "try_borrow" => (Shared, G(Guard::Ref)),
            "borrow_mut" | "try_borrow_mut" => (Shared, G(Guard::RefMut)),
            "replace" | "replace_with" | "swap" | "take" => (Shared, Interior),
            "get_mut" => (Mut, Plain),
            "into_inner" => (Value, Plain),
            _ => return None,
        },
        Head::OnceCell => match m {
            "get" => (Shared, Plain),
            "set" | "get_or_init" => (Shared, Interior),
            "get_mut" | "take" => (Mut, Plain),
            "into_inner" => (Value, Plain),
            _ => return None,
        },
        Head::Mutex => match m {
            "lock" | "try_lock" => (Shared, G(Guard::Mutex)),
            "is_poisoned" => (Shared, Plain),
            "get_mut" => (Mut, Plain),
            "into_inner" => (Value, Plain),
            _ => return None,
        },
        Head::RwLock => match m {
            "read" | "try_read" => (Shared, G(Guard::Read)),
            "write" | "try_write" => (Shared, G(Guard::Write)),
            "is_poisoned" => (Shared, Plain),
            "get_mut" => (Mut, Plain),
            "into_inner" => (Value, Plain),
            _ => return None,
        },
        Head::JoinHandle => match m {
            "join" => (Value, Plain),
            "is_finished" | "thread" => (Shared, Plain),
            _ => return None,
        },
        Head::Sender => match m {
            "send" => (Shared, Plain),
            _ => return None,
        },
        Head::Receiver => match m {
            "recv" | "try_recv" | "recv_timeout" | "iter" | "try_iter" => (Shared, Plain),
            _ => return None,
        },
        Head::Iterator => match m {
            "next" | "next_back" | "nth" | "any" | "all" | "find" | "position" | "by_ref" => {
                (Mut, Plain)
            }
            "map" | "filter" | "take" | "skip" | "collect" | "sum" | "product" | "count"
            | "enumerate" | "zip" | "rev" | "chain" | "fold" | "for_each" | "last" | "max"
            | "min" | "cloned" | "copied" | "peekable" | "step_by" | "filter_map" | "flat_map"
            | "take_while" | "skip_while" => (Value, Plain),
            _ => return None,
        },
        Head::Weak => match m {
            "upgrade" | "strong_count" | "weak_count" | "ptr_eq" => (Shared, Plain),
            _ => return None,
        },
        Head::Rc | Head::Arc | Head::Box => return None,
    };
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(ty: &str, m: &str) -> Option<(SelfMode, Extra)> {
        lookup(ty, m).map(|s| (s.mode, s.extra))
    }

    #[test]
    fn one_name_different_signatures() {
        use Extra::*;
        use SelfMode::*;
        let rc_refcell = "alloc::rc::Rc<core::cell::RefCell<i32>>";
        assert_eq!(
            mode(rc_refcell, "borrow_mut"),
            Some((Shared, Guard(super::Guard::RefMut)))
        );
        assert_eq!(
            mode("core::cell::RefCell<i32>", "borrow"),
            Some((Shared, Guard(super::Guard::Ref)))
        );
        assert_eq!(
            mode("core::option::Option<alloc::string::String>", "take"),
            Some((Mut, Plain))
        );
        assert_eq!(
            mode("core::cell::Cell<i32>", "take"),
            Some((Shared, Interior))
        );
        assert_eq!(
            mode("core::slice::iter::Iter<'_, u8>", "take"),
            Some((Value, Plain))
        );
        assert_eq!(
            mode("std::thread::join_handle::JoinHandle<i32>", "join"),
            Some((Value, Plain))
        );
        assert_eq!(
            mode("alloc::vec::Vec<alloc::string::String>", "join"),
            Some((Shared, Plain))
        );
        assert_eq!(
            mode("std::sync::poison::mutex::Mutex<i32>", "lock"),
            Some((Shared, Guard(super::Guard::Mutex)))
        );
        assert_eq!(
            mode(
                "alloc::sync::Arc<std::sync::poison::rwlock::RwLock<i32>>",
                "write"
            ),
            Some((Shared, Guard(super::Guard::Write)))
        );
    }

    #[test]
    fn auto_deref_as_method_resolution_does() {
        use SelfMode::*;
        // String → str, Vec → slice, through references.
        assert_eq!(
            lookup("alloc::string::String", "trim").unwrap().mode,
            Shared
        );
        assert_eq!(
            lookup("&alloc::string::String", "len").unwrap().mode,
            Shared
        );
        assert_eq!(
            lookup("&mut alloc::string::String", "push_str")
                .unwrap()
                .mode,
            Mut
        );
        assert_eq!(lookup("alloc::vec::Vec<u8>", "sort").unwrap().mode, Mut);
        assert_eq!(lookup("[i32; 3]", "iter").unwrap().mode, Shared);
        assert_eq!(lookup("[i32; 3]", "into_iter").unwrap().mode, Value);
        assert_eq!(lookup("&str", "len").unwrap().owner, "str");
        let b = lookup("alloc::boxed::Box<alloc::vec::Vec<u8>>", "push").unwrap();
        assert_eq!((b.mode, b.through), (Mut, Some("Box")));
    }

    #[test]
    fn calls_that_could_not_compile_as_the_table_says_are_not_claimed() {
        // `&mut self` through a shared reference or an `Rc`; `self` out of a reference.
        assert_eq!(lookup("&alloc::vec::Vec<u8>", "push"), None);
        assert_eq!(lookup("alloc::rc::Rc<alloc::vec::Vec<u8>>", "push"), None);
        assert_eq!(lookup("&core::option::Option<i32>", "unwrap"), None);
        assert_eq!(
            lookup("alloc::rc::Rc<core::option::Option<i32>>", "unwrap"),
            None
        );
    }

    #[test]
    fn results_that_cannot_keep_the_borrow() {
        let keeps = |ty: &str, m: &str| lookup(ty, m).unwrap().result_borrows;
        assert!(!keeps("core::option::Option<demo::Noisy>", "take"));
        assert!(!keeps("alloc::string::String", "len"));
        assert!(!keeps("alloc::vec::Vec<demo::Noisy>", "pop"));
        assert!(!keeps("core::slice::iter::Iter<'_, u8>", "next"));
        assert!(keeps("alloc::vec::Vec<u8>", "iter"));
        assert!(keeps("alloc::string::String", "trim"));
        assert!(keeps("core::cell::RefCell<i32>", "borrow_mut"));
        assert!(keeps("core::option::Option<i32>", "insert"));
        assert!(keeps("std::collections::hash::map::HashMap<u8, u8>", "get"));
    }

    #[test]
    fn unknown_types_and_methods_are_not_guessed() {
        assert_eq!(lookup("demo::RefCell<i32>", "borrow_mut"), None);
        assert_eq!(lookup("alloc::string::String", "frobnicate"), None);
        assert_eq!(lookup("alloc::rc::Rc<demo::Thing>", "len"), None);
        assert!(
            lookup("core::cell::RefCell<i32>", "try_borrow")
                .unwrap()
                .fallible
        );
    }
}
