//! One source of type knowledge (issue 18): the runtime's `types` lists are what its code does
//! with real values, and the macro's copy of the heap list is the same list.

use trace_ownership_runtime::__private::heap_probe::{HeapKnown, HeapNone};
use trace_ownership_runtime::__private::types;
use trace_ownership_runtime::__private::{copy_by_name, CopyKnown, HeapProbe};

/// The macro's own list, compiled from its source file.
#[path = "../../macros/src/known_types.rs"]
mod macro_side;

#[test]
fn the_macro_probes_exactly_the_types_the_runtime_can_read() {
    assert_eq!(macro_side::HEAP_PROBED, types::HEAP_PROBED);
}

/// Each standard type the probe might meet, by last path segment, and whether the probe gives
/// heap figures for a real value of it. Asked as generated code asks, `(&HeapProbe(&v))`: the
/// fallback `HeapNone` is found only through that borrow, which clippy calls needless where the
/// type has a `HeapKnown` impl.
#[allow(clippy::needless_borrow)]
fn probe_answers() -> Vec<(&'static str, bool)> {
    use std::collections::{HashMap, VecDeque};
    use std::rc::Rc;
    use std::sync::Arc;
    vec![
        (
            "String",
            (&HeapProbe(&String::from("x"))).heap_facts().is_some(),
        ),
        ("Vec", (&HeapProbe(&vec![1u8])).heap_facts().is_some()),
        ("Box", (&HeapProbe(&Box::new(1u8))).heap_facts().is_some()),
        ("Rc", (&HeapProbe(&Rc::new(1u8))).heap_facts().is_some()),
        ("Arc", (&HeapProbe(&Arc::new(1u8))).heap_facts().is_some()),
        (
            "VecDeque",
            (&HeapProbe(&VecDeque::from([1u8]))).heap_facts().is_some(),
        ),
        (
            "HashMap",
            (&HeapProbe(&HashMap::from([(1u8, 2u8)])))
                .heap_facts()
                .is_some(),
        ),
        (
            "Option",
            (&HeapProbe(&Some(String::new()))).heap_facts().is_some(),
        ),
        (
            "PathBuf",
            (&HeapProbe(&std::path::PathBuf::from("a")))
                .heap_facts()
                .is_some(),
        ),
    ]
}

#[test]
fn the_heap_list_is_the_types_the_probe_reads() {
    let answers = probe_answers();
    for name in types::HEAP_PROBED {
        assert!(
            answers.iter().any(|(n, _)| n == name),
            "no probe written in this test for `{name}`: add one"
        );
    }
    for (name, reads) in answers {
        assert_eq!(
            reads,
            types::HEAP_PROBED.contains(&name),
            "the probe {} `{name}`, the list says the opposite",
            if reads { "reads" } else { "does not read" }
        );
    }
}

#[test]
fn the_copy_primitives_are_copy_and_settled_by_name() {
    fn is_copy<T: Copy>(_: T) {}
    // Each listed name is a real `Copy` type: the compiler checks these calls.
    is_copy(0i8);
    is_copy(0i16);
    is_copy(0i32);
    is_copy(0i64);
    is_copy(0i128);
    is_copy(0isize);
    is_copy(0u8);
    is_copy(0u16);
    is_copy(0u32);
    is_copy(0u64);
    is_copy(0u128);
    is_copy(0usize);
    is_copy(0f32);
    is_copy(0f64);
    is_copy(true);
    is_copy('c');
    is_copy(());
    let names = [
        std::any::type_name::<i8>(),
        std::any::type_name::<i16>(),
        std::any::type_name::<i32>(),
        std::any::type_name::<i64>(),
        std::any::type_name::<i128>(),
        std::any::type_name::<isize>(),
        std::any::type_name::<u8>(),
        std::any::type_name::<u16>(),
        std::any::type_name::<u32>(),
        std::any::type_name::<u64>(),
        std::any::type_name::<u128>(),
        std::any::type_name::<usize>(),
        std::any::type_name::<f32>(),
        std::any::type_name::<f64>(),
        std::any::type_name::<bool>(),
        std::any::type_name::<char>(),
        std::any::type_name::<()>(),
        "!",
    ];
    assert_eq!(names.as_slice(), types::COPY_PRIMITIVES);
    for name in types::COPY_PRIMITIVES {
        assert_eq!(copy_by_name(name), CopyKnown::Yes, "{name}");
    }
}

#[test]
fn the_borrow_free_holders_are_written_as_type_name_writes_them() {
    use std::rc::{Rc, Weak as RcWeak};
    use std::sync::{Arc, Weak as ArcWeak};
    let written = [
        std::any::type_name::<Vec<u8>>(),
        std::any::type_name::<Option<u8>>(),
        std::any::type_name::<Box<u8>>(),
        std::any::type_name::<Rc<u8>>(),
        std::any::type_name::<Arc<u8>>(),
        std::any::type_name::<RcWeak<u8>>(),
        std::any::type_name::<ArcWeak<u8>>(),
    ];
    for (holder, name) in types::BORROW_FREE_HOLDERS.iter().zip(written) {
        assert_eq!(name, format!("{holder}u8>"));
    }
    assert_eq!(types::BORROW_FREE_HOLDERS.len(), written.len());
}
