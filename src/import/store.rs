//! How the importer writes into a site without ever losing a text:
//!
//! - [`Lock`]: one import at a time places and writes files — an exclusive lock on
//!   `content/.archive-import.lock`, held from choosing slugs to the last write, so two imports
//!   started together cannot both take the same free slug.
//! - [`write_atomic`]: a file is written whole or not at all (a temporary file in the same
//!   folder, then a rename), so a full disk or a kill never leaves a truncated document.
//! - [`Sources`]: raw sources are known by their content (SHA-256), not by their name: the same
//!   text imported again from anywhere is the same source, and two different texts with the same
//!   name are both kept, the second under a name carrying its hash.

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::error::{Context, Result, relative};
use crate::lock::FileLock;

/// The lock file, under `content/`. Hidden and not Markdown, so the build never reads it.
pub(crate) const LOCK_FILE: &str = ".archive-import.lock";

/// An exclusive lock on a site's `content/`, released when dropped.
#[derive(Debug)]
pub(crate) struct Lock {
    _held: FileLock,
}

impl Lock {
    /// Waits for and takes the lock of the site at `root`.
    pub(crate) fn acquire(root: &Path) -> Result<Lock> {
        Ok(Lock { _held: FileLock::acquire(&root.join("content").join(LOCK_FILE))? })
    }
}

/// Writes `bytes` to `path` atomically: into a new temporary file beside it, flushed to disk,
/// then renamed over `path`. On any failure `path` is as it was and the temporary file is gone.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// [`write_atomic`] with the writing done by `fill` (a test makes it fail half way).
fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    // Hidden and ending in `.tmp`: the build and `archive serve` never take it for content.
    let tmp = dir.join(format!(
        ".{name}.{}-{nanos}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        fill(&mut f)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("writing {}", path.display()))
}

/// SHA-256 of `bytes`, in hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A raw source to copy under `sources/` once its document is known to load.
#[derive(Debug, Clone)]
pub(crate) struct Copy {
    target: PathBuf,
    bytes: Vec<u8>,
    hash: String,
}

/// The raw sources of a site, known by content.
#[derive(Debug)]
pub(crate) struct Sources {
    root: PathBuf,
    /// `sources/…` path by SHA-256 of the file's content; read on first need.
    by_hash: Option<HashMap<String, String>>,
}

impl Sources {
    /// The sources of the site at `root`.
    pub(crate) fn new(root: &Path) -> Self {
        Sources { root: root.to_path_buf(), by_hash: None }
    }

    fn dir(&self) -> PathBuf {
        self.root.join("sources")
    }

    fn index(&mut self) -> Result<&mut HashMap<String, String>> {
        if self.by_hash.is_none() {
            let mut map = HashMap::new();
            let dir = self.dir();
            if dir.is_dir() {
                for e in WalkDir::new(&dir).sort_by_file_name() {
                    let e = e.with_context(|| format!("reading {}", dir.display()))?;
                    let hidden = e.file_name().to_string_lossy().starts_with('.');
                    if !e.file_type().is_file() || hidden {
                        continue;
                    }
                    let bytes = std::fs::read(e.path())
                        .with_context(|| format!("reading {}", e.path().display()))?;
                    // The first file of a content wins (sorted walk: stable).
                    map.entry(sha256_hex(&bytes)).or_insert_with(|| self.rel(e.path()));
                }
            }
            self.by_hash = Some(map);
        }
        Ok(self.by_hash.get_or_insert_with(HashMap::new))
    }

    fn rel(&self, path: &Path) -> String {
        relative(&self.root, path).to_string_lossy().replace('\\', "/")
    }

    /// The provenance of `input` (its path under `sources/`) and, when it must be copied there,
    /// the copy to make with [`Sources::commit`]. A file under `sources/` is its own provenance;
    /// a file elsewhere is the source under `sources/` with the same content, or a new copy under
    /// its own name — or, when that name holds another text, under `<stem>-<hash><ext>`. An
    /// existing source is never overwritten.
    pub(crate) fn place(&mut self, input: &Path) -> Result<(String, Option<Copy>)> {
        let abs =
            std::fs::canonicalize(input).with_context(|| format!("reading {}", input.display()))?;
        if let Ok(src_abs) = std::fs::canonicalize(self.dir())
            && let Ok(rel) = abs.strip_prefix(&src_abs)
        {
            return Ok((format!("sources/{}", rel.to_string_lossy().replace('\\', "/")), None));
        }
        let bytes = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
        let hash = sha256_hex(&bytes);
        if let Some(existing) = self.index()?.get(&hash) {
            return Ok((existing.clone(), None));
        }
        let name = input.file_name().map(|n| safe_name(&n.to_string_lossy())).unwrap_or_default();
        let name = if name.is_empty() { "source.txt".to_string() } else { name };
        let (stem, ext) = match name.rfind('.').filter(|&i| i > 0) {
            Some(i) => (&name[..i], &name[i..]),
            None => (name.as_str(), ""),
        };
        let dir = self.dir();
        let candidates = [name.clone(), format!("{stem}-{}{ext}", &hash[..16])]
            .into_iter()
            .chain((1..).map(|n| format!("{stem}-{hash}-{n}{ext}")));
        let taken = |p: &Path| p.exists() || std::fs::symlink_metadata(p).is_ok();
        let target = candidates.map(|c| dir.join(c)).find(|p| !taken(p)).unwrap_or_default();
        Ok((self.rel(&target), Some(Copy { target, bytes, hash })))
    }

    /// Makes a copy [`Sources::place`] asked for (atomically; never over an existing file).
    pub(crate) fn commit(&mut self, copy: Copy) -> Result<()> {
        if copy.target.exists() {
            anyhow::bail!("{} appeared while importing; not overwritten", copy.target.display());
        }
        write_atomic(&copy.target, &copy.bytes)?;
        let rel = self.rel(&copy.target);
        self.index()?.insert(copy.hash, rel);
        Ok(())
    }
}

/// A file name as a source's name: no control characters or path separators.
fn safe_name(name: &str) -> String {
    name.chars().map(|c| if c.is_control() || c == '/' || c == '\\' { '_' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interrupted_write_leaves_no_truncated_document() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.md");
        write_atomic(&path, b"---\ntitle: \"old\"\n---\nold text\n").unwrap();
        // The disk fills half way through the new version.
        let err = write_atomic_with(&path, |f| {
            f.write_all(b"---\ntitle: \"new\"\n---\nhalf of the ne")?;
            Err(std::io::Error::from_raw_os_error(28)) // ENOSPC
        })
        .unwrap_err();
        assert!(format!("{err:#}").contains("doc.md"), "{err:#}");
        assert_eq!(std::fs::read(&path).unwrap(), b"---\ntitle: \"old\"\n---\nold text\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap()).collect();
        assert_eq!(left.len(), 1, "a temporary file was left behind");
        // A new file interrupted the same way is not there at all.
        let fresh = dir.path().join("fresh.md");
        assert!(write_atomic_with(&fresh, |_| Err(std::io::Error::from_raw_os_error(28))).is_err());
        assert!(!fresh.exists());
    }

    #[test]
    fn sources_are_known_by_content_and_never_overwritten() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let write = |sub: &str, text: &str| {
            let p = outside.path().join(sub).join("x.txt");
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, text).unwrap();
            p
        };
        let mut s = Sources::new(site.path());
        let mut import = |p: &Path| {
            let (rel, copy) = s.place(p).unwrap();
            if let Some(c) = copy {
                s.commit(c).unwrap();
            }
            rel
        };
        // "Aa" and "BB" gave the same 32-bit name hash the importer used before.
        let a = import(&write("1", "Первый текст"));
        let b = import(&write("2", "Второй текст Aa"));
        let c = import(&write("3", "Второй текст BB"));
        let again = import(&write("4", "Второй текст Aa"));
        assert_eq!(a, "sources/x.txt");
        assert_eq!(again, b, "the same text from elsewhere is the same source");
        assert!(b != c && a != b && a != c, "{a} {b} {c}");
        for (rel, text) in [(&a, "Первый текст"), (&b, "Второй текст Aa"), (&c, "Второй текст BB")]
        {
            assert_eq!(std::fs::read_to_string(site.path().join(rel)).unwrap(), text);
        }
    }
}
