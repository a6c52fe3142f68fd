// Misuse: the attribute on static. Expected: a clear error at the offending tokens (#[trace_ownership] cannot trace a static).

use trace_ownership::trace_ownership;

#[trace_ownership]
static NAME: &str = "x";

fn main() {
    let _ = NAME;
}
