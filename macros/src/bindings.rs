//! The bindings a pattern makes, by one rule for every place Rust binds: `let`, a function's
//! parameters, `match` arms, `if let`/`while let`, `for` loops and closure parameters.
//!
//! The rule: a type written for the pattern (`let x: T`, `x: T` in a signature, `|x: T|`) is the
//! type of the whole value. It is a fact about a binding only when that binding takes the whole
//! value by value: the pattern is one name (`x`, or `x @ sub` where `sub` binds nothing more),
//! not `ref x`, whose variable is a reference to the value. Only then may the slot ask the
//! compiler whether the type is `Copy`, and ask the value for its heap block.

use crate::emit::BindKind;
use crate::known_types::HEAP_PROBED;
use crate::names::{self, Binding};
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Pat, Type};

/// A binding to declare: what the slot that tracks it is built from.
pub struct PreBind {
    /// Tokens naming the variable (the user's own identifier, or `self`).
    pub var: TokenStream,
    pub name: String,
    pub span: Span,
    pub kind: BindKind,
    /// The type written for the variable's own value, when it can be named in the body.
    pub declared: Option<Type>,
    pub by_ref: bool,
    /// Record without reading the variable (its value may borrow a dead temporary).
    pub opaque: bool,
    /// The type's outer constructor is known from the source: safe to ask for heap facts.
    pub known_head: bool,
    /// The value was passed through `pass` on its way in (see `emit::pass`): the slot takes
    /// its facts from there instead of reading the variable.
    pub passed: bool,
}

/// What the source says of the value a pattern receives.
#[derive(Clone, Copy, Default)]
pub struct Incoming<'a> {
    /// The type written for the whole pattern, if any.
    pub ty: Option<&'a Type>,
    /// The value's outer constructor is known from where it comes from (`String::from(..)`).
    pub known_head: bool,
    /// The value may borrow a temporary: the variable must not be read (see `PreBind::opaque`).
    pub opaque: bool,
    /// The value goes through `pass` on its way in (see `PreBind::passed`).
    pub passed: bool,
}

/// The one name of a pattern that takes the whole value (`x`, `x @ _`), and the type written
/// for the pattern (`x: T`), looking through the type ascription. `bindings`: the pattern's
/// ([`names::pat_bindings`]).
pub fn whole_name<'p>(
    pat: &'p Pat,
    bindings: &[Binding],
) -> (Option<&'p syn::PatIdent>, Option<&'p Type>) {
    let (inner, ty) = match pat {
        Pat::Type(t) => (&*t.pat, Some(&*t.ty)),
        other => (other, None),
    };
    let whole = match inner {
        Pat::Ident(p) if p.subpat.is_none() || bindings.len() == 1 => Some(p),
        _ => None,
    };
    (whole, ty)
}

/// The bindings `pat` makes, of `kind`, for a value `incoming`. A pattern with a type ascription
/// (`x: T`) takes the type from it, unless `incoming` gives one (a parameter's).
pub fn of_pattern(pat: &Pat, kind: BindKind, incoming: Incoming) -> Vec<PreBind> {
    of_bindings(pat, names::pat_bindings(pat), kind, incoming)
}

/// [`of_pattern`], for a pattern whose `bindings` are already known.
pub fn of_bindings(
    pat: &Pat,
    bindings: Vec<Binding>,
    kind: BindKind,
    incoming: Incoming,
) -> Vec<PreBind> {
    let (whole, ascribed) = whole_name(pat, &bindings);
    let ty = incoming.ty.or(ascribed);
    bindings
        .into_iter()
        .map(|b| {
            let takes_whole = whole.is_some() && !b.by_ref;
            let declared = ty.filter(|t| takes_whole && nameable(t)).cloned();
            PreBind {
                var: b.ident.to_token_stream(),
                name: b.ident.to_string(),
                span: b.ident.span(),
                kind,
                // The outer constructor is enough to ask for the heap block, whether or not
                // the type can be named again (`Vec<_>`: what is inferred is inside).
                known_head: takes_whole && (incoming.known_head || ty.is_some_and(heap_head)),
                declared,
                by_ref: b.by_ref,
                opaque: incoming.opaque,
                passed: incoming.passed,
            }
        })
        .collect()
}

/// The binding of a method's `self` parameter (its type `Self`, `&Self`, `Box<Self>`...).
pub fn of_receiver(r: &syn::Receiver) -> PreBind {
    PreBind {
        var: r.self_token.to_token_stream(),
        name: "self".into(),
        span: r.self_token.span(),
        kind: BindKind::Param,
        declared: Some((*r.ty).clone()).filter(nameable),
        by_ref: false,
        opaque: false,
        known_head: heap_head(&r.ty),
        passed: false,
    }
}

/// Whether a written type is one whose heap block the runtime can report (`String`, `Vec<T>`,
/// `Box<T>`, `Rc<T>`, `Arc<T>`, by their last path segment). Only those get the heap probe:
/// each probe is a method-resolution block the compiler must check, so others would only cost
/// build time.
pub fn heap_head(ty: &Type) -> bool {
    match ty {
        Type::Path(p) => p
            .path
            .segments
            .last()
            .is_some_and(|s| HEAP_PROBED.contains(&s.ident.to_string().as_str())),
        Type::Paren(p) => heap_head(&p.elem),
        Type::Group(g) => heap_head(&g.elem),
        _ => false,
    }
}

/// Whether a type written by the user can be named again inside the body to ask whether it is
/// `Copy`: not with `_` (inferred) or `impl Trait` (unnameable).
pub fn nameable(ty: &Type) -> bool {
    struct Check(bool);
    impl<'a> syn::visit::Visit<'a> for Check {
        fn visit_type_infer(&mut self, _: &'a syn::TypeInfer) {
            self.0 = false;
        }
        fn visit_type_impl_trait(&mut self, _: &'a syn::TypeImplTrait) {
            self.0 = false;
        }
        fn visit_type_macro(&mut self, _: &'a syn::TypeMacro) {
            self.0 = false;
        }
    }
    let mut c = Check(true);
    syn::visit::visit_type(&mut c, ty);
    c.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(name, declared type, known_head, by_ref)` of each binding of the pattern `pat` (the
    /// form of a closure parameter, which may carry its own `: T`), given `ty` from outside.
    fn binds(
        pat: &str,
        ty: Option<&str>,
        known_head: bool,
    ) -> Vec<(String, Option<String>, bool, bool)> {
        let closure: syn::ExprClosure = syn::parse_str(&format!("|{pat}| ()")).unwrap();
        let pat = &closure.inputs[0];
        let ty: Option<Type> = ty.map(|t| syn::parse_str(t).unwrap());
        let incoming = Incoming {
            ty: ty.as_ref(),
            known_head,
            ..Incoming::default()
        };
        of_pattern(pat, BindKind::Let, incoming)
            .into_iter()
            .map(|b| {
                let declared = b.declared.map(|t| t.to_token_stream().to_string());
                (b.name, declared, b.known_head, b.by_ref)
            })
            .collect()
    }

    fn one(
        name: &str,
        declared: Option<&str>,
        known_head: bool,
        by_ref: bool,
    ) -> (String, Option<String>, bool, bool) {
        (name.into(), declared.map(Into::into), known_head, by_ref)
    }

    #[test]
    fn a_name_that_takes_the_whole_value_has_the_written_type() {
        assert_eq!(
            binds("x", Some("String"), false),
            [one("x", Some("String"), true, false)]
        );
        assert_eq!(
            binds("mut n", Some("u32"), false),
            [one("n", Some("u32"), false, false)]
        );
        // `x @ _` and `x @ Some(_)`: `x` still takes the whole value.
        assert_eq!(
            binds("x @ _", Some("Vec<u8>"), false),
            [one("x", Some("Vec < u8 >"), true, false)]
        );
        // The type from the pattern's own ascription, as in a closure parameter `|x: T|`.
        let (pat, ty) = ("x: Box<i32>", None);
        assert_eq!(
            binds(pat, ty, false),
            [one("x", Some("Box < i32 >"), true, false)]
        );
    }

    #[test]
    fn a_ref_binding_is_a_reference_to_the_value_so_the_values_type_is_not_its_own() {
        // `let ref x: String = s;`: `x` is a `&String`, which is `Copy` and owns no heap block.
        assert_eq!(
            binds("ref x", Some("String"), true),
            [one("x", None, false, true)]
        );
        assert_eq!(
            binds("ref mut x", Some("u32"), false),
            [one("x", None, false, true)]
        );
    }

    #[test]
    fn the_bindings_of_a_pattern_with_parts_get_no_type_of_the_whole() {
        let got = binds("(a, ref b)", Some("(String, String)"), true);
        assert_eq!(
            got,
            [one("a", None, false, false), one("b", None, false, true)]
        );
        // `x @ Some(y)` binds two names: neither takes the whole value alone.
        let got = binds("x @ Some(y)", Some("Option<String>"), false);
        assert_eq!(got.len(), 2);
        assert!(got
            .iter()
            .all(|(_, declared, head, _)| declared.is_none() && !head));
    }

    #[test]
    fn a_type_that_cannot_be_named_in_the_body_is_not_declared() {
        // Not declared (no `Copy` probe can name it), but its written outer constructor still
        // asks for the heap block, as a parameter's does.
        assert_eq!(
            binds("x", Some("Vec<_>"), false),
            [one("x", None, true, false)]
        );
        assert_eq!(
            binds("f", Some("impl Fn()"), false),
            [one("f", None, false, false)]
        );
        // The value's head known from its initializer still asks for the heap block.
        assert_eq!(
            binds("v", Some("Vec<_>"), true),
            [one("v", None, true, false)]
        );
        assert_eq!(binds("v", None, true), [one("v", None, true, false)]);
    }

    #[test]
    fn heap_heads_are_found_by_the_last_path_segment_through_parentheses() {
        for (ty, head) in [
            ("std::string::String", true),
            ("(Rc<u8>)", true),
            ("&String", false),
            ("Option<String>", false),
            ("[u8; 3]", false),
        ] {
            assert_eq!(heap_head(&syn::parse_str(ty).unwrap()), head, "{ty}");
        }
    }
}
