//! `cargo trace-ownership practice`, end to end, on practice folders under
//! `target/practice-tests/`: the folder is set up without overwriting anything and `reset`
//! restores a file; the fixed twins pass; every exercise fails as shipped, with its error or its
//! property; crafted wrong fixes fail with the right sentence; bad input gives one message and
//! leaves the progress file whole, even when the run is killed; the watch loop works in a real
//! terminal (tmux).
//!
//! The learner programs are built in one shared target directory
//! (`target/practice-learner`), so `trace-ownership`'s dependencies are compiled once.

use cargo_trace_ownership::practice::exercise::{catalogue, Exercise, EMBEDDED};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_cargo-trace-ownership");

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest().join("..").join("target"))
}

/// The fixture exercises: seven property exercises with their fixed twins.
fn fixtures() -> PathBuf {
    manifest().join("tests/fixtures/practice/exercises")
}

/// A fresh practice folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = target().join("practice-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    dir
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.arg("practice")
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", target().join("practice-learner"))
        .stdin(std::process::Stdio::null());
    c
}

/// The built-in practice exercises, in practice order.
fn built_in() -> Vec<Exercise> {
    catalogue(EMBEDDED).unwrap()
}

struct Ran {
    code: i32,
    out: String,
}

fn practice(dir: &Path, args: &[&str]) -> Ran {
    let o: Output = command(dir, args).output().unwrap();
    Ran {
        code: o.status.code().unwrap_or(-1),
        out: format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    }
}

/// `practice` on the fixture exercises.
fn on_fixtures(dir: &Path, args: &[&str]) -> Ran {
    let ex = fixtures();
    let mut all = vec!["--exercises", ex.to_str().unwrap()];
    all.extend_from_slice(args);
    practice(dir, &all)
}

/// The `FAIL  NAME: ...` line of `name` in a check's output.
fn verdict<'a>(out: &'a str, name: &str) -> &'a str {
    out.lines()
        .find(|l| {
            l.strip_prefix("FAIL  ")
                .or_else(|| l.strip_prefix("ok    "))
                .is_some_and(|r| r == name || r.starts_with(&format!("{name}:")))
        })
        .unwrap_or_else(|| panic!("no verdict for {name} in:\n{out}"))
}

fn progress(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join(".practice-progress.json")).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("progress file damaged ({e}):\n{text}"))
}

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

const MOVE_INTO_FUNCTION: &str = "exercises/move-clone-copy/01-move-into-function.rs";
const USE_AFTER_DROP: &str = "exercises/drop/04-use-after-drop.rs";
const RC_MOVED: &str = "exercises/heap-and-smart-pointers/02-rc-moved-not-cloned.rs";

#[test]
fn the_folder_is_set_up_once_never_overwritten_and_reset_restores_a_file() {
    let dir = folder("setup");
    let r = practice(&dir, &["list"]);
    assert_eq!(r.code, 0, "{}", r.out);
    assert!(
        r.out
            .contains(&format!("Copied {} exercises", built_in().len())),
        "{}",
        r.out
    );
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let crate_dir = std::fs::canonicalize(manifest_dir_parent()).unwrap();
    assert!(
        manifest.contains(&format!(
            "trace-ownership = {{ path = {:?} }}",
            crate_dir.display().to_string()
        )),
        "{manifest}"
    );
    let shipped = include_str!("../../ui-tests/move-clone-copy/01-move-into-function.rs");
    assert_eq!(
        std::fs::read_to_string(dir.join(MOVE_INTO_FUNCTION)).unwrap(),
        shipped
    );
    // The learner's work is never overwritten, a deleted file never silently recreated.
    edit(&dir, MOVE_INTO_FUNCTION, "consume(s)", "consume(&s)");
    std::fs::remove_file(dir.join(USE_AFTER_DROP)).unwrap();
    let again = practice(&dir, &["list"]);
    assert!(!again.out.contains("Copied"), "{}", again.out);
    assert!(std::fs::read_to_string(dir.join(MOVE_INTO_FUNCTION))
        .unwrap()
        .contains("consume(&s)"));
    assert!(!dir.join(USE_AFTER_DROP).exists());
    let missing = practice(&dir, &["check", "use-after-drop"]);
    assert_eq!(missing.code, 1);
    assert!(missing.out.contains(
        "FAIL  use-after-drop: exercises/drop/04-use-after-drop.rs is missing: run `cargo trace-ownership practice reset use-after-drop` to get it back"
    ), "{}", missing.out);
    // reset says what it replaces, keeps the learner's version, restores the shipped one.
    let r = practice(&dir, &["reset", "use-after-drop"]);
    assert_eq!(
        r.out.trim(),
        "exercises/drop/04-use-after-drop.rs was missing: it is restored as shipped."
    );
    let r = practice(&dir, &["reset", "move-into-function"]);
    assert_eq!(r.code, 0);
    assert!(
        r.out.contains(
            "This replaces your exercises/move-clone-copy/01-move-into-function.rs (1 line differ"
        ),
        "{}",
        r.out
    );
    assert_eq!(
        std::fs::read_to_string(dir.join(MOVE_INTO_FUNCTION)).unwrap(),
        shipped
    );
    let kept = std::fs::read_to_string(dir.join(".practice/backup/move-into-function.rs")).unwrap();
    assert!(kept.contains("consume(&s)"));
    let r = practice(&dir, &["reset", "move-into-function"]);
    assert!(r.out.contains("is already as shipped"), "{}", r.out);
}

fn manifest_dir_parent() -> PathBuf {
    manifest().join("..")
}

#[test]
fn the_fixed_twins_pass_their_checks() {
    let dir = folder("twins");
    let r = practice(&dir, &["check", "--all", "--solutions"]);
    assert_eq!(r.code, 0, "{}", r.out);
    let n = built_in().len();
    assert!(
        r.out.contains(&format!("{n} of {n} passed (fixed twins)")),
        "{}",
        r.out
    );
    let r = on_fixtures(&dir, &["check", "--all", "--solutions"]);
    assert_eq!(r.code, 0, "{}", r.out);
    assert!(r.out.contains("7 of 7 passed (fixed twins)"), "{}", r.out);
    // Twins are not the learner's work: nothing is marked solved.
    assert_eq!(progress(&dir)["solved"], serde_json::json!([]));
}

#[test]
fn every_exercise_fails_as_shipped_with_its_error_or_property() {
    let dir = folder("shipped");
    let r = practice(&dir, &["check", "--all"]);
    assert_eq!(r.code, 1, "{}", r.out);
    for e in built_in() {
        let name = &e.name;
        let said = verdict(&r.out, name);
        if e.stored.compile_fail {
            let own = match e.header.error.as_str() {
                "(no code)" => "its error".to_string(),
                code => code.to_string(),
            };
            assert_eq!(said, format!("FAIL  {name}: it does not compile yet: rustc still reports {own}, the error this exercise is about."));
        } else {
            assert!(
                said.starts_with(&format!("FAIL  {name}: ")) && !said.contains("does not compile"),
                "{said}"
            );
        }
    }
    // rustc's own message follows, pointing at the learner's file.
    assert!(
        r.out
            .contains("--> exercises/move-clone-copy/01-move-into-function.rs:18:20"),
        "{}",
        r.out
    );
    let dir = folder("shipped-properties");
    let r = on_fixtures(&dir, &["check", "--all"]);
    assert_eq!(r.code, 1, "{}", r.out);
    for (name, says) in [
        ("share-not-copy", "3024 heap bytes are live at line 14 (trace: `14  alloc  1024 bytes`): this exercise allows at most 2100."),
        ("rc-owners", "the value `a` owns never has more than 1 owner (most at line 14, trace: `14  bind  a`): this exercise asks for exactly 2."),
        ("clone-to-shout", "`s` was cloned at line 18 (trace: `18  clone  s -> shout()`): this exercise asks you not to clone `s`."),
        ("move-into-thread", "`v` was cloned at line 15 (trace: `15  clone  v -> w`): this exercise asks you not to clone `v`."),
        ("sum-by-reference", "`v` was moved at line 19 (trace: `19  move  v -> total()`): this exercise asks you to keep `v` where it is (borrow it instead)."),
        ("drop-before-finish", "`a` is dropped only at line 22 (trace: `22  drop  a`), after `finish` runs (trace: `12  fn_enter  finish`): this exercise asks that `a` is dropped before that call."),
        ("free-before-loop", "`big`'s heap memory is freed only at line 23 (trace: `23  dealloc  4096 bytes`), after `work` is called at line 20 (trace: `20  copy  i -> work()`): this exercise asks you to free it before that call."),
    ] {
        assert_eq!(verdict(&r.out, name), format!("FAIL  {name}: {says}"));
    }
    assert!(r.out.contains("0 of 7 passed"));
}

#[test]
fn crafted_wrong_fixes_fail_with_the_right_sentence() {
    let dir = folder("crafted");
    assert_eq!(practice(&dir, &["list"]).code, 0);
    // Cloning past the error.
    edit(&dir, MOVE_INTO_FUNCTION, "consume(s)", "consume(s.clone())");
    // Commenting the use out.
    edit(&dir, USE_AFTER_DROP, "    println!", "    // println!");
    // A third owner.
    edit(
        &dir,
        RC_MOVED,
        "    let b = a;",
        "    let b = Rc::clone(&a);\n    let c = Rc::clone(&b);",
    );
    let r = practice(&dir, &["check", "--all"]);
    assert_eq!(verdict(&r.out, "move-into-function"), "FAIL  move-into-function: `s` was cloned for `consume` at line 17 (trace: `17  clone  s -> consume()`): this exercise asks you to lend `s` to `consume` (`&s`), not to give it a copy.");
    assert_eq!(verdict(&r.out, "use-after-drop"), "FAIL  use-after-drop: it runs, but prints 0 lines where this exercise expects 1 (the next one: `hi`).");
    assert_eq!(verdict(&r.out, "rc-moved-not-cloned"), "FAIL  rc-moved-not-cloned: the value `a` owns has 3 owners at line 13 (trace: `13  bind  c`): this exercise allows exactly 2.");
    // The real fixes pass, and are recorded as solved.
    edit(
        &dir,
        MOVE_INTO_FUNCTION,
        "consume(s.clone())",
        "consume(&s)",
    );
    edit(
        &dir,
        MOVE_INTO_FUNCTION,
        "fn consume(s: String)",
        "fn consume(s: &String)",
    );
    let r = practice(&dir, &["check", "move-into-function"]);
    assert_eq!(r.code, 0, "{}", r.out);
    assert_eq!(
        progress(&dir)["solved"],
        serde_json::json!(["move-into-function"])
    );

    let dir = folder("crafted-properties");
    assert_eq!(on_fixtures(&dir, &["list"]).code, 0);
    // A leaked buffer: forgotten instead of dropped, so never freed.
    edit(
        &dir,
        "exercises/stack-and-heap/wrong/02-free-before-loop.rs",
        "    let mut sum",
        "    std::mem::forget(big);\n    let mut sum",
    );
    // The call commented out, its result written by hand.
    edit(
        &dir,
        "exercises/stack-and-heap/wrong/01-clone-to-shout.rs",
        "shout(s.clone());",
        "String::from(\"HI\"); // shout(s.clone());",
    );
    // A clone kept for the thread.
    edit(
        &dir,
        "exercises/threads/wrong/05-move-into-thread.rs",
        "let w = v.clone();",
        "let w = v.clone();\n    drop(v);",
    );
    // Borrowed, but the data still copied.
    edit(
        &dir,
        "exercises/stack-and-heap/wrong/03-share-not-copy.rs",
        "let view = data.clone();",
        "let copy = data.to_vec();\n    let view = &copy;",
    );
    let r = on_fixtures(&dir, &["check", "--all"]);
    assert_eq!(verdict(&r.out, "free-before-loop"), "FAIL  free-before-loop: `big`'s heap memory (seen at line 16, trace: `16  bind  big`) is never freed during the run: this exercise asks you to free it before `work` is called.");
    assert_eq!(verdict(&r.out, "clone-to-shout"), "FAIL  clone-to-shout: `shout` is never called, so it never borrows `s`: this exercise asks you to lend `s` to `shout`.");
    assert_eq!(verdict(&r.out, "move-into-thread"), "FAIL  move-into-thread: `v` was cloned at line 15 (trace: `15  clone  v -> w`): this exercise asks you not to clone `v`.");
    assert!(verdict(&r.out, "share-not-copy").starts_with("FAIL  share-not-copy: 3024 heap bytes are live at line 15 (trace: `15  alloc  1024 bytes`)"), "{}", r.out);
}

#[test]
fn bad_input_gives_one_clear_message_and_keeps_the_progress_file() {
    let dir = folder("bad-input");
    assert_eq!(on_fixtures(&dir, &["list"]).code, 0);
    let before = progress(&dir);
    // A syntax error.
    edit(
        &dir,
        "exercises/borrowing/wrong/07-sum-by-reference.rs",
        "let n = v.len();",
        "let n = v.len(;",
    );
    let r = on_fixtures(&dir, &["check", "sum-by-reference"]);
    assert_eq!(r.code, 1);
    assert!(verdict(&r.out, "sum-by-reference").starts_with("FAIL  sum-by-reference: it does not compile: rustc reports an error without a code (this program compiled as shipped)."), "{}", r.out);
    assert!(
        r.out
            .contains("--> exercises/borrowing/wrong/07-sum-by-reference.rs:18"),
        "{}",
        r.out
    );
    // An infinite loop, stopped by the time limit.
    edit(
        &dir,
        "exercises/drop/wrong/06-drop-before-finish.rs",
        "    finish();",
        "    loop {}",
    );
    let start = Instant::now();
    let r = on_fixtures(&dir, &["--time-limit", "2", "check", "drop-before-finish"]);
    assert_eq!(
        verdict(&r.out, "drop-before-finish"),
        "FAIL  drop-before-finish: it did not finish within 2 s: look for a loop that never ends."
    );
    assert!(start.elapsed() < Duration::from_secs(60));
    // The marker above `main` removed: nothing traced.
    edit(
        &dir,
        "exercises/stack-and-heap/wrong/03-share-not-copy.rs",
        "// #[trace_ownership]\nfn main",
        "fn main",
    );
    edit(
        &dir,
        "exercises/stack-and-heap/wrong/03-share-not-copy.rs",
        "data.clone()",
        "&data",
    );
    let r = on_fixtures(&dir, &["check", "share-not-copy"]);
    assert_eq!(verdict(&r.out, "share-not-copy"), "FAIL  share-not-copy: no trace of `main`: keep the `// #[trace_ownership]` line above `fn main`.");
    // A panic.
    edit(
        &dir,
        "exercises/threads/wrong/05-move-into-thread.rs",
        "h.join().unwrap()",
        "h.join().unwrap() + [0][v.len()]",
    );
    let r = on_fixtures(&dir, &["check", "move-into-thread"]);
    assert!(
        verdict(&r.out, "move-into-thread").contains("did not finish normally"),
        "{}",
        r.out
    );
    // Unknown names, options and properties: exit code 2, one message.
    let r = on_fixtures(&dir, &["check", "nope"]);
    assert_eq!((r.code, r.out.trim()), (2, "cargo-trace-ownership practice: no exercise named `nope`: `cargo trace-ownership practice list` shows them"));
    let r = on_fixtures(&dir, &["chek"]);
    assert_eq!(r.code, 2);
    assert!(
        r.out
            .starts_with("cargo-trace-ownership: error: unknown practice command `chek`"),
        "{}",
        r.out
    );
    let bad = manifest().join("tests/fixtures/practice/bad-property");
    let r = practice(&dir, &["--exercises", bad.to_str().unwrap(), "list"]);
    assert_eq!(r.code, 2);
    assert!(r.out.starts_with("cargo-trace-ownership practice: exercise `borrowing/01-happy`, line 6: unknown property `s is happy`: expected one of"), "{}", r.out);
    // Through all of it the progress file stayed whole.
    assert_eq!(progress(&dir), before);
}

#[test]
fn a_damaged_progress_file_gives_one_message_and_a_fresh_start() {
    let dir = folder("damaged");
    assert_eq!(practice(&dir, &["list"]).code, 0);
    std::fs::write(dir.join(".practice-progress.json"), "{\"version\":1,\"cur").unwrap();
    let r = practice(&dir, &["list"]);
    assert_eq!(r.code, 0, "{}", r.out);
    assert!(r.out.starts_with(".practice-progress.json is damaged (EOF while parsing a string at line 1 column 17): starting fresh; the old file is kept as .practice-progress.json.corrupt.\n"), "{}", r.out);
    assert_eq!(
        std::fs::read_to_string(dir.join(".practice-progress.json.corrupt")).unwrap(),
        "{\"version\":1,\"cur"
    );
    assert_eq!(progress(&dir)["current"], built_in()[0].name.as_str());
    // The files already there were not overwritten by the fresh start.
    assert!(!r.out.contains("Copied"), "{}", r.out);
}

#[test]
fn the_progress_file_survives_a_killed_run() {
    let dir = folder("killed");
    assert_eq!(on_fixtures(&dir, &["list"]).code, 0);
    let twin =
        std::fs::read_to_string(fixtures().join("borrowing/fixed/07-sum-by-reference.rs")).unwrap();
    std::fs::write(
        dir.join("exercises/borrowing/wrong/07-sum-by-reference.rs"),
        twin,
    )
    .unwrap();
    assert_eq!(on_fixtures(&dir, &["check", "sum-by-reference"]).code, 0);
    let before = progress(&dir);
    assert_eq!(before["solved"], serde_json::json!(["sum-by-reference"]));
    for wait_ms in [300, 1500, 3000] {
        let mut all = vec!["--exercises".to_string(), fixtures().display().to_string()];
        all.extend(["check".to_string(), "--all".to_string()]);
        let args: Vec<&str> = all.iter().map(String::as_str).collect();
        let mut child = command(&dir, &args)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait_ms));
        // kill -9: no destructor, no handler runs.
        let status = Command::new("kill")
            .args(["-9", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let _ = child.wait();
        let after = progress(&dir);
        assert_eq!(
            after["solved"], before["solved"],
            "killed after {wait_ms} ms"
        );
        assert_eq!(after["copied"], before["copied"]);
    }
    let r = on_fixtures(&dir, &["list"]);
    assert!(r.out.contains("[x] sum-by-reference"), "{}", r.out);
}

/// The watch loop in a real terminal: tmux runs it, the test saves files and types answers.
#[test]
fn the_watch_loop_checks_on_save_asks_first_then_moves_on() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "tmux is missing: CI must install it (apt-get install tmux)"
        );
        eprintln!("tmux is not installed: the watch-loop test cannot run here");
        return;
    }
    // The learner's view: the command run in the folder above `ownership-practice`, the default.
    let dir = folder("watch").join("ownership-practice");
    assert_eq!(on_fixtures(&dir, &["list"]).code, 0);
    // Start at the drop exercise.
    let mut p = progress(&dir);
    p["current"] = "drop-before-finish".into();
    std::fs::write(dir.join(".practice-progress.json"), p.to_string()).unwrap();
    let session = format!("practice-{}", std::process::id());
    let script = format!(
        "cd {:?} && CARGO_TARGET_DIR={:?} {:?} practice --exercises {:?}; echo exited $?; sleep 60",
        dir.parent().unwrap(),
        target().join("practice-learner"),
        BIN,
        fixtures()
    );
    // A server of the test's own: nothing of a user's tmux is touched or inherited.
    let socket = format!("practice-test-{}", std::process::id());
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", &socket])
            .args(args)
            .output()
            .unwrap()
    };
    assert!(tmux(&[
        "new-session",
        "-d",
        "-s",
        &session,
        "-x",
        "180",
        "-y",
        "50",
        &script
    ])
    .status
    .success());
    struct Kill(String);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = Command::new("tmux")
                .args(["-L", &self.0, "kill-server"])
                .output();
        }
    }
    let _kill = Kill(socket.clone());
    let screen = || {
        let o = tmux(&["capture-pane", "-p", "-J", "-S", "-2000", "-t", &session]);
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let wait_for = |text: &str| {
        let start = Instant::now();
        loop {
            let s = screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(240),
                "no `{text}` on screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    };
    let keys = |k: &str| {
        assert!(tmux(&["send-keys", "-t", &session, k, "Enter"])
            .status
            .success())
    };
    let rel = "exercises/drop/wrong/06-drop-before-finish.rs";
    wait_for("== Exercise 6 of 7: drop-before-finish (no-garbage-collector) ==");
    wait_for("must hold on its trace: a dropped before call finish");
    wait_for("(Enter: check now; q, Enter: quit).");
    keys("h");
    wait_for("Hint: `drop(a)` before calling `finish`.");
    // A save that does not solve it.
    edit(&dir, rel, "    finish();", "    drop(b);\n    finish();");
    wait_for("FAIL  drop-before-finish: `a` is dropped only at line 23 (trace: `23  drop  a`), after `finish` runs (trace: `12  fn_enter  finish`)");
    // The fix.
    edit(&dir, rel, "    drop(b);\n", "    drop(a);\n");
    wait_for("1. After line 21, can `a` still be used? (y/n)");
    keys("n");
    wait_for("2. Which is dropped first, `a` or `b`?");
    keys("b");
    wait_for("3. How many times does the run clone a value? (a number)");
    keys("0");
    wait_for("== Exercise 7 of 7: free-before-loop (no-garbage-collector) ==");
    let s = wait_for("(1 of 7 solved)");
    assert!(
        s.contains("Right. (trace: `21  drop  a`: `a` was given to drop() and dropped there)"),
        "{s}"
    );
    assert!(
        s.contains("Not quite: `a` (trace: `21  drop  a` comes before `23  drop  b`)"),
        "{s}"
    );
    assert!(s.contains("The trace of your program:"), "{s}");
    readme_session_is(&s);
    keys("q");
    wait_for("exited 0");
    let p = progress(&dir);
    assert_eq!(p["solved"], serde_json::json!(["drop-before-finish"]));
    assert_eq!(p["current"], "free-before-loop");
    let answers: Vec<(String, bool)> = p["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["answer"].as_str().unwrap().to_string(),
                a["correct"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        answers,
        [
            ("n".to_string(), true),
            ("b".to_string(), false),
            ("0".to_string(), true)
        ]
    );
}

/// The README's practice session (the block after `<!-- practice session -->`) is a run of
/// lines of the screen the watch-loop test captured (addresses aside).
fn readme_session_is(screen: &str) {
    let readme = std::fs::read_to_string(manifest().join("../README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == "<!-- practice session -->")
        .expect("the README's practice session is gone");
    assert!(lines[at + 1].starts_with("```"));
    let block: Vec<String> = lines[at + 2..]
        .iter()
        .take_while(|l| !l.starts_with("```"))
        .map(|l| without_addresses(l))
        .collect();
    let shown: Vec<String> = screen
        .lines()
        .map(|l| without_addresses(l.trim_end()))
        .collect();
    let start = shown.iter().position(|l| *l == block[0]).unwrap_or(0);
    let none = String::new();
    let differs = block
        .iter()
        .zip(shown[start..].iter().chain(std::iter::repeat(&none)))
        .find(|(a, b)| a != b);
    assert!(
        block.len() > 10 && differs.is_none(),
        "the README's practice session is not what the terminal showed (first difference: {differs:?}):\n{}",
        shown.join("\n")
    );
}

/// `0x7ffd3b7e1d60` (and `0x…`, as the README writes it) becomes `0x…`: addresses differ
/// from run to run.
fn without_addresses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        out.push_str("0x…");
        let after = &rest[i + 2..];
        rest = after
            .strip_prefix('…')
            .unwrap_or_else(|| after.trim_start_matches(|c: char| c.is_ascii_hexdigit()));
    }
    out.push_str(rest);
    out
}

#[test]
fn list_hint_solution_and_explain() {
    let dir = folder("views");
    let r = practice(&dir, &["list"]);
    let all = built_in();
    let first = &all[0];
    assert!(
        r.out.contains(&format!(
            "{}\n> [ ] {} ",
            first.header.section.as_deref().unwrap(),
            first.name
        )),
        "{}",
        r.out
    );
    assert!(
        r.out.ends_with(&format!("0 of {} solved\n", all.len())),
        "{}",
        r.out
    );
    let r = practice(&dir, &["hint"]);
    assert_eq!(
        r.out.trim(),
        format!("Hint for `{}`: {}", first.name, first.header.hint)
    );
    let r = practice(&dir, &["hint", "rc-moved-not-cloned"]);
    assert_eq!(
        r.out.trim(),
        "Hint for `rc-moved-not-cloned`: Write `let b = Rc::clone(&a);`."
    );
    // No answer (stdin closed) is a no: nothing shown.
    let r = practice(&dir, &["solution", "use-after-drop"]);
    assert!(r.out.contains("Show it? [y/N] Not shown."), "{}", r.out);
    assert!(!r.out.contains("fn main"), "{}", r.out);
    let r = practice(&dir, &["solution", "use-after-drop", "--yes"]);
    assert!(
        r.out.contains(include_str!(
            "../../ui-tests/drop/fixed/04-use-after-drop.rs"
        )),
        "{}",
        r.out
    );
    let r = practice(&dir, &["explain", "e0382"]);
    assert_eq!(r.code, 0, "{}", r.out);
    let of: Vec<&Exercise> = all.iter().filter(|e| e.header.error == "E0382").collect();
    assert!(
        r.out.starts_with(&format!(
            "E0382, in {} exercises:\n  {} ",
            of.len(),
            of[0].name
        )),
        "{}",
        r.out
    );
    let said = of[0].stored.stderr.unwrap().lines().next().unwrap();
    assert!(
        r.out.contains(&format!("  The compiler says: {said}\n")),
        "{}",
        r.out
    );
    assert!(
        r.out
            .contains("The trace of its fixed twin, which compiles:\n\n── ownership trace: `main`"),
        "{}",
        r.out
    );
    assert!(r.out.contains("│ fn_exit      `main` returns"), "{}", r.out);
    // An error code no exercise has (this one is the tool's own, never an exercise's).
    let r = practice(&dir, &["explain", "E9999"]);
    assert_eq!(r.code, 2);
    assert!(r.out.contains("no exercise is about `E9999`"), "{}", r.out);
}

/// A heap property counts what every loop iteration allocates, not only the iterations a
/// trace keeps (3 by default). Ground truth from the program itself: a `Vec` of capacity 100
/// boxes (800 bytes), 100 boxed `u32`s (400 bytes) all alive at once, and std's 1024-byte
/// stdout buffer of the `println!`: 2224 bytes. With the loop folded, 3 boxes (12 bytes) would
/// show and 1836 would be reported.
#[test]
fn a_heap_property_counts_every_iteration_of_a_loop() {
    let dir = folder("heap-every-iteration");
    let r = practice(&dir, &["check", "numbers-inline-not-boxed"]);
    assert_eq!(r.code, 1, "{}", r.out);
    let said = verdict(&r.out, "numbers-inline-not-boxed");
    assert!(
        said.starts_with("FAIL  numbers-inline-not-boxed: 2224 heap bytes are live at line "),
        "{said}"
    );
}
