//! Files that are copied rather than rendered: the stylesheet and other files of `static/`
//! (over the built-in theme's), the generated highlight CSS, the raw sources, `.nojekyll`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use walkdir::WalkDir;

use super::output::{Output, is_safe_relative};
use crate::error::{Context, Result};
use crate::render::highlight::Highlighter;
use crate::theme;

/// The files under `root/sources/`, as `sources/<relative path>`.
pub fn list_sources(root: &Path) -> Result<BTreeSet<String>> {
    list_files(&root.join("sources"))
        .map(|files| files.into_iter().map(|f| format!("sources/{f}")).collect())
}

/// Relative paths (with `/`) of the regular files below `dir`, skipping hidden ones.
fn list_files(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !rel.split('/').any(|s| s.starts_with('.')) && is_safe_relative(&rel) {
            out.push(rel);
        }
    }
    Ok(out)
}

/// Every copied file of the site.
pub fn collect(root: &Path, sources: &BTreeSet<String>) -> Result<Vec<Output>> {
    let mut files: BTreeMap<String, Vec<u8>> = theme::STATIC
        .iter()
        .map(|(name, bytes)| (format!("assets/{name}"), bytes.to_vec()))
        .collect();
    let static_dir = root.join("static");
    for rel in list_files(&static_dir)? {
        let p = static_dir.join(&rel);
        let bytes = std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
        files.insert(format!("assets/{rel}"), bytes);
    }
    files.insert("assets/highlight.css".into(), Highlighter::css().into_bytes());
    for rel in sources {
        let p = root.join(rel);
        let bytes = std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
        files.insert(rel.clone(), bytes);
    }
    files.insert(".nojekyll".into(), Vec::new());
    Ok(files.into_iter().map(|(path, bytes)| Output { path, bytes }).collect())
}
