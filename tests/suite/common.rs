//! The fixture harness: copy fixture folders into a temporary site, build it with the library,
//! and read or link-check the output.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use archive::{BuildOptions, BuildReport};
use tempfile::TempDir;

/// The repository root (the shipped archive lives here).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary site made of fixture folders copied over each other, in order.
pub struct Fixture {
    pub tmp: TempDir,
}

impl Fixture {
    pub fn new(layers: &[&str]) -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        for layer in layers {
            copy_dir(&repo().join("tests/fixtures").join(layer), &tmp.path().join("site"));
        }
        Fixture { tmp }
    }

    pub fn root(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    pub fn out(&self) -> PathBuf {
        self.tmp.path().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn build(&self, base_url: &str) -> anyhow::Result<BuildReport> {
        build_into(&self.root(), &self.out(), base_url)
    }
}

pub fn build_into(root: &Path, out: &Path, base_url: &str) -> anyhow::Result<BuildReport> {
    let opts =
        BuildOptions { output: Some(out.to_path_buf()), base_url: Some(base_url.to_string()) };
    archive::build(root, &opts)
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Reads an output page.
pub fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Undoes the HTML escaping our templates apply to attribute values.
pub fn unescape(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Values of `attr="…"` in `html`.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(unescape(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// All HTML files below `out`, relative, with `/`.
pub fn html_files(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    v.sort();
    v
}

/// Every internal link (`href`, `src`) of every page that does not resolve to a file of the
/// output, or whose `#fragment` is not an id of the target page. Links must start with
/// `base_path`; an absolute path outside it counts as broken.
pub fn broken_links(out: &Path, base_path: &str) -> Vec<String> {
    let pages = html_files(out);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut texts = BTreeMap::new();
    for p in &pages {
        let html = read(out, p);
        ids.insert(p.clone(), attr_values(&html, "id").into_iter().collect());
        texts.insert(p.clone(), html);
    }
    let mut broken = Vec::new();
    for (page, html) in &texts {
        let mut links = attr_values(html, "href");
        links.extend(attr_values(html, "src"));
        for link in links {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (path, frag) = match link.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (link.clone(), None),
            };
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(rest) = path.strip_prefix(base_path) {
                if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.to_string()
                }
            } else {
                broken.push(format!("{page}: {link} (outside the base path {base_path})"));
                continue;
            };
            if !out.join(&target).is_file() {
                broken.push(format!("{page}: {link}"));
                continue;
            }
            if let Some(f) = frag.filter(|f| !f.is_empty()) {
                if ids.get(&target).is_none_or(|set| !set.contains(&f)) {
                    broken.push(format!("{page}: {link} (no element with id «{f}»)"));
                }
            }
        }
    }
    broken
}

/// Hashes of every output file, for determinism checks.
pub fn snapshot(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(out).unwrap().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}
