//! The guided tour's sections: one traced function per section of the seed
//! ("Memory Management in Rust"). Shared by `examples/tour` and the snapshot tests.

use trace_ownership::trace_ownership;

/// A section of the tour: its heading, what to look for, and the traced function.
pub struct Section {
    pub title: &'static str,
    pub intro: &'static str,
    pub run: fn(),
}

/// All sections, in the seed's order.
pub fn all() -> Vec<Section> {
    vec![
        Section {
            title: "1. Stack vs heap",
            intro:
                "Fixed-size values live on the stack. A String or Vec keeps a small, fixed-size \
                    part on the stack (pointer, capacity, length) and its contents on the heap.",
            run: || {
                let _ = stack_and_heap();
            },
        },
        Section {
            title: "2. Ownership and scope",
            intro:
                "Each value has a single owner. When the owner goes out of scope, Rust drops the \
                    value and frees its memory: here is the seed's own example.",
            run: ownership_and_scope,
        },
        Section {
            title: "3. Move, clone and copy",
            intro:
                "A move hands ownership on and the old name can no longer be used; a clone makes \
                    an independent deep copy; simple types like integers are copied.",
            run: || {
                let _ = move_clone_copy();
            },
        },
        Section {
            title: "4. Borrowing and references",
            intro:
                "A reference borrows a value without owning it: many shared (&T) borrows, or one \
                    mutable (&mut T) borrow at a time. A borrow ends at the reference's last use.",
            run: || {
                let _ = borrowing();
            },
        },
        Section {
            title: "5. No garbage collector",
            intro:
                "Nothing waits for a collector: each value is freed at a known line, the moment \
                    its owner's scope ends (or earlier, with drop()).",
            run: || {
                let _ = no_garbage_collector();
            },
        },
    ]
}

#[trace_ownership]
pub fn stack_and_heap() -> usize {
    let x: i32 = 42; // 4 bytes, on the stack
    let ratio = 1.5_f64; // 8 bytes, on the stack
    let s = String::from("hello"); // 24 bytes on the stack, 5 on the heap
    let v: Vec<u32> = vec![1, 2, 3]; // 24 bytes on the stack, 12 on the heap
    x as usize + ratio as usize + s.len() + v.len()
}

#[trace_ownership]
pub fn ownership_and_scope() {
    let s = String::from("hello"); // Allocated on the heap
                                   // s is valid here
    {
        let inner = String::from("world"); // valid only in this block
        let _ = inner.len();
    } // inner goes out of scope: freed here
    let _ = s.len();
} // s goes out of scope, memory is freed automatically

#[trace_ownership]
pub fn move_clone_copy() -> usize {
    let s1 = String::from("hello");
    let s2 = s1; // move: s1 can no longer be used
    let s3 = s2.clone(); // clone: a second, independent String
    let x = 5;
    let y = x; // copy: both x and y stay usable
    takes_ownership(s2); // s2 moves into the function
    s3.len() + x + y
}

#[trace_ownership]
pub fn takes_ownership(some_string: String) -> usize {
    some_string.len()
} // some_string is dropped here

#[trace_ownership]
pub fn borrowing() -> usize {
    let mut s = String::from("hello");
    let len = calculate_length(&s); // a shared borrow for the call
    let r1 = &s;
    let r2 = &s;
    println!("{r1} and {r2} ({len} bytes)"); // last use of r1 and r2
    let r3 = &mut s; // fine: the shared borrows have ended
    r3.push_str(", world");
    s.len()
}

#[trace_ownership]
pub fn calculate_length(s: &String) -> usize {
    s.len()
} // s goes out of scope, but it owns nothing: nothing is dropped

#[trace_ownership]
pub fn no_garbage_collector() -> usize {
    let mut total = 0;
    for i in 0..5 {
        let line = format!("line {i}"); // allocated...
        total += line.len();
    } // ...and freed here, every iteration
    let big = vec![0u8; 1024];
    drop(big); // freed now, before the end of the function
    total
}
