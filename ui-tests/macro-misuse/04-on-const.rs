// Misuse: the attribute on const. Expected: a clear error at the offending tokens (#[trace_ownership] cannot trace a const).

use trace_ownership::trace_ownership;

#[trace_ownership]
const LIMIT: u32 = 3;

fn main() {
    let _ = LIMIT;
}
