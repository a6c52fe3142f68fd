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
