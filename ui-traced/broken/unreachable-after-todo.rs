//! Code after `todo!()` is unreachable and its parameter unused: rustc says both, at the
//! user's own statement, traced or not.
#![deny(warnings)]

// #[trace_ownership]
fn first_word(s: &str) -> usize {
    todo!();
    let n = s.len();
    n
}

fn main() {
    first_word("hello world");
}
