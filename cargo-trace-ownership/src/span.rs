//! Source positions as the MIR printer writes them: `file.rs:12:9: 12:14` (1-based lines and
//! columns, the end exclusive).

use std::fmt;

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub col: u32,
}

/// A source range in one file, as rustc spells it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file as rustc was given it (`src/main.rs`), or a path into the standard library
    /// (`/rustc/<hash>/library/std/src/macros.rs`) for code expanded from a library macro.
    pub file: String,
    /// Where the range starts.
    pub lo: Pos,
    /// Where it ends (exclusive).
    pub hi: Pos,
}

impl Span {
    /// Parses `file:L:C: L2:C2` (the text after `at ` in a MIR comment).
    ///
    /// ```
    /// use cargo_trace_ownership::span::{Pos, Span};
    /// let s = Span::parse("src/main.rs:12:9: 12:14").unwrap();
    /// assert_eq!(s.file, "src/main.rs");
    /// assert_eq!((s.lo, s.hi), (Pos { line: 12, col: 9 }, Pos { line: 12, col: 14 }));
    /// assert!(Span::parse("nonsense").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Span> {
        let text = text.trim();
        let (start, end) = text.rsplit_once(": ")?;
        let hi = parse_pos(end)?;
        let mut parts = start.rsplitn(3, ':');
        let col = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        let file = parts.next()?.to_string();
        if file.is_empty() {
            return None;
        }
        Some(Span {
            file,
            lo: Pos { line, col },
            hi,
        })
    }

    /// Whether `pos` lies in the range (its start included, its end excluded; an empty range
    /// contains its own start).
    pub fn contains(&self, pos: Pos) -> bool {
        self.lo == pos || (self.lo <= pos && pos < self.hi)
    }

    /// Whether the range lies in the standard library's sources (code a library macro such as
    /// `println!` expanded to), not in the user's.
    pub fn is_library(&self) -> bool {
        self.file.starts_with("/rustc/") || self.file.contains("/library/")
    }

    /// Lines and columns covered, for choosing the narrowest of several ranges.
    pub fn extent(&self) -> (u32, u32) {
        (
            self.hi.line.saturating_sub(self.lo.line),
            if self.hi.line == self.lo.line {
                self.hi.col.saturating_sub(self.lo.col)
            } else {
                self.hi.col
            },
        )
    }
}

fn parse_pos(text: &str) -> Option<Pos> {
    let (line, col) = text.trim().split_once(':')?;
    Some(Pos {
        line: line.parse().ok()?,
        col: col.parse().ok()?,
    })
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.lo, self.hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_span_with_a_long_path() {
        let s = Span::parse(
            "/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/macros.rs:143:28: 143:61",
        )
        .unwrap();
        assert!(s.is_library());
        assert_eq!(s.lo, Pos { line: 143, col: 28 });
        assert_eq!(s.to_string(), "/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/macros.rs:143:28: 143:61");
    }

    #[test]
    fn containment_includes_the_start_and_excludes_the_end() {
        let s = Span::parse("a.rs:3:5: 3:9").unwrap();
        assert!(s.contains(Pos { line: 3, col: 5 }));
        assert!(s.contains(Pos { line: 3, col: 8 }));
        assert!(!s.contains(Pos { line: 3, col: 9 }));
        let empty = Span::parse("a.rs:3:5: 3:5").unwrap();
        assert!(empty.contains(Pos { line: 3, col: 5 }));
    }

    #[test]
    fn garbage_is_none() {
        for bad in ["", "a.rs", "a.rs:1:2", "a.rs:x:2: 3:4", ":1:2: 3:4"] {
            assert!(Span::parse(bad).is_none(), "{bad}");
        }
    }
}
