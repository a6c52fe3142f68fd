//! What the attribute may be put on. Each refusal is a `syn::Error` at the offending tokens.

use syn::spanned::Spanned;
use syn::{Item, Signature};

/// Refuses items the attribute cannot trace, naming what it can.
pub fn item_kind(item: &Item) -> syn::Result<()> {
    let what = match item {
        Item::Fn(_) | Item::Impl(_) => return Ok(()),
        Item::Mod(m) if m.content.is_some() => return Ok(()),
        Item::Mod(m) => {
            return Err(syn::Error::new(
                m.semi.span(),
                "#[trace_ownership] on a module needs its body inline (`mod name { ... }`); \
                 put the attribute inside the module's file instead",
            ))
        }
        Item::Struct(s) => ("a struct", s.struct_token.span()),
        Item::Enum(e) => ("an enum", e.enum_token.span()),
        Item::Union(u) => ("a union", u.union_token.span()),
        Item::Trait(t) => ("a trait", t.trait_token.span()),
        Item::Const(c) => ("a const", c.const_token.span()),
        Item::Static(s) => ("a static", s.static_token.span()),
        Item::Use(u) => ("a use item", u.use_token.span()),
        Item::Type(t) => ("a type alias", t.type_token.span()),
        Item::ExternCrate(e) => ("an extern crate item", e.extern_token.span()),
        Item::ForeignMod(f) => ("an extern block", f.abi.span()),
        Item::Macro(m) => ("a macro", m.mac.path.span()),
        Item::TraitAlias(t) => ("a trait alias", t.trait_token.span()),
        _ => ("this item", item.span()),
    };
    Err(syn::Error::new(
        what.1,
        format!(
            "#[trace_ownership] cannot trace {}: put it on a function, an `impl` block or an inline `mod`",
            what.0
        ),
    ))
}

/// Refuses a `const fn` given the attribute directly: its body runs at compile time, where
/// nothing can be recorded.
pub fn signature(sig: &Signature) -> syn::Result<()> {
    if let Some(c) = &sig.constness {
        return Err(syn::Error::new(
            c.span(),
            "#[trace_ownership] cannot trace a `const fn`: it may run at compile time, where \
             nothing can be recorded; remove `const` or the attribute",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message the attribute gives on `src`, or `None` if it accepts it.
    fn refusal(src: &str) -> Option<String> {
        let item: Item = syn::parse_str(src).unwrap();
        item_kind(&item).err().map(|e| e.to_string())
    }

    #[test]
    fn functions_impl_blocks_and_inline_modules_are_accepted() {
        assert_eq!(refusal("fn f() {}"), None);
        assert_eq!(refusal("impl S { fn f(&self) {} }"), None);
        assert_eq!(refusal("mod m { fn f() {} }"), None);
    }

    #[test]
    fn a_module_in_another_file_is_refused_with_what_to_do() {
        let msg = refusal("mod m;").expect("refused");
        assert!(msg.contains("needs its body inline"), "{msg}");
        assert!(
            msg.contains("put the attribute inside the module's file"),
            "{msg}"
        );
    }

    #[test]
    fn every_other_item_is_refused_by_its_name() {
        for (src, what) in [
            ("struct S;", "a struct"),
            ("enum E { A }", "an enum"),
            ("union U { a: u8 }", "a union"),
            ("trait T {}", "a trait"),
            ("const C: u8 = 1;", "a const"),
            ("static S: u8 = 1;", "a static"),
            ("use std::fmt;", "a use item"),
            ("type T = u8;", "a type alias"),
            ("extern crate alloc;", "an extern crate item"),
            ("extern \"C\" {}", "an extern block"),
            ("m!();", "a macro"),
            ("trait A = B;", "a trait alias"),
        ] {
            let msg = refusal(src).unwrap_or_else(|| panic!("`{src}` accepted"));
            assert_eq!(
                msg,
                format!(
                    "#[trace_ownership] cannot trace {what}: put it on a function, an `impl` \
                     block or an inline `mod`"
                ),
                "{src}"
            );
        }
    }

    #[test]
    fn a_const_fn_is_refused_and_a_plain_fn_is_not() {
        let sig = |src: &str| syn::parse_str::<syn::ItemFn>(src).unwrap().sig;
        let msg = signature(&sig("const fn f() {}")).unwrap_err().to_string();
        assert!(msg.contains("cannot trace a `const fn`"), "{msg}");
        assert!(signature(&sig("fn f() {}")).is_ok());
    }
}
