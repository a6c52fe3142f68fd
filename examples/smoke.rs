use trace_ownership::trace_ownership;

#[trace_ownership]
fn takes(s: String) -> usize {
    s.len()
}

#[trace_ownership]
fn main() {
    let s = String::from("hello");
    let t = s;
    let x = 5;
    let y = x;
    let c = t.clone();
    let r = &c;
    println!("{r} {x} {y}");
    let n = takes(t);
    let mut v = vec![1, 2];
    v.push(3);
    for i in 0..10 {
        let z = i * 2;
        let _ = z;
    }
    let d = Default::default();
    let e = d;
    let f: String = e;
    drop(c);
    println!("{n} {f} {v:?}");
}
