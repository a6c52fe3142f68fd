// Fixed twin of ../wrong/22-borrow-mutably-instead-of-moving-in-and-out.rs: Take `prices: &mut Vec<u32>`, return nothing, and call `add_tax(&mut prices)`.
// Rule: A mutable reference (`&mut T`) lets a function change a value in place, without owning it.
// Error: none
// Why: `add_tax` takes the `Vec` by value, changes it and returns it, so `prices` is moved out and
// Why: a new binding takes it back: two moves for what is a change in place.
// Hint: Take `prices: &mut Vec<u32>`, return nothing, and call `add_tax(&mut prices)`.
// Section: borrowing-and-references
// Output: [110, 220]
// Check: prices never moved
// Check: prices borrowed by add_tax

use trace_ownership::trace_ownership;

#[trace_ownership]
fn add_tax(prices: &mut Vec<u32>) {
    for p in prices.iter_mut() {
        *p += *p / 10;
    }
}

#[trace_ownership]
fn main() {
    let mut prices = vec![100, 200];
    add_tax(&mut prices);
    println!("{prices:?}");
}
