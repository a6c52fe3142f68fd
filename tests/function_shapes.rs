//! Where the attribute goes: free functions, methods with every receiver, associated and generic
//! functions, `impl Trait` returns, async and unsafe functions, whole `impl` blocks and modules.
//! Nested traced calls nest; threads get their own traces.

mod common;
use common::*;
use trace_ownership::{trace_ownership, EventKind};

#[derive(Debug)]
struct Counter {
    label: Noisy,
    n: u32,
}

#[trace_ownership]
impl Counter {
    fn new(label: &str) -> Self {
        let label = noisy(label);
        Counter { label, n: 0 }
    }
    fn get(&self) -> u32 {
        self.n
    }
    fn bump(&mut self) -> &mut Self {
        self.n += 1;
        self
    }
    fn into_label(self) -> String {
        self.label.0.clone()
    }
    fn boxed(self: Box<Self>) -> u32 {
        self.n
    }
    fn consume_mut(mut self) -> u32 {
        self.n += 10;
        self.n
    }
}

#[test]
fn methods_with_every_receiver_kind() {
    let ((), trace, _, real) = run_checked(|| {
        let mut c = Counter::new("c");
        c.bump().bump();
        assert_eq!(c.get(), 2);
        assert_eq!(Box::new(Counter::new("b")).boxed(), 0);
        assert_eq!(Counter::new("m").consume_mut(), 10);
        assert_eq!(c.into_label(), "c");
    });
    let entered: Vec<_> = trace
        .of_kind(EventKind::FnEnter)
        .map(|e| e.var.to_string())
        .collect();
    assert_eq!(
        entered,
        [
            "Counter::new",
            "Counter::bump",
            "Counter::bump",
            "Counter::get",
            "Counter::new",
            "Counter::boxed",
            "Counter::new",
            "Counter::consume_mut",
            "Counter::into_label",
        ]
    );
    // `self` is a parameter like any other: its type tells what the method holds.
    let selves: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Bind && e.var == "self")
        .map(|e| {
            e.ty.clone()
                .unwrap_or_default()
                .replace("function_shapes::", "")
        })
        .collect();
    assert_eq!(
        selves,
        [
            "&mut Counter",
            "&mut Counter",
            "&Counter",
            "alloc::boxed::Box<Counter>",
            "Counter",
            "Counter",
        ]
    );
    // `self` taken by value is dropped at the end of the method that took it.
    let drops = story(&trace, &["drop"]);
    assert!(drops.contains(&"drop self".to_string()), "{drops:?}");
    assert_eq!(real, ["b", "m", "c"]);
}

#[trace_ownership]
fn outer() -> usize {
    let s = String::from("outer");
    inner(&s) + 1
}

#[trace_ownership]
fn inner(s: &str) -> usize {
    let t = s.to_uppercase();
    t.len()
}

#[test]
fn nested_traced_calls_nest_inside_the_outer_trace() {
    let (r, trace) = trace_ownership::capture(outer);
    assert_eq!(r, 6);
    let depths: Vec<_> = trace
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.var.to_string(), e.depth))
        .filter(|(k, _, _)| *k == "fn_enter" || *k == "fn_exit")
        .collect();
    assert_eq!(
        depths,
        [
            ("fn_enter", "outer".into(), 0),
            ("fn_enter", "inner".into(), 1),
            ("fn_exit", "inner".into(), 1),
            ("fn_exit", "outer".into(), 0),
        ]
    );
    assert!(trace
        .events
        .iter()
        .any(|e| e.var == "t" && e.depth == 1 && e.kind == EventKind::Dropped));
}

#[trace_ownership(name = "generic helper")]
fn largest<T, const N: usize>(items: [T; N]) -> Option<T>
where
    T: PartialOrd + Copy + std::fmt::Debug,
{
    let mut best: Option<T> = None;
    for item in items {
        best = match best {
            Some(b) if b >= item => Some(b),
            _ => Some(item),
        };
    }
    best
}

#[test]
fn generic_functions_with_const_generics_and_a_display_name() {
    let (r, trace) = trace_ownership::capture(|| largest([3, 9, 2]));
    assert_eq!(r, Some(9));
    assert_eq!(trace.events[0].var, "generic helper");
}

#[trace_ownership]
fn evens(limit: u32) -> impl Iterator<Item = u32> {
    let step = 2;
    (0..limit).filter(move |n| n % step == 0)
}

#[trace_ownership]
unsafe fn read_raw(p: *const u32) -> u32 {
    let v = unsafe { *p };
    v
}

#[test]
fn impl_trait_returns_and_unsafe_fns() {
    let (v, _) = trace_ownership::capture(|| evens(7).collect::<Vec<_>>());
    assert_eq!(v, [0, 2, 4, 6]);
    let x = 42u32;
    let (r, trace) = trace_ownership::capture(|| unsafe { read_raw(&x) });
    assert_eq!(r, 42);
    assert_eq!(trace.events[0].var, "read_raw");
}

#[trace_ownership]
mod shapes {
    pub fn double(x: i32) -> i32 {
        let y = x * 2;
        y
    }
    pub trait Greet {
        fn greet(&self) -> String {
            let s = String::from("hi");
            s
        }
    }
    pub struct P;
    impl Greet for P {}
    pub const fn not_traced() -> i32 {
        1
    }
    impl P {
        pub fn hello(&self) -> String {
            let s = String::from("hello");
            s
        }
    }
    pub mod inner {
        pub fn triple(x: i32) -> i32 {
            let y = x * 3;
            y
        }
    }
}

/// A module traced under a name of its own: its methods are named after it.
#[trace_ownership(name = "Named")]
mod named_shapes {
    pub struct Q;
    impl Q {
        pub fn hi(&self) -> usize {
            let s = String::from("hi");
            s.len()
        }
    }
}

#[test]
fn a_module_traces_its_functions_and_trait_default_methods() {
    use shapes::Greet;
    let (r, trace) = trace_ownership::capture(|| shapes::double(4) + shapes::not_traced());
    assert_eq!(r, 9);
    assert_eq!(trace.events[0].var, "double");
    let (g, trace) = trace_ownership::capture(|| shapes::P.greet());
    assert_eq!(g, "hi");
    assert_eq!(trace.events[0].var, "Greet::greet");
    let (h, trace) = trace_ownership::capture(|| shapes::P.hello());
    assert_eq!(h, "hello");
    assert_eq!(
        trace.events[0].var, "P::hello",
        "an inherent impl in the module"
    );
    let (t, trace) = trace_ownership::capture(|| shapes::inner::triple(2));
    assert_eq!(t, 6);
    assert_eq!(trace.events[0].var, "triple", "a nested module");
    let (n, trace) = trace_ownership::capture(|| named_shapes::Q.hi());
    assert_eq!(n, 2);
    assert_eq!(trace.events[0].var, "Named::hi");
}

#[trace_ownership]
async fn async_work(n: u32) -> u32 {
    let a = noisy("async");
    let b = ready(n).await;
    let _ = &a;
    b * 2
}

async fn ready(n: u32) -> u32 {
    n
}

#[test]
fn async_functions_record_when_the_future_runs() {
    let ((fut, before), _) = trace_ownership::capture(|| {
        let fut = async_work(21);
        (fut, trace_ownership::events_so_far())
    });
    assert_eq!(before, Some(0), "creating the future runs nothing");
    let (r, trace, vars, _) = run_checked(|| block_on(fut));
    assert_eq!(r, 42);
    assert_eq!(vars, ["a"]);
    assert_eq!(trace.events[0].var, "async_work");
}

#[trace_ownership]
fn spawn_workers() -> usize {
    let data = vec![1, 2, 3];
    let handle = std::thread::Builder::new()
        .name("worker".into())
        .spawn(move || {
            let total: i32 = data.iter().sum();
            total as usize
        })
        .unwrap();
    handle.join().unwrap()
}

#[test]
fn threads_with_move_closures_get_their_own_trace() {
    let (r, trace) = trace_ownership::capture(spawn_workers);
    assert_eq!(r, 6);
    assert_eq!(
        story(&trace, &["move"]).first().map(String::as_str),
        Some("move data->a `move` closure")
    );
    // The closure ran on the worker thread: its events are not in this thread's trace.
    assert!(!trace.events.iter().any(|e| e.var == "total"));
}

#[trace_ownership]
fn closures() -> (i32, Vec<i32>) {
    let mut count = 0;
    let mut inc = |by: i32| {
        count += by;
    };
    inc(2);
    inc(3);
    let doubled: Vec<i32> = [1, 2, 3].iter().map(|x| x * 2).collect();
    (count, doubled)
}

#[test]
fn closures_with_a_block_body_bind_their_parameters_each_call() {
    let (r, trace) = trace_ownership::capture(closures);
    assert_eq!(r, (5, vec![2, 4, 6]));
    let by: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Bind && e.var == "by")
        .collect();
    assert_eq!(by.len(), 2);
    assert_eq!(by[0].detail.as_deref(), Some("closure parameter"));
    // `|x| x * 2` has no block to put records in: it is left exactly as written.
    assert_eq!(trace.events.iter().filter(|e| e.var == "x").count(), 0);
}

#[trace_ownership]
fn match_and_let_else(v: Option<Noisy>) -> usize {
    let Some(inner) = v else {
        return 0;
    };
    match inner {
        Noisy(ref label) if label.is_empty() => 1,
        other => other.0.len(),
    }
}

#[test]
fn pattern_bindings_are_bound_and_dropped() {
    let (r, trace, vars, _) = run_checked(|| match_and_let_else(Some(noisy("abc"))));
    assert_eq!(r, 3);
    assert_eq!(vars, ["other"]);
    let binds = story(&trace, &["bind"]);
    assert_eq!(binds, ["bind v", "bind inner", "bind other"]);
    // `v` gave its contents to `inner`, and `inner` its value to `other`.
    let partial = story(&trace, &["move"]);
    assert_eq!(partial, ["move v->inner", "move inner->other"]);
}

#[trace_ownership]
fn two_params(first: Noisy, second: Noisy) -> usize {
    let local = noisy("local");
    first.0.len() + second.0.len() + local.0.len()
}

#[test]
fn parameters_drop_after_locals_in_the_order_rust_uses() {
    let (r, trace, vars, real) = run_checked(|| two_params(noisy("first"), noisy("second")));
    assert_eq!(r, 16);
    // The trace's order is checked against the real drops by `run_checked`.
    assert_eq!(vars.len(), 3);
    assert_eq!(real[0], "local");
    assert_eq!(
        vars,
        real.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        "{trace}"
    );
}

trait Shape {
    #[trace_ownership]
    fn area(&self) -> u32;
    #[trace_ownership]
    fn twice(&self) -> u32 {
        let a = self.area();
        a * 2
    }
}

struct Square(u32);

impl Shape for Square {
    #[trace_ownership]
    fn area(&self) -> u32 {
        self.0 * self.0
    }
}

#[test]
fn trait_methods_with_and_without_a_body() {
    // On a method without a body the attribute has nothing to trace and leaves it alone.
    let (r, trace) = trace_ownership::capture(|| Square(3).twice());
    assert_eq!(r, 18);
    let entered: Vec<_> = trace
        .of_kind(EventKind::FnEnter)
        .map(|e| e.var.to_string())
        .collect();
    assert_eq!(entered, ["twice", "area"]);
}

#[path = "function_shapes/first.rs"]
mod first;
#[path = "function_shapes/second.rs"]
mod second;

#[trace_ownership]
fn calls_work_in_two_files() -> u32 {
    let a = first::work(1) + first::work(2);
    let b = second::work(3);
    a + b
}

/// A trace keeps the source of each traced function that ran, once however often it ran, from
/// the file it is in: two functions of two files on the same line are two sources. Ground
/// truth: the files themselves. The HTML page shows each event beside its own file's line.
#[test]
fn each_traced_function_that_ran_has_its_source_once_from_its_own_file() {
    let (r, trace) = trace_ownership::capture(calls_work_in_two_files);
    assert_eq!(r, 2 + 4 + 4);
    let files = [
        (
            "tests/function_shapes.rs",
            include_str!("function_shapes.rs"),
        ),
        (
            "tests/function_shapes/first.rs",
            include_str!("function_shapes/first.rs"),
        ),
        (
            "tests/function_shapes/second.rs",
            include_str!("function_shapes/second.rs"),
        ),
    ];
    let file_text = |file: &str| {
        files
            .iter()
            .find(|(name, _)| *name == file)
            .unwrap_or_else(|| panic!("a source from an unexpected file {file}"))
            .1
    };
    let sources: Vec<(&str, &str)> = trace
        .sources
        .iter()
        .map(|s| (s.function.as_ref(), s.file.as_ref()))
        .collect();
    assert_eq!(
        sources,
        [
            ("calls_work_in_two_files", files[0].0),
            ("work", files[1].0),
            ("work", files[2].0),
        ],
        "{trace}"
    );
    assert_eq!(
        trace.sources[1].first_line, trace.sources[2].first_line,
        "the two `work`s are on the same line of their files"
    );
    for s in &trace.sources {
        let real: String = file_text(&s.file)
            .lines()
            .skip(s.first_line as usize - 1)
            .take(s.text.lines().count())
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(s.text.as_ref(), real, "{}", s.function);
        assert!(
            s.text.ends_with("}\n"),
            "up to the closing brace: {}",
            s.text
        );
    }
    // The page's code beside the binding made in each file is that file's line.
    let code = trace_ownership::render::html::code::CodeLines::new(&trace);
    for (var, file) in [("doubled", files[1]), ("next", files[2]), ("b", files[0])] {
        let i = trace
            .events
            .iter()
            .position(|e| e.kind == EventKind::Bind && e.var == var)
            .unwrap();
        let line = trace.events[i].line;
        // The code is shown on the first of the events on that line.
        let first = (0..=i)
            .rev()
            .take_while(|&j| trace.events[j].line == line)
            .last()
            .unwrap();
        let line = line as usize;
        assert_eq!(
            code.first_of_run(first),
            Some(file.1.lines().nth(line - 1).unwrap()),
            "`{var}` at line {line} of {}",
            file.0
        );
    }
}
