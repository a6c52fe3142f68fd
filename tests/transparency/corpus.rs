//! The corpus functions, written once; `corpus!` makes the traced and plain copies.
#![allow(unused_imports)]
use super::*;

corpus! {
types {
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Counter {
        pub n: u32,
        pub hist: Vec<u32>,
    }
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Builder {
        pub parts: Vec<String>,
        pub sep: String,
    }
    pub struct Parser<'a> {
        pub input: &'a str,
        pub pos: usize,
    }
    pub struct Stack<T> {
        pub items: Vec<T>,
    }
    #[derive(Debug, PartialEq)]
    pub struct Wallet {
        pub coins: u32,
    }
}
impls {
    impl<T: Clone + std::fmt::Debug> Stack<T> {
        pub fn new() -> Self {
            Stack { items: Vec::new() }
        }
        pub fn push(&mut self, t: T) -> &mut Self {
            self.items.push(t);
            self
        }
        pub fn peek(&self) -> Option<&T> {
            self.items.last()
        }
        pub fn into_vec(self) -> Vec<T> {
            self.items
        }
        pub fn with(mut self, t: T) -> Self {
            self.items.push(t);
            self
        }
        #[allow(clippy::boxed_local)]
        pub fn boxed_len(self: Box<Self>) -> usize {
            self.items.len()
        }
    }
    impl<T: Clone + std::fmt::Debug> Default for Stack<T> {
        fn default() -> Self {
            Self::new()
        }
    }
    impl Builder {
        pub fn part(&mut self, p: impl Into<String>) -> &mut Self {
            self.parts.push(p.into());
            self
        }
        pub fn sep(&mut self, s: &str) -> &mut Self {
            self.sep = s.to_string();
            self
        }
        pub fn build(&self) -> String {
            self.parts.join(&self.sep)
        }
    }
    impl<'a> Parser<'a> {
        pub fn new(input: &'a str) -> Self {
            Parser { input, pos: 0 }
        }
        pub fn word(&mut self) -> Option<&'a str> {
            let rest = &self.input[self.pos..];
            let rest_trim = rest.trim_start();
            if rest_trim.is_empty() {
                return None;
            }
            let start = self.pos + (rest.len() - rest_trim.len());
            let len = rest_trim.find(' ').unwrap_or(rest_trim.len());
            self.pos = start + len;
            Some(&self.input[start..start + len])
        }
    }
    impl Counter {
        pub fn bump(&mut self) -> u32 {
            self.n += 1;
            self.hist.push(self.n);
            self.n
        }
        pub fn total(&self) -> u32 {
            self.hist.iter().sum()
        }
        pub fn finish(self) -> Vec<u32> {
            self.hist
        }
        pub fn reset(mut self) -> Self {
            self.n = 0;
            self.hist.clear();
            self
        }
    }
}
fns {
    // ---------- generics ----------
    pub fn largest<T: PartialOrd + Copy>(xs: &[T]) -> T {
        let mut m = xs[0];
        for &x in xs {
            if x > m {
                m = x;
            }
        }
        m
    }

    pub fn join_all<T>(xs: &[T], sep: &str) -> String
    where
        T: std::fmt::Display,
    {
        let mut out = String::new();
        for (i, x) in xs.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            write!(out, "{x}").unwrap();
        }
        out
    }

    pub fn longest<'a>(a: &'a str, b: &'a str) -> &'a str {
        if a.len() >= b.len() { a } else { b }
    }

    pub fn sum_array<const N: usize>(a: [i32; N]) -> i32 {
        let mut s = 0;
        for x in a {
            s += x;
        }
        s + N as i32
    }

    pub fn generic_pair() -> (i32, String) {
        let a = largest(&[3, 9, 2]);
        let b = join_all(&["x", "y"], "-");
        let c = sum_array([1, 2, 3]);
        (a + c, format!("{b}{}", longest("ab", "abc")))
    }

    pub fn make_default<T: Default + std::fmt::Debug>() -> String {
        let t: T = T::default();
        format!("{t:?}")
    }

    pub fn defaults() -> String {
        let a = make_default::<i32>();
        let b = make_default::<Vec<u8>>();
        let c = make_default::<Config>();
        format!("{a}|{b}|{c}")
    }

    // ---------- closures ----------
    pub fn apply_fn<F: Fn(i32) -> i32>(f: F, x: i32) -> i32 {
        f(f(x))
    }

    pub fn closures_fn() -> i32 {
        let k = 3;
        let add = |x| x + k;
        let r = apply_fn(add, 1);
        r + add(10) + k
    }

    pub fn closures_fnmut() -> Vec<i32> {
        let mut seen = Vec::new();
        let mut record = |x: i32| seen.push(x * 2);
        record(1);
        record(2);
        record(3);
        seen
    }

    pub fn closures_fnonce() -> String {
        let s = String::from("owned");
        let consume = move || {
            let mut t = s;
            t.push('!');
            t
        };
        consume()
    }

    pub fn make_adder(n: i32) -> impl Fn(i32) -> i32 {
        move |x| x + n
    }

    pub fn make_counter() -> Box<dyn FnMut() -> u32> {
        let mut c = 0;
        Box::new(move || {
            c += 1;
            c
        })
    }

    pub fn returned_closures() -> (i32, u32) {
        let add5 = make_adder(5);
        let mut ctr = make_counter();
        ctr();
        ctr();
        (add5(1) + make_adder(-1)(1), ctr())
    }

    pub fn closure_in_chain(xs: Vec<i32>) -> Vec<String> {
        let prefix = String::from("n");
        xs.into_iter()
            .filter(|x| x % 2 == 0)
            .map(|x| format!("{prefix}{x}"))
            .collect()
    }

    pub fn closure_borrow_then_use() -> usize {
        let v = vec![1, 2, 3];
        let len = || v.len();
        let a = len();
        let b = v.len();
        a + b + v[0]
    }

    pub fn closure_pattern_params() -> i32 {
        let pairs = vec![(1, 2), (3, 4)];
        pairs.iter().map(|&(a, b)| a * b).sum()
    }

    // ---------- iterators ----------
    pub fn iter_map_filter_fold(n: u32) -> u32 {
        (1..=n).map(|x| x * x).filter(|x| x % 3 != 0).fold(1u32, |acc, x| acc.wrapping_mul(x % 7 + 1))
    }

    pub fn iter_zip_enumerate_rev() -> Vec<(usize, char, i32)> {
        let a = ['a', 'b', 'c'];
        let b = [10, 20, 30];
        a.iter().zip(b.iter()).rev().enumerate().map(|(i, (c, n))| (i, *c, *n)).collect()
    }

    pub fn iter_windows_chunks(xs: &[i32]) -> (Vec<i32>, Vec<i32>) {
        let w: Vec<i32> = xs.windows(2).map(|w| w[1] - w[0]).collect();
        let c = xs.chunks(3).map(|c| c.iter().sum()).collect();
        (w, c)
    }

    pub fn iter_peekable(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut it = s.chars().peekable();
        while let Some(c) = it.next() {
            let mut run = String::from(c);
            while let Some(&d) = it.peek() {
                if d == c {
                    run.push(d);
                    it.next();
                } else {
                    break;
                }
            }
            out.push(run);
        }
        out
    }

    pub fn collect_hashmap(words: &[&str]) -> Vec<(String, usize)> {
        let mut m: HashMap<String, usize> = HashMap::new();
        for w in words {
            *m.entry(w.to_string()).or_insert(0) += 1;
        }
        let idx: HashMap<_, _> = words.iter().enumerate().map(|(i, w)| (*w, i)).collect();
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort();
        v.push(("idx".into(), idx.len()));
        v
    }

    pub fn collect_string() -> String {
        let s: String = "hello world".chars().filter(|c| !c.is_whitespace()).rev().collect();
        let t = ["a", "b"].iter().map(|s| s.to_uppercase()).collect::<String>();
        s + &t
    }

    pub fn sum_product() -> (i64, i64) {
        let s: i64 = (1..=10).sum();
        let p = (1..=5).map(i64::from).product::<i64>();
        (s, p)
    }

    // ---------- ? with Option and Result ----------
    pub fn question_option(v: &[i32]) -> Option<i32> {
        let first = v.first()?;
        let last = v.last()?;
        let mid = v.get(v.len() / 2)?;
        Some(first + last + mid)
    }

    pub fn question_result(s: &str) -> Result<i64, MyError> {
        if s.is_empty() {
            return Err(MyError::Empty);
        }
        let n: i64 = s.trim().parse()?;
        if n < 0 {
            Err(MyError::Negative(n))
        } else {
            Ok(n * 2)
        }
    }

    pub fn question_chain(items: &[&str]) -> Result<Vec<i64>, MyError> {
        let mut out = Vec::new();
        for s in items {
            out.push(question_result(s)?);
        }
        Ok(out)
    }

    pub fn question_box_dyn(s: &str) -> Result<u8, Box<dyn std::error::Error>> {
        let n: u8 = s.parse()?;
        let m = u8::try_from(n as u32 * 2)?;
        Ok(m)
    }

    pub fn question_box_dyn_str(s: &str) -> Result<u8, String> {
        question_box_dyn(s).map_err(|e| e.to_string())
    }

    // ---------- let-else, labelled blocks, labelled loops ----------
    pub fn let_else(s: &str) -> u32 {
        let Some(rest) = s.strip_prefix("n=") else {
            log("no prefix");
            return 0;
        };
        let Ok(n) = rest.parse::<u32>() else {
            return 1;
        };
        n
    }

    pub fn labelled_block(x: i32) -> &'static str {
        let r = 'b: {
            if x < 0 {
                break 'b "neg";
            }
            if x == 0 {
                break 'b "zero";
            }
            "pos"
        };
        log(r);
        r
    }

    pub fn labelled_loops() -> Vec<(i32, i32)> {
        let mut out = Vec::new();
        'outer: for i in 0..5 {
            for j in 0..5 {
                if j > i {
                    continue 'outer;
                }
                if i + j > 5 {
                    break 'outer;
                }
                out.push((i, j));
            }
        }
        out
    }

    pub fn loop_break_value() -> u64 {
        let mut a = 0u64;
        let mut b = 1u64;
        let mut i = 0;
        let r = loop {
            let c = a + b;
            a = b;
            b = c;
            i += 1;
            if i == 50 {
                break a;
            }
        };
        log(&r.to_string());
        r
    }

    // ---------- slices and patterns ----------
    pub fn slice_patterns(v: &[i32]) -> String {
        match v {
            [] => "empty".to_string(),
            [x] => format!("one {x}"),
            [first, .., last] if first == last => format!("same ends {first}"),
            [first, rest @ ..] => format!("{first} then {}", rest.len()),
        }
    }

    pub fn match_bindings(m: Msg) -> String {
        match m {
            Msg::Quit => "quit".into(),
            Msg::Move { x, y: 0 } => format!("horiz {x}"),
            Msg::Move { x, y } if x == y => format!("diag {x}"),
            Msg::Move { x, y } => format!("move {x},{y}"),
            Msg::Write(s) => s,
            Msg::Color(Some((r, g, b))) => format!("#{r:02x}{g:02x}{b:02x}"),
            Msg::Color(None) => "nocolor".into(),
        }
    }

    pub fn at_bindings(n: u32) -> String {
        match n {
            small @ 0..=9 => format!("small {small}"),
            teen @ (13..=19) => format!("teen {teen}"),
            big @ 100.. => format!("big {big}"),
            other => format!("other {other}"),
        }
    }

    pub fn nested_enum_eval(e: &Expr) -> i64 {
        match e {
            Expr::Num(n) => *n,
            Expr::Add(a, b) => nested_enum_eval(a) + nested_enum_eval(b),
            Expr::Mul(a, b) => nested_enum_eval(a) * nested_enum_eval(b),
            Expr::Neg(inner) => -nested_enum_eval(inner),
        }
    }

    pub fn eval_tree() -> i64 {
        let e = Expr::Add(
            Box::new(Expr::Num(2)),
            Box::new(Expr::Mul(Box::new(Expr::Num(3)), Box::new(Expr::Neg(Box::new(Expr::Num(4)))))),
        );
        nested_enum_eval(&e)
    }

    pub fn ref_and_ref_mut() -> (String, i32) {
        let mut pair = (String::from("a"), 1);
        match pair {
            (ref s, ref mut n) if s.is_empty() => {
                *n = 0;
            }
            (ref s, ref mut n) => {
                *n += s.len() as i32;
            }
        }
        let (ref mut s, _) = pair;
        s.push('b');
        pair
    }

    pub fn matches_macro(v: &[Msg]) -> usize {
        v.iter().filter(|m| matches!(m, Msg::Move { x, .. } if *x > 0)).count()
    }

    pub fn if_let_chain_like(o: Option<Option<i32>>) -> i32 {
        if let Some(Some(x)) = o {
            x
        } else if let Some(None) = o {
            -1
        } else {
            -2
        }
    }

    pub fn tuple_struct_meters(a: f64, b: f64) -> Meters {
        let m = Meters(a);
        let Meters(inner) = m;
        let n = Meters(inner + b);
        let copy = n;
        Meters(copy.0 + n.0)
    }

    // ---------- traits ----------
    pub fn trait_default_methods() -> Vec<String> {
        let c = Circle(1.0);
        let r = Rect { w: 2.0, h: 3.0 };
        vec![c.describe(), r.describe(), r.name()]
    }

    pub fn dyn_refs() -> f64 {
        let c = Circle(2.0);
        let r = Rect { w: 1.0, h: 1.5 };
        let shapes: Vec<&dyn Shape> = vec![&c, &r];
        shapes.iter().map(|s| s.area()).sum()
    }

    pub fn box_dyn() -> Vec<String> {
        let animals: Vec<Box<dyn Animal>> = vec![Box::new(Dog), Box::new(Cat { lives: 9 })];
        let mut out = Vec::new();
        for a in &animals {
            out.push(format!("{}:{}", a.kind(), a.speak()));
        }
        out
    }

    pub fn impl_trait_arg(s: impl Shape, extra: impl Fn(f64) -> f64) -> f64 {
        extra(s.area())
    }

    pub fn impl_trait_ret(n: u32) -> impl Iterator<Item = u32> + Clone {
        (0..n).map(|x| x * 3)
    }

    pub fn impl_traits_use() -> (f64, Vec<u32>) {
        let a = impl_trait_arg(Rect { w: 2.0, h: 2.0 }, |x| x + 1.0);
        let it = impl_trait_ret(4);
        let v: Vec<u32> = it.clone().collect();
        (a + it.count() as f64, v)
    }

    pub fn into_param(s: impl Into<String>, n: u8) -> String {
        let mut owned: String = s.into();
        let k: u32 = n.into();
        owned.push_str(&k.to_string());
        owned
    }

    pub fn as_ref_param<S: AsRef<str>>(parts: &[S]) -> usize {
        parts.iter().map(|p| p.as_ref().len()).sum()
    }

    pub fn as_ref_impl(p: impl AsRef<str>) -> String {
        p.as_ref().to_uppercase()
    }

    pub fn static_str_param(s: &'static str) -> &'static str {
        let t: &'static str = s;
        if t.len() > 3 { &t[..3] } else { t }
    }

    // ---------- unsafe ----------
    /// # Safety
    /// `p` must point to a valid, aligned `i32`.
    pub unsafe fn read_raw(p: *const i32) -> i32 {
        // SAFETY: the caller guarantees `p` is valid.
        unsafe { *p }
    }

    pub fn unsafe_blocks() -> i32 {
        let x = 41;
        let p = &x as *const i32;
        // SAFETY: `p` points to `x`, alive here.
        let y = unsafe { read_raw(p) };
        let mut arr = [1, 2, 3];
        let q = arr.as_mut_ptr();
        // SAFETY: index 1 is in bounds of `arr`.
        unsafe {
            *q.add(1) = 20;
        }
        y + arr.iter().sum::<i32>()
    }

    // ---------- async ----------
    pub async fn async_add(a: u32, b: u32) -> u32 {
        let y = YieldN(2).await;
        a + b + y
    }

    pub async fn async_chain(s: String) -> String {
        let n = async_add(1, 2).await;
        let t = async {
            let k = YieldN(1).await;
            k * 2
        }
        .await;
        format!("{s}{n}-{t}")
    }

    pub fn async_sum(n: u32) -> u32 {
        let mut total = 0;
        for i in 0..n {
            total += block_on(async_add(i, 1));
        }
        total + block_on(async_chain("x".into())).len() as u32
    }

    // ---------- recursion ----------
    pub fn fib(n: u32) -> u64 {
        if n < 2 {
            return n as u64;
        }
        fib(n - 1) + fib(n - 2)
    }

    pub fn tree_sum(n: &Node) -> i32 {
        n.val + n.children.iter().map(tree_sum).sum::<i32>()
    }

    pub fn build_tree(depth: u32) -> Node {
        let children = if depth == 0 {
            Vec::new()
        } else {
            (0..2).map(|_| build_tree(depth - 1)).collect()
        };
        Node { val: depth as i32, children }
    }

    pub fn tree_roundtrip(d: u32) -> i32 {
        let t = build_tree(d);
        tree_sum(&t)
    }

    // ---------- inference-heavy ----------
    pub fn inference_default_later() -> String {
        let d = Default::default();
        let e = d;
        let f: String = e;
        f + "x"
    }

    // The value's type is known later, and is not a heap type: the binding must not ask the
    // value for a heap block (that would pick the heap probe's branch for a type not known yet,
    // and fail to compile once it is). Not known from the source: a path call that is not of a
    // `String`/`Vec`/`Box`/`Rc`/`Arc` function (`Default::default()`, a function merely named
    // `Vec`), a string literal's method other than `to_string`/`to_owned` (`into()`), a method
    // named `clone` that takes an argument.
    pub fn inference_default_later_not_heap() -> u32 {
        let d = Default::default();
        let e = d;
        let f: u32 = e;
        f + 1
    }

    pub fn inference_heap_named_fn_later() -> u32 {
        let v = odd_names::Vec();
        let n: u32 = v;
        n + 1
    }

    pub fn inference_literal_method_later() -> Option<&'static str> {
        let o = "lit".into();
        let p: Option<&str> = o;
        p
    }

    pub fn inference_clone_with_argument_later() -> u32 {
        use crate::clone_into::CloneInto;
        let s = String::from("abc");
        let c = s.clone(4);
        let n: u32 = c;
        n
    }

    // An inline `const` block runs at compile time, where nothing can be recorded: it is left
    // as written, bindings and all.
    pub fn inline_const_block() -> u32 {
        let n = const {
            match 3u32 {
                0 => 0,
                k => k * 2,
            }
        };
        n + 1
    }

    pub fn inference_vec_new_typed_later() -> Vec<u16> {
        let mut v = Vec::new();
        let w = Vec::new();
        let z = w;
        v.push(1);
        let _: &Vec<u16> = &z;
        v.extend(z);
        v
    }

    pub fn inference_parse_into(s: &str) -> (u64, f32, i128) {
        let a = s.parse().unwrap_or(0);
        let b = "2.5".parse().unwrap();
        let c: i64 = 7;
        let d = c.into();
        let r: (u64, f32, i128) = (a, b, d);
        r
    }

    pub fn inference_collect_later() -> usize {
        let v = (0..10).collect();
        let w: Vec<u8> = v;
        let m = w.iter().map(|&x| (x, x)).collect();
        let mm: HashMap<u8, u8> = m;
        mm.len() + w.len()
    }

    pub fn inference_sum_later() -> u64 {
        let s = [1u64, 2, 3].iter().sum();
        let t = s;
        let u: u64 = t;
        u
    }

    pub fn inference_closure_arg_later() -> i32 {
        let f = |x| x;
        let a = f(3);
        let b: i32 = a;
        b
    }

    pub fn inference_none_later() -> Option<String> {
        let mut o = None;
        if o.is_none() {
            o = Some(String::from("set"));
        }
        o
    }

    // ---------- receivers, builders, lifetimes ----------
    pub fn receivers_all() -> (Option<i32>, usize, Vec<i32>) {
        let mut s: Stack<i32> = Stack::new();
        s.push(1).push(2).push(3);
        let top = s.peek().copied();
        let s2 = s.with(4);
        let b = Box::new(Stack { items: s2.items.clone() });
        let n = b.boxed_len();
        (top, n, s2.into_vec())
    }

    pub fn counter_receivers() -> (u32, u32, Vec<u32>) {
        let mut c = Counter::default();
        c.bump();
        c.bump();
        let third = c.bump();
        let total = c.total();
        let c = c.reset();
        let mut c2 = c;
        c2.bump();
        (third, total, c2.finish())
    }

    pub fn builder_chain() -> String {
        let mut b = Builder::default();
        b.part("a").part(String::from("b")).sep("+");
        b.part('c'.to_string());
        b.build()
    }

    pub fn parser_words(s: &str) -> Vec<&str> {
        let mut p = Parser::new(s);
        let mut out = Vec::new();
        while let Some(w) = p.word() {
            out.push(w);
        }
        out
    }

    pub fn wallet_spend() -> Vec<Result<u32, String>> {
        let mut w = Wallet { coins: 10 };
        let a = w.spend(3);
        let b = w.spend(30);
        let c = w.spend(7);
        vec![a, b, c]
    }

    // ---------- bindings, mem ----------
    pub fn shadowing(x: i32) -> String {
        let x = x * 2;
        let x = x.to_string();
        let x = format!("<{x}>");
        {
            let x = x.len();
            log(&x.to_string());
        }
        x
    }

    pub fn reassignment() -> Vec<String> {
        let mut s = String::from("one");
        let mut out = Vec::new();
        out.push(s.clone());
        s = String::from("two");
        out.push(s.clone());
        s.push_str("!!");
        let t = s;
        s = t + "?";
        out.push(s);
        out
    }

    pub fn mem_ops() -> (String, String, Vec<i32>, Vec<i32>) {
        let mut a = String::from("a");
        let mut b = String::from("b");
        std::mem::swap(&mut a, &mut b);
        let old = std::mem::replace(&mut a, String::from("new"));
        let mut v = vec![1, 2];
        let taken = std::mem::take(&mut v);
        (a + &b, old, v, taken)
    }

    pub fn rc_refcell() -> (usize, Vec<i32>) {
        let shared = Rc::new(RefCell::new(Vec::new()));
        let a = Rc::clone(&shared);
        let b = shared.clone();
        a.borrow_mut().push(1);
        b.borrow_mut().push(2);
        {
            let mut g = shared.borrow_mut();
            g.push(3);
        }
        let n = Rc::strong_count(&shared);
        drop(a);
        let v = shared.borrow().clone();
        (n, v)
    }

    pub fn boxes() -> i32 {
        let b = Box::new(5);
        let c = *b + 1;
        let mut d = Box::new(vec![c]);
        d.push(10);
        let e: Box<[i32]> = d.into_boxed_slice();
        e.iter().sum()
    }

    // ---------- threads ----------
    pub fn thread_spawn_move() -> usize {
        let data = vec![1, 2, 3];
        let h = std::thread::spawn(move || data.iter().sum::<i32>() as usize + data.len());
        h.join().unwrap()
    }

    pub fn thread_scope() -> Vec<i32> {
        let mut v = vec![1, 2, 3, 4];
        let total = std::sync::atomic::AtomicI32::new(0);
        std::thread::scope(|s| {
            let (left, right) = v.split_at_mut(2);
            s.spawn(|| {
                for x in left.iter_mut() {
                    *x *= 10;
                }
            });
            s.spawn(|| {
                for x in right.iter() {
                    total.fetch_add(*x, std::sync::atomic::Ordering::SeqCst);
                }
            });
        });
        v.push(total.into_inner());
        v
    }

    // ---------- control flow ----------
    pub fn early_returns(v: &[i32]) -> i32 {
        if v.is_empty() {
            return -1;
        }
        for (i, &x) in v.iter().enumerate() {
            if x < 0 {
                return i as i32;
            }
        }
        let s: i32 = v.iter().sum();
        if s > 100 {
            return 100;
        }
        s
    }

    pub fn many_iterations(n: u64) -> u64 {
        let mut acc = 0u64;
        let mut s = String::new();
        for i in 0..n {
            acc = acc.wrapping_mul(31).wrapping_add(i);
            if i % 1000 == 0 {
                s.push('.');
            }
        }
        let mut j = 0;
        while j < n {
            j += 7;
        }
        acc ^ j ^ s.len() as u64
    }

    pub fn two_phase_borrows() -> Vec<usize> {
        let mut v = vec![0usize];
        v.push(v.len());
        v.push(v.len() * 2);
        let n = v[0] + v.len();
        v.push(n);
        v
    }

    pub fn bump_ref(x: &mut i32) {
        *x += 1;
    }

    pub fn reborrow_twice() -> i32 {
        let mut n = 0;
        let r = &mut n;
        bump_ref(r);
        bump_ref(r);
        *r += 10;
        n
    }

    pub fn struct_update() -> Config {
        let base = Config { name: "base".into(), level: 1, ..Default::default() };
        let c = Config { level: 3, verbose: true, ..base.clone() };
        let d = Config { tags: vec!["t".into()], ..c };
        Config { name: format!("{}+{}", base.name, d.name), ..d }
    }

    pub fn formatting() -> String {
        let mut s = String::new();
        let name = "x";
        let n = 1.23456;
        write!(s, "{name}={n:.2}").unwrap();
        writeln!(s, " [{:>5}]", 42).unwrap();
        let t = format!("{:?}|{:#x}|{}", vec![1, 2], 255, s.trim_end());
        log(&t);
        t
    }

    pub fn write_into_param(out: &mut String, items: &[i32]) -> usize {
        for it in items {
            write!(out, "{it},").unwrap();
        }
        out.len()
    }

    pub fn uses_write_into() -> (String, usize) {
        let mut s = String::new();
        let a = write_into_param(&mut s, &[1, 2]);
        let b = write_into_param(&mut s, &[3]);
        (s, a + b)
    }

    pub fn option_combinators(v: Vec<Option<i32>>) -> (Vec<i32>, Option<i32>) {
        let flat: Vec<i32> = v.iter().flatten().copied().collect();
        let first = v.into_iter().find_map(|o| o.map(|x| x * 10));
        (flat, first)
    }

    pub fn sort_and_dedup(mut v: Vec<String>) -> Vec<String> {
        v.sort_by_key(|a| a.to_lowercase());
        v.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        v
    }

    pub fn mut_param_pattern((mut a, b): (i32, i32)) -> i32 {
        a += b;
        a
    }

    pub fn while_let_pop() -> Vec<i32> {
        let mut stack = vec![1, 2, 3];
        let mut out = Vec::new();
        while let Some(top) = stack.pop() {
            out.push(top);
            if top == 3 {
                stack.push(0);
            }
        }
        out
    }

    pub fn string_ops(s: String) -> (String, usize, bool) {
        let upper = s.to_uppercase();
        let len = s.len();
        let moved = s;
        let contains = moved.contains('l');
        (upper + &moved, len, contains)
    }

    pub fn hashmap_entry_update() -> Vec<(char, usize)> {
        let mut m = HashMap::new();
        for c in "mississippi".chars() {
            let e = m.entry(c).or_insert(0);
            *e += 1;
        }
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort();
        v
    }

    pub fn nested_closures() -> i32 {
        let base = 2;
        let outer = |x: i32| {
            let inner = |y: i32| y * base;
            inner(x) + 1
        };
        (1..=3).map(outer).sum()
    }

    pub fn closure_returns_closure() -> i32 {
        let mk = |k: i32| move |x: i32| x * k;
        let triple = mk(3);
        triple(4) + mk(2)(5)
    }

    pub fn match_on_tuple(a: Option<i32>, b: Result<i32, String>) -> String {
        match (a, b) {
            (Some(x), Ok(y)) if x == y => "eq".into(),
            (Some(x), Ok(y)) => format!("{x}/{y}"),
            (None, Err(e)) => e,
            (_, Err(e)) => format!("err {e}"),
            (None, Ok(y)) => y.to_string(),
        }
    }

    pub fn drop_order() -> String {
        struct Loud(&'static str);
        impl Drop for Loud {
            fn drop(&mut self) {
                log(self.0);
            }
        }
        let _a = Loud("a");
        let b = Loud("b");
        {
            let _c = Loud("c");
        }
        drop(b);
        let _d = Loud("d");
        "done".to_string()
    }

    pub fn char_indices_and_bytes(s: &str) -> (Vec<usize>, u32) {
        let idx = s.char_indices().filter(|(_, c)| c.is_uppercase()).map(|(i, _)| i).collect();
        let sum = s.bytes().map(u32::from).sum();
        (idx, sum)
    }

    pub fn generic_struct_method() -> Option<String> {
        let mut st = Stack::new();
        st.push("x".to_string());
        st.push("y".to_string());
        st.peek().cloned()
    }

    pub fn array_and_vec_indexing() -> i32 {
        let mut grid = [[0i32; 3]; 3];
        for (i, row) in grid.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                *cell = (i * 3 + j) as i32;
            }
        }
        grid[1][1] + grid[2][0]
    }

    pub fn cow_and_lifetimes(s: &str) -> String {
        let c: std::borrow::Cow<str> = if s.contains(' ') {
            std::borrow::Cow::Owned(s.replace(' ', "_"))
        } else {
            std::borrow::Cow::Borrowed(s)
        };
        c.into_owned()
    }

    // ---------- more shadowing, deferred init, partial moves, captures ----------
    pub fn let_else_shadow(x: Option<String>) -> String {
        let Some(x) = x else {
            return String::new();
        };
        x + "?"
    }

    pub fn for_shadow(x: Vec<u32>) -> u32 {
        let mut s = 0;
        for x in x {
            s += x;
        }
        s
    }

    pub fn closure_question(v: &[&str]) -> Option<u32> {
        let f = |s: &str| -> Option<u32> {
            let n = s.parse().ok()?;
            Some(n)
        };
        let mut t = 0;
        for s in v {
            t += f(s)?;
        }
        Some(t)
    }

    pub fn raw_idents(r#type: u32) -> u32 {
        let r#match = r#type + 1;
        r#match * 2
    }

    pub fn deferred_init(c: bool) -> String {
        let x: String;
        let mut i = 0;
        loop {
            i += 1;
            if c || i > 3 {
                x = format!("done after {i}");
                break;
            }
        }
        x
    }

    pub fn field_assign_and_destructure() -> (String, u32) {
        let mut p = Config::default();
        let s = String::from("a");
        p.name = s;
        p.level += 1;
        let Config { name, level, .. } = p;
        (name, level as u32)
    }

    pub fn partial_moves() -> (String, String) {
        let t = (String::from("a"), String::from("b"));
        let a = t.0;
        let b = t.1;
        (b, a)
    }

    pub fn spawn_move_let() -> usize {
        let d = vec![1, 2];
        let h = std::thread::spawn(move || {
            let e = d;
            e.len()
        });
        h.join().unwrap()
    }

    pub fn closure_moves_outer() -> usize {
        let d = vec![1, 2];
        let f = || {
            let e = d;
            e.len()
        };
        f()
    }

    pub fn local_item_types() -> u32 {
        #[derive(Clone, Copy)]
        struct L(u32);
        let l: L = L(3);
        let m = l;
        let g = |z: L| z.0;
        g(l) + m.0
    }

    pub fn fn_pointers() -> u32 {
        let f: fn(u32) -> u32 = |x| x + 1;
        let g = f;
        f(1) + g(1)
    }

    pub fn panics_caught(x: u32) -> bool {
        let r = std::panic::catch_unwind(|| {
            let v = vec![x];
            if x > 1 {
                panic!("boom {}", v[0]);
            }
            v[0]
        });
        r.is_ok()
    }

    pub fn reborrow_explicit(y: &mut Vec<u32>) -> usize {
        let x = &mut *y;
        x.push(1);
        y.len()
    }

    pub fn ret_mut_ref(v: &mut Vec<u32>) -> u32 {
        v.push(1);
        let r = &mut v[0];
        *r += 5;
        v[0]
    }

    pub fn box_dyn_lifetime(s: &str) -> usize {
        let b: Box<dyn Fn() -> usize + '_> = Box::new(move || s.len());
        b() * 2
    }
}
once_failing {
    // ONCE FAILING, now traced like the rest (macro bug 1): `unreachable_code` error (deny(warnings)) in the traced
    // copy: a recording statement is inserted after `return Err(format!(.., self.coins))`.
    impl Wallet {
        pub fn spend(&mut self, n: u32) -> Result<u32, String> {
            if n > self.coins {
                return Err(format!("need {n}, have {}", self.coins));
            }
            self.coins -= n;
            Ok(self.coins)
        }
    }

    // ONCE FAILING, now traced like the rest (macro bug 1, same cause): `return`/`break` whose value borrows a local
    // (`s.len()`, `format!("{n}")`, `v.len()`): traced copy fails with `unreachable statement`.
    pub fn return_borrowing(s: &str, n: u32) -> String {
        if s.is_empty() {
            return format!("empty {n}");
        }
        if s.len() > 10 {
            return s.to_uppercase();
        }
        s.repeat(2)
    }

    pub fn break_borrowing(v: Vec<u32>) -> u32 {
        let mut i = 0;
        loop {
            i += 1;
            if i > 3 {
                break v.len() as u32 + i;
            }
        }
    }

    // ONCE FAILING, now traced like the rest (macro bug 2): `let x = match x { Some(v) => v, .. }` (a `let` that
    // shadows the variable its own initializer matches on): traced copy fails with
    // `cannot find value `__trace_ownership_slot_N` in this scope`.
    pub fn shadow_via_match(x: Option<String>) -> String {
        let x = match x {
            Some(v) => v,
            None => String::from("none"),
        };
        x + "!"
    }

    pub fn shadow_via_if_let(x: Option<u32>) -> u32 {
        let x = if let Some(v) = x { v * 2 } else { 0 };
        x + 1
    }

    // ONCE FAILING, now traced like the rest (macro bug 1, statement-macro form): a diverging format macro statement
    // that mentions a local (`panic!("{x}");`, `unreachable!("{}", s);`): the traced copy
    // gets `borrow_end` after it, `unreachable statement`.
    pub fn panic_with_local(x: u32, s: String) -> u32 {
        if x > 100 {
            panic!("{x}");
        }
        if s.is_empty() {
            unreachable!("{}", s);
        }
        x + s.len() as u32
    }

    pub fn labelled_break_borrowing(s: &str) -> usize {
        let r = 'a: {
            if s.is_empty() {
                break 'a s.len();
            }
            2
        };
        r + 1
    }
}
}
