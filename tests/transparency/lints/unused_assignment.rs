#![deny(unused_assignments)]
//~ traced: the attribute must not silence `unused_assignments`
#[trace_ownership::trace_ownership]
fn f() -> u32 {
    let mut w = 1;
    let r = w;
    w = 9;
    r
}

fn main() {
    f();
}
