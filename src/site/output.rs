//! Publish: the only code that writes the output folder.
//!
//! The whole site is written into a fresh sibling folder (`<output>.tmp-<pid>`) and swapped in
//! with two renames, so a failed or interrupted build never leaves a half-written site: readers
//! and the deploy step see either the old site or the new one. A folder that was not made by
//! `archive build` (it lacks the marker file) is never replaced, so a mistyped `--output` cannot
//! destroy a person's files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Context, Result, bail};

/// Name of the marker file that says «this folder is an archive build».
pub const MARKER: &str = ".archive-output";

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// A build being written: files go into a hidden sibling folder as they are made, and
/// [`Staging::finish`] swaps that folder in. Dropped unfinished (an error anywhere), it removes
/// its folder and the previous site stays as it was.
pub struct Staging {
    out_dir: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    done: bool,
    /// Folders made so far: a file into a known folder costs no `mkdir` (which fails with
    /// «exists» and makes the standard library look the folder up again).
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// Prepares to replace `out_dir` (refusing a folder archive did not write).
    pub fn begin(out_dir: &Path) -> Result<Staging> {
        guard(out_dir)?;
        let parent =
            out_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            tmp,
            old,
            done: false,
            made: Mutex::default(),
        })
    }

    /// Writes one file (safe to call from several threads).
    pub fn put(&self, f: &Output) -> Result<()> {
        let p = self.tmp.join(&f.path);
        if let Some(dir) = p.parent() {
            let known = self.made.lock().unwrap_or_else(|e| e.into_inner()).contains(dir);
            if !known {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
                self.made.lock().unwrap_or_else(|e| e.into_inner()).insert(dir.to_path_buf());
            }
        }
        std::fs::write(&p, &f.bytes).with_context(|| format!("writing {}", p.display()))
    }

    /// Marks the folder as ours and swaps it in place of the previous build.
    pub fn finish(mut self) -> Result<()> {
        std::fs::write(
            self.tmp.join(MARKER),
            "written by archive build; safe to delete with the folder\n",
        )
        .with_context(|| format!("writing the marker in {}", self.tmp.display()))?;
        swap(&self.out_dir, &self.tmp, &self.old)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Writes `files` as the new content of `out_dir`, atomically replacing the previous build.
pub fn publish(out_dir: &Path, files: &[Output]) -> Result<()> {
    let staging = Staging::begin(out_dir)?;
    files.par_iter().try_for_each(|f| staging.put(f))?;
    staging.finish()
}

/// Refuses to replace a folder that holds files but was not written by us.
fn guard(out_dir: &Path) -> Result<()> {
    if !out_dir.exists() {
        return Ok(());
    }
    if !out_dir.is_dir() {
        bail!("{} exists and is not a folder; refusing to replace it", out_dir.display());
    }
    let empty = std::fs::read_dir(out_dir)
        .with_context(|| format!("reading {}", out_dir.display()))?
        .next()
        .is_none();
    if !empty && !out_dir.join(MARKER).is_file() {
        bail!(
            "{} holds files that archive did not write (no {MARKER} marker); refusing to replace it. \
             Choose another --output or remove the folder yourself",
            out_dir.display()
        );
    }
    Ok(())
}

fn swap(out_dir: &Path, tmp: &Path, old: &Path) -> Result<()> {
    let had_old = out_dir.exists();
    if had_old {
        std::fs::rename(out_dir, old)
            .with_context(|| format!("moving the previous {} aside", out_dir.display()))?;
    }
    if let Err(e) = std::fs::rename(tmp, out_dir) {
        if had_old {
            let _ = std::fs::rename(old, out_dir);
        }
        return Err(e).with_context(|| format!("moving the new site into {}", out_dir.display()));
    }
    if had_old {
        std::fs::remove_dir_all(old).with_context(|| format!("removing {}", old.display()))?;
    }
    Ok(())
}

/// Whether a relative output path stays inside the output folder.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path.split('/').all(|s| !s.is_empty() && s != "." && s != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str, s: &str) -> Output {
        Output { path: path.into(), bytes: s.as_bytes().to_vec() }
    }

    #[test]
    fn publish_replaces_previous_build() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("public");
        publish(&dir, &[out("a/index.html", "1"), out("old.html", "x")]).unwrap();
        publish(&dir, &[out("a/index.html", "2")]).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a/index.html")).unwrap(), "2");
        assert!(!dir.join("old.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders left behind");
    }

    #[test]
    fn refuses_a_folder_someone_else_wrote() {
        let t = tempfile::tempdir().unwrap();
        std::fs::write(t.path().join("notes.txt"), "mine").unwrap();
        let e = publish(t.path(), &[out("index.html", "x")]).unwrap_err();
        assert!(e.to_string().contains("refusing"), "{e}");
        assert_eq!(std::fs::read_to_string(t.path().join("notes.txt")).unwrap(), "mine");
    }

    #[test]
    fn a_failed_write_keeps_the_old_site() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("public");
        publish(&dir, &[out("index.html", "old")]).unwrap();
        // A file and a folder with the same path cannot both be written.
        let bad = [out("x", "file"), out("x/y.html", "inside a file")];
        assert!(publish(&dir, &bad).is_err());
        assert_eq!(std::fs::read_to_string(dir.join("index.html")).unwrap(), "old");
    }

    #[test]
    fn safe_relative_paths() {
        assert!(is_safe_relative("ru/index.html"));
        for p in ["", "/etc/passwd", "../x", "a/../../x", "a//b", "a\\b"] {
            assert!(!is_safe_relative(p), "{p}");
        }
    }
}
