//! The learner's folder: a cargo project (its `Cargo.toml` depends on `trace-ownership` by
//! path, one `[[bin]]` per exercise, so an editor's Rust support sees every file) with the
//! exercises under `exercises/`. Files are copied once and never overwritten; `reset` puts one
//! back as shipped, keeping the learner's version under `.practice/backup/`.

use super::exercise::Exercise;
use super::progress::Progress;
use std::path::Path;

fn manifest(exercises: &[Exercise], crate_path: &Path) -> String {
    let mut s = format!(
        "# Written by `cargo trace-ownership practice`. Fix the files under exercises/; the practice\n\
         # command checks them (`cargo trace-ownership practice` in the folder above).\n\
         [package]\nname = \"ownership-practice\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\nautobins = false\n\n\
         [dependencies]\ntrace-ownership = {{ path = {:?} }}\n\n[workspace]\nexclude = [\".practice\"]\n",
        crate_path.display().to_string()
    );
    for e in exercises {
        s.push_str(&format!(
            "\n[[bin]]\nname = {:?}\npath = {:?}\n",
            e.name.replace('/', "-"),
            e.rel_path()
        ));
    }
    s
}

fn write_new(path: &Path, text: &str) -> Result<bool, String> {
    if path.exists() {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(true)
}

/// Creates what is missing in `dir`: the manifest, `.gitignore`, and every exercise never
/// copied before (recorded in `progress.copied`). Nothing existing is overwritten. Returns how
/// many exercise files were written.
pub fn init(
    dir: &Path,
    exercises: &[Exercise],
    crate_path: &Path,
    progress: &mut Progress,
) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    write_new(&dir.join("Cargo.toml"), &manifest(exercises, crate_path))?;
    write_new(&dir.join(".gitignore"), "target/\n.practice/\n")?;
    let mut written = 0;
    for e in exercises {
        if progress.copied.contains(&e.name) {
            continue;
        }
        if write_new(&dir.join(e.rel_path()), e.stored.source)? {
            written += 1;
        }
        progress.copied.push(e.name.clone());
    }
    Ok(written)
}

/// Puts `ex` back as shipped. Returns what was done, in a sentence; a changed file is first
/// saved under `.practice/backup/`.
pub fn reset(dir: &Path, ex: &Exercise) -> Result<String, String> {
    let path = dir.join(ex.rel_path());
    let rel = ex.rel_path();
    let said = match std::fs::read_to_string(&path) {
        Ok(text) if text == ex.stored.source => {
            return Ok(format!("{rel} is already as shipped: nothing to reset."))
        }
        Ok(text) => {
            let changed = text
                .lines()
                .zip(ex.stored.source.lines())
                .filter(|(a, b)| a != b)
                .count()
                + text
                    .lines()
                    .count()
                    .abs_diff(ex.stored.source.lines().count());
            let backup = dir
                .join(".practice")
                .join("backup")
                .join(format!("{}.rs", ex.name.replace('/', "-")));
            if let Some(p) = backup.parent() {
                std::fs::create_dir_all(p)
                    .map_err(|e| format!("cannot create {}: {e}", p.display()))?;
            }
            std::fs::write(&backup, &text)
                .map_err(|e| format!("cannot keep your version in {}: {e}", backup.display()))?;
            format!(
                "This replaces your {rel} ({changed} line{} differ from the exercise as shipped); your version is kept in .practice/backup/{}.",
                if changed == 1 { "" } else { "s" },
                backup.file_name().unwrap_or_default().to_string_lossy()
            )
        }
        Err(_) => format!("{rel} was missing: it is restored as shipped."),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(&path, ex.stored.source)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(said)
}
