//! A traced function in a file of its own, on the same line as the one in `second.rs`: see
//! `each_traced_function_that_ran_has_its_source_once_from_its_own_file` in `function_shapes.rs`.
use trace_ownership::trace_ownership;

#[trace_ownership]
pub fn work(n: u32) -> u32 {
    let doubled = n * 2;
    doubled
}
