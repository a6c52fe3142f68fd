//! The progress file, `.practice-progress.json` in the practice folder: the current exercise,
//! the solved ones, the exercises already copied, and the answers to the predict-first
//! questions. Written atomically (a temporary file, then a rename), so a run killed at any
//! moment leaves the old file or the new one, never half of one.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The file's name inside the practice folder.
pub const FILE: &str = ".practice-progress.json";

/// One answer to a predict-first question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The exercise.
    pub exercise: String,
    /// The question asked.
    pub question: String,
    /// What the learner answered.
    pub answer: String,
    /// What the trace shows.
    pub expected: String,
    /// Whether they agree.
    pub correct: bool,
}

/// The learner's progress.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The exercise being worked on.
    pub current: Option<String>,
    /// Solved exercises, in the order solved.
    pub solved: Vec<String>,
    /// Exercises already copied into the folder (never copied again, so a deleted file stays
    /// deleted until `reset`).
    pub copied: Vec<String>,
    /// Answers to the predict-first questions.
    pub answers: Vec<Answer>,
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

impl Progress {
    /// The path of the progress file in `dir`.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(FILE)
    }

    /// Parses the file's text.
    ///
    /// ```
    /// use cargo_trace_ownership::practice::progress::Progress;
    /// let p = Progress::from_json(r#"{"version":1,"current":"a","solved":["b"],"copied":[],"answers":[]}"#).unwrap();
    /// assert_eq!((p.current.as_deref(), p.solved.len()), (Some("a"), 1));
    /// assert!(Progress::from_json("{\"version\":1,").is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Progress, String> {
        let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if v["version"] != 1 {
            return Err("not a version 1 progress file".into());
        }
        let answers = v["answers"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| Answer {
                        exercise: x["exercise"].as_str().unwrap_or("").to_string(),
                        question: x["question"].as_str().unwrap_or("").to_string(),
                        answer: x["answer"].as_str().unwrap_or("").to_string(),
                        expected: x["expected"].as_str().unwrap_or("").to_string(),
                        correct: x["correct"].as_bool().unwrap_or(false),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Progress {
            current: v["current"].as_str().map(str::to_string),
            solved: strings(&v["solved"]),
            copied: strings(&v["copied"]),
            answers,
        })
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        let answers: Vec<Value> = self
            .answers
            .iter()
            .map(|a| {
                json!({"exercise": a.exercise, "question": a.question, "answer": a.answer,
                       "expected": a.expected, "correct": a.correct})
            })
            .collect();
        let v = json!({
            "version": 1,
            "current": self.current,
            "solved": self.solved,
            "copied": self.copied,
            "answers": answers,
        });
        serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
    }

    /// Loads the progress of `dir`. A missing or unreadable file gives a fresh start and the
    /// one message to show; an unreadable one is first kept aside as `FILE.corrupt`.
    pub fn load(dir: &Path) -> (Progress, Option<String>) {
        let path = Progress::path(dir);
        match std::fs::read_to_string(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (
                Progress::default(),
                Some(format!(
                    "No progress file yet ({FILE}): starting at the first exercise."
                )),
            ),
            Err(e) => (
                Progress::default(),
                Some(format!("Cannot read {FILE} ({e}): starting fresh.")),
            ),
            Ok(text) => match Progress::from_json(&text) {
                Ok(p) => (p, None),
                Err(e) => {
                    let aside = dir.join(format!("{FILE}.corrupt"));
                    let kept = std::fs::rename(&path, &aside).is_ok();
                    (
                        Progress::default(),
                        Some(format!(
                            "{FILE} is damaged ({e}): starting fresh{}.",
                            if kept {
                                format!("; the old file is kept as {FILE}.corrupt")
                            } else {
                                String::new()
                            }
                        )),
                    )
                }
            },
        }
    }

    /// Saves atomically: writes a temporary file beside it, then renames it over the old one.
    pub fn save(&self, dir: &Path) -> Result<(), String> {
        let path = Progress::path(dir);
        let tmp = dir.join(format!("{FILE}.tmp-{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(self.to_json().as_bytes())?;
            f.sync_all()?;
            std::fs::rename(&tmp, &path)
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot save {}: {e}", path.display())
        })
    }

    /// Marks `name` solved (once).
    pub fn solve(&mut self, name: &str) {
        if !self.solved.iter().any(|s| s == name) {
            self.solved.push(name.to_string());
        }
    }

    /// Whether `name` is solved.
    pub fn is_solved(&self, name: &str) -> bool {
        self.solved.iter().any(|s| s == name)
    }
}
