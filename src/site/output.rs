//! Publish: the only code that writes the output folder.
//!
//! The whole site is written into a fresh hidden sibling folder with a random name
//! (`.<output>.tmp-<random>`, made with an exclusive `mkdir`, so two builds never share one, even
//! from two PID namespaces) and swapped in at once: on Linux `renameat2(RENAME_EXCHANGE)` trades
//! the old and the new folder in one step, so the output folder exists at every moment, and the
//! old site is then removed from the staging name. Where the exchange is missing (other systems,
//! a file system without it) two renames do it, leaving a moment with no output folder.
//!
//! A lock on `.<output>.lock` beside the output is held from the start of a build to its end: a
//! second build of the same output waits for the first, and the staging folders of builds that
//! died (killed, power cut) are swept at the next build, safely, since no live build can own
//! them. A failed or interrupted build never leaves a half-written site: readers and the deploy
//! step see either the old site or the new one. A folder that was not made by `archive build`
//! (it lacks the marker file) is never replaced, so a mistyped `--output` cannot destroy a
//! person's files.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Context, Result, bail};
use crate::lock::FileLock;
use crate::output::Output;

/// Name of the marker file that says «this folder is an archive build».
pub(crate) const MARKER: &str = ".archive-output";

/// A build being written: files go into a hidden sibling folder as they are made, and
/// [`Staging::finish`] swaps that folder in. Dropped unfinished (an error anywhere), it removes
/// its folder and the previous site stays as it was. It holds the output's lock while it lives.
pub(crate) struct Staging {
    out_dir: PathBuf,
    tmp: PathBuf,
    done: bool,
    /// Folders made so far: a file into a known folder costs no `mkdir` (which fails with
    /// «exists» and makes the standard library look the folder up again).
    made: Mutex<HashSet<PathBuf>>,
    /// The output's lock, released when the staging is dropped (after its folder is gone).
    _lock: FileLock,
}

impl Staging {
    /// Prepares to replace `out_dir` (refusing a folder archive did not write). Waits while
    /// another build of the same output runs, then sweeps what killed builds left.
    pub(crate) fn begin(out_dir: &Path) -> Result<Staging> {
        // As written: `Path` drops a trailing `.`, which would make `x/.` the folder `x`.
        let last = out_dir
            .as_os_str()
            .as_encoded_bytes()
            .rsplit(|&b| std::path::is_separator(b as char))
            .find(|s| !s.is_empty());
        let name = out_dir.file_name().filter(|_| !matches!(last, None | Some(b".") | Some(b"..")));
        let Some(name) = name.map(OsStr::to_string_lossy) else {
            bail!(
                "the output folder {} has no name of its own (`.`, `..`, `/`); give it by name",
                out_dir.display()
            );
        };
        let parent =
            out_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
        let lock = FileLock::acquire(&parent.join(format!(".{name}.lock")))?;
        guard(out_dir)?;
        sweep(parent, &name);
        let tmp = fresh_dir(parent, &format!(".{name}.tmp-"))?;
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            tmp,
            done: false,
            made: Mutex::default(),
            _lock: lock,
        })
    }

    /// Writes one file (safe to call from several threads).
    pub(crate) fn put(&self, f: &Output) -> Result<()> {
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
    pub(crate) fn finish(mut self) -> Result<()> {
        std::fs::write(
            self.tmp.join(MARKER),
            "written by archive build; safe to delete with the folder\n",
        )
        .with_context(|| format!("writing the marker in {}", self.tmp.display()))?;
        let old = swap(&self.out_dir, &self.tmp)?;
        self.done = true;
        // The new site is published; an old tree that cannot be removed now is swept by the
        // next build.
        if let Some(old) = old {
            let _ = std::fs::remove_dir_all(old);
        }
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

/// Refuses to replace a folder that holds files but was not written by us.
fn guard(out_dir: &Path) -> Result<()> {
    if std::fs::symlink_metadata(out_dir).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!("{} is a symbolic link; refusing to replace it", out_dir.display());
    }
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

/// Puts the finished site `tmp` in place of `out_dir`; returns where the previous site now is,
/// to be removed.
fn swap(out_dir: &Path, tmp: &Path) -> Result<Option<PathBuf>> {
    if !out_dir.exists() {
        std::fs::rename(tmp, out_dir)
            .with_context(|| format!("moving the new site into {}", out_dir.display()))?;
        return Ok(None);
    }
    match exchange(tmp, out_dir) {
        Ok(true) => return Ok(Some(tmp.to_path_buf())),
        Ok(false) => {}
        Err(e) => {
            return Err(e)
                .with_context(|| format!("swapping the new site into {}", out_dir.display()));
        }
    }
    // No atomic exchange here: the previous site is moved aside, then the new one in.
    let parent = tmp.parent().unwrap_or(Path::new("."));
    let name = out_dir.file_name().unwrap_or(OsStr::new("public")).to_string_lossy();
    let old = fresh_name(parent, &format!(".{name}.old-"));
    std::fs::rename(out_dir, &old)
        .with_context(|| format!("moving the previous {} aside", out_dir.display()))?;
    if let Err(e) = std::fs::rename(tmp, out_dir) {
        let _ = std::fs::rename(&old, out_dir);
        return Err(e).with_context(|| format!("moving the new site into {}", out_dir.display()));
    }
    Ok(Some(old))
}

/// Trades two existing folders in one step, so each path exists at every moment. `Ok(false)`
/// when this system or file system cannot (the caller then renames twice).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // An old kernel (ENOSYS) or a file system without the flag (EINVAL).
        Err(e) if e == rustix::io::Errno::NOSYS || e == rustix::io::Errno::INVAL => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Trades two existing folders in one step: not available here (see the Linux version).
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Removes what builds of the output `name` that died left in `parent`: staging folders
/// (`.<name>.tmp-…`) and previous sites moved aside (`.<name>.old-…`). Called under the
/// output's lock, so none of them belongs to a live build. Best effort: what cannot be removed
/// now is tried again next time.
fn sweep(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else { continue };
        let stale = [".tmp-", ".old-"].iter().any(|kind| {
            file_name
                .strip_prefix('.')
                .and_then(|n| n.strip_prefix(name))
                .and_then(|n| n.strip_prefix(kind))
                .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric()))
        });
        if stale && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A path `<parent>/<prefix><random>` that does not exist yet.
fn fresh_name(parent: &Path, prefix: &str) -> PathBuf {
    loop {
        let p = parent.join(format!("{prefix}{}", random_id()));
        if std::fs::symlink_metadata(&p).is_err() {
            return p;
        }
    }
}

/// Makes a new folder `<parent>/<prefix><random>`: `mkdir` fails on a name that exists, so the
/// folder is this build's alone, whatever other builds (in any PID namespace) do.
fn fresh_dir(parent: &Path, prefix: &str) -> Result<PathBuf> {
    for _ in 0..16 {
        let p = parent.join(format!("{prefix}{}", random_id()));
        match std::fs::create_dir(&p) {
            Ok(()) => return Ok(p),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| format!("creating {}", p.display())),
        }
    }
    bail!("no free name for a staging folder in {}", parent.display())
}

/// 64 random bits as 13 letters and digits. `RandomState` is seeded from the operating system's
/// randomness; the clock and a counter make two calls differ even on a system where it is not.
fn random_id() -> String {
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    h.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    let mut n = h.finish();
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut id = String::with_capacity(13);
    for _ in 0..13 {
        id.push(digits[(n % 36) as usize] as char);
        n /= 36;
    }
    id
}

/// Whether a relative output path stays inside the output folder.
pub(crate) fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path.split('/').all(|s| !s.is_empty() && s != "." && s != "..")
}

#[cfg(test)]
mod tests {
    use rayon::prelude::*;

    use super::*;

    /// Writes `files` as the new content of `out_dir`, atomically replacing the previous build.
    fn publish(out_dir: &Path, files: &[Output]) -> Result<()> {
        let staging = Staging::begin(out_dir)?;
        files.par_iter().try_for_each(|f| staging.put(f))?;
        staging.finish()
    }

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
        let mut leftovers: Vec<_> = std::fs::read_dir(t.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        leftovers.sort();
        assert_eq!(leftovers, [".public.lock", "public"], "no temporary folders left behind");
    }

    #[test]
    fn refuses_a_folder_someone_else_wrote() {
        let t = tempfile::tempdir().unwrap();
        std::fs::write(t.path().join("notes.txt"), "mine").unwrap();
        let e = publish(t.path(), &[out("index.html", "x")]).unwrap_err();
        assert!(e.to_string().contains("refusing"), "{e}");
        assert_eq!(std::fs::read_to_string(t.path().join("notes.txt")).unwrap(), "mine");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_an_output_that_is_a_symbolic_link() {
        let t = tempfile::tempdir().unwrap();
        let real = t.path().join("real");
        publish(&real, &[out("index.html", "1")]).unwrap();
        std::os::unix::fs::symlink(&real, t.path().join("public")).unwrap();
        let e = publish(&t.path().join("public"), &[out("index.html", "2")]).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert_eq!(std::fs::read_to_string(real.join("index.html")).unwrap(), "1");
    }

    #[test]
    fn an_output_without_a_name_of_its_own_is_refused() {
        let t = tempfile::tempdir().unwrap();
        for dir in [t.path().join("."), t.path().join("a/.."), PathBuf::from("/")] {
            let e = publish(&dir, &[out("index.html", "x")]).unwrap_err();
            assert!(e.to_string().contains("no name of its own"), "{}: {e}", dir.display());
        }
        assert_eq!(std::fs::read_dir(t.path()).unwrap().count(), 0, "nothing written");
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

    /// A site of `n` files all saying `who`.
    fn site(who: &str, n: usize) -> Vec<Output> {
        (0..n).map(|i| out(&format!("p/{i}/index.html"), who)).collect()
    }

    /// The published files and what they say, or a description of what is wrong.
    fn whole_site(dir: &Path) -> std::result::Result<(String, usize), String> {
        let mut said = std::collections::BTreeSet::new();
        let mut n = 0;
        for e in walkdir::WalkDir::new(dir.join("p")) {
            let e = e.map_err(|e| e.to_string())?;
            if e.file_type().is_file() {
                said.insert(std::fs::read_to_string(e.path()).map_err(|e| e.to_string())?);
                n += 1;
            }
        }
        match (said.len(), said.pop_first()) {
            (1, Some(who)) if dir.join(MARKER).is_file() => Ok((who, n)),
            _ => Err(format!("a mixed or unmarked site: {n} files")),
        }
    }

    #[test]
    fn stale_staging_folders_of_killed_builds_are_swept() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("public");
        publish(&dir, &[out("index.html", "1")]).unwrap();
        let stale = [".public.tmp-4242", ".public.old-4242", ".public.tmp-Ab3xYz9QwE1r"];
        let others = [".publicx.tmp-1", ".public.tmp-x.tmp-1", "public.tmp-1", "notes"];
        for name in stale.iter().chain(&others) {
            std::fs::create_dir_all(t.path().join(name).join("ru")).unwrap();
            std::fs::write(t.path().join(name).join("ru/index.html"), "left").unwrap();
        }
        publish(&dir, &[out("index.html", "2")]).unwrap();
        for name in stale {
            assert!(!t.path().join(name).exists(), "{name} swept");
        }
        for name in others {
            assert!(t.path().join(name).join("ru/index.html").is_file(), "{name} kept");
        }
        assert_eq!(std::fs::read_to_string(dir.join("index.html")).unwrap(), "2");
    }

    #[test]
    fn the_output_exists_at_every_moment_of_the_swap() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("public");
        publish(&dir, &[out("index.html", "0")]).unwrap();
        let stop = std::sync::atomic::AtomicBool::new(false);
        let missing = std::thread::scope(|s| {
            let watcher = s.spawn(|| {
                let mut missing = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    if !dir.join(MARKER).is_file() {
                        missing += 1;
                    }
                }
                missing
            });
            for i in 0..150 {
                publish(&dir, &[out("index.html", &i.to_string())]).unwrap();
            }
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            watcher.join().unwrap()
        });
        assert_eq!(missing, 0, "times the output folder was missing");
    }

    #[test]
    fn two_builds_racing_on_one_output_both_publish_whole_sites() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("public");
        for round in 0..10 {
            // Threads of one process share its PID, as builds in two PID namespaces can.
            let results: Vec<Result<()>> = std::thread::scope(|s| {
                let a = s.spawn(|| publish(&dir, &site("a", 60)));
                let b = s.spawn(|| publish(&dir, &site("b", 90)));
                vec![a.join().unwrap(), b.join().unwrap()]
            });
            for r in results {
                r.unwrap_or_else(|e| panic!("round {round}: {e:#}"));
            }
            let (who, n) = whole_site(&dir).unwrap_or_else(|e| panic!("round {round}: {e}"));
            assert_eq!(n, if who == "a" { 60 } else { 90 }, "round {round}: site {who} whole");
        }
    }

    #[test]
    fn exchange_trades_two_folders_in_one_step() {
        let t = tempfile::tempdir().unwrap();
        let (a, b) = (t.path().join("a"), t.path().join("b"));
        for (dir, text) in [(&a, "new"), (&b, "old")] {
            std::fs::create_dir(dir).unwrap();
            std::fs::write(dir.join("index.html"), text).unwrap();
        }
        let exchanged = exchange(&a, &b).unwrap();
        assert_eq!(
            exchanged,
            cfg!(target_os = "linux"),
            "Linux file systems of the tests exchange"
        );
        if exchanged {
            assert_eq!(std::fs::read_to_string(a.join("index.html")).unwrap(), "old");
            assert_eq!(std::fs::read_to_string(b.join("index.html")).unwrap(), "new");
        }
    }

    #[test]
    fn safe_relative_paths() {
        assert!(is_safe_relative("ru/index.html"));
        for p in ["", "/etc/passwd", "../x", "a/../../x", "a//b", "a\\b"] {
            assert!(!is_safe_relative(p), "{p}");
        }
    }
}
