// Fixed twin of ../02-assign-twice-to-immutable.rs: Declare it `let mut x` if it must change, or shadow it with a new `let`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let mut x = 5;
    println!("{x}");
    x = 6;
    println!("{x}");
}
