// Fixed twin of ../05-value-dropped-at-scope-end.rs: Declare `x` in the outer scope, so it lives as long as `r` is used.
// Run traced, it shows why the fix works.

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
