//! Which type names prove a type `Copy` (`facts::copy_by_name`), read from `type_name`'s own
//! spelling: shared references, raw pointers and function pointers are `Copy` whatever they
//! point to; a mutable reference never is; a tuple or an array is when all its parts are.

use trace_ownership_runtime::__private::{copy_by_name, CopyKnown};

#[test]
fn references_raw_pointers_and_function_pointers_by_their_names() {
    let rows = [
        ("&alloc::string::String", CopyKnown::Yes),
        ("&mut alloc::string::String", CopyKnown::No),
        ("*const alloc::string::String", CopyKnown::Yes),
        ("*mut alloc::vec::Vec<u8>", CopyKnown::Yes),
        ("fn(i32) -> i32", CopyKnown::Yes),
        ("unsafe fn()", CopyKnown::Yes),
        ("extern \"C\" fn(u8)", CopyKnown::Yes),
        // Tuples and arrays by their parts, split only at their own commas.
        ("((i32, u8), &mut u8)", CopyKnown::No),
        ("([u8; 4], (bool, char))", CopyKnown::Yes),
        ("core::option::Option<(u8, [i64; 2])>", CopyKnown::Yes),
        // Other types are decided elsewhere (drop glue, the declared type), not by the name.
        ("alloc::string::String", CopyKnown::Unknown),
    ];
    let wrong: Vec<String> = rows
        .iter()
        .filter(|(ty, want)| copy_by_name(ty) != *want)
        .map(|(ty, want)| format!("{ty}: want {want:?}, got {:?}", copy_by_name(ty)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
