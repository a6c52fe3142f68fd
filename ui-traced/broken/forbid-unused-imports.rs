//! A crate that forbids a lint the generated code could need to allow: tracing must add no
//! `allow` of its own (E0453), and rustc's own error (here, an unused variable under
//! `deny(warnings)`) stays exactly as it is.
#![forbid(unused_imports)]
#![deny(warnings)]

// #[trace_ownership]
fn probes(p: Vec<u32>, n: u32) -> usize {
    let declared: Vec<u32> = p;
    let copied: u32 = n;
    let unused = String::from("hello");
    declared.len() + copied as usize
}

fn main() {
    probes(vec![1], 2);
}
