// Fixed twin of ../wrong/24-text-literals-need-no-heap.rs: Keep the literals as they are, in an array on the stack: `let days = ["mon", "tue", "wed"];`.
// Rule: A string literal is a `&'static str`: its text is in the program itself, not on the heap.
// Error: none
// Why: the three day names never change, yet each `String::from` copies its text to the heap and
// Why: the `Vec` takes another heap block for the three `String`s: four allocations for fixed text.
// Hint: Keep the literals as they are, in an array on the stack: `let days = ["mon", "tue", "wed"];`.
// Section: stack-vs-heap
// Output: mon
// Output: tue
// Output: wed
// Check: heap peak at most 1050 bytes

use trace_ownership::trace_ownership;

#[trace_ownership]
fn main() {
    let days = ["mon", "tue", "wed"];
    for day in &days {
        println!("{day}");
    }
}
