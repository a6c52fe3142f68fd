//! Interleaved rounds, shared by the benches whose figure is a ratio: each round times the
//! untraced side and the traced side back to back (alternating which goes first), so that a
//! change in the machine's speed during the run affects both alike.

use std::hint::black_box;
use std::time::Instant;

/// The medians over `rounds` rounds: seconds per call of `plain`, seconds per call of
/// `traced` (each timed over `calls` calls with `arg`), and the per-round ratio traced / plain.
pub fn medians<A: Copy>(
    rounds: usize,
    calls: usize,
    arg: A,
    plain: fn(A) -> usize,
    traced: fn(A) -> usize,
) -> (f64, f64, f64) {
    let time = |f: fn(A) -> usize| {
        let t = Instant::now();
        for _ in 0..calls {
            black_box(f(black_box(arg)));
        }
        t.elapsed().as_secs_f64() / calls as f64
    };
    let (mut p_all, mut t_all, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (p, t) = if round % 2 == 0 {
            let p = time(plain);
            (p, time(traced))
        } else {
            let t = time(traced);
            (time(plain), t)
        };
        p_all.push(p);
        t_all.push(t);
        ratios.push(t / p);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    (median(p_all), median(t_all), median(ratios))
}
