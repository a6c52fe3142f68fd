//! The opt-in heap tracker: a global allocator that wraps the system allocator and, while a
//! traced call records on the current thread, adds `alloc`, `dealloc` and `realloc` events to
//! its trace, in order with the ownership events around them.
//!
//! ```
//! #[global_allocator]
//! static HEAP: trace_ownership_runtime::heap::HeapTracker = trace_ownership_runtime::heap::HeapTracker::new();
//! # fn main() {}
//! ```
//!
//! When nothing is traced on a thread, an allocation costs one thread-local check more than the
//! system allocator. The recorder's own allocations (its event buffer, rendering) are never
//! reported: the recorder marks itself busy while it runs.

use crate::event::EventKind;
use crate::recorder;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Whether a [`HeapTracker`] is the program's global allocator (it has allocated something).
pub fn installed() -> bool {
    INSTALLED.load(Ordering::Relaxed)
}

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

#[cold]
fn report(kind: EventKind, addr: *mut u8, bytes: usize, old: Option<(*mut u8, usize)>) {
    recorder::record_heap(
        kind,
        addr as usize,
        bytes,
        old.map(|(old_addr, old_bytes)| (old_addr as usize, old_bytes)),
    );
}

// SAFETY: every method forwards to `System` with the same arguments and returns its result
// unchanged; the bookkeeping around it never touches the memory handed out.
unsafe impl GlobalAlloc for HeapTracker {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !INSTALLED.load(Ordering::Relaxed) {
            INSTALLED.store(true, Ordering::Relaxed);
        }
        if !p.is_null() && tracking() {
            report(EventKind::Alloc, p, layout.size(), None);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
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
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && tracking() {
            report(EventKind::Realloc, p, new_size, Some((ptr, layout.size())));
        }
        p
    }
}
