// Fixed twin of ../02-move-out-of-drop-type.rs: run it traced to see why the fix works.
// Rule: You cannot move a field out of a value whose type has a destructor.
// Error: E0509
// Why: The destructor of `Wrapper` will run on the whole value and expects every field to be there.
// Hint: Clone the field, or use `std::mem::take` to leave an empty String behind.
// Section: no-garbage-collector
// Output: w
// Output: bye w

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
