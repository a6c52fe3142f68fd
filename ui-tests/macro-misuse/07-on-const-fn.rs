// Misuse: the attribute on const fn. Expected: a clear error at the offending tokens (#[trace_ownership] cannot trace a `const fn`).

use trace_ownership::trace_ownership;

#[trace_ownership]
const fn square(x: u32) -> u32 {
    x * x
}

fn main() {
    let _ = square(3);
}
