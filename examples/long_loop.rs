//! A traced loop of 10 million iterations, each binding and dropping a `String`: memory stays
//! bounded because iterations past the first few are folded (counted, not kept).
//!
//! ```text
//! cargo build --release --example long_loop
//! /usr/bin/time -v target/release/examples/long_loop 2>&1 | grep -E "Maximum resident|Elapsed"
//! ```

use trace_ownership::trace_ownership;

#[trace_ownership]
fn long_loop(n: u64) -> usize {
    let mut total = 0;
    for i in 0..n {
        let s = String::from("iteration");
        total += std::hint::black_box(&s).len() + (i % 2) as usize;
    }
    total
}

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000_000);
    let (total, trace) = trace_ownership::capture(|| long_loop(n));
    println!("total = {total}; {} events kept", trace.events.len());
    let folded = trace.events.iter().find(|e| e.kind.as_str() == "folded");
    println!(
        "{}",
        folded
            .map(trace_ownership::explain::sentence)
            .unwrap_or_default()
    );
}
