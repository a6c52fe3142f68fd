//! Transparency of rustc lints: a traced function must warn exactly as the plain one.
//! Each `.stderr` was produced from the same file *without* the attribute (the attribute line
//! replaced by a comment line, so positions match).

/// Generated code must not read a variable the user never uses again (that would silence
/// `unused_variables` / `unused_assignments`): bindings and assignments are then recorded
/// without reading the value.
#[test]
fn traced_keeps_rustc_lints() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/transparency/lints/*.rs");
}
