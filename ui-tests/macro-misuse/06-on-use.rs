// Misuse: the attribute on use. Expected: a clear error at the offending tokens (#[trace_ownership] cannot trace a use item).

use trace_ownership::trace_ownership;

#[trace_ownership]
use std::collections::HashMap;

fn main() {
    let _: HashMap<u8, u8> = HashMap::new();
}
