//! The rewriter: walks a function body block by block and inserts, between the user's own
//! statements, the calls that record what Rust does. It never changes a user expression: the
//! user's tokens keep their spans, so the compiler's errors read as they would untraced.
//!
//! This module knows only where blocks, statements, branches, loops and closures are. What a
//! statement does to ownership is planned by [`crate::plan`], and the plans are written out
//! by [`emit::lower`]. Loops fold repeated iterations; closures and async blocks are their
//! own contexts.

use crate::bindings::PreBind;
use crate::effects;
use crate::emit::{self, BindKind, Gen};
use crate::plan::{pos_end, BlockCtx, Plan, Planner};
use proc_macro2::{Span, TokenStream};
use std::collections::BTreeMap;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Block, Expr, Ident, Signature, Stmt};

/// Rewrites one function body.
pub struct Rewriter {
    planner: Planner,
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

/// Room for a block's records: the usual few generated statements around each binding and
/// each user statement. Only a capacity: the statements are large, and growing the vector
/// copies them all each time.
fn room(binds: usize, stmts: usize) -> usize {
    binds * 2 + stmts * 4
}

impl Rewriter {
    pub fn new() -> Self {
        Rewriter {
            planner: Planner::new(),
        }
    }

    /// Rewrites the body of a function with signature `sig`, shown in traces as `name`.
    pub fn function(&mut self, sig: &Signature, block: &mut Block, name: &str) {
        let frame = self.planner.fresh("frame");
        let (line, col) = emit::pos(sig.ident.span());
        let head = vec![
            emit::import_runtime(),
            emit::frame_enter(&frame, name, line, col),
        ];
        let binds = self.planner.params(sig);
        let end = emit::pos(block.brace_token.span.close());
        self.block(block, BlockCtx::FnBody, head, binds, None, end);
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
        self.planner.enter_block(&block.stmts);
        let mut out: Vec<Gen> = head.into_iter().map(Gen::Stmt).collect();
        out.reserve(room(binds.len(), block.stmts.len()));
        out.extend(self.planner.block_binds(binds, scrutinee.as_ref(), end));
        let old = std::mem::take(&mut block.stmts);
        let n = old.len();
        let mut scheduled: BTreeMap<usize, Vec<Gen>> = BTreeMap::new();
        let mut diverged = false;
        for (i, mut stmt) in old.into_iter().enumerate() {
            self.planner.at(i);
            if diverged {
                // After a statement that never completes: left as written (see below).
                out.push(stmt.into());
                continue;
            }
            let is_tail = i + 1 == n && matches!(stmt, Stmt::Expr(_, None));
            // The statement is read as written first; its nested blocks are rewritten once
            // nothing read from it is needed any more, and before a `let`'s new bindings.
            let (mut plan, rest) = self.planner.statement(&stmt, is_tail, ctx);
            self.nested(&mut stmt);
            if let Some(rest) = rest {
                self.planner
                    .finish_let(rest, &mut stmt, &mut plan, end, &mut scheduled);
            }
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
                if let Stmt::Expr(Expr::Assign(_), semi @ None) = &mut stmt {
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
        self.planner.leave_block();
    }

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
        let (Plan { pre, post }, keeps_temps) = self.planner.condition(e);
        self.visit_expr_mut(e);
        // What runs before the operand (its moves, a `?`'s place) and after it (the ends of
        // its borrows, what follows a `?` that did not return) are recorded around it.
        if (pre.is_empty() && post.is_empty()) || keeps_temps {
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
                self.planner.cond_binds(&i.cond, &mut binds, &mut scrut);
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
                let scrut = self.planner.tracked_scrutinee(&m.expr);
                for arm in &mut m.arms {
                    if let Some((_, guard)) = &mut arm.guard {
                        self.visit_expr_mut(guard);
                    }
                    let binds = self.planner.pattern_binds(&arm.pat, BindKind::Pattern);
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
                let guard = self.planner.fresh("loop");
                let binds = self.planner.pattern_binds(&f.pat, BindKind::For);
                let end = emit::pos(f.body.brace_token.span.close());
                let head = vec![emit::iteration(&guard)];
                self.block(&mut f.body, BlockCtx::Inner, head, binds, None, end);
                let at = emit::pos(f.for_token.span);
                self.wrap_loop(e, guard, at);
            }
            Expr::While(w) => {
                self.visit_expr_mut(&mut w.cond);
                let guard = self.planner.fresh("loop");
                let mut binds = Vec::new();
                let mut scrut = None;
                self.planner.cond_binds(&w.cond, &mut binds, &mut scrut);
                let end = emit::pos(w.body.brace_token.span.close());
                let head = vec![emit::iteration(&guard)];
                self.block(&mut w.body, BlockCtx::Inner, head, binds, None, end);
                let at = emit::pos(w.while_token.span);
                self.wrap_loop(e, guard, at);
            }
            Expr::Loop(l) => {
                let guard = self.planner.fresh("loop");
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
                self.planner.enter_closure();
                self.visit_expr_mut(&mut c.body);
                self.planner.leave_closure();
            }
            Expr::Closure(c) => {
                let at = emit::pos(c.or1_token.span);
                self.planner.enter_closure();
                let guard = self.planner.fresh("closure");
                let head = vec![emit::closure_enter(&guard, "closure", at.0, at.1)];
                let mut binds = Vec::new();
                for input in &c.inputs {
                    binds.extend(self.planner.pattern_binds(input, BindKind::ClosureParam));
                }
                self.expr_block(&mut c.body, BlockCtx::Closure, head, binds, None, true);
                self.planner.leave_closure();
            }
            Expr::Async(a) => {
                let at = emit::pos(a.async_token.span);
                self.planner.enter_closure();
                let guard = self.planner.fresh("closure");
                let head = vec![emit::closure_enter(&guard, "async block", at.0, at.1)];
                let end = emit::pos(a.block.brace_token.span.close());
                self.block(&mut a.block, BlockCtx::Closure, head, Vec::new(), None, end);
                self.planner.leave_closure();
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
