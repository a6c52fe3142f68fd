// Fixed twin of ../05-value-dropped-at-scope-end.rs: run it traced to see why the fix works.
// Rule: When the owner goes out of scope, Rust drops the value.
// Error: E0597
// Why: `x` is dropped at the end of the inner block, but `r` still refers to it afterwards: the reference would dangle.
// Hint: Declare `x` in the outer scope, so it lives as long as `r` is used.
// Section: ownership-and-memory
// Output: 5

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let r;
    let x = 5;
    {
        r = &x;
    }
    println!("{r}");
}
