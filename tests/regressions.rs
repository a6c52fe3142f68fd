//! Failures found by the battle test on real crates, each pinned by the smallest program that
//! showed it. Every function here is compiled traced under `#![deny(warnings)]` and run.
#![deny(warnings)]

use trace_ownership::trace_ownership;

/// semver 1.0.23 `numeric_identifier`: a match arm whose body is an assignment (`Some(sum) =>
/// value = sum`) got a recording statement after it without a `;`, and the macro panicked.
mod issue_tail_assignment_in_match_arm {
    use super::*;

    #[trace_ownership]
    pub fn digits(input: &str) -> Option<u64> {
        let mut len = 0;
        let mut value = 0u64;
        while let Some(&digit) = input.as_bytes().get(len) {
            match value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(digit - b'0')))
            {
                Some(sum) => value = sum,
                None => return None,
            }
            len += 1;
        }
        Some(value)
    }

    #[test]
    fn runs() {
        assert_eq!(digits("1234"), Some(1234));
        assert_eq!(digits("99999999999999999999"), None);
    }
}

/// semver `inline_len`, arrayvec `extend_from_slice`: `let x = { ..x.. };` re-binding a name
/// whose initializer uses the old binding inside a nested block. The new binding was declared
/// before the nested block was rewritten, so the block referred to a slot not yet declared.
mod issue_let_rebinds_name_used_in_nested_block {
    use super::*;

    #[trace_ownership]
    pub fn shorten(slice: &[u8], take: usize) -> usize {
        let slice = if take < slice.len() {
            &slice[..take]
        } else {
            slice
        };
        let n = unsafe { std::ptr::read(&slice.len()) };
        let n = { n * 2 } / 2;
        n
    }

    #[test]
    fn runs() {
        assert_eq!(shorten(b"hello", 2), 2);
        assert_eq!(shorten(b"hi", 5), 2);
    }
}

/// getopts 0.2.21 `find_opt`: `return opts.iter().position(..);` got a borrow-end statement
/// after the `return`: an "unreachable statement" warning, an error under `deny(warnings)`.
mod issue_statement_after_return_is_unreachable {
    use super::*;

    #[trace_ownership]
    pub fn find(opts: &[u32], nm: u32) -> Option<usize> {
        for candidate in opts.iter() {
            if *candidate == nm {
                return opts.iter().position(|o| *o == nm);
            }
        }
        None
    }

    fn never(code: i32) -> ! {
        panic!("exit {code}")
    }

    /// A call of a `-> !` function with a borrow in its arguments: the borrow's end comes after it.
    #[trace_ownership]
    pub fn diverges(v: &Vec<i32>, stop: bool) -> usize {
        if stop {
            never(v.len() as i32);
        }
        v.len()
    }

    #[test]
    fn runs() {
        assert_eq!(find(&[1, 2, 3], 2), Some(1));
        assert_eq!(diverges(&vec![1], false), 1);
    }
}

/// semver: `#[cfg(..)]` on a `let` that is compiled out.
mod issue_cfg_on_let {
    use super::*;

    #[trace_ownership]
    pub fn pick(x: u64) -> u64 {
        let r = x + 1;
        #[cfg(any())]
        let r = r * 100;
        r
    }

    #[test]
    fn runs() {
        assert_eq!(pick(1), 2);
    }
}
