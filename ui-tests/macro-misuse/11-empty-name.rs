// Misuse: the attribute empty name. Expected: a clear error at the offending tokens (`name` must not be empty).

use trace_ownership::trace_ownership;

#[trace_ownership(name = "")]
fn f() {}

fn main() {
    f();
}
