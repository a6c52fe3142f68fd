//! What the runtime knows of standard types by their names alone, in one place: which are
//! `Copy`, which own a heap block the runtime can report, what a clone of each makes, which hold
//! no borrow. The macro, which sees only the source's names, keeps its own copy of
//! [`HEAP_PROBED`] (`macros/src/known_types.rs`, it cannot depend on this crate);
//! `tests/type_knowledge.rs` checks that the two agree and that every list matches what the
//! code does with real values.

/// The primitive types, by name, that are `Copy`.
pub const COPY_PRIMITIVES: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64", "bool", "char", "()", "!",
];

/// The standard types (by their last path segment) whose value the heap probe can ask for its
/// heap block: the address and size of a `String`'s, `Vec`'s or `Box`'s, the owner counts of an
/// `Rc`'s or `Arc`'s. The macro adds the probe only where the source names one of these.
pub const HEAP_PROBED: &[&str] = &["String", "Vec", "Box", "Rc", "Arc"];

/// Standard types whose clone is a new owner (or weak reference) of the same value: nothing is
/// copied.
pub const SHARED_OWNERS: &[&str] = &["Rc", "Arc", "Weak"];

/// Standard types that own a buffer of plain data: a clone copies the buffer.
pub const OWNED_BUFFERS: &[&str] = &["String", "PathBuf", "OsString"];

/// Standard containers: a clone clones each element, so it is a deep copy exactly when each
/// element's clone is.
pub const CONTAINERS: &[&str] = &[
    "Vec", "VecDeque", "Box", "Option", "HashMap", "BTreeMap", "HashSet", "BTreeSet",
];

/// Standard types (as `type_name` writes them, up to their `<`) whose value holds no borrow when
/// their type argument holds none.
pub const BORROW_FREE_HOLDERS: &[&str] = &[
    "alloc::vec::Vec<",
    "core::option::Option<",
    "alloc::boxed::Box<",
    "alloc::rc::Rc<",
    "alloc::sync::Arc<",
    "alloc::rc::Weak<",
    "alloc::sync::Weak<",
];
