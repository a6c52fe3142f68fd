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
    flatten(head, &mut pieces);
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

/// Each token of `ts` (delimiters included) as (line, column, text).
fn flatten(ts: TokenStream, out: &mut Vec<(usize, usize, String)>) {
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
                flatten(g.stream(), out);
                // Placed by its end: the compiler's `start` of a closing delimiter is one
                // column late on 1.95 (it reads as the end).
                let end = g.span_close().end();
                if !close.is_empty() && end.column > 0 {
                    out.push((end.line, end.column - 1, close.to_string()));
                }
            }
            other => {
                let text = other
                    .span()
                    .source_text()
                    .unwrap_or_else(|| other.to_string());
                push(out, other.span(), &text);
            }
        }
    }
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
    fn generated_tokens_have_no_text() {
        let f: syn::ItemFn = syn::parse_quote!(
            fn g() {}
        );
        assert_eq!(function_text(&f.vis, &f.sig, &f.block), None);
    }
}
