//! The command line: `cargo trace-ownership run [--bin NAME | --example NAME] [--format F]
//! [--out PATH] [--explain-facts] [--manifest-path PATH] [-- ARGS]`, `test [TESTNAME]`, and
//! `facts FILE.mir` (the facts a MIR file gives, for tools and for checking the parser), and
//! `practice [--dir DIR] [SUBCOMMAND]` (the exercises, fixed by a learner, checked by their trace).

use std::path::PathBuf;

/// Usage text, shown by `--help` and after a mistake.
pub const USAGE: &str = "\
usage: cargo trace-ownership run [--bin NAME | --example NAME] [--format text|json|html]
                                 [--out PATH] [--explain-facts] [--manifest-path PATH] [-v] [-- ARGS]
       cargo trace-ownership test [TESTNAME] [--format ...] [--out PATH] [--explain-facts]
       cargo trace-ownership facts FILE.mir
       cargo trace-ownership practice [--dir DIR] [--crate-path P] [--time-limit SECS]
                                      [watch | list | hint [NAME] | solution [NAME] [--yes]
                                       | check [NAME | --all] [--solutions] | explain CODE | reset NAME]

Precise mode: builds your crate once more to read the compiler's MIR of it (with the stable
compiler's MIR printer, enabled for that one build), runs it traced, and shows the trace with
every move, copy or borrow the macro could not see decided by the compiler.

Practice mode: copies the exercises into DIR (default ./ownership-practice), shows the current
one, re-checks it on every save (it must compile, print what it should, and its trace must show
the ownership the exercise asks for), and moves on when it is solved.";

/// Output format of the resolved traces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    /// Text, as `TRACE_OWNERSHIP=text` writes it.
    Text,
    /// One JSON object per line (SCHEMA.md).
    Json,
    /// One HTML page per trace.
    Html,
}

/// Which target of the package to build and run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The package's only binary.
    Default,
    /// `--bin NAME`.
    Bin(String),
    /// `--example NAME`.
    Example(String),
}

/// Options of `run` and `test`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunArgs {
    /// What to build.
    pub target: Target,
    /// For `test`: the tests' name filter (`None`: all of the package's tests).
    pub test: Option<Option<String>>,
    /// Output format.
    pub format: OutFormat,
    /// A file (a directory for html) to write to; stderr (the current directory for html)
    /// when `None`.
    pub out: Option<PathBuf>,
    /// Print what the facts decided and every disagreement.
    pub explain_facts: bool,
    /// `--manifest-path`.
    pub manifest_path: Option<PathBuf>,
    /// `-v`: cargo's verbose output for both builds (which units are `Fresh`), shown.
    pub verbose: bool,
    /// Arguments for the program.
    pub args: Vec<String>,
}

/// A parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `run` or `test`.
    Run(RunArgs),
    /// `facts FILE.mir`.
    Facts(PathBuf),
    /// `practice ...`.
    Practice(PracticeArgs),
    /// `--help`.
    Help,
}

/// What `practice` does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PracticeSub {
    /// No subcommand, or `watch`: the interactive loop.
    Watch,
    /// `list`.
    List,
    /// `hint [NAME]`.
    Hint(Option<String>),
    /// `solution [NAME]`.
    Solution(Option<String>),
    /// `check [NAME | --all]`: `None` is the current exercise.
    Check {
        /// Which exercise (`None`: the current one), unless `all`.
        name: Option<String>,
        /// `--all`.
        all: bool,
        /// `--solutions`: check the fixed twins instead of the learner's files.
        solutions: bool,
    },
    /// `explain CODE`.
    Explain(String),
    /// `reset NAME`.
    Reset(String),
}

/// Options of `practice`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PracticeArgs {
    /// The practice folder.
    pub dir: PathBuf,
    /// `--crate-path`: the `trace-ownership` crate the learner project depends on.
    pub crate_path: Option<PathBuf>,
    /// `--exercises DIR`: exercises read from a folder laid out like `ui-tests/` instead of
    /// the ones built in.
    pub exercises: Option<PathBuf>,
    /// `--time-limit SECS` for one run.
    pub time_limit: u64,
    /// `--yes`: no confirmation asked.
    pub yes: bool,
    /// The subcommand.
    pub sub: PracticeSub,
}

fn parse_practice(rest: &[&str]) -> Result<PracticeArgs, String> {
    let mut p = PracticeArgs {
        dir: PathBuf::from("ownership-practice"),
        crate_path: None,
        exercises: None,
        time_limit: 10,
        yes: false,
        sub: PracticeSub::Watch,
    };
    let (mut all, mut solutions) = (false, false);
    let mut words: Vec<&str> = Vec::new();
    let mut it = rest.iter();
    while let Some(&arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .map(|v| v.to_string())
                .ok_or_else(|| format!("`{name}` needs a value"))
        };
        match arg {
            "--dir" => p.dir = PathBuf::from(value(arg)?),
            "--crate-path" => p.crate_path = Some(PathBuf::from(value(arg)?)),
            "--exercises" => p.exercises = Some(PathBuf::from(value(arg)?)),
            "--time-limit" => {
                let v = value(arg)?;
                p.time_limit = v.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("`--time-limit {v}`: expected a whole number of seconds")
                })?
            }
            "--yes" | "-y" => p.yes = true,
            "--all" => all = true,
            "--solutions" => solutions = true,
            other if other.starts_with('-') => return Err(format!("unknown option `{other}`")),
            word => words.push(word),
        }
    }
    let one = |w: &[&str], sub: &str| -> Result<Option<String>, String> {
        match w {
            [] => Ok(None),
            [n] => Ok(Some(n.to_string())),
            _ => Err(format!("`practice {sub}` takes at most one exercise name")),
        }
    };
    p.sub = match words.split_first() {
        None | Some((&"watch", [])) => PracticeSub::Watch,
        Some((&"list", [])) => PracticeSub::List,
        Some((&"hint", w)) => PracticeSub::Hint(one(w, "hint")?),
        Some((&"solution", w)) => PracticeSub::Solution(one(w, "solution")?),
        Some((&"check", w)) => {
            let name = one(w, "check")?;
            if all && name.is_some() {
                return Err("give an exercise name or `--all`, not both".into());
            }
            PracticeSub::Check {
                name,
                all,
                solutions,
            }
        }
        Some((&"explain", [code])) => PracticeSub::Explain(code.to_string()),
        Some((&"explain", _)) => return Err("`practice explain` takes one error code, e.g. `E0382`".into()),
        Some((&"reset", [name])) => PracticeSub::Reset(name.to_string()),
        Some((&"reset", _)) => return Err("`practice reset` takes one exercise name".into()),
        Some((other, _)) => {
            return Err(format!(
                "unknown practice command `{other}`: expected watch, list, hint, solution, check, explain or reset"
            ))
        }
    };
    if (all || solutions) && !matches!(p.sub, PracticeSub::Check { .. }) {
        return Err("`--all` and `--solutions` go with `practice check`".into());
    }
    Ok(p)
}

/// Parses the arguments after the program name (a leading `trace-ownership`, which cargo
/// passes when run as `cargo trace-ownership`, is skipped).
///
/// ```
/// use cargo_trace_ownership::cli::{parse, Command, Target};
/// let Ok(Command::Run(r)) = parse(&["trace-ownership", "run", "--example", "tour"]) else { panic!() };
/// assert_eq!(r.target, Target::Example("tour".into()));
/// assert!(parse(&["run", "--format", "pdf"]).is_err());
/// ```
pub fn parse<S: AsRef<str>>(args: &[S]) -> Result<Command, String> {
    let mut args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    if args.first() == Some(&"trace-ownership") {
        args.remove(0);
    }
    let Some((&sub, rest)) = args.split_first() else {
        return Err("no command given: expected `run`, `test`, `facts` or `practice`".into());
    };
    let mut run = RunArgs {
        target: Target::Default,
        test: None,
        format: OutFormat::Text,
        out: None,
        explain_facts: false,
        manifest_path: None,
        verbose: false,
        args: Vec::new(),
    };
    match sub {
        "-h" | "--help" | "help" => return Ok(Command::Help),
        "facts" => {
            return match rest {
                [path] => Ok(Command::Facts(PathBuf::from(path))),
                _ => Err("`facts` takes one MIR file".into()),
            }
        }
        "practice" => return parse_practice(rest).map(Command::Practice),
        "run" => {}
        "test" => run.test = Some(None),
        other => {
            return Err(format!(
                "unknown command `{other}`: expected `run`, `test`, `facts` or `practice`"
            ))
        }
    }
    let mut it = rest.iter();
    while let Some(&arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .map(|v| v.to_string())
                .ok_or_else(|| format!("`{name}` needs a value"))
        };
        match arg {
            "--" => {
                run.args = it.map(|s| s.to_string()).collect();
                break;
            }
            "-h" | "--help" => return Ok(Command::Help),
            "--bin" | "--example" if run.target != Target::Default => {
                return Err("give at most one of `--bin` and `--example`".into())
            }
            "--bin" => run.target = Target::Bin(value(arg)?),
            "--example" => run.target = Target::Example(value(arg)?),
            "--format" => {
                run.format = match value(arg)?.as_str() {
                    "text" => OutFormat::Text,
                    "json" => OutFormat::Json,
                    "html" => OutFormat::Html,
                    other => {
                        return Err(format!(
                            "`--format {other}`: expected one of text, json, html"
                        ))
                    }
                }
            }
            "--out" => run.out = Some(PathBuf::from(value(arg)?)),
            "--manifest-path" => run.manifest_path = Some(PathBuf::from(value(arg)?)),
            "--explain-facts" => run.explain_facts = true,
            "-v" | "--verbose" => run.verbose = true,
            name if run.test == Some(None) && !name.starts_with('-') => {
                run.test = Some(Some(name.to_string()))
            }
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if run.test.is_some() && run.target != Target::Default {
        return Err("`test` runs the package's tests: `--bin`/`--example` do not apply".into());
    }
    Ok(Command::Run(run))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_run_line() {
        let c = parse(&[
            "run",
            "--bin",
            "app",
            "--format",
            "json",
            "--out",
            "t.json",
            "--explain-facts",
            "--",
            "--flag",
            "x",
        ])
        .unwrap();
        assert_eq!(
            c,
            Command::Run(RunArgs {
                target: Target::Bin("app".into()),
                test: None,
                format: OutFormat::Json,
                out: Some("t.json".into()),
                explain_facts: true,
                manifest_path: None,
                verbose: false,
                args: vec!["--flag".into(), "x".into()],
            })
        );
    }

    #[test]
    fn practice_lines() {
        let Ok(Command::Practice(p)) =
            parse(&["practice", "--dir", "d", "check", "--all", "--solutions"])
        else {
            panic!()
        };
        assert_eq!(p.dir, PathBuf::from("d"));
        assert_eq!(
            p.sub,
            PracticeSub::Check {
                name: None,
                all: true,
                solutions: true
            }
        );
        let Ok(Command::Practice(p)) = parse(&["trace-ownership", "practice"]) else {
            panic!()
        };
        assert_eq!(
            (p.sub, p.dir, p.time_limit),
            (PracticeSub::Watch, PathBuf::from("ownership-practice"), 10)
        );
        let Ok(Command::Practice(p)) = parse(&["practice", "solution", "box-moved", "--yes"])
        else {
            panic!()
        };
        assert_eq!(
            (p.sub, p.yes),
            (PracticeSub::Solution(Some("box-moved".into())), true)
        );
    }

    #[test]
    fn test_with_a_name() {
        let Ok(Command::Run(r)) = parse(&["test", "moves"]) else {
            panic!()
        };
        assert_eq!(r.test, Some(Some("moves".into())));
    }

    #[test]
    fn mistakes_are_one_clear_message() {
        for (args, says) in [
            (&["run", "--bin"][..], "`--bin` needs a value"),
            (&["run", "--bin", "a", "--example", "b"][..], "at most one"),
            (&["walk"][..], "unknown command `walk`"),
            (&["run", "--colour"][..], "unknown option `--colour`"),
            (&[][..], "no command"),
            (&["practice", "chek"][..], "unknown practice command `chek`"),
            (&["practice", "check", "a", "--all"][..], "not both"),
            (&["practice", "--time-limit", "soon"][..], "whole number"),
            (
                &["practice", "list", "--solutions"][..],
                "go with `practice check`",
            ),
        ] {
            let e = parse(args).unwrap_err();
            assert!(e.contains(says), "{args:?}: {e}");
        }
    }
}
