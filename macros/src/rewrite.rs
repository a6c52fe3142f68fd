//! The rewriter: walks a function body block by block and inserts, between the user's own
//! statements, the calls that record what Rust does. It never changes a user expression: the
//! user's tokens keep their spans, so the compiler's errors read as they would untraced.
//!
//! The rules, one place each:
//! - a binding gets a slot declared right after it, so the compiler drops the slot right before
//!   the variable, on every path out of the block ([`Rewriter::bind_stmts`]);
//! - a use by value moves or copies, decided at run time from the type ([`Rewriter::effect`]);
//! - a reference held in a variable lives until that variable's last use ([`BlockLiveness::borrow_end_at`]);
//! - assignment drops the old value first ([`Rewriter::plan`], `Expr::Assign`);
//! - loops fold repeated iterations; closures and async blocks are their own contexts.

use crate::bindings::{self, heap_head, nameable, Incoming, PreBind};
use crate::effects::{self, ByValueHow, Effect};
use crate::emit::{self, BindKind, BorrowEvidence, Gen, Use};
use crate::known_types::HEAP_PROBED;
use crate::labels;
use crate::liveness::{self, BlockLiveness, BorrowEnd};
use crate::methods::{self, Receiver};
use crate::names;
use crate::scope::{NameMap, Scopes};
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use std::collections::BTreeMap;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Block, Expr, FnArg, Ident, Pat, Signature, Stmt};

/// What a block's last expression becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BlockCtx {
    /// The function's body: the tail is the return value.
    FnBody,
    /// A closure's body: the tail is what the closure returns.
    Closure,
    /// Any other block.
    Inner,
}

impl BlockCtx {
    fn tail_label(self) -> &'static str {
        match self {
            BlockCtx::FnBody => labels::RETURN_VALUE,
            BlockCtx::Closure => "the closure's return value",
            BlockCtx::Inner => "the block's value",
        }
    }
}

/// What to insert around one user statement, in order (lowered to statements by
/// [`emit::lower`] once its block is done).
#[derive(Default)]
struct Plan {
    pre: Vec<Gen>,
    post: Vec<Gen>,
}

/// Rewrites one function body.
pub struct Rewriter {
    scopes: Scopes,
    /// For variables holding a closure, by slot: whether calling it uses it up (`FnOnce`):
    /// `Some(false)` when it cannot, `Some(true)` when it does, `None` when it may.
    call_consumes: NameMap<Option<bool>>,
    /// Parameters of a written closure type (`f: impl FnOnce()`), and whether it is `FnOnce`.
    fn_params: Vec<(String, bool)>,
    counter: usize,
}

/// What `Spanned::span` gives for a statement (its first token's span joined to its last's,
/// where the compiler can join spans; else the first's), without printing the whole statement:
/// a `let` or a macro statement has both tokens at hand.
fn stmt_span(stmt: &Stmt) -> Span {
    fn first_outer_attr(attrs: &[syn::Attribute]) -> Option<Span> {
        attrs
            .iter()
            .find(|a| matches!(a.style, syn::AttrStyle::Outer))
            .map(|a| a.pound_token.span)
    }
    let (first, last) = match stmt {
        Stmt::Local(l) => (
            first_outer_attr(&l.attrs).unwrap_or(l.let_token.span),
            l.semi_token.span,
        ),
        Stmt::Macro(m) => {
            let path = &m.mac.path;
            let first = first_outer_attr(&m.attrs)
                .or_else(|| path.leading_colon.map(|c| c.spans[0]))
                .or_else(|| path.segments.first().map(|s| s.ident.span()));
            let last = match &m.semi_token {
                Some(semi) => semi.span,
                None => m.mac.delimiter.span().join(),
            };
            match first {
                Some(first) => (first, last),
                None => return stmt.span(),
            }
        }
        Stmt::Expr(..) | Stmt::Item(_) => return stmt.span(),
    };
    first.join(last).unwrap_or(first)
}

/// Where `e` ends: its closing delimiter where it ends with one (a block's `}`, a call's `)`),
/// for the shapes a match arm's body usually has. Not `pos_end(e.span())` for those: on stable,
/// an expression's span is its first token's. Any other expression: its first token's end.
fn expr_end(e: &Expr) -> (u32, u32) {
    let close = |d: &proc_macro2::extra::DelimSpan| emit::pos(d.close());
    match e {
        Expr::Block(b) => close(&b.block.brace_token.span),
        Expr::Unsafe(u) => close(&u.block.brace_token.span),
        Expr::Loop(l) => close(&l.body.brace_token.span),
        Expr::While(w) => close(&w.body.brace_token.span),
        Expr::ForLoop(f) => close(&f.body.brace_token.span),
        Expr::Match(m) => close(&m.brace_token.span),
        Expr::If(i) => match &i.else_branch {
            Some((_, els)) => expr_end(els),
            None => close(&i.then_branch.brace_token.span),
        },
        Expr::Call(c) => close(&c.paren_token.span),
        Expr::MethodCall(m) => close(&m.paren_token.span),
        Expr::Macro(m) => close(m.mac.delimiter.span()),
        Expr::Assign(a) => expr_end(&a.right),
        Expr::Binary(b) => expr_end(&b.right),
        _ => pos_end(e.span()),
    }
}

fn pos_end(span: Span) -> (u32, u32) {
    let lc = span.end();
    (lc.line as u32, (lc.column as u32).max(1))
}

impl Rewriter {
    pub fn new() -> Self {
        Rewriter {
            scopes: Scopes::default(),
            call_consumes: NameMap::default(),
            fn_params: Vec::new(),
            counter: 0,
        }
    }

    fn fresh(&mut self, kind: &str) -> Ident {
        self.counter += 1;
        emit::fresh(kind, self.counter)
    }

    /// Rewrites the body of a function with signature `sig`, shown in traces as `name`.
    pub fn function(&mut self, sig: &Signature, block: &mut Block, name: &str) {
        let frame = self.fresh("frame");
        let (line, col) = emit::pos(sig.ident.span());
        let head = vec![
            emit::import_runtime(),
            emit::frame_enter(&frame, name, line, col),
        ];
        let mut binds = Vec::new();
        let mut fn_params = Vec::new();
        for input in &sig.inputs {
            match input {
                FnArg::Receiver(r) => binds.push(bindings::of_receiver(r)),
                FnArg::Typed(pt) => {
                    if let Pat::Ident(p) = &*pt.pat {
                        // A parameter of a closure type written as such: calling it uses it up
                        // exactly when the type is `FnOnce`.
                        let ty = pt.ty.to_token_stream().to_string();
                        if ty.contains("FnOnce") {
                            fn_params.push((p.ident.to_string(), true));
                        } else if ty.contains("Fn") {
                            fn_params.push((p.ident.to_string(), false));
                        }
                    }
                    let incoming = Incoming {
                        ty: Some(&pt.ty),
                        known_head: heap_head(&pt.ty),
                        ..Incoming::default()
                    };
                    binds.extend(bindings::of_pattern(&pt.pat, BindKind::Param, incoming));
                }
            }
        }
        let end = emit::pos(block.brace_token.span.close());
        self.fn_params = fn_params;
        self.block(block, BlockCtx::FnBody, head, binds, None, end);
    }

    /// Declares `binds` in the innermost block and returns the statements that record them.
    ///
    /// A binding never mentioned again (from statement `from` of the block on) is recorded
    /// without being read: reading it would silence rustc's "unused variable" warning.
    fn bind_stmts(&mut self, binds: Vec<PreBind>, end: (u32, u32), from: usize) -> Vec<Gen> {
        let mut out = Vec::new();
        for mut b in binds {
            if self.unused(&b.name, from) {
                b.opaque = true;
            }
            let slot = self.fresh("slot");
            if b.passed {
                out.push(emit::bind_passed(&slot, &b.name, emit::pos(b.span), end, b.kind).into());
                self.scopes.declare(b.name, slot, b.known_head);
                continue;
            }
            if let Some(&(_, once)) = self.fn_params.iter().find(|(n, _)| *n == b.name) {
                if b.kind == BindKind::Param {
                    self.call_consumes.insert(slot.to_string(), Some(once));
                }
            }
            out.push(
                emit::bind(
                    &slot,
                    &b.var,
                    &b.name,
                    emit::pos(b.span),
                    end,
                    b.kind,
                    b.declared.as_ref(),
                    b.known_head,
                    b.opaque,
                )
                .into(),
            );
            self.scopes.declare(b.name, slot, b.known_head);
        }
        out
    }

    /// Whether `name`, bound by a statement of the current block, is never mentioned from
    /// statement `from` on (so rustc warns it is unused; generated code must not read it).
    fn unused(&self, name: &str, from: usize) -> bool {
        !name.starts_with('_') && self.scopes.live().is_some_and(|l| !l.read_from(name, from))
    }

    /// Statements recording that pattern bindings took parts of the local `scrutinee`. An
    /// unused binding is not read (see [`Rewriter::bind_stmts`]): the scrutinee may then have
    /// lost that part, and the trace says it cannot tell.
    fn part_moves(
        &self,
        scrutinee: &(Ident, String),
        bound: &[(Ident, bool)],
        from: usize,
    ) -> Vec<Gen> {
        bound
            .iter()
            .filter(|(_, by_ref)| !by_ref)
            .map(|(id, _)| {
                let at = emit::pos(id.span());
                if self.unused(&id.to_string(), from) {
                    emit::part_maybe_moved(&scrutinee.0, &id.to_string(), at)
                } else {
                    emit::part_moved(&scrutinee.0, &scrutinee.1, id, at).into()
                }
            })
            .collect()
    }

    /// Rewrites a block: `head` statements first, then `binds` declared, then the user's
    /// statements, each with what it does recorded around it.
    fn block(
        &mut self,
        block: &mut Block,
        ctx: BlockCtx,
        head: Vec<Stmt>,
        binds: Vec<PreBind>,
        scrutinee: Option<(Ident, String)>,
        end: (u32, u32),
    ) {
        self.scopes.push(BlockLiveness::of(&block.stmts));
        let mut out: Vec<Gen> = head.into_iter().map(Gen::Stmt).collect();
        // Room for the usual few generated statements around each user statement: the
        // statements are large, and growing the vector copies them all each time.
        out.reserve(binds.len() * 2 + block.stmts.len() * 4);
        let bound: Vec<(Ident, bool)> = binds
            .iter()
            .filter_map(|b| {
                syn::parse2::<Ident>(b.var.clone())
                    .ok()
                    .map(|id| (id, b.by_ref))
            })
            .collect();
        out.extend(self.bind_stmts(binds, end, 0));
        if let Some(s) = &scrutinee {
            out.extend(self.part_moves(s, &bound, 0));
        }
        let old = std::mem::take(&mut block.stmts);
        let n = old.len();
        let mut scheduled: BTreeMap<usize, Vec<Gen>> = BTreeMap::new();
        let mut diverged = false;
        for (i, mut stmt) in old.into_iter().enumerate() {
            if let Some(l) = self.scopes.live_mut() {
                l.at(i);
            }
            if diverged {
                // After a statement that never completes: left as written (see below).
                out.push(stmt.into());
                continue;
            }
            let is_tail = i + 1 == n && matches!(stmt, Stmt::Expr(_, None));
            let plan = self.plan(&mut stmt, is_tail, ctx, end, &mut scheduled);
            if effects::diverges(&stmt) {
                // Nothing runs after it: what would be recorded after it never happens, and
                // inserted code there would take the user's "unreachable statement" warning.
                out.extend(plan.pre);
                out.push(stmt.into());
                diverged = true;
                continue;
            }
            out.extend(plan.pre);
            if !plan.post.is_empty() {
                // Statements after a tail: only an assignment has them, and `x = v` and
                // `x = v;` are the same `()`-typed statement.
                if let Stmt::Expr(e @ Expr::Assign(_), semi @ None) = &mut stmt {
                    let _ = e;
                    *semi = Some(Default::default());
                }
            }
            out.push(stmt.into());
            out.extend(plan.post);
            if let Some(ends) = scheduled.remove(&i) {
                out.extend(ends);
            }
        }
        block.stmts = emit::lower(out);
        self.scopes.pop();
    }

    /// Whether the variable `name` (tracked, declared at `level`) is read again after the
    /// statement being rewritten ([`liveness::used_later`]).
    fn used_later(&self, name: &str, level: usize) -> bool {
        liveness::used_later(self.scopes.lives_from(level), name)
    }

    /// What one statement does, as statements to insert before and after it.
    ///
    /// The statement's own nested blocks are rewritten here too, after its effects are read and
    /// before a `let` declares its new bindings: in `let x = { f(x) };` the inner `x` is the
    /// old one.
    fn plan(
        &mut self,
        stmt_mut: &mut Stmt,
        is_tail: bool,
        ctx: BlockCtx,
        end: (u32, u32),
        scheduled: &mut BTreeMap<usize, Vec<Gen>>,
    ) -> Plan {
        let mut plan = Plan::default();
        let scopes = &self.scopes;
        let is_local = |id: &Ident| scopes.lookup(&id.to_string()).is_some();
        // The statement is read as written first; its nested blocks are rewritten in place
        // afterwards (`self.nested`), once nothing borrowed from it is needed any more.
        let stmt: &Stmt = stmt_mut;
        let is_let = matches!(stmt, Stmt::Local(_));
        match stmt {
            Stmt::Local(local) => {
                let bindings = names::pat_bindings(&local.pat);
                // One name for the whole value: `x`, `x: T`, and `x @ sub` where `sub` binds
                // nothing more (`r @ _`): the value goes to `x`, not to a pattern.
                let whole = bindings::whole_name(&local.pat, &bindings).0;
                let simple = whole.map(|p| p.ident.clone());
                // `let ref r = ..` (`Some(false)`), `let ref mut r = ..` (`Some(true)`).
                let by_ref = whole
                    .filter(|p| p.by_ref.is_some())
                    .map(|p| p.mutability.is_some());
                let declared_ty = match &local.pat {
                    Pat::Type(t) if nameable(&t.ty) => Some((*t.ty).clone()),
                    _ => None,
                };
                let to = match (&simple, bindings.len()) {
                    (Some(id), _) => Some(id.to_string()),
                    (None, 0) => None,
                    (None, _) => Some(format!(
                        "the pattern `{}`",
                        local.pat.to_token_stream().to_string().replace(" ,", ",")
                    )),
                };
                let wildcard = matches!(&local.pat, Pat::Wild(_));
                let mut part_source: Option<(Ident, String)> = None;
                let mut destructure_source: Option<(Ident, String)> = None;
                let mut effects = Vec::new();
                if let Some(init) = &local.init {
                    let init_expr = &*init.expr;
                    if let (Some((root, path)), Some(_)) = (effects::field_path(init_expr), &simple)
                    {
                        if let Some(v) = self.scopes.tracked(&root.to_string()) {
                            part_source = Some((v.slot.clone(), path));
                        }
                    }
                    match (effects::plain_ident(init_expr), &simple, wildcard) {
                        (Some(id), None, false) if !bindings.is_empty() => {
                            // `let (a, b) = pair;`: parts of `pair` move into the bindings.
                            if let Some(v) = self.scopes.tracked(&id.to_string()) {
                                destructure_source = Some((v.slot.clone(), v.name.clone()));
                            }
                        }
                        // `let ref r = s;`: `r` borrows the place `s`; nothing moves.
                        _ if by_ref.is_some() => {
                            let (name, mutable) =
                                (to.as_deref().unwrap_or_default(), by_ref == Some(true));
                            effects = effects::walk_by_ref(init_expr, name, mutable, &is_local);
                        }
                        _ => {
                            let into = if wildcard { None } else { to.as_deref() };
                            effects = effects::walk(init_expr, into, &is_local);
                        }
                    }
                }
                let holder = simple.as_ref().map(|s| s.to_string());
                let opaque = local
                    .init
                    .as_ref()
                    .is_some_and(|i| effects::may_borrow_temporary(&i.expr));
                let init_head = local
                    .init
                    .as_ref()
                    .is_some_and(|i| self.known_head(&i.expr));
                let known_head =
                    simple.is_some() && (declared_ty.as_ref().is_some_and(heap_head) || init_head);
                let has_init = local.init.is_some();
                let closure_may_consume = match local.init.as_ref().map(|i| &*i.expr) {
                    Some(Expr::Closure(c)) => Some(effects::closure_may_consume(c, &is_local)),
                    _ => None,
                };
                // A plain `let x = init;` that is not read afterwards (or whose value may borrow
                // a temporary): its value is observed on its way in, where that cannot change
                // how the initializer compiles.
                let from = self.scopes.live().map_or(0, BlockLiveness::next);
                let pass = matches!(
                    (&local.pat, &local.init),
                    (Pat::Ident(p), Some(init))
                        if p.subpat.is_none()
                            && p.by_ref.is_none()
                            && init.diverge.is_none()
                            && (opaque || self.unused(&p.ident.to_string(), from))
                            // Not a value replaced before it is read: rustc's warning that it
                            // is never read points at the initializer, which `pass` would wrap.
                            && !self
                                .scopes
                                .live()
                                .is_some_and(|l| l.assigned_first(&p.ident.to_string(), from))
                            && effects::can_pass(&init.expr)
                );
                let (pre, post, temp_borrows) = self.effect_stmts(effects, is_tail);
                // Where the statement ends, for borrows that end with it (only if there are).
                let stmt_end = (!temp_borrows.is_empty()).then(|| pos_end(stmt_span(stmt)));
                plan.pre = pre;
                plan.post = post;
                // The new bindings (read before the statement's nested blocks are rewritten).
                let incoming = Incoming {
                    ty: None,
                    known_head: init_head,
                    opaque,
                    passed: pass,
                };
                let binds =
                    bindings::of_bindings(&local.pat, bindings.clone(), BindKind::Let, incoming);
                self.nested(stmt_mut);
                if pass {
                    if let Stmt::Local(syn::Local {
                        init: Some(init), ..
                    }) = stmt_mut
                    {
                        let e =
                            std::mem::replace(&mut *init.expr, Expr::Verbatim(TokenStream::new()));
                        *init.expr = emit::pass(&e, known_head);
                    }
                }
                if !has_init {
                    for b in binds {
                        let slot = self.fresh("slot");
                        plan.post
                            .push(emit::declare(&slot, &b.name, emit::pos(b.span), end).into());
                        self.scopes.declare(b.name, slot, false);
                    }
                } else {
                    let bound: Vec<(Ident, bool)> = bindings
                        .iter()
                        .map(|b| (b.ident.clone(), b.by_ref))
                        .collect();
                    let from = self.scopes.live().map_or(0, BlockLiveness::next);
                    plan.post.extend(self.bind_stmts(binds, end, from));
                    if let (Some(id), Some(may)) = (&simple, closure_may_consume) {
                        if let Some(v) = self.scopes.tracked(&id.to_string()) {
                            let slot = v.slot.to_string();
                            self.call_consumes
                                .insert(slot, if may { None } else { Some(false) });
                        }
                    }
                    if let Some((slot, path)) = part_source {
                        if let Some(id) = &simple {
                            let part = (slot, path);
                            plan.post
                                .extend(self.part_moves(&part, &[(id.clone(), false)], from));
                        }
                    }
                    if let Some(src) = destructure_source {
                        plan.post.extend(self.part_moves(&src, &bound, from));
                    }
                }
                // A macro's borrows end with the statement (format macros return owned values).
                let (macro_borrows, temp_borrows): (Vec<_>, Vec<_>) = temp_borrows
                    .into_iter()
                    .partition(|(_, to)| to.ends_with('!'));
                let stmt_end = stmt_end.unwrap_or_default();
                for (of, to) in macro_borrows {
                    plan.post.push(emit::borrow_end(&of, &to, stmt_end));
                }
                // A reference kept in the new variable: its borrow lasts until the last use.
                if let (Some(h), false) = (&holder, temp_borrows.is_empty()) {
                    if let Some(var) = self.scopes.tracked(h) {
                        let slot = var.slot.clone();
                        for (of, by) in &temp_borrows {
                            plan.post.push(emit::holds_borrow(
                                &slot,
                                of,
                                by,
                                emit::pos(h_span(&simple)),
                            ));
                        }
                        let end = self.scopes.live().map(|l| l.borrow_end_at(h));
                        match end.unwrap_or(BorrowEnd::Unused) {
                            BorrowEnd::After(k, span) => scheduled
                                .entry(k)
                                .or_default()
                                .push(emit::borrow_ends(&slot, emit::pos(span))),
                            // Never used again: the borrow ends right away.
                            BorrowEnd::Unused => plan
                                .post
                                .push(emit::borrow_ends(&slot, emit::pos(h_span(&simple)))),
                            // Used by the block's value: ends when the block does.
                            BorrowEnd::AtTail => {}
                        }
                    }
                } else {
                    for (of, to) in temp_borrows {
                        plan.post.push(emit::borrow_end(&of, &to, stmt_end));
                    }
                }
            }
            Stmt::Expr(expr, _) => {
                match expr {
                    Expr::Assign(a) => {
                        let target = effects::plain_ident(&a.left).cloned();
                        let label = target.as_ref().map(|t| t.to_string());
                        let effects = effects::walk(&a.right, label.as_deref(), &is_local);
                        let (pre, post, temps) = self.effect_stmts(effects, false);
                        plan.pre = pre;
                        plan.post = post;
                        if !temps.is_empty() {
                            let stmt_end = pos_end(stmt.span());
                            for (of, to) in temps {
                                plan.post.push(emit::borrow_end(&of, &to, stmt_end));
                            }
                        }
                        // `x.f = v;`: the old value of the field is dropped first.
                        if let Some((root, path)) = effects::field_path(&a.left) {
                            if !path.contains('[') {
                                if let Some(v) = self.scopes.tracked(&root.to_string()) {
                                    plan.post.push(
                                        emit::field_assigned(
                                            &v.slot,
                                            &path,
                                            &a.left,
                                            emit::pos(a.left.span()),
                                        )
                                        .into(),
                                    );
                                }
                            }
                        }
                        if let Some(t) = &target {
                            if let Some(v) = self.scopes.tracked(&t.to_string()) {
                                // Not read if the new value is never read: rustc warns "value
                                // assigned is never read", and reading it would hide that.
                                let opaque = effects::may_borrow_temporary(&a.right)
                                    || !self.used_later(&v.name, v.level);
                                plan.post.push(emit::assigned(
                                    &v.slot,
                                    t,
                                    emit::pos(t.span()),
                                    opaque,
                                ));
                            }
                        }
                    }
                    _ => {
                        let to = if is_tail {
                            Some(ctx.tail_label())
                        } else if effects::plain_ident(expr).is_some() {
                            // `x;`: the value is moved out into the statement's temporary,
                            // which is dropped at once (rustc's `path_statements` lint).
                            Some(effects::PATH_STATEMENT)
                        } else {
                            None
                        };
                        let effects = effects::walk(expr, to, &is_local);
                        let (mut pre, post, temps) = self.effect_stmts(effects, is_tail);
                        if matches!(expr, Expr::Return(_) | Expr::Break(_) | Expr::Continue(_)) {
                            pre.push(emit::leaving(emit::pos(expr.span())));
                        }
                        plan.pre = pre;
                        plan.post = post;
                        let stmt_end = (!temps.is_empty()).then(|| pos_end(stmt.span()));
                        for (of, to) in temps {
                            let s = emit::borrow_end(&of, &to, stmt_end.unwrap_or_default());
                            if is_tail {
                                plan.pre.push(s);
                            } else {
                                plan.post.push(s);
                            }
                        }
                    }
                }
            }
            Stmt::Macro(m) => {
                let effects = effects::walk_macro(&m.mac, &is_local);
                let is_tail = m.semi_token.is_none() && is_tail;
                let (pre, post, temps) = self.effect_stmts(effects, is_tail);
                plan.pre = pre;
                plan.post = post;
                let stmt_end = (!temps.is_empty()).then(|| pos_end(stmt_span(stmt)));
                for (of, to) in temps {
                    let s = emit::borrow_end(&of, &to, stmt_end.unwrap_or_default());
                    if is_tail {
                        plan.pre.push(s);
                    } else {
                        plan.post.push(s);
                    }
                }
            }
            Stmt::Item(_) => {}
        }
        if !is_let {
            self.nested(stmt_mut);
        }
        plan
    }

    /// Turns effects into statements: those before the first possible exit (`?`, `return`, ...)
    /// go before the statement, the rest after it (they happen only if it completes). Returns
    /// also the borrows taken for the duration of the statement, `(of, to)`.
    #[allow(clippy::type_complexity)]
    fn effect_stmts(
        &mut self,
        effects: Vec<Effect>,
        is_tail: bool,
    ) -> (Vec<Gen>, Vec<Gen>, Vec<(String, String)>) {
        let mut pre = Vec::new();
        let mut post = Vec::new();
        let mut temps = Vec::new();
        let mut exited = false;
        let mut question = None;
        for e in effects {
            if let Effect::Exit { question: q } = e {
                exited = true;
                question = question.or(q);
                continue;
            }
            let stmts = self.effect(e, &mut temps);
            if exited && !is_tail {
                post.extend(stmts);
            } else {
                pre.extend(stmts);
            }
        }
        // If a `?` returns early, the drops that follow happen at the `?`; if the statement
        // completes, they don't. (Not for a tail: nothing can be recorded after it.)
        if let (Some(q), false) = (question, is_tail) {
            pre.push(emit::leaving(emit::pos(q)));
            post.insert(0, emit::stayed());
        }
        (pre, post, temps)
    }

    /// The statements recording one effect.
    fn effect(&mut self, e: Effect, temps: &mut Vec<(String, String)>) -> Vec<Gen> {
        match e {
            Effect::Exit { .. } => Vec::new(),
            Effect::ByValue { var, to, how } => {
                let name = var.to_string();
                let at = emit::pos(var.span());
                match self.scopes.tracked(&name) {
                    Some(v) => {
                        let used_later = self.used_later(&name, v.level);
                        let how = match how {
                            ByValueHow::Plain => Use::ByValue,
                            ByValueHow::Drop => Use::Drop,
                            ByValueHow::Capture => Use::Captured,
                            ByValueHow::CaptureMaybe => Use::CapturedMaybe,
                            ByValueHow::Macro => Use::Macro,
                        };
                        vec![emit::gave(&v.slot, &to, at, how, used_later)]
                    }
                    None => vec![emit::gave_untracked(&name, &to, at)],
                }
            }
            Effect::Receiver { var, method } => {
                // A method's receiver: the slot decides from the receiver's run-time type (the
                // standard library's signatures), the name's convention only where the type is
                // not known. The borrow's end is scheduled in every case (with the statement,
                // or with the variable keeping the result); the slot cancels it when the call
                // did not borrow. The borrow is taken by the method, not by the variable the
                // result goes to (`let n = s.len();`: `s` is borrowed by `len()`).
                // (The variable the result goes to keeps the borrow: see the `holds_borrow`
                // scheduled for the statement's temporary borrows.)
                let name = var.to_string();
                let at = emit::pos(var.span());
                let method_name = method.to_string();
                let label = format!("{method_name}()");
                let guess = methods::receiver(&method_name);
                match self.scopes.tracked(&name) {
                    Some(v) => {
                        let used_later = self.used_later(&name, v.level);
                        temps.push((name.clone(), label));
                        vec![emit::receiver(&v.slot, &method_name, at, guess, used_later)]
                    }
                    None => match guess {
                        kind @ (Receiver::Shared | Receiver::Mut) => {
                            temps.push((name.clone(), label.clone()));
                            vec![emit::borrow(
                                &name,
                                &label,
                                kind == Receiver::Mut,
                                at,
                                Some(&label),
                                BorrowEvidence::Convention,
                            )]
                        }
                        _ => vec![emit::gave_untracked(&name, &label, at)],
                    },
                }
            }
            Effect::Borrow {
                path,
                mutable,
                to,
                span,
                captured,
            } => {
                let at = emit::pos(span);
                let detail = if captured {
                    Some(labels::CAPTURED)
                } else if to.ends_with('!') {
                    Some(to.as_str())
                } else {
                    None
                };
                let s = emit::borrow(&path, &to, mutable, at, detail, BorrowEvidence::Syntax);
                temps.push((path.clone(), to.clone()));
                vec![s]
            }
            Effect::Part { root, part, to } => match self.scopes.tracked(&root.to_string()) {
                Some(v) => vec![emit::part_given(
                    &v.slot,
                    &part,
                    &to,
                    emit::pos(root.span()),
                )],
                None => Vec::new(),
            },
            Effect::Call { var } => {
                let name = var.to_string();
                let at = emit::pos(var.span());
                match self.scopes.tracked(&name) {
                    Some(v) => {
                        let used_later = self.used_later(&name, v.level);
                        let consumes = self
                            .call_consumes
                            .get(&v.slot.to_string())
                            .copied()
                            .flatten();
                        let consumes = match self.call_consumes.get(&v.slot.to_string()) {
                            Some(Some(false)) => Some(false),
                            _ if used_later => Some(false),
                            _ => consumes,
                        };
                        vec![emit::called_slot(&v.slot, &name, at, consumes)]
                    }
                    None => vec![emit::called(&name, at)],
                }
            }
            Effect::Clone { var, to, deref } => {
                // Through the variable's slot, which knows its type: a clone of an `Rc` is a new
                // owner of the same value, never a deep copy (but `(*rc).clone()` copies the value).
                let name = var.to_string();
                let at = emit::pos(var.span());
                let detail = if deref { labels::POINTEE } else { "" };
                match self.scopes.tracked(&name) {
                    Some(v) => vec![emit::cloned_by_slot(&v.slot, &to, detail, at)],
                    None => vec![emit::cloned(&name, &to, detail, at)],
                }
            }
        }
    }

    /// Rewrites what is nested inside a statement: blocks, branches, loops, closures.
    fn nested(&mut self, stmt: &mut Stmt) {
        match stmt {
            Stmt::Local(local) => {
                if let Some(init) = &mut local.init {
                    self.visit_expr_mut(&mut init.expr);
                    if let Some((_, diverge)) = &mut init.diverge {
                        self.visit_expr_mut(diverge);
                    }
                }
            }
            Stmt::Expr(e, _) => self.visit_expr_mut(e),
            Stmt::Macro(_) | Stmt::Item(_) => {}
        }
    }

    /// Rewrites `e` as a block with `binds` declared first (a match arm, a closure body).
    /// A non-block expression is wrapped in a block only if something was inserted.
    fn expr_block(
        &mut self,
        e: &mut Expr,
        ctx: BlockCtx,
        head: Vec<Stmt>,
        binds: Vec<PreBind>,
        scrutinee: Option<(Ident, String)>,
        force: bool,
    ) {
        if let Expr::Block(b) = e {
            if b.label.is_none() && b.attrs.is_empty() {
                let end = emit::pos(b.block.brace_token.span.close());
                self.block(&mut b.block, ctx, head, binds, scrutinee, end);
                return;
            }
        }
        let end = expr_end(e);
        // The braces get the user's own span: a block spanned by the macro would make rustc
        // place closures at the attribute and drop its suggestions for "code from a macro".
        let brace_token = syn::token::Brace(e.span());
        let inner = std::mem::replace(e, Expr::Verbatim(TokenStream::new()));
        let mut block = Block {
            brace_token,
            stmts: vec![Stmt::Expr(inner, None)],
        };
        self.block(&mut block, ctx, head, binds, scrutinee, end);
        if !force && block.stmts.len() == 1 {
            if let Some(Stmt::Expr(only, None)) = block.stmts.pop() {
                *e = only;
                return;
            }
        }
        *e = Expr::Block(syn::ExprBlock {
            attrs: Vec::new(),
            label: None,
            block,
        });
    }

    fn pattern_binds(&self, pat: &Pat, kind: BindKind) -> Vec<PreBind> {
        bindings::of_pattern(pat, kind, Incoming::default())
    }

    /// Whether the type of `e`'s value has an outer constructor known from the source alone,
    /// so that asking the value for heap facts cannot constrain type inference: a call of a
    /// `String::`/`Vec::`/`Box::`/`Rc::`/`Arc::` function, `vec![..]`, `format!(..)`,
    /// `"..".to_string()`, or a move or clone of a variable whose type is known that way.
    fn known_head(&self, e: &Expr) -> bool {
        match e {
            Expr::Paren(p) => self.known_head(&p.expr),
            Expr::Call(c) => match &*c.func {
                Expr::Path(p) => {
                    let segs: Vec<_> = p.path.segments.iter().collect();
                    segs.len() >= 2
                        && segs[..segs.len() - 1]
                            .iter()
                            .any(|s| HEAP_PROBED.contains(&s.ident.to_string().as_str()))
                }
                _ => false,
            },
            Expr::Macro(m) => effects::makes_owned_value(&m.mac),
            Expr::MethodCall(m) if m.args.is_empty() => {
                let lit = matches!(
                    &*m.receiver,
                    Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(_),
                        ..
                    })
                );
                (lit && (m.method == "to_string" || m.method == "to_owned"))
                    || (m.method == "clone" && self.known_head(&m.receiver))
            }
            Expr::Path(_) => effects::plain_ident(e)
                .and_then(|id| self.scopes.lookup(&id.to_string()))
                .is_some_and(|v| v.known_head),
            _ => false,
        }
    }

    /// The local variable `e` names, if tracked here: `(slot, name)`.
    fn tracked_scrutinee(&self, e: &Expr) -> Option<(Ident, String)> {
        let id = effects::plain_ident(e)?;
        let v = self.scopes.tracked(&id.to_string())?;
        Some((v.slot.clone(), v.name.clone()))
    }

    /// Wraps the loop expression `e` in a block that owns its fold guard.
    fn wrap_loop(&mut self, e: &mut Expr, guard: Ident, at: (u32, u32)) {
        let enter = emit::loop_enter(&guard, at);
        let brace_token = syn::token::Brace(e.span());
        let inner = std::mem::replace(e, Expr::Verbatim(TokenStream::new()));
        *e = Expr::Block(syn::ExprBlock {
            attrs: Vec::new(),
            label: None,
            block: Block {
                brace_token,
                stmts: vec![enter, Stmt::Expr(inner, None)],
            },
        });
    }

    /// The right side `e` of `&&` or `||`, which runs only when the left side does not decide
    /// the result: rewritten as `{ records; e }` (or `({ before }, e, { after }).1`), so that its moves, copies, clones and calls
    /// are recorded when, and only when, it runs. Left as written (nothing recorded, as
    /// before) when it keeps a temporary the records would name, or is a `let` of a let chain.
    fn conditional_operand(&mut self, e: &mut Expr) {
        let scopes = &self.scopes;
        let is_local = |id: &Ident| scopes.lookup(&id.to_string()).is_some();
        let effects = if matches!(e, Expr::Let(_)) {
            Vec::new()
        } else {
            effects::walk(e, Some("a condition"), &is_local)
        };
        let (pre, post, temps) = self.effect_stmts(effects, false);
        self.visit_expr_mut(e);
        // What runs before the operand (its moves, a `?`'s place) and after it (the ends of
        // its borrows, what follows a `?` that did not return) are recorded around it.
        if (pre.is_empty() && post.is_empty()) || !temps.is_empty() {
            return;
        }
        let (pre, post) = (emit::lower(pre), emit::lower(post));
        let inner = std::mem::replace(e, Expr::Verbatim(TokenStream::new()));
        *e = Expr::Verbatim(if post.is_empty() {
            // A block, whose tail may diverge (`return x`) without making anything unreachable.
            quote::quote_spanned!(Span::mixed_site()=> { #(#pre)* #inner })
        } else {
            // Records after the operand too (a `?` that did not return, a borrow's end): a
            // tuple, evaluated left to right. Its operand never diverges: a `?` may not return.
            quote::quote_spanned!(Span::mixed_site()=> ({ #(#pre)* }, #inner, { #(#post)* }).1)
        });
    }

    /// `let` bindings in an `if` condition (`if let`, let chains) and the scrutinee they bind from.
    fn cond_binds(&self, cond: &Expr, out: &mut Vec<PreBind>, scrut: &mut Option<(Ident, String)>) {
        match cond {
            Expr::Let(l) => {
                out.extend(self.pattern_binds(&l.pat, BindKind::Pattern));
                if scrut.is_none() {
                    *scrut = self.tracked_scrutinee(&l.expr);
                }
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.cond_binds(&b.left, out, scrut);
                self.cond_binds(&b.right, out, scrut);
            }
            Expr::Paren(p) => self.cond_binds(&p.expr, out, scrut),
            _ => {}
        }
    }
}

fn h_span(simple: &Option<Ident>) -> Span {
    simple.as_ref().map_or_else(Span::call_site, Ident::span)
}

impl VisitMut for Rewriter {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Block(b) => {
                let end = emit::pos(b.block.brace_token.span.close());
                self.block(
                    &mut b.block,
                    BlockCtx::Inner,
                    Vec::new(),
                    Vec::new(),
                    None,
                    end,
                );
            }
            Expr::Unsafe(u) => {
                let end = emit::pos(u.block.brace_token.span.close());
                self.block(
                    &mut u.block,
                    BlockCtx::Inner,
                    Vec::new(),
                    Vec::new(),
                    None,
                    end,
                );
            }
            Expr::If(i) => {
                self.visit_expr_mut(&mut i.cond);
                let mut binds = Vec::new();
                let mut scrut = None;
                self.cond_binds(&i.cond, &mut binds, &mut scrut);
                if binds.is_empty() {
                    scrut = None;
                }
                let end = emit::pos(i.then_branch.brace_token.span.close());
                self.block(
                    &mut i.then_branch,
                    BlockCtx::Inner,
                    Vec::new(),
                    binds,
                    scrut,
                    end,
                );
                if let Some((_, els)) = &mut i.else_branch {
                    self.visit_expr_mut(els);
                }
            }
            Expr::Match(m) => {
                self.visit_expr_mut(&mut m.expr);
                let scrut = self.tracked_scrutinee(&m.expr);
                for arm in &mut m.arms {
                    if let Some((_, guard)) = &mut arm.guard {
                        self.visit_expr_mut(guard);
                    }
                    let binds = self.pattern_binds(&arm.pat, BindKind::Pattern);
                    let scrut = if binds.is_empty() {
                        None
                    } else {
                        scrut.clone()
                    };
                    self.expr_block(
                        &mut arm.body,
                        BlockCtx::Inner,
                        Vec::new(),
                        binds,
                        scrut,
                        false,
                    );
                }
            }
            Expr::ForLoop(f) => {
                self.visit_expr_mut(&mut f.expr);
                let guard = self.fresh("loop");
                let binds = self.pattern_binds(&f.pat, BindKind::For);
                let end = emit::pos(f.body.brace_token.span.close());
                let head = vec![emit::iteration(&guard)];
                self.block(&mut f.body, BlockCtx::Inner, head, binds, None, end);
                let at = emit::pos(f.for_token.span);
                self.wrap_loop(e, guard, at);
            }
            Expr::While(w) => {
                self.visit_expr_mut(&mut w.cond);
                let guard = self.fresh("loop");
                let mut binds = Vec::new();
                let mut scrut = None;
                self.cond_binds(&w.cond, &mut binds, &mut scrut);
                let end = emit::pos(w.body.brace_token.span.close());
                let head = vec![emit::iteration(&guard)];
                self.block(&mut w.body, BlockCtx::Inner, head, binds, None, end);
                let at = emit::pos(w.while_token.span);
                self.wrap_loop(e, guard, at);
            }
            Expr::Loop(l) => {
                let guard = self.fresh("loop");
                let end = emit::pos(l.body.brace_token.span.close());
                let head = vec![emit::iteration(&guard)];
                self.block(&mut l.body, BlockCtx::Inner, head, Vec::new(), None, end);
                let at = emit::pos(l.loop_token.span);
                self.wrap_loop(e, guard, at);
            }
            // A closure whose body is a bare expression is left as written (its nested blocks
            // are still rewritten): wrapping the body in a block would need braces spanning
            // the user's expression, which a stable proc macro cannot make, and rustc would then
            // place the closure's diagnostics and suggestions differently.
            Expr::Closure(c) if !matches!(&*c.body, Expr::Block(b) if b.label.is_none() && b.attrs.is_empty()) =>
            {
                self.scopes.enter_closure();
                self.visit_expr_mut(&mut c.body);
                self.scopes.leave_closure();
            }
            Expr::Closure(c) => {
                let at = emit::pos(c.or1_token.span);
                self.scopes.enter_closure();
                let guard = self.fresh("closure");
                let head = vec![emit::closure_enter(&guard, "closure", at.0, at.1)];
                let mut binds = Vec::new();
                for input in &c.inputs {
                    binds.extend(self.pattern_binds(input, BindKind::ClosureParam));
                }
                self.expr_block(&mut c.body, BlockCtx::Closure, head, binds, None, true);
                self.scopes.leave_closure();
            }
            Expr::Async(a) => {
                let at = emit::pos(a.async_token.span);
                self.scopes.enter_closure();
                let guard = self.fresh("closure");
                let head = vec![emit::closure_enter(&guard, "async block", at.0, at.1)];
                let end = emit::pos(a.block.brace_token.span.close());
                self.block(&mut a.block, BlockCtx::Closure, head, Vec::new(), None, end);
                self.scopes.leave_closure();
            }
            // `a && b`, `a || b`: the right side runs only sometimes (the statement's own
            // walk stops at it); what it does to local variables is recorded inside it.
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                self.visit_expr_mut(&mut b.left);
                self.conditional_operand(&mut b.right);
            }
            // Compile-time code and token soup: left as written.
            Expr::Const(_) | Expr::Macro(_) => {}
            _ => visit_mut::visit_expr_mut(self, e),
        }
    }

    // Items nested in a body are their own world.
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut gives exactly what `Spanned::span` gives.
    #[test]
    fn stmt_span_matches_spanned() {
        let src = "fn f() {
            let a = 1;
            #[allow(unused)] let (b, c): (u8, u8) = (1, 2);
            let d = { let e = &a; *e };
            println!(\"{a} {}\", d);
            ::std::println!();
            #[cfg(all())] vec![1, 2, 3]
        }";
        let ts: TokenStream = src.parse().unwrap();
        let f: syn::ItemFn = syn::parse2(ts).unwrap();
        for stmt in &f.block.stmts {
            let want = stmt.span();
            let got = stmt_span(stmt);
            assert_eq!(
                (got.start(), got.end()),
                (want.start(), want.end()),
                "{}",
                stmt.to_token_stream()
            );
        }
    }
}
