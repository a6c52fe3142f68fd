//! The per-thread recorder. It only appends events; it never calls user code.
//!
//! A *session* is one outermost traced call (or one [`capture`]). Traced calls inside it are
//! *frames*. When the outermost frame of a session that is not captured ends (return or unwind),
//! the trace is handed to [`crate::output`].

use crate::config::{self, Format};
use crate::event::{Event, EventKind, Trace};
use std::cell::{Cell, RefCell};

struct Session {
    trace: Trace,
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
    /// Closure call sites seen in this frame: (line, col, calls, calls folded, events folded).
    closure_sites: Vec<ClosureSite>,
}

struct ClosureSite {
    line: u32,
    col: u32,
    calls: u64,
    folded_calls: u64,
    folded_events: u64,
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
    /// Stores an ownership event; any such event but a drop ends the frame's "leaving" state.
    fn push(&mut self, ev: Event) {
        if self.suppress == 0
            && !matches!(
                ev.kind,
                EventKind::Dropped | EventKind::OutOfScope | EventKind::BorrowEnd
            )
        {
            if let Some(frame) = self.frames.last_mut() {
                frame.leaving = None;
            }
        }
        self.store(ev);
    }

    /// Stores an event (or only counts it, inside a folded iteration or past the size limit).
    fn store(&mut self, mut ev: Event) {
        if self.suppress > 0 {
            self.suppressed_total += 1;
            return;
        }
        if self.trace.events.len() >= self.max_events {
            self.trace.lost += 1;
            return;
        }
        ev.seq = self.trace.events.len() as u64;
        ev.depth = self.frames.len().saturating_sub(1) as u32;
        self.trace.events.push(ev);
    }
}

/// How many events the innermost recording session on this thread has recorded so far, or
/// `None` when nothing records. Meant for ground-truth tests: a type whose `Drop` notes this
/// number shows where, among the trace's events, the real drop happened.
///
/// ```
/// assert_eq!(trace_ownership_runtime::recorder::events_so_far(), None);
/// let (n, _) = trace_ownership_runtime::capture(trace_ownership_runtime::recorder::events_so_far);
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
            Some(s.trace.events.len())
        })
        .ok()
        .flatten()
}

/// Records one event in the innermost session on this thread (if any).
pub fn record(ev: Event) {
    with_session(|s| s.push(ev));
}

/// Records a heap event built by `make` (called from the allocator). The recorder is marked
/// busy *before* the event is built, so allocations made while building or storing it are not
/// reported. The event takes the source position of the event before it.
pub fn record_heap(make: impl FnOnce() -> Event) {
    if !active() {
        return;
    }
    let Ok(was) = BUSY.try_with(|b| b.replace(true)) else {
        return;
    };
    if !was {
        let ev = make();
        let _ = STATE.try_with(|st| {
            if let Ok(mut st) = st.try_borrow_mut() {
                if let Some(s) = st.sessions.last_mut() {
                    let mut ev = ev;
                    if let Some(prev) = s.trace.events.last() {
                        ev.line = prev.line;
                        ev.col = prev.col;
                    }
                    s.store(ev);
                }
            }
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

/// Records the event built by `make`, building it only if a session is recording.
#[inline]
pub fn record_with(make: impl FnOnce() -> Event) {
    if active() {
        record_built(make);
    }
}

#[cold]
#[inline(never)]
fn record_built(make: impl FnOnce() -> Event) {
    quietly(|| record(make()));
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

/// A label for the current thread: its name, or its id.
pub fn thread_label() -> String {
    let t = std::thread::current();
    match t.name() {
        Some(n) => n.to_string(),
        None => format!("{:?}", t.id()),
    }
}

fn start_session(function: &'static str, file: &'static str, captured: bool) {
    quietly(|| start_session_inner(function, file, captured));
}

fn start_session_inner(function: &'static str, file: &'static str, captured: bool) {
    let max_events = config::get().max_events;
    let _ = STATE.try_with(|st| {
        if let Ok(mut st) = st.try_borrow_mut() {
            st.sessions.push(Session {
                trace: Trace::new(function, file),
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
            let mut s = st.sessions.pop()?;
            let still = !st.sessions.is_empty();
            let _ = ACTIVE.try_with(|a| a.set(still));
            place_heap_events(&mut s.trace.events);
            // A capture named after the traced function it ran, when it ran one.
            if s.captured {
                let outermost: Vec<&Event> = s
                    .trace
                    .events
                    .iter()
                    .filter(|e| e.kind == EventKind::FnEnter && e.depth == 0)
                    .collect();
                if let [only] = outermost.as_slice() {
                    s.trace.function = only.var.clone();
                    if let Some(file) = &only.detail {
                        s.trace.file = file.clone();
                    }
                }
            }
            Some((s.trace, s.captured))
        })
        .ok()
        .flatten()
}

/// Gives heap events the source position of the statement that caused them: an allocation
/// belongs to the event recorded after it (the `bind` or `assign` of the statement that ran),
/// a free to the event before it (the `drop` just recorded). Done once, when a trace ends,
/// so that recording stays cheap.
fn place_heap_events(events: &mut [Event]) {
    let is_heap = |k: EventKind| {
        matches!(
            k,
            EventKind::Alloc | EventKind::Dealloc | EventKind::Realloc
        )
    };
    let mut next: Option<(u32, u32)> = None;
    for e in events.iter_mut().rev() {
        if !is_heap(e.kind) {
            next = Some((e.line, e.col));
        } else if e.kind != EventKind::Dealloc {
            if let Some((line, col)) = next {
                e.line = line;
                e.col = col;
            }
        }
    }
}

/// Guard for one traced function call: records `fn_enter` when made and `fn_exit` when dropped
/// (on return or while unwinding), and ends the session when it is the outermost call.
pub struct FrameGuard {
    live: bool,
    owns_session: bool,
    function: &'static str,
    line: u32,
    col: u32,
}

/// Starts a traced call of `function` (defined at `file:line:col`).
pub fn enter(function: &'static str, file: &'static str, line: u32, col: u32) -> FrameGuard {
    let mut owns_session = false;
    if !active() {
        if config::get().format == Format::Off {
            return FrameGuard {
                live: false,
                owns_session: false,
                function,
                line,
                col,
            };
        }
        start_session(function, file, false);
        owns_session = true;
    }
    let live = with_session(|s| {
        let mut ev = Event::new(EventKind::FnEnter, function, line, col);
        ev.detail = Some(file.into());
        // Depth is that of the new frame.
        s.frames.push(Frame {
            leaving: None,
            closure_sites: Vec::new(),
        });
        s.push(ev);
    })
    .is_some();
    FrameGuard {
        live,
        owns_session,
        function,
        line,
        col,
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
        with_session(|s| {
            if let Some(frame) = s.frames.last() {
                let folded: Vec<(u32, u32, u64, u64)> = frame
                    .closure_sites
                    .iter()
                    .filter(|c| c.folded_calls > 0)
                    .map(|c| (c.line, c.col, c.folded_calls, c.folded_events))
                    .collect();
                for (line, col, calls, events) in folded {
                    let mut ev = Event::new(EventKind::Folded, "closure", line, col);
                    ev.count = Some(calls);
                    ev.detail = Some(format!("calls; {events} events not shown").into());
                    s.push(ev);
                }
            }
            let (line, col) = s
                .frames
                .last()
                .and_then(|f| f.leaving)
                .unwrap_or((self.line, self.col));
            let mut ev = Event::new(EventKind::FnExit, self.function, line, col);
            if panicking {
                ev.detail = Some("unwinding".into());
            }
            s.push(ev);
            s.frames.pop();
        });
        if self.owns_session {
            quietly(|| {
                if let Some((trace, captured)) = end_session() {
                    if !captured {
                        crate::output::emit(trace);
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
        .unwrap_or_else(|| Trace::new("capture", ""));
    (r, trace)
}

/// Guard around one loop: counts iterations and folds those past the configured number.
pub struct LoopGuard {
    live: bool,
    line: u32,
    col: u32,
    keep: u32,
    iterations: Cell<u64>,
    suppressing: Cell<bool>,
    suppressed_at_start: Cell<u64>,
}

/// Starts a loop at `line:col`.
#[inline]
pub fn loop_enter(line: u32, col: u32) -> LoopGuard {
    let live = active();
    LoopGuard {
        live,
        line,
        col,
        keep: if live { config::get().loop_keep } else { 0 },
        iterations: Cell::new(0),
        suppressing: Cell::new(false),
        suppressed_at_start: Cell::new(0),
    }
}

impl LoopGuard {
    /// Marks the start of one iteration. Past the kept number, the iteration's events are
    /// counted instead of recorded.
    #[inline]
    pub fn iteration(&self) {
        if self.live {
            self.count_iteration();
        }
    }

    #[cold]
    #[inline(never)]
    fn count_iteration(&self) {
        let n = self.iterations.get() + 1;
        self.iterations.set(n);
        if n > u64::from(self.keep) && !self.suppressing.get() {
            self.suppressing.set(true);
            with_session(|s| {
                s.suppress += 1;
                self.suppressed_at_start.set(s.suppressed_total);
            });
        }
    }
}

impl Drop for LoopGuard {
    #[inline]
    fn drop(&mut self) {
        if self.suppressing.get() {
            self.fold();
        }
    }
}

impl LoopGuard {
    #[cold]
    #[inline(never)]
    fn fold(&mut self) {
        let folded = self.iterations.get() - u64::from(self.keep);
        let start = self.suppressed_at_start.get();
        with_session(|s| {
            s.suppress = s.suppress.saturating_sub(1);
            let events = s.suppressed_total - start;
            let mut ev = Event::new(EventKind::Folded, "loop", self.line, self.col);
            ev.count = Some(folded);
            ev.detail = Some(
                format!(
                    "iterations after the first {}; {events} events not shown",
                    self.keep
                )
                .into(),
            );
            s.push(ev);
        });
    }
}

/// Guard around one call of a closure (or one run of an async block) written in a traced
/// function. Calls past the configured number per call site are folded. When no trace is
/// recording on this thread (a closure run by a spawned thread), the call starts its own trace.
pub struct ClosureGuard {
    inner: Option<FrameGuard>,
    suppressing: bool,
    line: u32,
    col: u32,
    suppressed_at_start: u64,
}

/// Starts one call of the closure written at `line:col` of `file`.
pub fn closure_enter(name: &'static str, file: &'static str, line: u32, col: u32) -> ClosureGuard {
    if !active() {
        // A thread (or a later caller) running the closure on its own: its own trace.
        let inner = enter(name, file, line, col);
        return ClosureGuard {
            inner: Some(inner),
            suppressing: false,
            line,
            col,
            suppressed_at_start: 0,
        };
    }
    let keep = u64::from(config::get().loop_keep);
    let mut suppressing = false;
    let mut suppressed_at_start = 0;
    with_session(|s| {
        let total = s.suppressed_total;
        let Some(frame) = s.frames.last_mut() else {
            return;
        };
        let site = match frame
            .closure_sites
            .iter_mut()
            .position(|c| c.line == line && c.col == col)
        {
            Some(i) => &mut frame.closure_sites[i],
            None => {
                frame.closure_sites.push(ClosureSite {
                    line,
                    col,
                    calls: 0,
                    folded_calls: 0,
                    folded_events: 0,
                });
                frame.closure_sites.last_mut().expect("just pushed")
            }
        };
        site.calls += 1;
        if site.calls > keep {
            site.folded_calls += 1;
            suppressing = true;
            suppressed_at_start = total;
            s.suppress += 1;
        }
    });
    ClosureGuard {
        inner: None,
        suppressing,
        line,
        col,
        suppressed_at_start,
    }
}

impl Drop for ClosureGuard {
    fn drop(&mut self) {
        if self.suppressing {
            let (line, col, start) = (self.line, self.col, self.suppressed_at_start);
            with_session(|s| {
                s.suppress = s.suppress.saturating_sub(1);
                let events = s.suppressed_total - start;
                if let Some(site) = s.frames.last_mut().and_then(|f| {
                    f.closure_sites
                        .iter_mut()
                        .find(|c| c.line == line && c.col == col)
                }) {
                    site.folded_events += events;
                }
            });
        }
        drop(self.inner.take());
    }
}
