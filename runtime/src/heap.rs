//! The opt-in heap tracker: a global allocator that wraps the system allocator and, while a
//! traced call records on the current thread, adds `alloc`, `dealloc` and `realloc` events to
//! its trace, in order with the ownership events around them.
//!
//! ```
//! #[global_allocator]
//! static HEAP: trace_ownership_runtime::HeapTracker = trace_ownership_runtime::HeapTracker::new();
//! # fn main() {}
//! ```
//!
//! When nothing is traced on a thread, an allocation costs one thread-local check more than the
//! system allocator. The recorder's own allocations (its event buffer, rendering) are never
//! reported: the recorder marks itself busy while it runs.

use crate::event::EventKind;
use crate::recorder;
use std::alloc::{GlobalAlloc, Layout, System};

/// A global allocator that reports heap traffic during traced calls. See the module docs.
pub struct HeapTracker {
    _private: (),
}

impl HeapTracker {
    /// The tracker, for a `#[global_allocator]` static.
    pub const fn new() -> HeapTracker {
        HeapTracker { _private: () }
    }
}

impl Default for HeapTracker {
    fn default() -> Self {
        HeapTracker::new()
    }
}

/// Whether this thread's heap traffic should be reported now.
#[inline]
fn tracking() -> bool {
    recorder::active() && !recorder::busy()
}

/// Records one heap event. An allocator must never unwind (`GlobalAlloc`'s contract: unwinding
/// out of it is undefined behaviour), so a panic while recording is caught here and the event
/// lost; the recorder's own state stays consistent (it is only touched through `try_with` and
/// `try_borrow_mut`).
#[cold]
fn report(kind: EventKind, addr: *mut u8, bytes: usize, old: Option<(*mut u8, usize)>) {
    let _ = std::panic::catch_unwind(|| {
        recorder::record_heap(
            kind,
            addr as usize,
            bytes,
            old.map(|(old_addr, old_bytes)| (old_addr as usize, old_bytes)),
        )
    });
}

// SAFETY: the allocator's obligations, and how each is met:
// - Memory: every method hands its arguments to `System` unchanged and returns its result
//   unchanged; the bookkeeping around it reads only the returned address and the layout's size,
//   never the memory itself.
// - Never unwind: the only code besides `System` is `tracking()` (two thread-local reads with
//   `try_with`, which cannot panic) and `report`, which catches any panic.
// - Re-entrance: recording an event may allocate, which calls back into this allocator on the
//   same thread; the recorder marks itself busy first, so `tracking()` is false in the nested
//   call, which then only forwards to `System`. During thread teardown the thread-locals are
//   gone; `try_with` then reports "not tracking" and the call only forwards.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for HeapTracker {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: our caller guarantees `layout` has a non-zero size, `System.alloc`'s only
        // precondition.
        let p = unsafe { System.alloc(layout) };
        recorder::note_heap_tracker();
        if !p.is_null() && tracking() {
            report(EventKind::Alloc, p, layout.size(), None);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`: `layout` has a non-zero size, guaranteed by our caller.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() && tracking() {
            report(EventKind::Alloc, p, layout.size(), None);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if tracking() {
            report(EventKind::Dealloc, ptr, layout.size(), None);
        }
        // SAFETY: our caller guarantees `ptr` was allocated by this allocator with `layout`;
        // every block this allocator hands out comes from `System` with the same layout, so it
        // is a block of `System`'s with that layout, as `System.dealloc` requires.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: our caller guarantees `ptr` is a block of this allocator's (hence of
        // `System`'s, see `dealloc`) with `layout`, and that `new_size` is non-zero and does not
        // overflow `isize` when rounded to `layout.align()`: `System.realloc`'s preconditions.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && tracking() {
            report(EventKind::Realloc, p, new_size, Some((ptr, layout.size())));
        }
        p
    }
}
