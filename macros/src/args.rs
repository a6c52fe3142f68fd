//! The attribute's own arguments: `#[trace_ownership]`, `#[trace_ownership(name = "...")]`,
//! `#[trace_ownership(crate = "path")]`, or both, comma-separated.

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
    /// The path of the `trace-ownership` crate when the user's `Cargo.toml` renames it
    /// (`crate = "to"` for `to = { package = "trace-ownership", ... }`); `::trace_ownership`
    /// when absent.
    pub krate: Option<syn::Path>,
}

const EXPECTED: &str = "expected `name = \"...\"` or `crate = \"...\"`";

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
            } else if lookahead.peek(Token![crate]) {
                let key: Token![crate] = input.parse()?;
                input.parse::<Token![=]>()?;
                let value: LitStr = input.parse()?;
                match value.parse::<syn::Path>() {
                    Err(_) => push(syn::Error::new(
                        value.span(),
                        "`crate` must be a path, such as `crate = \"trace_ownership\"`",
                    )),
                    Ok(_) if args.krate.is_some() => {
                        push(syn::Error::new(key.span, "duplicate argument `crate`"))
                    }
                    Ok(path) => args.krate = Some(path),
                }
            } else if input.peek(syn::Ident) {
                let ident: syn::Ident = input.parse()?;
                push(syn::Error::new(
                    ident.span(),
                    format!("unknown argument `{ident}`; {EXPECTED}"),
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

#[cfg(test)]
mod tests {
    use super::Args;
    use quote::ToTokens;

    fn parse(ts: &str) -> Result<Args, String> {
        syn::parse_str::<Args>(ts).map_err(|e| {
            e.into_iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    #[test]
    fn name_and_crate_in_either_order() {
        let a = parse(r#"crate = "to", name = "shown""#).unwrap();
        assert_eq!(a.name.unwrap().value(), "shown");
        assert_eq!(a.krate.unwrap().to_token_stream().to_string(), "to");
        let a = parse(r#"name = "shown", crate = "crate::re::exported""#).unwrap();
        assert_eq!(
            a.krate.unwrap().to_token_stream().to_string(),
            "crate :: re :: exported"
        );
        assert!(parse("").unwrap().krate.is_none());
    }

    #[test]
    fn a_crate_that_is_not_a_path_or_given_twice_is_one_error_each() {
        assert_eq!(
            parse(r#"crate = "not a path""#).err().unwrap(),
            "`crate` must be a path, such as `crate = \"trace_ownership\"`"
        );
        assert_eq!(
            parse(r#"crate = "a", crate = "b", verbose"#).err().unwrap(),
            "duplicate argument `crate`; unknown argument `verbose`; \
             expected `name = \"...\"` or `crate = \"...\"`"
        );
    }
}
