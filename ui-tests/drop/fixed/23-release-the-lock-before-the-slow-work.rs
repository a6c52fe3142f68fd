// Fixed twin of ../wrong/23-release-the-lock-before-the-slow-work.rs: Put the update in its own block, `let now = { let mut guard = ...; *guard += 5; *guard };`,
// Rule: A `MutexGuard` holds the lock until it is dropped; end its scope to release the lock.
// Error: none
// Why: `guard` lives until the end of `main`, so the lock stays taken while `slow_report` runs:
// Why: any other thread wanting `total` would wait for the whole report. The lock is released only
// Why: when its guard is dropped, never by a collector in the background.
// Hint: Put the update in its own block, `let now = { let mut guard = ...; *guard += 5; *guard };`,
// Hint: so the guard is dropped at the block's `}`, before `slow_report(now)`.
// Section: no-garbage-collector
// Output: total is now 15
// Check: guard dropped before call slow_report

use trace_ownership::trace_ownership;

use std::sync::Mutex;

#[trace_ownership]
fn slow_report(now: u32) {
    println!("total is now {now}");
}

#[trace_ownership]
fn main() {
    let total = Mutex::new(10u32);
    let now = {
        let mut guard = total.lock().unwrap();
        *guard += 5;
        *guard
    };
    slow_report(now);
}
