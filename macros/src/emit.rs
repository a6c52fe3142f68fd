//! The only module that spells the runtime calls generated code makes
//! (`::trace_ownership::__private::...`, imported once per traced body under a generated name,
//! see [`import_runtime`]). The rewriter decides *what* happened; this module
//! decides *how* it is written.
//!
//! Generated names use `Span::mixed_site()`, so they can never clash with the user's names, and
//! every path is absolute, so the user's own `mod core` or `drop` cannot capture it. The user's
//! own identifiers (`&x` after `let x`) keep their spans.

use crate::labels;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{Ident, Stmt, Type};

/// 1-based line and column of `span`'s start.
pub fn pos(span: Span) -> (u32, u32) {
    let lc = span.start();
    (lc.line as u32, lc.column as u32 + 1)
}

/// The name under which a traced function's body imports `::trace_ownership::__private` (see
/// [`import_runtime`]): one token instead of eight in every path of the generated code, which
/// the compiler then has fewer of to receive, parse and resolve.
fn rt() -> Ident {
    Ident::new("__trace_ownership_rt", Span::mixed_site())
}

/// `use ::trace_ownership::__private as <alias>;`, the first statement of a traced body. The
/// path is absolute, so the user's own `mod trace_ownership` cannot capture it, and the alias's
/// name starts with `__trace_ownership_` like every generated name.
///
/// With `crate = "path"` (a renamed dependency, see [`with_crate_path`]), `use path::__private`.
pub fn import_runtime() -> Stmt {
    let rt = rt();
    let s = Span::mixed_site();
    let import = CRATE_PATH.with(|p| match &*p.borrow() {
        Some(path) => quote_spanned!(s=> use #path::__private as #rt;),
        None => quote_spanned!(s=> use ::trace_ownership::__private as #rt;),
    });
    Stmt::Item(syn::Item::Verbatim(import))
}

thread_local! {
    /// The `crate = "..."` argument of the attribute being expanded.
    static CRATE_PATH: std::cell::RefCell<Option<syn::Path>> = const { std::cell::RefCell::new(None) };
}

/// Runs `expand` with the runtime imported from `path` (the attribute's `crate = "..."`) instead
/// of `::trace_ownership`.
pub fn with_crate_path<R>(path: Option<syn::Path>, expand: impl FnOnce() -> R) -> R {
    let previous = CRATE_PATH.with(|p| p.replace(path));
    let result = expand();
    CRATE_PATH.with(|p| *p.borrow_mut() = previous);
    result
}

/// A generated statement, marked so that it can never be the one `unreachable_code` warns
/// about (after a `return` or a call of a `-> !` function, say): the attribute adds no warning
/// the untraced code would not have.
///
/// Kept as tokens (a verbatim statement) rather than parsed into a syn tree: nothing inspects
/// generated statements again, and parsing them was most of the expansion's time.
fn stmt(ts: TokenStream) -> Stmt {
    let allow = quote_spanned!(Span::mixed_site()=> #[allow(unreachable_code)]);
    Stmt::Expr(syn::Expr::Verbatim(quote!(#allow #ts)), None)
}

/// A fresh generated identifier, invisible to the user's code.
pub fn fresh(kind: &str, n: usize) -> Ident {
    format_ident!(
        "__trace_ownership_{}_{}",
        kind,
        n,
        span = Span::mixed_site()
    )
}

/// One generated piece of what the rewriter plans around a user's statement, in order.
// As large as a `Stmt`, like the vector of statements it replaces: boxing the statements would
// cost an allocation for each.
#[allow(clippy::large_enum_variant)]
pub enum Gen {
    /// An event that shares one runtime call (one [`step`](lower)) with the events next to it.
    Op(Op),
    /// A statement of its own: a slot's or a guard's `let`, a call generic over a value's type,
    /// or the user's own statement.
    Stmt(Stmt),
}

impl From<Stmt> for Gen {
    fn from(s: Stmt) -> Gen {
        Gen::Stmt(s)
    }
}

/// One event as the runtime's `Op` spells it: its variant, then its arguments in the order the
/// variant takes them (the slot it acts on, its site's fields, a `Use`, the rest); alone, the
/// same event is the call `method` (on the slot, or a free function of the runtime).
pub struct Op {
    variant: &'static str,
    method: &'static str,
    slot: Option<Ident>,
    site: Option<TokenStream>,
    how: Option<&'static str>,
    rest: TokenStream,
}

/// An op without a `Use` or further arguments (see [`Op`]).
fn op(variant: &'static str, method: &'static str, slot: Option<&Ident>, site: TokenStream) -> Op {
    Op {
        variant,
        method,
        slot: slot.cloned(),
        site: Some(site),
        how: None,
        rest: TokenStream::new(),
    }
}

/// An op of the runtime's own (no slot, no site).
fn bare(variant: &'static str, method: &'static str) -> Op {
    Op {
        variant,
        method,
        slot: None,
        site: None,
        how: None,
        rest: TokenStream::new(),
    }
}

impl Op {
    fn with_how(mut self, how: &'static str) -> Op {
        self.how = Some(how);
        self
    }

    fn with_rest(mut self, rest: TokenStream) -> Op {
        self.rest = rest;
        self
    }

    /// The arguments after the slot: the site (`&rt::Site(..)` for a call of its own, the
    /// value `rt::Site(..)` in a step's list), the `rt::Use` variant, the rest.
    fn args(&self, in_step: bool) -> TokenStream {
        let rt = rt();
        let s = Span::mixed_site();
        let mut args = Vec::with_capacity(3);
        if let Some(fields) = &self.site {
            args.push(if in_step {
                quote_spanned!(s=> #rt::Site #fields)
            } else {
                site_ref(fields)
            });
        }
        if let Some(how) = self.how {
            let how = Ident::new(how, s);
            args.push(quote_spanned!(s=> #rt::Use::#how));
        }
        if !self.rest.is_empty() {
            args.push(self.rest.clone());
        }
        quote!(#(#args),*)
    }
}

#[cfg(test)]
impl Op {
    /// What a test of a plan reads: the runtime method, the slot, the site's fields as text,
    /// the `Use` and the arguments after it.
    pub fn parts(
        &self,
    ) -> (
        &'static str,
        Option<&Ident>,
        String,
        Option<&'static str>,
        String,
    ) {
        let site = self
            .site
            .as_ref()
            .map(|f| f.to_string())
            .unwrap_or_default();
        (
            self.method,
            self.slot.as_ref(),
            site,
            self.how,
            self.rest.to_string(),
        )
    }
}

impl From<Op> for Gen {
    fn from(op: Op) -> Gen {
        Gen::Op(op)
    }
}

/// Turns a plan into statements: each run of events between two statements becomes one call
/// of `step` with a constant list of them, a run of one event stays that event's own call.
pub fn lower(plan: Vec<Gen>) -> Vec<Stmt> {
    let mut out = Vec::with_capacity(plan.len());
    let mut run = Vec::new();
    for g in plan {
        match g {
            Gen::Op(op) => run.push(op),
            Gen::Stmt(s) => {
                flush(&mut run, &mut out);
                out.push(s);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// At most this many slots in one step (their index is a `u8`).
const STEP_SLOTS: usize = 256;

/// Writes `run` out: one step, or the event's own call for a run of one.
fn flush(run: &mut Vec<Op>, out: &mut Vec<Stmt>) {
    let mut rest = std::mem::take(run);
    while !rest.is_empty() {
        // At least one op each time round: the loop always ends.
        let mut ops: Vec<Op> = rest.drain(..fitting(&rest).max(1)).collect();
        out.push(if ops.len() == 1 {
            alone(ops.remove(0))
        } else {
            step(&ops)
        });
    }
}

/// How many of `ops`, from the first, name at most [`STEP_SLOTS`] slots.
fn fitting(ops: &[Op]) -> usize {
    let mut slots: Vec<&Ident> = Vec::new();
    ops.iter()
        .position(|op| {
            op.slot.as_ref().is_some_and(|s| {
                if !slots.contains(&s) {
                    slots.push(s);
                }
                slots.len() > STEP_SLOTS
            })
        })
        .unwrap_or(ops.len())
}

/// `<slot>.method(&rt::Site(..), rt::Use::X, ..);` or `rt::method(..);`: one event, its own call.
fn alone(op: Op) -> Stmt {
    let rt = rt();
    let s = Span::mixed_site();
    let args = op.args(false);
    let method = Ident::new(op.method, s);
    stmt(match &op.slot {
        Some(slot) => quote_spanned!(s=> #slot.#method(#args);),
        None => quote_spanned!(s=> #rt::#method(#args);),
    })
}

/// `rt::step(&[rt::Op::A(0, rt::Site(..), rt::Use::X, ..), rt::Op::B(..)], &[&slot]);`: the
/// events of `ops` in one call, every name by its path. (A `use` of the names in a block around
/// the call writes fewer tokens, but each `use` is an item of its own for the compiler: it made
/// an incremental rebuild of 100 traced functions 15 % slower, BENCHMARKS.md.)
fn step(ops: &[Op]) -> Stmt {
    let rt = rt();
    let s = Span::mixed_site();
    let mut slots: Vec<&Ident> = Vec::new();
    let mut list = Vec::with_capacity(ops.len());
    for op in ops {
        let args = op.args(true);
        let variant = Ident::new(op.variant, s);
        list.push(match &op.slot {
            Some(slot) => {
                let i = slots.iter().position(|x| *x == slot).unwrap_or_else(|| {
                    slots.push(slot);
                    slots.len() - 1
                });
                let i = proc_macro2::Literal::u8_unsuffixed(i as u8);
                quote_spanned!(s=> #rt::Op::#variant(#i, #args))
            }
            None if args.is_empty() => quote_spanned!(s=> #rt::Op::#variant),
            None => quote_spanned!(s=> #rt::Op::#variant(#args)),
        });
    }
    stmt(quote_spanned!(s=>
        #rt::step(&[#(#list),*], &[#(&#slots),*]);
    ))
}

/// `&Site(var, to, detail, line, col, end line, end col)`: the constant facts of one place,
/// which the compiler promotes to a `static` (every field is a literal).
fn site(var: &str, to: &str, detail: &str, at: (u32, u32), end: (u32, u32)) -> TokenStream {
    site_ref(&site_fields(var, to, quote!(#detail), at, end))
}

/// `&rt::Site(fields)`.
fn site_ref(fields: &TokenStream) -> TokenStream {
    let rt = rt();
    quote_spanned!(Span::mixed_site()=> &#rt::Site #fields)
}

/// `(var, to, detail, line, col, end line, end col)`: a site's fields, numbers unsuffixed (the
/// fields' types say they are `u32`).
fn site_fields(
    var: &str,
    to: &str,
    detail: TokenStream,
    at: (u32, u32),
    end: (u32, u32),
) -> TokenStream {
    let [line, col, el, ec] = [at.0, at.1, end.0, end.1].map(proc_macro2::Literal::u32_unsuffixed);
    quote_spanned!(Span::mixed_site()=> (#var, #to, #detail, #line, #col, #el, #ec))
}

/// A site's fields for an event of a step or a call (no scope end).
fn at_site(var: &str, to: &str, detail: &str, at: (u32, u32)) -> TokenStream {
    site_fields(var, to, quote!(#detail), at, (0, 0))
}

/// The site of a function or closure: its name, its file (`file!()`) and where it starts.
fn code_site(name: &str, line: u32, col: u32) -> TokenStream {
    site_ref(&site_fields(
        name,
        "",
        quote_spanned!(Span::mixed_site()=> ::core::file!()),
        (line, col),
        (0, 0),
    ))
}

thread_local! {
    /// The source text (and its first line) of the function being rewritten, set by
    /// [`with_function_source`] for [`frame_enter`] to embed.
    static FUNCTION_SOURCE: std::cell::RefCell<(String, u32)> =
        const { std::cell::RefCell::new((String::new(), 0)) };
}

/// Runs `rewrite` (the rewriting of one function) with `source` as the text that its
/// [`frame_enter`] embeds (`None`: not readable, `""` is embedded). The rewriter decides where
/// a frame starts; the expansion, which sees the whole item, reads its text.
pub fn with_function_source<R>(source: Option<(String, u32)>, rewrite: impl FnOnce() -> R) -> R {
    let previous =
        FUNCTION_SOURCE.with(|s| s.replace(source.unwrap_or_else(|| (String::new(), 0))));
    let result = rewrite();
    FUNCTION_SOURCE.with(|s| *s.borrow_mut() = previous);
    result
}

/// `let <frame> = enter(&Site(var: "name", detail: file!(), ..), "<source text>", first line);`:
/// one string literal per function (the text [`with_function_source`] gave), not per event.
pub fn frame_enter(frame: &Ident, name: &str, line: u32, col: u32) -> Stmt {
    let rt = rt();
    let site = code_site(name, line, col);
    let (text, first_line) = FUNCTION_SOURCE.with(|s| s.borrow().clone());
    let first_line = proc_macro2::Literal::u32_unsuffixed(first_line);
    stmt(quote_spanned!(Span::mixed_site()=>
        let #frame = #rt::enter(#site, #text, #first_line);
    ))
}

/// `let <guard> = closure_enter(&Site(var: "closure", detail: file!(), ..));`
pub fn closure_enter(guard: &Ident, name: &str, line: u32, col: u32) -> Stmt {
    let rt = rt();
    let site = code_site(name, line, col);
    stmt(quote_spanned!(Span::mixed_site()=>
        let #guard = #rt::closure_enter(#site);
    ))
}

/// How a binding came to be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BindKind {
    Let,
    Param,
    Pattern,
    For,
    ClosureParam,
}

impl BindKind {
    fn tokens(self) -> TokenStream {
        let rt = rt();
        let v = match self {
            BindKind::Let => quote!(Let),
            BindKind::Param => quote!(Param),
            BindKind::Pattern => quote!(MatchPattern),
            BindKind::For => quote!(For),
            BindKind::ClosureParam => quote!(ClosureParam),
        };
        quote_spanned!(Span::mixed_site()=> #rt::BindKind::#v)
    }
}

/// `let <slot> = Slot::bind(&var, &Site(..), kind, copy);`
///
/// `var` is the user's own identifier (or `self` token), so `&var` names the user's variable.
/// With a `declared` type (one the user wrote), the compiler is asked whether it is `Copy`.
/// With `known_head` (the type's outer constructor is known from the source), the value is asked
/// for its heap block, only while a trace records. With `opaque`, the variable is not read at all.
#[allow(clippy::too_many_arguments)]
pub fn bind(
    slot: &Ident,
    var: &TokenStream,
    name: &str,
    at: (u32, u32),
    end: (u32, u32),
    kind: BindKind,
    declared: Option<&Type>,
    known_head: bool,
    opaque: bool,
) -> Stmt {
    let rt = rt();
    let kind = kind.tokens();
    let site = site(name, "", "", at, end);
    let copy = match declared {
        Some(ty) => quote_spanned!(Span::mixed_site()=> {
            use #rt::copy_probe::*;
            (&&#rt::Probe::<#ty>::new()).copy_known()
        }),
        None => quote_spanned!(Span::mixed_site()=> #rt::CopyKnown::Unknown),
    };
    if opaque {
        // Not read: with a written type, its facts come from the type alone.
        return match declared {
            Some(ty) => stmt(quote_spanned!(Span::mixed_site()=>
                let #slot = #rt::Slot::bind_type::<#ty>(#site, #kind, #copy);
            )),
            None => stmt(quote_spanned!(Span::mixed_site()=>
                let #slot = #rt::Slot::bind_opaque(#site, #kind);
            )),
        };
    }
    if known_head {
        let heap = quote_spanned!(Span::mixed_site()=> {
            use #rt::heap_probe::*;
            (&#rt::HeapProbe(&#var)).heap_facts()
        });
        return stmt(quote_spanned!(Span::mixed_site()=>
            let #slot = if #rt::on() {
                #rt::Slot::bind_heap(&#var, #site, #kind, #copy, #heap)
            } else {
                #rt::Slot::off()
            };
        ));
    }
    stmt(quote_spanned!(Span::mixed_site()=>
        let #slot = #rt::Slot::bind(&#var, #site, #kind, #copy);
    ))
}

/// `let <slot> = Slot::declare(&Site(..));` for `let var;`.
pub fn declare(slot: &Ident, name: &str, at: (u32, u32), end: (u32, u32)) -> Stmt {
    let rt = rt();
    let site = site(name, "", "", at, end);
    stmt(quote_spanned!(Span::mixed_site()=>
        let #slot = #rt::Slot::declare(#site);
    ))
}

/// How a value left a variable, for [`gave`].
#[derive(Clone, Copy)]
pub enum Use {
    ByValue,
    Drop,
    Captured,
    CapturedMaybe,
    Macro,
}

/// `<slot>.gave(&Site(to, ..), Use::.., used_later);`
pub fn gave(slot: &Ident, to: &str, at: (u32, u32), how: Use, used_later: bool) -> Gen {
    let detail = match how {
        Use::Captured | Use::CapturedMaybe => labels::CAPTURED,
        _ => "",
    };
    let how = match how {
        Use::ByValue => "ByValue",
        Use::Drop => "Dropped",
        Use::Captured => "Captured",
        Use::CapturedMaybe => "CapturedMaybe",
        Use::Macro => "GivenToMacro",
    };
    op("Gave", "gave", Some(slot), at_site("", to, detail, at))
        .with_how(how)
        .with_rest(quote!(#used_later))
        .into()
}

/// `gave_untracked(&Site(var, to, ..));` for a variable without a reachable slot.
pub fn gave_untracked(name: &str, to: &str, at: (u32, u32)) -> Gen {
    op(
        "GaveUntracked",
        "gave_untracked",
        None,
        at_site(name, to, "", at),
    )
    .into()
}

/// `<slot>.part_taken(&Site(to, detail: part, ..), &to);`: the binding `to` took a part of
/// the slot's variable (the runtime tells a move from a copy by the binding's type).
pub fn part_moved(slot: &Ident, part: &str, to_var: &Ident, at: (u32, u32)) -> Stmt {
    let to = to_var.to_string();
    let site = site("", &to, part, at, (0, 0));
    stmt(quote_spanned!(Span::mixed_site()=>
        #slot.part_taken(#site, &#to_var);
    ))
}

/// `<slot>.part_maybe_moved(&Site(to, ..));` for an unused binding that may have taken a part.
pub fn part_maybe_moved(slot: &Ident, to: &str, at: (u32, u32)) -> Gen {
    let site = at_site("", to, "", at);
    op("PartMaybeMoved", "part_maybe_moved", Some(slot), site).into()
}

/// `<slot>.assigned(&var, &Site(..));` right after `var = ...;` (without reading `var` when
/// `opaque`: see `effects::may_borrow_temporary`).
pub fn assigned(slot: &Ident, var: &Ident, at: (u32, u32), opaque: bool) -> Gen {
    if opaque {
        return op(
            "AssignedOpaque",
            "assigned_opaque",
            Some(slot),
            at_site("", "", "", at),
        )
        .into();
    }
    let site = site("", "", "", at, (0, 0));
    Gen::Stmt(stmt(quote_spanned!(Span::mixed_site()=>
        #slot.assigned(&#var, #site);
    )))
}

/// `<slot>.holds_borrow(&Site(var: of, to: by, ..));`
pub fn holds_borrow(slot: &Ident, of: &str, by: &str, at: (u32, u32)) -> Gen {
    op(
        "HoldsBorrow",
        "holds_borrow",
        Some(slot),
        at_site(of, by, "", at),
    )
    .into()
}

/// `<slot>.borrow_ends(&Site(..));`
pub fn borrow_ends(slot: &Ident, at: (u32, u32)) -> Gen {
    op(
        "BorrowEnds",
        "borrow_ends",
        Some(slot),
        at_site("", "", "", at),
    )
    .into()
}

/// Why the macro believes a borrow's kind.
#[derive(Clone, Copy)]
pub enum BorrowEvidence {
    /// Written `&x` / `&mut x`, or a format macro: certain.
    Syntax,
    /// A method's name.
    Convention,
}

/// `borrow(&Site(var: of, to, detail, ..), mutable, convention);`
pub fn borrow(
    of: &str,
    to: &str,
    mutable: bool,
    at: (u32, u32),
    detail: Option<&str>,
    evidence: BorrowEvidence,
) -> Gen {
    let convention = matches!(evidence, BorrowEvidence::Convention);
    let site = at_site(of, to, detail.unwrap_or(""), at);
    op("Borrow", "borrow", None, site)
        .with_rest(quote!(#mutable, #convention))
        .into()
}

/// `borrow_end(&Site(var: of, to, ..));`
pub fn borrow_end(of: &str, to: &str, at: (u32, u32)) -> Gen {
    op("BorrowEnd", "borrow_end", None, at_site(of, to, "", at)).into()
}

/// `cloned(&Site(var: from, to, ..));` for a variable without a reachable slot (its type is not
/// known: the clone's sentence says so). See [`cloned_by_slot`] for a tracked one.
pub fn cloned(from: &str, to: &str, detail: &str, at: (u32, u32)) -> Gen {
    op("Cloned", "cloned", None, at_site(from, to, detail, at)).into()
}

/// `mark_leaving(line, col);` before a `return`, `break` or `continue`.
pub fn leaving(at: (u32, u32)) -> Gen {
    let [line, col] = [at.0, at.1].map(proc_macro2::Literal::u32_unsuffixed);
    bare("Leaving", "mark_leaving")
        .with_rest(quote!(#line, #col))
        .into()
}

/// `stayed();` after a statement that could have left by `?` and did not.
pub fn stayed() -> Gen {
    bare("Stayed", "stayed").into()
}

/// `let <guard> = loop_enter(line, col);`
pub fn loop_enter(guard: &Ident, at: (u32, u32)) -> Stmt {
    let rt = rt();
    let [line, col] = [at.0, at.1].map(proc_macro2::Literal::u32_unsuffixed);
    stmt(quote_spanned!(Span::mixed_site()=>
        let #guard = #rt::loop_enter(#line, #col);
    ))
}

/// `<guard>.iteration();`
pub fn iteration(guard: &Ident) -> Stmt {
    stmt(quote_spanned!(Span::mixed_site()=>
        #guard.iteration();
    ))
}

/// `pass(init)` (or `pass_heap(init, probe)` when the value's outer type is known from the
/// source): the initializer of a binding the program never reads again, whose facts are noted
/// as the value flows into the variable (see [`bind_passed`]).
pub fn pass(init: &syn::Expr, known_head: bool) -> syn::Expr {
    let rt = rt();
    let ts = if known_head {
        quote_spanned!(Span::mixed_site()=>
            #rt::pass_heap(#init, |v| {
                use #rt::heap_probe::*;
                (&#rt::HeapProbe(v)).heap_facts()
            })
        )
    } else {
        quote_spanned!(Span::mixed_site()=> #rt::pass(#init))
    };
    syn::Expr::Verbatim(ts)
}

/// `let <slot> = Slot::bind_passed(&Site(..), kind, copy);` right after `let var = pass(..);`.
pub fn bind_passed(
    slot: &Ident,
    name: &str,
    at: (u32, u32),
    end: (u32, u32),
    kind: BindKind,
) -> Stmt {
    let rt = rt();
    let kind = kind.tokens();
    let site = site(name, "", "", at, end);
    stmt(quote_spanned!(Span::mixed_site()=>
        let #slot = #rt::Slot::bind_passed(#site, #kind, #rt::CopyKnown::Unknown);
    ))
}

/// `called(&Site(var, ..));` at `var(..)`: a call of the closure held in the local `var`.
pub fn called(var: &str, at: (u32, u32)) -> Gen {
    op("Called", "called", None, at_site(var, "", "", at)).into()
}

/// `<slot>.called(&Site(var, to: "its call", ..), consumes);` at `var(..)`, for a tracked
/// local holding a closure: whether the call uses the closure up (`None`: it may).
pub fn called_slot(slot: &Ident, var: &str, at: (u32, u32), consumes: Option<bool>) -> Gen {
    let site = at_site(var, "its call", "", at);
    let consumes = match consumes {
        Some(true) => quote!(::core::option::Option::Some(true)),
        Some(false) => quote!(::core::option::Option::Some(false)),
        None => quote!(::core::option::Option::None),
    };
    op("CalledSlot", "called", Some(slot), site)
        .with_rest(consumes)
        .into()
}

/// `<slot>.field_assigned(&Site(var: path, ..), &place);` right after `place = ...;`, where
/// `place` is the field path `path` of the slot's variable: reading the field just assigned
/// is always allowed, and tells the old value's type.
pub fn field_assigned(slot: &Ident, path: &str, place: &syn::Expr, at: (u32, u32)) -> Stmt {
    let site = site(path, "", "", at, (0, 0));
    stmt(quote_spanned!(Span::mixed_site()=>
        #slot.field_assigned(#site, &#place);
    ))
}

/// `<slot>.part_given(&Site(to, detail: part, ..));`: a part of the slot's variable went by
/// value into `to`, moved unless its type is `Copy`.
pub fn part_given(slot: &Ident, part: &str, to: &str, at: (u32, u32)) -> Gen {
    op(
        "PartGiven",
        "part_given",
        Some(slot),
        at_site("", to, part, at),
    )
    .into()
}

/// `<slot>.cloned(&Site(to, ..));`: a clone of a tracked variable, recorded with its type (a
/// clone of an `Rc` is a new owner of the same value, of a `String` a deep copy).
pub fn cloned_by_slot(slot: &Ident, to: &str, detail: &str, at: (u32, u32)) -> Gen {
    op(
        "ClonedBySlot",
        "cloned",
        Some(slot),
        at_site("", to, detail, at),
    )
    .into()
}

/// `<slot>.receiver(&Site(to: "method()", detail: "method", ..), Use::<guess>, used_later);`:
/// a tracked variable is the receiver of `.method()`. The slot decides from the receiver's
/// run-time type by the standard library's signatures, and falls back on `guess` (what the
/// name suggests) only for a type it does not know.
pub fn receiver(
    slot: &Ident,
    method: &str,
    at: (u32, u32),
    guess: crate::methods::Receiver,
    used_later: bool,
) -> Gen {
    use crate::methods::Receiver;
    let how = match guess {
        Receiver::Shared => "ConventionShared",
        Receiver::Mut => "ConventionMut",
        Receiver::Consume => "ConventionByValue",
        Receiver::Unknown => "MethodReceiver",
    };
    let site = at_site("", &format!("{method}()"), method, at);
    op("Receiver", "receiver", Some(slot), site)
        .with_how(how)
        .with_rest(quote!(#used_later))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(stmts: &[Stmt]) -> Vec<String> {
        stmts
            .iter()
            .map(|s| quote!(#s).to_string().replace(' ', ""))
            .collect()
    }

    fn user(code: &str) -> Gen {
        Gen::Stmt(syn::parse_str(code).expect("a statement"))
    }

    #[test]
    fn events_between_two_statements_are_one_step_naming_each_slot_once() {
        let (a, b) = (fresh("slot", 1), fresh("slot", 2));
        let plan = vec![
            borrow_end("v", "r", (1, 1)),
            gave(&a, "t", (1, 2), Use::ByValue, false),
            borrow_ends(&b, (1, 3)),
            holds_borrow(&a, "v", "t", (1, 4)),
            user("let t = s;"),
            stayed(),
        ];
        let out = written(&lower(plan));
        assert_eq!(
            out,
            [
                "#[allow(unreachable_code)]__trace_ownership_rt::step(&[\
                 __trace_ownership_rt::Op::BorrowEnd(\
                 __trace_ownership_rt::Site(\"v\",\"r\",\"\",1,1,0,0)),\
                 __trace_ownership_rt::Op::Gave(0,\
                 __trace_ownership_rt::Site(\"\",\"t\",\"\",1,2,0,0),\
                 __trace_ownership_rt::Use::ByValue,false),\
                 __trace_ownership_rt::Op::BorrowEnds(1,\
                 __trace_ownership_rt::Site(\"\",\"\",\"\",1,3,0,0)),\
                 __trace_ownership_rt::Op::HoldsBorrow(0,\
                 __trace_ownership_rt::Site(\"v\",\"t\",\"\",1,4,0,0))],\
                 &[&__trace_ownership_slot_1,&__trace_ownership_slot_2]);",
                "lett=s;",
                // One event alone is its own call.
                "#[allow(unreachable_code)]__trace_ownership_rt::stayed();",
            ]
        );
    }

    #[test]
    fn a_step_names_at_most_256_slots() {
        let slots: Vec<Ident> = (0..300).map(|i| fresh("slot", i)).collect();
        let plan = slots.iter().map(|s| borrow_ends(s, (1, 1))).collect();
        let out = written(&lower(plan));
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].matches("BorrowEnds(").count(), 256);
        assert!(out[0].contains("BorrowEnds(255,"));
        assert!(out[0].ends_with(",&__trace_ownership_slot_255]);"));
        assert_eq!(out[1].matches("BorrowEnds(").count(), 44);
        assert!(out[1].contains("&[&__trace_ownership_slot_256,"));
    }
}
