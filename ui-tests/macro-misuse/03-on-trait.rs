// Misuse: the attribute on trait. Expected: a clear error at the offending tokens (#[trace_ownership] cannot trace a trait).

use trace_ownership::trace_ownership;

#[trace_ownership]
trait Greet {
    fn hi(&self) {}
}

fn main() {}
