//! The ownership rules of expressions: which positions move or copy a variable, which borrow
//! it, which clone it. The walk follows evaluation order and stops where evaluation becomes
//! conditional (branches, loop bodies, closures): those are rewritten as blocks of their own.

use proc_macro2::Span;
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{BinOp, Expr, Ident, Macro, Member, Token, UnOp};

/// What evaluating a statement does to local variables, in order.
#[derive(Clone, Debug)]
pub enum Effect {
    /// `var` is used by value (moved, or copied if `Copy`) into `to`.
    ByValue {
        var: Ident,
        to: String,
        how: ByValueHow,
    },
    /// `var` is a method's receiver: borrowed or moved, depending on the method.
    Receiver { var: Ident, method: Ident },
    /// `&path` / `&mut path` (or an implicit borrow by a macro, or a closure's capture by
    /// reference when `captured`): `root` is the local variable.
    Borrow {
        path: String,
        mutable: bool,
        to: String,
        span: Span,
        captured: bool,
    },
    /// `var(..)`: a call of the closure (or function pointer) held in the local `var`.
    Call { var: Ident },
    /// A part of the local `root` (`part`: `user1.name`, or its other fields for `..user1`)
    /// goes by value into `to`: moved, unless its type is `Copy`, which syntax cannot see.
    Part {
        root: Ident,
        part: String,
        to: String,
    },
    /// `var.clone()` (or `Rc::clone(&var)`): a new value for `to`.
    /// `var.clone()`; `deref`: `(*var).clone()`, a clone of the value `var` points to.
    Clone { var: Ident, to: String, deref: bool },
    /// `?`, `return`, `break`, `continue`, `.await`: the statement may stop here. For `?`, the
    /// position of the `?` (where the drops of an early exit happen).
    Exit { question: Option<Span> },
}

/// Where `x;` (a path statement) puts `x`: moved out (or copied) into a temporary that is
/// dropped at the end of the statement.
pub const PATH_STATEMENT: &str = "a path statement, which drops it at once";

/// Special cases of a use by value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByValueHow {
    /// An ordinary move or copy.
    Plain,
    /// The argument of `drop(...)`: dropped right there.
    Drop,
    /// Used by value in the body of a closure without `move`: captured by value if not `Copy`,
    /// else by shared reference (decided at run time from the type).
    Capture,
    /// Used in the body of a closure without `move` in a way syntax cannot tell (a method
    /// whose receiver mode is unknown): captured by reference or by value.
    CaptureMaybe,
    /// Named in the arguments of a macro whose expansion the macro cannot see: moved, copied or
    /// borrowed.
    Macro,
}

/// Where an expression is evaluated.
#[derive(Clone, Debug)]
enum Ctx {
    /// Its value is used: a local variable here is moved (or copied) into the named place.
    Value(String),
    /// Only its place is used (`match x`, `x.field`, `x[i]`, `&x`): nothing is moved.
    Place,
}

/// Walks `expr` as a value going to `to` (or as a place when `to` is `None`), in evaluation
/// order. `is_local` says whether an identifier names a traced local variable.
pub fn walk(expr: &Expr, to: Option<&str>, is_local: &dyn Fn(&Ident) -> bool) -> Vec<Effect> {
    let mut w = Walker {
        effects: Vec::new(),
        is_local,
    };
    let ctx = match to {
        Some(t) => Ctx::Value(t.to_string()),
        None => Ctx::Place,
    };
    w.expr(expr, &ctx);
    w.effects
}

/// Walks `place`, the initializer of `let ref to = place;` (`ref mut` when `mutable`): the new
/// variable borrows the place, nothing is moved (or copied) out of it.
pub fn walk_by_ref(
    place: &Expr,
    to: &str,
    mutable: bool,
    is_local: &dyn Fn(&Ident) -> bool,
) -> Vec<Effect> {
    let mut w = Walker {
        effects: Vec::new(),
        is_local,
    };
    w.borrow(place, mutable, to.to_string(), place.span());
    w.effects
}

/// The effects of a macro invocation used as a statement or expression.
pub fn walk_macro(mac: &Macro, is_local: &dyn Fn(&Ident) -> bool) -> Vec<Effect> {
    let mut w = Walker {
        effects: Vec::new(),
        is_local,
    };
    w.mac(mac);
    w.effects
}

/// `x` (possibly parenthesized) if `e` is a plain single-identifier path.
pub fn plain_ident(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Path(p)
            if p.qself.is_none()
                && p.path.leading_colon.is_none()
                && p.path.segments.len() == 1
                && p.path.segments[0].arguments.is_none() =>
        {
            Some(&p.path.segments[0].ident)
        }
        Expr::Paren(p) => plain_ident(&p.expr),
        Expr::Group(g) => plain_ident(&g.expr),
        _ => None,
    }
}

/// `x.a.b` → (`x`, `"x.a.b"`) if `e` is a field path rooted at a plain identifier.
pub fn field_path(e: &Expr) -> Option<(&Ident, String)> {
    match e {
        Expr::Index(i) => {
            let (root, base) = field_path(&i.expr)
                .or_else(|| plain_ident(&i.expr).map(|id| (id, id.to_string())))?;
            let index = i.index.to_token_stream().to_string().replace(' ', "");
            Some((root, format!("{base}[{index}]")))
        }
        Expr::Field(f) => {
            let (root, base) = field_path(&f.base)
                .or_else(|| plain_ident(&f.base).map(|id| (id, id.to_string())))?;
            let member = match &f.member {
                Member::Named(n) => n.to_string(),
                Member::Unnamed(i) => i.index.to_string(),
            };
            Some((root, format!("{base}.{member}")))
        }
        Expr::Paren(p) => field_path(&p.expr),
        _ => None,
    }
}

/// A readable name for a callee: `f`, `String::from`, `Rc::clone`.
fn callee_name(func: &Expr) -> String {
    match func {
        Expr::Path(p) => p
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect::<Vec<_>>()
            .join("::"),
        _ => "a function".to_string(),
    }
}

fn is_drop_fn(name: &str) -> bool {
    matches!(
        name,
        "drop" | "mem::drop" | "std::mem::drop" | "core::mem::drop"
    )
}

fn is_rc_clone(name: &str) -> bool {
    matches!(
        name,
        "Rc::clone"
            | "Arc::clone"
            | "rc::Rc::clone"
            | "sync::Arc::clone"
            | "std::rc::Rc::clone"
            | "std::sync::Arc::clone"
    )
}

/// Standard macros that never use a local variable named in their tokens (`stringify!(x)` only
/// spells it).
fn takes_no_locals(name: &str) -> bool {
    matches!(
        name,
        "stringify"
            | "concat"
            | "include"
            | "include_str"
            | "include_bytes"
            | "env"
            | "option_env"
            | "cfg"
            | "line"
            | "column"
            | "file"
            | "module_path"
            | "compile_error"
            | "thread_local"
    )
}

/// Format-family macros: they take references to their arguments.
fn is_format_macro(name: &str) -> bool {
    matches!(
        name,
        "println"
            | "print"
            | "eprintln"
            | "eprint"
            | "format"
            | "format_args"
            | "write"
            | "writeln"
            | "panic"
            | "assert"
            | "assert_eq"
            | "assert_ne"
            | "debug_assert"
            | "debug_assert_eq"
            | "debug_assert_ne"
            | "unreachable"
            | "todo"
            | "unimplemented"
    )
}

struct Walker<'a> {
    effects: Vec<Effect>,
    is_local: &'a dyn Fn(&Ident) -> bool,
}

impl Walker<'_> {
    fn local<'e>(&self, e: &'e Expr) -> Option<&'e Ident> {
        plain_ident(e).filter(|id| (self.is_local)(id))
    }

    /// `x` if `e` is `(*x)` (a method's receiver written with its dereference) for a local `x`.
    fn deref_local<'e>(&self, e: &'e Expr) -> Option<&'e Ident> {
        match e {
            Expr::Paren(p) => self.deref_local(&p.expr),
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.local(&u.expr),
            _ => None,
        }
    }

    fn value(&mut self, e: &Expr, to: &str) {
        self.expr(e, &Ctx::Value(to.to_string()));
    }

    /// `place` borrowed (mutably or not) by `to`: a borrow of the local or of its field, or,
    /// for any other expression, what evaluating it does.
    fn borrow(&mut self, place: &Expr, mutable: bool, to: String, span: Span) {
        let path = match self.local(place) {
            Some(id) => Some(id.to_string()),
            None => field_path(place)
                .filter(|(root, _)| (self.is_local)(root))
                .map(|(_, path)| path),
        };
        match path {
            Some(path) => self.effects.push(Effect::Borrow {
                path,
                mutable,
                to,
                span,
                captured: false,
            }),
            // Any other place is evaluated: `&f(x)` moves `x` into `f`. (A field of a variable
            // that is not a traced local records nothing there either.)
            None => self.expr(place, &Ctx::Place),
        }
    }

    fn expr(&mut self, e: &Expr, ctx: &Ctx) {
        if let Some(id) = self.local(e) {
            if let Ctx::Value(to) = ctx {
                self.effects.push(Effect::ByValue {
                    var: id.clone(),
                    to: to.clone(),
                    how: ByValueHow::Plain,
                });
            }
            return;
        }
        match e {
            Expr::Paren(p) => self.expr(&p.expr, ctx),
            Expr::Group(g) => self.expr(&g.expr, ctx),
            Expr::Reference(r) => {
                let to = match ctx {
                    Ctx::Value(t) => t.clone(),
                    Ctx::Place => "a temporary reference".to_string(),
                };
                self.borrow(&r.expr, r.mutability.is_some(), to, r.span());
            }
            Expr::Call(c) => {
                let name = callee_name(&c.func);
                if let Some(id) = self.local(&c.func) {
                    self.effects.push(Effect::Call { var: id.clone() });
                }
                if let Expr::Path(_) = &*c.func {
                } else {
                    self.expr(&c.func, &Ctx::Place);
                }
                if is_rc_clone(&name) && c.args.len() == 1 {
                    if let Expr::Reference(r) = &c.args[0] {
                        if let Some(id) = self.local(&r.expr) {
                            let to = match ctx {
                                Ctx::Value(t) => t.clone(),
                                Ctx::Place => "a new value".to_string(),
                            };
                            self.effects.push(Effect::Clone {
                                var: id.clone(),
                                to,
                                deref: false,
                            });
                            return;
                        }
                    }
                }
                let label = format!("{name}()");
                for arg in &c.args {
                    if is_drop_fn(&name) {
                        if let Some(id) = self.local(arg) {
                            self.effects.push(Effect::ByValue {
                                var: id.clone(),
                                to: label.clone(),
                                how: ByValueHow::Drop,
                            });
                            continue;
                        }
                    }
                    self.value(arg, &label);
                }
            }
            Expr::MethodCall(m) => {
                if m.method == "clone" && m.args.is_empty() {
                    // `x.clone()`, or `(*x).clone()`: the value a reference `x` points to.
                    let local = self.local(&m.receiver).map(|id| (id, false));
                    if let Some((id, deref)) =
                        local.or_else(|| self.deref_local(&m.receiver).map(|id| (id, true)))
                    {
                        let to = match ctx {
                            Ctx::Value(t) => t.clone(),
                            Ctx::Place => "a new value".to_string(),
                        };
                        self.effects.push(Effect::Clone {
                            var: id.clone(),
                            to,
                            deref,
                        });
                        return;
                    }
                }
                if let Some(id) = self.local(&m.receiver) {
                    self.effects.push(Effect::Receiver {
                        var: id.clone(),
                        method: m.method.clone(),
                    });
                } else {
                    self.expr(&m.receiver, &Ctx::Place);
                }
                let label = format!("{}()", m.method);
                for arg in &m.args {
                    self.value(arg, &label);
                }
            }
            Expr::Field(f) => self.expr(&f.base, &Ctx::Place),
            Expr::Index(i) => {
                self.expr(&i.expr, &Ctx::Place);
                self.value(&i.index, "an index");
            }
            Expr::Struct(s) => {
                let name = s
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                for f in &s.fields {
                    let member = match &f.member {
                        Member::Named(n) => n.to_string(),
                        Member::Unnamed(i) => i.index.to_string(),
                    };
                    let to = format!("field `{member}` of a `{name}`");
                    match field_path(&f.expr) {
                        // `username: user1.username`: that field of the local goes into the new
                        // value (moved, unless its type is `Copy`).
                        Some((root, part)) if (self.is_local)(root) && !part.contains('[') => {
                            self.effects.push(Effect::Part {
                                root: root.clone(),
                                part,
                                to,
                            });
                        }
                        _ => self.value(&f.expr, &to),
                    }
                }
                if let Some(rest) = &s.rest {
                    // `..user1`: every field not written goes into the new value.
                    match self.local(rest) {
                        Some(id) => self.effects.push(Effect::Part {
                            root: id.clone(),
                            part: format!("the other fields of `{id}`"),
                            to: format!("a new `{name}` (`..{id}`)"),
                        }),
                        None => self.expr(rest, &Ctx::Place),
                    }
                }
            }
            Expr::Tuple(t) => {
                for el in &t.elems {
                    self.value(el, "a tuple");
                }
            }
            Expr::Array(a) => {
                for el in &a.elems {
                    self.value(el, "an array");
                }
            }
            Expr::Repeat(r) => self.value(&r.expr, "an array"),
            Expr::Binary(b) => match b.op {
                BinOp::And(_) | BinOp::Or(_) => {
                    // The right side runs only sometimes: not walked.
                    self.value(&b.left, "a condition");
                }
                BinOp::Eq(_)
                | BinOp::Ne(_)
                | BinOp::Lt(_)
                | BinOp::Le(_)
                | BinOp::Gt(_)
                | BinOp::Ge(_) => {
                    // Comparisons take their operands by reference.
                    self.expr(&b.left, &Ctx::Place);
                    self.expr(&b.right, &Ctx::Place);
                }
                op if is_compound_assign(op) => {
                    self.value(&b.right, "an operator");
                    self.expr(&b.left, &Ctx::Place);
                }
                _ => {
                    let op = b.op.to_token_stream().to_string();
                    let label = format!("the `{op}` operator");
                    self.value(&b.left, &label);
                    self.value(&b.right, &label);
                }
            },
            Expr::Unary(u) => match u.op {
                UnOp::Deref(_) => self.expr(&u.expr, &Ctx::Place),
                _ => self.value(&u.expr, "an operator"),
            },
            Expr::Cast(c) => self.value(&c.expr, "a cast"),
            Expr::Try(t) => {
                self.value(&t.expr, "the `?` operator");
                self.effects.push(Effect::Exit {
                    question: Some(t.question_token.span),
                });
            }
            Expr::Await(a) => {
                self.value(&a.base, ".await");
                self.effects.push(Effect::Exit { question: None });
            }
            Expr::Return(r) => {
                if let Some(v) = &r.expr {
                    self.value(v, crate::labels::RETURN_VALUE);
                }
                self.effects.push(Effect::Exit { question: None });
            }
            Expr::Break(b) => {
                if let Some(v) = &b.expr {
                    self.value(v, "the loop's value");
                }
                self.effects.push(Effect::Exit { question: None });
            }
            Expr::Continue(_) => self.effects.push(Effect::Exit { question: None }),
            Expr::Let(l) => self.expr(&l.expr, &Ctx::Place),
            Expr::If(i) => self.expr(&i.cond, &Ctx::Value("a condition".into())),
            Expr::Match(m) => self.expr(&m.expr, &Ctx::Place),
            Expr::ForLoop(f) => self.value(&f.expr, "a `for` loop"),
            Expr::Range(r) => {
                if let Some(s) = &r.start {
                    self.value(s, "a range");
                }
                if let Some(e) = &r.end {
                    self.value(e, "a range");
                }
            }
            Expr::Macro(m) => self.mac(&m.mac),
            // A `move` closure takes every outer variable its body mentions.
            Expr::Closure(c) if c.capture.is_some() => {
                let names = crate::names::of_expr(&c.body);
                let mut seen = std::collections::HashSet::new();
                for (name, _, span) in &names.mentions {
                    if names.binds.contains(name) || !seen.insert(name.clone()) {
                        continue;
                    }
                    let id = Ident::new(name, *span);
                    if (self.is_local)(&id) {
                        self.effects.push(Effect::ByValue {
                            var: id,
                            to: "a `move` closure".into(),
                            how: ByValueHow::Plain,
                        });
                    }
                }
            }
            // A closure without `move` captures each outer variable its body uses, in the
            // least way the body needs: by shared reference, by mutable reference (the body
            // assigns it, borrows it mutably, calls a `&mut self` method), or by value (the body
            // consumes it).
            Expr::Closure(c) => {
                let to = match ctx {
                    Ctx::Value(t) => t.clone(),
                    Ctx::Place => "a closure".to_string(),
                };
                self.effects.extend(captures(c, &to, self.is_local));
            }
            // Blocks, loops, async blocks and the rest: evaluated conditionally or later;
            // their insides are rewritten on their own.
            _ => {}
        }
    }

    fn mac(&mut self, mac: &Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if name == "vec" {
            if let Ok(args) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
                for a in &args {
                    self.value(a, "vec![..]");
                }
            } else if let Ok(rep) = mac.parse_body::<syn::ExprRepeat>() {
                self.value(&rep.expr, "vec![..]");
            }
            return;
        }
        if name == "dbg" {
            // `dbg!(x)` takes its arguments by value and returns them.
            if let Ok(args) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
                for a in &args {
                    self.value(a, "dbg!");
                }
            }
            return;
        }
        if name == "matches" {
            // `matches!(x, pattern)` matches on the place `x`: a shared borrow for the test.
            let mut first = proc_macro2::TokenStream::new();
            for tt in mac.tokens.clone() {
                if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                    break;
                }
                first.extend(std::iter::once(tt));
            }
            if let Ok(e) = syn::parse2::<Expr>(first) {
                match self.local(&e) {
                    Some(id) => self.effects.push(Effect::Borrow {
                        path: id.to_string(),
                        mutable: false,
                        to: "matches!".into(),
                        span: id.span(),
                        captured: false,
                    }),
                    None => self.expr(&e, &Ctx::Place),
                }
            }
            return;
        }
        if !is_format_macro(&name) {
            if !takes_no_locals(&name) {
                // Any other macro: what it does with a local named in it is its own business,
                // which the macro cannot see; say the local was given to it.
                let mut seen = std::collections::HashSet::new();
                for (n, span) in crate::names::macro_idents(mac) {
                    let id = Ident::new(&n, span);
                    if (self.is_local)(&id) && seen.insert(n) {
                        self.effects.push(Effect::ByValue {
                            var: id,
                            to: format!("{name}!"),
                            how: ByValueHow::Macro,
                        });
                    }
                }
            }
            return;
        }
        let label = format!("{name}!");
        let Ok(args) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) else {
            return;
        };
        let mut seen = std::collections::HashSet::new();
        let mut borrow = |w: &mut Self, id: &Ident| {
            if (w.is_local)(id) && seen.insert(id.to_string()) {
                w.effects.push(Effect::Borrow {
                    path: id.to_string(),
                    mutable: false,
                    to: label.clone(),
                    span: id.span(),
                    captured: false,
                });
            }
        };
        let skip = usize::from(matches!(name.as_str(), "write" | "writeln"));
        for (i, a) in args.iter().enumerate() {
            if i < skip {
                continue;
            }
            match a {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => {
                    for n in crate::names::inline_format_args(&s.token().to_string()) {
                        borrow(self, &Ident::new(&n, s.span()));
                    }
                }
                Expr::Assign(asg) => {
                    if let Some(id) = plain_ident(&asg.right) {
                        borrow(self, id);
                    } else {
                        self.expr(&asg.right, &Ctx::Place);
                    }
                }
                other => {
                    if let Some(id) = plain_ident(other) {
                        borrow(self, id);
                    } else if matches!(name.as_str(), "assert" | "debug_assert") && i == 0 {
                        self.value(other, "a condition");
                    } else {
                        self.expr(other, &Ctx::Place);
                    }
                }
            }
        }
    }
}

/// Whether the value of `e` may borrow from a temporary created inside `e` itself, as in
/// `String::from("hi").as_str()`. Reading a variable bound to such a value, even right after
/// the `let`, would be the first "later use" of a dead temporary, and the compiler's error
/// (E0716) would point at that generated read instead of the user's own use. So such bindings
/// are recorded without being read.
pub fn may_borrow_temporary(e: &Expr) -> bool {
    let mut borrowing_call = false;
    let mut cur = e;
    loop {
        match cur {
            Expr::MethodCall(m) => {
                if crate::methods::may_return_borrow(&m.method.to_string()) {
                    borrowing_call = true;
                }
                cur = &m.receiver;
            }
            Expr::Field(f) => cur = &f.base,
            Expr::Index(i) => cur = &i.expr,
            Expr::Paren(p) => cur = &p.expr,
            Expr::Group(g) => cur = &g.expr,
            Expr::Try(t) => cur = &t.expr,
            Expr::Reference(r) => {
                if plain_ident(&r.expr).is_some() || field_path(&r.expr).is_some() {
                    return false;
                }
                borrowing_call = true;
                cur = &r.expr;
            }
            Expr::Unary(u) => cur = &u.expr,
            Expr::Path(_) => return false,
            _ => return borrowing_call,
        }
    }
}

/// Whether the statement visibly never completes: a `return`, `break` or `continue`, a
/// `panic!`-family macro, a call of a standard function that never returns
/// (`std::process::exit`, `abort`, `panic_any`, `resume_unwind`), or a `loop` with no `break`
/// in it. Nothing may be inserted after such a statement: the compiler would find the inserted
/// code unreachable and warn there, instead of at the user's next statement.
pub fn diverges(stmt: &syn::Stmt) -> bool {
    fn macro_diverges(m: &Macro) -> bool {
        m.path.segments.last().is_some_and(|s| {
            matches!(
                s.ident.to_string().as_str(),
                "panic" | "todo" | "unreachable" | "unimplemented"
            )
        })
    }
    fn expr_diverges(e: &Expr) -> bool {
        match e {
            Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
            Expr::Macro(m) => macro_diverges(&m.mac),
            Expr::Paren(p) => expr_diverges(&p.expr),
            Expr::Call(c) => matches!(
                callee_name(&c.func).as_str(),
                "exit"
                    | "process::exit"
                    | "std::process::exit"
                    | "abort"
                    | "process::abort"
                    | "std::process::abort"
                    | "panic_any"
                    | "panic::panic_any"
                    | "std::panic::panic_any"
                    | "resume_unwind"
                    | "panic::resume_unwind"
                    | "std::panic::resume_unwind"
            ),
            Expr::Loop(l) => !has_break(&l.body),
            _ => false,
        }
    }
    fn has_break(b: &syn::Block) -> bool {
        struct Find(bool);
        impl<'a> syn::visit::Visit<'a> for Find {
            fn visit_expr_break(&mut self, _: &'a syn::ExprBreak) {
                self.0 = true;
            }
            fn visit_macro(&mut self, m: &'a Macro) {
                // A macro could expand to a `break`: count it as one.
                if !macro_diverges(m) {
                    self.0 = true;
                }
            }
            fn visit_item(&mut self, _: &'a syn::Item) {}
        }
        let mut f = Find(false);
        syn::visit::visit_block(&mut f, b);
        f.0
    }
    match stmt {
        syn::Stmt::Expr(e, _) => expr_diverges(e),
        syn::Stmt::Macro(m) => macro_diverges(&m.mac),
        syn::Stmt::Local(_) | syn::Stmt::Item(_) => false,
    }
}

/// Whether the initializer `e` of a `let` can be passed through a generic identity function
/// (`let x = pass(e);`) without changing how it compiles or runs: no temporary in it may have
/// its lifetime extended by the `let` (`&String::new()`, `S { r: &f() }`), it is not a place
/// whose move the compiler would explain differently (`v[0]`, `p.name`, `*b`), and it cannot
/// be a closure (whose signature a call site could change) or a block, branch or loop (which
/// may diverge or extend temporaries of their own).
pub fn can_pass(e: &Expr) -> bool {
    fn extending_ok(e: &Expr) -> bool {
        match e {
            Expr::Reference(r) => plain_ident(&r.expr).is_some() || field_path(&r.expr).is_some(),
            Expr::Paren(p) => extending_ok(&p.expr),
            Expr::Group(g) => extending_ok(&g.expr),
            Expr::Cast(c) => extending_ok(&c.expr),
            Expr::Struct(s) => {
                s.fields.iter().all(|f| extending_ok(&f.expr))
                    && s.rest.as_deref().is_none_or(|r| plain_ident(r).is_some())
            }
            Expr::Tuple(t) => t.elems.iter().all(extending_ok),
            Expr::Array(a) => a.elems.iter().all(extending_ok),
            Expr::Call(c) => matches!(&*c.func, Expr::Path(_)) && c.args.iter().all(extending_ok),
            Expr::Block(_)
            | Expr::If(_)
            | Expr::Match(_)
            | Expr::Loop(_)
            | Expr::Unsafe(_)
            | Expr::Const(_) => false,
            _ => true,
        }
    }
    match e {
        Expr::Paren(p) => can_pass(&p.expr),
        Expr::Lit(_) | Expr::Path(_) => true,
        Expr::Reference(_) | Expr::Call(_) | Expr::Struct(_) | Expr::Tuple(_) | Expr::Array(_) => {
            extending_ok(e)
        }
        Expr::MethodCall(m) => {
            !matches!(&*m.receiver, Expr::Block(_) | Expr::If(_) | Expr::Match(_))
                && m.args.iter().all(extending_ok)
        }
        Expr::Binary(_) | Expr::Try(_) | Expr::Await(_) => true,
        Expr::Unary(u) => !matches!(u.op, UnOp::Deref(_)),
        Expr::Macro(m) => makes_owned_value(&m.mac),
        _ => false,
    }
}

/// How a closure without `move` captures one variable, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Capture {
    Shared,
    Mut,
    /// The body uses it in a way syntax cannot tell (an unknown method's receiver).
    Unknown,
    ByValue,
}

/// The captures of the closure `c` (without `move`) that goes to `to`, as effects at its
/// definition, in the order the body first mentions each variable.
fn captures(c: &syn::ExprClosure, to: &str, is_local: &dyn Fn(&Ident) -> bool) -> Vec<Effect> {
    // Names bound by the closure's parameters or inside its body are its own.
    let mut own: std::collections::HashSet<String> = c
        .inputs
        .iter()
        .flat_map(crate::names::pat_bindings)
        .map(|b| b.ident.to_string())
        .collect();
    own.extend(crate::names::of_expr(&c.body).binds);
    let outer = |id: &Ident| !own.contains(&id.to_string()) && is_local(id);
    let mut uses = BodyUses {
        effects: Vec::new(),
        muts: Vec::new(),
        places: Vec::new(),
        is_local: &outer,
    };
    if let Expr::Block(b) = &*c.body {
        syn::visit::Visit::visit_block(&mut uses, &b.block);
    } else {
        uses.walk(&c.body, Some("the closure's value"));
        syn::visit::Visit::visit_expr(&mut uses, &c.body);
    }
    let mut found: Vec<(Ident, Capture)> = Vec::new();
    let mut note = |id: &Ident, how: Capture| match found.iter_mut().find(|(v, _)| v == id) {
        Some((_, h)) => *h = (*h).max(how),
        None => found.push((id.clone(), how)),
    };
    for e in &uses.effects {
        match e {
            Effect::ByValue {
                var,
                how: ByValueHow::Macro,
                ..
            } => note(var, Capture::Unknown),
            Effect::ByValue { var, .. } => note(var, Capture::ByValue),
            Effect::Receiver { var, method } => note(
                var,
                match crate::methods::receiver(&method.to_string()) {
                    crate::methods::Receiver::Shared => Capture::Shared,
                    crate::methods::Receiver::Mut => Capture::Mut,
                    crate::methods::Receiver::Consume => Capture::ByValue,
                    crate::methods::Receiver::Unknown => Capture::Unknown,
                },
            ),
            Effect::Borrow {
                path,
                mutable,
                span,
                ..
            } => {
                // `&x`, `&mut x.f`: the variable at the root of the borrowed place.
                let root = path.split(['.', '[']).next().unwrap_or(path);
                note(
                    &Ident::new(root, *span),
                    if *mutable {
                        Capture::Mut
                    } else {
                        Capture::Shared
                    },
                );
            }
            Effect::Clone { var, .. } | Effect::Call { var } => note(var, Capture::Shared),
            Effect::Part { root, .. } => note(root, Capture::Unknown),
            Effect::Exit { .. } => {}
        }
    }
    for id in &uses.muts {
        note(id, Capture::Mut);
    }
    // Any other use (`x.len` as a place, `x == y`, `match x`) needs at least a shared reference.
    for id in &uses.places {
        note(id, Capture::Shared);
    }
    found
        .into_iter()
        .map(|(var, how)| match how {
            Capture::Shared | Capture::Mut => Effect::Borrow {
                path: var.to_string(),
                mutable: how == Capture::Mut,
                to: to.to_string(),
                span: var.span(),
                captured: true,
            },
            Capture::ByValue => Effect::ByValue {
                var,
                to: to.to_string(),
                how: ByValueHow::Capture,
            },
            Capture::Unknown => Effect::ByValue {
                var,
                to: to.to_string(),
                how: ByValueHow::CaptureMaybe,
            },
        })
        .collect()
}

/// What a closure's body does to outer variables, at every depth of its blocks.
struct BodyUses<'a> {
    effects: Vec<Effect>,
    /// Variables the body assigns (`x = ..`, `x += ..`, `x.f = ..`).
    muts: Vec<Ident>,
    /// Every outer variable the body names (outside macros).
    places: Vec<Ident>,
    is_local: &'a dyn Fn(&Ident) -> bool,
}

impl BodyUses<'_> {
    fn walk(&mut self, e: &Expr, to: Option<&str>) {
        self.effects.extend(walk(e, to, self.is_local));
    }

    fn assigned(&mut self, place: &Expr) {
        let root = plain_ident(place).or_else(|| field_path(place).map(|(r, _)| r));
        if let Some(id) = root.filter(|id| (self.is_local)(id)) {
            self.muts.push(id.clone());
        }
    }
}

impl<'a> syn::visit::Visit<'a> for BodyUses<'_> {
    fn visit_block(&mut self, b: &'a syn::Block) {
        for stmt in &b.stmts {
            match stmt {
                syn::Stmt::Local(l) => {
                    if let Some(init) = &l.init {
                        self.walk(&init.expr, Some("a variable"));
                    }
                }
                // A local named as a statement, the block's value `x` or `x;` (which drops it),
                // is used by value; any other statement's own parts decide.
                syn::Stmt::Expr(e, _) => {
                    self.walk(
                        e,
                        plain_ident(e).map(|_| "the block's value or a statement"),
                    );
                }
                syn::Stmt::Macro(m) => self.effects.extend(walk_macro(&m.mac, self.is_local)),
                syn::Stmt::Item(_) => {}
            }
        }
        syn::visit::visit_block(self, b);
    }

    fn visit_arm(&mut self, arm: &'a syn::Arm) {
        if !matches!(&*arm.body, Expr::Block(_)) {
            self.walk(&arm.body, Some("a `match` arm's value"));
        }
        syn::visit::visit_arm(self, arm);
    }

    fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
        if !matches!(&*c.body, Expr::Block(_)) {
            self.walk(&c.body, Some("the closure's value"));
        }
        syn::visit::visit_expr_closure(self, c);
    }

    fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
        self.assigned(&a.left);
        syn::visit::visit_expr_assign(self, a);
    }

    fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
        if is_compound_assign(b.op) {
            self.assigned(&b.left);
        }
        // The right side of `&&` / `||` (which the walk leaves out: it runs only sometimes)
        // decides the capture all the same: rustc captures for every use in the body.
        if matches!(b.op, BinOp::And(_) | BinOp::Or(_)) {
            self.walk(&b.right, Some("a condition"));
        }
        syn::visit::visit_expr_binary(self, b);
    }

    fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
        let e = Expr::Path(p.clone());
        if let Some(id) = plain_ident(&e).filter(|id| (self.is_local)(id)) {
            self.places.push(id.clone());
        }
    }

    fn visit_item(&mut self, _: &'a syn::Item) {}
}

/// Whether calling the closure `c` may use it up (`FnOnce`): only if its body uses an outer
/// variable by value (a non-`Copy` one is then moved out of the closure by the call) or in a
/// way syntax cannot tell.
pub fn closure_may_consume(c: &syn::ExprClosure, is_local: &dyn Fn(&Ident) -> bool) -> bool {
    captures(c, "", is_local)
        .iter()
        .any(|e| matches!(e, Effect::ByValue { .. }))
}

/// `x += v`, `x -= v`, ...: an assignment that also reads `x`.
fn is_compound_assign(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

/// `vec![..]` and `format!(..)`: macros whose value is a new owned `Vec` or `String`.
pub fn makes_owned_value(m: &Macro) -> bool {
    m.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "vec" || s.ident == "format")
}
