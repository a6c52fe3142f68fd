// Fixed twin of ../wrong/26-a-cycle-of-rc-is-never-freed.rs: Make the back link weak: `back: RefCell<Option<Weak<Node>>>`, set with
// Rule: Values that own each other through `Rc` keep their counts above zero forever: a back link must be a `Weak`.
// Error: none
// Why: `a.next` owns `b` and `b.back` owns `a`, so when `build` ends each still has one owner (the
// Why: other) and neither is ever freed: both nodes and their payloads (2160 bytes) leak. Rust has
// Why: no garbage collector to find such a cycle; only the owner counts decide when memory is freed.
// Hint: Make the back link weak: `back: RefCell<Option<Weak<Node>>>`, set with
// Hint: `Some(Rc::downgrade(&a))` (a `Weak` is not an owner), and read it with `.upgrade()`.
// Section: no-garbage-collector
// Output: a -> b -> a
// Output: done
// Check: a freed before call report
// Check: b freed before call report
// Check: no clone of a

use trace_ownership::trace_ownership;

use std::cell::RefCell;
use std::rc::{Rc, Weak};

struct Node {
    name: &'static str,
    payload: Vec<u8>,
    back: RefCell<Option<Weak<Node>>>,
    next: Option<Rc<Node>>,
}

#[trace_ownership]
fn build() {
    let b = Rc::new(Node {
        name: "b",
        payload: vec![2; 1000],
        back: RefCell::new(None),
        next: None,
    });
    let a = Rc::new(Node {
        name: "a",
        payload: vec![1; 1000],
        back: RefCell::new(None),
        next: Some(Rc::clone(&b)),
    });
    *b.back.borrow_mut() = Some(Rc::downgrade(&a));
    let back = b.back.borrow().as_ref().and_then(Weak::upgrade).map_or("?", |n| n.name);
    let next = a.next.as_ref().map_or("?", |n| n.name);
    println!("{} -> {next} -> {back}", a.name);
    assert_eq!(a.payload.len() + b.payload.len(), 2000);
}

#[trace_ownership]
fn report() {
    println!("done");
}

#[trace_ownership]
fn main() {
    build();
    report();
}
