//! The `[preprocessor.trace-ownership]` table of `book.toml`.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The keys mdBook itself reads in a preprocessor's table.
const MDBOOK_KEYS: [&str; 5] = ["command", "renderers", "before", "after", "optional"];
/// The keys this preprocessor reads.
pub const OUR_KEYS: [&str; 3] = ["cache-dir", "crate-path", "timeout"];

/// The workspace this preprocessor was built in: where the `trace-ownership` crate is, unless
/// `crate-path` says otherwise.
pub const BUILT_IN_CRATE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The settings of one book.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Where listings are built and their results kept (absolute).
    pub cache_dir: PathBuf,
    /// The directory of the `trace-ownership` crate the listings depend on (absolute).
    pub crate_path: PathBuf,
    /// How long one listing may run.
    pub timeout: Duration,
}

impl Settings {
    /// Reads the table (`None`: absent, all defaults) for the book at `root`. Every mistake is
    /// one message that names the key, what it holds and what was expected.
    ///
    /// ```
    /// use mdbook_trace_ownership::config::Settings;
    /// let table = serde_json::json!({"cache-dir": "cache", "timeout": 5});
    /// let s = Settings::from_table(Some(&table), "/books/b".as_ref()).unwrap();
    /// assert_eq!(s.cache_dir, std::path::Path::new("/books/b/cache"));
    /// let bad = serde_json::json!({"cache_dir": "cache"});
    /// assert!(Settings::from_table(Some(&bad), "/b".as_ref()).unwrap_err().contains("cache_dir"));
    /// ```
    pub fn from_table(table: Option<&Value>, root: &Path) -> Result<Settings, String> {
        let mut s = Settings {
            cache_dir: root.join("target").join("trace-ownership"),
            crate_path: PathBuf::from(BUILT_IN_CRATE_PATH),
            timeout: Duration::from_secs(20),
        };
        let Some(table) = table else {
            return Ok(s);
        };
        let Some(map) = table.as_object() else {
            return Err("`[preprocessor.trace-ownership]` must be a table".into());
        };
        let path = |key: &str, v: &Value| -> Result<PathBuf, String> {
            match v.as_str() {
                Some(p) if !p.is_empty() => Ok(root.join(p)),
                _ => Err(format!(
                    "`preprocessor.trace-ownership.{key}` must be a path (a non-empty string), not `{v}`"
                )),
            }
        };
        for (key, v) in map {
            match key.as_str() {
                "cache-dir" => s.cache_dir = path(key, v)?,
                "crate-path" => {
                    let p = path(key, v)?;
                    if !p.join("Cargo.toml").is_file() {
                        return Err(format!(
                            "`preprocessor.trace-ownership.crate-path` = {v}: there is no Cargo.toml in {}",
                            p.display()
                        ));
                    }
                    s.crate_path = p;
                }
                "timeout" => match v.as_u64() {
                    Some(n) if n > 0 => s.timeout = Duration::from_secs(n),
                    _ => {
                        return Err(format!(
                            "`preprocessor.trace-ownership.timeout` must be a whole number of seconds above 0, not `{v}`"
                        ))
                    }
                },
                k if MDBOOK_KEYS.contains(&k) => {}
                k => {
                    return Err(format!(
                        "unknown key `{k}` in `[preprocessor.trace-ownership]`: expected {} (or mdBook's own: {})",
                        OUR_KEYS.join(", "),
                        MDBOOK_KEYS.join(", ")
                    ))
                }
            }
        }
        Ok(s)
    }
}
