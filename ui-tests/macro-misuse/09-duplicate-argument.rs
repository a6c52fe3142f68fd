// Misuse: the attribute duplicate argument. Expected: a clear error at the offending tokens (duplicate argument).

use trace_ownership::trace_ownership;

#[trace_ownership(name = "a", name = "b")]
fn f() {}

fn main() {
    f();
}
