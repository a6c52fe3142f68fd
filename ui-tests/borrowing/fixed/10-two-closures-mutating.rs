// Fixed twin of ../10-two-closures-mutating.rs: Use one closure, or let the first finish before making the second.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut count = 0;
    let mut inc = || count += 1;
    inc();
    let mut dec = || count -= 1;
    dec();
    println!("{count}");
}
