//! What happened to a listing, and the cache that keeps it.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What building and running one listing gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// It compiled and ran.
    Ran {
        /// The traces it recorded, one JSON line each (SCHEMA.md).
        traces: Vec<String>,
        /// What it printed on stdout.
        stdout: String,
        /// What it printed on stderr.
        stderr: String,
        /// Its exit code (`None`: killed by a signal).
        exit: Option<i32>,
        /// Precise mode was asked for and could not be applied: why.
        precise_failed: Option<String>,
    },
    /// rustc refused it: its messages, exactly as rendered.
    CompileError {
        /// rustc's output for this listing.
        rendered: String,
    },
    /// Something else went wrong (cargo could not start, the program hung): never cached.
    Broken {
        /// What went wrong, in a sentence.
        why: String,
        /// Details (a tool's output).
        detail: String,
    },
}

impl Outcome {
    /// Whether the same listing would give the same outcome again (so it is cached).
    pub fn is_cacheable(&self) -> bool {
        !matches!(self, Outcome::Broken { .. })
    }
}

/// The outcomes of earlier builds, one JSON file per listing key in `<cache-dir>/results/`.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache kept under `cache_dir`.
    pub fn new(cache_dir: &Path) -> Cache {
        Cache {
            dir: cache_dir.join("results"),
        }
    }

    fn file(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// The outcome kept for `key`; a missing or unreadable entry is no entry.
    pub fn get(&self, key: &str) -> Option<Outcome> {
        let text = std::fs::read_to_string(self.file(key)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Keeps `outcome` for `key` if it is cacheable (written to a temporary file, then renamed:
    /// an interrupted build never leaves half an entry).
    pub fn put(&self, key: &str, outcome: &Outcome) -> std::io::Result<()> {
        if !outcome.is_cacheable() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir)?;
        let tmp = self
            .dir
            .join(format!("{key}.json.tmp{}", std::process::id()));
        let json = serde_json::to_string(outcome).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, self.file(key))
    }
}
