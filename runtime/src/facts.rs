//! What generic code can learn about any type without adding a constraint to the user's code.
//!
//! Every function here is generic over `T: ?Sized` with no other bound, so calling it never
//! changes type inference (trap 1 of the design notes): `type_name`, `size_of_val` and
//! `needs_drop` work for every type, inferred or not.

use std::marker::PhantomData;

/// Whether a type is known to be `Copy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyKnown {
    /// Proven `Copy`.
    Yes,
    /// Proven not `Copy`.
    No,
    /// Not known.
    Unknown,
}

/// The facts about one value that the trace carries.
#[derive(Clone, Copy, Debug)]
pub struct Facts {
    /// `std::any::type_name` of the value's type.
    pub ty: &'static str,
    /// `size_of_val`: bytes where the value itself lives.
    pub size: usize,
    /// Whether dropping it runs code.
    pub needs_drop: bool,
    /// Whether the type is `Copy`, as far as can be known.
    pub copy: CopyKnown,
}

/// Facts about the value behind `v`. Adds no constraint on `T`.
///
/// ```
/// let s = String::from("hello");
/// let f = trace_ownership_runtime::facts::facts_of(&s);
/// assert_eq!(f.ty, "alloc::string::String");
/// assert!(f.needs_drop);
/// ```
pub fn facts_of<T: ?Sized>(v: &T) -> Facts {
    let ty = std::any::type_name::<T>();
    let needs_drop = std::mem::needs_drop::<T>();
    Facts {
        ty,
        size: std::mem::size_of_val(v),
        needs_drop,
        copy: if needs_drop {
            // Types with drop glue are never Copy.
            CopyKnown::No
        } else {
            copy_by_name(ty)
        },
    }
}

/// Whether a type is `Copy`, judged from its `type_name` alone, for the types whose names
/// settle it: primitives, shared references, raw pointers, function pointers, and tuples,
/// arrays and `Option`s of those. `&mut T` is never `Copy`. Anything else is unknown.
pub fn copy_by_name(ty: &str) -> CopyKnown {
    let ty = ty.trim();
    const PRIMITIVES: &[&str] = &[
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
        "f32", "f64", "bool", "char", "()", "!",
    ];
    if PRIMITIVES.contains(&ty) {
        return CopyKnown::Yes;
    }
    if ty.starts_with("&mut ") {
        return CopyKnown::No;
    }
    if ty.starts_with('&') || ty.starts_with("*const ") || ty.starts_with("*mut ") {
        return CopyKnown::Yes;
    }
    if ty.starts_with("fn(") || ty.starts_with("unsafe fn(") || ty.starts_with("extern ") {
        return CopyKnown::Yes;
    }
    if let Some(inner) = ty
        .strip_prefix("core::option::Option<")
        .and_then(|r| r.strip_suffix('>'))
    {
        return copy_by_name(inner);
    }
    if let Some(inner) = ty.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        // `[T; N]` is Copy when T is; a slice `[T]` is unsized and never moved by value.
        return match split_top_level(inner, ';').as_slice() {
            [elem, _len] => copy_by_name(elem),
            _ => CopyKnown::Unknown,
        };
    }
    if let Some(inner) = ty.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        let parts = split_top_level(inner, ',');
        let mut all = CopyKnown::Yes;
        for p in parts.iter().filter(|p| !p.trim().is_empty()) {
            match copy_by_name(p) {
                CopyKnown::Yes => {}
                CopyKnown::No => return CopyKnown::No,
                CopyKnown::Unknown => all = CopyKnown::Unknown,
            }
        }
        return all;
    }
    CopyKnown::Unknown
}

/// Splits `s` at `sep` where it is not nested inside `<>`, `()` or `[]`.
fn split_top_level(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// A zero-sized stand-in for a type the user *wrote* (a parameter's or an annotated `let`'s),
/// used by the macro to ask the compiler whether that type is `Copy`.
///
/// The question is asked with method resolution ("autoref specialization"): `(&&Probe::<T>::new())
/// .copy_known()` finds [`ProbeCopy`] when `T: Copy` holds and [`ProbeAny`] otherwise. The macro
/// only asks for types spelled out in the source, which are fully known where they are written,
/// so the answer never adds a constraint (unlike asking about an inferred type, which would).
pub struct Probe<T: ?Sized>(PhantomData<*const T>);

impl<T: ?Sized> Probe<T> {
    /// A probe for `T`.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Probe(PhantomData)
    }
}

/// Answers `Yes` for `Copy` types (found first by method resolution).
pub trait ProbeCopy {
    /// See [`Probe`].
    fn copy_known(&self) -> CopyKnown;
}

/// Answers `No` for every other type (found when [`ProbeCopy`] does not apply).
pub trait ProbeAny {
    /// See [`Probe`].
    fn copy_known(&self) -> CopyKnown;
}

impl<T: Copy> ProbeCopy for &Probe<T> {
    fn copy_known(&self) -> CopyKnown {
        CopyKnown::Yes
    }
}

impl<T: ?Sized> ProbeAny for Probe<T> {
    fn copy_known(&self) -> CopyKnown {
        CopyKnown::No
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_settle_copy() {
        assert_eq!(copy_by_name("i32"), CopyKnown::Yes);
        assert_eq!(copy_by_name("&str"), CopyKnown::Yes);
        assert_eq!(copy_by_name("&mut alloc::string::String"), CopyKnown::No);
        assert_eq!(copy_by_name("(i32, &str)"), CopyKnown::Yes);
        assert_eq!(copy_by_name("[u8; 4]"), CopyKnown::Yes);
        assert_eq!(copy_by_name("core::option::Option<u64>"), CopyKnown::Yes);
        assert_eq!(copy_by_name("(i32, &mut u8)"), CopyKnown::No);
        assert_eq!(copy_by_name("my_crate::Point"), CopyKnown::Unknown);
        assert_eq!(copy_by_name("(i32, my_crate::Point)"), CopyKnown::Unknown);
    }

    #[test]
    fn facts_of_common_values() {
        let s = String::from("hi");
        let f = facts_of(&s);
        assert_eq!(f.copy, CopyKnown::No);
        assert_eq!(f.size, std::mem::size_of::<String>());
        let n = 5u8;
        assert_eq!(facts_of(&n).copy, CopyKnown::Yes);
    }

    #[test]
    #[allow(clippy::needless_borrow)] // the double borrow is the mechanism under test
    fn probe_answers_from_declared_types() {
        #[allow(unused_imports)]
        use super::{ProbeAny as _, ProbeCopy as _};
        assert_eq!((&&Probe::<u32>::new()).copy_known(), CopyKnown::Yes);
        assert_eq!((&&Probe::<String>::new()).copy_known(), CopyKnown::No);
        assert_eq!((&&Probe::<&mut u32>::new()).copy_known(), CopyKnown::No);
    }
}
