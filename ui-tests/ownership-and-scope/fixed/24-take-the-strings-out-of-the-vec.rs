// Fixed twin of ../wrong/24-take-the-strings-out-of-the-vec.rs: Let the loop own the words: `for word in words { shouted.push(shout(word)); }`.
// Rule: `for x in v` takes each element out of the `Vec` (the loop owns them); `for x in &v` only borrows them.
// Error: none
// Why: the loop borrows each word and clones it for `shout`, although `words` is never
// Why: used again: every word is copied once, then all the originals are dropped at the end of `main`.
// Hint: Let the loop own the words: `for word in words { shouted.push(shout(word)); }`.
// Section: ownership-and-memory
// Output: HI THERE
// Check: no clone

use trace_ownership::trace_ownership;

#[trace_ownership]
fn shout(mut word: String) -> String {
    word.make_ascii_uppercase();
    word
}

#[trace_ownership]
fn main() {
    let words = vec![String::from("hi"), String::from("there")];
    let mut shouted = Vec::new();
    for word in words {
        shouted.push(shout(word));
    }
    println!("{}", shouted.join(" "));
}
