//! `#[trace_ownership(crate = "...")]`: a crate whose `Cargo.toml` renames the dependency
//! (`to = { package = "trace-ownership" }`) names it, and the generated code imports the runtime
//! from there. `extern crate ... as to` gives this test the same name a rename would; that the
//! path is really used is shown by `ui-tests/macro-misuse/12-crate-path-not-found.rs`, whose
//! path does not exist.

extern crate trace_ownership as to;

#[to::trace_ownership(crate = "to")]
fn renamed() -> usize {
    let s = String::from("hi");
    let t = s;
    t.len()
}

mod reexported {
    pub use trace_ownership::__private;
}

#[to::trace_ownership(name = "through a module", crate = "crate::reexported")]
fn through_a_module() -> usize {
    let v = vec![1, 2, 3];
    v.len()
}

#[test]
fn a_renamed_dependency_is_traced_through_its_new_name() {
    let (n, trace) = to::capture(renamed);
    assert_eq!(n, 2);
    let story: Vec<String> = trace
        .events
        .iter()
        .map(|e| format!("{} {}", e.kind.as_str(), e.var))
        .collect();
    assert_eq!(
        story[..3],
        ["fn_enter renamed", "bind s", "move s"],
        "{trace}"
    );
    let (n, trace) = to::capture(through_a_module);
    assert_eq!(n, 3);
    assert_eq!(trace.function, "through a module");
}
