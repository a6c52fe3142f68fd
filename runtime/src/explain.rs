//! One plain-English sentence per event, for a beginner.

use crate::event::{Event, EventKind, Evidence};

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

/// Whether values of this type keep their contents on the heap (for the sentence only).
fn heap_owner(ty: &str) -> Option<&'static str> {
    let short = short_type(ty);
    let head = short.split('<').next().unwrap_or("");
    match head {
        "String" => Some("its heap buffer of text"),
        "Vec" | "VecDeque" => Some("its heap buffer of elements"),
        "Box" => Some("the heap memory it points to"),
        "HashMap" | "BTreeMap" | "HashSet" | "BTreeSet" => Some("its heap-allocated entries"),
        "Rc" | "Arc" => {
            Some("its share of the reference count (the value goes when the last owner does)")
        }
        "PathBuf" | "OsString" => Some("its heap buffer"),
        _ => None,
    }
}

fn ty_phrase(ev: &Event) -> String {
    match &ev.ty {
        Some(t) => format!(" (a `{}`)", short_type(t)),
        None => String::new(),
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
    let var = code(&ev.var);
    let to = ev
        .to
        .as_deref()
        .map(code)
        .unwrap_or_else(|| "a new owner".into());
    let detail = ev.detail.as_deref();
    let unwinding = detail.is_some_and(|d| d.contains("unwinding"));
    let why = match ev.evidence {
        Some(Evidence::DropGlue) => " (its type has drop code, so it is never `Copy`)",
        Some(Evidence::UsedLater) => " (the program uses it again later, so it was not moved)",
        Some(Evidence::Convention) => " (judged by the method's name: a convention, not proof)",
        Some(Evidence::Compiler) => " (as the compiler's MIR of this code says)",
        _ => "",
    };
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
            Some("declared without a value") => {
                format!("{var} is declared with no value yet: it must be given one before use")
            }
            Some("parameter") => format!("parameter {var} owns the value passed in{}", ty_phrase(ev)),
            Some("loop variable") => format!("loop variable {var} owns this iteration's value{}", ty_phrase(ev)),
            Some("closure parameter") => format!("closure parameter {var} owns the value passed in{}", ty_phrase(ev)),
            _ if ev.ty.as_deref().is_some_and(|t| t.starts_with('&')) => format!(
                "{var} holds a reference{}: {} bytes on the stack; it does not own what it points to",
                ty_phrase(ev),
                ev.size.unwrap_or(0)
            ),
            _ => {
                let mut s = format!("{var} owns a value{}", ty_phrase(ev));
                if let (Some(t), Some(size)) = (ev.ty.as_deref(), ev.size) {
                    let size = match ev.addr {
                        Some(a) => format!("{size} bytes on the stack at {a:#x}"),
                        None => format!("{size} bytes on the stack"),
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
                                ": {size} that point to {b} bytes on the heap at {a:#x}"
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
            Some("partial move") => format!(
                "{var} moved out into {to}: that part can no longer be used, the rest stays"
            ),
            _ => {
                if ev.to.as_deref() == Some("return value") {
                    format!("{var} moved out to the caller as the return value{why}")
                } else {
                    format!("{var} moved into {to}: {var} can no longer be used{why}")
                }
            }
        },
        EventKind::Copied => format!(
            "{var} copied into {to}: both are usable, `Copy` values are duplicated{why}"
        ),
        EventKind::Cloned => format!(
            "{var} cloned into {to}: a deep copy, each owns its own data"
        ),
        EventKind::Borrowed if detail == Some("method receiver") => format!(
            "{var} used by {to} through a reference (shared or mutable){why}"
        ),
        EventKind::Borrowed => {
            let by = by_phrase(detail, ev.to.as_deref());
            format!("{var} borrowed (shared, read-only) by {to}{by}{why}")
        }
        EventKind::BorrowedMut => {
            let by = by_phrase(detail, ev.to.as_deref());
            let raw_to = ev.to.as_deref().unwrap_or("");
            match mem_fn_note(raw_to) {
                Some(note) => format!("{var} borrowed mutably by {to}{note}"),
                None => format!(
                    "{var} borrowed mutably by {to}{by}: no other use of {var} until it ends{why}"
                ),
            }
        }
        EventKind::BorrowEnd => match detail {
            Some(holder) => format!(
                "the borrow of {var} by {to}, kept in {}, ends: {var} is free again",
                code(holder)
            ),
            None => format!("the borrow of {var} by {to} ends: {var} is free again"),
        },
        EventKind::Dropped => {
            let mut s = if detail == Some("old value replaced by assignment") {
                format!("the old value of {var} is dropped before the new one is stored")
            } else if detail == Some("dropped early by drop()") {
                format!("{var} is dropped now by `drop()`, before its scope ends")
            } else {
                format!("{var} goes out of scope and is dropped")
            };
            let is_ref = ev.ty.as_deref().is_some_and(|t| t.starts_with('&'));
            match (ev.needs_drop, ev.ty.as_deref().and_then(heap_owner)) {
                (Some(false), _) if is_ref => {
                    s.push_str(": a reference owns nothing, so nothing is freed")
                }
                (Some(true), Some(what)) => s.push_str(&format!(": {what} is freed")),
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
            let mut s = match detail.unwrap_or("") {
                d if d.starts_with("moved to") => format!(
                    "{var} goes out of scope: its value was {d}, so nothing is dropped"
                ),
                d if d.starts_with("may have been taken") => {
                    if ev.needs_drop == Some(false) {
                        format!("{var} goes out of scope: nothing to free either way")
                    } else {
                        format!(
                            "{var} goes out of scope: dropped here unless its value {d} (the macro cannot see)"
                        )
                    }
                }
                d if d.starts_with("partially moved") => format!(
                    "{var} goes out of scope: the parts moved out are not dropped, the rest is"
                ),
                d if d.starts_with("never given") => {
                    format!("{var} goes out of scope: it never got a value, nothing to drop")
                }
                _ => format!("{var} goes out of scope"),
            };
            if unwinding {
                s.push_str(" (while unwinding from a panic)");
            }
            s
        }
        EventKind::MaybeMove => {
            let via = detail.map(|d| format!(" as {d}")).unwrap_or_default();
            format!(
                "{var} given to {to}{via}: moved, copied or borrowed, the macro cannot see which"
            )
        }
        EventKind::Assign => format!("{var} gets a new value{}", ty_phrase(ev)),
        EventKind::Folded => {
            let n = ev.count.unwrap_or(0);
            format!(
                "… {n} more {} {} folded ({})",
                if ev.var == "closure" { "closure" } else { "loop" },
                if ev.var == "closure" { "calls" } else { "iterations" },
                detail.unwrap_or("")
            )
        }
        EventKind::Alloc => format!(
            "{} bytes allocated on the heap{}",
            ev.count.unwrap_or(0),
            addr(ev)
        ),
        EventKind::Dealloc => format!(
            "{} bytes of heap memory freed{}",
            ev.count.unwrap_or(0),
            addr(ev)
        ),
        EventKind::Realloc => format!(
            "a heap block resized to {} bytes{}",
            ev.count.unwrap_or(0),
            addr(ev)
        ),
    }
}

/// " (via `len()`)" when the borrow was taken by a method or macro other than the holder.
fn by_phrase(detail: Option<&str>, to: Option<&str>) -> String {
    match detail {
        Some(d) if Some(d) != to && d != "method receiver" => format!(" (via {})", code(d)),
        _ => String::new(),
    }
}

fn addr(ev: &Event) -> String {
    match ev.heap.as_ref().and_then(|h| h.addr) {
        Some(a) => format!(" at {a:#x}"),
        None => String::new(),
    }
}
