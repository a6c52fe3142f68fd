//! The attribute's expansion: parse, validate, rewrite each function, emit. On error, the error
//! *and* the item unchanged, so the user's crate shows one error, at the right place.

use crate::args::Args;
use crate::rewrite::Rewriter;
use crate::{emit, source, validate};
use proc_macro2::TokenStream;
use quote::{ToTokens, TokenStreamExt};
use syn::{Expr, ImplItem, Item, ItemFn, Stmt, TraitItem};

/// Expands `#[trace_ownership(args)] item`.
pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let parsed_item: Item = match syn::parse2(item.clone()) {
        Ok(i) => i,
        // Not an item we can parse (a half-typed `fn f(x:)`, say): give it back untouched, with
        // no error of our own, so the compiler reports on it exactly as it would untraced.
        Err(_) => return item,
    };
    let args: Args = match syn::parse2(args) {
        Ok(a) => a,
        Err(e) => return with_error(e, item),
    };
    expand_guarded(args, parsed_item, item, expand_item)
}

/// Runs `expander` on the item, and on a panic (a bug in the macro) gives the item back as
/// written, so it compiles and runs untraced exactly as without the attribute, and says so on
/// the build's stderr: a compile-time note, not silence (rustc's own diagnostics unchanged).
fn expand_guarded(
    args: Args,
    parsed_item: Item,
    item: TokenStream,
    expander: fn(&Args, Item) -> syn::Result<TokenStream>,
) -> TokenStream {
    let label = item_label(&parsed_item);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        emit::with_crate_path(args.krate.clone(), || expander(&args, parsed_item))
    }));
    match result {
        // Under the `disabled` feature: once the item is known to be traceable, exactly the
        // tokens as written (a re-print of the parsed item could differ in punctuation spacing).
        Ok(Ok(_)) if cfg!(feature = "disabled") || mir_build() => item,
        Ok(Ok(ts)) => ts,
        Ok(Err(e)) => with_error(e, item),
        Err(payload) => {
            let note = untraced_note(&label, panic_message(payload.as_ref()));
            let _ = std::io::Write::write_all(&mut std::io::stderr(), note.as_bytes());
            item
        }
    }
}

/// `fn name (line N)`, `impl Type (line N)`, `mod name (line N)`: the item a note is about.
fn item_label(item: &Item) -> String {
    let (what, name, span) = match item {
        Item::Fn(f) => ("fn", f.sig.ident.to_string(), f.sig.ident.span()),
        Item::Impl(i) => (
            "impl",
            i.self_ty.to_token_stream().to_string().replace(' ', ""),
            i.impl_token.span,
        ),
        Item::Mod(m) => ("mod", m.ident.to_string(), m.ident.span()),
        other => ("item", String::new(), syn::spanned::Spanned::span(other)),
    };
    let line = span.start().line;
    let name = if name.is_empty() {
        String::new()
    } else {
        format!(" `{name}`")
    };
    format!("{what}{name} (line {line})")
}

/// The text of a panic's payload (`panic!("..")` gives a `&str` or a `String`).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "no message"
    }
}

/// The note printed when the macro gave up on an item after an internal error.
fn untraced_note(label: &str, message: &str) -> String {
    format!(
        "note: #[trace_ownership]: {label} is left untraced: the macro hit an internal error \
         ({message}). It compiles and runs exactly as written, with no trace. This is a bug in \
         trace-ownership: please report it with the item's code.\n"
    )
}

/// Whether this expansion is `cargo trace-ownership`'s MIR build (precise mode): that build asks
/// the compiler for the MIR of the code as written, so the attribute emits it unchanged, exactly
/// as under the `disabled` feature. Never set by an ordinary build.
fn mir_build() -> bool {
    std::env::var_os("TRACE_OWNERSHIP_MIR_BUILD").is_some_and(|v| v == "1")
}

fn with_error(e: syn::Error, item: TokenStream) -> TokenStream {
    let mut out = e.into_compile_error();
    out.extend(item);
    out
}

fn expand_item(args: &Args, mut item: Item) -> syn::Result<TokenStream> {
    // A trait method without a body (`fn f(&self);`) has nothing to trace: left as written.
    if let Item::Verbatim(ts) = &item {
        if let Ok(f) = syn::parse2::<syn::TraitItemFn>(ts.clone()) {
            if f.default.is_none() {
                return Ok(item.into_token_stream());
            }
        }
    }
    validate::item_kind(&item)?;
    if cfg!(feature = "disabled") || mir_build() {
        return Ok(item.into_token_stream());
    }
    match &mut item {
        Item::Fn(f) => {
            validate::signature(&f.sig)?;
            let name = display_name(args, &f.sig.ident.to_string(), None);
            let text = source::function_text(&f.vis, &f.sig, &f.block);
            emit::with_function_source(text, || {
                Rewriter::new().function(&f.sig, &mut f.block, &name)
            });
            if let Item::Fn(f) = item {
                return Ok(fn_into_tokens(f));
            }
        }
        Item::Impl(i) => {
            let self_name = i.self_ty.to_token_stream().to_string().replace(' ', "");
            trace_impl(args, i, &self_name);
        }
        Item::Mod(m) => trace_mod(args, m),
        _ => {}
    }
    Ok(item.into_token_stream())
}

/// The tokens of `f`, exactly as `f.into_token_stream()` writes them, but with the body's
/// generated statements (token streams) moved into the output rather than copied: they are
/// most of a traced function's tokens.
fn fn_into_tokens(mut f: ItemFn) -> TokenStream {
    fn is_outer(a: &&syn::Attribute) -> bool {
        matches!(a.style, syn::AttrStyle::Outer)
    }
    let mut tokens = TokenStream::new();
    tokens.append_all(f.attrs.iter().filter(is_outer));
    f.vis.to_tokens(&mut tokens);
    f.sig.to_tokens(&mut tokens);
    let stmts = std::mem::take(&mut f.block.stmts);
    f.block.brace_token.surround(&mut tokens, |tokens| {
        tokens.append_all(f.attrs.iter().filter(|a| !is_outer(a)));
        for stmt in stmts {
            match stmt {
                // What `Stmt::to_tokens` writes for it, without the copy.
                Stmt::Expr(Expr::Verbatim(ts), None) => tokens.extend(std::iter::once(ts)),
                other => other.to_tokens(tokens),
            }
        }
    });
    tokens
}

fn display_name(args: &Args, fn_name: &str, owner: Option<&str>) -> String {
    let base = match owner {
        Some(o) => format!("{o}::{fn_name}"),
        None => fn_name.to_string(),
    };
    match &args.name {
        Some(n) if owner.is_none() => n.value(),
        Some(n) => format!("{}::{fn_name}", n.value()),
        None => base,
    }
}

/// Every method with a body, except `const fn`s (they may run at compile time).
fn trace_impl(args: &Args, i: &mut syn::ItemImpl, owner: &str) {
    for it in &mut i.items {
        if let ImplItem::Fn(f) = it {
            if f.sig.constness.is_none() {
                let name = display_name(args, &f.sig.ident.to_string(), Some(owner));
                let text = source::function_text(&f.vis, &f.sig, &f.block);
                emit::with_function_source(text, || {
                    Rewriter::new().function(&f.sig, &mut f.block, &name)
                });
            }
        }
    }
}

/// Every function with a body in the module, nested modules, impls and trait default methods.
fn trace_mod(args: &Args, m: &mut syn::ItemMod) {
    let Some((_, items)) = &mut m.content else {
        return;
    };
    for item in items {
        match item {
            Item::Fn(f) if f.sig.constness.is_none() => {
                let name = display_name(args, &f.sig.ident.to_string(), None);
                let text = source::function_text(&f.vis, &f.sig, &f.block);
                emit::with_function_source(text, || {
                    Rewriter::new().function(&f.sig, &mut f.block, &name)
                });
            }
            Item::Impl(i) => {
                let owner = i.self_ty.to_token_stream().to_string().replace(' ', "");
                trace_impl(args, i, &owner);
            }
            Item::Trait(t) => {
                let owner = t.ident.to_string();
                for ti in &mut t.items {
                    if let TraitItem::Fn(f) = ti {
                        if let (Some(block), None) = (&mut f.default, &f.sig.constness) {
                            let name = display_name(args, &f.sig.ident.to_string(), Some(&owner));
                            let text =
                                source::function_text(&syn::Visibility::Inherited, &f.sig, block);
                            emit::with_function_source(text, || {
                                Rewriter::new().function(&f.sig, block, &name)
                            });
                        }
                    }
                }
            }
            Item::Mod(inner) => trace_mod(args, inner),
            _ => {}
        }
    }
}

/// `fn_into_tokens` is a faster `into_token_stream` for a rewritten function: same tokens.
#[cfg(all(test, not(feature = "disabled")))]
mod fn_tokens {
    use crate::rewrite::Rewriter;
    use quote::{quote, ToTokens};

    #[test]
    fn writes_what_syn_writes() {
        let mut f: syn::ItemFn = syn::parse2(quote! {
            /// Docs.
            #[inline]
            pub(crate) fn f<T: Clone>(v: Vec<T>) -> usize {
                #![allow(unused)]
                let w = v.clone();
                let n = w.len();
                { let inner = &w; inner.len() };
                n
            }
        })
        .unwrap();
        Rewriter::new().function(&f.sig.clone(), &mut f.block, "f");
        let want = f.to_token_stream().to_string();
        assert!(
            want.contains("__trace_ownership_slot"),
            "the body was rewritten"
        );
        assert_eq!(super::fn_into_tokens(f).to_string(), want);
    }
}

/// What the macro writes for the main shapes of input, pinned so a reviewer sees every change.
#[cfg(all(test, not(feature = "disabled")))]
mod snapshots {
    use quote::quote;

    fn expanded(item: proc_macro2::TokenStream) -> String {
        // The expansion reads `TRACE_OWNERSHIP_MIR_BUILD`, which `mir_build`'s test sets.
        let env = super::env_lock::ENV
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let out = super::expand(quote!(), item);
        drop(env);
        let file: syn::File = syn::parse2(out).expect("expansion parses as items");
        prettyplease::unparse(&file)
    }

    /// The expansion of `src`, parsed from text so that every token has its line and column:
    /// the snapshots pin the positions the generated sites carry.
    fn expanded_src(src: &str) -> String {
        let item: proc_macro2::TokenStream = src.parse().expect("the source parses");
        expanded(item)
    }

    #[test]
    fn free_fn() {
        insta::assert_snapshot!(expanded_src(
            r#"fn demo(n: u32) -> String {
    let s = String::from("hi");
    let t = s;
    let r = &t;
    println!("{r} {n}");
    t
}"#
        ));
    }

    #[test]
    fn impl_block_with_receivers() {
        insta::assert_snapshot!(expanded_src(
            r#"impl Counter {
    fn get(&self) -> u32 { self.n }
    fn bump(&mut self) { self.n += 1; }
    fn into_n(self) -> u32 { self.n }
    const fn zero() -> u32 { 0 }
}"#
        ));
    }

    #[test]
    fn generic_async_loop_and_closure() {
        insta::assert_snapshot!(expanded_src(
            r#"async fn work<T: Clone>(items: Vec<T>) -> usize {
    let mut n = 0;
    for item in items.iter() {
        let c = item.clone();
        let f = move || drop(c);
        f();
        n += 1;
    }
    n
}"#
        ));
    }

    /// A bug in the rewriter (here, a panic) leaves the item exactly as written, and the note
    /// names the item, its line and the panic's message.
    #[test]
    fn an_internal_error_leaves_the_item_as_written_with_a_note() {
        fn panicking(_: &super::Args, _: syn::Item) -> syn::Result<proc_macro2::TokenStream> {
            panic!("index out of bounds in the planner")
        }
        let item = quote! {
            fn f(v: Vec<u8>) -> usize { let w = v; w.len() }
        };
        let parsed: syn::Item = syn::parse2(item.clone()).unwrap();
        let args: super::Args = syn::parse2(quote!()).unwrap();
        let out = super::expand_guarded(args, parsed.clone(), item.clone(), panicking);
        assert_eq!(out.to_string(), item.to_string());
        let label = super::item_label(&parsed);
        assert_eq!(label, "fn `f` (line 1)");
        let note = super::untraced_note(&label, "index out of bounds in the planner");
        assert_eq!(
            note,
            "note: #[trace_ownership]: fn `f` (line 1) is left untraced: the macro hit an \
             internal error (index out of bounds in the planner). It compiles and runs exactly \
             as written, with no trace. This is a bug in trace-ownership: please report it \
             with the item's code.\n"
        );
        let boxed: Box<dyn std::any::Any + Send> = Box::new(String::from("owned message"));
        assert_eq!(super::panic_message(boxed.as_ref()), "owned message");
        let boxed: Box<dyn std::any::Any + Send> = Box::new("static message");
        assert_eq!(super::panic_message(boxed.as_ref()), "static message");
        let boxed: Box<dyn std::any::Any + Send> = Box::new(7u8);
        assert_eq!(super::panic_message(boxed.as_ref()), "no message");
        for (item, label) in [
            (
                quote!(impl Counter { fn get(&self) {} }),
                "impl `Counter` (line 1)",
            ),
            (
                quote!(
                    mod m {
                        fn g() {}
                    }
                ),
                "mod `m` (line 1)",
            ),
            (
                quote!(
                    struct S;
                ),
                "item (line 1)",
            ),
        ] {
            assert_eq!(super::item_label(&syn::parse2(item).unwrap()), label);
        }
    }

    #[test]
    fn errors_come_with_the_item_unchanged() {
        let out = super::expand(
            quote!(bogus = 1),
            quote!(
                fn f() {}
            ),
        )
        .to_string();
        assert!(out.contains("compile_error"));
        assert!(out.contains("unknown argument `bogus`"));
        assert!(out.ends_with("fn f () { }"), "{out}");
    }
}

/// Held by the tests that expand an item while one of them changes the environment.
#[cfg(all(test, not(feature = "disabled")))]
mod env_lock {
    pub static ENV: std::sync::Mutex<()> = std::sync::Mutex::new(());
}

/// `cargo trace-ownership`'s MIR build (`TRACE_OWNERSHIP_MIR_BUILD=1`, precise mode) gets the
/// code as written, token for token; any other value of the variable is an ordinary build.
/// Token for token, punctuation spacing included: what "the item as written" means.
#[cfg(test)]
mod token_spacing {
    /// Each punctuation mark with its spacing: a re-print of the parsed item writes `&&` as two
    /// separate `&`, the user's tokens keep them joined.
    pub fn spacing(ts: proc_macro2::TokenStream) -> Vec<String> {
        fn walk(ts: proc_macro2::TokenStream, out: &mut Vec<String>) {
            for tt in ts {
                match tt {
                    proc_macro2::TokenTree::Group(g) => walk(g.stream(), out),
                    proc_macro2::TokenTree::Punct(p) => {
                        out.push(format!("{}{:?}", p.as_char(), p.spacing()))
                    }
                    other => out.push(other.to_string()),
                }
            }
        }
        let mut v = Vec::new();
        walk(ts, &mut v);
        v
    }
}

#[cfg(all(test, not(feature = "disabled")))]
mod mir_build {
    use quote::quote;

    use super::token_spacing::spacing;

    #[test]
    fn a_mir_build_gets_the_item_as_written_and_only_a_mir_build() {
        let item = quote! { fn f(x: String) -> usize { let r = &&x; r.len() } };
        let expand_with = |value: Option<&str>| {
            let _env = super::env_lock::ENV
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            match value {
                Some(v) => std::env::set_var("TRACE_OWNERSHIP_MIR_BUILD", v),
                None => std::env::remove_var("TRACE_OWNERSHIP_MIR_BUILD"),
            }
            let out = super::expand(quote!(), item.clone());
            std::env::remove_var("TRACE_OWNERSHIP_MIR_BUILD");
            out
        };
        let mir = expand_with(Some("1"));
        assert_eq!(spacing(mir), spacing(item.clone()));
        for value in [None, Some("0"), Some("")] {
            let out = expand_with(value).to_string();
            assert!(out.contains("__trace_ownership_slot"), "{value:?}: {out}");
        }
    }
}

/// Under the `disabled` feature the attribute emits the item exactly as written: token for token.
/// Run with `cargo test -p trace-ownership-macros --features disabled`.
#[cfg(all(test, feature = "disabled"))]
mod disabled {
    use super::token_spacing::spacing;
    use quote::quote;

    #[test]
    fn emits_the_item_unchanged() {
        let items = [
            quote! { fn f(x: String) -> usize { let y = x; y.len() } },
            quote! { fn first<'a, T: 'a>(v: &'a [T]) -> Option<&'a T> { v.first() } },
            quote! { impl S { fn g(&mut self) { self.0 += 1; } } },
            quote! { mod m { pub fn h() { for i in 0..3 { let _ = i; } } } },
        ];
        for item in items {
            let out = super::expand(quote!(), item.clone());
            assert_eq!(out.to_string(), item.to_string());
            // Token for token, punctuation spacing included.
            assert_eq!(spacing(out), spacing(item));
        }
    }
}
