//! Time to expand `#[trace_ownership]` on a generated function of 1000 statements (issue budget:
//! at most 50 ms), and the size of what it expands to (issue budget: at most 5x the source),
//! printed first: the expanded function's tokens written out by `proc_macro2` against the
//! source's tokens written out the same way, so that spacing and comments count alike. A proc-macro crate cannot be linked by a bench, so its modules are compiled
//! into this bench directly; `proc-macro2` runs outside the compiler.
//!
//! ```text
//! cargo bench -p trace-ownership-macros --bench expand
//! ```

// The macro's own unit tests come along with its modules; some of their imports go unused here.
#![allow(dead_code, unused_imports)]

#[path = "../src/args.rs"]
mod args;
#[path = "../src/bindings.rs"]
mod bindings;
#[path = "../src/effects.rs"]
mod effects;
#[path = "../src/emit.rs"]
mod emit;
#[path = "../src/expand.rs"]
mod expand;
#[path = "../src/known_types.rs"]
mod known_types;
#[path = "../src/labels.rs"]
mod labels;
#[path = "../src/liveness.rs"]
mod liveness;
#[path = "../src/methods.rs"]
mod methods;
#[path = "../src/names.rs"]
mod names;
#[path = "../src/plan.rs"]
mod plan;
#[path = "../src/rewrite.rs"]
mod rewrite;
#[path = "../src/scope.rs"]
mod scope;
#[path = "../src/source.rs"]
mod source;
#[path = "../src/validate.rs"]
mod validate;

use criterion::{criterion_group, criterion_main, Criterion};
use proc_macro2::TokenStream;

/// A function of `n` statements of the usual kinds: bindings, moves, copies, borrows, method
/// calls, format macros, a loop every 50 statements.
fn generated(n: usize) -> TokenStream {
    let mut body = String::from("let mut acc = 0usize;\nlet base = String::from(\"x\");\n");
    for i in 0..n {
        let line = match i % 10 {
            0 => format!("let s{i} = base.clone();"),
            1 => format!("let t{i} = s{};", i - 1),
            2 => format!("let n{i} = t{}.len();", i - 1),
            3 => format!("acc += n{};", i - 1),
            4 => format!("let r{i} = &base;"),
            5 => format!("println!(\"{{}}\", r{});", i - 1),
            6 => format!("let v{i} = vec![1, 2, 3];"),
            7 => format!(
                "let w{i}: Vec<i32> = v{}.iter().map(|x| x * 2).collect();",
                i - 1
            ),
            8 => format!("for x in w{}.iter() {{ acc += *x as usize; }}", i - 1),
            _ => format!("let c{i} = acc;"),
        };
        body.push_str(&line);
        body.push('\n');
    }
    body.push_str("acc\n");
    format!("fn big() -> usize {{\n{body}}}").parse().unwrap()
}

fn bench(c: &mut Criterion) {
    let item = generated(1000);
    let out = expand::expand(TokenStream::new(), item.clone());
    let (source, expanded) = (item.to_string().len(), out.to_string().len());
    assert!(out.to_string().contains("__trace_ownership_slot"));
    println!(
        "expanded size: {expanded} bytes of tokens for {source} of source: {:.1}x",
        expanded as f64 / source as f64
    );
    c.bench_function("expand a 1000-statement function", |b| {
        b.iter(|| expand::expand(TokenStream::new(), item.clone()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
