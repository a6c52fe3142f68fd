//! The planner: what one statement does to ownership, as the records to insert before and
//! after it ([`Plan`], a list of [`Gen`]s that [`emit::lower`] writes out). It knows the rules;
//! the visitor in [`crate::rewrite`] knows only where statements and blocks are.
//!
//! The rules, one place each:
//! - a binding gets a slot declared right after it, so the compiler drops the slot right before
//!   the variable, on every path out of the block ([`Planner::bind_stmts`]);
//! - a use by value moves or copies, decided at run time from the type ([`Planner::effect`]);
//! - a reference held in a variable lives until that variable's last use ([`BlockLiveness::borrow_end_at`]);
//! - assignment drops the old value first ([`Planner::statement`], `Expr::Assign`);
//! - an exit (`?`, `return`) takes the records after it to the statement's other side
//!   ([`Planner::effect_stmts`]).

use crate::bindings::{self, heap_head, Incoming, PreBind};
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
use syn::{Expr, FnArg, Ident, Pat, Signature, Stmt};

/// What a block's last expression becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BlockCtx {
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
pub struct Plan {
    /// Before the statement.
    pub pre: Vec<Gen>,
    /// After it (only if it completes).
    pub post: Vec<Gen>,
}

impl Plan {
    /// Ends the borrows `temps` (`(of, to)`) that last for the statement, where it ends (`at`,
    /// asked only if there are any): after it, or before it when it is a block's tail (`tail`),
    /// after which nothing can be recorded.
    fn end_borrows(
        &mut self,
        temps: Vec<(String, String)>,
        at: impl FnOnce() -> (u32, u32),
        tail: bool,
    ) {
        if temps.is_empty() {
            return;
        }
        let at = at();
        let side = if tail { &mut self.pre } else { &mut self.post };
        side.extend(temps.iter().map(|(of, to)| emit::borrow_end(of, to, at)));
    }
}

/// Plans the statements of one function body, and keeps what planning learns on the way:
/// the traced variables in scope, and which closures calling uses up.
pub struct Planner {
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

/// The line and column where `span` ends (a column of at least 1).
pub fn pos_end(span: Span) -> (u32, u32) {
    let lc = span.end();
    (lc.line as u32, (lc.column as u32).max(1))
}

/// What a `let` still has to record once its nested blocks are rewritten: its new bindings,
/// the parts they took, and the borrows they hold (see [`Planner::statement`]).
pub struct LetRest {
    pass: bool,
    /// The initializer says a heap block is there (see [`Planner::known_head`]).
    init_head: bool,
    binds: Vec<PreBind>,
    bound: Vec<(Ident, bool)>,
    simple: Option<Ident>,
    closure_may_consume: Option<bool>,
    part_source: Option<(Ident, String)>,
    destructure_source: Option<(Ident, String)>,
    temp_borrows: Vec<(String, String)>,
    stmt_end: Option<(u32, u32)>,
}

impl Planner {
    pub fn new() -> Self {
        Planner {
            scopes: Scopes::default(),
            call_consumes: NameMap::default(),
            fn_params: Vec::new(),
            counter: 0,
        }
    }

    /// A fresh name for a generated local (`kind`: slot, frame, loop, closure).
    pub fn fresh(&mut self, kind: &str) -> Ident {
        self.counter += 1;
        emit::fresh(kind, self.counter)
    }

    /// Enters a block whose statements are `stmts`.
    pub fn enter_block(&mut self, stmts: &[Stmt]) {
        self.scopes.push(BlockLiveness::of(stmts));
    }

    /// Leaves the innermost block: its variables are out of scope.
    pub fn leave_block(&mut self) {
        self.scopes.pop();
    }

    /// The innermost block's statement `i` is the one being planned.
    pub fn at(&mut self, i: usize) {
        if let Some(l) = self.scopes.live_mut() {
            l.at(i);
        }
    }

    /// Enters a closure or an async block: a context of its own.
    pub fn enter_closure(&mut self) {
        self.scopes.enter_closure();
    }

    /// Leaves the innermost closure or async block.
    pub fn leave_closure(&mut self) {
        self.scopes.leave_closure();
    }

    /// The parameters of a function with signature `sig`, to be declared in its body. Notes
    /// which ones are closures of a written type, and whether calling them uses them up.
    pub fn params(&mut self, sig: &Signature) -> Vec<PreBind> {
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
        self.fn_params = fn_params;
        binds
    }

    /// The records of a block's own bindings (a pattern's, a parameter's), declared first in
    /// it, and of the parts they took from `scrutinee`, the local they were bound from.
    pub fn block_binds(
        &mut self,
        binds: Vec<PreBind>,
        scrutinee: Option<&(Ident, String)>,
        end: (u32, u32),
    ) -> Vec<Gen> {
        let bound: Vec<(Ident, bool)> = binds
            .iter()
            .filter_map(|b| {
                syn::parse2::<Ident>(b.var.clone())
                    .ok()
                    .map(|id| (id, b.by_ref))
            })
            .collect();
        let mut out = self.bind_stmts(binds, end, 0);
        if let Some(s) = scrutinee {
            out.extend(self.part_moves(s, &bound, 0));
        }
        out
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
    /// unused binding is not read (see [`Planner::bind_stmts`]): the scrutinee may then have
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

    /// Whether the variable `name` (tracked, declared at `level`) is read again after the
    /// statement being planned ([`liveness::used_later`]).
    fn used_later(&self, name: &str, level: usize) -> bool {
        liveness::used_later(self.scopes.lives_from(level), name)
    }

    /// What one statement does, as records before and after it, read from the statement as
    /// written: the visitor rewrites its nested blocks afterwards. A `let` is planned in two
    /// steps, its effects here and its new bindings in [`Planner::finish_let`], once its
    /// nested blocks are rewritten: in `let x = { f(x) };` the inner `x` is the old one.
    pub fn statement(
        &mut self,
        stmt: &Stmt,
        is_tail: bool,
        ctx: BlockCtx,
    ) -> (Plan, Option<LetRest>) {
        let scopes = &self.scopes;
        let is_local = |id: &Ident| scopes.lookup(&id.to_string()).is_some();
        let plan = match stmt {
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
                        (Some(id), None, false) => {
                            // `let (a, b) = pair;`: parts of `pair` move into the bindings. (A
                            // pattern that binds nothing, `let (..) = pair;`, moves nothing:
                            // there are no parts to record.)
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
                let opaque = local
                    .init
                    .as_ref()
                    .is_some_and(|i| effects::may_borrow_temporary(&i.expr));
                let init_head = local
                    .init
                    .as_ref()
                    .is_some_and(|i| self.known_head(&i.expr));
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
                let (plan, temp_borrows) = self.effect_stmts(effects, is_tail);
                // Where the statement ends, for borrows that end with it (only if there are).
                let stmt_end = (!temp_borrows.is_empty()).then(|| pos_end(stmt_span(stmt)));
                // The new bindings (read before the statement's nested blocks are rewritten).
                let incoming = Incoming {
                    ty: None,
                    known_head: init_head,
                    opaque,
                    passed: pass,
                };
                let bound: Vec<(Ident, bool)> = bindings
                    .iter()
                    .map(|b| (b.ident.clone(), b.by_ref))
                    .collect();
                let binds = bindings::of_bindings(&local.pat, bindings, BindKind::Let, incoming);
                let rest = LetRest {
                    pass,
                    // A value observed on its way in is a plain `let x = init;` (no written
                    // type): only the initializer can say a heap block is there.
                    init_head,
                    binds,
                    bound,
                    simple,
                    closure_may_consume,
                    part_source,
                    destructure_source,
                    temp_borrows,
                    stmt_end,
                };
                return (plan, Some(rest));
            }
            Stmt::Expr(expr, _) => {
                match expr {
                    Expr::Assign(a) => {
                        let target = effects::plain_ident(&a.left).cloned();
                        let label = target.as_ref().map(|t| t.to_string());
                        let effects = effects::walk(&a.right, label.as_deref(), &is_local);
                        let (mut plan, temps) = self.effect_stmts(effects, false);
                        plan.end_borrows(temps, || pos_end(stmt.span()), false);
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
                        plan
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
                        let (mut plan, temps) = self.effect_stmts(effects, is_tail);
                        if matches!(expr, Expr::Return(_) | Expr::Break(_) | Expr::Continue(_)) {
                            plan.pre.push(emit::leaving(emit::pos(expr.span())));
                        }
                        plan.end_borrows(temps, || pos_end(stmt.span()), is_tail);
                        plan
                    }
                }
            }
            Stmt::Macro(m) => {
                let effects = effects::walk_macro(&m.mac, &is_local);
                let is_tail = m.semi_token.is_none() && is_tail;
                let (mut plan, temps) = self.effect_stmts(effects, is_tail);
                plan.end_borrows(temps, || pos_end(stmt_span(stmt)), is_tail);
                plan
            }
            Stmt::Item(_) => Plan::default(),
        };
        (plan, None)
    }

    /// The rest of a `let`'s plan ([`Planner::statement`]), once its nested blocks are
    /// rewritten: its new bindings declared, what they took and hold. `end`: where the block
    /// ends; `scheduled`: records to insert after a later statement of the block, by index.
    pub fn finish_let(
        &mut self,
        rest: LetRest,
        stmt: &mut Stmt,
        plan: &mut Plan,
        end: (u32, u32),
        scheduled: &mut BTreeMap<usize, Vec<Gen>>,
    ) {
        let Stmt::Local(local) = stmt else {
            return;
        };
        if let (true, Some(init)) = (rest.pass, &mut local.init) {
            let e = std::mem::replace(&mut *init.expr, Expr::Verbatim(TokenStream::new()));
            *init.expr = emit::pass(&e, rest.init_head);
        }
        // A format macro's borrows end when it returns, before its value is bound: `format!`
        // returns an owned `String`, `write!` a `Result`, `matches!` a `bool`. Not
        // `format_args!`, whose `Arguments` keeps them: like a call's, they are the new
        // variable's to hold, below.
        let (macro_borrows, temp_borrows): (Vec<_>, Vec<_>) = rest
            .temp_borrows
            .into_iter()
            .partition(|(_, to)| to.ends_with('!') && to != "format_args!");
        let stmt_end = rest.stmt_end.unwrap_or_default();
        plan.end_borrows(macro_borrows, || stmt_end, false);
        if local.init.is_none() {
            for b in rest.binds {
                let slot = self.fresh("slot");
                plan.post
                    .push(emit::declare(&slot, &b.name, emit::pos(b.span), end).into());
                self.scopes.declare(b.name, slot, false);
            }
        } else {
            let from = self.scopes.live().map_or(0, BlockLiveness::next);
            plan.post.extend(self.bind_stmts(rest.binds, end, from));
            if let (Some(id), Some(may)) = (&rest.simple, rest.closure_may_consume) {
                if let Some(v) = self.scopes.tracked(&id.to_string()) {
                    let slot = v.slot.to_string();
                    self.call_consumes
                        .insert(slot, if may { None } else { Some(false) });
                }
            }
            if let Some((slot, path)) = rest.part_source {
                if let Some(id) = &rest.simple {
                    let part = (slot, path);
                    plan.post
                        .extend(self.part_moves(&part, &[(id.clone(), false)], from));
                }
            }
            if let Some(src) = rest.destructure_source {
                plan.post.extend(self.part_moves(&src, &rest.bound, from));
            }
        }
        // A reference kept in the new variable: its borrow lasts until the last use.
        if let (Some(h), false) = (&rest.simple, temp_borrows.is_empty()) {
            let name = h.to_string();
            if let Some(var) = self.scopes.tracked(&name) {
                let slot = var.slot.clone();
                let at = emit::pos(h.span());
                for (of, by) in &temp_borrows {
                    plan.post.push(emit::holds_borrow(&slot, of, by, at));
                }
                let end = self.scopes.live().map(|l| l.borrow_end_at(&name));
                match end.unwrap_or(BorrowEnd::Unused) {
                    BorrowEnd::After(k, span) => scheduled
                        .entry(k)
                        .or_default()
                        .push(emit::borrow_ends(&slot, emit::pos(span))),
                    // Never used again: the borrow ends right away.
                    BorrowEnd::Unused => plan.post.push(emit::borrow_ends(&slot, at)),
                    // Used by the block's value: ends when the block does.
                    BorrowEnd::AtTail => {}
                }
            }
        } else {
            plan.end_borrows(temp_borrows, || stmt_end, false);
        }
    }

    /// Turns effects into a plan: those before the first possible exit (`?`, `return`, ...)
    /// go before the statement, the rest after it (they happen only if it completes). Returns
    /// also the borrows taken for the duration of the statement, `(of, to)`.
    fn effect_stmts(
        &mut self,
        effects: Vec<Effect>,
        is_tail: bool,
    ) -> (Plan, Vec<(String, String)>) {
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
        (Plan { pre, post }, temps)
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
                        // Called again later: this call cannot have used it up.
                        let consumes = if used_later {
                            Some(false)
                        } else {
                            self.call_consumes
                                .get(&v.slot.to_string())
                                .copied()
                                .flatten()
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

    /// The records of `e`, the right side of `&&` or `||` (which runs only sometimes), before
    /// and after it, and whether it keeps temporary borrows (then it is left as written: the
    /// records would name a temporary).
    pub fn condition(&mut self, e: &Expr) -> (Plan, bool) {
        let scopes = &self.scopes;
        let is_local = |id: &Ident| scopes.lookup(&id.to_string()).is_some();
        let effects = if matches!(e, Expr::Let(_)) {
            Vec::new()
        } else {
            effects::walk(e, Some("a condition"), &is_local)
        };
        let (plan, temps) = self.effect_stmts(effects, false);
        (plan, !temps.is_empty())
    }

    /// The bindings of a pattern whose value arrives from elsewhere (an arm, a loop, a closure).
    pub fn pattern_binds(&self, pat: &Pat, kind: BindKind) -> Vec<PreBind> {
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
    pub fn tracked_scrutinee(&self, e: &Expr) -> Option<(Ident, String)> {
        let id = effects::plain_ident(e)?;
        let v = self.scopes.tracked(&id.to_string())?;
        Some((v.slot.clone(), v.name.clone()))
    }

    /// `let` bindings in an `if` condition (`if let`, let chains) and the scrutinee they bind from.
    pub fn cond_binds(
        &self,
        cond: &Expr,
        out: &mut Vec<PreBind>,
        scrut: &mut Option<(Ident, String)>,
    ) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// The string literals of a token text, in order (none of these tests' strings contains a quote).
    fn strings(text: &str) -> Vec<String> {
        text.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    /// Reads a plan's records as a test states them: `method who -> to Use rest`, where `who`
    /// is the variable a slot tracks (the site's variable in parentheses when it has one too),
    /// or the site's variable for an event without a slot; a slot's `let` reads `method var`.
    #[derive(Default)]
    struct Reader(HashMap<String, String>);

    impl Reader {
        fn read(&mut self, g: &Gen) -> String {
            match g {
                Gen::Op(op) => {
                    let (method, slot, site, how, rest) = op.parts();
                    let fields = strings(&site);
                    let field = |i: usize| fields.get(i).cloned().unwrap_or_default();
                    let mut line = method.to_string();
                    match slot {
                        Some(id) => {
                            line += &format!(" {}", self.0[&id.to_string()]);
                            if !field(0).is_empty() {
                                line += &format!(" ({})", field(0));
                            }
                        }
                        None if !field(0).is_empty() => line += &format!(" {}", field(0)),
                        None => {}
                    }
                    if !field(1).is_empty() {
                        line += &format!(" -> {}", field(1));
                    }
                    for word in how.into_iter().chain(Some(rest.as_str())) {
                        if !word.is_empty() {
                            line += &format!(" {word}");
                        }
                    }
                    line
                }
                Gen::Stmt(st) => {
                    let text = st.to_token_stream().to_string();
                    let word = |after: &str| -> String {
                        text.split(after)
                            .nth(1)
                            .unwrap_or_default()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect()
                    };
                    // A slot's `let`: `let slot = .. Slot :: method (..)`.
                    let (slot, method) = (word("let "), word("Slot :: "));
                    if slot.starts_with("__trace_ownership_slot_") && !method.is_empty() {
                        let var = strings(&text).first().cloned().unwrap_or_default();
                        self.0.insert(slot, var.clone());
                        return format!("{method} {var}");
                    }
                    // A call of a slot's own, generic over a value's type: `slot . method (..)`.
                    let slot =
                        format!("__trace_ownership_slot_{}", word("__trace_ownership_slot_"));
                    match self.0.get(&slot) {
                        Some(var) => {
                            let fields = strings(&text);
                            let to = fields.get(1).filter(|t| !t.is_empty());
                            let to = to.map(|t| format!(" -> {t}")).unwrap_or_default();
                            format!("{} {var}{to}", word(&format!("{slot} . ")))
                        }
                        None => format!("?? {text}"),
                    }
                }
            }
        }
    }

    /// The body of `src` planned statement by statement as the visitor plans it (these bodies
    /// have no nested blocks to rewrite): the parameters' records, then for each statement its
    /// records before it, the statement (`| ..`, marked `(passed)` when its initializer is
    /// wrapped to observe the value on its way in, and its heap block if it has one), its records after it, and the records an
    /// earlier statement scheduled after it.
    fn planned(src: &str) -> Vec<String> {
        let f: syn::ItemFn = syn::parse_str(src).expect("a function");
        let mut planner = Planner::new();
        let mut reader = Reader::default();
        let end = (99, 1);
        let binds = planner.params(&f.sig);
        let mut stmts = f.block.stmts;
        planner.enter_block(&stmts);
        let mut lines: Vec<String> = (planner.block_binds(binds, None, end).iter())
            .map(|g| reader.read(g))
            .collect();
        let mut scheduled = BTreeMap::new();
        let n = stmts.len();
        for (i, stmt) in stmts.iter_mut().enumerate() {
            planner.at(i);
            let written = stmt.to_token_stream().to_string();
            let is_tail = i + 1 == n && matches!(stmt, Stmt::Expr(_, None));
            let (mut plan, rest) = planner.statement(stmt, is_tail, BlockCtx::FnBody);
            if let Some(rest) = rest {
                planner.finish_let(rest, stmt, &mut plan, end, &mut scheduled);
            }
            lines.extend(plan.pre.iter().map(|g| reader.read(g)));
            let now = stmt.to_token_stream().to_string();
            let passed = match (now != written, now.contains("pass_heap")) {
                (false, _) => "",
                (true, false) => " (passed)",
                (true, true) => " (passed, with its heap block)",
            };
            lines.push(format!("| {written}{passed}"));
            lines.extend(plan.post.iter().map(|g| reader.read(g)));
            for g in scheduled.remove(&i).unwrap_or_default() {
                lines.push(reader.read(&g));
            }
        }
        planner.leave_block();
        lines
    }

    #[test]
    fn a_move_into_a_new_variable_is_recorded_before_the_let_and_the_binding_after_it() {
        assert_eq!(
            planned("fn f(s: String) -> usize { let t = s; t.len() }"),
            [
                "bind_heap s",
                "gave s -> t ByValue false",
                "| let t = s ;",
                "bind_heap t",
                // The tail borrows `t` for the call; nothing can be recorded after a tail.
                "receiver t -> len() ConventionShared false",
                "borrow_end t -> len()",
                "| t . len ()",
            ]
        );
    }

    #[test]
    fn a_reference_kept_in_a_variable_is_held_until_that_variables_last_use() {
        assert_eq!(
            planned("fn f(v: Vec<u8>) { let r = &v; let n = r.len(); println!(\"{n}\"); }"),
            [
                "bind_heap v",
                "borrow v -> r false , false",
                "| let r = & v ;",
                "bind r",
                "holds_borrow r (v) -> r",
                "receiver r -> len() ConventionShared false",
                "| let n = r . len () ;",
                "bind n",
                // Whether `n` keeps the borrow is its run-time type's to say (a `usize` cannot).
                "holds_borrow n (r) -> len()",
                // Scheduled by the first `let`: `r` is last mentioned here.
                "borrow_ends r",
                "borrow n -> println! false , false",
                "| println ! (\"{n}\") ;",
                "borrow_end n -> println!",
                "borrow_ends n",
            ]
        );
    }

    #[test]
    fn what_follows_a_question_mark_is_recorded_after_it_only_if_it_did_not_return() {
        assert_eq!(
            planned("fn f(s: String) -> Result<(), E> { let a = g(s)?; h(a); Ok(()) }"),
            [
                "bind_heap s",
                "gave s -> g() ByValue false",
                "mark_leaving 1 , 48",
                "| let a = g (s) ? ;",
                "stayed",
                "bind a",
                "gave a -> h() ByValue false",
                "| h (a) ;",
                "| Ok (())",
            ]
        );
    }

    #[test]
    fn an_assignment_is_recorded_on_the_variables_slot_after_it() {
        assert_eq!(
            planned("fn f() { let mut x = String::new(); h(&x); x = String::from(\"b\"); h(&x); }"),
            [
                "| let mut x = String :: new () ;",
                "bind_heap x",
                "borrow x -> h() false , false",
                "| h (& x) ;",
                "borrow_end x -> h()",
                "| x = String :: from (\"b\") ;",
                "assigned x",
                "borrow x -> h() false , false",
                "| h (& x) ;",
                "borrow_end x -> h()",
            ]
        );
    }

    #[test]
    fn a_written_heap_type_asks_for_the_heap_block_whatever_is_left_to_infer_inside() {
        assert_eq!(
            planned("fn f() { let v: Vec<_> = make(); h(v); let w: _ = make(); h(w); }"),
            [
                "| let v : Vec < _ > = make () ;",
                "bind_heap v",
                "gave v -> h() ByValue false",
                "| h (v) ;",
                // Without a written constructor, nothing says a block is there.
                "| let w : _ = make () ;",
                "bind w",
                "gave w -> h() ByValue false",
                "| h (w) ;",
            ]
        );
    }

    #[test]
    fn a_pattern_that_binds_nothing_moves_nothing() {
        assert_eq!(
            planned("fn f(p: (String, String)) { let (..) = p; h(p); }"),
            [
                "bind p",
                "| let (..) = p ;",
                "gave p -> h() ByValue false",
                "| h (p) ;",
            ]
        );
    }

    #[test]
    fn the_arguments_of_format_args_are_held_by_the_variable_it_is_bound_to() {
        assert_eq!(
            planned("fn f(x: String) { let a = format_args!(\"{x}\"); h(a); }"),
            [
                "bind_heap x",
                "borrow x -> format_args! false , false",
                "| let a = format_args ! (\"{x}\") ;",
                "bind a",
                "holds_borrow a (x) -> format_args!",
                "gave a -> h() ByValue false",
                "| h (a) ;",
                "borrow_ends a",
            ]
        );
    }

    #[test]
    fn a_format_macros_borrow_ends_before_its_value_is_bound() {
        assert_eq!(
            planned("fn f(i: u32) -> usize { let line = format!(\"{i}\"); line.len() }"),
            [
                "bind i",
                "borrow i -> format! false , false",
                "| let line = format ! (\"{i}\") ;",
                // `format!` is done with `i` when it returns the `String` that `line` then owns.
                "borrow_end i -> format!",
                "bind_heap line",
                "receiver line -> len() ConventionShared false",
                "borrow_end line -> len()",
                "| line . len ()",
            ]
        );
    }

    #[test]
    fn a_value_never_read_again_is_observed_on_its_way_in_and_not_read_after() {
        assert_eq!(
            planned("fn f() { let t = make(); }"),
            ["| let t = make () ; (passed)", "bind_passed t"]
        );
        assert_eq!(
            planned("fn f() { let u = String::new(); }"),
            [
                "| let u = String :: new () ; (passed, with its heap block)",
                "bind_passed u"
            ]
        );
    }

    #[test]
    fn a_use_by_value_says_whether_the_variable_is_used_again_and_leaves_copy_to_the_type() {
        assert_eq!(
            planned("fn f(n: u32) { let m = n; let k = n; h(m, k); }"),
            [
                "bind n",
                "gave n -> m ByValue true",
                "| let m = n ;",
                "bind m",
                "gave n -> k ByValue false",
                "| let k = n ;",
                "bind k",
                "gave m -> h() ByValue false",
                "gave k -> h() ByValue false",
                "| h (m , k) ;",
            ]
        );
    }

    #[test]
    fn a_destructuring_let_takes_parts_of_the_local_it_names() {
        assert_eq!(
            planned("fn f(p: (String, String)) { let (a, b) = p; h(a, b); }"),
            [
                "bind p",
                "| let (a , b) = p ;",
                "bind a",
                "bind b",
                "part_taken p -> a",
                "part_taken p -> b",
                "gave a -> h() ByValue false",
                "gave b -> h() ByValue false",
                "| h (a , b) ;",
            ]
        );
    }

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
