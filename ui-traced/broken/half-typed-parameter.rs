//! A learner's half-typed function: the attribute gives it back untouched, so rustc alone
//! reports the syntax error, and the errors after it are still found.

// #[trace_ownership]
fn call_me(num:) {
    println!("{num}");
}

fn main() {
    let x: u32 = "not a number";
    call_me(x);
}
