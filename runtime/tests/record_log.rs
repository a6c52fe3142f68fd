//! The record log's memory, as `recorder.rs` documents it: records are kept in chunks, so
//! that a growing trace never copies what it holds; the first chunk has room for 256 records,
//! each next one for twice as many as the one before, up to 16 Ki records. Ground truth: this
//! test binary's global allocator, which notes every allocation and resize the recording
//! thread makes while it watches. A chunking that kept events but cost a chunk per record, or
//! copied the log as it grew, shows here; the events themselves are checked too, in order.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};
use trace_ownership_runtime::__private::{cloned, Site, RAW_RECORD_BYTES};
use trace_ownership_runtime::{capture, EventKind};

/// What the allocator saw on a watching thread: `(resize, bytes)` per allocation or resize.
/// Fixed-size, so that noting never allocates.
const SEEN_MAX: usize = 64;

thread_local! {
    static WATCHING: Cell<bool> = const { Cell::new(false) };
    static SEEN: RefCell<([(bool, usize); SEEN_MAX], usize)> =
        const { RefCell::new(([(false, 0); SEEN_MAX], 0)) };
}

struct Noting;

fn note(resize: bool, bytes: usize) {
    if WATCHING.try_with(Cell::get).unwrap_or(false) {
        let _ = SEEN.try_with(|s| {
            let mut s = s.borrow_mut();
            let n = s.1;
            if n < SEEN_MAX {
                s.0[n] = (resize, bytes);
            }
            s.1 = n + 1;
        });
    }
}

// SAFETY: every method forwards to `System` with the same arguments and returns its result
// unchanged; noting touches only thread-locals that never allocate.
unsafe impl GlobalAlloc for Noting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(false, layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(true, new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static NOTING: Noting = Noting;

/// Watches this thread's allocations while `f` runs: `(resize, bytes)` of each.
fn allocations_of(f: impl FnOnce()) -> Vec<(bool, usize)> {
    SEEN.with(|s| s.borrow_mut().1 = 0);
    WATCHING.with(|w| w.set(true));
    f();
    WATCHING.with(|w| w.set(false));
    let (seen, n) = SEEN.with(|s| *s.borrow());
    assert!(n <= SEEN_MAX, "{n} allocations: more than noted");
    seen[..n].to_vec()
}

static CLONE: Site = Site("s", "t", "", 7, 5, 0, 0);

#[test]
fn a_growing_log_takes_chunks_of_doubling_room_and_never_copies_what_it_holds() {
    // Past the largest chunk's room, more than once.
    let n = 3 * 16 * 1024 + 17;
    let (seen, trace) = capture(|| {
        allocations_of(|| {
            for _ in 0..n {
                cloned(&CLONE);
            }
        })
    });
    // The first chunk (256 records) is made with the session; the next ones as it fills.
    let mut expected = Vec::new();
    let (mut room, mut held) = (256, 256);
    while held < n {
        room = (2 * room).min(16 * 1024);
        expected.push((false, room * RAW_RECORD_BYTES));
        held += room;
    }
    // The chunks (room for 256 records at least), and the rest: the list of chunks growing.
    let (chunks, rest): (Vec<_>, Vec<_>) = seen
        .into_iter()
        .partition(|&(_, bytes)| bytes >= 256 * RAW_RECORD_BYTES);
    assert_eq!(chunks, expected, "one new chunk at a time, never a resize");
    assert!(
        rest.len() < chunks.len(),
        "nothing else for each record or chunk: {rest:?}"
    );
    assert_eq!(trace.lost, 0);
    assert_eq!(trace.events.len(), n);
    for (i, ev) in trace.events.iter().enumerate() {
        assert_eq!((ev.seq, ev.kind), (i as u64, EventKind::Cloned));
        assert_eq!((ev.line, ev.col), (7, 5));
    }
}
