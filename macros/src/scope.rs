//! Which names are traced locals of the function, in which block, and in which closure.
//!
//! Shadowing: a later `let x` adds a second variable named `x`; lookups find the newest. Both
//! keep their own slot, so both are dropped at their block's end, as in Rust.

use crate::liveness::BlockLiveness;
use std::collections::HashMap;
use syn::Ident;

/// A map keyed by variable names, with a fast hash (`rustc-hash`, the one rustc uses): the
/// rewriter looks names up for nearly every identifier it meets, and has no untrusted input to
/// defend against.
pub type NameMap<V> = HashMap<String, V, rustc_hash::FxBuildHasher>;

/// A traced local variable.
#[derive(Clone)]
pub struct Var {
    /// Its name as written.
    pub name: String,
    /// The generated slot that tracks it.
    pub slot: Ident,
    /// The closure (or async block) it was declared in: 0 for the function itself.
    pub ctx: usize,
    /// Index of the block it was declared in (0 = the function body).
    pub level: usize,
    /// Whether its type's outer constructor is known from the source (see `emit::bind`).
    pub known_head: bool,
}

/// One open block: where its variables start, and what its statements mention.
struct Frame {
    /// Where the block's variables start in [`Scopes::vars`].
    start: usize,
    live: BlockLiveness,
}

/// The stack of blocks being rewritten, innermost last: each with its variables and its
/// liveness ([`BlockLiveness`]), so that a variable's block is also where liveness asks.
///
/// Variables are kept in declaration order, with an index by name: a lookup costs the same
/// however many variables the function declares (a long body looks names up once per
/// mention).
#[derive(Default)]
pub struct Scopes {
    /// Every variable of the open blocks, in declaration order: the innermost block's last.
    vars: Vec<Var>,
    /// The open blocks, innermost last.
    blocks: Vec<Frame>,
    /// For each name, the positions in `vars` of the variables so called, oldest first.
    by_name: NameMap<Vec<usize>>,
    ctx_stack: Vec<usize>,
    next_ctx: usize,
}

impl Scopes {
    /// Enters a block whose statements mention what `live` says.
    pub fn push(&mut self, live: BlockLiveness) {
        self.blocks.push(Frame {
            start: self.vars.len(),
            live,
        });
    }

    /// Leaves a block.
    pub fn pop(&mut self) {
        let Some(Frame { start, .. }) = self.blocks.pop() else {
            return;
        };
        for v in self.vars.drain(start..).rev() {
            if let Some(positions) = self.by_name.get_mut(&v.name) {
                positions.pop();
            }
        }
    }

    /// Index of the innermost block.
    pub fn level(&self) -> usize {
        self.blocks.len().saturating_sub(1)
    }

    /// The liveness of the innermost block.
    pub fn live(&self) -> Option<&BlockLiveness> {
        self.blocks.last().map(|f| &f.live)
    }

    /// The liveness of the innermost block, to move it on to its next statement.
    pub fn live_mut(&mut self) -> Option<&mut BlockLiveness> {
        self.blocks.last_mut().map(|f| &mut f.live)
    }

    /// The liveness of the blocks from `level` to the innermost, outermost first: where a
    /// variable declared at `level` can still be mentioned.
    pub fn lives_from(&self, level: usize) -> impl DoubleEndedIterator<Item = &BlockLiveness> {
        self.blocks.iter().skip(level).map(|f| &f.live)
    }

    /// The closure context code is being written in now (0 = the function's own body).
    pub fn ctx(&self) -> usize {
        self.ctx_stack.last().copied().unwrap_or(0)
    }

    /// Enters a closure or async block: variables declared outside are captured, not owned here.
    pub fn enter_closure(&mut self) {
        self.next_ctx += 1;
        self.ctx_stack.push(self.next_ctx);
    }

    /// Leaves a closure or async block.
    pub fn leave_closure(&mut self) {
        self.ctx_stack.pop();
    }

    /// Declares `name`, tracked by `slot`, in the innermost block.
    pub fn declare(&mut self, name: String, slot: Ident, known_head: bool) {
        if self.blocks.is_empty() {
            return;
        }
        let ctx = self.ctx();
        let level = self.level();
        self.by_name
            .entry(name.clone())
            .or_default()
            .push(self.vars.len());
        self.vars.push(Var {
            name,
            slot,
            ctx,
            level,
            known_head,
        });
    }

    /// The newest variable called `name`, if it is a traced local.
    pub fn lookup(&self, name: &str) -> Option<&Var> {
        let &i = self.by_name.get(name)?.last()?;
        Some(&self.vars[i])
    }

    /// The variable called `name` if its slot can be used from here (same closure context).
    pub fn tracked(&self, name: &str) -> Option<&Var> {
        self.lookup(name).filter(|v| v.ctx == self.ctx())
    }
}
