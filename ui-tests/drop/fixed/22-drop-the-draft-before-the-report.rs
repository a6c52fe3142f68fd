// Fixed twin of ../wrong/22-drop-the-draft-before-the-report.rs: Once `report` is made, free the draft yourself: `drop(draft);` right after the `let report`.
// Rule: Locals are dropped at the end of their scope, the last declared first; `drop(x)` ends one sooner.
// Error: none
// Why: `draft` is only needed to make `report`, yet it keeps its heap text until `main` ends, and
// Why: there it is dropped after `report` (reverse order of declaration). Nothing collects it early.
// Hint: Once `report` is made, free the draft yourself: `drop(draft);` right after the `let report`.
// Section: no-garbage-collector
// Output: final version, no typos
// Check: draft dropped before report

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let draft = String::from("first draft, with typos");
    let report = draft.replace("first draft, with", "final version, no");
    drop(draft);
    println!("{report}");
}
