//! The heap ledger: for each variable that owned a heap block, how many bytes, from which
//! line, where the block went (moved on, grown) and where it was freed. No garbage collector:
//! each block is freed at a known line, and the ledger shows which.

use super::escape;
use crate::detail::Why;
use crate::event::{EventKind, Trace};
use std::fmt::Write;

/// One block owned by one variable.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    /// The owner.
    pub var: String,
    /// The function it is a variable of.
    pub function: String,
    /// Line of the `bind` that made it the owner.
    pub since: u32,
    /// Address and bytes of the block when it became the owner.
    pub addr: usize,
    /// Bytes of the block.
    pub bytes: Option<usize>,
    /// `Rc`/`Arc` owner count after the bind.
    pub strong: Option<usize>,
    /// What happened to the block after, in order: "moved to `x` (L5)", "grew to 12 bytes (L6)".
    pub then: Vec<String>,
    /// Line where the heap tracker saw the block freed.
    pub freed_at: Option<u32>,
}

/// Every block each variable owned, in the order of the binds.
pub fn entries(trace: &Trace) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut functions: Vec<&str> = Vec::new();
    for (i, ev) in trace.events.iter().enumerate() {
        match ev.kind {
            EventKind::FnEnter => functions.push(&ev.var),
            EventKind::FnExit => {
                functions.pop();
            }
            _ => {}
        }
        let Some(addr) = ev.heap.and_then(|h| h.addr) else {
            continue;
        };
        if ev.kind != EventKind::Bind {
            continue;
        }
        // The allocation the value points into, when the heap tracker saw it: an `Rc` points
        // past the counts at the start of its block.
        let seen = trace.events[..i].iter().rev().find_map(|e| {
            let h = e.heap?;
            let (start, bytes) = (h.addr?, h.bytes.or(e.count.map(|c| c as usize))?);
            let alloc = matches!(e.kind, EventKind::Alloc | EventKind::Realloc);
            (alloc && start <= addr && addr < start + bytes).then_some((start, bytes))
        });
        let (addr, bytes) = match seen {
            Some((start, bytes)) => (start, Some(bytes)),
            None => (addr, ev.heap.and_then(|h| h.bytes)),
        };
        let mut entry = Entry {
            var: ev.var.to_string(),
            function: functions
                .last()
                .copied()
                .unwrap_or(&trace.function)
                .to_string(),
            since: ev.line,
            addr,
            bytes,
            strong: ev.heap.and_then(|h| h.strong),
            then: Vec::new(),
            freed_at: None,
        };
        let mut at = addr;
        let mut owner_live = true;
        let depth = ev.depth;
        for later in &trace.events[i + 1..] {
            match later.kind {
                EventKind::Move | EventKind::MaybeMove
                    if owner_live && later.depth == depth && later.var == ev.var =>
                {
                    let how = if later.kind == EventKind::Move {
                        "moved to"
                    } else {
                        "given to (moved or not: unknown)"
                    };
                    entry.then.push(format!(
                        "{how} `{}` (L{})",
                        later.to.as_deref().unwrap_or("?"),
                        later.line
                    ));
                    owner_live = false;
                }
                EventKind::Dropped if owner_live && later.depth == depth && later.var == ev.var => {
                    entry.then.push(format!("owner dropped (L{})", later.line));
                    owner_live = false;
                }
                EventKind::Bind if later.depth == depth && later.var == ev.var && owner_live => {
                    // Shadowed or bound again (a loop): the ledger of this binding ends here.
                    break;
                }
                EventKind::Realloc => {
                    let new = later.heap.and_then(|h| h.addr);
                    let moved_from_here =
                        matches!(later.why(), Some(Why::Resized { addr, .. }) if *addr == at);
                    if new == Some(at) || moved_from_here {
                        entry.then.push(format!(
                            "grew to {} bytes (L{})",
                            later.count.unwrap_or(0),
                            later.line
                        ));
                        at = new.unwrap_or(at);
                    }
                }
                EventKind::Dealloc if later.heap.and_then(|h| h.addr) == Some(at) => {
                    entry.freed_at = Some(later.line);
                    break;
                }
                _ => {}
            }
        }
        out.push(entry);
    }
    out
}

/// The ledger as an HTML table (or one sentence when no variable owned a heap block).
pub fn table(trace: &Trace) -> String {
    let entries = entries(trace);
    let mut s = String::new();
    if entries.is_empty() {
        s.push_str(r#"<p class="ledger-none">No variable owned a heap block in this trace.</p>"#);
        return s;
    }
    s.push_str(r#"<table class="ledger"><thead><tr><th>owner</th><th>in</th><th>heap block</th><th>owner since</th><th>then</th><th>freed</th></tr></thead><tbody>"#);
    for e in &entries {
        let freed = match (e.freed_at, trace.heap_tracker) {
            (Some(l), _) => format!("at line {l}"),
            (None, true) => "not during the trace (returned, or kept by its new owner)".into(),
            (None, false) => "not observed (heap tracker off)".into(),
        };
        let bytes = e.bytes.map_or("? bytes".into(), |b| format!("{b} bytes"));
        let rc = e.strong.map_or(String::new(), |n| {
            format!(", {n} owner{}", if n == 1 { "" } else { "s" })
        });
        let _ = write!(
            s,
            r#"<tr data-var="{}" data-addr="{}" data-freed="{}"><td><code>{}</code></td><td><code>{}</code></td><td>{bytes} at {:#x}{rc}</td><td>line {}</td><td>{}</td><td>{freed}</td></tr>"#,
            escape(&e.var),
            e.addr,
            e.freed_at.map_or(String::new(), |l| l.to_string()),
            escape(&e.var),
            escape(&e.function),
            e.addr,
            e.since,
            if e.then.is_empty() {
                "—".to_string()
            } else {
                escape(&e.then.join("; "))
            },
        );
    }
    s.push_str("</tbody></table>");
    s
}
