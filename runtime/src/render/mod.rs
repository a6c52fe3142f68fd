//! Renderers: pure functions from a [`Trace`](crate::Trace) to text.

pub mod html;
pub mod json;
pub mod text;
