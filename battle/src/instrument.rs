//! Puts `#[::trace_ownership::trace_ownership]` on every function with a body in a source file:
//! free functions, inherent and trait-impl methods, trait default methods, in nested modules too;
//! `const fn`s and functions inside macros are left alone.
//!
//! The source is edited as text, at positions found by parsing it, so everything else (comments,
//! formatting, macros) stays byte for byte as published.

use syn::spanned::Spanned;
use syn::visit::Visit;

/// The attribute inserted.
pub const ATTR: &str = "#[::trace_ownership::trace_ownership] ";

/// One function the attribute was put on.
#[derive(Clone, Debug)]
pub struct Traced {
    /// Its name.
    pub name: String,
    /// First and last line of the function in the *instrumented* file (1-based).
    pub lines: (usize, usize),
    /// Byte offset where the attribute was inserted, in the original file.
    pub offset: usize,
}

struct Finder<'a> {
    line_starts: &'a [usize],
    found: Vec<(String, usize, usize, usize)>,
}

impl Finder<'_> {
    fn offset(&self, lc: proc_macro2::LineColumn, src: &str) -> usize {
        let start = self.line_starts[lc.line - 1];
        // `column` counts characters, not bytes.
        src[start..]
            .char_indices()
            .nth(lc.column)
            .map_or(src.len(), |(i, _)| start + i)
    }

    fn add(
        &mut self,
        name: &syn::Ident,
        vis: Option<&syn::Visibility>,
        sig: &syn::Signature,
        whole: proc_macro2::Span,
    ) {
        if sig.constness.is_some() {
            return;
        }
        let start = match vis {
            Some(syn::Visibility::Inherited) | None => sig.span().start(),
            Some(v) => v.span().start(),
        };
        self.found
            .push((name.to_string(), start.line, start.column, whole.end().line));
    }
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.add(&f.sig.ident, Some(&f.vis), &f.sig, f.span());
        syn::visit::visit_item_fn(self, f);
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.add(&f.sig.ident, Some(&f.vis), &f.sig, f.span());
        syn::visit::visit_impl_item_fn(self, f);
    }
    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if f.default.is_some() {
            self.add(&f.sig.ident, None, &f.sig, f.span());
        }
        syn::visit::visit_trait_item_fn(self, f);
    }
    // Functions in `extern` blocks have no body.
    fn visit_item_foreign_mod(&mut self, _: &'ast syn::ItemForeignMod) {}
}

/// The instrumented text of `src` and the functions traced, or the parse error.
pub fn instrument(src: &str, skip: &[usize]) -> Result<(String, Vec<Traced>), syn::Error> {
    let file = syn::parse_file(src)?;
    let mut line_starts = vec![0];
    line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
    let mut finder = Finder {
        line_starts: &line_starts,
        found: Vec::new(),
    };
    finder.visit_file(&file);
    let mut sites: Vec<Traced> = finder
        .found
        .iter()
        .map(|(name, line, col, end)| Traced {
            name: name.clone(),
            lines: (*line, *end),
            offset: finder.offset(
                proc_macro2::LineColumn {
                    line: *line,
                    column: *col,
                },
                src,
            ),
        })
        .filter(|t| !skip.contains(&t.offset))
        .collect();
    sites.sort_by_key(|t| t.offset);
    sites.dedup_by_key(|t| t.offset);
    let mut out = String::with_capacity(src.len() + sites.len() * ATTR.len());
    let mut last = 0;
    for t in &sites {
        out.push_str(&src[last..t.offset]);
        out.push_str(ATTR);
        last = t.offset;
    }
    out.push_str(&src[last..]);
    Ok((out, sites))
}

/// Where an item can be added at the top of a crate root: after its inner attributes and inner
/// doc comments (byte offset).
pub fn after_inner_attributes(src: &str) -> Result<usize, syn::Error> {
    let file = syn::parse_file(src)?;
    let Some(last) = file.attrs.last() else {
        return Ok(0);
    };
    let end = last.span().end();
    let mut line_starts = vec![0];
    line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
    let start = line_starts[end.line - 1];
    Ok(src[start..]
        .char_indices()
        .nth(end.column)
        .map_or(src.len(), |(i, _)| start + i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_go_after_other_attributes_and_before_visibility() {
        let src = "/// doc\n#[inline]\npub fn a() {}\nconst fn b() {}\nimpl X { pub(crate) async fn c(&self) {} }\ntrait T { fn d(&self); fn e(&self) {} }\n";
        let (out, traced) = instrument(src, &[]).unwrap();
        let names: Vec<_> = traced.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["a", "c", "e"]);
        assert!(out.contains("#[inline]\n#[::trace_ownership::trace_ownership] pub fn a()"));
        assert!(out.contains("const fn b() {}"));
        assert!(out.contains("#[::trace_ownership::trace_ownership] pub(crate) async fn c"));
        assert!(out.contains("fn d(&self);"));
        assert!(out.contains("#[::trace_ownership::trace_ownership] fn e(&self) {}"));
        let (_, skipped) = instrument(src, &[traced[0].offset]).unwrap();
        assert_eq!(skipped.len(), 2);
    }

    #[test]
    fn crate_root_items_go_after_inner_attributes() {
        let src = "//! Docs\n#![allow(\n    dead_code\n)]\nuse x;\n";
        let at = after_inner_attributes(src).unwrap();
        assert_eq!(&src[at..], "\nuse x;\n");
        assert_eq!(after_inner_attributes("fn a() {}").unwrap(), 0);
    }
}
