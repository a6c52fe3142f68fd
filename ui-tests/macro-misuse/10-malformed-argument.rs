// Misuse: the attribute malformed argument. Expected: a clear error at the offending tokens (expected string literal).

use trace_ownership::trace_ownership;

#[trace_ownership(name = 5)]
fn f() {}

fn main() {
    f();
}
