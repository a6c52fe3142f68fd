//! Which names a piece of syntax mentions and binds. Syntax only: used to prove facts such as
//! "the variable is read again later, so the value was copied, not moved" and "the reference is
//! last used here".

use proc_macro2::{Span, TokenStream, TokenTree};
use std::collections::HashSet;
use syn::visit::Visit;
use syn::{Expr, Ident, Macro, Pat, Stmt};

/// How a name is mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mention {
    /// Read, borrowed, moved: anything but being assigned a whole new value.
    Read,
    /// `name = ...`: the old value is replaced.
    Assign,
}

/// The names one statement mentions (in evaluation order, roughly) and binds.
#[derive(Default, Debug)]
pub struct StmtNames {
    pub mentions: Vec<(String, Mention, Span)>,
    /// Every name bound anywhere in the statement (a match arm's, a closure parameter's too).
    pub binds: HashSet<String>,
    /// The names a `let` statement's own pattern binds: the ones the block's later statements
    /// then mean (a binding nested in the statement is gone when it ends). Empty for others.
    pub let_binds: Vec<String>,
    /// For `let pat = x;` (or `&x`, `&*x`, `&mut x`): `x`, whose value (a reference, say) the
    /// new bindings now carry on.
    pub copy_of: Option<String>,
    /// `let c = |..| ..;`: the new binding is a closure, which keeps what it captures (a
    /// reference it mentions, say) until its own last use.
    pub closure: bool,
}

impl StmtNames {
    /// The first mention of `name`, if any.
    pub fn first(&self, name: &str) -> Option<Mention> {
        self.mentions
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, m, _)| *m)
    }

    /// The last mention of `name` (its span), if any.
    pub fn last(&self, name: &str) -> Option<Span> {
        self.mentions
            .iter()
            .rev()
            .find(|(n, _, _)| n == name)
            .map(|(_, _, s)| *s)
    }

    /// Whether `name` is mentioned at all.
    pub fn mentions(&self, name: &str) -> bool {
        self.mentions.iter().any(|(n, _, _)| n == name)
    }
}

/// The names mentioned and bound in `stmt`.
pub fn of_stmt(stmt: &Stmt) -> StmtNames {
    let mut v = Collector::default();
    v.visit_stmt(stmt);
    if let Stmt::Local(local) = stmt {
        v.names.let_binds = pat_bindings(&local.pat)
            .into_iter()
            .map(|b| b.ident.to_string())
            .collect();
        if let Some(init) = &local.init {
            v.names.copy_of = plain_through_refs(&init.expr);
            v.names.closure = matches!(&*init.expr, Expr::Closure(_));
        }
    }
    v.names
}

/// `x` for `x`, `&x`, `&mut x`, `&*x`, `(x)`.
fn plain_through_refs(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            Some(p.path.segments[0].ident.to_string())
        }
        Expr::Reference(r) => plain_through_refs(&r.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => plain_through_refs(&u.expr),
        Expr::Paren(p) => plain_through_refs(&p.expr),
        _ => None,
    }
}

/// The names mentioned and bound in `expr`.
pub fn of_expr(expr: &Expr) -> StmtNames {
    let mut v = Collector::default();
    v.visit_expr(expr);
    v.names
}

#[derive(Default)]
struct Collector {
    names: StmtNames,
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if p.qself.is_none() && p.path.segments.len() == 1 && p.path.leading_colon.is_none() {
            let id = &p.path.segments[0].ident;
            self.names
                .mentions
                .push((id.to_string(), Mention::Read, id.span()));
        }
        syn::visit::visit_expr_path(self, p);
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        // The right side is evaluated first.
        self.visit_expr(&a.right);
        match &*a.left {
            Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
                let id = &p.path.segments[0].ident;
                self.names
                    .mentions
                    .push((id.to_string(), Mention::Assign, id.span()));
            }
            other => self.visit_expr(other),
        }
    }

    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        self.names.binds.insert(p.ident.to_string());
        syn::visit::visit_pat_ident(self, p);
    }

    fn visit_macro(&mut self, m: &'ast Macro) {
        for (name, span) in macro_idents(m) {
            self.names.mentions.push((name, Mention::Read, span));
        }
    }

    // Nested items cannot see the function's locals.
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Identifiers a macro invocation may use: every identifier token, and the `{name}` inline
/// arguments of format strings.
pub fn macro_idents(m: &Macro) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    collect_tokens(m.tokens.clone(), &mut out);
    out
}

fn collect_tokens(ts: TokenStream, out: &mut Vec<(String, Span)>) {
    let tokens: Vec<TokenTree> = ts.into_iter().collect();
    let punct = |at: Option<usize>, c: char| matches!(at.and_then(|j| tokens.get(j)), Some(TokenTree::Punct(p)) if p.as_char() == c);
    for (i, tt) in tokens.iter().cloned().enumerate() {
        let (back, ahead) = (|n| i.checked_sub(n), |n| i.checked_add(n));
        match tt {
            // A field or method after `.` (`p.name`, but not the end of a range `..n`), or a
            // path segment next to `::` (`Kind::name`, `name::f`), is never a local variable.
            TokenTree::Ident(_)
                if (punct(back(1), '.') && !punct(back(2), '.'))
                    || (punct(back(1), ':') && punct(back(2), ':'))
                    || (punct(ahead(1), ':') && punct(ahead(2), ':')) => {}
            TokenTree::Ident(id) => out.push((id.to_string(), id.span())),
            TokenTree::Group(g) => collect_tokens(g.stream(), out),
            TokenTree::Literal(lit) => {
                let text = lit.to_string();
                if text.starts_with('"') || text.starts_with('r') {
                    for name in inline_format_args(&text) {
                        out.push((name, lit.span()));
                    }
                }
            }
            TokenTree::Punct(_) => {}
        }
    }
}

/// The identifiers named inline in a format string literal: `"{x} and {y:?}"` → `x`, `y`.
pub fn inline_format_args(lit: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes: Vec<char> = lit.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == '{' {
            if bytes.get(i + 1) == Some(&'{') {
                i += 2;
                continue;
            }
            let mut j = i + 1;
            let mut name = String::new();
            while j < bytes.len() && (bytes[j].is_alphanumeric() || bytes[j] == '_') {
                name.push(bytes[j]);
                j += 1;
            }
            let ends_ok = matches!(bytes.get(j), Some('}') | Some(':'));
            if ends_ok
                && !name.is_empty()
                && !name.chars().next().is_some_and(|c| c.is_ascii_digit())
            {
                out.push(name);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// A binding introduced by a pattern.
#[derive(Clone)]
pub struct Binding {
    pub ident: Ident,
    /// `ref x` / `ref mut x`: the binding is a reference, nothing is moved into it.
    pub by_ref: bool,
}

/// The variables a pattern binds, in order. Identifiers that start with an uppercase letter are
/// taken for constants or unit variants (`None`), which syntax cannot tell from bindings;
/// Rust's naming convention makes bindings lowercase.
pub fn pat_bindings(pat: &Pat) -> Vec<Binding> {
    let mut out = Vec::new();
    collect_pat(pat, &mut out);
    out
}

fn collect_pat(pat: &Pat, out: &mut Vec<Binding>) {
    match pat {
        Pat::Ident(p) => {
            let name = p.ident.to_string();
            let looks_const = name.chars().next().is_some_and(|c| c.is_uppercase());
            if !(looks_const && p.by_ref.is_none() && p.mutability.is_none() && p.subpat.is_none())
                && name != "self"
            {
                out.push(Binding {
                    ident: p.ident.clone(),
                    by_ref: p.by_ref.is_some(),
                });
            }
            if let Some((_, sub)) = &p.subpat {
                collect_pat(sub, out);
            }
        }
        Pat::Or(o) => {
            // Every alternative binds the same names: take the first.
            if let Some(first) = o.cases.first() {
                collect_pat(first, out);
            }
        }
        Pat::Paren(p) => collect_pat(&p.pat, out),
        Pat::Reference(r) => collect_pat(&r.pat, out),
        Pat::Slice(s) => s.elems.iter().for_each(|p| collect_pat(p, out)),
        Pat::Struct(s) => s.fields.iter().for_each(|f| collect_pat(&f.pat, out)),
        Pat::Tuple(t) => t.elems.iter().for_each(|p| collect_pat(p, out)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|p| collect_pat(p, out)),
        Pat::Type(t) => collect_pat(&t.pat, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    /// The names `m!(tokens)` may use as variables.
    fn used(tokens: &str) -> Vec<String> {
        let m: syn::Macro = syn::parse_str(&format!("m!({tokens})")).unwrap();
        super::macro_idents(&m)
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    }

    #[test]
    fn fields_methods_and_path_segments_in_a_macro_are_not_variables() {
        assert_eq!(used("p.name, p.len()"), ["p", "p"]);
        assert_eq!(used(".name"), Vec::<String>::new());
        assert_eq!(used("0..n, ..m, a..=b"), ["n", "m", "a", "b"]);
        assert_eq!(
            used("Kind::name, name::VALUE, ::std::x"),
            Vec::<String>::new()
        );
        assert_eq!(used("x: y, z"), ["x", "y", "z"]);
        assert_eq!(used("f(a) . b"), ["f", "a"]);
        assert_eq!(used("\"{w} {v:?}\""), ["w", "v"]);
    }

    use super::*;

    #[test]
    fn inline_args() {
        assert_eq!(
            inline_format_args("\"{x} {y:?} {{z}} {0} {}\""),
            vec!["x", "y"]
        );
    }

    #[test]
    fn a_brace_the_text_leaves_open_names_nothing() {
        // A literal's text always ends with its closing quote, so from a program this cannot
        // happen; the function itself must not read past the end either.
        assert_eq!(inline_format_args("{x"), Vec::<String>::new());
        assert_eq!(inline_format_args("{x} {y"), vec!["x"]);
    }

    #[test]
    fn bindings_skip_constants() {
        let p: Pat = syn::parse_quote!((a, Some(b), None, ref c, Point { x, .. }));
        let names: Vec<String> = pat_bindings(&p)
            .iter()
            .map(|b| b.ident.to_string())
            .collect();
        assert_eq!(names, ["a", "b", "c", "x"]);
    }
}
