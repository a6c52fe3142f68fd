//! Plain data: what happened, in order. Renderers are pure functions of these types.

pub use crate::detail::{Detail, Why};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Text that is usually a `&'static str` written by the macro, owned only after deserializing.
pub type Text = Cow<'static, str>;

/// Version of the JSON schema written by [`Trace::to_json`]. Bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// What kind of thing Rust did.
///
/// Serialized in `snake_case` (`"borrow_mut"`, `"out_of_scope"`, ...). Variants are named so that
/// none shares a name with a standard item (`Copied`, not `Copy`): rustc prints a standard path
/// in short (`Copy`) only when no loaded crate exports another item of that name, so a variant
/// called `Copy` would change the user's error messages to `std::marker::Copy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A traced function starts (`var` is the function's name).
    FnEnter,
    /// A traced function returns, or unwinds from a panic (`detail` says which).
    FnExit,
    /// A variable starts owning a value (`let`, a parameter, a pattern binding).
    Bind,
    /// A value's ownership went from `from` to `to`; `from` can no longer be used.
    Move,
    /// A `Copy` value was duplicated bit for bit; both stay usable.
    #[serde(rename = "copy")]
    Copied,
    /// `.clone()` (or `Rc::clone(&x)`) made a new value for `to`: an independent copy, or, for
    /// an `Rc`/`Arc`, a new owner of the same value (`type` is the source's type, when known).
    #[serde(rename = "clone")]
    Cloned,
    /// A shared reference `&var` was taken (by `to`).
    #[serde(rename = "borrow")]
    Borrowed,
    /// A mutable reference `&mut var` was taken (by `to`).
    #[serde(rename = "borrow_mut")]
    BorrowedMut,
    /// A borrow of `of` ends: the reference is not used any more.
    BorrowEnd,
    /// A value is dropped: its destructor runs and what it owns is freed.
    #[serde(rename = "drop")]
    Dropped,
    /// A variable leaves its scope without dropping anything: its value was moved away, or it
    /// is a reference, which owns nothing.
    OutOfScope,
    /// The value went to `to`, but the macro cannot see whether it was moved,
    /// copied or borrowed (a method that may take `self` by value, a type it cannot see).
    MaybeMove,
    /// A variable gets a new value by assignment (`x = ...`).
    Assign,
    /// Iterations or calls were folded away to keep the trace bounded (`count` says how many).
    Folded,
    /// The closure (or function pointer) held in the variable `var` is called: its body runs.
    #[serde(rename = "call")]
    Called,
    /// Heap memory was allocated while this event ran (heap tracker on).
    Alloc,
    /// Heap memory was freed (heap tracker on).
    Dealloc,
    /// Heap memory was resized (heap tracker on).
    Realloc,
}

impl EventKind {
    /// The `snake_case` name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::FnEnter => "fn_enter",
            EventKind::FnExit => "fn_exit",
            EventKind::Bind => "bind",
            EventKind::Move => "move",
            EventKind::Copied => "copy",
            EventKind::Cloned => "clone",
            EventKind::Borrowed => "borrow",
            EventKind::BorrowedMut => "borrow_mut",
            EventKind::BorrowEnd => "borrow_end",
            EventKind::Dropped => "drop",
            EventKind::OutOfScope => "out_of_scope",
            EventKind::MaybeMove => "maybe_move",
            EventKind::Assign => "assign",
            EventKind::Folded => "folded",
            EventKind::Called => "call",
            EventKind::Alloc => "alloc",
            EventKind::Dealloc => "dealloc",
            EventKind::Realloc => "realloc",
        }
    }
}

/// Why the trace believes what an event says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The value's type has drop code, so it cannot be `Copy`: using it by value moves it.
    DropGlue,
    /// The type is known to be `Copy` (a primitive, a shared reference, or a declared type
    /// checked by the compiler).
    CopyType,
    /// The declared type was checked by the compiler and is not `Copy`.
    NotCopyType,
    /// The program compiles and uses the variable again later, so the value must have been copied
    /// (or only borrowed).
    UsedLater,
    /// The standard library's signature of the method, found by the receiver's run-time type
    /// (`RefCell::borrow_mut` takes `&self`, `JoinHandle::join` takes `self`): certain.
    StdSignature,
    /// Only a naming convention (`into_*` consumes, `len` borrows): labelled, not proven.
    Convention,
    /// The macro cannot know; the event says so.
    Unknown,
    /// Decided by the compiler's MIR of the program (precise mode, `cargo trace-ownership`).
    Compiler,
}

impl Evidence {
    /// The `snake_case` name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::DropGlue => "drop_glue",
            Evidence::CopyType => "copy_type",
            Evidence::NotCopyType => "not_copy_type",
            Evidence::UsedLater => "used_later",
            Evidence::StdSignature => "std_signature",
            Evidence::Convention => "convention",
            Evidence::Unknown => "unknown",
            Evidence::Compiler => "compiler",
        }
    }
}

/// One thing Rust did, with where in the source it happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the trace, from 0.
    pub seq: u64,
    /// What happened.
    pub kind: EventKind,
    /// The variable concerned (for `fn_enter`/`fn_exit`: the function).
    pub var: Text,
    /// 1-based source line.
    pub line: u32,
    /// 1-based source column.
    pub col: u32,
    /// The value's type as `std::any::type_name` spells it, when known.
    #[serde(rename = "type")]
    pub ty: Option<Text>,
    /// Bytes the value takes where it lives (on the stack for a local).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<usize>,
    /// Whether dropping a value of this type runs code (a destructor, or freeing memory).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs_drop: Option<bool>,
    /// Address of the value itself (a local's place on the stack), on `bind`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addr: Option<usize>,
    /// Source of a move, copy or clone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Text>,
    /// Destination of a move, copy or clone; holder of a borrow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Text>,
    /// What a borrow (or borrow end) refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<Text>,
    /// Nesting depth of traced calls (0 = the outermost traced function).
    pub depth: u32,
    /// Why the trace believes it, where that is not obvious.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// Why it happened, or how: the method or macro involved, why a drop happened (an
    /// assignment, `drop()`), a scope left early, unwinding ([`Detail`], which reads as its
    /// words, the ones JSON carries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Detail>,
    /// For `folded`: how many iterations or calls were folded; for heap events: bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Heap figures, when the heap tracker or a known type gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heap: Option<HeapFacts>,
}

/// Heap figures attached to an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeapFacts {
    /// Address of the heap block (as a number), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addr: Option<usize>,
    /// Bytes of the heap block (capacity), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<usize>,
    /// For `Rc`/`Arc`: the strong count after the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strong: Option<usize>,
    /// For `Rc`/`Arc`: the weak count after the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weak: Option<usize>,
}

impl Event {
    /// Why it happened, or how: the reason its [`Detail`] gives, if any.
    ///
    /// ```
    /// use trace_ownership_runtime::{Event, EventKind, Why};
    /// let mut ev = Event::new(EventKind::Dropped, "s", 4, 5);
    /// ev.detail = Some(Why::Replaced.into());
    /// assert_eq!(ev.why(), Some(&Why::Replaced));
    /// ```
    pub fn why(&self) -> Option<&Why> {
        self.detail.as_ref().and_then(|d| d.why.as_ref())
    }

    /// A bare event of `kind` about `var` at `line:col`; the other fields empty.
    pub fn new(kind: EventKind, var: impl Into<Text>, line: u32, col: u32) -> Event {
        Event {
            seq: 0,
            kind,
            var: var.into(),
            line,
            col,
            ty: None,
            size: None,
            needs_drop: None,
            addr: None,
            from: None,
            to: None,
            of: None,
            depth: 0,
            evidence: None,
            detail: None,
            count: None,
            heap: None,
        }
    }
}

/// A label for the current thread: its name, or its id.
pub(crate) fn thread_label() -> String {
    let t = std::thread::current();
    match t.name() {
        Some(n) => n.to_string(),
        None => format!("{:?}", t.id()),
    }
}

/// Everything one outermost traced call (or one [`crate::capture`]) did, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    /// Schema version ([`SCHEMA_VERSION`]).
    pub schema: u32,
    /// The outermost traced function (or `"capture"`).
    pub function: Text,
    /// Its source file, as `file!()` gives it.
    pub file: Text,
    /// The thread's name, or its id when it has none.
    pub thread: String,
    /// The events, in the order they happened.
    pub events: Vec<Event>,
    /// Events not kept because the trace reached its size limit (counted, not stored).
    #[serde(default)]
    pub lost: u64,
    /// Whether the heap tracker was installed: without it there are no `alloc`/`dealloc` events.
    #[serde(default)]
    pub heap_tracker: bool,
    /// The source of each traced function that ran, as the macro saw it at expansion (so a page
    /// can show the code even where the source file is not). Empty when none was embedded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// The source text of one traced function, embedded by the macro at expansion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The function, as traces name it.
    pub function: Text,
    /// Its file, as `file!()` gives it.
    pub file: Text,
    /// The line of the text's first line in that file (1-based).
    pub first_line: u32,
    /// The text, from the function's first line to its closing brace; lines end with `\n`.
    pub text: Text,
}

impl Source {
    /// The text of `line` (a line number of the file), when this source covers it.
    ///
    /// ```
    /// use trace_ownership_runtime::Source;
    /// let s = Source { function: "f".into(), file: "a.rs".into(), first_line: 3, text: "fn f() {\n}\n".into() };
    /// assert_eq!((s.line(3), s.line(4), s.line(5)), (Some("fn f() {"), Some("}"), None));
    /// ```
    pub fn line(&self, line: u32) -> Option<&str> {
        let i = line.checked_sub(self.first_line)?;
        self.text.lines().nth(i as usize)
    }

    /// The last line this source covers.
    pub fn last_line(&self) -> u32 {
        self.first_line + self.text.lines().count().saturating_sub(1) as u32
    }
}

impl Trace {
    /// An empty trace for `function` in `file`, on the current thread (its name, or its id when
    /// it has none), with `heap_tracker` false: the recorder sets it on the traces it records.
    ///
    /// ```
    /// use trace_ownership_runtime::Trace;
    /// let t = std::thread::Builder::new()
    ///     .name("worker".into())
    ///     .spawn(|| Trace::new("f", "src/f.rs"))
    ///     .unwrap()
    ///     .join()
    ///     .unwrap();
    /// assert_eq!((t.thread.as_str(), t.events.len(), t.heap_tracker), ("worker", 0, false));
    /// ```
    pub fn new(function: impl Into<Text>, file: impl Into<Text>) -> Trace {
        Trace {
            schema: SCHEMA_VERSION,
            function: function.into(),
            file: file.into(),
            thread: thread_label(),
            events: Vec::new(),
            lost: 0,
            heap_tracker: false,
            sources: Vec::new(),
        }
    }

    /// The events of one kind, in order.
    pub fn of_kind(&self, kind: EventKind) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| e.kind == kind)
    }

    /// The embedded source that covers `line` of `file`, if any (the innermost, when a traced
    /// function is nested in another).
    pub fn source_at(&self, file: &str, line: u32) -> Option<&Source> {
        self.sources
            .iter()
            .filter(|s| s.file == file && s.first_line <= line && line <= s.last_line())
            .max_by_key(|s| s.first_line)
    }

    /// `(kind, var)` of every event: handy for asserting exact sequences in tests.
    pub fn kinds_and_vars(&self) -> Vec<(&'static str, String)> {
        self.events
            .iter()
            .map(|e| (e.kind.as_str(), e.var.to_string()))
            .collect()
    }
}
