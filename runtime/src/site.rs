//! Site descriptors and raw records: how recording stays cheap.
//!
//! Everything the macro knows about one place in the source (names, line and column) is a
//! constant, so generated code writes it once as a [`Site`] that the compiler promotes to a
//! `static`: a call passes one pointer instead of a handful of arguments. While a trace records,
//! each event is stored as a small raw record (a pointer to its site, the value's facts, the
//! position); full [`Event`]s, with their texts, are built once, when the trace ends.

use crate::detail::{Detail, Why};
use crate::event::{Event, EventKind, Evidence, HeapFacts, Text};
use crate::facts::Facts;
use crate::labels;

/// What the macro knows about one place in the source. Generated code writes
/// `&Site(..)` with literal fields only, which the compiler promotes to a `static`. The fields,
/// in order: the variable, where the value goes, more words, line, column, and where a bound
/// variable's scope ends (line, column).
///
/// ```
/// use trace_ownership_runtime::__private::Site;
/// static S: &Site = &Site("s", "t", "", 3, 13, 5, 1);
/// assert_eq!((S.var(), S.to(), S.line(), S.end()), ("s", "t", 3, (5, 1)));
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Site(
    /// The variable the event is about: the bound variable, the borrowed one, the function.
    pub &'static str,
    /// Where the value or the borrow goes (`""` when the event has no destination).
    pub &'static str,
    /// More words: the method or macro taking a borrow, the part of a partial move, the file
    /// of a function (`""` when none).
    pub &'static str,
    /// 1-based source line.
    pub u32,
    /// 1-based source column.
    pub u32,
    /// Line where a bound variable's scope ends (0 for other sites).
    pub u32,
    /// Column where a bound variable's scope ends (0 for other sites).
    pub u32,
);

impl Site {
    /// The variable the event is about.
    pub const fn var(&self) -> &'static str {
        self.0
    }

    /// Where the value or the borrow goes (`""` when none).
    pub const fn to(&self) -> &'static str {
        self.1
    }

    /// More words (`""` when none).
    pub const fn detail(&self) -> &'static str {
        self.2
    }

    /// 1-based source line.
    pub const fn line(&self) -> u32 {
        self.3
    }

    /// 1-based source column.
    pub const fn col(&self) -> u32 {
        self.4
    }

    /// Where a bound variable's scope ends (line, column).
    pub const fn end(&self) -> (u32, u32) {
        (self.5, self.6)
    }
}

/// Where a value came from. (Public names here never repeat a standard item's name,
/// see [`crate::EventKind`].)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindKind {
    /// `let x = ...;`
    Let,
    /// A function parameter.
    Param,
    /// A binding in a `match` arm, `if let`, `while let` or `let ... else`.
    MatchPattern,
    /// The variable of a `for` loop (one value per iteration).
    For,
    /// A closure parameter.
    ClosureParam,
}

impl BindKind {
    fn why(self) -> Option<Why> {
        match self {
            BindKind::Let => None,
            BindKind::Param => Some(Why::Parameter),
            BindKind::MatchPattern => Some(Why::Pattern),
            BindKind::For => Some(Why::LoopVariable),
            BindKind::ClosureParam => Some(Why::ClosureParameter),
        }
    }
}

/// How a recorded event's texts are made from its sites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Note {
    /// From the site alone: `var` (also `of` of a borrow, `from` of a clone), `to`, `detail`.
    Plain,
    /// A binding made by a `let`, a parameter, a pattern...
    Bind(BindKind),
    /// `let x;`
    Declared,
    /// The variable of the `other` site gave its value at this site (to `site.to()`);
    /// `receiver`: as the receiver of a method.
    Gave { receiver: bool },
    /// `drop(x)`: the variable of the `other` site was dropped here.
    DroppedEarly,
    /// A part (`site.detail()`) moved into `site.to()`.
    PartialMove,
    /// The old value of `site.var()` was dropped by an assignment.
    Replaced,
    /// The scope of `site.var()` ended.
    End(End),
    /// A borrow of `site.var()` taken by `site.to()` and kept in the variable of the `other` site ended.
    Kept,
    /// A borrow of `site.var()` taken by `site.to()` ended with the call that took it: the
    /// result, stored in the variable of the `other` site, is of a type that cannot hold a borrow.
    EndedWithCall,
}

/// What was left in a variable when its scope ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum End {
    /// Its value: dropped.
    Owned,
    /// Nothing: moved to the `to` of the `other` site.
    Moved,
    /// Maybe nothing: given to the `to` of the `other` site, which may have taken it.
    MaybeMoved,
    /// Some fields were moved out.
    Partial,
    /// It never had a value.
    Uninit,
    /// It is a reference: it owns nothing, so nothing is dropped.
    Reference,
}

/// One event as recorded: a pointer to its site, the value's facts, where it happened.
/// Its texts are built by [`SiteEvent::event`] when the trace ends.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SiteEvent {
    pub site: &'static Site,
    /// A second site: the variable that gave a value, the destination of a move, the holder.
    pub other: Option<&'static Site>,
    pub facts: Option<Facts>,
    pub line: u32,
    pub col: u32,
    pub depth: u32,
    pub kind: EventKind,
    pub evidence: Option<Evidence>,
    pub note: Note,
    pub unwinding: bool,
    /// A scope end reached by an early exit (`return`, `break`, `continue`, `?`) at `line:col`:
    /// the event is shown at the scope's closing brace, and says where it was left.
    pub early: bool,
}

/// A recorded event, before it becomes an [`Event`].
#[derive(Debug)]
pub(crate) enum Raw {
    /// An ownership event at a site (almost all of them).
    Site(SiteEvent),
    /// An allocation, free or resize seen by the heap tracker.
    Heap {
        kind: EventKind,
        depth: u32,
        addr: usize,
        bytes: usize,
        /// For a resize: the old block's address and size.
        old: Option<(usize, usize)>,
    },
    /// A rare event built in full right away (a folded loop, an event recorded by hand).
    Full(Box<Event>),
}

/// Bytes of one raw record: what recording one event writes (a full [`Event`], built only when
/// the trace ends, is several times larger).
pub const RAW_RECORD_BYTES: usize = std::mem::size_of::<Raw>();

// Recording stays cheap only while records stay small.
const _: () = assert!(RAW_RECORD_BYTES <= 80);

impl SiteEvent {
    /// An event of `kind` at `site`, positioned at the site.
    #[inline]
    pub fn at(kind: EventKind, site: &'static Site, note: Note) -> SiteEvent {
        SiteEvent {
            site,
            other: None,
            facts: None,
            line: site.line(),
            col: site.col(),
            depth: 0,
            kind,
            evidence: None,
            note,
            unwinding: false,
            early: false,
        }
    }

    /// The full event, with its texts.
    #[inline]
    pub fn event(&self) -> Event {
        let site = self.site;
        let other_var = self.other.map(|o| o.var());
        let other_to = self.other.map(|o| o.to());
        let var: &'static str = match self.note {
            Note::Gave { .. } | Note::DroppedEarly => other_var.unwrap_or(site.var()),
            Note::PartialMove => site.detail(),
            _ => site.var(),
        };
        let mut ev = Event::new(self.kind, var, self.line, self.col);
        if let Some(f) = &self.facts {
            ev.ty = Some(f.ty().into());
            ev.size = Some(f.size);
            ev.needs_drop = Some(f.needs_drop);
            if self.kind == EventKind::Bind {
                // 0: not known (see `observe`).
                ev.addr = (f.addr != 0).then_some(f.addr);
            }
        }
        ev.evidence = self.evidence;
        let text = |s: &'static str| (!s.is_empty()).then(|| Text::from(s));
        let mut why: Option<Why> = None;
        match self.note {
            Note::Plain => match self.kind {
                EventKind::FnEnter => why = macro_words(site.detail()),
                EventKind::Borrowed | EventKind::BorrowedMut | EventKind::BorrowEnd => {
                    ev.of = Some(var.into());
                    ev.to = text(site.to());
                    why = macro_words(site.detail());
                }
                EventKind::Cloned | EventKind::MaybeMove => {
                    ev.from = Some(var.into());
                    ev.to = text(site.to());
                }
                _ => {}
            },
            Note::Bind(kind) => why = kind.why(),
            Note::Declared => why = Some(Why::Declared),
            Note::Gave { receiver } => {
                ev.from = Some(var.into());
                if matches!(self.kind, EventKind::Borrowed | EventKind::BorrowedMut) {
                    ev.of = Some(var.into());
                }
                ev.to = text(site.to());
                why = if receiver {
                    Some(Why::MethodReceiver)
                } else {
                    // "captured by a closure", "the value it points to": the macro's words.
                    macro_words(site.detail())
                };
            }
            Note::DroppedEarly => why = Some(Why::DroppedEarly),
            Note::PartialMove => {
                ev.from = Some(var.into());
                ev.to = text(site.to());
                why = Some(Why::PartialMove);
            }
            Note::Replaced => why = Some(Why::Replaced),
            Note::End(end) => {
                why = match end {
                    End::Owned => None,
                    End::Moved => other_to.map(|to| Why::MovedTo(to.into())),
                    End::MaybeMoved => {
                        Some(Why::MayHaveBeenTaken(other_to.unwrap_or("a method").into()))
                    }
                    End::Partial => Some(Why::PartiallyMoved),
                    End::Uninit => Some(Why::NeverGiven),
                    End::Reference => Some(Why::Reference),
                }
            }
            Note::EndedWithCall => {
                ev.of = Some(var.into());
                ev.to = text(site.to());
                why = Some(Why::EndedWithCall);
            }
            Note::Kept => {
                ev.of = Some(var.into());
                ev.to = text(site.to());
                if let Some(holder) = other_var.filter(|h| *h != site.to()) {
                    why = Some(Why::Words(holder.into()));
                }
            }
        }
        // Shown at the scope's closing brace, where the compiler places the drop; the exit
        // that left it is said in words.
        let left_early = self.early.then_some(self.line);
        if self.early {
            (ev.line, ev.col) = site.end();
        }
        let unwinding = self.unwinding && self.kind != EventKind::FnExit;
        if self.unwinding && self.kind == EventKind::FnExit {
            why = Some(Why::Unwound);
        }
        if why.is_some() || left_early.is_some() || unwinding {
            ev.detail = Some(Detail::new(why, left_early, unwinding));
        }
        ev.depth = self.depth;
        ev
    }
}

/// The reason the macro's words at a site say: its own labels (`labels::CAPTURED`,
/// `labels::POINTEE`), or other words (a method's name, a function's file), or none.
fn macro_words(words: &'static str) -> Option<Why> {
    match words {
        "" => None,
        labels::CAPTURED => Some(Why::Captured),
        labels::POINTEE => Some(Why::Pointee),
        other => Some(Why::Words(other.into())),
    }
}

impl Raw {
    /// The full event number `seq`, with the heap facts of a `bind`. A heap event takes the
    /// position `last` of the event before it; any other event updates `last`.
    #[inline]
    pub fn event(self, seq: u64, heap: Option<HeapFacts>, last: &mut (u32, u32)) -> Event {
        let mut ev = self.into_event(heap);
        ev.seq = seq;
        if matches!(
            ev.kind,
            EventKind::Alloc | EventKind::Dealloc | EventKind::Realloc
        ) {
            (ev.line, ev.col) = *last;
        } else {
            *last = (ev.line, ev.col);
        }
        ev
    }

    #[inline]
    fn into_event(self, heap: Option<HeapFacts>) -> Event {
        match self {
            Raw::Site(s) => {
                let mut ev = s.event();
                ev.heap = heap;
                ev
            }
            Raw::Heap {
                kind,
                depth,
                addr,
                bytes,
                old,
            } => {
                let mut ev = Event::new(kind, "heap", 0, 0);
                ev.count = Some(bytes as u64);
                ev.depth = depth;
                if let Some((old_addr, old_bytes)) = old {
                    ev.detail = Some(Detail::why(Why::Resized {
                        bytes: old_bytes,
                        addr: old_addr,
                    }));
                }
                ev.heap = Some(HeapFacts {
                    addr: Some(addr),
                    bytes: Some(bytes),
                    strong: None,
                    weak: None,
                });
                ev
            }
            Raw::Full(ev) => *ev,
        }
    }

    /// The kind of the event.
    pub fn kind(&self) -> EventKind {
        match self {
            Raw::Site(s) => s.kind,
            Raw::Heap { kind, .. } => *kind,
            Raw::Full(ev) => ev.kind,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_built_from_sites() {
        static BIND: Site = Site("s", "", "", 2, 9, 5, 1);
        static GAVE: Site = Site("", "t", "", 3, 13, 0, 0);
        let mut moved = SiteEvent::at(EventKind::Move, &GAVE, Note::Gave { receiver: false });
        moved.other = Some(&BIND);
        let ev = moved.event();
        assert_eq!((ev.var.as_ref(), ev.line, ev.col), ("s", 3, 13));
        assert_eq!(ev.from.as_deref(), Some("s"));
        assert_eq!(ev.to.as_deref(), Some("t"));

        let mut end = SiteEvent::at(EventKind::OutOfScope, &BIND, Note::End(End::Moved));
        end.other = Some(&GAVE);
        (end.line, end.col) = BIND.end();
        end.unwinding = true;
        let ev = end.event();
        assert_eq!((ev.var.as_ref(), ev.line, ev.col), ("s", 5, 1));
        assert_eq!(
            ev.detail.as_deref(),
            Some("moved to t; unwinding from a panic")
        );
        let detail = ev.detail.unwrap();
        assert_eq!(
            (detail.why, detail.unwinding),
            (Some(Why::MovedTo("t".into())), true)
        );
    }
}
