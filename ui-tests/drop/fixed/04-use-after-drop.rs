// Fixed twin of ../04-use-after-drop.rs: Drop it after its last use.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let s = String::from("hi");
    println!("{s}");
    drop(s);
}
