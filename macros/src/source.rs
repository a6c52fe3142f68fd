//! The source text of a traced function, read at expansion, so that a trace's page can show
//! the code even where the source file is not (another machine, a deleted checkout).
//!
//! The body is one group (`{ ... }`) whose text the compiler gives whole, comments and all
//! (`Span::source_text`). The signature is several tokens: each is put back at its own line and
//! column. Whatever cannot be read (tokens made by another macro, a span without text) gives
//! `None`, and the page says that the code was not embedded instead of showing something wrong.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Block, Signature, Visibility};

/// The function's text from its first line (that of its visibility or `fn`) to its closing
/// brace, and that first line (1-based), or `None` when the compiler cannot give it.
pub fn function_text(vis: &Visibility, sig: &Signature, block: &Block) -> Option<(String, u32)> {
    let body = block.brace_token.span.join();
    let body_text = body.source_text()?;
    let body_at = body.start();
    let mut head = TokenStream::new();
    vis.to_tokens(&mut head);
    sig.to_tokens(&mut head);
    let mut pieces = Vec::new();
    flatten(head, &mut pieces)?;
    let first_line = pieces.iter().map(|p| p.0).min()?;
    if first_line == 0 || first_line > body_at.line {
        return None;
    }
    let mut lines: Vec<String> = vec![String::new(); body_at.line - first_line + 1];
    for (line, col, text) in pieces {
        if line > body_at.line || text.contains('\n') {
            return None;
        }
        place(&mut lines[line - first_line], col, &text);
    }
    place(lines.last_mut()?, body_at.column, &body_text);
    let mut text = lines.join("\n");
    text.push('\n');
    Some((text, u32::try_from(first_line).ok()?))
}

/// Writes `text` at column `col` (0-based, in characters) of `line`, after at least one space
/// when the line already reaches that column (a token whose position was not what it seemed).
fn place(line: &mut String, col: usize, text: &str) {
    let len = line.chars().count();
    if len < col {
        line.extend(std::iter::repeat_n(' ', col - len));
    } else if len > col && !line.ends_with(' ') {
        line.push(' ');
    }
    line.push_str(text);
}

/// Each token of `ts` (delimiters included) as (line, column, text); `None` when a token has
/// no source text (made by a macro: its place in the file is not its own).
fn flatten(ts: TokenStream, out: &mut Vec<(usize, usize, String)>) -> Option<()> {
    for tt in ts {
        match tt {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                    proc_macro2::Delimiter::Brace => ("{", "}"),
                    proc_macro2::Delimiter::Bracket => ("[", "]"),
                    proc_macro2::Delimiter::None => ("", ""),
                };
                push(out, g.span_open(), open);
                flatten(g.stream(), out)?;
                // Placed by its end: the compiler's `start` of a closing delimiter is one
                // column late on 1.95 (it reads as the end).
                let end = g.span_close().end();
                if !close.is_empty() && end.column > 0 {
                    out.push((end.line, end.column - 1, close.to_string()));
                }
            }
            other => {
                let text = other.span().source_text()?;
                push(out, other.span(), &text);
            }
        }
    }
    Some(())
}

fn push(out: &mut Vec<(usize, usize, String)>, span: Span, text: &str) {
    if text.is_empty() {
        return;
    }
    let at = span.start();
    out.push((at.line, at.column, text.to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(src: &str) -> Option<(String, u32)> {
        let f: syn::ItemFn = syn::parse_str(src).unwrap();
        function_text(&f.vis, &f.sig, &f.block)
    }

    #[test]
    fn the_whole_function_with_its_comments_from_its_first_line() {
        let src =
            "\n\npub fn f(\n    s: String,\n) -> usize { // the body\n    s.len() /* here */\n}";
        let (text, first) = text_of(src).expect("text");
        assert_eq!(first, 3);
        assert_eq!(
            text,
            "pub fn f(\n    s: String,\n) -> usize { // the body\n    s.len() /* here */\n}\n"
        );
    }

    #[test]
    fn a_function_on_one_line() {
        assert_eq!(
            text_of("fn one(a: u8) -> u8 { a }"),
            Some(("fn one(a: u8) -> u8 { a }\n".to_string(), 1))
        );
    }

    #[test]
    fn a_signature_token_spanning_lines_gives_no_text() {
        // A string literal with a line break inside (here in an array length): the tokens
        // after it could not be put back at their columns.
        assert_eq!(
            text_of("fn f() -> [u8; \"a\nb\".len()] {\n    [0; 3]\n}"),
            None
        );
    }

    /// A function whose return type was made by a macro (`parse_quote!`): tokens with no
    /// place in the source (here at line 1, column 0, without text).
    fn with_generated_output() -> syn::ItemFn {
        let mut f: syn::ItemFn = syn::parse_str("fn f(a: u8) -> u8 {\n    a\n}").unwrap();
        f.sig.output = syn::parse_quote!(-> (u8));
        f
    }

    #[test]
    fn a_signature_with_a_generated_part_gives_no_text() {
        // (Nor a panic: the generated `)` ends at column 0.) The page then says the code was
        // not embedded, rather than showing `-> ( u8` at guessed columns.
        let f = with_generated_output();
        assert_eq!(function_text(&f.vis, &f.sig, &f.block), None);
    }

    #[test]
    fn a_signature_placed_after_its_body_gives_no_text() {
        // Tokens whose positions cannot be the function's (the signature of a later
        // function with this body, as a macro could assemble them).
        let file: syn::File = syn::parse_str("fn a() {\n    1;\n}\nfn b() {}").unwrap();
        let (syn::Item::Fn(a), syn::Item::Fn(b)) = (&file.items[0], &file.items[1]) else {
            unreachable!()
        };
        assert_eq!(function_text(&b.vis, &b.sig, &a.block), None);
    }

    #[test]
    fn an_invisible_group_adds_no_text() {
        // `$t:ty` in a `macro_rules!` signature reaches the attribute as a group without
        // delimiters: nothing of it is written but its tokens.
        let f: syn::ItemFn = syn::parse_str("fn f(a: u8) {}").unwrap();
        let syn::FnArg::Typed(arg) = &f.sig.inputs[0] else {
            unreachable!()
        };
        let ty = &arg.ty;
        let mut group = proc_macro2::Group::new(proc_macro2::Delimiter::None, quote::quote!(#ty));
        group.set_span(syn::spanned::Spanned::span(ty));
        let mut sig = f.sig.clone();
        let syn::FnArg::Typed(arg) = &mut sig.inputs[0] else {
            unreachable!()
        };
        *arg.ty = syn::Type::Verbatim(proc_macro2::TokenTree::Group(group).into());
        assert_eq!(
            function_text(&f.vis, &sig, &f.block),
            Some(("fn f(a: u8) {}\n".to_string(), 1))
        );
    }

    #[test]
    fn a_token_goes_at_its_column_after_a_space_if_the_line_is_there_already() {
        let placed = |line: &str, col: usize, text: &str| {
            let mut line = line.to_string();
            place(&mut line, col, text);
            line
        };
        assert_eq!(placed("fn", 4, "f"), "fn  f");
        assert_eq!(placed("fn ", 3, "f"), "fn f");
        assert_eq!(placed("fn f()", 3, "{}"), "fn f() {}");
        assert_eq!(placed("fn f() ", 3, "{}"), "fn f() {}");
    }

    #[test]
    fn generated_tokens_have_no_text() {
        let f: syn::ItemFn = syn::parse_quote!(
            fn g() {}
        );
        assert_eq!(function_text(&f.vis, &f.sig, &f.block), None);
    }
}
