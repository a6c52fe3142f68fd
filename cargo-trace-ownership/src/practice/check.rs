//! The `Check:` properties of an exercise (a closed grammar, see the exercise format) and their
//! evaluation on the traces of the learner's run. A property that fails says so in one
//! sentence naming the trace line that broke it.
//!
//! The grammar (names are variable names as the trace shows them, `F` a function or method
//! name as it appears in a call or move target, `N` a whole number); each holds on the traces
//! of the run, all frames:
//!
//! | property | holds when |
//! |---|---|
//! | `no clone` | no `clone` event at all |
//! | `no clone of X` | no `clone` event whose source is `X` |
//! | `X never moved` | `X` is bound and never moved (a move the trace cannot see counts as one) |
//! | `X moved into F` | `X` moved into a call of `F`, or into a closure on a line that calls `F(` |
//! | `X borrowed by F` | `X` lent (shared or mutable) to a call of `F` |
//! | `X dropped before Y` | both are dropped, `X` first |
//! | `X dropped before call F` | `X` is dropped before the first call of `F` |
//! | `X freed before call F` | the heap block `X` owned is freed before the first call of `F` (heap tracker) |
//! | `heap peak at most N bytes` | live heap bytes never exceed `N` during the traced run (heap tracker) |
//! | `at most N owners of X`, `exactly N owners of X` | the largest `Rc`/`Arc` strong count shown for `X`'s value |
//! | `F called` | a call of `F` is recorded (its traced call, or a value passed to it) |

use trace_ownership_runtime::{Event, EventKind, Trace, Why};

/// One trace property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Property {
    /// `no clone`.
    NoClone,
    /// `no clone of X`.
    NoCloneOf(String),
    /// `X never moved`.
    NeverMoved(String),
    /// `X moved into F`.
    MovedInto(String, String),
    /// `X borrowed by F`.
    BorrowedBy(String, String),
    /// `X dropped before Y`.
    DroppedBefore(String, String),
    /// `X dropped before call F`.
    DroppedBeforeCall(String, String),
    /// `X freed before call F`.
    FreedBeforeCall(String, String),
    /// `heap peak at most N bytes`.
    HeapPeakAtMost(u64),
    /// `at most N owners of X`.
    AtMostOwners(u64, String),
    /// `exactly N owners of X`.
    ExactlyOwners(u64, String),
    /// `F called`.
    Called(String),
}

impl Property {
    /// Whether the property needs the heap tracker's events.
    pub fn needs_heap(&self) -> bool {
        matches!(
            self,
            Property::FreedBeforeCall(..) | Property::HeapPeakAtMost(_)
        )
    }
}

impl std::fmt::Display for Property {
    /// The property as the grammar writes it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Property::NoClone => write!(f, "no clone"),
            Property::NoCloneOf(x) => write!(f, "no clone of {x}"),
            Property::NeverMoved(x) => write!(f, "{x} never moved"),
            Property::MovedInto(x, g) => write!(f, "{x} moved into {g}"),
            Property::BorrowedBy(x, g) => write!(f, "{x} borrowed by {g}"),
            Property::DroppedBefore(x, y) => write!(f, "{x} dropped before {y}"),
            Property::DroppedBeforeCall(x, g) => write!(f, "{x} dropped before call {g}"),
            Property::FreedBeforeCall(x, g) => write!(f, "{x} freed before call {g}"),
            Property::HeapPeakAtMost(n) => write!(f, "heap peak at most {n} bytes"),
            Property::AtMostOwners(n, x) => write!(f, "at most {n} owners of {x}"),
            Property::ExactlyOwners(n, x) => write!(f, "exactly {n} owners of {x}"),
            Property::Called(g) => write!(f, "{g} called"),
        }
    }
}

const GRAMMAR: &str = "one of `no clone`, `no clone of X`, `X never moved`, `X moved into F`, \
`X borrowed by F`, `X dropped before Y`, `X dropped before call F`, `X freed before call F`, \
`heap peak at most N bytes`, `at most N owners of X`, `exactly N owners of X`, `F called`";

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '.')
}

/// Parses one `Check:` value.
///
/// ```
/// use cargo_trace_ownership::practice::check::{parse, Property};
/// assert_eq!(parse("v moved into thread::spawn"), Ok(Property::MovedInto("v".into(), "thread::spawn".into())));
/// assert_eq!(parse("heap peak at most 64 bytes"), Ok(Property::HeapPeakAtMost(64)));
/// assert!(parse("s is fine").unwrap_err().contains("unknown property"));
/// ```
pub fn parse(text: &str) -> Result<Property, String> {
    let w: Vec<&str> = text.split_whitespace().collect();
    let num = |s: &str| s.parse::<u64>().ok();
    let p = match w.as_slice() {
        ["no", "clone"] => Some(Property::NoClone),
        ["no", "clone", "of", x] if is_name(x) => Some(Property::NoCloneOf(x.to_string())),
        [x, "never", "moved"] if is_name(x) => Some(Property::NeverMoved(x.to_string())),
        [x, "moved", "into", f] if is_name(x) && is_name(f) => {
            Some(Property::MovedInto(x.to_string(), f.to_string()))
        }
        [x, "borrowed", "by", f] if is_name(x) && is_name(f) => {
            Some(Property::BorrowedBy(x.to_string(), f.to_string()))
        }
        [x, "dropped", "before", "call", f] if is_name(x) && is_name(f) => {
            Some(Property::DroppedBeforeCall(x.to_string(), f.to_string()))
        }
        [x, "dropped", "before", y] if is_name(x) && is_name(y) => {
            Some(Property::DroppedBefore(x.to_string(), y.to_string()))
        }
        [x, "freed", "before", "call", f] if is_name(x) && is_name(f) => {
            Some(Property::FreedBeforeCall(x.to_string(), f.to_string()))
        }
        ["heap", "peak", "at", "most", n, "bytes"] => num(n).map(Property::HeapPeakAtMost),
        ["at", "most", n, "owners", "of", x] if is_name(x) => {
            num(n).map(|n| Property::AtMostOwners(n, x.to_string()))
        }
        ["exactly", n, "owners", "of", x] if is_name(x) => {
            num(n).map(|n| Property::ExactlyOwners(n, x.to_string()))
        }
        [f, "called"] if is_name(f) => Some(Property::Called(f.to_string())),
        _ => None,
    };
    p.ok_or_else(|| format!("unknown property `{text}`: expected {GRAMMAR}"))
}

/// A call target as the trace shows it (`consume()`, `println!`, `thread::spawn()`) matches the
/// name `f` of a property: the same name, or the same last path segment.
pub fn target_matches(to: &str, f: &str) -> bool {
    let clean = |s: &str| s.trim_end_matches("()").trim_end_matches('!').to_string();
    let (t, f) = (clean(to), clean(f));
    t == f || t.ends_with(&format!("::{f}")) || f.ends_with(&format!("::{t}"))
}

fn last_segment(f: &str) -> &str {
    f.rsplit("::").next().unwrap_or(f)
}

/// One event as a trace line, for the sentences: `7  clone  s -> t`.
pub fn event_line(e: &Event) -> String {
    let what = match e.kind {
        EventKind::Move | EventKind::Copied | EventKind::Cloned | EventKind::MaybeMove => format!(
            "{} -> {}",
            e.from.as_deref().unwrap_or(&e.var),
            e.to.as_deref().unwrap_or("?")
        ),
        EventKind::Borrowed | EventKind::BorrowedMut | EventKind::BorrowEnd => format!(
            "{} -> {}",
            e.of.as_deref().unwrap_or(&e.var),
            e.to.as_deref().unwrap_or("?")
        ),
        EventKind::Alloc | EventKind::Dealloc | EventKind::Realloc => {
            format!("{} bytes", e.count.unwrap_or(0))
        }
        _ => e.var.to_string(),
    };
    format!("{}  {}  {what}", e.line, e.kind.as_str())
}

/// Every event of every trace, in order (traces in the order they were written).
fn all(traces: &[Trace]) -> impl Iterator<Item = (&Trace, &Event)> {
    traces
        .iter()
        .flat_map(|t| t.events.iter().map(move |e| (t, e)))
}

fn source_line(t: &Trace, line: u32) -> Option<&str> {
    t.sources.iter().find_map(|s| s.line(line))
}

fn is_move_of(e: &Event, x: &str) -> bool {
    matches!(e.kind, EventKind::Move | EventKind::MaybeMove)
        && (e.from.as_deref() == Some(x)
            || (e.from.is_none() && e.var == x)
            || e.var.starts_with(&format!("{x}.")))
}

/// The first event that is a call of `f`: its traced call starts, the closure in it is
/// called, or a value is moved, copied or lent to it.
fn first_call<'a>(traces: &'a [Trace], f: &str) -> Option<(usize, &'a Event)> {
    all(traces).enumerate().find_map(|(i, (_, e))| {
        let hit = match e.kind {
            EventKind::FnEnter | EventKind::Called => target_matches(&e.var, f),
            EventKind::Move
            | EventKind::Copied
            | EventKind::Cloned
            | EventKind::MaybeMove
            | EventKind::Borrowed
            | EventKind::BorrowedMut => e.to.as_deref().is_some_and(|to| target_matches(to, f)),
            _ => false,
        };
        hit.then_some((i, e))
    })
}

fn first_drop<'a>(traces: &'a [Trace], x: &str) -> Option<(usize, &'a Event)> {
    all(traces)
        .enumerate()
        .find(|(_, (_, e))| e.kind == EventKind::Dropped && e.var == x)
        .map(|(i, (_, e))| (i, e))
}

/// The heap address `x` was seen owning (the first event about `x` that shows one).
fn heap_addr_of<'a>(traces: &'a [Trace], x: &str) -> Option<(usize, &'a Event)> {
    all(traces).find_map(|(_, e)| {
        (e.var == x && !matches!(e.kind, EventKind::Cloned))
            .then(|| e.heap.and_then(|h| h.addr).map(|a| (a, e)))
            .flatten()
    })
}

/// The old block (address, bytes) of a `realloc` event.
fn realloc_old(e: &Event) -> Option<(usize, u64)> {
    match e.why()? {
        Why::Resized { bytes, addr } => Some((*addr, *bytes as u64)),
        _ => None,
    }
}

fn no_heap_events(traces: &[Trace]) -> Option<String> {
    (!traces.iter().any(|t| t.heap_tracker))
        .then(|| "this property needs the heap tracker, and the run had none installed".to_string())
}

/// Checks `p` on the traces of one run: `Ok` when it holds, else the sentence saying why not.
pub fn evaluate(p: &Property, traces: &[Trace]) -> Result<(), String> {
    match p {
        Property::NoClone => match all(traces).find(|(_, e)| e.kind == EventKind::Cloned) {
            None => Ok(()),
            Some((_, e)) => Err(format!(
                "`{}` was cloned at line {} (trace: `{}`): this exercise asks you not to clone anything.",
                e.from.as_deref().unwrap_or(&e.var),
                e.line,
                event_line(e)
            )),
        },
        Property::NoCloneOf(x) => {
            let hit = all(traces).find(|(_, e)| {
                e.kind == EventKind::Cloned
                    && (e.from.as_deref() == Some(x.as_str()) || (e.from.is_none() && e.var == *x))
            });
            match hit {
                None => Ok(()),
                Some((_, e)) => Err(format!(
                    "`{x}` was cloned at line {} (trace: `{}`): this exercise asks you not to clone `{x}`.",
                    e.line,
                    event_line(e)
                )),
            }
        }
        Property::NeverMoved(x) => {
            if !all(traces).any(|(_, e)| e.kind == EventKind::Bind && e.var == *x) {
                return Err(format!(
                    "the trace never shows `{x}` being bound: this exercise expects a variable named `{x}`."
                ));
            }
            match all(traces).find(|(_, e)| is_move_of(e, x)) {
                None => Ok(()),
                Some((_, e)) if e.kind == EventKind::MaybeMove => Err(format!(
                    "at line {} the trace cannot tell whether `{x}` was moved (trace: `{}`): this exercise asks that `{x}` is never moved, so pass it in a way the trace can see (a reference `&{x}`).",
                    e.line,
                    event_line(e)
                )),
                Some((_, e)) => Err(format!(
                    "`{x}` was moved at line {} (trace: `{}`): this exercise asks you to keep `{x}` where it is (borrow it instead).",
                    e.line,
                    event_line(e)
                )),
            }
        }
        Property::MovedInto(x, f) => {
            let hit = all(traces).find(|(t, e)| {
                e.kind == EventKind::Move
                    && is_move_of(e, x)
                    && e.to.as_deref().is_some_and(|to| {
                        target_matches(to, f)
                            || (to.contains("closure")
                                && source_line(t, e.line).is_some_and(|l| {
                                    l.contains(&format!("{}(", last_segment(f)))
                                }))
                    })
            });
            match hit {
                Some(_) => Ok(()),
                None => match all(traces).find(|(_, e)| is_move_of(e, x)) {
                    Some((_, e)) => Err(format!(
                        "`{x}` is moved at line {} (trace: `{}`), but never into `{f}`: this exercise asks you to give `{x}` to `{f}`.",
                        e.line,
                        event_line(e)
                    )),
                    None => Err(format!(
                        "`{x}` is never moved into `{f}` (the trace shows no move of `{x}`): this exercise asks you to give `{x}` to `{f}`."
                    )),
                },
            }
        }
        Property::BorrowedBy(x, f) => {
            let lent = |e: &Event| {
                matches!(e.kind, EventKind::Borrowed | EventKind::BorrowedMut)
                    && (e.of.as_deref() == Some(x.as_str()) || (e.of.is_none() && e.var == *x))
            };
            if all(traces)
                .any(|(_, e)| lent(e) && e.to.as_deref().is_some_and(|to| target_matches(to, f)))
            {
                return Ok(());
            }
            if let Some((_, e)) = all(traces).find(|(_, e)| {
                is_move_of(e, x) && e.to.as_deref().is_some_and(|to| target_matches(to, f))
            }) {
                return Err(format!(
                    "`{x}` was moved into `{f}` at line {} (trace: `{}`): this exercise asks you to lend it (`&{x}`), not give it away.",
                    e.line,
                    event_line(e)
                ));
            }
            if let Some((_, e)) = all(traces).find(|(_, e)| {
                e.kind == EventKind::Cloned
                    && e.from.as_deref() == Some(x.as_str())
                    && e.to.as_deref().is_some_and(|to| target_matches(to, f))
            }) {
                return Err(format!(
                    "`{x}` was cloned for `{f}` at line {} (trace: `{}`): this exercise asks you to lend `{x}` to `{f}` (`&{x}`), not to give it a copy.",
                    e.line,
                    event_line(e)
                ));
            }
            match first_call(traces, f) {
                Some((_, e)) => Err(format!(
                    "{} but does not borrow `{x}`: this exercise asks you to lend `{x}` to `{f}`.",
                    call_phrase(f, e)
                )),
                None => Err(format!(
                    "`{f}` is never called, so it never borrows `{x}`: this exercise asks you to lend `{x}` to `{f}`."
                )),
            }
        }
        Property::DroppedBefore(x, y) => match (first_drop(traces, x), first_drop(traces, y)) {
            (Some((i, _)), Some((j, _))) if i < j => Ok(()),
            (Some((_, dx)), Some((_, dy))) => Err(format!(
                "`{y}` is dropped at line {} (trace: `{}`) before `{x}` (line {}): this exercise asks that `{x}` is dropped first.",
                dy.line,
                event_line(dy),
                dx.line
            )),
            (None, _) => Err(not_dropped(traces, x)),
            (_, None) => Err(not_dropped(traces, y)),
        },
        Property::DroppedBeforeCall(x, f) => {
            let Some((j, call)) = first_call(traces, f) else {
                return Err(format!(
                    "`{f}` is never called: this exercise asks that `{x}` is dropped before the call of `{f}`."
                ));
            };
            match first_drop(traces, x) {
                Some((i, _)) if i < j => Ok(()),
                Some((_, d)) => Err(format!(
                    "`{x}` is dropped only at line {} (trace: `{}`), after {}: this exercise asks that `{x}` is dropped before that call.",
                    d.line,
                    event_line(d),
                    call_phrase(f, call)
                )),
                None => Err(not_dropped(traces, x)),
            }
        }
        Property::FreedBeforeCall(x, f) => {
            if let Some(s) = no_heap_events(traces) {
                return Err(s);
            }
            let Some((addr, owner)) = heap_addr_of(traces, x) else {
                return Err(format!(
                    "the trace never shows a heap block owned by `{x}`: this exercise expects `{x}` to own heap memory."
                ));
            };
            let Some((j, call)) = first_call(traces, f) else {
                return Err(format!(
                    "`{f}` is never called: this exercise asks that `{x}`'s heap memory is freed before the call of `{f}`."
                ));
            };
            // The block that holds `addr` (for an `Rc`, `x` points past the counts), followed
            // through reallocations.
            let mut block: Option<(usize, u64)> = None;
            let mut freed = None;
            let mut past_owner = false;
            for (i, (_, e)) in all(traces).enumerate() {
                let Some(h) = e.heap else {
                    continue;
                };
                let (Some(a), bytes) = (h.addr, e.count.unwrap_or(0)) else {
                    continue;
                };
                if std::ptr::eq(e, owner) {
                    past_owner = true;
                }
                let holds = |(start, len): (usize, u64)| {
                    addr >= start && (addr as u64) < start as u64 + len.max(1)
                };
                match e.kind {
                    EventKind::Alloc if !past_owner && holds((a, bytes)) => {
                        block = Some((a, bytes))
                    }
                    EventKind::Realloc
                        if realloc_old(e)
                            .is_some_and(|(oa, _)| block.is_some_and(|b| b.0 == oa)) =>
                    {
                        block = Some((a, bytes));
                    }
                    EventKind::Dealloc if past_owner => {
                        let hit = block.map_or(holds((a, bytes)), |b| b.0 == a);
                        if hit {
                            freed = Some((i, e));
                            break;
                        }
                    }
                    _ => {}
                }
            }
            match freed {
                Some((i, _)) if i < j => Ok(()),
                Some((_, d)) => Err(format!(
                    "`{x}`'s heap memory is freed only at line {} (trace: `{}`), after {}: this exercise asks you to free it before that call.",
                    d.line,
                    event_line(d),
                    call_phrase(f, call)
                )),
                None => Err(format!(
                    "`{x}`'s heap memory (seen at line {}, trace: `{}`) is never freed during the run: this exercise asks you to free it before `{f}` is called.",
                    owner.line,
                    event_line(owner)
                )),
            }
        }
        Property::HeapPeakAtMost(n) => {
            if let Some(s) = no_heap_events(traces) {
                return Err(s);
            }
            let (mut live, mut peak, mut at): (i128, i128, Option<&Event>) = (0, 0, None);
            for (_, e) in all(traces) {
                let bytes = i128::from(e.count.unwrap_or(0));
                match e.kind {
                    EventKind::Alloc => live += bytes,
                    EventKind::Dealloc => live -= bytes,
                    EventKind::Realloc => {
                        live += bytes - realloc_old(e).map_or(0, |(_, b)| i128::from(b))
                    }
                    _ => continue,
                }
                if live > peak {
                    peak = live;
                    at = Some(e);
                }
            }
            match at {
                Some(e) if peak > i128::from(*n) => Err(format!(
                    "{peak} heap bytes are live at line {} (trace: `{}`): this exercise allows at most {n}.",
                    e.line,
                    event_line(e)
                )),
                _ => Ok(()),
            }
        }
        Property::AtMostOwners(n, x) | Property::ExactlyOwners(n, x) => {
            let exact = matches!(p, Property::ExactlyOwners(..));
            let Some((addr, _)) = heap_addr_of(traces, x) else {
                return Err(format!(
                    "the trace never shows what `{x}` owns: this exercise expects `{x}` to be an `Rc` or `Arc`."
                ));
            };
            let most = all(traces)
                .filter(|(_, e)| e.heap.is_some_and(|h| h.addr == Some(addr) && h.strong.is_some()))
                .max_by_key(|(_, e)| e.heap.and_then(|h| h.strong));
            let Some((_, e)) = most else {
                return Err(format!(
                    "the trace shows no owner count for `{x}`: this exercise expects `{x}` to be an `Rc` or `Arc`."
                ));
            };
            let count = e.heap.and_then(|h| h.strong).unwrap_or(0) as u64;
            if count > *n {
                Err(format!(
                    "the value `{x}` owns has {count} owners at line {} (trace: `{}`): this exercise allows {} {n}.",
                    e.line,
                    event_line(e),
                    if exact { "exactly" } else { "at most" }
                ))
            } else if exact && count < *n {
                Err(format!(
                    "the value `{x}` owns never has more than {count} owner{} (most at line {}, trace: `{}`): this exercise asks for exactly {n}.",
                    if count == 1 { "" } else { "s" },
                    e.line,
                    event_line(e)
                ))
            } else {
                Ok(())
            }
        }
        Property::Called(f) => match first_call(traces, f) {
            Some(_) => Ok(()),
            None => Err(format!(
                "the trace shows no call of `{f}`: this exercise asks you to call it."
            )),
        },
    }
}

/// `` `f` is called at line N (trace: `...`) ``, or for the start of a traced call (whose line is
/// the function's own) `` `f` runs (trace: `...`) ``.
fn call_phrase(f: &str, e: &Event) -> String {
    if e.kind == EventKind::FnEnter {
        format!("`{f}` runs (trace: `{}`)", event_line(e))
    } else {
        format!(
            "`{f}` is called at line {} (trace: `{}`)",
            e.line,
            event_line(e)
        )
    }
}

fn not_dropped(traces: &[Trace], x: &str) -> String {
    match all(traces).find(|(_, e)| e.kind == EventKind::OutOfScope && e.var == x) {
        Some((_, e)) => format!(
            "`{x}` is never dropped: it leaves its scope at line {} without a value (trace: `{}`{}).",
            e.line,
            event_line(e),
            e.detail.as_deref().map(|d| format!(", {d}")).unwrap_or_default()
        ),
        None => format!("the trace shows no drop of `{x}`: this exercise expects `{x}` to be dropped."),
    }
}
