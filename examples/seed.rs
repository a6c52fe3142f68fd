#![allow(unused_variables)] // the seed never uses `s` again: that is the point
use trace_ownership::trace_ownership;

#[global_allocator]
static HEAP: trace_ownership::HeapTracker = trace_ownership::HeapTracker::new();

#[trace_ownership]
fn main() {
    let s = String::from("hello"); // Allocated on the heap
                                   // s is valid here
} // s goes out of scope, memory is freed automatically
