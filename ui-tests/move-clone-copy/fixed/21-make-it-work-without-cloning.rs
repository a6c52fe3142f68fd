// Fixed twin of ../wrong/21-make-it-work-without-cloning.rs: Change the parameter to `text: &str` and call `count_vowels(&word)`: no copy, `word` stays.
// Rule: A function that only reads a text should take `&str`: the caller lends it and keeps it.
// Error: none
// Why: `count_vowels` takes a `String`, so the caller must give one away; to keep `word` for the
// Why: `println!`, it hands over a clone each time: a heap copy made only to be read and dropped.
// Hint: Change the parameter to `text: &str` and call `count_vowels(&word)`: no copy, `word` stays.
// Section: move-clone-copy
// Output: ownership has 3 vowels
// Check: no clone
// Check: word borrowed by count_vowels

use trace_ownership::trace_ownership;

#[trace_ownership]
fn count_vowels(text: &str) -> usize {
    text.chars().filter(|c| "aeiou".contains(*c)).count()
}

#[trace_ownership]
fn main() {
    let word = String::from("ownership");
    let n = count_vowels(&word);
    println!("{word} has {n} vowels");
}
