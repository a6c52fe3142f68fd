// Rule: A method that returns `&mut` to a part keeps the whole value mutably borrowed.
// Error: E0499
// Why: `hits_mut(&mut self)` borrows all of `c` for as long as `h` is used, so `misses_mut` cannot borrow `c` mutably again while `h` is still live.
// Hint: Finish with `h` (`*h += 1;`) before calling `misses_mut`.
// Section: borrowing-and-references
// Output: 1 2
// Check: c borrowed by hits_mut
// Check: c borrowed by misses_mut
// Check: no clone

struct Counters {
    hits: u32,
    misses: u32,
}

impl Counters {
    // #[trace_ownership]
    fn hits_mut(&mut self) -> &mut u32 {
        &mut self.hits
    }

    // #[trace_ownership]
    fn misses_mut(&mut self) -> &mut u32 {
        &mut self.misses
    }
}

// #[trace_ownership]
fn main() {
    let mut c = Counters { hits: 0, misses: 0 };
    let h = c.hits_mut();
    let m = c.misses_mut();
    *h += 1;
    *m += 2;
    println!("{} {}", c.hits, c.misses);
}
