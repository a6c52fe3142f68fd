//! Closures that borrow, and values with several owners: run with
//! `cargo run --example shared`.
use std::rc::Rc;
use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let names = vec![String::from("Ann"), String::from("Bo")];
    let first = &names[0];
    let greet = || println!("hello, {first}");
    greet();
    greet();

    let a = Rc::new(String::from("shared"));
    let b = Rc::clone(&a);
    println!("{a} has {} owners", Rc::strong_count(&b));
}
