// Rule: A returned closure cannot borrow the function's locals.
// Error: E0373
// Why: The closure borrows `x`, which is dropped when `make_adder` returns.
// Hint: Make it a `move` closure so it owns `x`.
// Section: borrowing-and-references
// Output: 6
// Check: make_adder called
// #[trace_ownership]
fn make_adder() -> impl Fn(i32) -> i32 {
    let x = 5;
    |y| x + y
}

// #[trace_ownership]
fn main() {
    println!("{}", make_adder()(1));
}
