//! MIR places (`_1`, `(*_3)`, `(_5.0: String)`, `((_1 as Some).0: i32)`, `_4[_6]`) and the
//! operands that use them (`move P`, `copy P`, `&P`, `&mut P`).

use std::fmt;

/// One step from a local to a part of it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Proj {
    /// `(*P)`: what a reference or box points to.
    Deref,
    /// `(P.N: Ty)`: field number `N`.
    Field(u32),
    /// `(P as Variant)`: the enum variant a match arm bound (or a cast of an opaque type).
    Downcast(String),
    /// `P[...]`: an element of an array or slice.
    Index,
}

/// A local (`_N`) and the steps to a part of it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    /// The local's number: `_3` is 3.
    pub local: u32,
    /// Projections, innermost first.
    pub proj: Vec<Proj>,
}

impl Place {
    /// Parses a place at the start of `text`; returns it and the rest of the text.
    ///
    /// ```
    /// use cargo_trace_ownership::place::{Place, Proj};
    /// let (p, rest) = Place::parse_prefix("((*_1).0: &mut i32), x").unwrap();
    /// assert_eq!(p, Place { local: 1, proj: vec![Proj::Deref, Proj::Field(0)] });
    /// assert_eq!(rest, ", x");
    /// ```
    pub fn parse_prefix(text: &str) -> Option<(Place, &str)> {
        let text = text.trim_start();
        let (mut place, mut rest) = if let Some(inner) = text.strip_prefix("(*") {
            let (p, rest) = Place::parse_prefix(inner)?;
            let rest = rest.strip_prefix(')')?;
            (p.with(Proj::Deref), rest)
        } else if let Some(inner) = text.strip_prefix('(') {
            let (p, rest) = Place::parse_prefix(inner)?;
            if let Some(after) = rest.strip_prefix('.') {
                // `(P.N: Ty)`: the type may itself hold parentheses; skip to the matching `)`.
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                let n = digits.parse().ok()?;
                let close = matching_close(&after[digits.len()..])?;
                (p.with(Proj::Field(n)), &after[digits.len() + close + 1..])
            } else if let Some(after) = rest.strip_prefix(" as ") {
                let close = matching_close(after)?;
                let variant = after[..close].trim().to_string();
                (p.with(Proj::Downcast(variant)), &after[close + 1..])
            } else if let Some(after) = rest.strip_prefix(": ") {
                // `(P: Ty)`: a subtyping cast, the same place.
                let close = matching_close(after)?;
                (p, &after[close + 1..])
            } else {
                return None;
            }
        } else {
            let digits: String = text
                .strip_prefix('_')?
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let local = digits.parse().ok()?;
            (
                Place {
                    local,
                    proj: Vec::new(),
                },
                &text[1 + digits.len()..],
            )
        };
        // Postfix indexing: `P[_6]`, `P[2 of 3]`, `P[1:]`.
        while let Some(after) = rest.strip_prefix('[') {
            let close = after.find(']')?;
            place = place.with(Proj::Index);
            rest = &after[close + 1..];
        }
        Some((place, rest))
    }

    /// Parses a whole place (`None` if anything is left over).
    pub fn parse(text: &str) -> Option<Place> {
        match Place::parse_prefix(text)? {
            (p, rest) if rest.trim().is_empty() => Some(p),
            _ => None,
        }
    }

    fn with(mut self, p: Proj) -> Place {
        self.proj.push(p);
        self
    }

    /// The field and variant steps only: derefs and indexing left out (how a closure body's
    /// `debug m => (*((*_1).0: &mut i32))` is compared with its uses `((*_1).0: &mut i32)`).
    pub fn fields(&self) -> Vec<&Proj> {
        self.proj
            .iter()
            .filter(|p| matches!(p, Proj::Field(_) | Proj::Downcast(_)))
            .collect()
    }
}

/// Index of the `)` that closes the group `text` is inside (brackets and angle brackets nested).
pub(crate) fn matching_close(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

impl fmt::Display for Place {
    /// Written back as the MIR printer writes it, field types left out: `(*_1).0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = format!("_{}", self.local);
        for p in &self.proj {
            s = match p {
                Proj::Deref => format!("(*{s})"),
                Proj::Field(n) => format!("{s}.{n}"),
                Proj::Downcast(v) => format!("({s} as {v})"),
                Proj::Index => format!("{s}[_]"),
            };
        }
        f.write_str(&s)
    }
}

/// How an operand or rvalue uses a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Access {
    /// `move P`: ownership leaves `P`.
    Move,
    /// `copy P`: the bits of a `Copy` value duplicated.
    Copy,
    /// `&P`: a shared borrow.
    Borrow,
    /// `&mut P`: a mutable borrow.
    BorrowMut,
}

impl Access {
    /// The word used in reports and snapshots.
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Move => "move",
            Access::Copy => "copy",
            Access::Borrow => "borrow",
            Access::BorrowMut => "borrow_mut",
        }
    }
}

/// Every use of a place in a piece of MIR code, in order: `move P`, `copy P`, `&P`, `&mut P`
/// (`&raw` and the match checker's `&fake` borrows are not the program's borrows and are left
/// out). Quoted strings (constants, assertion messages) are skipped.
///
/// ```
/// use cargo_trace_ownership::place::{uses, Access};
/// let u = uses(r#"Foo { name: move _2, n: copy (_3.0: i32) }"#);
/// assert_eq!(u.len(), 2);
/// assert_eq!((u[0].0, u[0].1.local), (Access::Move, 2));
/// assert_eq!((u[1].0, u[1].1.local), (Access::Copy, 3));
/// assert!(uses(r#"const "move _1""#).is_empty());
/// ```
pub fn uses(code: &str) -> Vec<(Access, Place)> {
    let mut out = Vec::new();
    let mut rest = code;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            rest = skip_string(after);
            continue;
        }
        let at_word_start = {
            let consumed = code.len() - rest.len();
            consumed == 0
                || !code[..consumed]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
        };
        let found = if !at_word_start {
            None
        } else if let Some(after) = rest.strip_prefix("move ") {
            Some((Access::Move, after))
        } else if let Some(after) = rest.strip_prefix("copy ") {
            Some((Access::Copy, after))
        } else if rest.starts_with("&raw ") || rest.starts_with("&fake ") {
            None
        } else if let Some(after) = rest.strip_prefix("&mut ") {
            Some((Access::BorrowMut, after))
        } else {
            rest.strip_prefix('&')
                .filter(|a| a.starts_with('_') || a.starts_with('('))
                .map(|a| (Access::Borrow, a))
        };
        if let Some((access, after)) = found {
            if let Some((place, tail)) = Place::parse_prefix(after) {
                out.push((access, place));
                rest = tail;
                continue;
            }
        }
        let mut chars = rest.chars();
        chars.next();
        rest = chars.as_str();
    }
    out
}

/// The text after a quoted string whose opening quote was already consumed.
fn skip_string(s: &str) -> &str {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return &s[i + 1..],
            _ => escaped = false,
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_as_the_mir_printer_writes_them() {
        let cases = [
            ("_1", "_1"),
            ("(*_10)", "(*_10)"),
            ("(_5.0: std::string::String)", "_5.0"),
            ("((_1 as Quarter).0: UsState)", "(_1 as Quarter).0"),
            ("(*((*_1).0: &mut i32))", "(*(*_1).0)"),
            ("((*_1).0: (i32, std::vec::Vec<(u8, u8)>))", "(*_1).0"),
            ("_4[_6]", "_4[_]"),
            ("(_2: &'a str)", "_2"),
        ];
        for (text, shown) in cases {
            let p = Place::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(p.to_string(), shown, "{text}");
        }
    }

    #[test]
    fn not_a_place() {
        for bad in ["", "x", "_", "(_1", "(*_1", "(_1.x: i32)", "const 5_i32"] {
            assert!(Place::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn uses_in_calls_aggregates_and_reborrows() {
        let u = uses("<Foo as Bar>::f(move _4, copy _5, const 1_i32)");
        assert_eq!(
            u,
            vec![
                (Access::Move, Place::parse("_4").unwrap()),
                (Access::Copy, Place::parse("_5").unwrap())
            ]
        );
        let u = uses("&(*_3)");
        assert_eq!(u, vec![(Access::Borrow, Place::parse("(*_3)").unwrap())]);
        let u = uses("&mut _16");
        assert_eq!(u[0].0, Access::BorrowMut);
        assert!(uses("&raw const _1").is_empty());
        assert!(uses("&fake shallow _1").is_empty());
        // An escaped quote inside a string does not end it.
        assert!(uses(r#"const "a \" move _1""#).is_empty());
        // `remove _1` is not `move _1`.
        assert!(uses("remove _1").is_empty());
    }
}
