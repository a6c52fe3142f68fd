//! Settings: what the environment variables say, as plain data. Reading them (once, with a
//! warning for a bad value and its default used) is `output::config`: configuration never makes
//! the user's program fail.

use std::path::PathBuf;

/// Environment variable choosing the output format.
pub const ENV_FORMAT: &str = "TRACE_OWNERSHIP";
/// Environment variable naming a file (a directory for `html`) to write traces to.
pub const ENV_OUT: &str = "TRACE_OWNERSHIP_OUT";
/// Environment variable: loop iterations (and closure calls) kept per loop before folding.
pub const ENV_LOOP_KEEP: &str = "TRACE_OWNERSHIP_LOOP_KEEP";
/// Environment variable: the most events one trace keeps; later ones are only counted.
pub const ENV_MAX_EVENTS: &str = "TRACE_OWNERSHIP_MAX_EVENTS";

/// How traces are written when an outermost traced call ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Human-readable lines (the default).
    Text,
    /// One JSON object per line per trace.
    Json,
    /// One self-contained HTML page per trace.
    Html,
    /// Record nothing.
    Off,
}

/// The settings in force.
#[derive(Clone, Debug)]
pub struct Config {
    /// Output format.
    pub format: Format,
    /// Where to write (stderr when `None`).
    pub out: Option<PathBuf>,
    /// Iterations of one loop kept before the rest are folded.
    pub loop_keep: u32,
    /// Events one trace keeps at most.
    pub max_events: usize,
    /// Whether text output may use colour.
    pub color: bool,
}

/// Default number of loop iterations kept.
pub const DEFAULT_LOOP_KEEP: u32 = 3;
/// Default maximum number of events kept per trace.
pub const DEFAULT_MAX_EVENTS: usize = 100_000;

impl Config {
    /// Reads the settings from `get` (an environment lookup), collecting warnings for bad values.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
        let mut warnings = Vec::new();
        let format = match get(ENV_FORMAT).as_deref().map(str::trim) {
            None | Some("") | Some("text") => Format::Text,
            Some("json") => Format::Json,
            Some("html") => Format::Html,
            Some("off") | Some("0") | Some("false") => Format::Off,
            Some(other) => {
                warnings.push(format!(
                    "{ENV_FORMAT}={other:?} is not one of text, json, html, off; using text"
                ));
                Format::Text
            }
        };
        let out = get(ENV_OUT)
            .filter(|s| !s.trim().is_empty())
            .map(PathBuf::from);
        let loop_keep = parse_number(&get, ENV_LOOP_KEEP, DEFAULT_LOOP_KEEP, &mut warnings);
        let max_events = parse_number(&get, ENV_MAX_EVENTS, DEFAULT_MAX_EVENTS, &mut warnings);
        let color = get("NO_COLOR").is_none_or(|v| v.is_empty()) && out.is_none();
        (
            Config {
                format,
                out,
                loop_keep,
                max_events,
                color,
            },
            warnings,
        )
    }

    /// The defaults: text on stderr, 3 iterations kept, 100 000 events per trace.
    pub fn defaults() -> Config {
        Config::from_lookup(|_| None).0
    }
}

fn parse_number<N: std::str::FromStr + std::fmt::Display + Copy>(
    get: &impl Fn(&str) -> Option<String>,
    key: &str,
    default: N,
    warnings: &mut Vec<String>,
) -> N {
    match get(key) {
        None => default,
        Some(v) => match v.trim().parse::<N>() {
            Ok(n) => n,
            Err(_) => {
                warnings.push(format!(
                    "{key}={v:?} is not a whole number; using {default}"
                ));
                default
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn defaults_are_text_to_stderr() {
        let (c, w) = Config::from_lookup(lookup(&[]));
        assert_eq!(c.format, Format::Text);
        assert!(c.out.is_none());
        assert!(w.is_empty());
    }

    #[test]
    fn bad_values_warn_and_fall_back() {
        let (c, w) = Config::from_lookup(lookup(&[(ENV_FORMAT, "yaml"), (ENV_LOOP_KEEP, "lots")]));
        assert_eq!(c.format, Format::Text);
        assert_eq!(c.loop_keep, DEFAULT_LOOP_KEEP);
        assert_eq!(w.len(), 2);
        assert!(w[0].contains("yaml"), "{w:?}");
    }

    #[test]
    fn formats_are_recognised() {
        for (v, f) in [
            ("json", Format::Json),
            ("off", Format::Off),
            ("html", Format::Html),
        ] {
            assert_eq!(Config::from_lookup(lookup(&[(ENV_FORMAT, v)])).0.format, f);
        }
    }
}
