// Misuse: the attribute on struct. Expected: a clear error at the offending tokens (#[trace_ownership] cannot trace a struct).

use trace_ownership::trace_ownership;

#[trace_ownership]
struct Point {
    x: i32,
}

fn main() {
    let _ = Point { x: 1 }.x;
}
