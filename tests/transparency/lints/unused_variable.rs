#![deny(unused_variables)]
//~ traced: the attribute must not silence `unused_variables`
#[trace_ownership::trace_ownership]
fn f(q: u32) -> u32 {
    let x = 5;
    1
}

fn main() {
    f(0);
}
