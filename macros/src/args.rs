//! The attribute's own arguments: `#[trace_ownership]` or `#[trace_ownership(name = "...")]`.

use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

mod kw {
    syn::custom_keyword!(name);
}

/// Parsed arguments.
#[derive(Default)]
pub struct Args {
    /// Display name used in the trace instead of the function's own name.
    pub name: Option<LitStr>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut args = Args::default();
        let mut errors: Option<syn::Error> = None;
        let mut push = |e: syn::Error| match &mut errors {
            Some(all) => all.combine(e),
            None => errors = Some(e),
        };
        while !input.is_empty() {
            let lookahead = input.lookahead1();
            if lookahead.peek(kw::name) {
                let key: kw::name = input.parse()?;
                input.parse::<Token![=]>()?;
                let value: LitStr = input.parse()?;
                if value.value().trim().is_empty() {
                    push(syn::Error::new(value.span(), "`name` must not be empty"));
                }
                if args.name.is_some() {
                    push(syn::Error::new(key.span, "duplicate argument `name`"));
                } else {
                    args.name = Some(value);
                }
            } else if input.peek(syn::Ident) {
                let ident: syn::Ident = input.parse()?;
                push(syn::Error::new(
                    ident.span(),
                    format!("unknown argument `{ident}`; expected `name = \"...\"`"),
                ));
                // Skip a `= value` after the unknown key so one mistake gives one error.
                if input.peek(Token![=]) {
                    input.parse::<Token![=]>()?;
                    input.parse::<syn::Expr>()?;
                }
            } else {
                return Err(lookahead.error());
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        match errors {
            Some(e) => Err(e),
            None => Ok(args),
        }
    }
}
