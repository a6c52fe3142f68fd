//! The per-thread recorder. It only appends events; it never calls user code.
//!
//! A *session* is one outermost traced call (or one [`capture`]). Traced calls inside it are
//! *frames*. When the outermost frame of a session that is not captured ends (return or unwind),
//! the trace is handed to [`crate::output`].
//!
//! Split by concern: the record log ([`record_log`]), folding of loops and closures
//! ([`folding`]), and here the sessions and frames, and building a trace at a session's end.

mod folding;
mod record_log;

pub use folding::{closure_enter, loop_enter, ClosureGuard, LoopGuard};
pub(crate) use folding::{count_folded, folding};

use crate::config::Format;
use crate::detail::Why;
use crate::event::{Event, EventKind, HeapFacts, Trace};
use crate::output;
use crate::site::{Note, Raw, Site, SiteEvent};
use folding::ClosureSite;
use record_log::RawLog;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};

struct Session {
    /// The trace's header; its events are built from `raws` when the session ends.
    trace: Trace,
    /// The events recorded so far, in order.
    raws: RawLog,
    /// The outermost traced calls stored (depth 0): how many, and the first one's site.
    outermost: (u64, Option<&'static Site>),
    /// The source of each traced function entered: (its site, its text, the text's first
    /// line), each text once.
    sources: Vec<(&'static Site, &'static str, u32)>,
    /// Heap facts of some `bind` records: (index in `raws`, facts).
    heap_facts: Vec<(usize, HeapFacts)>,
    /// Made by [`capture`]: returned to the caller, never printed.
    captured: bool,
    frames: Vec<Frame>,
    /// >0 while inside a folded loop iteration or closure call: events are counted, not kept.
    suppress: u32,
    /// Events counted while suppressed, in total.
    suppressed_total: u64,
    max_events: usize,
}

struct Frame {
    /// Where the frame is leaving from (a `return`, `break`, `continue`), for the drops that follow.
    leaving: Option<(u32, u32)>,
    /// Closure call sites seen in this frame, with their calls counted and folded.
    closure_sites: Vec<ClosureSite>,
}

#[derive(Default)]
struct ThreadState {
    sessions: Vec<Session>,
}

thread_local! {
    static STATE: RefCell<ThreadState> = const { RefCell::new(ThreadState { sessions: Vec::new() }) };
    /// Fast check for the hot path: is any session recording on this thread?
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    /// Set while the recorder itself runs (and allocates): the heap tracker ignores those.
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

/// Whether a `HeapTracker` is the program's global allocator: set by the tracker on its first
/// allocation, read into each trace as it starts (`Trace::heap_tracker`).
static HEAP_TRACKER: AtomicBool = AtomicBool::new(false);

/// Called by the heap tracker on each allocation (a load, and one store the first time).
#[inline]
pub(crate) fn note_heap_tracker() {
    if !HEAP_TRACKER.load(Ordering::Relaxed) {
        HEAP_TRACKER.store(true, Ordering::Relaxed);
    }
}

/// Whether a `HeapTracker` is the program's global allocator (it has allocated something).
pub(crate) fn heap_tracker_installed() -> bool {
    HEAP_TRACKER.load(Ordering::Relaxed)
}

/// Whether a session is recording on this thread.
#[inline]
pub fn active() -> bool {
    ACTIVE.try_with(Cell::get).unwrap_or(false)
}

/// Whether the recorder is running on this thread right now (used by the heap tracker so that
/// the recorder's own allocations are never reported).
#[inline]
pub fn busy() -> bool {
    BUSY.try_with(Cell::get).unwrap_or(true)
}

/// Runs `f` on the innermost session, if any, with the busy flag set. Never panics: a
/// re-entrant call (from an allocator, say) just does nothing.
fn with_session<R>(f: impl FnOnce(&mut Session) -> R) -> Option<R> {
    if !active() {
        return None;
    }
    STATE
        .try_with(|st| {
            let mut st = st.try_borrow_mut().ok()?;
            let session = st.sessions.last_mut()?;
            let was = BUSY.with(|b| b.replace(true));
            let r = f(session);
            BUSY.with(|b| b.set(was));
            Some(r)
        })
        .ok()
        .flatten()
}

impl Session {
    /// Stores an event (or only counts it, inside a folded iteration or past the size limit).
    /// Any event but a drop, an out-of-scope or a borrow end ends the frame's "leaving" state.
    /// Returns whether the event was kept.
    fn push(&mut self, raw: Raw) -> bool {
        match raw {
            Raw::Site(ev) => self.push_site(ev),
            mut raw => {
                let kind = raw.kind();
                if !self.keep(kind, !matches!(raw, Raw::Heap { .. })) {
                    return false;
                }
                let depth = self.depth();
                if let Raw::Heap { depth: d, .. } = &mut raw {
                    *d = depth;
                    self.raws.heap += 1;
                } else if let Raw::Full(ev) = &mut raw {
                    ev.depth = depth;
                }
                self.raws.push(raw);
                true
            }
        }
    }

    /// [`Session::push`] of an event at a site.
    #[inline(always)]
    fn push_site(&mut self, ev: SiteEvent) -> bool {
        self.push_site_with(move || ev)
    }

    /// [`Session::push`] of the event `make` builds: the hot path.
    #[inline(always)]
    fn push_site_with(&mut self, make: impl FnOnce() -> SiteEvent) -> bool {
        let mut ev = make();
        if !self.keep(ev.kind, true) {
            return false;
        }
        ev.depth = self.depth();
        self.raws.push(Raw::Site(ev));
        true
    }

    /// Whether an event of `kind` is to be stored (counting it when not); `ownership`: it is
    /// an ownership event, not a heap one.
    #[inline(always)]
    fn keep(&mut self, kind: EventKind, ownership: bool) -> bool {
        if self.suppress > 0 {
            self.suppressed_total += 1;
            return false;
        }
        if ownership
            && !matches!(
                kind,
                EventKind::Dropped | EventKind::OutOfScope | EventKind::BorrowEnd
            )
        {
            if let Some(frame) = self.frames.last_mut() {
                frame.leaving = None;
            }
        }
        if self.raws.len() >= self.max_events {
            self.trace.lost += 1;
            return false;
        }
        true
    }

    /// Nesting depth of the current frame.
    #[inline(always)]
    fn depth(&self) -> u32 {
        self.frames.len().saturating_sub(1) as u32
    }

    /// The full trace: events built from the records, heap events placed.
    fn finish(self) -> Trace {
        let Session {
            mut trace,
            raws,
            heap_facts,
            sources,
            ..
        } = self;
        trace.sources = sources
            .into_iter()
            .map(|(site, text, first_line)| crate::event::Source {
                function: site.var().into(),
                file: site.detail().into(),
                first_line,
                text: text.into(),
            })
            .collect();
        let mut heap_facts = heap_facts.into_iter().peekable();
        let mut events: Vec<Event> = Vec::with_capacity(raws.len());
        // A heap event is first put where the event before it happened; an allocation or a
        // resize is then moved to the next ownership event, the statement that caused it.
        let mut last = (0, 0);
        let mut waiting: Vec<usize> = Vec::new();
        let mut last_kind = EventKind::FnEnter;
        let any_heap = raws.heap > 0;
        for chunk in raws.chunks {
            let start = events.len();
            // Written straight into place: one chunk at a time, with its exact length known.
            events.extend(chunk.into_iter().enumerate().map(|(j, raw)| {
                let i = start + j;
                let heap = match heap_facts.peek() {
                    Some(&(at, facts)) if at == i => {
                        heap_facts.next();
                        Some(facts)
                    }
                    _ => None,
                };
                raw.event(i as u64, heap, &mut last)
            }));
            if !any_heap {
                continue;
            }
            for i in start..events.len() {
                match events[i].kind {
                    EventKind::Alloc | EventKind::Realloc => waiting.push(i),
                    // A free right after a drop (or a call's end) is that drop's; any other is a
                    // temporary's, freed by the statement that the next event belongs to.
                    EventKind::Dealloc if !frees_follow(last_kind) => waiting.push(i),
                    EventKind::Dealloc => {}
                    kind => {
                        last_kind = kind;
                        let at = (events[i].line, events[i].col);
                        for w in waiting.drain(..) {
                            (events[w].line, events[w].col) = at;
                        }
                    }
                }
            }
        }
        if any_heap {
            frees_where_they_happen(&mut events);
        }
        trace.events = events;
        trace
    }
}

/// Heap frees placed where they happen, after the event that explains them:
/// - A parameter is dropped after its function's body, so after the frame's `fn_exit` was
///   recorded: the frees of a parameter's heap block show up after the exit, in the caller.
///   They belong to the callee, where the parameter's `drop` was shown: each free right after
///   a `fn_exit` of the block a dropped parameter of that call owned (by its address) is moved
///   back before the exit, to the callee's depth and the parameter's drop position.
/// - The frees of an assignment's old value, recorded before its `drop` event, go after it.
fn frees_where_they_happen(events: &mut Vec<Event>) {
    // Each event's place in the new order: `2 i` keeps it where it is, `2 i - 1` puts it just
    // before event `i`, `2 i + 1` just after (ties keep their order: the sort is stable). One
    // sort, rather than moving events one by one through the vector.
    let mut place: Vec<usize> = (0..events.len()).map(|i| 2 * i).collect();
    let mut enters: Vec<usize> = Vec::new();
    for i in 0..events.len() {
        match events[i].kind {
            EventKind::FnEnter => enters.push(i),
            EventKind::FnExit => {
                let Some(start) = enters.pop() else {
                    continue;
                };
                let depth = events[i].depth;
                // The heap blocks owned by the parameters dropped in the call, with where each
                // drop was shown. (Those of calls nested in it are among them, but each of their
                // blocks was freed in its own call, before this exit: `freed` below.)
                let owned: Vec<(usize, (u32, u32))> = (start..i)
                    .filter(|&k| events[k].why() == Some(&Why::Parameter))
                    .filter_map(|k| {
                        let addr = events[k].heap.and_then(|h| h.addr)?;
                        let drop = parameter_drop(&events[k..i], events[k].depth)?;
                        // A block freed inside the call already (at the drop, say) is not the
                        // one freed after the exit, even at the same (reused) address.
                        let freed = events[k..i].iter().any(|e| {
                            e.kind == EventKind::Dealloc
                                && e.heap.and_then(|h| h.addr) == Some(addr)
                        });
                        (!freed).then_some((addr, (drop.line, drop.col)))
                    })
                    .collect();
                let end = (i + 1..events.len())
                    .find(|&j| !is_heap_kind(events[j].kind))
                    .unwrap_or(events.len());
                for j in i + 1..end {
                    let addr = events[j].heap.and_then(|h| h.addr);
                    let found = (events[j].kind == EventKind::Dealloc)
                        .then(|| owned.iter().find(|(a, _)| Some(*a) == addr))
                        .flatten();
                    if let Some(&(_, (line, col))) = found {
                        (events[j].line, events[j].col, events[j].depth) = (line, col, depth);
                        place[j] = 2 * i - 1;
                    }
                }
            }
            // `x = v;` drops the old value inside the assignment, before its `drop` event
            // (recorded once the statement has run): its frees belong after that event.
            EventKind::Dropped if events[i].why() == Some(&Why::Replaced) => {
                let at = (events[i].line, events[i].col, events[i].depth);
                let first = (0..i)
                    .rev()
                    .find(|&j| !is_heap_kind(events[j].kind))
                    .map_or(0, |j| j + 1);
                // A free of the block of a variable dropped by the event just before (`drop(t);
                // s = ..;`) is that drop's, not the assignment's.
                let before = first
                    .checked_sub(1)
                    .filter(|&p| events[p].kind == EventKind::Dropped)
                    .and_then(|p| block_of(events, p));
                for j in first..i {
                    let theirs = before.is_some() && events[j].heap.and_then(|h| h.addr) == before;
                    if events[j].kind == EventKind::Dealloc && !theirs {
                        (events[j].line, events[j].col, events[j].depth) = at;
                        place[j] = 2 * i + 1;
                    }
                }
            }
            _ => {}
        }
    }
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| place[i]);
    let mut taken: Vec<Option<Event>> = std::mem::take(events).into_iter().map(Some).collect();
    events.extend(order.into_iter().filter_map(|i| taken[i].take()));
    for (k, e) in events.iter_mut().enumerate() {
        e.seq = k as u64;
    }
}

/// The `drop` of the parameter bound by `events[0]`, among the events of its call (at `depth`):
/// the end of that binding, not of a later one shadowing its name (each later `bind` of the
/// name ends before it). `None` when its value left it first (moved, or maybe moved, away: the
/// block it was bound with is not the one a later drop frees).
fn parameter_drop(events: &[Event], depth: u32) -> Option<&Event> {
    let var = &events[0].var;
    let mut shadows = 0usize;
    for e in &events[1..] {
        if e.depth != depth || e.var != *var {
            continue;
        }
        match e.kind {
            EventKind::Bind => shadows += 1,
            EventKind::Dropped | EventKind::OutOfScope if shadows > 0 => shadows -= 1,
            EventKind::Move | EventKind::MaybeMove if shadows == 0 => return None,
            EventKind::Dropped => return Some(e),
            _ => {}
        }
    }
    None
}

/// The heap block (its address) the variable of event `at` owned there: the one its `bind` saw,
/// unless it was assigned a new value since.
fn block_of(events: &[Event], at: usize) -> Option<usize> {
    let (var, depth) = (&events[at].var, events[at].depth);
    let last = events[..at].iter().rev().find(|e| {
        e.depth == depth && e.var == *var && matches!(e.kind, EventKind::Bind | EventKind::Assign)
    })?;
    match last.kind {
        EventKind::Bind => last.heap.and_then(|h| h.addr),
        _ => None,
    }
}

/// Whether a free right after an event of `kind` is explained by it: a drop, a scope end, a
/// call's end (its frame's values are freed), or a move into a call that consumes the value.
fn frees_follow(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Dropped
            | EventKind::OutOfScope
            | EventKind::FnExit
            | EventKind::Move
            | EventKind::MaybeMove
    )
}

fn is_heap_kind(k: EventKind) -> bool {
    matches!(
        k,
        EventKind::Alloc | EventKind::Dealloc | EventKind::Realloc
    )
}

/// How many events the innermost recording session on this thread has recorded so far, or
/// `None` when nothing records. Meant for ground-truth tests: a type whose `Drop` notes this
/// number shows where, among the trace's events, the real drop happened.
///
/// ```
/// assert_eq!(trace_ownership_runtime::events_so_far(), None);
/// let (n, _) = trace_ownership_runtime::capture(trace_ownership_runtime::events_so_far);
/// assert_eq!(n, Some(0));
/// ```
pub fn events_so_far() -> Option<usize> {
    if !active() {
        return None;
    }
    STATE
        .try_with(|st| {
            let st = st.try_borrow().ok()?;
            let s = st.sessions.last()?;
            Some(s.raws.len())
        })
        .ok()
        .flatten()
}

/// Runs `f` on the innermost session on this thread, if any. Unlike [`with_session`], it
/// neither checks [`active`] (the callers have) nor marks the recorder busy: the hot paths
/// below allocate only through [`quietly`].
#[inline(always)]
fn with_innermost<R>(f: impl FnOnce(&mut Session) -> R) -> Option<R> {
    STATE
        .try_with(move |st| {
            let mut st = st.try_borrow_mut().ok()?;
            st.sessions.last_mut().map(f)
        })
        .ok()
        .flatten()
}

/// Records the event at a site that `make` builds (the caller checked [`active`]): the hot
/// path. Built inside, so that the compiler can write it straight into the trace's buffer.
/// Returns whether the event was kept.
#[inline(always)]
pub(crate) fn record_site_with(make: impl FnOnce() -> SiteEvent) -> bool {
    with_innermost(move |s| s.push_site_with(make)).unwrap_or(false)
}

/// Records a `bind` at a site with the heap block its value owns.
pub(crate) fn record_site_with_heap(ev: SiteEvent, heap: HeapFacts) {
    with_innermost(|s| {
        let at = s.raws.len();
        if s.push(Raw::Site(ev)) {
            quietly(|| s.heap_facts.push((at, heap)));
        }
    });
}

/// Records an allocation, free or resize of `bytes` at `addr` (called from the allocator);
/// `old`: the block a resize came from. The event takes the source position of the event
/// before it, and is placed when the trace ends.
pub(crate) fn record_heap(kind: EventKind, addr: usize, bytes: usize, old: Option<(usize, usize)>) {
    if !active() {
        return;
    }
    let Ok(was) = BUSY.try_with(|b| b.replace(true)) else {
        return;
    };
    if !was {
        with_innermost(|s| {
            s.push(Raw::Heap {
                kind,
                depth: 0,
                addr,
                bytes,
                old,
            })
        });
    }
    let _ = BUSY.try_with(|b| b.set(was));
}

/// Runs `f` with the recorder marked busy: allocations made meanwhile (building an event's
/// text, say) are the recorder's own, never reported by the heap tracker.
pub fn quietly<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            let was = self.0;
            let _ = BUSY.try_with(|b| b.set(was));
        }
    }
    let was = BUSY.try_with(|b| b.replace(true)).unwrap_or(true);
    let _restore = Restore(was);
    f()
}

/// The position the current frame is leaving from, if a `return`/`break`/`continue` was marked.
pub fn leaving_position() -> Option<(u32, u32)> {
    with_session(|s| s.frames.last().and_then(|f| f.leaving)).flatten()
}

/// Marks that the current frame is leaving from `line:col` (a `return`, `break` or `continue`):
/// the drops that follow happen there.
#[inline]
pub fn mark_leaving(line: u32, col: u32) {
    if active() {
        mark_leaving_recorded(line, col);
    }
}

#[cold]
#[inline(never)]
fn mark_leaving_recorded(line: u32, col: u32) {
    with_session(|s| {
        if let Some(f) = s.frames.last_mut() {
            f.leaving = Some((line, col));
        }
    });
}

/// The statement that could have left the frame (by `?`) completed: later drops happen where
/// their scope ends, not there.
#[inline]
pub fn stayed() {
    if active() {
        stayed_recorded();
    }
}

#[cold]
#[inline(never)]
fn stayed_recorded() {
    with_session(|s| {
        if let Some(f) = s.frames.last_mut() {
            f.leaving = None;
        }
    });
}

/// An empty trace as the recorder starts one: with whether the heap tracker is installed.
fn new_trace(function: &'static str, file: &'static str) -> Trace {
    Trace {
        heap_tracker: heap_tracker_installed(),
        ..Trace::new(function, file)
    }
}

fn start_session(function: &'static str, file: &'static str, captured: bool) {
    quietly(|| start_session_inner(function, file, captured));
}

fn start_session_inner(function: &'static str, file: &'static str, captured: bool) {
    let max_events = output::config().max_events;
    let _ = STATE.try_with(|st| {
        if let Ok(mut st) = st.try_borrow_mut() {
            st.sessions.push(Session {
                trace: new_trace(function, file),
                raws: RawLog::new(),
                outermost: (0, None),
                sources: Vec::new(),
                heap_facts: Vec::new(),
                captured,
                frames: Vec::new(),
                suppress: 0,
                suppressed_total: 0,
                max_events,
            });
            let _ = ACTIVE.try_with(|a| a.set(true));
        }
    });
}

fn end_session() -> Option<(Trace, bool)> {
    STATE
        .try_with(|st| {
            let mut st = st.try_borrow_mut().ok()?;
            let s = st.sessions.pop()?;
            let still = !st.sessions.is_empty();
            let _ = ACTIVE.try_with(|a| a.set(still));
            drop(st);
            let captured = s.captured;
            let outermost = s.outermost;
            let mut trace = quietly(|| s.finish());
            // A capture named after the traced function it ran, when it ran one.
            if let (true, (1, Some(only))) = (captured, outermost) {
                trace.function = only.var().into();
                trace.file = only.detail().into();
            }
            Some((trace, captured))
        })
        .ok()
        .flatten()
}

/// Guard for one traced function call: records `fn_enter` when made and `fn_exit` when dropped
/// (on return or while unwinding), and ends the session when it is the outermost call.
pub struct FrameGuard {
    live: bool,
    owns_session: bool,
    /// The function: its name (`var`), file (`detail`) and position.
    site: &'static Site,
}

/// Starts a traced call of the function described by `site` (its name as `var`, its file as
/// `detail`); `source` is the function's text as the macro saw it, starting at line
/// `first_line` of its file (`""` when the macro could not read it), kept once per trace.
pub fn enter(site: &'static Site, source: &'static str, first_line: u32) -> FrameGuard {
    let mut owns_session = false;
    if !active() {
        if output::config().format == Format::Off {
            return FrameGuard {
                live: false,
                owns_session: false,
                site,
            };
        }
        start_session(site.var(), site.detail(), false);
        owns_session = true;
    }
    let live = with_session(|s| {
        // Depth is that of the new frame.
        s.frames.push(Frame {
            leaving: None,
            closure_sites: Vec::new(),
        });
        if !source.is_empty()
            && !s
                .sources
                .iter()
                .any(|k| std::ptr::eq(k.1, source) && k.2 == first_line)
        {
            quietly(|| s.sources.push((site, source, first_line)));
        }
        let kept = s.push_site(SiteEvent::at(EventKind::FnEnter, site, Note::Plain));
        if kept && s.frames.len() == 1 {
            s.outermost.0 += 1;
            s.outermost.1.get_or_insert(site);
        }
    })
    .is_some();
    FrameGuard {
        live,
        owns_session,
        site,
    }
}

impl Drop for FrameGuard {
    #[inline]
    fn drop(&mut self) {
        if self.live {
            self.exit();
        }
    }
}

impl FrameGuard {
    #[cold]
    #[inline(never)]
    fn exit(&mut self) {
        let panicking = std::thread::panicking();
        let site = self.site;
        with_session(|s| {
            folding::closure_calls_folded(s);
            let (line, col) = s
                .frames
                .last()
                .and_then(|f| f.leaving)
                .unwrap_or((site.line(), site.col()));
            let mut ev = SiteEvent::at(EventKind::FnExit, site, Note::Plain);
            (ev.line, ev.col) = (line, col);
            ev.unwinding = panicking;
            s.push(Raw::Site(ev));
            s.frames.pop();
        });
        if self.owns_session {
            quietly(|| {
                if let Some((trace, captured)) = end_session() {
                    if !captured {
                        output::emit(trace);
                    }
                }
            });
        }
    }
}

/// Runs `f`, recording every traced call inside it into one [`Trace`] that is returned instead
/// of printed. Works whatever `TRACE_OWNERSHIP` says.
///
/// ```
/// let (n, trace) = trace_ownership_runtime::capture(|| 40 + 2);
/// assert_eq!(n, 42);
/// assert!(trace.events.is_empty()); // nothing traced ran inside
/// ```
pub fn capture<R>(f: impl FnOnce() -> R) -> (R, Trace) {
    struct Pop(bool);
    impl Drop for Pop {
        fn drop(&mut self) {
            if self.0 {
                let _ = end_session();
            }
        }
    }
    start_session("capture", "", true);
    let mut guard = Pop(true);
    let r = f();
    guard.0 = false;
    let trace = end_session()
        .map(|(t, _)| t)
        .unwrap_or_else(|| new_trace("capture", ""));
    (r, trace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::CopyKnown;
    use crate::slot;
    use record_log::MAX_CHUNK;

    static CLONE: Site = Site("s", "t", "", 7, 5, 0, 0);
    static BIND: Site = Site("v", "", "", 9, 9, 12, 1);

    #[test]
    fn records_across_chunks_keep_their_order() {
        // Several chunks' worth: the first holds 256 records, the next ones more.
        let n = 3 * MAX_CHUNK + 17;
        let ((), trace) = capture(|| {
            for _ in 0..n {
                slot::cloned(&CLONE);
            }
        });
        assert_eq!(trace.events.len(), n);
        assert_eq!(trace.lost, 0);
        for (i, ev) in trace.events.iter().enumerate() {
            assert_eq!(ev.seq, i as u64);
            assert_eq!(ev.kind, EventKind::Cloned);
            assert_eq!(
                (ev.from.as_deref(), ev.to.as_deref()),
                (Some("s"), Some("t"))
            );
        }
    }

    #[test]
    fn heap_events_take_the_position_of_the_statement_that_caused_them() {
        let ((), trace) = capture(|| {
            slot::cloned(&CLONE);
            // An allocation made while `v`'s statement runs, then its bind; a free after it.
            record_heap(EventKind::Alloc, 0x1000, 8, None);
            let v = 1u8;
            let s = slot::Slot::bind(&v, &BIND, slot::BindKind::Let, CopyKnown::Unknown);
            drop(s);
            record_heap(EventKind::Dealloc, 0x1000, 8, None);
        });
        let at: Vec<(&str, u32, u32)> = trace
            .events
            .iter()
            .map(|e| (e.kind.as_str(), e.line, e.col))
            .collect();
        assert_eq!(
            at,
            [
                ("clone", 7, 5),
                ("alloc", 9, 9),
                ("bind", 9, 9),
                ("drop", 12, 1),
                ("dealloc", 12, 1),
            ]
        );
    }

    #[test]
    fn a_capture_of_one_traced_call_is_named_after_it() {
        static F: Site = Site("work", "", "src/work.rs", 3, 4, 0, 0);
        let ((), one) = capture(|| drop(enter(&F, "", 0)));
        assert_eq!(
            (one.function.as_ref(), one.file.as_ref()),
            ("work", "src/work.rs")
        );
        let ((), two) = capture(|| {
            drop(enter(&F, "", 0));
            drop(enter(&F, "", 0));
        });
        assert_eq!(two.function, "capture");
    }

    #[test]
    fn quietly_marks_the_recorder_busy_and_restores_the_flag() {
        assert!(!busy(), "user code runs with the recorder idle");
        quietly(|| {
            assert!(busy());
            quietly(|| assert!(busy()));
            assert!(busy(), "an inner `quietly` restores the outer state");
        });
        assert!(!busy());
        let ((), _) = capture(|| {
            assert!(
                !busy(),
                "inside a capture too, user code runs with the recorder idle"
            );
            quietly(|| assert!(busy()));
            assert!(!busy());
        });
    }
}
