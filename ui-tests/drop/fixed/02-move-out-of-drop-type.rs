// Fixed twin of ../02-move-out-of-drop-type.rs: Clone the field, or use `std::mem::take` to leave an empty String behind.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

struct Wrapper {
    name: String,
}

impl Drop for Wrapper {
    fn drop(&mut self) {
        println!("bye {}", self.name);
    }
}

#[trace_ownership]
fn main() {
    let w = Wrapper { name: String::from("w") };
    let n = w.name.clone();
    println!("{n}");
}
