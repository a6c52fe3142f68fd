//! The `#[trace_ownership]` attribute. Use it through the `trace-ownership` crate, whose
//! documentation describes what it records.
#![forbid(unsafe_code)]

mod args;
mod bindings;
mod effects;
mod emit;
mod expand;
mod known_types;
mod labels;
mod liveness;
mod methods;
mod names;
mod plan;
mod rewrite;
mod scope;
mod source;
mod validate;

use proc_macro::TokenStream;

/// Traces ownership events of a function (or of every function in an `impl` block or inline
/// `mod`) as it runs. See the `trace-ownership` crate for what is recorded.
#[proc_macro_attribute]
pub fn trace_ownership(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(args.into(), item.into()).into()
}
