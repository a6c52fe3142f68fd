//! One runtime call for the events that happen together at one point of a statement: the
//! macro lists them, in order, in one `&'static [Op]` (every field is a literal, so the compiler
//! promotes the list to a constant) and passes the slots they name once. While nothing records
//! and no slot is live, the call costs one check of the thread's recording flag and one of each
//! slot, whatever the number of events, instead of one check per event.
//!
//! Each [`Op`] does exactly what the call it stands for does ([`Slot::gave`],
//! [`borrow`](crate::slot::borrow), ...): a step is the same events in the same order, written
//! once.

use crate::recorder;
use crate::site::Site;
use crate::slot::{self, Slot, Use};

/// One event of a [`step`]. A variant that names a variable's slot starts with its index in the
/// step's slots; its [`Site`] is written in place (the list is a constant, so each site is one
/// too).
#[derive(Debug)]
pub enum Op {
    /// [`borrow`](crate::slot::borrow)`(site, mutable, convention)`.
    Borrow(Site, bool, bool),
    /// [`borrow_end`](crate::slot::borrow_end)`(site)`.
    BorrowEnd(Site),
    /// [`cloned`](crate::slot::cloned)`(site)`: a clone of a variable without a slot.
    Cloned(Site),
    /// [`gave_untracked`](crate::slot::gave_untracked)`(site)`.
    GaveUntracked(Site),
    /// [`called`](crate::slot::called)`(site)`: a call of a closure without a slot.
    Called(Site),
    /// [`mark_leaving`](crate::recorder::mark_leaving)`(line, col)`.
    Leaving(u32, u32),
    /// [`stayed`](crate::recorder::stayed)`()`.
    Stayed,
    /// [`Slot::gave`]`(site, how, used_later)`.
    Gave(u8, Site, Use, bool),
    /// [`Slot::part_maybe_moved`]`(site)`.
    PartMaybeMoved(u8, Site),
    /// [`Slot::part_given`]`(site)`.
    PartGiven(u8, Site),
    /// [`Slot::assigned_opaque`]`(site)`.
    AssignedOpaque(u8, Site),
    /// [`Slot::holds_borrow`]`(site)`.
    HoldsBorrow(u8, Site),
    /// [`Slot::borrow_ends`]`(site)`.
    BorrowEnds(u8, Site),
    /// [`Slot::called`]`(site, consumes)`.
    CalledSlot(u8, Site, Option<bool>),
    /// [`Slot::cloned`]`(site)`.
    ClonedBySlot(u8, Site),
    /// [`Slot::receiver`]`(site, guess, used_later)`.
    Receiver(u8, Site, Use, bool),
}

/// Runs `ops` in order; `slots` are the slots they name, by index.
///
/// ```
/// use trace_ownership_runtime::{capture, __private::{step, BindKind, CopyKnown, Op, Site, Slot, Use}};
/// static S: Site = Site("s", "", "", 1, 5, 3, 1);
/// let ((), trace) = capture(|| {
///     let s = String::from("hi");
///     let slot = Slot::bind(&s, &S, BindKind::Let, CopyKnown::Unknown);
///     step(
///         &[
///             Op::Borrow(Site("s", "len()", "len()", 2, 1, 0, 0), false, false),
///             Op::Gave(0, Site("", "t", "", 2, 9, 0, 0), Use::ByValue, false),
///         ],
///         &[&slot],
///     );
///     let _t = s;
/// });
/// assert_eq!(
///     trace.kinds_and_vars(),
///     [
///         ("bind", "s".to_string()),
///         ("borrow", "s".to_string()),
///         ("move", "s".to_string()),
///         ("out_of_scope", "s".to_string()),
///     ]
/// );
/// ```
#[inline]
pub fn step(ops: &'static [Op], slots: &[&Slot]) {
    // Each op is a no-op unless a trace records or its slot is live (see `Slot`).
    if recorder::active() || slots.iter().any(|s| s.is_live()) {
        run(ops, slots);
    }
}

#[inline(never)]
fn run(ops: &'static [Op], slots: &[&Slot]) {
    let at = |i: &u8| slots[usize::from(*i)];
    for op in ops {
        match op {
            Op::Borrow(site, mutable, convention) => slot::borrow(site, *mutable, *convention),
            Op::BorrowEnd(site) => slot::borrow_end(site),
            Op::Cloned(site) => slot::cloned(site),
            Op::GaveUntracked(site) => slot::gave_untracked(site),
            Op::Called(site) => slot::called(site),
            Op::Leaving(line, col) => recorder::mark_leaving(*line, *col),
            Op::Stayed => recorder::stayed(),
            Op::Gave(i, site, how, used_later) => at(i).gave(site, *how, *used_later),
            Op::PartMaybeMoved(i, site) => at(i).part_maybe_moved(site),
            Op::PartGiven(i, site) => at(i).part_given(site),
            Op::AssignedOpaque(i, site) => at(i).assigned_opaque(site),
            Op::HoldsBorrow(i, site) => at(i).holds_borrow(site),
            Op::BorrowEnds(i, site) => at(i).borrow_ends(site),
            Op::CalledSlot(i, site, consumes) => at(i).called(site, *consumes),
            Op::ClonedBySlot(i, site) => at(i).cloned(site),
            Op::Receiver(i, site, guess, used_later) => at(i).receiver(site, *guess, *used_later),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::CopyKnown;
    use crate::recorder::capture;
    use crate::slot::BindKind;
    use crate::Trace;

    static S: Site = Site("s", "", "", 1, 5, 9, 1);
    static R: Site = Site("r", "", "", 2, 5, 9, 1);
    const SHARED: Site = Site("s", "r", "", 2, 13, 0, 0);
    const LEN: Site = Site("", "len()", "len", 3, 5, 0, 0);
    const END: Site = Site("s", "len()", "", 3, 12, 0, 0);
    const ENDS: Site = Site("", "", "", 4, 5, 0, 0);
    const GAVE: Site = Site("", "t", "", 5, 13, 0, 0);

    const OPS: &[Op] = &[
        Op::Borrow(SHARED, false, false),
        Op::HoldsBorrow(1, SHARED),
        Op::Receiver(0, LEN, Use::ConventionShared, true),
        Op::BorrowEnd(END),
        Op::BorrowEnds(1, ENDS),
        Op::Gave(0, GAVE, Use::ByValue, false),
    ];

    /// What a trace says, event by event (its addresses aside, which differ between runs).
    fn said(t: &Trace) -> Vec<String> {
        t.events
            .iter()
            .map(|e| {
                format!(
                    "{} {} {:?} {:?} {}:{}",
                    e.kind.as_str(),
                    e.var,
                    e.to,
                    e.detail.as_deref(),
                    e.line,
                    e.col
                )
            })
            .collect()
    }

    fn traced(one_step: bool) -> Trace {
        capture(|| {
            let s = String::from("hi");
            let a = Slot::bind(&s, &S, BindKind::Let, CopyKnown::Unknown);
            let r = &s;
            let b = Slot::bind(&r, &R, BindKind::Let, CopyKnown::Unknown);
            if one_step {
                step(OPS, &[&a, &b]);
            } else {
                slot::borrow(&SHARED, false, false);
                b.holds_borrow(&SHARED);
                a.receiver(&LEN, Use::ConventionShared, true);
                slot::borrow_end(&END);
                b.borrow_ends(&ENDS);
                a.gave(&GAVE, Use::ByValue, false);
            }
            let _t = s;
        })
        .1
    }

    #[test]
    fn a_step_records_what_its_calls_one_by_one_record() {
        let (by_one, by_step) = (traced(false), traced(true));
        assert!(by_one.events.len() >= 8, "{:#?}", said(&by_one));
        assert_eq!(said(&by_step), said(&by_one));
    }

    /// A slot outlives the trace it was made in (a future polled inside one `capture`, then
    /// outside): while nothing records, a step still moves its value, so that a later trace
    /// does not call that value dropped where it was moved.
    #[test]
    fn a_step_keeps_a_live_slot_exact_while_nothing_records() {
        const MOVED: &[Op] = &[Op::Gave(0, GAVE, Use::ByValue, false)];
        let (held, _) =
            capture(|| Slot::bind(&String::from("hi"), &S, BindKind::Let, CopyKnown::Unknown));
        step(MOVED, &[&held]);
        let ((), later) = capture(|| drop(held));
        assert_eq!(
            later.kinds_and_vars(),
            [("out_of_scope", "s".to_string())],
            "{:#?}",
            said(&later)
        );
    }
}
