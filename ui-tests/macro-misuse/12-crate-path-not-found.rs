// Rule: `crate = "..."` names where the `trace-ownership` crate is, for a renamed dependency.
// Error: E0432
// Why: The generated code imports the runtime from that path; a path that does not exist cannot
// Why: be imported, and the compiler says so at the attribute.
// Hint: Write the name your Cargo.toml gives the dependency, or leave `crate` out.

use trace_ownership::trace_ownership;

#[trace_ownership(crate = "nowhere")]
fn main() {
    let s = String::from("hi");
    let _t = s;
}
