//! Pictures of ownership: the HTML/SVG page of a trace, checked as structure (pure Rust) and in a
//! real browser (headless Chromium): it loads with no script error, shows one column per variable
//! and a mark per event, and shows an event's explanation when it is clicked. A screenshot is
//! written to `target/browser/`.
//!
//! Chromium comes from Debian's `chromium` package (`.ci/run` installs it). Without it the
//! browser test fails under CI (`CI` set) and is skipped, with a notice, elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;
use trace_ownership::{trace_ownership, EventKind, Trace};

#[global_allocator]
static HEAP: trace_ownership::HeapTracker = trace_ownership::HeapTracker::new();

#[trace_ownership]
fn seed_story() -> usize {
    let s1 = String::from("hello");
    let s2 = s1;
    let s3 = s2.clone();
    let x = 5;
    let y = x;
    let r = &s3;
    let n = r.len() + takes(s2);
    for i in 0..5 {
        let line = format!("{i}");
        let _ = line.len();
    }
    n + x + y
}

#[trace_ownership]
fn takes(some_string: String) -> usize {
    some_string.len()
}

fn seed_trace() -> Trace {
    trace_ownership::capture(seed_story).1
}

fn count(page: &str, needle: &str) -> usize {
    page.matches(needle).count()
}

/// The variables of each call, in order of first appearance (the page's columns).
fn expected_columns(trace: &Trace) -> usize {
    let mut frame = 0;
    let mut stack = vec![0];
    let mut next = 1;
    let mut seen = std::collections::HashSet::new();
    for e in &trace.events {
        if e.kind == EventKind::FnEnter {
            stack.push(next);
            next += 1;
        }
        frame = *stack.last().unwrap_or(&frame);
        let kind = e.kind.as_str();
        if ![
            "fn_enter", "fn_exit", "folded", "alloc", "dealloc", "realloc",
        ]
        .contains(&kind)
        {
            seen.insert((frame, e.var.to_string()));
        }
        if e.kind == EventKind::FnExit {
            stack.pop();
        }
    }
    seen.len()
}

#[test]
fn the_svg_has_a_column_per_variable_and_a_row_per_event() {
    let trace = seed_trace();
    let page = trace.to_html();
    assert_eq!(
        count(&page, r#"<text class="col""#),
        expected_columns(&trace)
    );
    assert_eq!(count(&page, r#"<g class="row""#), trace.events.len());
    // One lifeline per column, one drop cross per drop, one hollow circle per out-of-scope.
    assert_eq!(
        count(&page, r#"<line class="life"#),
        expected_columns(&trace)
    );
    assert_eq!(
        count(&page, r#"class="mark drop""#),
        trace.of_kind(EventKind::Dropped).count()
    );
    assert_eq!(
        count(&page, r#"class="mark gone""#),
        trace.of_kind(EventKind::OutOfScope).count()
    );
    // Arrows: the move s1 -> s2 joins their two columns; the clone is its own style.
    assert_eq!(
        count(&page, r#"class="mark arrow move""#),
        trace.of_kind(EventKind::Move).count()
    );
    assert_eq!(count(&page, r#"class="mark arrow clone""#), 1);
    assert_eq!(
        count(&page, r#"class="mark arrow copy""#),
        trace.of_kind(EventKind::Copied).count()
    );
    // Nested call frame and folded iterations are drawn.
    assert_eq!(count(&page, r#"<rect class="frame d"#), 2);
    assert_eq!(count(&page, r#"class="mark folded""#), 1);
    // Self-contained: no external resource.
    for bad in ["src=\"http", "href=\"http", "<link", "@import", "url(http"] {
        assert!(
            !page.contains(bad),
            "page refers to an external resource: {bad}"
        );
    }
}

#[test]
fn a_lifeline_runs_from_bind_to_drop() {
    let trace = seed_trace();
    let page = trace.to_html();
    // s3 is the third column of `seed_story`; its line starts at its bind row and ends at its drop row.
    let bind_row = trace
        .events
        .iter()
        .position(|e| e.var == "s3" && e.kind == EventKind::Bind)
        .unwrap();
    let drop_row = trace
        .events
        .iter()
        .position(|e| e.var == "s3" && e.kind == EventKind::Dropped)
        .unwrap();
    let y = |row: usize| 70 + row * 24 + 12;
    let needle = format!(r#"y1="{}" x2="#, y(bind_row));
    let line = page
        .lines()
        .flat_map(|l| l.split("<line"))
        .find(|l| l.contains("class=\"life\"") && l.contains(&needle))
        .expect("s3's lifeline");
    assert!(line.contains(&format!(r#"y2="{}""#, y(drop_row))), "{line}");
}

#[test]
fn hostile_names_are_escaped_and_nothing_from_the_trace_runs() {
    let mut trace = Trace::new(
        "f</script><img src=x onerror=alert(1)>",
        "src/\"quoted\" & <dir>.rs",
    );
    trace.thread = "t'<b>".into();
    let mut bind =
        trace_ownership::Event::new(EventKind::Bind, "<script>alert('x')</script>", 3, 9);
    bind.ty = Some("Vec<&'a str>".into());
    let mut mv = trace_ownership::Event::new(EventKind::Move, "<script>alert('x')</script>", 4, 9);
    mv.to = Some("\"><svg onload=alert(2)>".into());
    trace.events = vec![bind, mv];
    let page = trace.to_html();
    for raw in [
        "<script>alert",
        "<img src=x",
        "<svg onload",
        "<b>",
        "\"quoted\"",
    ] {
        assert!(!page.contains(raw), "unescaped `{raw}` in the page");
    }
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("Vec&lt;&amp;"));
    assert_eq!(count(&page, "<script>"), 1, "only the page's own script");
    // And the page may load nothing from anywhere.
    assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none';"));
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .map(|n| Path::new("/usr/bin").join(n))
        .find(|p| p.exists())
}

fn browser(args: &[&str], url: &str, profile: &Path) -> std::process::Output {
    Command::new(chromium().unwrap())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs")
}

/// Loads `trace`'s page in Chromium and checks it; returns the screenshot's path.
fn check_in_browser(trace: &Trace, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join(format!("{name}.html"));
    std::fs::write(&page, trace.to_html()).unwrap();
    let url = format!("file://{}#demo", page.display());
    let profile = dir.join(format!("profile-{name}"));
    let dom = browser(
        &["--dump-dom", "--virtual-time-budget=2000"],
        &url,
        &profile,
    );
    let dom = String::from_utf8_lossy(&dom.stdout).into_owned();
    let attr = |key: &str| -> Option<String> {
        let key = format!("{key}=\"");
        let start = dom.find(&key)? + key.len();
        Some(dom[start..start + dom[start..].find('"')?].to_string())
    };
    assert_eq!(
        attr("data-ready").as_deref(),
        Some("yes"),
        "{name}: the page's script did not run:\n{dom:.2000}"
    );
    assert_eq!(attr("data-errors"), None, "{name}: script errors");
    assert_eq!(
        attr("data-columns"),
        Some(expected_columns(trace).to_string()),
        "{name}"
    );
    assert_eq!(
        attr("data-rows"),
        Some(trace.events.len().to_string()),
        "{name}"
    );
    // Every event but a call's entry and exit draws one mark on its row.
    let calls =
        trace.of_kind(EventKind::FnEnter).count() + trace.of_kind(EventKind::FnExit).count();
    assert_eq!(
        attr("data-marks"),
        Some((trace.events.len() - calls).to_string()),
        "{name}"
    );
    // The demo click on the second row put its explanation in the panel.
    let panel_start = dom.find("id=\"panel\">").unwrap() + "id=\"panel\">".len();
    let panel = &dom[panel_start..panel_start + dom[panel_start..].find('<').unwrap()];
    let second = &trace.events[1];
    let expected = format!(
        "L{} {}: {}",
        second.line,
        second.kind.as_str(),
        trace_ownership::explain::sentence(second)
    );
    assert_eq!(panel, expected, "{name}");
    // A screenshot, as an artifact.
    let shot = dir.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&shot);
    browser(
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1100,900",
            "--virtual-time-budget=2000",
        ],
        &url,
        &profile,
    );
    assert!(
        shot.metadata().map(|m| m.len() > 10_000).unwrap_or(false),
        "{name}: no screenshot at {}",
        shot.display()
    );
    shot
}

#[path = "../examples/tour/sections.rs"]
#[allow(dead_code)]
mod sections;

#[test]
fn the_pages_work_in_a_real_browser() {
    if chromium().is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is not installed (apt-get install chromium)"
        );
        eprintln!("skipped: Chromium is not installed (apt-get install chromium)");
        return;
    }
    check_in_browser(&seed_trace(), "seed_story");
    // Every page of the guided tour.
    for (i, section) in sections::all().into_iter().enumerate() {
        let (_, trace) = trace_ownership::capture(section.run);
        check_in_browser(&trace, &format!("tour-{}", i + 1));
    }
}
