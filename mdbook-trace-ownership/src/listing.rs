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

/// `code` with the attribute put on every function that has none (on the function's own line,
/// so line numbers do not change). Code that does not parse is returned as written: rustc
/// reports what is wrong with it.
///
/// ```
/// use mdbook_trace_ownership::listing::with_attributes;
/// let code = "#[trace_ownership]\nfn a() {}\npub fn b() {}\nconst fn c() {}\n";
/// assert_eq!(
///     with_attributes(code),
///     "#[trace_ownership]\nfn a() {}\n#[::trace_ownership::trace_ownership] pub fn b() {}\nconst fn c() {}\n"
/// );
/// ```
pub fn with_attributes(code: &str) -> String {
    let Ok(file) = syn::parse_file(code) else {
        return code.to_string();
    };
    let mut places = Places::default();
    places.visit_file(&file);
    let mut offsets: Vec<usize> = places.at.into_iter().map(|p| offset(code, p)).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut out = String::with_capacity(code.len() + offsets.len() * ATTRIBUTE.len());
    let mut last = 0;
    for o in offsets {
        out.push_str(&code[last..o]);
        out.push_str(ATTRIBUTE);
        last = o;
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
