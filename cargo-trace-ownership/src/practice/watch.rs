//! The interactive loop: shows the current exercise, re-checks it each time its file is saved
//! (file events from `notify`, debounced), and once it is solved asks the predict-first
//! questions, shows the trace, records the answers and moves to the next exercise. Lines typed
//! in the terminal: `q` quits, `h` shows the hint, an empty line re-checks now.

use super::judge::Verdict;
use super::predict;
use super::progress::{Answer, Progress};
use super::{show_verdict, Exercise, Session};
use notify::Watcher;
use std::io::BufRead;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::Duration;

/// What the loop waits for.
enum Msg {
    /// Files changed.
    Changed(Vec<PathBuf>),
    /// A line typed.
    Line(String),
    /// The terminal closed.
    Eof,
}

/// Quiet time after a save before checking (editors write a file in several steps).
const DEBOUNCE: Duration = Duration::from_millis(300);

fn intro(s: &Session, ex: &Exercise, p: &Progress) {
    let n = s
        .exercises
        .iter()
        .position(|e| e.name == ex.name)
        .unwrap_or(0)
        + 1;
    println!();
    println!(
        "== Exercise {n} of {}: {} ({}) ==",
        s.exercises.len(),
        ex.name,
        ex.header.section.as_deref().unwrap_or("")
    );
    println!("Rule: {}", ex.header.rule);
    println!("File: {}", s.dir().join(ex.rel_path()).display());
    match ex.stored.stderr {
        Some(err) => {
            println!("The compiler says ({}), as recorded:", ex.header.error);
            for l in err.lines() {
                println!("    {l}");
            }
        }
        None => {
            println!(
                "It compiles and runs, but does the wrong thing with its values: {}",
                ex.header.why
            );
            for (_, c) in &ex.header.checks {
                println!("    must hold on its trace: {c}");
            }
        }
    }
    println!(
        "Hint: type h (or run `cargo trace-ownership practice hint {}`).",
        ex.name
    );
    println!(
        "Fix the file and save it: it is checked on every save (Enter: check now; q, Enter: quit). ({} of {} solved)",
        s.exercises.iter().filter(|e| p.is_solved(&e.name)).count(),
        s.exercises.len()
    );
}

fn next_line(rx: &Receiver<Msg>) -> Option<String> {
    loop {
        match rx.recv() {
            Ok(Msg::Line(l)) => return Some(l),
            Ok(Msg::Changed(_)) => continue,
            Ok(Msg::Eof) | Err(_) => return None,
        }
    }
}

/// Asks the questions; returns the answers, or `None` when the terminal closed or `q` was typed.
fn ask(
    ex: &Exercise,
    traces: &[trace_ownership_runtime::Trace],
    rx: &Receiver<Msg>,
) -> Option<Vec<Answer>> {
    let qs = predict::questions(traces);
    if qs.is_empty() {
        return Some(Vec::new());
    }
    println!("Solved! Before you see the trace, predict what it shows:");
    let mut answers = Vec::new();
    for (i, q) in qs.iter().enumerate() {
        println!("  {}. {}", i + 1, q.text);
        let a = next_line(rx)?;
        if a.trim() == "q" {
            return None;
        }
        let right = q.is_right(&a);
        if right {
            println!("     Right. ({})", q.because);
        } else {
            println!("     Not quite: {} ({})", q.answer_words(), q.because);
        }
        answers.push(Answer {
            exercise: ex.name.clone(),
            question: q.text.clone(),
            answer: a.trim().to_string(),
            expected: q.expected(),
            correct: right,
        });
    }
    Some(answers)
}

/// Runs the loop until every exercise is solved, `q`, or the end of input.
pub fn run(s: &Session, p: &mut Progress) -> Result<i32, String> {
    let (tx, rx) = channel::<Msg>();
    let lines = tx.clone();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if lines.send(Msg::Line(line)).is_err() {
                return;
            }
        }
        let _ = lines.send(Msg::Eof);
    });
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            use notify::event::{AccessKind, AccessMode, EventKind};
            let counts = match ev.kind {
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
                EventKind::Access(_) => false,
                _ => true,
            };
            if counts {
                let _ = tx.send(Msg::Changed(ev.paths));
            }
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    // A deleted `exercises/` comes back empty: each missing file is then named, with `reset`.
    let _ = std::fs::create_dir_all(s.dir().join("exercises"));
    let root = std::fs::canonicalize(s.dir().join("exercises"))
        .map_err(|e| format!("cannot watch {}: {e}", s.dir().join("exercises").display()))?;
    watcher
        .watch(&root, notify::RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    loop {
        let Some(ex) = p
            .current
            .as_deref()
            .and_then(|c| super::exercise::find(&s.exercises, c).ok())
            .or_else(|| s.first_unsolved(p))
        else {
            println!("Every exercise is solved. Well done!");
            return Ok(0);
        };
        let ex = ex.clone();
        intro(s, &ex, p);
        if !s.dir().join(ex.rel_path()).exists() {
            println!(
                "{} is missing: run `cargo trace-ownership practice reset {}` to get it back.",
                ex.rel_path(),
                ex.name
            );
        }
        let mut pending: Option<Msg> = None;
        loop {
            let msg = match pending.take() {
                Some(m) => m,
                None => match rx.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(0),
                },
            };
            let recheck = match msg {
                Msg::Eof => return Ok(0),
                Msg::Line(l) => match l.trim() {
                    "q" => {
                        p.save(s.dir())?;
                        println!("Bye: your progress is saved.");
                        return Ok(0);
                    }
                    "h" => {
                        println!("Hint: {}", ex.header.hint);
                        false
                    }
                    "" => true,
                    other => {
                        println!(
                            "`{other}`: type q to quit, h for the hint, or Enter to check now."
                        );
                        false
                    }
                },
                Msg::Changed(paths) => {
                    let mine = |ps: &[PathBuf]| {
                        ps.iter()
                            .any(|q| q.ends_with(ex.rel_path().trim_start_matches("exercises/")))
                    };
                    let mut hit = mine(&paths);
                    // Debounce: wait for a quiet moment.
                    loop {
                        match rx.recv_timeout(DEBOUNCE) {
                            Ok(Msg::Changed(more)) => hit |= mine(&more),
                            Ok(other) => {
                                pending = Some(other);
                                break;
                            }
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return Ok(0),
                        }
                    }
                    hit
                }
            };
            if !recheck {
                continue;
            }
            println!("Checking {} ...", ex.rel_path());
            let verdict = match s.judge(&ex, false) {
                Ok(v) => v,
                Err(e) => {
                    println!("{e}");
                    continue;
                }
            };
            show_verdict(&ex.name, &verdict);
            let Verdict::Solved(traces) = verdict else {
                continue;
            };
            let Some(answers) = ask(&ex, &traces, &rx) else {
                p.save(s.dir())?;
                return Ok(0);
            };
            p.answers.extend(answers);
            p.solve(&ex.name);
            println!("The trace of your program:");
            for t in &traces {
                print!(
                    "{}",
                    trace_ownership_runtime::render::text::render(t, false)
                );
            }
            let after = s
                .exercises
                .iter()
                .skip_while(|e| e.name != ex.name)
                .skip(1)
                .find(|e| !p.is_solved(&e.name))
                .or_else(|| s.first_unsolved(p));
            p.current = after.map(|e| e.name.clone());
            p.save(s.dir())?;
            break;
        }
    }
}
