//! Finding the traced listings of a chapter: fenced code blocks whose info string has the
//! `trace` word, with their options.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// What a ```` ```rust,trace ```` block asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `compile_fail`: the listing must not compile; rustc's error is shown.
    pub compile_fail: bool,
    /// `fixed`: the fixed twin of the `compile_fail` block before it, shown beside it.
    pub fixed: bool,
    /// `heap`: the heap tracker is installed (every allocation and free in the trace).
    pub heap: bool,
    /// `precise`: the compiler's MIR decides what the attribute could not see.
    pub precise: bool,
    /// `should_panic`: the program is expected to exit with an error.
    pub should_panic: bool,
    /// `name=...`: the listing's name (its anchor, its file name).
    pub name: Option<String>,
    /// The words of the info string that are not ours (`editable`, `noplayground`, ...),
    /// kept on the code block shown.
    pub passthrough: Vec<String>,
}

/// The words of an info string that belong to rustdoc or mdBook and mean nothing to tracing.
const PASSTHROUGH: [&str; 6] = [
    "editable",
    "noplayground",
    "mdbook-runnable",
    "ignore-tidy",
    "hide-lines",
    "test_harness",
];

/// The words this preprocessor reads, as its error messages list them.
pub const OUR_WORDS: &str = "trace, compile_fail, fixed, heap, precise, should_panic, name=NAME";

impl Options {
    /// Parses an info string. `Ok(None)`: not a traced block (no `trace` word, or not Rust).
    /// `Err`: a traced block with a word this preprocessor does not know.
    ///
    /// ```
    /// use mdbook_trace_ownership::blocks::Options;
    /// let o = Options::parse("rust,compile_fail,trace,name=moved").unwrap().unwrap();
    /// assert!(o.compile_fail && !o.heap);
    /// assert_eq!(o.name.as_deref(), Some("moved"));
    /// assert_eq!(Options::parse("rust").unwrap(), None);
    /// assert!(Options::parse("rust,trace,heep").is_err());
    /// ```
    pub fn parse(info: &str) -> Result<Option<Options>, String> {
        let words: Vec<&str> = info
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        if !words.contains(&"trace") {
            return Ok(None);
        }
        if words.first() != Some(&"rust") {
            return Err(format!(
                "`{info}`: only Rust listings can be traced (the info string must start with `rust`)"
            ));
        }
        let mut o = Options::default();
        for w in &words[1..] {
            match *w {
                "trace" => {}
                "compile_fail" => o.compile_fail = true,
                "fixed" => o.fixed = true,
                "heap" => o.heap = true,
                "precise" => o.precise = true,
                "should_panic" => o.should_panic = true,
                w if w.starts_with("name=") => {
                    let n = &w["name=".len()..];
                    if n.is_empty()
                        || !n
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    {
                        return Err(format!(
                            "`{w}`: a listing's name is letters, digits, `_` and `-` only"
                        ));
                    }
                    o.name = Some(n.to_string());
                }
                w if PASSTHROUGH.contains(&w) || w.starts_with("edition") => {
                    o.passthrough.push(w.to_string())
                }
                w => {
                    return Err(format!(
                        "unknown word `{w}` in the info string `{info}` of a traced listing: \
                         expected {OUR_WORDS}, or one of mdBook's ({})",
                        PASSTHROUGH.join(", ")
                    ))
                }
            }
        }
        if o.compile_fail && o.fixed {
            return Err(format!(
                "`{info}`: a listing is either `compile_fail` or the `fixed` twin of one, not both"
            ));
        }
        Ok(Some(o))
    }

    /// The info string of the code block as shown: `rust`, `noplayground` (the listing's run
    /// is on the page; the playground would run it untraced, fetched from the network), and
    /// the other words that are not ours.
    pub fn shown_info(&self) -> String {
        let mut s = String::from("rust,noplayground");
        for w in self.passthrough.iter().filter(|w| *w != "noplayground") {
            s.push(',');
            s.push_str(w);
        }
        s
    }
}

/// A traced code block in a chapter's Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Its byte range in the chapter's content, fences included.
    pub range: Range<usize>,
    /// The line of its opening fence (1-based).
    pub line: usize,
    /// Its info string, as written.
    pub info: String,
    /// Its options, or why they are wrong.
    pub options: Result<Options, String>,
    /// Its text, hidden lines (`# `) included.
    pub code: String,
}

/// The traced blocks of `markdown`, in order.
///
/// ```
/// use mdbook_trace_ownership::blocks::find;
/// let md = "Text.\n\n```rust,trace\nfn main() {}\n```\n\n```rust\nfn f() {}\n```\n";
/// let blocks = find(md);
/// assert_eq!(blocks.len(), 1);
/// assert_eq!(blocks[0].code, "fn main() {}\n");
/// assert_eq!(blocks[0].line, 3);
/// ```
pub fn find(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let options = match Options::parse(&info) {
                    Ok(None) => continue,
                    Ok(Some(o)) => Ok(o),
                    Err(e) => Err(e),
                };
                let line = markdown[..range.start].matches('\n').count() + 1;
                current = Some(Block {
                    range,
                    line,
                    info: info.to_string(),
                    options,
                    code: String::new(),
                });
            }
            Event::Text(t) => {
                if let Some(b) = current.as_mut() {
                    b.code.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(b) = current.take() {
                    out.push(b);
                }
            }
            _ => {}
        }
    }
    out
}

/// The program a listing compiles to: rustdoc's hidden lines (`# ` and a lone `#`) kept
/// without their mark, `##` at the start of a line read as `#`.
///
/// ```
/// use mdbook_trace_ownership::blocks::compiled_text;
/// let code = "# use std::rc::Rc;\nfn main() {\n#\n    let a = Rc::new(1);\n## not hidden\n}\n";
/// assert_eq!(
///     compiled_text(code),
///     "use std::rc::Rc;\nfn main() {\n\n    let a = Rc::new(1);\n# not hidden\n}\n"
/// );
/// ```
pub fn compiled_text(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for line in code.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let end = &line[body.len()..];
        let trimmed = body.trim_start();
        let indent = &body[..body.len() - trimmed.len()];
        if trimmed == "#" {
            out.push_str(end);
        } else if let Some(rest) = trimmed.strip_prefix("# ") {
            out.push_str(indent);
            out.push_str(rest);
            out.push_str(end);
        } else if trimmed.starts_with("##") {
            out.push_str(indent);
            out.push_str(&trimmed[1..]);
            out.push_str(end);
        } else {
            out.push_str(line);
        }
    }
    out
}
