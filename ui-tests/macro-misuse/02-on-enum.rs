// Misuse: the attribute on enum. Expected: a clear error at the offending tokens (#[trace_ownership] cannot trace an enum).

use trace_ownership::trace_ownership;

#[trace_ownership]
enum Shape {
    Circle,
}

fn main() {
    let _ = Shape::Circle;
}
