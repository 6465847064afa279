//! Files that are copied rather than rendered: the stylesheet and other files of `static/`
//! (over the built-in theme's), the generated highlight CSS, the raw sources, `.nojekyll`.
//!
//! Raw sources are published under a name no browser runs (`routes::raw_source`: a saved web
//! page `sources/page.html` becomes `sources/page.html.txt`); two sources that would share a
//! published name are an error naming both.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use walkdir::WalkDir;

use super::output::{Output, is_safe_relative};
use crate::error::{Context, Diagnostic, Diagnostics, Result};
use crate::render::highlight::Highlighter;
use crate::routes;
use crate::theme;

/// The files a build copies, as found on disk.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Every raw source, as `sources/<relative path>` (what documents name in `imported_from`).
    pub sources: BTreeSet<String>,
    /// Files under `static/`, relative to it.
    statics: Vec<String>,
}

/// Lists `sources/` and `static/` under `root`: problems with single files (two sources
/// published under one name) come back as diagnostics, all of them at once.
pub fn list(root: &Path) -> Result<(Inputs, Diagnostics)> {
    let mut diags = Diagnostics::new();
    let sources: BTreeSet<String> =
        list_files(&root.join("sources"))?.into_iter().map(|f| format!("sources/{f}")).collect();
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
    let statics = list_files(&root.join("static"))?;
    Ok((Inputs { sources, statics }, diags))
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
pub fn collect(root: &Path, inputs: &Inputs) -> Result<Vec<Output>> {
    let mut files: BTreeMap<String, Vec<u8>> = theme::STATIC
        .iter()
        .map(|(name, bytes)| (format!("assets/{name}"), bytes.to_vec()))
        .collect();
    let static_dir = root.join("static");
    for rel in &inputs.statics {
        let p = static_dir.join(rel);
        let bytes = std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
        files.insert(format!("assets/{rel}"), bytes);
    }
    files.insert("assets/highlight.css".into(), Highlighter::css().into_bytes());
    for rel in &inputs.sources {
        let p = root.join(rel);
        let bytes = std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
        files.insert(routes::raw_source(rel).0, bytes);
    }
    files.insert(".nojekyll".into(), Vec::new());
    Ok(files.into_iter().map(|(path, bytes)| Output { path, bytes }).collect())
}
