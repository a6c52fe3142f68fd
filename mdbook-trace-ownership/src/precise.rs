//! `precise`: the listing's traces resolved with the compiler's MIR, as
//! `cargo trace-ownership run` does (the MIR build and the resolution are that crate's).

use cargo_trace_ownership::cli::{OutFormat, RunArgs, Target};
use cargo_trace_ownership::facts::Facts;
use std::path::Path;
use trace_ownership_runtime::Trace;

/// The MIR of binary `bin` of the project at `manifest`, read as facts. Needs this process to
/// be able to act as rustc's wrapper (see `main.rs`).
pub fn facts_of(manifest: &Path, bin: &str) -> Result<Facts, String> {
    let run = RunArgs {
        target: Target::Bin(bin.to_string()),
        test: None,
        format: OutFormat::Json,
        out: None,
        explain_facts: false,
        manifest_path: Some(manifest.to_path_buf()),
        verbose: false,
        args: Vec::new(),
    };
    let mir = cargo_trace_ownership::cargo::mir_build(&run)?;
    Facts::from_mir(&mir).map_err(|e| format!("cannot read the compiler's MIR: {e}"))
}

/// Each trace (a JSON line) resolved with `facts`; a line that is not a trace is kept as it is.
pub fn resolve_all(traces: &[String], facts: &Facts) -> Vec<String> {
    traces
        .iter()
        .map(|line| match serde_json::from_str::<Trace>(line) {
            Ok(t) => cargo_trace_ownership::resolve::resolve(&t, facts)
                .trace
                .to_json(),
            Err(_) => line.clone(),
        })
        .collect()
}
