//! Generated code must not depend on the user's names: it uses absolute paths and names the
//! user cannot see or clash with, and it adds no warning.
#![deny(warnings)]
#![allow(non_camel_case_types, dead_code)]

/// A user module called `core` must not capture `::core::file!()` and friends.
mod core {}

/// A user `Option` and `drop` must not capture the generated code's.
enum Option {
    Some,
    None,
}
fn drop<T>(_: T) {}

mod renamed {
    // The user's variable names may look like the macro's own.
    #[trace_ownership::trace_ownership]
    pub fn looks_like_generated() -> usize {
        let __trace_ownership_slot_1 = String::from("mine");
        let __trace_ownership_frame_1 = 2;
        __trace_ownership_slot_1.len() + __trace_ownership_frame_1
    }
}

#[trace_ownership::trace_ownership]
fn uses_shadowed_names() -> usize {
    let s = String::from("x");
    drop(1); // the user's own `drop`
    let o = Option::Some;
    let n = match o {
        Option::Some => 1,
        Option::None => 0,
    };
    s.len() + n
}

#[test]
fn generated_code_ignores_the_users_names() {
    let (n, trace) = trace_ownership::capture(uses_shadowed_names);
    assert_eq!(n, 2);
    // The user's own `drop(1)` is their function, not `std::mem::drop`: nothing is said to be
    // dropped early by it; `s`, `o` and `n` are bound and dropped at the end, in reverse order.
    let story: Vec<String> = trace
        .events
        .iter()
        .filter(|e| matches!(e.kind.as_str(), "bind" | "drop"))
        .map(|e| format!("{} {}", e.kind.as_str(), e.var))
        .collect();
    assert_eq!(
        story,
        ["bind s", "bind o", "bind n", "drop n", "drop o", "drop s"],
        "{trace}"
    );
    assert!(trace
        .events
        .iter()
        .all(|e| e.detail.as_deref() != Some("dropped early by drop()")));
    let (n, trace) = trace_ownership::capture(renamed::looks_like_generated);
    assert_eq!(n, 6);
    let names: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.kind.as_str() == "bind")
        .map(|e| e.var.to_string())
        .collect();
    assert_eq!(
        names,
        ["__trace_ownership_slot_1", "__trace_ownership_frame_1"]
    );
}
