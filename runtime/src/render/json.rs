//! JSON: one object per trace, on one line.

use crate::event::Trace;

/// The trace as one line of JSON (no trailing newline).
///
/// The schema (version [`crate::SCHEMA_VERSION`]) is documented in the crate's `SCHEMA.md`.
pub fn to_json(trace: &Trace) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string(trace).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}

/// Parses a line written by [`to_json`].
pub fn from_json(line: &str) -> Result<Trace, serde_json::Error> {
    serde_json::from_str(line)
}
