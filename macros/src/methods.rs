//! What a method call does to its receiver, as far as the method's name suggests.
//!
//! Rust picks `self`, `&self` or `&mut self` from the method's signature, which a macro cannot
//! see. The runtime decides from the receiver's run-time type, by the standard library's real
//! signatures (`trace_ownership_runtime::facts::std_methods`); the guess made here from the
//! name is used only for a type that table does not know, and the trace labels it a
//! convention. Names whose meaning depends on the type (`borrow`, `borrow_mut`, `set`, `join`,
//! `take`, `lock`, ...) suggest nothing here.

/// How a method takes its receiver, as far as its name tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Receiver {
    /// `&self` by the standard library's signatures and Rust's naming conventions.
    Shared,
    /// `&mut self` by the standard library's signatures and conventions.
    Mut,
    /// `self` by value: `into_*`, `unwrap`, `expect` and friends.
    Consume,
    /// Not known.
    Unknown,
}

/// The receiver mode suggested by `method`'s name.
pub fn receiver(method: &str) -> Receiver {
    const SHARED: &[&str] = &[
        "len",
        "is_empty",
        "iter",
        "get",
        "contains",
        "contains_key",
        "first",
        "last",
        "as_str",
        "as_slice",
        "as_bytes",
        "as_ref",
        "chars",
        "bytes",
        "lines",
        "split",
        "split_whitespace",
        "trim",
        "trim_start",
        "trim_end",
        "starts_with",
        "ends_with",
        "find",
        "to_string",
        "to_owned",
        "to_vec",
        "to_uppercase",
        "to_lowercase",
        "capacity",
        "is_some",
        "is_none",
        "is_ok",
        "is_err",
        "keys",
        "values",
        "windows",
        "chunks",
        "as_ptr",
        "eq",
        "cmp",
        "partial_cmp",
        "fmt",
        "hash",
        "get_key_value",
        "binary_search",
        "char_indices",
        "parse",
        "repeat",
        "concat",
        "strong_count",
    ];
    const MUT: &[&str] = &[
        "push",
        "push_str",
        "push_back",
        "push_front",
        "pop",
        "pop_back",
        "pop_front",
        "insert",
        "remove",
        "clear",
        "sort",
        "sort_by",
        "sort_by_key",
        "sort_unstable",
        "dedup",
        "reverse",
        "truncate",
        "retain",
        "extend",
        "extend_from_slice",
        "append",
        "drain",
        "iter_mut",
        "get_mut",
        "as_mut",
        "as_mut_str",
        "entry",
        "swap",
        "fill",
        "reserve",
        "shrink_to_fit",
        "split_off",
        "resize",
        "last_mut",
        "first_mut",
        "values_mut",
        "swap_remove",
        "make_ascii_uppercase",
        "make_ascii_lowercase",
    ];
    const CONSUME: &[&str] = &[
        "unwrap",
        "expect",
        "unwrap_or",
        "unwrap_or_default",
        "unwrap_or_else",
        "unwrap_err",
        "expect_err",
        "into",
        "ok",
        "err",
        "ok_or",
        "ok_or_else",
    ];
    if SHARED.contains(&method) {
        Receiver::Shared
    } else if MUT.contains(&method) {
        Receiver::Mut
    } else if CONSUME.contains(&method) || method.starts_with("into_") {
        Receiver::Consume
    } else {
        Receiver::Unknown
    }
}

/// Whether `method` commonly returns a reference into its receiver (`as_str`, `iter`, `get`,
/// `trim`, `borrow`, `lock`, ...).
pub fn may_return_borrow(method: &str) -> bool {
    const OWNED: &[&str] = &[
        "len",
        "is_empty",
        "contains",
        "contains_key",
        "starts_with",
        "ends_with",
        "capacity",
        "is_some",
        "is_none",
        "is_ok",
        "is_err",
        "eq",
        "cmp",
        "partial_cmp",
        "hash",
        "parse",
        "repeat",
        "join",
        "concat",
        "strong_count",
        "binary_search",
        "to_string",
        "to_owned",
        "to_vec",
        "to_uppercase",
        "to_lowercase",
        "push",
        "push_str",
        "insert",
        "clear",
        "sort",
        "count",
        "sum",
        "product",
        "collect",
        "clone",
        "cloned",
        "copied",
    ];
    if OWNED.contains(&method) {
        return false;
    }
    matches!(receiver(method), Receiver::Shared | Receiver::Mut)
        || matches!(
            method,
            "lock"
                | "borrow"
                | "borrow_mut"
                | "set"
                | "read"
                | "write"
                | "deref"
                | "deref_mut"
                | "as_deref"
                | "to_str"
                | "as_path"
                | "unwrap"
                | "expect"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_whose_meaning_depends_on_the_type_suggest_nothing() {
        // `RefCell::borrow_mut` takes `&self`, `JoinHandle::join` takes `self`, `Cell::set`
        // takes `&self`: the runtime decides these from the receiver's type.
        for name in [
            "borrow",
            "borrow_mut",
            "join",
            "set",
            "take",
            "lock",
            "read",
            "write",
        ] {
            assert_eq!(receiver(name), Receiver::Unknown, "{name}");
        }
        assert_eq!(receiver("len"), Receiver::Shared);
        assert_eq!(receiver("push"), Receiver::Mut);
        assert_eq!(receiver("into_bytes"), Receiver::Consume);
    }

    #[test]
    fn guards_and_views_may_still_return_a_borrow() {
        // Kept for `effects::may_borrow_temporary` (E0716 must stay at the user's own use).
        for name in [
            "borrow",
            "borrow_mut",
            "lock",
            "read",
            "write",
            "iter",
            "as_str",
            "set",
        ] {
            assert!(may_return_borrow(name), "{name}");
        }
        for name in ["len", "join", "to_string", "clone"] {
            assert!(!may_return_borrow(name), "{name}");
        }
    }
}
