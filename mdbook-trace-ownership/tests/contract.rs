//! The preprocessor as mdBook runs it: `[context, book]` JSON on stdin, the book back on
//! stdout, messages on stderr. Each test gives the real binary a fixture book and reads what
//! it wrote; the chapters produced are insta snapshots, with what changes from run to run
//! (addresses, cache keys, the picture's page) filtered.
//!
//! All fixtures share one cargo target directory, so the `trace-ownership` crate is compiled
//! once for the whole file.

use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::config::Config;
use mdbook_preprocessor::PreprocessorContext;
use mdbook_trace_ownership::book::Stats;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;

/// A fixture book: its root, and its `book.toml`.
struct Fixture {
    root: PathBuf,
    toml: String,
}

impl Fixture {
    fn new(name: &str, extra: &str) -> Fixture {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("contract")
            .join(name);
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        Fixture {
            root,
            toml: format!("[book]\ntitle = \"{name}\"\n\n[preprocessor.trace-ownership]\n{extra}"),
        }
    }

    fn cache(&self) -> PathBuf {
        self.root.join("target/trace-ownership")
    }

    fn stats(&self) -> Stats {
        serde_json::from_str(
            &std::fs::read_to_string(self.cache().join("last-build.json")).unwrap(),
        )
        .unwrap()
    }

    /// Runs the preprocessor on chapters `(title, file, content)`.
    fn run(&self, chapters: &[(&str, &str, &str)]) -> Output {
        let config = Config::from_str(&self.toml).unwrap();
        let ctx = PreprocessorContext::new(self.root.clone(), config, "html".into());
        let book = Book::new_with_items(
            chapters
                .iter()
                .map(|(t, f, c)| BookItem::Chapter(Chapter::new(t, c.to_string(), *f, vec![])))
                .collect(),
        );
        let input = serde_json::to_string(&(&ctx, &book)).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_mdbook-trace-ownership"))
            .current_dir(&self.root)
            .env(
                "CARGO_TARGET_DIR",
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract-target"),
            )
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let chapters = if out.status.success() {
            let book: Book = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("the output is not a book ({e}):\n{stderr}"));
            book.chapters().map(|c| c.content.clone()).collect()
        } else {
            Vec::new()
        };
        Output {
            ok: out.status.success(),
            chapters,
            stderr,
        }
    }
}

struct Output {
    ok: bool,
    chapters: Vec<String>,
    stderr: String,
}

/// What changes from run to run: addresses, cache keys (in file paths and crate names), and
/// the picture's page (checked on its own).
fn filters() -> Vec<(&'static str, &'static str)> {
    vec![
        (r"0x[0-9a-f]{6,}", "0x[addr]"),
        (r"\bl?[0-9a-f]{32}\b", "[key]"),
        (r#"srcdoc="[^"]*""#, r#"srcdoc="[page]""#),
    ]
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ filters => filters(), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

/// The page in the first picture's `srcdoc`, unescaped.
fn first_page(chapter: &str) -> String {
    let start = chapter.find("srcdoc=\"").expect("a picture") + "srcdoc=\"".len();
    let end = start + chapter[start..].find('"').unwrap();
    chapter[start..end]
        .replace("&#10;", "\n")
        .replace("&#13;", "\r")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

const SEED: &str = "# Ownership\n\nThe seed's example:\n\n```rust,trace,heap\n# #![allow(unused_variables)]\nfn main() {\n    let s = String::from(\"hello\"); // Allocated on the heap\n} // s goes out of scope, memory is freed automatically\n```\n\nAfter.\n";

#[test]
fn a_traced_listing_becomes_its_code_its_picture_and_its_text_trace() {
    let f = Fixture::new("traced", "");
    let out = f.run(&[("Ownership", "ownership.md", SEED)]);
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stderr, "", "nothing to report");
    snapshot!("traced_listing", &out.chapters[0]);
    // The picture is the trace's own page, whole: its events embedded, its script inline.
    let page = first_page(&out.chapters[0]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains("\"kind\":\"dealloc\""),
        "the heap tracker was on"
    );
    assert!(page.contains("<script>") && !page.contains("<script src"));
}

#[test]
fn a_compile_fail_listing_shows_rustcs_error_beside_its_fixed_twin() {
    let f = Fixture::new("pair", "");
    let md = "# Moves\n\n```rust,compile_fail,trace\nfn main() {\n    let s = String::from(\"hi\");\n    let t = s;\n    println!(\"{s} {t}\");\n}\n```\n\n```rust,trace,fixed\nfn main() {\n    let s = String::from(\"hi\");\n    let t = s.clone();\n    println!(\"{s} {t}\");\n}\n```\n";
    let out = f.run(&[("Moves", "moves.md", md)]);
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    snapshot!("compile_fail_and_fixed", &out.chapters[0]);
}

#[test]
fn hidden_lines_are_compiled_and_functions_traced_unless_marked_by_hand() {
    let f = Fixture::new("hidden", "");
    let md = "```rust,trace,name=by-hand\n# use trace_ownership::trace_ownership;\n#[trace_ownership]\nfn main() {\n    let n = helper();\n    println!(\"{n}\");\n}\n# fn helper() -> usize { let v = vec![1, 2]; v.len() }\n```\n";
    let out = f.run(&[("Hidden", "hidden.md", md)]);
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let ch = &out.chapters[0];
    // The code block keeps its hidden lines (mdBook hides them); the run traced the hidden
    // helper too (its own frame) and put no second attribute on `main`.
    assert!(ch.contains("```rust,noplayground\n# use trace_ownership::trace_ownership;"));
    let text = &ch[ch.find("The trace as text").expect("a text trace")..];
    assert!(text.contains("call `helper`"), "{text}");
    assert_eq!(text.matches("call `main`").count(), 1, "{text}");
    assert!(ch.contains("id=\"by-hand\""));
}

#[test]
fn a_second_build_recompiles_nothing_and_a_changed_listing_only_itself() {
    let f = Fixture::new("cache", "");
    let listing = |word: &str| {
        format!("```rust,trace\nfn main() {{\n    let s = String::from(\"{word}\");\n    println!(\"{{s}}\");\n}}\n```\n")
    };
    let chapters = |c: &str| {
        vec![
            ("A".to_string(), listing("a")),
            ("B".into(), listing("b")),
            ("C".into(), listing(c)),
        ]
    };
    let as_refs = |v: &Vec<(String, String)>| -> Vec<(String, String, String)> {
        v.iter()
            .map(|(t, c)| (t.clone(), format!("{t}.md"), c.clone()))
            .collect()
    };
    let run = |v: Vec<(String, String)>| {
        let owned = as_refs(&v);
        let refs: Vec<(&str, &str, &str)> = owned
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        f.run(&refs)
    };
    let first = run(chapters("c"));
    assert!(first.ok, "{}", first.stderr);
    let s = f.stats();
    assert_eq!(
        (s.listings, s.cached, s.built, s.compiled, s.ran),
        (3, 0, 3, 3, 3)
    );

    let again = run(chapters("c"));
    let s = f.stats();
    assert_eq!(
        (s.cached, s.built, s.compiled, s.ran),
        (3, 0, 0, 0),
        "nothing rebuilt"
    );
    assert_eq!(
        again.chapters[0].replace(char::is_numeric, ""),
        first.chapters[0].replace(char::is_numeric, ""),
        "the same page from the cache (addresses aside)"
    );

    let changed = run(chapters("changed"));
    assert!(changed.ok);
    let s = f.stats();
    assert_eq!(
        (s.cached, s.built, s.compiled, s.ran),
        (2, 1, 1, 1),
        "only the changed one"
    );
    assert!(changed.chapters[2].contains("changed"));
    // The project holds only what was built this time.
    let listings = std::fs::read_dir(f.cache().join("project/listings"))
        .unwrap()
        .count();
    assert_eq!(listings, 1);
}

#[test]
fn a_listing_that_does_not_compile_is_named_on_stderr_and_shown_in_place() {
    let f = Fixture::new("broken", "");
    let md = "# Broken\n\nFine:\n\n```rust,trace\nfn main() { let x = 1; println!(\"{x}\"); }\n```\n\nNot fine:\n\n```rust,trace\nfn main() {\n    let x: u32 = \"one\";\n}\n```\n";
    let out = f.run(&[("Broken", "broken.md", md)]);
    assert!(out.ok, "the book still builds: {}", out.stderr);
    let first = out.stderr.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "mdbook-trace-ownership: error: chapter `Broken` (broken.md), listing 2 (line 11, ```rust,trace): it does not compile"
    );
    assert!(
        out.stderr.contains("error[E0308]: mismatched types"),
        "{}",
        out.stderr
    );
    assert_eq!(out.chapters[0].matches("trace-ownership-failed").count(), 1);
    assert_eq!(
        out.chapters[0]
            .matches("class=\"trace-ownership-picture\"")
            .count(),
        1,
        "the other listing is traced"
    );
    snapshot!("broken_listing", &out.chapters[0]);
}

#[test]
fn a_compile_fail_listing_that_compiles_is_an_error() {
    let f = Fixture::new("compiles", "");
    let md = "```rust,compile_fail,trace\nfn main() {}\n```\n";
    let out = f.run(&[("Wrong", "wrong.md", md)]);
    assert!(out.ok);
    assert!(out.stderr.contains(
        "chapter `Wrong` (wrong.md), listing 1 (line 1, ```rust,compile_fail,trace): it is marked `compile_fail`, but it compiles"
    ), "{}", out.stderr);
    assert!(out.chapters[0].contains("trace-ownership-failed"));
}

#[test]
fn an_unknown_word_in_a_listing_is_named_and_shown_in_place() {
    let f = Fixture::new("word", "");
    let out = f.run(&[(
        "Words",
        "words.md",
        "```rust,trace,heep\nfn main() {}\n```\n",
    )]);
    assert!(out.ok);
    assert!(
        out.stderr.contains(
            "listing 1 (line 1, ```rust,trace,heep): its options are wrong: unknown word `heep`"
        ),
        "{}",
        out.stderr
    );
    assert!(out.chapters[0].contains("trace-ownership-failed"));
}

#[test]
fn a_bad_option_in_book_toml_is_one_clear_message() {
    for (extra, want) in [
        ("cache_dir = \"x\"\n", "mdbook-trace-ownership: error: book.toml: unknown key `cache_dir` in `[preprocessor.trace-ownership]`: expected cache-dir, crate-path, timeout (or mdBook's own: command, renderers, before, after, optional)\n"),
        ("timeout = \"soon\"\n", "mdbook-trace-ownership: error: book.toml: `preprocessor.trace-ownership.timeout` must be a whole number of seconds above 0, not `\"soon\"`\n"),
        ("crate-path = \"nowhere\"\n", "mdbook-trace-ownership: error: book.toml: `preprocessor.trace-ownership.crate-path` = \"nowhere\": there is no Cargo.toml in "),
    ] {
        let f = Fixture::new("bad-option", extra);
        let out = f.run(&[("A", "a.md", SEED)]);
        assert!(!out.ok, "{extra}");
        assert!(out.stderr.starts_with(want), "{extra}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "one message: {}", out.stderr);
    }
}

#[test]
fn supports_only_the_html_renderer() {
    let exe = env!("CARGO_BIN_EXE_mdbook-trace-ownership");
    let status = |r: &str| {
        Command::new(exe)
            .args(["supports", r])
            .status()
            .unwrap()
            .success()
    };
    assert!(status("html"));
    assert!(!status("markdown"));
}

/// The exercises the demo book includes as `compile_fail` listings, from its chapters:
/// `(ui-tests/TOPIC/FILE.rs, its text)`.
fn included_exercises() -> Vec<(String, String)> {
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("../book/src");
    let mut out = Vec::new();
    let mut chapters: Vec<PathBuf> = std::fs::read_dir(&book)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    chapters.sort();
    for ch in chapters {
        let md = std::fs::read_to_string(&ch).unwrap();
        let mut lines = md.lines();
        while let Some(l) = lines.next() {
            if l.starts_with("```rust,compile_fail,trace") {
                let inc = lines.next().unwrap();
                let rel = inc
                    .strip_prefix("{{#include ../../")
                    .and_then(|r| r.strip_suffix("}}"))
                    .expect("an included exercise");
                let text = std::fs::read_to_string(book.join("../..").join(rel)).unwrap();
                out.push((rel.to_string(), text));
            }
        }
    }
    out
}

#[test]
fn an_exercise_shows_rustcs_exact_error_the_same_as_untraced() {
    // Ground truth: each exercise's `.stderr`, rustc's output for the program as written
    // (untraced), checked by trybuild; it leaves out rustc's closing "For more information"
    // line and names the file by its path in the repository.
    let exercises = included_exercises();
    assert!(exercises.len() >= 10, "{}", exercises.len());
    let md: String = exercises
        .iter()
        .map(|(_, text)| format!("```rust,compile_fail,trace\n{text}```\n\n"))
        .collect();
    let f = Fixture::new("exercises", "");
    let out = f.run(&[("Exercises", "exercises.md", &md)]);
    assert!(out.ok && out.stderr.is_empty(), "{}", out.stderr);
    let ch = &out.chapters[0];
    let errors: Vec<&str> = ch
        .split("<pre class=\"trace-ownership-error\" style=\"overflow-x:auto\">")
        .skip(1)
        .map(|s| &s[..s.find("</pre>").unwrap()])
        .collect();
    assert_eq!(errors.len(), exercises.len());
    for ((path, _), shown) in exercises.iter().zip(errors) {
        let shown = shown
            .replace("&#10;", "\n")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        let key_path = regex_free_listing_path(&shown);
        let shown = shown.replace(&key_path, path);
        // trybuild writes the standard library's files as `$RUST/...`, without position.
        let shown: Vec<String> = shown
            .lines()
            .filter(|l| !l.starts_with("For more information about"))
            .map(|l| match (l.find("--> /rustc/"), l.find("/library/")) {
                (Some(at), Some(lib)) => {
                    let file = &l[lib + "/library/".len()..];
                    let file = file.split(':').next().unwrap_or(file);
                    format!("{}--> $RUST/{file}", &l[..at])
                }
                _ => l.to_string(),
            })
            .collect();
        let want = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join(path.replace(".rs", ".stderr")),
        )
        .unwrap();
        let want: Vec<&str> = want.lines().collect();
        assert_eq!(
            shown.join("\n").trim_end(),
            want.join("\n").trim_end(),
            "{path}"
        );
    }
}

/// `listings/<key>/main.rs`, as the error names the listing's file.
fn regex_free_listing_path(error: &str) -> String {
    let start = error.find("listings/").expect("the listing's path");
    let end = start + error[start..].find(".rs").unwrap() + 3;
    error[start..end].to_string()
}

#[test]
fn a_program_that_exits_with_an_error_or_runs_too_long_is_reported_and_the_rest_is_shown() {
    let f = Fixture::new("runs", "timeout = 2\n");
    let md = "```rust,trace\nfn main() {\n    let code = 3;\n    std::process::exit(code);\n}\n```\n\n```rust,trace\nfn main() {\n    let d = std::time::Duration::from_secs(60);\n    std::thread::sleep(d);\n}\n```\n\n```rust,trace,should_panic\nfn main() {\n    let v: Vec<u8> = Vec::new();\n    let _ = v[1];\n}\n```\n";
    let out = f.run(&[("Runs", "runs.md", md)]);
    assert!(out.ok, "{}", out.stderr);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(errors.len(), 2, "{}", out.stderr);
    assert!(
        errors[0].ends_with("listing 1 (line 1, ```rust,trace): its program exited with code 3"),
        "{}",
        errors[0]
    );
    assert!(errors[1].ends_with("listing 2 (line 8, ```rust,trace): its program did not finish within 2 s and was stopped"), "{}", errors[1]);
    // The panicking one was expected to panic: its trace (recorded while unwinding) is shown.
    let ch = &out.chapters[0];
    assert_eq!(
        ch.matches("trace-ownership-failed").count(),
        1,
        "the timeout"
    );
    assert_eq!(
        ch.matches("class=\"trace-ownership-picture\"").count(),
        1,
        "the panic's trace"
    );
    assert!(
        ch.contains("its program exited with code 3"),
        "said in place too"
    );
}

#[test]
fn precise_mode_lets_the_compiler_decide_what_the_attribute_could_only_guess() {
    // `bump` is the listing's own method: the attribute sees `c.bump()` and cannot know its
    // receiver; the compiler's MIR says `&mut c` (ground truth: `fn bump(&mut self)`).
    let listing = |words: &str| {
        format!("```rust,trace{words}\nstruct Counter {{ n: u32 }}\nimpl Counter {{\n    fn bump(&mut self) {{ self.n += 1; }}\n}}\nfn main() {{\n    let mut c = Counter {{ n: 0 }};\n    c.bump();\n    println!(\"{{}}\", c.n);\n}}\n```\n")
    };
    let f = Fixture::new("precise", "");
    let md = format!("{}\n{}", listing(""), listing(",precise"));
    let out = f.run(&[("Precise", "precise.md", &md)]);
    assert!(out.ok && out.stderr.is_empty(), "{}", out.stderr);
    let texts: Vec<&str> = out.chapters[0]
        .split("The trace as text</summary><pre>")
        .skip(1)
        .map(|s| &s[..s.find("</pre>").unwrap()])
        .collect();
    let bump_line = |t: &str| {
        t.split("&#10;")
            .find(|l| l.contains("by `bump()`") || l.contains("bump()"))
            .unwrap_or_default()
            .to_string()
    };
    let (ordinary, precise) = (bump_line(texts[0]), bump_line(texts[1]));
    assert!(precise.contains("borrow_mut"), "{precise}");
    assert!(!precise.contains('?'), "decided, not guessed: {precise}");
    assert_ne!(
        ordinary, precise,
        "the ordinary trace guessed or hedged: {ordinary}"
    );
    assert!(
        first_page(&out.chapters[0][out.chapters[0].rfind("<iframe").unwrap()..])
            .contains("\"evidence\":\"compiler\"")
    );
}

#[test]
fn crate_path_in_book_toml_chooses_the_crate_the_listings_use() {
    let ws = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let f = Fixture::new(
        "crate-path",
        &format!("crate-path = \"{}\"\n", ws.display()),
    );
    let out = f.run(&[("A", "a.md", SEED)]);
    assert!(out.ok && out.stderr.is_empty(), "{}", out.stderr);
    let manifest = std::fs::read_to_string(f.cache().join("project/Cargo.toml")).unwrap();
    assert!(
        manifest.contains(&format!(
            "trace-ownership = {{ path = \"{}\" }}",
            ws.display()
        )),
        "{manifest}"
    );
    assert!(out.chapters[0].contains("class=\"trace-ownership-picture\""));
}
