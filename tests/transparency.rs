//! Transparency corpus (issue 2): every function below exists twice from one source, once
//! under `#[trace_ownership]` (`traced::`) and once as written (`plain::`). Each test asserts
//! both copies return the same value and write the same log.
#![deny(warnings)]
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

thread_local! {
    static LOG: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The corpus's "stdout".
pub fn log(s: &str) {
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        l.push_str(s);
        l.push('\n');
    });
}

fn take_log() -> String {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

// ---------- shared types and traits (outside the macro) ----------

pub trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> String {
        String::from("shape")
    }
    fn describe(&self) -> String {
        format!("{} with area {:.1}", self.name(), self.area())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Circle(pub f64);
#[derive(Debug, Clone, PartialEq)]
pub struct Rect {
    pub w: f64,
    pub h: f64,
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        3.0 * self.0 * self.0
    }
    fn name(&self) -> String {
        "circle".into()
    }
}
impl Shape for Rect {
    fn area(&self) -> f64 {
        self.w * self.h
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(i64),
    Add(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Quit,
    Move { x: i32, y: i32 },
    Write(String),
    Color(Option<(u8, u8, u8)>),
}

#[derive(Debug, PartialEq)]
pub enum MyError {
    Parse(std::num::ParseIntError),
    Negative(i64),
    Empty,
}

impl From<std::num::ParseIntError> for MyError {
    fn from(e: std::num::ParseIntError) -> Self {
        MyError::Parse(e)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    pub name: String,
    pub level: u8,
    pub verbose: bool,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Meters(pub f64);

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub val: i32,
    pub children: Vec<Node>,
}

pub trait Animal {
    fn speak(&self) -> String;
    fn kind(&self) -> &'static str {
        "animal"
    }
}
pub struct Dog;
pub struct Cat {
    pub lives: u8,
}
impl Animal for Dog {
    fn speak(&self) -> String {
        "woof".to_string()
    }
}
impl Animal for Cat {
    fn speak(&self) -> String {
        format!("meow x{}", self.lives)
    }
    fn kind(&self) -> &'static str {
        "cat"
    }
}

/// A tiny executor: a no-op waker and a poll loop.
pub fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
    fn clone(_: *const ()) -> RawWaker {
        RawWaker::new(std::ptr::null(), &VTABLE)
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    // SAFETY: the vtable's functions do nothing and never touch the data pointer.
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// A future that is pending `n` times before it is ready.
pub struct YieldN(pub u32);
impl std::future::Future for YieldN {
    type Output = u32;
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<u32> {
        if self.0 == 0 {
            std::task::Poll::Ready(7)
        } else {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}

/// A method named `clone` that is not `Clone::clone`: it takes the receiver by value (so it
/// is found before `Clone::clone`, which borrows) and an argument, and its result's type is
/// chosen by the caller. In a module, imported only where it is meant.
pub mod clone_into {
    pub trait CloneInto {
        fn clone<T: From<u8>>(self, n: u8) -> T;
    }
    impl CloneInto for String {
        fn clone<T: From<u8>>(self, n: u8) -> T {
            T::from(n + self.len() as u8)
        }
    }
}

/// A function whose name is a heap type's, whose result's type the caller chooses.
pub mod odd_names {
    #[allow(non_snake_case)]
    pub fn Vec<T: Default>() -> T {
        T::default()
    }
}

// ---------- the one-source, two-copies machinery ----------

macro_rules! corpus {
    (
        types { $($ty:item)* }
        impls { $($imp:item)* }
        fns { $($f:item)* }
        once_failing { $($bad:item)* }
    ) => {
        pub mod traced {
            #![allow(unused_imports)]
            use super::*;
            $( $ty )*
            $( #[trace_ownership::trace_ownership] $imp )*
            $( #[trace_ownership::trace_ownership] $f )*
            // Functions that once exposed macro bugs (see the comments in `corpus.rs`): traced
            // like the rest since those bugs were fixed.
            $( #[trace_ownership::trace_ownership] $bad )*
        }
        pub mod plain {
            #![allow(unused_imports)]
            use super::*;
            $( $ty )*
            $( $imp )*
            $( $f )*
            $( $bad )*
        }
    };
}

#[path = "transparency/corpus.rs"]
mod corpus;
pub use corpus::{plain, traced};

/// One test per corpus function: same value, same log, traced and plain.
macro_rules! same {
    ($( $name:ident ( $($arg:expr),* ); )*) => {
        $(
            #[test]
            fn $name() {
                let _ = take_log();
                let p = plain::$name($($arg),*);
                let plog = take_log();
                let (t, _trace) = trace_ownership::capture(|| traced::$name($($arg),*));
                let tlog = take_log();
                assert_eq!(t, p, concat!("value differs traced vs plain: ", stringify!($name)));
                assert_eq!(tlog, plog, concat!("log differs traced vs plain: ", stringify!($name)));
            }
        )*
    };
}

mod same_tests {
    use super::*;
    include!("transparency/calls.rs");
}

/// Sanity: the traced copy records its own entry and exit.
fn has_enter_exit(trace: &trace_ownership::Trace, name: &str) -> bool {
    let kv = trace.kinds_and_vars();
    kv.iter().any(|(k, v)| *k == "fn_enter" && v.contains(name))
        && kv.iter().any(|(k, v)| *k == "fn_exit" && v.contains(name))
}

#[test]
fn capture_sanity() {
    let (_, t) = trace_ownership::capture(|| traced::shadowing(3));
    assert!(!t.events.is_empty());
    assert!(has_enter_exit(&t, "shadowing"), "{:?}", t.kinds_and_vars());
    let (_, t) = trace_ownership::capture(|| traced::fib(10));
    assert!(has_enter_exit(&t, "fib"));
    let (_, t) = trace_ownership::capture(|| traced::question_result("12"));
    assert!(has_enter_exit(&t, "question_result"));
    let (_, t) = trace_ownership::capture(|| traced::async_sum(3));
    assert!(has_enter_exit(&t, "async_sum"));
    let (_, t) = trace_ownership::capture(traced::receivers_all);
    assert!(has_enter_exit(&t, "receivers_all"));
    let (_, t) = trace_ownership::capture(traced::mem_ops);
    assert!(has_enter_exit(&t, "mem_ops"));
}

/// The corpus's one logging `Drop` (`Loud` in `drop_order`) is the ground truth for its trace:
/// every value it logs as dropped is shown dropped, in the same order (`_c` at its block's end,
/// `b` by `drop(b)`, then `_d` and `_a` at the function's end), and nothing else of it is.
#[test]
fn the_traced_drops_are_the_logged_drops() {
    take_log();
    let (r, t) = trace_ownership::capture(traced::drop_order);
    assert_eq!(r, "done");
    let real: Vec<String> = take_log().lines().map(String::from).collect();
    assert_eq!(real, ["c", "b", "d", "a"], "what `Loud`'s Drop logged");
    let shown: Vec<String> = t
        .events
        .iter()
        .filter(|e| e.kind == trace_ownership::EventKind::Dropped)
        .filter(|e| ["_a", "b", "_c", "_d"].contains(&e.var.as_ref()))
        .map(|e| e.var.trim_start_matches('_').to_string())
        .collect();
    assert_eq!(shown, real, "{t}");
    let early = t
        .events
        .iter()
        .find(|e| e.kind == trace_ownership::EventKind::Dropped && e.var == "b")
        .expect("b dropped");
    assert_eq!(
        early.detail.as_deref(),
        Some("dropped early by drop()"),
        "{t}"
    );
}
