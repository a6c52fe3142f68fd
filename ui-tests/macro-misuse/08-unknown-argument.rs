// Misuse: the attribute unknown argument. Expected: a clear error at the offending tokens (unknown argument).

use trace_ownership::trace_ownership;

#[trace_ownership(verbose)]
fn f() {}

fn main() {
    f();
}
