//! The guided tour: each section of "Memory Management in Rust", run traced.
//!
//! ```text
//! cargo run --example tour
//! ```
//!
//! Each section's function carries `#[trace_ownership]`; its trace is printed when it returns.

mod sections;

/// The heap tracker: every allocation and free made while a traced function runs shows up in
/// its trace, with its size and address.
#[global_allocator]
static HEAP: trace_ownership::HeapTracker = trace_ownership::HeapTracker::new();

fn main() {
    println!("trace-ownership: a guided tour of Rust's memory management\n");
    for section in sections::all() {
        println!("━━ {} ━━", section.title);
        println!("{}\n", textwrap(section.intro, 90));
        let (_, trace) = trace_ownership::capture(section.run);
        // Asked for JSON or HTML (`TRACE_OWNERSHIP`, as `cargo trace-ownership run --example
        // tour` does), the trace goes where the runtime's settings say, as any traced
        // program's would; otherwise it is printed here, as text.
        use trace_ownership::Format;
        if matches!(
            trace_ownership::config().format,
            Format::Json | Format::Html
        ) {
            trace_ownership::emit(trace);
            continue;
        }
        let color = std::env::var_os("NO_COLOR").is_none()
            && std::io::IsTerminal::is_terminal(&std::io::stdout());
        println!("{}", trace.to_text(color));
    }
    println!("Run your own code the same way: put #[trace_ownership] on a function and run it.");
}

/// Wraps `text` at `width` columns.
fn textwrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        if line + word.len() + 1 > width && line > 0 {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}
