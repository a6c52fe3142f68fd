//! The books as a reader's browser shows them: the demo book (`book/`) and a fixture of hostile
//! names, each built by `mdbook` with the preprocessor just built, then every chapter loaded in
//! headless Chromium.
//!
//! For each page, checked against the chapter's own Markdown (the ground truth of what it
//! asks for): one picture per traced listing that must compile, one compiler error per
//! `compile_fail` listing, nothing shown as failed; in the browser, every picture's script ran
//! (its page says `data-ready`), with as many rows as its trace has events, and stepping with
//! `j` and `End` moves to the second and the last event; the chapter is not scrolled by its
//! pictures; no console message at all; nothing from a listing ran as script.
//!
//! Needs `mdbook` (0.5, on PATH or `$MDBOOK`) and Chromium (`/usr/bin/chromium`): without them
//! the test fails under CI (`CI` set) and is skipped, with a notice, elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn tool(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let home = std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo/bin"));
    for c in candidates {
        for dir in std::env::split_paths(&path).chain(home.clone()) {
            let p = dir.join(c);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// mdbook and Chromium, or `None` (a failure under CI).
fn tools() -> Option<(PathBuf, PathBuf)> {
    let mdbook = tool("MDBOOK", &["mdbook"]);
    let chromium = tool(
        "CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    match (mdbook, chromium) {
        (Some(m), Some(c)) => Some((m, c)),
        (m, c) => {
            let missing = format!(
                "{}{}",
                if m.is_none() {
                    "mdbook (cargo install mdbook --version 0.5.4 --locked) "
                } else {
                    ""
                },
                if c.is_none() {
                    "Chromium (apt-get install chromium)"
                } else {
                    ""
                }
            );
            assert!(std::env::var_os("CI").is_none(), "not installed: {missing}");
            eprintln!("skipped: not installed: {missing}");
            None
        }
    }
}

fn tmp() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("book-browser");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Builds the book at `root` into `out` with the preprocessor just built (its cache in
/// `cache`, or the book's default); returns mdbook's stderr.
fn build(mdbook: &Path, root: &Path, out: &Path, cache: Option<&Path>) -> String {
    let mut cmd = Command::new(mdbook);
    if let Some(c) = cache {
        // A fixture's listings share the contract tests' target directory: the crate and its
        // dependencies are compiled once for all fixtures.
        cmd.env("MDBOOK_PREPROCESSOR__TRACE_OWNERSHIP__CACHE_DIR", c)
            .env(
                "CARGO_TARGET_DIR",
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract-target"),
            );
    }
    let o = cmd
        .arg("build")
        .arg(root)
        .arg("--dest-dir")
        .arg(out)
        .env(
            "MDBOOK_PREPROCESSOR__TRACE_OWNERSHIP__COMMAND",
            env!("CARGO_BIN_EXE_mdbook-trace-ownership"),
        )
        .output()
        .expect("mdbook runs");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        o.status.success(),
        "mdbook build {}:\n{err}",
        root.display()
    );
    err
}

/// Counts the fenced blocks of `md` whose info string is traced, and those also `compile_fail`.
fn asked(md: &str) -> (usize, usize) {
    let mut traced = 0;
    let mut failing = 0;
    for line in md.lines() {
        if let Some(info) = line.trim_start().strip_prefix("```") {
            let words: Vec<&str> = info.split(',').map(str::trim).collect();
            if words.first() == Some(&"rust") && words.contains(&"trace") {
                if words.contains(&"compile_fail") {
                    failing += 1;
                } else {
                    traced += 1;
                }
            }
        }
    }
    (traced, failing)
}

/// Run in the chapter page after it loaded (iframes included): steps each picture and writes
/// what it saw into `<pre id="to-check">`, one line per picture.
const CHECK: &str = r#"<script>
window.addEventListener('load', function () {
  var lines = [];
  document.querySelectorAll('iframe.trace-ownership-picture').forEach(function (f, i) {
    var d = f.contentDocument, w = f.contentWindow;
    if (!d || !d.body) { lines.push(i + '|no document'); return; }
    function where() { var e = d.getElementById('where'); return e ? e.textContent : ''; }
    function key(k) { d.dispatchEvent(new w.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })); }
    var w0 = where(); key('j'); var w1 = where(); key('End'); var w2 = where();
    lines.push([i, d.body.getAttribute('data-ready'), d.body.getAttribute('data-rows'),
      d.body.getAttribute('data-errors') || '', w0, w1, w2,
      d.querySelectorAll('script').length, w.__pwned === undefined ? 'safe' : 'PWNED'].join('|'));
  });
  var pre = document.createElement('pre');
  pre.id = 'to-check';
  pre.setAttribute('data-pwned', window.__pwned === undefined ? 'safe' : 'PWNED');
  pre.setAttribute('data-scrolled', String(window.scrollY));
  pre.textContent = lines.join('\n');
  document.body.appendChild(pre);
});
</script>"#;

struct Seen {
    dom: String,
    console: Vec<String>,
}

fn load(chromium: &Path, page: &Path, profile: &str) -> Seen {
    let html = std::fs::read_to_string(page).unwrap();
    let checked = page.with_file_name(format!(
        "check-{}",
        page.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(
        &checked,
        html.replace("</body>", &format!("{CHECK}</body>")),
    )
    .unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            "--virtual-time-budget=5000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            tmp().join(format!("profile-{profile}")).display()
        ))
        .arg(format!("file://{}", checked.display()))
        .output()
        .expect("chromium runs");
    let _ = std::fs::remove_file(&checked);
    Seen {
        dom: String::from_utf8_lossy(&out.stdout).into_owned(),
        console: String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.contains("CONSOLE"))
            .map(str::to_string)
            .collect(),
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The lines the check script wrote, split at `|`.
fn report(dom: &str) -> (String, Vec<Vec<String>>) {
    let start = dom
        .find("<pre id=\"to-check\"")
        .expect("the check script ran");
    let open_end = start + dom[start..].find('>').unwrap() + 1;
    let head = &dom[start..open_end];
    let end = open_end + dom[open_end..].find("</pre>").unwrap();
    let lines = unescape(&dom[open_end..end])
        .lines()
        .map(|l| l.split('|').map(str::to_string).collect())
        .collect();
    (head.to_string(), lines)
}

/// Checks every chapter of a built book against its Markdown; returns the pictures seen.
fn check_book(chromium: &Path, src: &Path, out: &Path, name: &str) -> usize {
    let mut pictures = 0;
    for entry in std::fs::read_dir(src).unwrap() {
        let md_path = entry.unwrap().path();
        let stem = md_path.file_stem().unwrap().to_string_lossy().into_owned();
        if md_path.extension().is_none_or(|e| e != "md") || stem == "SUMMARY" {
            continue;
        }
        let md = std::fs::read_to_string(&md_path).unwrap();
        let (traced, failing) = asked(&md);
        let page = out.join(format!("{stem}.html"));
        let html = std::fs::read_to_string(&page).unwrap();
        assert_eq!(
            html.matches("class=\"trace-ownership-picture\"").count(),
            traced,
            "{name}/{stem}: one picture per traced listing"
        );
        assert_eq!(
            html.matches("trace-ownership-compile-error").count(),
            failing,
            "{name}/{stem}: one compiler error per compile_fail listing"
        );
        assert!(
            !html.contains("trace-ownership-failed"),
            "{name}/{stem}: a listing failed"
        );
        let seen = load(chromium, &page, &format!("{name}-{stem}"));
        assert!(
            seen.console.is_empty(),
            "{name}/{stem}: console messages: {:?}",
            seen.console
        );
        let (head, lines) = report(&seen.dom);
        assert!(
            head.contains("data-pwned=\"safe\""),
            "{name}/{stem}: {head}"
        );
        // The pictures keep their current row in sight by scrolling inside themselves: the
        // chapter opens at its top, not at its last picture.
        assert!(
            head.contains("data-scrolled=\"0\""),
            "{name}/{stem}: {head}"
        );
        assert_eq!(lines.len(), traced, "{name}/{stem}: pictures loaded");
        for l in &lines {
            assert_eq!(l.len(), 9, "{name}/{stem}: {l:?}");
            let rows: usize = l[2].parse().unwrap();
            assert_eq!(l[1], "yes", "{name}/{stem}: picture {} not ready", l[0]);
            assert_eq!(l[3], "", "{name}/{stem}: script errors in picture {}", l[0]);
            assert!(rows > 1, "{name}/{stem}: {l:?}");
            assert_eq!(l[4], format!("event 1 of {rows}"), "{name}/{stem}: {l:?}");
            assert_eq!(l[5], format!("event 2 of {rows}"), "{name}/{stem}: j steps");
            assert_eq!(
                l[6],
                format!("event {rows} of {rows}"),
                "{name}/{stem}: End"
            );
            assert_eq!(
                l[7], "4",
                "{name}/{stem}: only the page's own scripts and the scroll shim"
            );
            assert_eq!(l[8], "safe", "{name}/{stem}: {l:?}");
        }
        pictures += lines.len();
    }
    pictures
}

#[test]
fn every_traced_listing_of_the_demo_book_has_a_picture_that_steps() {
    let Some((mdbook, chromium)) = tools() else {
        return;
    };
    let out = tmp().join("demo");
    // The book's own cache (`book/target/trace-ownership`), warm after `.ci/run` built it.
    build(&mdbook, &workspace().join("book"), &out, None);
    let n = check_book(&chromium, &workspace().join("book/src"), &out, "demo");
    assert!(n >= 19, "only {n} pictures in the demo book");
}

#[test]
fn hostile_names_stay_text_in_the_browser() {
    let Some((mdbook, chromium)) = tools() else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/books/hostile");
    let out = tmp().join("hostile");
    build(&mdbook, &root, &out, Some(&tmp().join("hostile-cache")));
    let html = std::fs::read_to_string(out.join("hostile.html")).unwrap();
    // The program's output and the names are in the page only as escaped text.
    assert!(html.contains("&lt;/iframe&gt;&lt;/div&gt;&lt;script&gt;window.__pwned = 1"));
    assert!(!html.contains("<script>window.__pwned"));
    assert!(!html.contains("<img src=x"));
    assert_eq!(check_book(&chromium, &root.join("src"), &out, "hostile"), 1);
}
