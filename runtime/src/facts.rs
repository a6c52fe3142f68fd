//! What generic code can learn about any type without adding a constraint to the user's code.
//!
//! Every function here is generic over `T: ?Sized` with no other bound, so calling it never
//! changes type inference (trap 1 of the design notes): `type_name`, `size_of_val` and
//! `needs_drop` work for every type, inferred or not.

use crate::event::HeapFacts;
use std::cell::Cell;
use std::marker::PhantomData;

pub mod std_methods;

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
    /// `std::any::type_name` of the value's type, asked only when needed (a function pointer
    /// is half the size of the name, and recording copies these facts into every event).
    pub type_name: fn() -> &'static str,
    /// `size_of_val`: bytes where the value itself lives.
    pub size: usize,
    /// Whether dropping it runs code.
    pub needs_drop: bool,
    /// Where the value itself is (for a local: its place on the stack).
    pub addr: usize,
}

impl Facts {
    /// `std::any::type_name` of the value's type.
    pub fn ty(&self) -> &'static str {
        (self.type_name)()
    }

    /// Whether the type is `Copy`, as far as can be known: never with drop glue, else as its
    /// name settles it ([`copy_by_name`]). Computed on demand: it reads the type's name, once
    /// per type and thread (a loop asks for the same type again and again; reading a name and
    /// judging it costs more than the rest of recording a move).
    pub fn copy(&self) -> CopyKnown {
        if self.needs_drop {
            return CopyKnown::No;
        }
        let key = self.type_name as usize;
        let slot = (key / std::mem::align_of::<fn()>()) % COPY_CACHE;
        let cached = COPY_ANSWERS
            .try_with(|c| {
                let (k, answer) = c[slot].get();
                (k == key).then_some(answer)
            })
            .ok()
            .flatten();
        if let Some(answer) = cached {
            return answer;
        }
        let answer = copy_by_name(self.ty());
        let _ = COPY_ANSWERS.try_with(|c| c[slot].set((key, answer)));
        answer
    }
}

/// Entries of the per-thread cache of [`Facts::copy`]: a direct-mapped table keyed by the
/// address of the type's `type_name` function (one per type; two types that share one share
/// their name, hence their answer).
const COPY_CACHE: usize = 16;

thread_local! {
    static COPY_ANSWERS: [Cell<(usize, CopyKnown)>; COPY_CACHE] =
        const { [const { Cell::new((0, CopyKnown::Unknown)) }; COPY_CACHE] };
}

/// Facts about the value behind `v`. Adds no constraint on `T`.
///
/// ```
/// let s = String::from("hello");
/// let f = trace_ownership_runtime::__private::facts_of(&s);
/// assert_eq!(f.ty(), "alloc::string::String");
/// assert!(f.needs_drop);
/// ```
pub fn facts_of<T: ?Sized>(v: &T) -> Facts {
    Facts {
        type_name: std::any::type_name::<T>,
        size: std::mem::size_of_val(v),
        needs_drop: std::mem::needs_drop::<T>(),
        addr: v as *const T as *const u8 as usize,
    }
}

/// Facts about the type `T` alone, for a variable that must not be read (its address is
/// unknown: 0).
///
/// ```
/// let f = trace_ownership_runtime::__private::facts_of_type::<String>();
/// assert_eq!((f.ty(), f.size, f.needs_drop), ("alloc::string::String", 24, true));
/// ```
pub fn facts_of_type<T>() -> Facts {
    Facts {
        type_name: std::any::type_name::<T>,
        size: std::mem::size_of::<T>(),
        needs_drop: std::mem::needs_drop::<T>(),
        addr: 0,
    }
}

/// Whether a type is `Copy`, judged from its `type_name` alone, for the types whose names
/// settle it: primitives, shared references, raw pointers, function pointers, and tuples,
/// arrays and `Option`s of those. `&mut T` is never `Copy`. Anything else is unknown.
pub fn copy_by_name(ty: &str) -> CopyKnown {
    let ty = ty.trim();
    if crate::types::COPY_PRIMITIVES.contains(&ty) {
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
        let mut parts = TopLevel::new(inner, ';');
        return match (parts.next(), parts.next(), parts.next()) {
            (Some(elem), Some(_len), None) => copy_by_name(elem),
            _ => CopyKnown::Unknown,
        };
    }
    if let Some(inner) = ty.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        let mut all = CopyKnown::Yes;
        for p in TopLevel::new(inner, ',').filter(|p| !p.trim().is_empty()) {
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

/// The parts of a string separated by `sep` where it is not nested inside `<>`, `()` or `[]`.
/// Allocates nothing: it runs inside the heap tracker's reach.
struct TopLevel<'a> {
    rest: Option<&'a str>,
    sep: char,
}

impl<'a> TopLevel<'a> {
    fn new(s: &'a str, sep: char) -> Self {
        TopLevel { rest: Some(s), sep }
    }
}

impl<'a> Iterator for TopLevel<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let s = self.rest?;
        let mut depth = 0i32;
        for (i, c) in s.char_indices() {
            match c {
                '<' | '(' | '[' => depth += 1,
                '>' | ')' | ']' => depth -= 1,
                c if c == self.sep && depth == 0 => {
                    self.rest = Some(&s[i + c.len_utf8()..]);
                    return Some(&s[..i]);
                }
                _ => {}
            }
        }
        self.rest = None;
        Some(s)
    }
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

/// A borrowed value, asked for its heap figures when its type is one whose heap block is
/// known: `String`, `Vec<T>`, `Box<T>`, `Rc<T>`, `Arc<T>`. Like [`Probe`], it works by method
/// resolution: `(&HeapProbe(&v)).heap_facts()` finds the impl for `v`'s type, or [`HeapNone`].
/// The macro only asks where the type's outer constructor is known from the source (`String::from`,
/// `vec![..]`, `Rc::new`, a declared type), so the question never constrains inference.
pub struct HeapProbe<'a, T: ?Sized>(pub &'a T);

/// The heap figures of a value whose type is one of the known heap owners. One trait for all of
/// them (not one per type): on a type the compiler could not resolve (a misspelt `Vec<Strng>`),
/// one trait gives no new error, where several would add "multiple applicable items" (E0034).
pub trait HeapKnown {
    /// The heap figures of the probed value.
    fn heap_facts(&self) -> Option<HeapFacts>;
}

/// The fallback of [`HeapProbe`]: no heap figures.
pub trait HeapNone {
    /// No heap figures.
    fn heap_facts(&self) -> Option<HeapFacts>;
}

fn block(addr: usize, bytes: usize) -> HeapFacts {
    HeapFacts {
        addr: (bytes > 0).then_some(addr),
        bytes: Some(bytes),
        strong: None,
        weak: None,
    }
}

impl HeapKnown for HeapProbe<'_, String> {
    fn heap_facts(&self) -> Option<HeapFacts> {
        Some(block(self.0.as_ptr() as usize, self.0.capacity()))
    }
}

impl<T> HeapKnown for HeapProbe<'_, Vec<T>> {
    fn heap_facts(&self) -> Option<HeapFacts> {
        Some(block(
            self.0.as_ptr() as usize,
            self.0.capacity() * std::mem::size_of::<T>(),
        ))
    }
}

impl<T: ?Sized> HeapKnown for HeapProbe<'_, Box<T>> {
    fn heap_facts(&self) -> Option<HeapFacts> {
        let inner: &T = self.0;
        Some(block(
            inner as *const T as *const u8 as usize,
            std::mem::size_of_val(inner),
        ))
    }
}

impl<T: ?Sized> HeapKnown for HeapProbe<'_, std::rc::Rc<T>> {
    fn heap_facts(&self) -> Option<HeapFacts> {
        Some(HeapFacts {
            addr: Some(std::rc::Rc::as_ptr(self.0) as *const u8 as usize),
            bytes: None,
            strong: Some(std::rc::Rc::strong_count(self.0)),
            weak: Some(std::rc::Rc::weak_count(self.0)),
        })
    }
}

impl<T: ?Sized> HeapKnown for HeapProbe<'_, std::sync::Arc<T>> {
    fn heap_facts(&self) -> Option<HeapFacts> {
        Some(HeapFacts {
            addr: Some(std::sync::Arc::as_ptr(self.0) as *const u8 as usize),
            bytes: None,
            strong: Some(std::sync::Arc::strong_count(self.0)),
            weak: Some(std::sync::Arc::weak_count(self.0)),
        })
    }
}

impl<T: ?Sized> HeapNone for &HeapProbe<'_, T> {
    fn heap_facts(&self) -> Option<HeapFacts> {
        None
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
    fn copy_is_judged_once_per_type_and_answers_each_type_its_own() {
        #[derive(Clone, Copy)]
        struct Mine;
        let (n, r, t, o, m) = (1u8, &5i32, (1u16, 'c'), Some(2u64), Mine);
        let p = std::ptr::null::<u8>();
        let facts = [
            facts_of(&n),
            facts_of(&r),
            facts_of(&t),
            facts_of(&o),
            facts_of(&m),
            facts_of(&p),
        ];
        // Asked twice, in turns: the second answers come from the cache, and must be the first.
        for _ in 0..2 {
            for f in &facts {
                assert_eq!(f.copy(), copy_by_name(f.ty()), "{}", f.ty());
            }
        }
        assert_eq!(facts[4].copy(), CopyKnown::Unknown);
        assert_eq!(facts[0].copy(), CopyKnown::Yes);
    }

    #[test]
    fn facts_of_common_values() {
        let s = String::from("hi");
        let f = facts_of(&s);
        assert_eq!(f.copy(), CopyKnown::No);
        assert_eq!(f.size, std::mem::size_of::<String>());
        let n = 5u8;
        assert_eq!(facts_of(&n).copy(), CopyKnown::Yes);
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

#[cfg(test)]
mod heap_probe_tests {
    use super::HeapProbe;
    #[allow(unused_imports)]
    use super::{HeapKnown as _, HeapNone as _};

    #[test]
    #[allow(clippy::needless_borrow)] // the explicit borrow is the mechanism under test
    fn known_types_report_their_heap_block() {
        let s = String::from("hello");
        assert_eq!((&HeapProbe(&s)).heap_facts().unwrap().bytes, Some(5));
        let v: Vec<u32> = Vec::with_capacity(10);
        assert_eq!((&HeapProbe(&v)).heap_facts().unwrap().bytes, Some(40));
        let b = Box::new(5u64);
        assert_eq!((&HeapProbe(&b)).heap_facts().unwrap().bytes, Some(8));
        let r = std::rc::Rc::new(1);
        let r2 = r.clone();
        assert_eq!((&HeapProbe(&r2)).heap_facts().unwrap().strong, Some(2));
        let n = 5;
        assert!((&HeapProbe(&n)).heap_facts().is_none());
    }
}
