// Rule: Each value has a single owner.
// Error: E0382
// Why: `let t = s;` moves the String: `t` is now its only owner and `s` can no longer be used.
// Hint: Use `t`, or clone (`let t = s.clone();`) if both need a String.
// (`// #[trace_ownership]` marks where the traced copy of this exercise puts the attribute.)

// #[trace_ownership]
fn main() {
    let s = String::from("hello");
    let t = s;
    println!("{s} {t}");
}
