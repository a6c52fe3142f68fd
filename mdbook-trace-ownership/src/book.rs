//! One pass over a book: every traced listing of every chapter found, the ones not in the
//! cache built as one project and run, each replaced in its chapter by what it shows.

use crate::blocks::{self, Block, Options};
use crate::config::Settings;
use crate::listing;
use crate::outcome::{Cache, Outcome};
use crate::project::{self, Built, Unit};
use crate::render;
use crate::run::{self, Job};
use mdbook_preprocessor::book::Book;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use trace_ownership_runtime::Trace;

/// One traced listing and where it is.
#[derive(Clone, Debug)]
pub struct Listing {
    /// The chapter's number in the book's order (drafts not counted).
    pub chapter: usize,
    /// The chapter's title.
    pub chapter_name: String,
    /// The chapter's file, relative to `src/`.
    pub chapter_path: Option<PathBuf>,
    /// The block.
    pub block: Block,
    /// Its number among the chapter's traced listings (1-based).
    pub ordinal: usize,
    /// Its anchor in the page: `name=`, or `trace-<chapter>-<ordinal>`.
    pub id: String,
    /// Its cache key (`None`: its options are wrong and it is not built).
    pub key: Option<String>,
    /// The program compiled for it.
    pub program: String,
}

impl Listing {
    /// "chapter `Title` (file.md), listing 2 (line 14, ```rust,trace)": how errors name it.
    pub fn place(&self) -> String {
        let file = self
            .chapter_path
            .as_ref()
            .map_or(String::new(), |p| format!(" ({})", p.display()));
        format!(
            "chapter `{}`{file}, listing {} (line {}, ```{})",
            self.chapter_name, self.ordinal, self.block.line, self.block.info
        )
    }

    fn options(&self) -> Option<&Options> {
        self.block.options.as_ref().ok()
    }
}

/// What one build of a book did, written to `<cache-dir>/last-build.json` (tests read it).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stats {
    /// Traced listings in the book.
    pub listings: usize,
    /// Listings whose outcome came from the cache.
    pub cached: usize,
    /// Listings cargo was asked to build.
    pub built: usize,
    /// Listing binaries cargo actually compiled (not found fresh), errors included.
    pub compiled: usize,
    /// Programs run.
    pub ran: usize,
    /// Listings that failed unexpectedly.
    pub failed: usize,
}

/// What the book's listings are built with, part of every key: this preprocessor, the
/// crate's manifest (its version) and the compiler.
struct Context {
    settings: Settings,
    edition: String,
    salt: String,
}

fn rustc_version(dir: &Path) -> String {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    std::process::Command::new(rustc)
        .arg("-vV")
        .current_dir(dir)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

impl Context {
    fn new(settings: Settings, edition: &str) -> Context {
        let project = project::dir(&settings.cache_dir);
        let _ = std::fs::create_dir_all(&project);
        let manifest =
            std::fs::read_to_string(settings.crate_path.join("Cargo.toml")).unwrap_or_default();
        let salt = listing::key(&[
            env!("CARGO_PKG_VERSION"),
            &manifest,
            &settings.crate_path.display().to_string(),
            &rustc_version(&project),
        ]);
        Context {
            settings,
            edition: edition.to_string(),
            salt,
        }
    }
}

/// A chapter-title slug for anchors: lowercase letters and digits, `-` between words.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Finds the traced listings of the book, in order.
fn collect(book: &mut Book, cx: &Context) -> Vec<Listing> {
    let mut out = Vec::new();
    let mut chapter = 0;
    let mut ids = HashSet::new();
    book.for_each_chapter_mut(|ch| {
        chapter += 1;
        for (i, block) in blocks::find(&ch.content).into_iter().enumerate() {
            let opts = block.options.as_ref().ok();
            let mut id = match opts.and_then(|o| o.name.clone()) {
                Some(n) => n,
                None => format!("trace-{}-{}", slug(&ch.name), i + 1),
            };
            while !ids.insert(id.clone()) {
                id.push_str("-again");
            }
            let (key, program) = match opts {
                Some(o) => {
                    let program = listing::program(&block.code, o.heap);
                    let file = o.name.clone().unwrap_or_else(|| "main".into());
                    let flags = format!(
                        "cf={} heap={} precise={} panic={}",
                        o.compile_fail, o.heap, o.precise, o.should_panic
                    );
                    let k = listing::key(&[&cx.salt, &cx.edition, &flags, &file, &program]);
                    (Some(k), program)
                }
                None => (None, String::new()),
            };
            out.push(Listing {
                chapter,
                chapter_name: ch.name.clone(),
                chapter_path: ch.path.clone(),
                block,
                ordinal: i + 1,
                id,
                key,
                program,
            });
        }
    });
    out
}

/// Builds and runs the listings not in the cache; every listing's outcome by key.
fn outcomes(listings: &[Listing], cx: &Context, stats: &mut Stats) -> HashMap<String, Outcome> {
    let cache = Cache::new(&cx.settings.cache_dir);
    let mut found = HashMap::new();
    let mut units: Vec<Unit> = Vec::new();
    let mut precise: HashSet<String> = HashSet::new();
    for l in listings {
        let (Some(key), Some(o)) = (&l.key, l.options()) else {
            continue;
        };
        if found.contains_key(key) || units.iter().any(|u| &u.key == key) {
            continue;
        }
        if let Some(hit) = cache.get(key) {
            stats.cached += 1;
            found.insert(key.clone(), hit);
            continue;
        }
        if o.precise {
            precise.insert(key.clone());
        }
        units.push(Unit {
            key: key.clone(),
            file: o
                .name
                .clone()
                .map_or("main".into(), |n| n.replace('-', "_")),
            program: l.program.clone(),
        });
    }
    if units.is_empty() {
        return found;
    }
    stats.built = units.len();
    let dir = project::dir(&cx.settings.cache_dir);
    let broken_all = |why: String, detail: String, found: &mut HashMap<String, Outcome>| {
        for u in &units {
            found.insert(
                u.key.clone(),
                Outcome::Broken {
                    why: why.clone(),
                    detail: detail.clone(),
                },
            );
        }
    };
    if let Err(e) = project::write(&dir, &cx.settings.crate_path, &cx.edition, &units) {
        broken_all(
            format!("its project could not be written in {}", dir.display()),
            e.to_string(),
            &mut found,
        );
        return found;
    }
    let build = match project::build(&dir, &units) {
        Ok(b) => b,
        Err(e) => {
            broken_all(e, String::new(), &mut found);
            return found;
        }
    };
    stats.compiled = build.compiled;
    let mut jobs = Vec::new();
    for u in &units {
        match build.units.get(&u.key) {
            Some(Built::Exe(exe)) => jobs.push(Job {
                key: u.key.clone(),
                exe: exe.clone(),
            }),
            Some(Built::Error(rendered)) => {
                found.insert(
                    u.key.clone(),
                    Outcome::CompileError {
                        rendered: rendered.clone(),
                    },
                );
            }
            None => {
                let tail: Vec<&str> = build.cargo_stderr.lines().rev().take(20).collect();
                found.insert(
                    u.key.clone(),
                    Outcome::Broken {
                        why: "cargo built nothing for it".into(),
                        detail: tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
                    },
                );
            }
        }
    }
    stats.ran = jobs.len();
    let work = dir.join("runs");
    let _ = std::fs::create_dir_all(&work);
    let results = run::run_all(&jobs, &work, cx.settings.timeout);
    let manifest = dir.join("Cargo.toml");
    for (job, mut o) in jobs.iter().zip(results) {
        if let Outcome::Ran {
            traces,
            precise_failed,
            ..
        } = &mut o
        {
            if precise.contains(&job.key) {
                match crate::precise::facts_of(&manifest, &format!("l{}", job.key)) {
                    Ok(facts) => *traces = crate::precise::resolve_all(traces, &facts),
                    Err(e) => *precise_failed = Some(e),
                }
            }
        }
        found.insert(job.key.clone(), o);
    }
    for (key, o) in found
        .iter()
        .filter(|(k, _)| units.iter().any(|u| &u.key == *k))
    {
        if let Err(e) = cache.put(key, o) {
            crate::warn(&format!(
                "cannot keep a result in {}: {e}",
                cx.settings.cache_dir.display()
            ));
        }
    }
    found
}

/// What a listing shows, and the error to report if it failed unexpectedly.
fn judge(l: &Listing, outcome: Option<&Outcome>) -> (String, Option<(String, String)>) {
    let o = match &l.block.options {
        Err(e) => return fail(&l.id, format!("its options are wrong: {e}"), String::new()),
        Ok(o) => o,
    };
    let Some(outcome) = outcome else {
        return fail(&l.id, "it was never built".into(), String::new());
    };
    match (outcome, o.compile_fail) {
        (Outcome::Broken { why, detail }, _) => fail(&l.id, why.clone(), detail.clone()),
        (Outcome::CompileError { rendered }, true) => {
            (render::compile_error(&l.id, rendered), None)
        }
        (Outcome::CompileError { rendered }, false) => {
            fail(&l.id, "it does not compile".into(), rendered.clone())
        }
        (Outcome::Ran { .. }, true) => fail(
            &l.id,
            "it is marked `compile_fail`, but it compiles".into(),
            String::new(),
        ),
        (
            Outcome::Ran {
                traces,
                stdout,
                stderr,
                exit,
                precise_failed,
            },
            false,
        ) => {
            let traces: Vec<Trace> = traces
                .iter()
                .filter_map(|t| serde_json::from_str(t).ok())
                .collect();
            let mut notes = Vec::new();
            let mut problem = None;
            if let Some(p) = precise_failed {
                notes.push(format!(
                    "precise mode could not be applied ({p}); this is the ordinary trace"
                ));
            }
            let ok_exit = if o.should_panic {
                *exit != Some(0)
            } else {
                *exit == Some(0)
            };
            if !ok_exit {
                let how = exit.map_or("was killed by a signal".into(), |c| {
                    format!("exited with code {c}")
                });
                let want = if o.should_panic {
                    "it is marked `should_panic`, but its program exited normally".to_string()
                } else {
                    format!("its program {how}")
                };
                notes.push(want.clone());
                problem = Some((want, stderr.clone()));
            }
            if traces.is_empty() {
                let why = "it ran, but recorded no trace (no traced function was called)";
                notes.push(why.into());
                problem.get_or_insert((why.into(), stderr.clone()));
            }
            (render::ran(&l.id, &traces, stdout, &notes), problem)
        }
    }
}

fn fail(id: &str, why: String, detail: String) -> (String, Option<(String, String)>) {
    (render::failure(id, &why, &detail), Some((why, detail)))
}

/// The chapter text between two blocks is only whitespace.
fn adjacent(content: &str, a: &Block, b: &Block) -> bool {
    content[a.range.end..b.range.start].trim().is_empty()
}

fn shown_code(l: &Listing) -> String {
    let info = l
        .options()
        .map_or_else(|| "rust,noplayground".to_string(), Options::shown_info);
    render::code_block(&info, &l.block.code)
}

/// Rewrites one chapter: each listing (or a `compile_fail` listing and its `fixed` twin right
/// after it, side by side) replaced by what it shows.
fn rewrite(content: &str, listings: &[&Listing], shown: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(content.len());
    let mut last = 0;
    let mut i = 0;
    while i < listings.len() {
        let l = listings[i];
        out.push_str(&content[last..l.block.range.start]);
        let pair = listings.get(i + 1).filter(|f| {
            l.options().is_some_and(|o| o.compile_fail)
                && f.options().is_some_and(|o| o.fixed)
                && adjacent(content, &l.block, &f.block)
        });
        match pair {
            Some(f) => {
                // The two listings side by side; under them, rustc's words, then the fix's
                // trace at full width (a compiler message is wider than half a page).
                out.push_str(&format!(
                    "<div class=\"trace-ownership-pair\" style=\"display:grid;\
                     grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1em\">\
                     <div class=\"trace-ownership-broken\">\n\n**Does not compile**\n\n{}\n\n\
                     </div><div class=\"trace-ownership-fixed\">\n\n**Fixed**\n\n{}\n\n</div></div>\n\n\
                     {}\n\n**The fixed listing, traced:**\n\n{}\n",
                    shown_code(l),
                    shown_code(f),
                    shown[&l.id],
                    shown[&f.id]
                ));
                last = f.block.range.end;
                i += 2;
            }
            None => {
                out.push_str(&format!("{}\n\n{}\n", shown_code(l), shown[&l.id]));
                last = l.block.range.end;
                i += 1;
            }
        }
    }
    out.push_str(&content[last..]);
    out
}

/// Holds the cache's lock file until dropped (`None`: it could not be taken; builds then go
/// on unlocked, as before locks existed).
fn lock(cache_dir: &Path) -> Option<std::fs::File> {
    std::fs::create_dir_all(cache_dir).ok()?;
    let f = std::fs::File::create(cache_dir.join("lock")).ok()?;
    f.lock().ok()?;
    Some(f)
}

/// Traces every listing of `book` and rewrites its chapters. Unexpected failures are reported
/// on stderr, each naming its chapter and listing, and shown in place.
pub fn process(book: &mut Book, settings: Settings, edition: &str) -> Stats {
    // One build at a time per cache (`mdbook serve` and `mdbook build` on the same book):
    // the project and its listings are rewritten by each.
    let _lock = lock(&settings.cache_dir);
    let cx = Context::new(settings, edition);
    let listings = collect(book, &cx);
    let mut stats = Stats {
        listings: listings.len(),
        ..Stats::default()
    };
    let found = outcomes(&listings, &cx, &mut stats);
    let mut shown = HashMap::new();
    for l in &listings {
        let (html, problem) = judge(l, l.key.as_ref().and_then(|k| found.get(k)));
        if let Some((why, detail)) = problem {
            stats.failed += 1;
            let detail = if detail.trim().is_empty() {
                String::new()
            } else {
                format!("\n{}", detail.trim_end())
            };
            crate::error(&format!("{}: {why}{detail}", l.place()));
        }
        shown.insert(l.id.clone(), html);
    }
    let mut chapter = 0;
    book.for_each_chapter_mut(|ch| {
        chapter += 1;
        let mine: Vec<&Listing> = listings.iter().filter(|l| l.chapter == chapter).collect();
        if !mine.is_empty() {
            ch.content = rewrite(&ch.content, &mine, &shown);
        }
    });
    let _ = std::fs::create_dir_all(&cx.settings.cache_dir);
    if let Ok(json) = serde_json::to_string_pretty(&stats) {
        let _ = std::fs::write(cx.settings.cache_dir.join("last-build.json"), json);
    }
    stats
}
