//! One plain-English sentence per event, for a beginner.

use crate::detail::Why;
use crate::event::{Event, EventKind, Evidence};
use crate::labels;
use crate::types;

/// A short, readable form of a `type_name`: module paths dropped (`alloc::string::String` →
/// `String`, `alloc::vec::Vec<i32>` → `Vec<i32>`).
///
/// ```
/// use trace_ownership_runtime::explain::short_type;
/// assert_eq!(short_type("alloc::vec::Vec<alloc::string::String>"), "Vec<String>");
/// assert_eq!(short_type("&str"), "&str");
/// ```
pub fn short_type(ty: &str) -> String {
    let mut out = String::with_capacity(ty.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let last = word.rsplit("::").next().unwrap_or(word);
        out.push_str(last);
        word.clear();
    };
    for c in ty.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The head of a type's short name (`Vec` of `alloc::vec::Vec<u8>`), after any `&`.
fn head(ty: &str) -> String {
    let short = short_type(ty);
    short.split('<').next().unwrap_or("").to_string()
}

/// What dropping an owner of this type frees (for the sentence only), as a clause.
fn heap_owner(ty: &str) -> Option<&'static str> {
    match head(ty).as_str() {
        "String" => Some("its heap buffer of text is freed"),
        "Vec" | "VecDeque" => Some("its heap buffer of elements is freed"),
        "Box" => Some("the heap memory it points to is freed"),
        "HashMap" | "BTreeMap" | "HashSet" | "BTreeSet" => {
            Some("its heap-allocated entries are freed")
        }
        "Rc" | "Arc" => {
            Some("one owner fewer; the shared value is freed only when its last owner is dropped")
        }
        "Weak" => Some("one weak reference fewer; it never kept the value alive"),
        "PathBuf" | "OsString" => Some("its heap buffer is freed"),
        "Ref" | "RefMut" if ty.starts_with("core::cell::") => {
            Some("the guard's drop code gives its borrow of the `RefCell`'s contents back")
        }
        "MutexGuard" => Some("the guard's drop code unlocks the `Mutex`"),
        "RwLockReadGuard" | "RwLockWriteGuard" => {
            Some("the guard's drop code releases its hold on the `RwLock`")
        }
        _ => None,
    }
}

/// " (a `String`)", " (an `i32`)".
fn ty_phrase(ev: &Event) -> String {
    match &ev.ty {
        Some(t) if t.contains("{{closure}}") => " (a closure)".to_string(),
        Some(t) => {
            let short = short_type(t);
            format!(" ({} `{short}`)", article(&short))
        }
        None => String::new(),
    }
}

/// "an" before a type name read with a vowel sound (`i32`, `f64`, `Option`, `Rc`), else "a".
fn article(short: &str) -> &'static str {
    let first = short.chars().next().unwrap_or('x');
    let vowel = "aeioAEIO".contains(first)
        || (first == 'f' && short[1..].starts_with(|c: char| c.is_ascii_digit()))
        || short.starts_with("Rc");
    if vowel {
        "an"
    } else {
        "a"
    }
}

/// The method's name in a receiver event's `to` (`join` of `join()`).
fn method_of(to: Option<&str>) -> &str {
    to.and_then(|t| t.strip_suffix("()")).unwrap_or("")
}

/// What a clone of a value of type `ty` (the source's) makes, as a clause.
/// The `detail` of a clone written `(*x).clone()` (the macro's words, SCHEMA.md).
pub const POINTEE: &str = labels::POINTEE;

/// The type a value of type `ty` points to, when `ty` is a reference or a standard smart
/// pointer: `&T`, `&mut T`, `Box<T>`, `Rc<T>`, `Arc<T>` → `T`. `None` for any other type.
fn pointee(ty: &str) -> Option<&str> {
    let ty = ty.trim();
    if let Some(rest) = ty.strip_prefix('&') {
        let rest = rest.trim_start();
        return Some(rest.strip_prefix("mut ").unwrap_or(rest).trim_start());
    }
    let open = ty.find('<')?;
    let path = &ty[..open];
    let std = ["alloc::boxed::Box", "alloc::rc::Rc", "alloc::sync::Arc"].contains(&path);
    if !std || !ty.ends_with('>') {
        return None;
    }
    // The first generic argument (a `Box` may name its allocator after it).
    crate::facts::std_methods::first_arg(&ty[open + 1..ty.len() - 1])
}

/// Whether `x.clone()` on an `x` of type `ty` clones what `x` points to: `x` is a reference to
/// a value that is not itself a reference (`&&T` clones the inner reference).
fn clones_pointee(ty: &str) -> bool {
    ty.trim_start().starts_with('&') && pointee(ty).is_some_and(|p| !p.starts_with('&'))
}

fn clone_clause(ty: Option<&str>) -> String {
    let Some(ty) = ty else {
        return "a new value made by `.clone()` (a deep copy for most types, a new owner of the \
                same value for an `Rc` or `Arc`: which one, the trace cannot see here)"
            .into();
    };
    // `x.clone()` on a `&T` clones the `T` (method resolution finds `T::clone` first).
    let ty = ty.strip_prefix('&').map(str::trim_start).unwrap_or(ty);
    let ty = ty.strip_prefix("mut ").unwrap_or(ty);
    if ty.starts_with('&') {
        return "a copy of the reference: both point to the same value".into();
    }
    match head(ty).as_str() {
        "Rc" => {
            return "a new owner of the same value, nothing is copied (the `Rc` now counts \
                        one owner more)"
                .into()
        }
        "Arc" => {
            return "a new owner of the same value, nothing is copied (the `Arc` now counts \
                         one owner more)"
                .into()
        }
        "Weak" => {
            return "a new weak reference to the same value: it does not keep the value alive"
                .into()
        }
        _ => {}
    }
    if crate::facts::copy_by_name(ty) == crate::facts::CopyKnown::Yes {
        return "for a `Copy` type a clone is a plain copy, both are usable".into();
    }
    match deep_clone(ty) {
        Some(true) => "a deep copy, each owns its own data".into(),
        Some(false) => "a new value whose `Rc`/`Arc` parts are shared, not copied: each of \
                        them counts one owner more"
            .into(),
        None => "a new value made by its type's `Clone`: a deep copy unless the type shares \
                 parts (an `Rc` inside, say)"
            .into(),
    }
}

/// Whether cloning a `ty` copies everything it owns (`Some(true)`: `String`, `Vec<String>`),
/// shares some part (`Some(false)`: an `Rc` or a reference inside), or is not known (`None`: a
/// type whose `Clone` the trace cannot see).
fn deep_clone(ty: &str) -> Option<bool> {
    let ty = ty.trim();
    if ty.starts_with('&') {
        return Some(false);
    }
    if crate::facts::copy_by_name(ty) == crate::facts::CopyKnown::Yes {
        return Some(true);
    }
    let (path, args) = match ty.find('<') {
        Some(i) if ty.ends_with('>') => (&ty[..i], &ty[i + 1..ty.len() - 1]),
        _ => (ty, ""),
    };
    let last = path.rsplit("::").next().unwrap_or(path);
    let std = ["core::", "alloc::", "std::"]
        .iter()
        .any(|p| path.starts_with(p));
    if !std {
        return None;
    }
    if types::SHARED_OWNERS.contains(&last) {
        return Some(false);
    }
    if types::OWNED_BUFFERS.contains(&last) {
        return Some(true);
    }
    if !types::CONTAINERS.contains(&last) {
        return None;
    }
    let mut all = Some(true);
    let mut depth = 0i32;
    let mut start = 0;
    let bytes = args.as_bytes();
    for i in 0..=bytes.len() {
        let c = bytes.get(i).copied().unwrap_or(b',');
        match c {
            b'<' | b'(' | b'[' => depth += 1,
            b'>' | b')' | b']' => depth -= 1,
            b',' if depth == 0 => {
                let arg = args[start..i].trim();
                start = i + 1;
                // A map's or a `Box`'s allocator and a map's hasher are not cloned data.
                if arg.is_empty() || arg.ends_with("Global") || arg.ends_with("RandomState") {
                    continue;
                }
                match deep_clone(arg) {
                    Some(false) => return Some(false),
                    None => all = None,
                    Some(true) => {}
                }
            }
            _ => {}
        }
    }
    all
}

/// What a standard method's receiver event adds, known from the signature table, and whether
/// the call changes or hands out the contents (so the shared borrow is not "read-only").
fn std_receiver_note(ev: &Event) -> (String, bool) {
    use crate::facts::std_methods::{lookup, Extra, Guard};
    let Some(m) = ev
        .ty
        .as_deref()
        .and_then(|t| lookup(t, method_of(ev.to.as_deref())))
    else {
        return (String::new(), false);
    };
    let through = match m.through {
        Some(p) => format!(" (through the `{p}`, to the `{}` inside)", m.owner),
        None => String::new(),
    };
    let fallible = if m.fallible {
        ", or an error if it cannot"
    } else {
        ""
    };
    match m.extra {
        Extra::Plain => (through, false),
        Extra::Interior => (
            format!(
                "{through}: a `{}` changes its contents through a shared borrow (interior mutability)",
                m.owner
            ),
            true,
        ),
        Extra::Guard(g) => {
            let (check, guard, what) = match g {
                Guard::Ref => (
                    "checks, as the program runs, that its contents are not borrowed mutably,",
                    "Ref",
                    "a shared borrow of the contents",
                ),
                Guard::RefMut => (
                    "checks, as the program runs, that its contents are not borrowed at all,",
                    "RefMut",
                    "a mutable borrow of the contents",
                ),
                Guard::Mutex => (
                    "waits until no other thread holds its lock",
                    "MutexGuard",
                    "access to the contents for this thread alone",
                ),
                Guard::Read => (
                    "waits until no writer holds it",
                    "RwLockReadGuard",
                    "shared access to the contents",
                ),
                Guard::Write => (
                    "waits until no reader or writer holds it",
                    "RwLockWriteGuard",
                    "exclusive access to the contents",
                ),
            };
            (
                format!(
                    "{through}: the `{}` {check} and hands out a `{guard}` guard{fallible}: {what} until the guard is dropped",
                    m.owner
                ),
                true,
            )
        }
    }
}

/// Whether the event is a guess (evidence `convention` or `unknown`): the text renderer marks
/// its line with [`HEDGE_MARK`] and explains the mark once, in [`HEDGE_LEGEND`].
pub fn hedged(ev: &Event) -> bool {
    matches!(ev.evidence, Some(Evidence::Convention | Evidence::Unknown))
}

/// The mark on the line of a [`hedged`] event.
pub const HEDGE_MARK: &str = "?";

/// What [`HEDGE_MARK`] means, said once per trace.
pub const HEDGE_LEGEND: &str =
    "? marks a guess, not a proof: judged by a method's name (a naming convention), or \
     something the macro cannot see (a type or a signature); each event's `evidence` says which";

/// The bytes of a heap event (its `count`), as [`bytes`] spells them.
fn heap_bytes(ev: &Event) -> String {
    bytes(usize::try_from(ev.count.unwrap_or(0)).unwrap_or(usize::MAX))
}

/// "1 byte", "24 bytes".
fn bytes(n: usize) -> String {
    if n == 1 {
        "1 byte".to_string()
    } else {
        format!("{n} bytes")
    }
}

/// Names in backticks; phrases ("the `+` operator", "return value") as they are.
fn code(s: &str) -> String {
    if s.contains(' ') || s.contains('`') {
        s.to_string()
    } else {
        format!("`{s}`")
    }
}

/// What `std::mem::take/replace/swap` do, for the borrow they take.
fn mem_fn_note(to: &str) -> Option<&'static str> {
    if to.ends_with("mem::take()") {
        Some(": `take` moves the value out and leaves `Default::default()` in its place")
    } else if to.ends_with("mem::replace()") {
        Some(": `replace` moves the value out and puts the new one in its place")
    } else if to.ends_with("mem::swap()") {
        Some(": `swap` exchanges the two values; nothing is dropped")
    } else {
        None
    }
}

/// The sentence for one event.
///
/// ```
/// use trace_ownership_runtime::{Event, EventKind, explain::sentence};
/// let mut ev = Event::new(EventKind::Move, "s", 3, 9);
/// ev.from = Some("s".into());
/// ev.to = Some("t".into());
/// assert_eq!(sentence(&ev), "`s` moved into `t`: `s` can no longer be used");
/// ```
pub fn sentence(ev: &Event) -> String {
    // A scope left early: said once, at the end, after the sentence of the event itself.
    match ev.detail.as_ref().and_then(|d| Some((d.left_early?, d))) {
        Some((line, d)) => {
            let mut inner = ev.clone();
            inner.detail = d.without_left_early();
            format!(
                "{} (the scope is left early, at line {line}; it ends at this closing brace)",
                sentence_of(&inner)
            )
        }
        None => sentence_of(ev),
    }
}

/// [`sentence`], for an event that does not leave its scope early.
fn sentence_of(ev: &Event) -> String {
    let var = code(&ev.var);
    let to = ev
        .to
        .as_deref()
        .map(code)
        .unwrap_or_else(|| "a new owner".into());
    let unwinding = ev
        .detail
        .as_ref()
        .is_some_and(|d| d.unwinding || d.why == Some(Why::Unwound));
    // The reason, without the unwinding note, which is said once, at the end.
    let detail = ev.why();
    let why = match ev.evidence {
        Some(Evidence::DropGlue) => " (its type has drop code, so it is never `Copy`)".to_string(),
        Some(Evidence::UsedLater) => {
            " (the program uses it again later, so it was not moved)".to_string()
        }
        Some(Evidence::StdSignature) => format!(
            " (`{}` takes `self` by value: its signature in the standard library)",
            method_of(ev.to.as_deref())
        ),
        Some(Evidence::Compiler) => " (as the compiler's MIR of this code says)".to_string(),
        _ => String::new(),
    };
    let is_ref = ev.ty.as_deref().is_some_and(|t| t.starts_with('&'));
    match ev.kind {
        EventKind::FnEnter => format!("call `{}`", ev.var),
        EventKind::FnExit => {
            if unwinding {
                format!("`{}` unwinds from a panic", ev.var)
            } else {
                format!("`{}` returns", ev.var)
            }
        }
        EventKind::Bind => match detail {
            Some(Why::Declared) => {
                format!("{var} is declared with no value yet: it must be given one before use")
            }
            Some(Why::Parameter) if is_ref => format!(
                "parameter {var} holds the reference passed in{}: it does not own what it points to",
                ty_phrase(ev)
            ),
            Some(Why::LoopVariable) if is_ref => format!(
                "loop variable {var} holds a reference to this iteration's item{}: it does not own what it points to",
                ty_phrase(ev)
            ),
            Some(Why::ClosureParameter) if is_ref => format!(
                "closure parameter {var} holds the reference passed in{}: it does not own what it points to",
                ty_phrase(ev)
            ),
            Some(Why::Parameter) => format!("parameter {var} owns the value passed in{}", ty_phrase(ev)),
            Some(Why::LoopVariable) => format!("loop variable {var} owns this iteration's value{}", ty_phrase(ev)),
            Some(Why::ClosureParameter) => format!("closure parameter {var} owns the value passed in{}", ty_phrase(ev)),
            _ if is_ref => format!(
                "{var} holds a reference{}: {} on the stack; it does not own what it points to",
                ty_phrase(ev),
                bytes(ev.size.unwrap_or(0))
            ),
            _ => {
                if ev.ty.is_none() {
                    // Not read (`Slot::bind_opaque`): reading it would change what the compiler
                    // says about the program.
                    return format!(
                        "{var} gets its value (its type is not observed: reading {var} here would change the compiler's warnings or errors)"
                    );
                }
                let mut s = format!("{var} owns a value{}", ty_phrase(ev));
                if let (Some(t), Some(size)) = (ev.ty.as_deref(), ev.size) {
                    let size = match ev.addr {
                        Some(a) => format!("{} on the stack at {a:#x}", bytes(size)),
                        None => format!("{} on the stack", bytes(size)),
                    };
                    match (heap_owner(t), &ev.heap) {
                        (_, Some(h)) if h.strong.is_some() => s.push_str(&format!(
                            ": {size} pointing to a shared value on the heap{} ({} owner{} now)",
                            h.addr.map(|a| format!(" at {a:#x}")).unwrap_or_default(),
                            h.strong.unwrap_or(0),
                            if h.strong == Some(1) { "" } else { "s" }
                        )),
                        (_, Some(h)) => match (h.bytes, h.addr) {
                            (Some(b), Some(a)) => s.push_str(&format!(
                                ": {size} that point to {} on the heap at {a:#x}",
                                bytes(b)
                            )),
                            _ => s.push_str(&format!(
                                ": {size}; no heap memory yet"
                            )),
                        },
                        (Some(_), None) => s.push_str(&format!(
                            ": {size} that point to data on the heap"
                        )),
                        (None, None) => s.push_str(&format!(": {size}")),
                    }
                }
                s
            }
        },
        EventKind::Move => match detail {
            Some(Why::PartialMove) => format!(
                "{var} moved out into {to}: that part can no longer be used, the rest stays"
            ),
            Some(Why::Captured) => format!(
                "{var} moved into the closure {to}, which captures it by value (its body consumes it): {var} can no longer be used{why}"
            ),
            _ => {
                if ev.to.as_deref() == Some(labels::RETURN_VALUE) {
                    format!("{var} moved out to the caller as the return value{why}")
                } else {
                    format!("{var} moved into {to}: {var} can no longer be used{why}")
                }
            }
        },
        EventKind::Copied if detail == Some(&Why::MethodReceiver) => format!(
            "{var} copied into {to}, or borrowed by it (its signature decides): its type is `Copy`, so {var} stays usable either way"
        ),
        EventKind::Copied => format!(
            "{var} copied into {to}: both are usable, `Copy` values are duplicated{why}"
        ),
        // `(*x).clone()`: the value `x` points to, whatever `x` is (a reference, a `Box`, an
        // `Rc`: then a copy of the value, not a new owner).
        EventKind::Cloned if detail == Some(&Why::Pointee) => format!(
            "the value {var} points to cloned into {to}: {}",
            clone_clause(ev.ty.as_deref().and_then(pointee))
        ),
        // `r.clone()` on a reference `r` clones what it points to.
        EventKind::Cloned if ev.ty.as_deref().is_some_and(clones_pointee) => {
            format!(
                "the value {var} points to cloned into {to}: {}",
                clone_clause(ev.ty.as_deref())
            )
        }
        EventKind::Cloned => format!(
            "{var} cloned into {to}: {}",
            clone_clause(ev.ty.as_deref())
        ),
        EventKind::Borrowed
            if detail == Some(&Why::MethodReceiver) && ev.evidence == Some(Evidence::UsedLater) =>
        {
            format!("{var} used by {to} through a reference (shared or mutable){why}")
        }
        EventKind::Borrowed => {
            let by = by_phrase(detail, ev.to.as_deref());
            if ev.evidence == Some(Evidence::StdSignature) {
                let (note, changes) = std_receiver_note(ev);
                if changes {
                    // Interior mutability or a guard: the variable is borrowed shared, but the
                    // call changes or hands out its contents: "read-only" would be false.
                    return format!("{var} borrowed (shared) by {to}{note}");
                }
                return format!("{var} borrowed (shared, read-only) by {to}{note}");
            }
            format!("{var} borrowed (shared, read-only) by {to}{by}")
        }
        EventKind::BorrowedMut => {
            let by = by_phrase(detail, ev.to.as_deref());
            let raw_to = ev.to.as_deref().unwrap_or("");
            match mem_fn_note(raw_to) {
                Some(note) => format!("{var} borrowed mutably by {to}{note}"),
                None => format!(
                    "{var} borrowed mutably by {to}{by}: no other use of {var} until it ends"
                ),
            }
        }
        EventKind::BorrowEnd => match detail {
            Some(Why::EndedWithCall) => format!(
                "the borrow of {var} by {to} ends with the call: what it returned cannot hold a borrow, so {var} is free again"
            ),
            Some(Why::Words(holder)) => format!(
                "the borrow of {var} by {to}, kept in {}, ends: {var} is free again",
                code(holder)
            ),
            _ => format!("the borrow of {var} by {to} ends: {var} is free again"),
        },
        EventKind::Dropped => {
            let mut s = if detail == Some(&Why::Replaced) {
                format!("the old value of {var} is dropped before the new one is stored")
            } else if detail == Some(&Why::DroppedEarly) {
                format!("{var} is dropped now by `drop()`, before its scope ends")
            } else if ev.ty.is_none() && ev.evidence == Some(Evidence::Unknown) {
                format!(
                    "{var} goes out of scope: what it owns, if anything, is dropped here (its type was not observed)"
                )
            } else {
                format!("{var} goes out of scope and is dropped")
            };
            match (ev.needs_drop, ev.ty.as_deref().and_then(heap_owner)) {
                (Some(true), Some(what)) => s.push_str(&format!(": {what}")),
                (Some(true), None) => s.push_str(": its drop code runs"),
                (Some(false), _) => s.push_str(": nothing to free, its stack bytes are just popped"),
                (None, _) => {}
            }
            if unwinding {
                s.push_str(" (while unwinding from a panic)");
            }
            s
        }
        EventKind::OutOfScope => {
            let mut s = match detail {
                Some(Why::MovedTo(to)) => format!(
                    "{var} goes out of scope: its value was {}{to}, so nothing is dropped",
                    labels::MOVED_TO
                ),
                Some(Why::MayHaveBeenTaken(by)) => {
                    if ev.needs_drop == Some(false) {
                        format!("{var} goes out of scope: nothing to free either way")
                    } else {
                        format!(
                            "{var} goes out of scope: dropped here unless its value {}{by} (the macro cannot see)",
                            labels::MAY_HAVE_BEEN_TAKEN
                        )
                    }
                }
                Some(Why::PartiallyMoved) => format!(
                    "{var} goes out of scope: the parts moved out are not dropped, the rest is"
                ),
                Some(Why::NeverGiven) => {
                    format!("{var} goes out of scope: it never got a value, nothing to drop")
                }
                Some(Why::Reference) => format!(
                    "{var} goes out of scope: a reference owns nothing, so nothing is dropped"
                ),
                _ => format!("{var} goes out of scope"),
            };
            if unwinding {
                s.push_str(" (while unwinding from a panic)");
            }
            s
        }
        EventKind::MaybeMove if detail == Some(&Why::PartialMove) => format!(
            "{var} {} into {to}: moved out if not `Copy`, copied if `Copy` (the macro cannot see the field's type)",
            if ev.var.starts_with("the other fields") { "go" } else { "goes" }
        ),
        EventKind::MaybeMove if detail == Some(&Why::Captured) => format!(
            "{var} captured by the closure {to}: by reference or by value, the macro cannot see which"
        ),
        EventKind::MaybeMove => {
            let via = detail.map(|d| format!(" as {d}")).unwrap_or_default();
            format!(
                "{var} given to {to}{via}: moved, copied or borrowed, the macro cannot see which"
            )
        }
        EventKind::Called => format!(
            "{var} is called: the closure's body runs now, with what it captured"
        ),
        EventKind::Assign => format!("{var} gets a new value{}", ty_phrase(ev)),
        EventKind::Folded => {
            let n = ev.count.unwrap_or(0);
            format!(
                "… {n} more {} {} folded ({})",
                if ev.var == "closure" { "closure" } else { "loop" },
                if ev.var == "closure" { "calls" } else { "iterations" },
                detail.map(Why::to_string).unwrap_or_default()
            )
        }
        EventKind::Alloc => format!(
            "{} allocated on the heap{}",
            heap_bytes(ev),
            addr(ev)
        ),
        EventKind::Dealloc => format!(
            "{} of heap memory freed{}",
            heap_bytes(ev),
            addr(ev)
        ),
        EventKind::Realloc => format!(
            "a heap block resized to {}{}",
            heap_bytes(ev),
            addr(ev)
        ),
    }
}

/// " (via `len()`)" when the borrow was taken by a method or macro other than the holder.
fn by_phrase(detail: Option<&Why>, to: Option<&str>) -> String {
    match detail {
        Some(Why::Captured) => " (the closure captures it by reference)".to_string(),
        Some(Why::Words(d)) if Some(&**d) != to => format!(" (via {})", code(d)),
        _ => String::new(),
    }
}

fn addr(ev: &Event) -> String {
    match ev.heap.as_ref().and_then(|h| h.addr) {
        Some(a) => format!(" at {a:#x}"),
        None => String::new(),
    }
}
