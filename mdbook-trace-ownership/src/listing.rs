//! From a listing's text to the program that is compiled: `#[trace_ownership]` put on every
//! function that has none, the heap tracker installed when asked, and the key that names the
//! listing in the cache.

use proc_macro2::LineColumn;
use syn::spanned::Spanned;
use syn::visit::Visit;

/// The attribute as this preprocessor writes it: by full path, so the listing needs no `use`.
pub const ATTRIBUTE: &str = "#[::trace_ownership::trace_ownership] ";

/// The heap tracker, appended after the listing's last line (its line numbers stay the same).
pub const HEAP_TRACKER: &str = "\n#[global_allocator]\nstatic __TRACE_OWNERSHIP_BOOK_HEAP: \
::trace_ownership::HeapTracker = ::trace_ownership::HeapTracker::new();\n";

/// Whether `attrs` already has the attribute (written `trace_ownership` or by any path ending
/// in it).
fn has_attribute(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path()
            .segments
            .last()
            .is_some_and(|s| s.ident == "trace_ownership")
    })
}

/// Collects where the attribute goes: the first token of each function after its own
/// attributes (its visibility, `const`, `async`, `unsafe`, `extern` or `fn`).
#[derive(Default)]
struct Places {
    at: Vec<LineColumn>,
}

impl Places {
    fn sig_start(vis: &syn::Visibility, sig: &syn::Signature) -> LineColumn {
        match vis {
            syn::Visibility::Inherited => {}
            v => return v.span().start(),
        }
        if let Some(t) = &sig.constness {
            return t.span.start();
        }
        if let Some(t) = &sig.asyncness {
            return t.span.start();
        }
        if let Some(t) = &sig.unsafety {
            return t.span.start();
        }
        if let Some(a) = &sig.abi {
            return a.extern_token.span.start();
        }
        sig.fn_token.span.start()
    }
}

impl<'ast> Visit<'ast> for Places {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        // A `const fn` may run at compile time, where nothing can be recorded: the attribute
        // refuses it, so it is left as written.
        if !has_attribute(&f.attrs) && f.sig.constness.is_none() {
            self.at.push(Places::sig_start(&f.vis, &f.sig));
        }
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !has_attribute(&f.attrs) && f.sig.constness.is_none() {
            let at = match (&f.vis, &f.defaultness) {
                (syn::Visibility::Inherited, Some(d)) => d.span.start(),
                _ => Places::sig_start(&f.vis, &f.sig),
            };
            self.at.push(at);
        }
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        // `#[trace_ownership]` on an impl block traces its methods itself.
        if !has_attribute(&i.attrs) {
            syn::visit::visit_item_impl(self, i);
        }
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !has_attribute(&m.attrs) {
            syn::visit::visit_item_mod(self, m);
        }
    }

    // Trait methods are declarations (and default bodies belong to every implementor): left
    // as written.
    fn visit_item_trait(&mut self, _: &'ast syn::ItemTrait) {}
}

/// The byte offset of a line and column (columns count characters, as proc-macro2's do).
fn offset(text: &str, at: LineColumn) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(at.line - 1)
        .map(str::len)
        .sum();
    let line = &text[line_start..];
    line_start
        + line
            .char_indices()
            .nth(at.column)
            .map_or(line.len(), |(i, _)| i)
}

/// Where the attribute goes for a function whose first token is at `at`, and whether it
/// replaces the line before: when that token starts its line and the line before is blank or
/// a plain `//` comment, the attribute takes that line's place (a comment means nothing to
/// the compiler), so no line of the function moves, not even by a column, and rustc's
/// messages quote the listing's lines exactly as written. Otherwise it goes on the
/// function's own line, before the token (lines keep their numbers; that line's columns
/// shift).
fn place(code: &str, at: LineColumn) -> (std::ops::Range<usize>, String) {
    let lines: Vec<&str> = code.split_inclusive('\n').collect();
    let here = offset(code, at);
    let line = lines.get(at.line - 1).copied().unwrap_or_default();
    let starts_line = line[..line.len() - line.trim_start().len()].chars().count() == at.column;
    if starts_line && at.line >= 2 {
        let before = lines[at.line - 2];
        let body = before.trim();
        let plain_comment =
            body.starts_with("//") && !body.starts_with("///") && !body.starts_with("//!");
        if body.is_empty() || plain_comment {
            let start: usize = lines[..at.line - 2].iter().map(|l| l.len()).sum();
            let end = start + before.trim_end_matches(['\n', '\r']).len();
            let indent = &before[..before.len() - before.trim_start().len()];
            let indent = if body.is_empty() { "" } else { indent };
            return (start..end, format!("{indent}{}", ATTRIBUTE.trim_end()));
        }
    }
    (here..here, ATTRIBUTE.to_string())
}

/// `code` with the attribute put on every function that has none, without moving any line:
/// the attribute takes the place of a blank or plain comment line right before the function,
/// else goes on the function's own line. Code that does not parse is returned as written:
/// rustc reports what is wrong with it.
///
/// ```
/// use mdbook_trace_ownership::listing::with_attributes;
/// let code = "#[trace_ownership]\nfn a() {}\n\n// b\npub fn b() {}\nconst fn c() {}\nfn d() {}\n";
/// assert_eq!(
///     with_attributes(code),
///     "#[trace_ownership]\nfn a() {}\n\n#[::trace_ownership::trace_ownership]\npub fn b() {}\n\
///      const fn c() {}\n#[::trace_ownership::trace_ownership] fn d() {}\n"
/// );
/// ```
pub fn with_attributes(code: &str) -> String {
    let Ok(file) = syn::parse_file(code) else {
        return code.to_string();
    };
    let mut places = Places::default();
    places.visit_file(&file);
    let mut edits: Vec<(std::ops::Range<usize>, String)> =
        places.at.into_iter().map(|p| place(code, p)).collect();
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    edits.dedup_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(code.len() + edits.len() * ATTRIBUTE.len());
    let mut last = 0;
    for (r, text) in edits {
        if r.start < last {
            continue;
        }
        out.push_str(&code[last..r.start]);
        out.push_str(&text);
        last = r.end;
    }
    out.push_str(&code[last..]);
    out
}

/// The program compiled for a listing: its text with hidden lines kept, the attribute on
/// every function, and the heap tracker if asked.
pub fn program(code: &str, heap: bool) -> String {
    let mut p = with_attributes(&crate::blocks::compiled_text(code));
    if heap {
        if !p.ends_with('\n') {
            p.push('\n');
        }
        p.push_str(HEAP_TRACKER);
    }
    p
}

/// A stable 128-bit FNV-1a hash of `parts` (each length-prefixed), as 32 hex digits: the
/// same on every machine and every toolchain, unlike `std`'s hasher.
///
/// ```
/// use mdbook_trace_ownership::listing::key;
/// assert_eq!(key(&["a", "b"]), key(&["a", "b"]));
/// assert_ne!(key(&["ab", ""]), key(&["a", "b"]));
/// assert_eq!(key(&["x"]).len(), 32);
/// ```
pub fn key(parts: &[&str]) -> String {
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u128::from(*b);
            h = h.wrapping_mul(PRIME);
        }
    };
    for p in parts {
        feed(&(p.len() as u64).to_le_bytes());
        feed(p.as_bytes());
    }
    format!("{h:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_nested_functions_and_qualifiers_each_get_the_attribute_once() {
        let code = "struct S;\nimpl S {\n    pub fn a(&self) {}\n    async fn b() {}\n}\nfn main() {\n    fn inner() {}\n    inner();\n}\nunsafe extern \"C\" fn c() {}\n";
        let got = with_attributes(code);
        assert_eq!(
            got.matches("#[::trace_ownership::trace_ownership]").count(),
            5,
            "{got}"
        );
        assert!(got.contains("#[::trace_ownership::trace_ownership] pub fn a"));
        assert!(got.contains("#[::trace_ownership::trace_ownership] async fn b"));
        assert!(got.contains("#[::trace_ownership::trace_ownership] unsafe extern \"C\" fn c"));
        assert_eq!(got.lines().count(), code.lines().count(), "no line moves");
    }

    #[test]
    fn an_impl_block_or_module_marked_by_hand_and_trait_items_are_left_alone() {
        let code = "trait T { fn d(&self) {} }\n#[trace_ownership]\nimpl S { fn a() {} }\n#[trace_ownership]\nmod m { fn b() {} }\n";
        assert_eq!(with_attributes(code), code);
    }

    #[test]
    fn a_comment_line_before_a_function_is_where_the_attribute_goes() {
        let code = "// #[trace_ownership]\nfn main() {\n    let s = 1;\n}\n";
        assert_eq!(
            with_attributes(code),
            "#[::trace_ownership::trace_ownership]\nfn main() {\n    let s = 1;\n}\n"
        );
        // A doc comment is an attribute: it stays, and the attribute goes on the line itself.
        let doc = "/// Docs.\nfn f() {}\n";
        assert_eq!(
            with_attributes(doc),
            "/// Docs.\n#[::trace_ownership::trace_ownership] fn f() {}\n"
        );
    }

    #[test]
    fn code_that_does_not_parse_is_compiled_as_written() {
        let code = "fn main( {\n";
        assert_eq!(with_attributes(code), code);
    }

    #[test]
    fn the_heap_tracker_is_appended_after_the_last_line() {
        let p = program("fn main() {}", true);
        assert!(p.starts_with("#[::trace_ownership::trace_ownership] fn main() {}\n"));
        assert!(p.ends_with("::trace_ownership::HeapTracker::new();\n"));
    }
}
