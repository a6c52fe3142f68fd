//! A variable whose type does not resolve: the generated heap probe adds no error of its own
//! (once, a probe per heap type made it "multiple applicable items", E0034).

// #[trace_ownership]
fn count(words: Vec<Strng>) -> usize {
    let kept: Vec<Strng> = words;
    kept.len()
}

fn main() {
    count(Vec::new());
}
