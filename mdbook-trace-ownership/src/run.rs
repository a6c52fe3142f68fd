//! Running the listings' programs, traced to JSON, several at a time.

use crate::outcome::Outcome;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A program to run, and where its traces go.
#[derive(Clone, Debug)]
pub struct Job {
    /// The listing's key.
    pub key: String,
    /// Its executable.
    pub exe: PathBuf,
}

/// Runs one program with `TRACE_OWNERSHIP=json` into a file of its own, stdin closed, killed
/// after `timeout`.
pub fn run_one(job: &Job, work: &Path, timeout: Duration) -> Outcome {
    let json = work.join(format!("{}.jsonl", job.key));
    let _ = std::fs::remove_file(&json);
    let spawned = Command::new(&job.exe)
        .current_dir(work)
        .env("TRACE_OWNERSHIP", "json")
        .env("TRACE_OWNERSHIP_OUT", &json)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => {
            return Outcome::Broken {
                why: format!("its program could not be started: {e}"),
                detail: job.exe.display().to_string(),
            }
        }
    };
    // Both pipes are drained while the program runs, so a chatty program never blocks.
    let mut out_pipe = child.stdout.take();
    let mut err_pipe = child.stderr.take();
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        if let Some(p) = out_pipe.as_mut() {
            let _ = p.read_to_end(&mut s);
        }
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        if let Some(p) = err_pipe.as_mut() {
            let _ = p.read_to_end(&mut s);
        }
        s
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    let Some(status) = status else {
        return Outcome::Broken {
            why: format!(
                "its program did not finish within {} s and was stopped",
                timeout.as_secs()
            ),
            detail: stdout,
        };
    };
    let traces = std::fs::read_to_string(&json)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let _ = std::fs::remove_file(&json);
    Outcome::Ran {
        traces,
        stdout,
        stderr,
        exit: status.code(),
        precise_failed: None,
    }
}

/// Runs every job, as many at once as the machine has cores; the outcomes in the jobs' order.
pub fn run_all(jobs: &[Job], work: &Path, timeout: Duration) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; jobs.len()]);
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(jobs.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let o = run_one(job, work, timeout);
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(o);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|o| {
            o.unwrap_or(Outcome::Broken {
                why: "its run was lost".into(),
                detail: String::new(),
            })
        })
        .collect()
}
