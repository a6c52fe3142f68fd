// Fixed twin of ../06-destructor-uses-borrow.rs: run it traced to see why the fix works.
// Rule: Locals are dropped in reverse order of declaration, and a destructor may still use what it borrows.
// Error: E0597
// Why: `text` is declared after `reader`, so it is dropped first; then `reader`'s `Drop` would read text that is already freed.
// Hint: Declare `text` before `reader`, so `reader` is dropped first.
// Section: no-garbage-collector
// Output: reading notes
// Output: done reading notes
// Check: reader dropped before text
// Check: no clone

use trace_ownership::trace_ownership;

struct Reader<'a> {
    text: &'a String,
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        println!("done reading {}", self.text);
    }
}

#[trace_ownership]
fn main() {
    let text = String::from("notes");
    let reader;
    reader = Reader { text: &text };
    println!("reading {}", reader.text);
}
