//! Files that are copied rather than rendered: the stylesheet and other files of `static/`
//! (over the built-in theme's), the generated highlight CSS, the raw sources, `.nojekyll`.
//!
//! Raw sources are published under a name no browser runs (`routes::raw_source`: a saved web
//! page `sources/page.html` becomes `sources/page.html.txt`); two sources that would share a
//! published name are an error naming both. What cannot be published is found when the folders
//! are listed and reported with every other problem: a file over [`MAX_COPIED_BYTES`], a name
//! that is not UTF-8, a file that cannot be read. Symbolic links (to files or folders) are
//! skipped with a warning, as in `content/`. Files are read one at a time as they are written,
//! so a build never holds all of them at once.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::output::is_safe_relative;
use crate::error::{Context, Diagnostic, Diagnostics, Result, bail};
use crate::output::Output;
use crate::render::highlight::Highlighter;
use crate::routes;
use crate::theme;

/// The largest file of `sources/` or `static/` a build copies: 100 MiB, GitHub's own limit for
/// one file in a repository (and so for a Pages site built from one).
pub const MAX_COPIED_BYTES: u64 = 100 * 1024 * 1024;

/// The files a build copies, as found on disk.
#[derive(Debug, Clone, Default)]
pub(crate) struct Inputs {
    /// Every raw source, as `sources/<relative path>` (what documents name in `imported_from`).
    pub(crate) sources: BTreeSet<String>,
    /// Files under `static/`, relative to it.
    statics: Vec<String>,
}

/// Lists `sources/` and `static/` under `root`: problems with single files come back as
/// diagnostics, all of them at once, and those files are left out.
pub(crate) fn list(root: &Path) -> Result<(Inputs, Diagnostics)> {
    let mut diags = Diagnostics::new();
    let sources: BTreeSet<String> = list_files(root, "sources", &mut diags)
        .into_iter()
        .map(|f| format!("sources/{f}"))
        .collect();
    let mut published: BTreeMap<String, &str> = BTreeMap::new();
    for rel in &sources {
        let (name, _) = routes::raw_source(rel);
        if let Some(other) = published.insert(name.clone(), rel) {
            diags.push(Diagnostic::error(
                rel,
                format!(
                    "would be published as «{name}», like «{other}» (sources whose type a \
                     browser could run get .txt added); rename one of them"
                ),
            ));
        }
    }
    let statics = list_files(root, "static", &mut diags);
    Ok((Inputs { sources, statics }, diags))
}

/// Relative paths (with `/`) of the files below `root/folder` that a build can copy, skipping
/// hidden ones; every other entry that is not a plain folder becomes a diagnostic.
fn list_files(root: &Path, folder: &str, diags: &mut Diagnostics) -> Vec<String> {
    let dir = root.join(folder);
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let shown = |p: &Path| PathBuf::from(folder).join(p.strip_prefix(&dir).unwrap_or(p));
    let walk = WalkDir::new(&dir).sort_by_file_name().into_iter();
    // Hidden files and folders (`.git`, `.DS_Store`) are not the site's.
    let walk = walk
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map(shown).unwrap_or_else(|| folder.into());
                diags.push(Diagnostic::error(path, format!("cannot be read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            diags.push(Diagnostic::warning(
                shown(path),
                format!("symbolic link; not followed (copy the real files into {folder}/)"),
            ));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = path.strip_prefix(&dir).unwrap_or(path);
        let Some(rel) = rel.to_str() else {
            diags.push(Diagnostic::error(
                shown(path),
                "the file name is not valid UTF-8 (shown with � in its place); rename it",
            ));
            continue;
        };
        let rel = rel.replace(std::path::MAIN_SEPARATOR, "/");
        if !is_safe_relative(&rel) {
            diags.push(Diagnostic::error(
                shown(path),
                "a name with «\\» cannot be published; rename it",
            ));
            continue;
        }
        match entry.metadata() {
            Ok(m) if m.len() > MAX_COPIED_BYTES => diags.push(Diagnostic::error(
                shown(path),
                format!(
                    "is {} MB, over the {} MB limit for a file of {folder}/",
                    m.len().div_ceil(1024 * 1024),
                    MAX_COPIED_BYTES / 1024 / 1024
                ),
            )),
            Ok(_) => out.push(rel),
            Err(e) => diags.push(Diagnostic::error(shown(path), format!("cannot be read: {e}"))),
        }
    }
    out
}

/// Where a copied file's bytes come from.
enum Origin<'a> {
    Bytes(std::borrow::Cow<'a, [u8]>),
    File(PathBuf),
}

/// Every copied file of the site, handed to `emit` one at a time (a file is read only when its
/// turn comes), in path order.
pub(crate) fn each(
    root: &Path,
    inputs: &Inputs,
    emit: &mut dyn FnMut(Output) -> Result<()>,
) -> Result<()> {
    let mut files: BTreeMap<String, Origin> = theme::STATIC
        .iter()
        .map(|(name, bytes)| (format!("assets/{name}"), Origin::Bytes((*bytes).into())))
        .collect();
    for rel in &inputs.statics {
        files.insert(format!("assets/{rel}"), Origin::File(root.join("static").join(rel)));
    }
    files.insert(
        "assets/highlight.css".into(),
        Origin::Bytes(Highlighter::css().into_bytes().into()),
    );
    files.insert(
        format!("assets/{}", crate::render::map::ASSET),
        Origin::Bytes(crate::render::map::asset().into_bytes().into()),
    );
    for rel in &inputs.sources {
        files.insert(routes::raw_source(rel).0, Origin::File(root.join(rel)));
    }
    files.insert(".nojekyll".into(), Origin::Bytes(Vec::new().into()));
    for (path, origin) in files {
        let bytes = match origin {
            Origin::Bytes(b) => b.into_owned(),
            Origin::File(p) => read_limited(&p)?,
        };
        emit(Output { path, bytes })?;
    }
    Ok(())
}

/// Every copied file of the site, in memory (for the preview).
pub(crate) fn collect(root: &Path, inputs: &Inputs) -> Result<Vec<Output>> {
    let mut out = Vec::new();
    each(root, inputs, &mut |f| {
        out.push(f);
        Ok(())
    })?;
    Ok(out)
}

/// Reads a file listed by [`list`], within [`MAX_COPIED_BYTES`] even if it grew since.
fn read_limited(p: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(p).with_context(|| format!("reading {}", p.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_COPIED_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("reading {}", p.display()))?;
    if bytes.len() as u64 > MAX_COPIED_BYTES {
        bail!(
            "{} grew over the {} MB limit while the site was built",
            p.display(),
            MAX_COPIED_BYTES / 1024 / 1024
        );
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(diags: &Diagnostics) -> Vec<String> {
        diags
            .sorted()
            .iter()
            .map(|d| format!("{:?} {}: {}", d.severity, d.path.display(), d.message))
            .collect()
    }

    #[test]
    fn copied_files_over_the_size_limit_are_refused_by_name() {
        let t = tempfile::tempdir().unwrap();
        for (rel, len) in
            [("sources/scan.pdf", MAX_COPIED_BYTES + 1), ("static/video.mp4", 1 << 30)]
        {
            let p = t.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            // Sparse: the size is there, the disk space is not.
            std::fs::File::create(&p).unwrap().set_len(len).unwrap();
        }
        std::fs::write(t.path().join("sources/ok.txt"), "fits").unwrap();
        let (inputs, diags) = list(t.path()).unwrap();
        assert_eq!(
            messages(&diags),
            [
                "Error sources/scan.pdf: is 101 MB, over the 100 MB limit for a file of sources/",
                "Error static/video.mp4: is 1024 MB, over the 100 MB limit for a file of static/",
            ]
        );
        assert_eq!(inputs.sources.iter().collect::<Vec<_>>(), ["sources/ok.txt"]);
        assert!(inputs.statics.is_empty());
    }

    #[test]
    fn copied_files_are_read_one_at_a_time_within_the_limit() {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(t.path().join("sources")).unwrap();
        std::fs::write(t.path().join("sources/a.html"), "<p>").unwrap();
        let (inputs, _) = list(t.path()).unwrap();
        // The file grows past the limit after it was listed.
        std::fs::File::options()
            .write(true)
            .open(t.path().join("sources/a.html"))
            .unwrap()
            .set_len(MAX_COPIED_BYTES + 1)
            .unwrap();
        let mut seen = Vec::new();
        let e = each(t.path(), &inputs, &mut |f| {
            seen.push(f.path);
            Ok(())
        })
        .unwrap_err();
        assert!(e.to_string().contains("grew over the 100 MB limit"), "{e}");
        assert!(seen.iter().any(|p| p == "assets/highlight.css"), "earlier files were emitted");
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_and_undecodable_names_are_reported_not_skipped_silently() {
        use std::os::unix::ffi::OsStrExt;
        let t = tempfile::tempdir().unwrap();
        let elsewhere = t.path().join("elsewhere");
        std::fs::create_dir_all(elsewhere.join("deep")).unwrap();
        std::fs::write(elsewhere.join("deep/secret.txt"), "not the site's").unwrap();
        for dir in ["sources", "static"] {
            std::fs::create_dir_all(t.path().join(dir)).unwrap();
        }
        std::os::unix::fs::symlink(&elsewhere, t.path().join("sources/linked-folder")).unwrap();
        std::os::unix::fs::symlink(
            elsewhere.join("deep/secret.txt"),
            t.path().join("static/linked.txt"),
        )
        .unwrap();
        // «Отчёт.txt» in windows-1251.
        let name = std::ffi::OsStr::from_bytes(b"\xce\xf2\xf7\xb8\xf2.txt");
        std::fs::write(t.path().join("sources").join(name), "text").unwrap();
        std::fs::write(t.path().join("sources/back\\slash.txt"), "text").unwrap();
        std::fs::write(t.path().join("sources/.hidden"), "skipped quietly").unwrap();
        let (inputs, diags) = list(t.path()).unwrap();
        assert_eq!(
            messages(&diags),
            [
                "Error sources/back\\slash.txt: a name with «\\» cannot be published; rename it",
                "Warning sources/linked-folder: symbolic link; not followed (copy the real files into sources/)",
                "Error sources/�����.txt: the file name is not valid UTF-8 (shown with � in its place); rename it",
                "Warning static/linked.txt: symbolic link; not followed (copy the real files into static/)",
            ]
        );
        assert!(inputs.sources.is_empty() && inputs.statics.is_empty(), "{inputs:?}");
    }
}
