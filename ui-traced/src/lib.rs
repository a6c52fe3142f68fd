//! Test-only crate: see `tests/traced.rs`.
