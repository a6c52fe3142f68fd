//! Nothing but a home for the edition-2024 scenario tests in `tests/` (let chains exist only
//! in Rust 2024; the facade and its other tests are edition 2021).
