// Fixed twin of ../05-box-moved-while-borrowed.rs: Use the reference first.
// Run traced, it shows why the fix works.

use trace_ownership::trace_ownership;

#[trace_ownership]
fn consume(b: Box<i32>) -> i32 {
    *b
}

#[trace_ownership]
fn main() {
    let b = Box::new(5);
    let r = &*b;
    println!("{r}");
    let n = consume(b);
    println!("{n}");
}
