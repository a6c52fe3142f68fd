//! Reads the text `rustc -Zunpretty=mir -Zmir-opt-level=0 -Zmir-include-spans=yes` prints into
//! bodies, user variable names and statements with their source spans.
//!
//! Understood: the format printed by rustc 1.95.0 (the pinned toolchain; the same layout has been
//! printed since about 1.70): `fn NAME(..) -> T {` bodies (and `const`/`static`/promoted ones),
//! `debug NAME => PLACE;` and `let _N: T;` declarations inside nested `scope K { }` blocks, basic
//! blocks `bbN: {` / `bbN (cleanup): {`, each statement followed by `// scope K at FILE:L:C: L2:C2`,
//! and the `// + span: ...` line after a call that gives the callee's own span. Anything else is
//! skipped; text with no body at all is reported by [`parse`] as an error.

use crate::place::Place;
use crate::span::Span;

/// A user variable as the MIR names it: `debug s => _15;`.
#[derive(Clone, Debug, PartialEq)]
pub struct Debug {
    /// The name written in the source.
    pub name: String,
    /// Where its value lives (a local, or in a closure body a field of the closure).
    pub place: Place,
    /// The binding's span.
    pub span: Option<Span>,
}

/// What one MIR statement or terminator does (only what precise mode needs is told apart).
#[derive(Clone, Debug, PartialEq)]
pub enum Code {
    /// `LHS = RVALUE;`
    Assign {
        /// The place assigned.
        lhs: Option<Place>,
        /// The right-hand side as printed.
        rvalue: String,
    },
    /// `DEST = CALLEE(ARGS) -> ...;`
    Call {
        /// Where the result goes.
        dest: Option<Place>,
        /// The function as printed (`Foo::poke`, `<String as From<&str>>::from`).
        callee: String,
        /// The arguments as printed, comma-separated at the top level.
        args: Vec<String>,
    },
    /// `drop(P) -> ...;`
    Drop(Place),
    /// `switchInt(OPERAND) -> [V: bbA, otherwise: bbB];`
    SwitchInt {
        /// The operand as printed (`copy _82`).
        operand: String,
        /// The blocks it may go to.
        targets: Vec<String>,
    },
    /// Anything else (`StorageLive`, `goto`, `return`, `FakeRead`, ...).
    Other(String),
}

/// One line of a basic block.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What it does.
    pub code: Code,
    /// Its span (`// scope K at ...`).
    pub span: Option<Span>,
    /// For a call: the span of the function named (`// + span:` under it). For a method call
    /// it starts after the receiver; for a plain call, where the call starts.
    pub callee_span: Option<Span>,
}

/// A basic block.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// `bb3`.
    pub name: String,
    /// Whether it runs only while unwinding from a panic.
    pub cleanup: bool,
    /// Its statements, the terminator last.
    pub stmts: Vec<Stmt>,
}

/// One MIR body: a function, a closure, a constant.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    /// As printed: `main`, `main::{closure#0}`, `<impl at src/main.rs:9:1: 9:13>::finish`.
    pub name: String,
    /// Named variables.
    pub debug: Vec<Debug>,
    /// Declared locals: number, type, span.
    pub locals: Vec<(u32, String, Option<Span>)>,
    /// Basic blocks in order.
    pub blocks: Vec<Block>,
}

impl Body {
    /// The name of the function: the last path segment that is not a closure
    /// (`<impl at ..>::finish` → `finish`, `main::{closure#0}` → `main`).
    pub fn function_name(&self) -> &str {
        let mut segs = split_path(&self.name);
        while segs.last().is_some_and(|s| s.starts_with('{')) {
            segs.pop();
        }
        segs.last().copied().unwrap_or(&self.name)
    }

    /// Whether the body is a closure's.
    pub fn is_closure(&self) -> bool {
        self.name.ends_with('}') && self.name.contains("{closure#")
    }

    /// The type of local `n`, as printed.
    pub fn local_type(&self, n: u32) -> Option<&str> {
        self.locals
            .iter()
            .find(|(l, _, _)| *l == n)
            .map(|(_, t, _)| t.as_str())
    }
}

/// The `::`-separated segments of a path, ignoring `::` inside `<...>`.
pub fn split_path(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => depth += 1,
            b'>' if i > 0 && bytes[i - 1] == b'-' => {}
            b'>' => depth -= 1,
            b':' if depth == 0 && bytes.get(i + 1) == Some(&b':') => {
                out.push(&path[start..i]);
                start = i + 2;
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&path[start..]);
    out
}

/// The MIR could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

/// Parses MIR text into bodies. Never panics: text that holds no MIR body is an error; lines
/// inside a body that are not understood are kept as [`Code::Other`] or skipped.
///
/// ```
/// let mir = "fn f(_1: String) -> () {\n    debug s => _1;                       // in scope 0 at a.rs:1:6: 1:7\n    let mut _0: ();                      // return place in scope 0 at a.rs:1:17: 1:17\n\n    bb0: {\n        drop(_1) -> [return: bb1, unwind continue]; // scope 0 at a.rs:1:20: 1:21\n    }\n}\n";
/// let bodies = cargo_trace_ownership::mir::parse(mir).unwrap();
/// assert_eq!(bodies[0].name, "f");
/// assert_eq!(bodies[0].debug[0].name, "s");
/// assert!(cargo_trace_ownership::mir::parse("garbage").is_err());
/// ```
pub fn parse(text: &str) -> Result<Vec<Body>, ParseError> {
    let mut bodies = Vec::new();
    let mut current: Option<Body> = None;
    for line in text.lines() {
        if current.is_none() {
            if let Some(name) = body_header(line) {
                let locals = header_args(&line[3 + name.len()..]);
                current = Some(Body {
                    name,
                    debug: Vec::new(),
                    locals,
                    blocks: Vec::new(),
                });
            }
            continue;
        }
        if line == "}" {
            bodies.extend(current.take());
            continue;
        }
        let Some(body) = current.as_mut() else {
            continue;
        };
        let (code, comment) = split_comment(line);
        let code = code.trim();
        let span = comment.and_then(comment_span);
        if code.is_empty() {
            // `// + span: ...` under a call: the callee's span.
            if let Some(s) = comment.and_then(|c| c.trim().strip_prefix("+ span:")) {
                if let Some(stmt) = body.blocks.last_mut().and_then(|b| b.stmts.last_mut()) {
                    if matches!(stmt.code, Code::Call { .. }) && stmt.callee_span.is_none() {
                        stmt.callee_span = Span::parse(s);
                    }
                }
            }
            continue;
        }
        if let Some(rest) = code.strip_prefix("debug ") {
            if let Some((name, place)) = rest.trim_end_matches(';').split_once(" => ") {
                if let Some(place) = Place::parse(place) {
                    body.debug.push(Debug {
                        name: name.trim().to_string(),
                        place,
                        span,
                    });
                }
            }
            continue;
        }
        if let Some(rest) = code.strip_prefix("let ") {
            let rest = rest.strip_prefix("mut ").unwrap_or(rest);
            if let Some((local, ty)) = rest.trim_end_matches(';').split_once(": ") {
                if let Some(n) = local.strip_prefix('_').and_then(|n| n.parse().ok()) {
                    body.locals.push((n, ty.to_string(), span));
                }
            }
            continue;
        }
        if code.starts_with("scope ") || code == "}" {
            continue;
        }
        if let Some(head) = code.strip_suffix(": {") {
            let (name, cleanup) = match head.strip_suffix(" (cleanup)") {
                Some(n) => (n, true),
                None => (head, false),
            };
            body.blocks.push(Block {
                name: name.to_string(),
                cleanup,
                stmts: Vec::new(),
            });
            continue;
        }
        if let Some(block) = body.blocks.last_mut() {
            block.stmts.push(Stmt {
                code: classify(code.trim_end_matches(';')),
                span,
                callee_span: None,
            });
        }
    }
    bodies.extend(current.take());
    if bodies.is_empty() {
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(ParseError(format!(
            "no MIR body found (the text starts with {:?}); expected `fn NAME(..) -> T {{` as printed by `rustc -Zunpretty=mir`",
            first.chars().take(60).collect::<String>()
        )));
    }
    Ok(bodies)
}

/// `fn NAME(...) -> T {`, `const NAME: T = {`, `static NAME: T = {`: the body's name.
fn body_header(line: &str) -> Option<String> {
    if !line.ends_with('{') || line.starts_with(' ') {
        return None;
    }
    if let Some(rest) = line.strip_prefix("fn ") {
        let mut depth = 0i32;
        for (i, c) in rest.char_indices() {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                '(' if depth == 0 => return Some(rest[..i].to_string()),
                _ => {}
            }
        }
        return None;
    }
    let rest = line
        .strip_prefix("const ")
        .or_else(|| line.strip_prefix("static mut "))
        .or_else(|| line.strip_prefix("static "))?;
    let (name, _) = rest.split_once(": ")?;
    Some(name.to_string())
}

/// The arguments of `(_1: Counter, _2: i32) -> T {`: numbers and types.
fn header_args(rest: &str) -> Vec<(u32, String, Option<Span>)> {
    let Some(inner) = rest.strip_prefix('(') else {
        return Vec::new();
    };
    let Some(close) = crate::place::matching_close(inner) else {
        return Vec::new();
    };
    split_args(&inner[..close])
        .into_iter()
        .filter_map(|a| {
            let (local, ty) = a.split_once(": ")?;
            Some((local.strip_prefix('_')?.parse().ok()?, ty.to_string(), None))
        })
        .collect()
}

/// Splits `code // comment` at the first `//` outside a string literal.
fn split_comment(line: &str) -> (&str, Option<&str>) {
    let bytes = line.as_bytes();
    let mut in_str = false;
    let mut escaped = false;
    for i in 0..bytes.len() {
        let b = bytes[i];
        if in_str {
            match b {
                b'\\' if !escaped => escaped = true,
                b'"' if !escaped => in_str = false,
                _ => escaped = false,
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                return (&line[..i], Some(&line[i + 2..]));
            }
            _ => {}
        }
    }
    (line, None)
}

/// The span in `scope K at SPAN` / `in scope K at SPAN` / `return place in scope 0 at SPAN`.
fn comment_span(comment: &str) -> Option<Span> {
    let (_, span) = comment.split_once(" at ")?;
    Span::parse(span)
}

fn classify(code: &str) -> Code {
    if let Some(rest) = code.strip_prefix("drop(") {
        if let Some(place) = rest.split_once(") ->").and_then(|(p, _)| Place::parse(p)) {
            return Code::Drop(place);
        }
    }
    if let Some(rest) = code.strip_prefix("switchInt(") {
        if let Some((operand, targets)) = rest.split_once(") -> [") {
            let targets = targets
                .trim_end_matches(']')
                .split(", ")
                .filter_map(|t| t.split_once(": ").map(|(_, bb)| bb.to_string()))
                .collect();
            return Code::SwitchInt {
                operand: operand.to_string(),
                targets,
            };
        }
    }
    let Some((lhs, rhs)) = code.split_once(" = ") else {
        return Code::Other(code.to_string());
    };
    let lhs = Place::parse(lhs);
    if let Some(call_end) = rhs.rfind(") -> ") {
        if let Some(open) = matching_open(&rhs[..call_end]) {
            let callee = rhs[..open].trim().to_string();
            if !callee.is_empty() {
                return Code::Call {
                    dest: lhs,
                    callee,
                    args: split_args(&rhs[open + 1..call_end]),
                };
            }
        }
    }
    Code::Assign {
        lhs,
        rvalue: rhs.to_string(),
    }
}

/// Index of the `(` that opens the group ending at the end of `text`.
fn matching_open(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices().rev() {
        match c {
            ')' | ']' | '}' => depth += 1,
            '(' if depth == 0 => return Some(i),
            '(' | '[' | '{' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Arguments split at top-level commas.
fn split_args(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut in_str = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_str = !in_str,
            _ if in_str => {}
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth -= 1,
            ',' if depth == 0 => {
                out.push(text[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        out.push(last.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_outside_angle_brackets() {
        assert_eq!(
            split_path("<impl at src/main.rs:9:1: 9:13>::finish"),
            vec!["<impl at src/main.rs:9:1: 9:13>", "finish"]
        );
        assert_eq!(
            split_path("<RefMut<'_, i32> as DerefMut>::deref_mut"),
            vec!["<RefMut<'_, i32> as DerefMut>", "deref_mut"]
        );
        assert_eq!(split_path("main::{closure#0}"), vec!["main", "{closure#0}"]);
    }

    #[test]
    fn statements_are_told_apart() {
        assert_eq!(
            classify("_3 = Foo::poke(move _4) -> [return: bb2, unwind: bb32]"),
            Code::Call {
                dest: Place::parse("_3"),
                callee: "Foo::poke".into(),
                args: vec!["move _4".into()]
            }
        );
        assert_eq!(
            classify("_26 = spawn::<{closure@a.rs:26:32: 26:34}, i32>(move _27) -> [return: bb12, unwind: bb27]"),
            Code::Call {
                dest: Place::parse("_26"),
                callee: "spawn::<{closure@a.rs:26:32: 26:34}, i32>".into(),
                args: vec!["move _27".into()]
            }
        );
        assert_eq!(
            classify("drop(_12) -> [return: bb8, unwind: bb32]"),
            Code::Drop(Place::parse("_12").unwrap())
        );
        assert!(matches!(
            classify("switchInt(copy _82) -> [0: bb39, otherwise: bb40]"),
            Code::SwitchInt { ref targets, .. } if targets == &["bb39", "bb40"]
        ));
        assert!(matches!(classify("_8 = copy _7"), Code::Assign { .. }));
        assert!(matches!(classify("StorageLive(_1)"), Code::Other(_)));
    }

    #[test]
    fn comments_split_outside_strings() {
        assert_eq!(
            split_comment(r#"_1 = const "http://x"; // scope 0 at a.rs:1:1: 1:2"#),
            (
                r#"_1 = const "http://x"; "#,
                Some(" scope 0 at a.rs:1:1: 1:2")
            )
        );
    }
}
