//! `Slot`'s public calls that generated code does not make today, through the API itself:
//! `Slot::part_moved` (the macro emits `part_taken`, which reads the binding's type).

use trace_ownership_runtime::__private::{BindKind, CopyKnown, Site, Slot};
use trace_ownership_runtime::capture;

static P: Site = Site("p", "", "", 1, 5, 4, 1);
static NAME: Site = Site("", "name", "p.name", 2, 9, 0, 0);
static ID: Site = Site("", "id", "p.id", 3, 9, 0, 0);

/// A part moved out (the binding needs dropping) leaves the rest to be dropped at scope end;
/// a part copied (it does not) changes nothing.
#[test]
fn a_part_moved_out_leaves_a_partly_moved_variable() {
    let ((), trace) = capture(|| {
        let p = (String::from("n"), 7u32);
        let slot = Slot::bind(&p, &P, BindKind::Let, CopyKnown::Unknown);
        slot.part_moved(&ID, false);
        slot.part_moved(&NAME, true);
        drop(slot);
    });
    let story: Vec<(&str, String, Option<&str>)> = trace
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.var.to_string(), e.detail.as_deref()))
        .collect();
    assert_eq!(
        story,
        [
            ("bind", "p".to_string(), None),
            ("move", "p.name".to_string(), Some("partial move")),
            ("out_of_scope", "p".to_string(), Some("partially moved")),
        ],
        "{trace}"
    );
}

#[test]
fn a_part_copied_leaves_the_variable_whole() {
    let ((), trace) = capture(|| {
        let p = (String::from("n"), 7u32);
        let slot = Slot::bind(&p, &P, BindKind::Let, CopyKnown::Unknown);
        slot.part_moved(&ID, false);
        drop(slot);
    });
    assert_eq!(
        trace.kinds_and_vars(),
        [("bind", "p".to_string()), ("drop", "p".to_string())]
    );
}
