// Fixed twin of ../04-assign-field-of-immutable.rs: Declare the owner `let mut p`.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

struct Point {
    x: i32,
}

#[trace_ownership]
fn main() {
    let mut p = Point { x: 1 };
    p.x = 2;
    println!("{}", p.x);
}
