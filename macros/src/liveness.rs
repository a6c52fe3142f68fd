//! Liveness from syntax: for the statement being rewritten, which names the rest of its block
//! (and the blocks around it) still read, bind again or assign. The rewriter asks it for the
//! facts the compiler would prove (a value read again after `let b = a;` was copied; a reference
//! is last used here), and for which bindings rustc will warn about as unused, so that the
//! generated code does not read them.
//!
//! One [`BlockLiveness`] per block, kept in the block's frame of [`crate::scope::Scopes`]: the
//! blocks' variables and what their statements mention are one stack.

use crate::effects;
use crate::names::{self, Mention, StmtNames};
use crate::scope::NameMap;
use proc_macro2::Span;
use std::collections::HashSet;
use syn::Stmt;

/// What the statements of one block mention, and which of them is being rewritten.
pub struct BlockLiveness {
    /// The names each statement mentions and binds, in order.
    names: Vec<StmtNames>,
    /// The last reachable statement mentioning each name.
    last_mention: NameMap<usize>,
    /// The statement being rewritten.
    index: usize,
    /// Whether the block ends with a tail expression (its value).
    has_tail: bool,
}

impl BlockLiveness {
    /// The liveness of a block of `stmts`, at its first statement. Statements after one that
    /// never completes never run: what they mention is not a use.
    pub fn of(stmts: &[Stmt]) -> BlockLiveness {
        let names: Vec<StmtNames> = stmts.iter().map(names::of_stmt).collect();
        let reachable = stmts
            .iter()
            .position(effects::diverges)
            .map_or(names.len(), |k| k + 1);
        let mut last_mention = NameMap::default();
        for (i, sn) in names.iter().enumerate().take(reachable) {
            for (n, _, _) in &sn.mentions {
                last_mention.insert(n.clone(), i);
            }
        }
        BlockLiveness {
            names,
            last_mention,
            index: 0,
            has_tail: matches!(stmts.last(), Some(Stmt::Expr(_, None))),
        }
    }

    /// Moves on to statement `index` of the block.
    pub fn at(&mut self, index: usize) {
        self.index = index;
    }

    /// The statement after the one being rewritten: where the bindings it makes start to live.
    pub fn next(&self) -> usize {
        self.index + 1
    }

    /// Whether the value `name` holds at statement `from` is read by a statement from `from`
    /// on: what rustc's `unused_variables` and `unused_assignments` lints look for. Not when
    /// the first mention of `name` from there on is an assignment `name = ...`: that replaces
    /// the value before anything reads it (certainly, or on some path: syntax cannot tell), and
    /// rustc may warn that the value is never read, which reading it here would silence.
    pub fn read_from(&self, name: &str, from: usize) -> bool {
        self.first_mention_from(name, from) == Some(Mention::Read)
    }

    /// Whether the first mention of `name` from statement `from` on is an assignment
    /// `name = ...`: the value it holds there may never be read, and rustc then warns at the
    /// expression that gave it ("value assigned to `name` is never read").
    pub fn assigned_first(&self, name: &str, from: usize) -> bool {
        self.first_mention_from(name, from) == Some(Mention::Assign)
    }

    fn first_mention_from(&self, name: &str, from: usize) -> Option<Mention> {
        let &last = self.last_mention.get(name)?;
        self.names
            .get(from..=last)?
            .iter()
            .find_map(|stmt| stmt.first(name))
    }

    /// Whether the statement being rewritten is a `let` that binds `name` (`let x = f(x);`):
    /// mentions after it are of the new variable.
    fn rebinds_here(&self, name: &str) -> bool {
        self.names
            .get(self.index)
            .is_some_and(|sn| sn.let_binds.iter().any(|b| b == name))
    }

    /// What this block says of whether `name` is read after the statement being rewritten:
    /// `Some(true)` read, `Some(false)` assigned a new value first, `None` not mentioned again
    /// here, or bound again first (`let name = ..`): this block's later mentions are of the new
    /// variable, and the blocks around it decide (after this block ends, `name` is the old
    /// variable again).
    fn read_after(&self, name: &str) -> Option<bool> {
        // `let x = f(x);`: the statement itself binds the name again.
        if self.rebinds_here(name) {
            return None;
        }
        // Not mentioned after this statement: the usual case for a move.
        let &last = self.last_mention.get(name)?;
        for sn in self.names.get(self.index + 1..=last)? {
            if sn.binds.contains(name) {
                return None;
            }
            match sn.first(name) {
                Some(Mention::Read) => return Some(true),
                Some(Mention::Assign) => return Some(false),
                None => {}
            }
        }
        None
    }

    /// Where the borrow held by `holder` (declared by the statement being rewritten) ends: at
    /// the last mention of it, or of a variable it was copied into (`let r2 = r;`, a closure
    /// that captures it), in the statements after this one.
    pub fn borrow_end_at(&self, holder: &str) -> BorrowEnd {
        let mut set: HashSet<String> = HashSet::from([holder.to_string()]);
        let last_mention = |h: &str| self.last_mention.get(h).copied();
        // Past the last mention of every name in `set`, nothing can change the answer.
        let mut until = last_mention(holder);
        let mut last: Option<(usize, Span)> = None;
        for (k, sn) in self.names.iter().enumerate().skip(self.index + 1) {
            if until.is_none_or(|u| k > u) {
                break;
            }
            if let Some(h) = set.iter().find(|h| sn.mentions(h)) {
                let span = sn.last(h).unwrap_or_else(Span::call_site);
                last = Some((k, span));
                // `let r2 = r;` (or `&*r`) carries the same borrow on, and so does a closure
                // that captures the reference.
                if sn.closure || sn.copy_of.as_ref().is_some_and(|c| set.contains(c)) {
                    for b in &sn.binds {
                        until = until.max(last_mention(b));
                    }
                    set.extend(sn.binds.iter().cloned());
                }
            } else if sn.binds.contains(holder) {
                break;
            }
        }
        match last {
            None => BorrowEnd::Unused,
            Some((k, _)) if self.has_tail && k + 1 == self.names.len() => BorrowEnd::AtTail,
            Some((k, span)) => BorrowEnd::After(k, span),
        }
    }
}

/// Where a borrow kept in a variable ends ([`BlockLiveness::borrow_end_at`]).
#[derive(Clone, Copy, Debug)]
pub enum BorrowEnd {
    /// Nothing after the statement that took it uses it: it ends there.
    Unused,
    /// Its last use is statement `.0` of the block, at `.1`.
    After(usize, Span),
    /// Its last use is the block's tail expression: it lasts to the block's end, where the
    /// holder's slot ends it.
    AtTail,
}

/// Whether the variable `name` is read again after the statements being rewritten, before being
/// bound again or assigned: `blocks` are the blocks from the one that declared it to the
/// innermost, outermost first. Proof (the program compiles) that a use by value there copied it.
pub fn used_later<'a>(
    blocks: impl DoubleEndedIterator<Item = &'a BlockLiveness>,
    name: &str,
) -> bool {
    blocks
        .rev()
        .find_map(|b| b.read_after(name))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The liveness of the body of `f`, at statement `at`.
    fn live(body: &str, at: usize) -> BlockLiveness {
        let block: syn::Block = syn::parse_str(body).unwrap();
        let mut l = BlockLiveness::of(&block.stmts);
        l.at(at);
        l
    }

    /// Where the borrow `holder` takes at the first statement of `body` ends: the statement,
    /// and the column of the mention there (`body` is one line); `(0, 0)` when unused, `(n, 0)`
    /// when at the tail, statement `n`.
    fn borrow_end(body: &str, holder: &str) -> (usize, usize) {
        let l = live(body, 0);
        match l.borrow_end_at(holder) {
            BorrowEnd::Unused => (0, 0),
            BorrowEnd::AtTail => (l.names.len() - 1, 0),
            BorrowEnd::After(k, span) => (k, span.start().column),
        }
    }

    /// `used_later` of `name` in the one block `body`, at statement `at`.
    fn read_after(body: &str, at: usize, name: &str) -> bool {
        used_later(std::iter::once(&live(body, at)), name)
    }

    #[test]
    fn a_value_read_by_a_later_statement_is_used_later() {
        let body = "{ let a = 1; let b = a; println!(\"{}\", a); }";
        assert!(read_after(body, 1, "a"));
        assert!(!read_after(body, 2, "a"));
        assert!(!read_after(body, 1, "b"));
    }

    #[test]
    fn a_value_bound_again_or_assigned_before_it_is_read_is_not_used_later() {
        assert!(!read_after("{ let b = a; let a = 2; f(a); }", 0, "a"));
        assert!(!read_after("{ let b = a; a = 2; f(a); }", 0, "a"));
        // The statement itself binds the name again: later mentions are the new variable.
        assert!(!read_after("{ let a = f(a); g(a); }", 0, "a"));
        // Bound again later and never mentioned after here.
        assert!(!read_after("{ let b = a; let c = 1; let a = 2; }", 0, "a"));
    }

    #[test]
    fn a_name_bound_inside_the_statement_being_rewritten_is_gone_after_it() {
        // The inner block (statement 1) binds its own `a`; the `a.0` after it is the first `a`.
        let body = "{ let a = p(); { let b = a; let a = q(); } a.0 }";
        assert!(read_after(body, 1, "a"));
        // A closure's parameter of the same name, likewise.
        assert!(read_after("{ let c = |a: u8| a; f(a); }", 0, "a"));
        // But a `let` of the statement itself: later mentions are the new variable.
        assert!(!read_after("{ let a = (a, 1); f(a); }", 0, "a"));
    }

    #[test]
    fn what_follows_a_statement_that_never_completes_is_not_a_use() {
        assert!(!read_after("{ let b = a; return; f(a); }", 0, "a"));
        assert!(read_after("{ let b = a; f(a); return; }", 0, "a"));
    }

    #[test]
    fn an_inner_block_that_does_not_mention_a_name_leaves_the_answer_to_the_outer_one() {
        let outer = live("{ let a = s(); { let b = a; } f(a); }", 1);
        let inner = live("{ let b = a; }", 0);
        assert!(used_later([&outer, &inner].into_iter(), "a"));
        let outer_without = live("{ let a = s(); { let b = a; } g(); }", 1);
        assert!(!used_later([&outer_without, &inner].into_iter(), "a"));
        // The innermost block's answer wins: here it assigns `a` before reading it.
        let inner_assigns = live("{ let b = a; a = s(); f(a); }", 0);
        assert!(!used_later([&outer, &inner_assigns].into_iter(), "a"));
        // The blocks outside the declaring one are not asked.
        assert!(!used_later(std::iter::once(&inner), "a"));
        // Bound again in the inner block, before any use there or not: after the inner block,
        // the outer block's `a` is the first variable again, and reading it is a use.
        for inner in [
            "{ let b = a; let a = 2; }",
            "{ let b = a; let a = 2; g(a); }",
            "{ let a = f(a); }",
            "{ let b = a; match c { Some(a) => g(a), None => {} } }",
        ] {
            let inner = live(inner, 0);
            assert!(used_later([&outer, &inner].into_iter(), "a"));
            assert!(!used_later([&outer_without, &inner].into_iter(), "a"));
        }
    }

    #[test]
    fn read_from_and_assigned_first_look_at_the_first_mention_from_a_statement_on() {
        let l = live("{ let x = 1; x = 2; f(x); }", 0);
        assert!(l.assigned_first("x", 1) && !l.read_from("x", 1));
        assert!(l.read_from("x", 2) && !l.assigned_first("x", 2));
        // Past the last mention, and for a name never mentioned: neither.
        assert!(!l.read_from("x", 3) && !l.assigned_first("x", 3));
        assert!(!l.read_from("y", 0) && !l.assigned_first("y", 0));
        assert_eq!(l.next(), 1);
    }

    #[test]
    fn a_borrow_ends_at_the_holders_last_mention_or_at_scope_end_when_that_is_the_tail() {
        let body = "{ let r = &s; f(r); g(); f(r); h(); }";
        assert_eq!(borrow_end(body, "r"), (3, 27));
        // Never mentioned again: it ends with the statement that took it.
        assert_eq!(borrow_end("{ let r = &s; g(); }", "r"), (0, 0));
        // Last mentioned by the tail expression: the slot ends it at the block's end.
        assert_eq!(borrow_end("{ let r = &s; g(); r.len() }", "r"), (2, 0));
        // Mentioned by a statement that is not the tail, even as the block's last one.
        assert_eq!(borrow_end("{ let r = &s; g(); f(r); }", "r"), (2, 21));
    }

    #[test]
    fn a_borrow_carried_into_a_copy_or_a_closure_ends_at_the_last_use_of_either() {
        let copied = "{ let r = &s; let r2 = r; g(); f(r2); h(); }";
        assert_eq!(borrow_end(copied, "r"), (3, 33));
        let closure = "{ let r = &s; let c = || r.len(); g(); c(); h(); }";
        assert_eq!(borrow_end(closure, "r"), (3, 39));
        // A variable that only reads the holder does not carry the borrow.
        let read = "{ let r = &s; let n = r.len(); g(); f(n); h(); }";
        assert_eq!(borrow_end(read, "r"), (1, 22));
        // Bound again: the later mentions are another variable's.
        let shadowed = "{ let r = &s; f(r); let r = 1; f(r); h(); }";
        assert_eq!(borrow_end(shadowed, "r"), (1, 16));
        // Bound again before any use: the new `r` at the tail is not the holder.
        assert_eq!(borrow_end("{ let r = &s; let r = 1; r }", "r"), (0, 0));
        // Carried into a copy that the tail uses: it lasts to the block's end.
        assert_eq!(
            borrow_end("{ let r = &s; let r2 = r; r2.len() }", "r"),
            (2, 0)
        );
    }
}
