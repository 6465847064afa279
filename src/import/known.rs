//! What a site already holds, as the importer looks it up before writing a draft: documents by
//! the raw source they were imported from (the same content), by their origin (an edited version
//! of a known text) and by their text (a near-duplicate: the same article saved elsewhere).
//!
//! A text's **origin** is where it came from, as a later version of it states it too: the page's
//! canonical URL (`<link rel="canonical">` or `og:url`) when the page gives one, else the file's
//! name as imported. The URL is the article's own identity whatever the file is called; a file
//! name is the identity a curator gave it (a text dump has no URL), and it is weaker: two
//! unrelated files may both be called `page.html`. So a known origin counts only when the new
//! text is still the same article by [`dupes::similarity`]; otherwise the text is a new document.
//! Documents written before `origin` existed are known by the file name of their
//! `imported_from` (what the importer copied the file as when it was first imported).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::dupes;
use crate::content::{Document, front_matter};

/// The origin of an input: its canonical URL (normalised: no fragment), else its file name.
pub(crate) fn origin(input: &Path, canonical: Option<&str>) -> String {
    let url = canonical.and_then(|u| url::Url::parse(u.trim()).ok()).filter(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    });
    match url {
        Some(mut u) => {
            u.set_fragment(None);
            u.to_string()
        }
        None => file_name(input),
    }
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
}

/// A near-duplicate found for a draft.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NearDuplicate {
    /// The existing (or earlier in the batch) document, as a content path.
    pub document: String,
    /// Containment of the smaller text's word runs in the other (0–1, two decimals).
    pub similarity: f64,
}

/// The documents of a site, and the drafts placed so far in this run.
pub(crate) struct Known {
    root: PathBuf,
    /// Content path by the raw source it was imported from.
    by_source: BTreeMap<String, String>,
    /// Content path by origin.
    by_origin: BTreeMap<String, String>,
    /// The origin each document records (none in a file written before `origin` existed).
    recorded: HashMap<String, Option<String>>,
    /// Documents by sampled word runs.
    index: dupes::Index<String>,
    /// Word runs of the drafts of this run (a dry run writes none of them to disk).
    drafts: HashMap<String, Vec<u64>>,
}

impl Known {
    /// Reads what `root`'s documents hold (their texts in parallel).
    pub(crate) fn new(root: &Path, docs: &[Document]) -> Self {
        let mut by_source = BTreeMap::new();
        let mut by_origin = BTreeMap::new();
        let mut recorded = HashMap::new();
        for d in docs {
            let rel = d.path.to_string_lossy().replace('\\', "/");
            recorded.insert(rel.clone(), d.meta.origin.clone());
            if let Some(src) = &d.meta.imported_from {
                by_source.insert(src.clone(), rel.clone());
            }
            let origin = d
                .meta
                .origin
                .clone()
                .or_else(|| d.meta.imported_from.as_deref().map(|s| file_name(Path::new(s))));
            if let Some(o) = origin {
                by_origin.entry(o).or_insert(rel);
            }
        }
        let runs: Vec<(String, Vec<u64>)> = docs
            .par_iter()
            .map(|d| {
                let rel = d.path.to_string_lossy().replace('\\', "/");
                let text = std::fs::read_to_string(root.join(&rel)).unwrap_or_default();
                let body = front_matter::split(&text).map(|s| s.body).unwrap_or_default();
                (rel, runs(&d.meta.title, body))
            })
            .collect();
        let mut index = dupes::Index::default();
        for (rel, sh) in &runs {
            index.add(rel.clone(), sh);
        }
        Known {
            root: root.to_path_buf(),
            by_source,
            by_origin,
            recorded,
            index,
            drafts: HashMap::new(),
        }
    }

    /// The document imported from the raw source `provenance` (the same content), and the
    /// origin it records: the same text imported again from anywhere changes nothing in it.
    pub(crate) fn by_source(&self, provenance: &str) -> Option<(String, Option<String>)> {
        let rel = self.by_source.get(provenance)?;
        Some((rel.clone(), self.recorded.get(rel).cloned().flatten()))
    }

    /// The document a new version of a text of `origin` updates: the one of that origin, when the
    /// new text (`runs`) is still the same article.
    pub(crate) fn by_origin(&self, origin: &str, runs: &[u64]) -> Option<String> {
        let rel = self.by_origin.get(origin)?;
        (dupes::similarity(runs, &self.runs_of(rel)) >= dupes::THRESHOLD).then(|| rel.clone())
    }

    /// The document most like `runs`, when it is the same article.
    pub(crate) fn near_duplicate(&self, runs: &[u64]) -> Option<NearDuplicate> {
        // The candidates sharing the most samples come first; a handful is plenty to check.
        let best = self
            .index
            .candidates(runs)
            .into_iter()
            .take(8)
            .map(|rel| {
                let s = dupes::similarity(runs, &self.runs_of(&rel));
                (s, rel)
            })
            .filter(|(s, _)| *s >= dupes::THRESHOLD)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))?;
        Some(NearDuplicate { document: best.1, similarity: (best.0 * 100.0).round() / 100.0 })
    }

    /// Records a placed draft: a `new` document at `rel`, or a new source of the document at
    /// `rel`, with the origin written into it.
    pub(crate) fn record(
        &mut self,
        rel: &str,
        provenance: &str,
        origin: Option<&str>,
        runs: Vec<u64>,
        new: bool,
    ) {
        self.by_source.insert(provenance.to_string(), rel.to_string());
        self.recorded.insert(rel.to_string(), origin.map(str::to_string));
        if !new {
            return;
        }
        if let Some(origin) = origin {
            self.by_origin.entry(origin.to_string()).or_insert_with(|| rel.to_string());
        }
        self.index.add(rel.to_string(), &runs);
        self.drafts.insert(rel.to_string(), runs);
    }

    fn runs_of(&self, rel: &str) -> Vec<u64> {
        match self.drafts.get(rel) {
            Some(r) => r.clone(),
            None => read_runs(&self.root.join(rel)).unwrap_or_default(),
        }
    }
}

/// The word runs of a text as the importer compares it: its title and body.
pub(crate) fn runs(title: &str, body: &str) -> Vec<u64> {
    dupes::shingles(&format!("{title}\n{body}"))
}

/// The word runs of a document file (title and body), when it reads.
fn read_runs(path: &Path) -> Option<Vec<u64>> {
    let text = std::fs::read_to_string(path).ok()?;
    let split = front_matter::split(&text).ok()?;
    let meta: crate::content::DocumentMeta =
        front_matter::parse(split.yaml, split.yaml_line).ok()?;
    Some(runs(&meta.title, split.body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_is_the_canonical_url_else_the_file_name() {
        let p = Path::new("saved/Отчёт о встрече.html");
        assert_eq!(
            origin(p, Some(" https://Example.KZ/news/1?id=2#comments ")),
            "https://example.kz/news/1?id=2"
        );
        assert_eq!(origin(p, None), "Отчёт о встрече.html");
        // Not a web address: the file's name.
        assert_eq!(origin(p, Some("javascript:alert(1)")), "Отчёт о встрече.html");
        assert_eq!(origin(p, Some("/news/1")), "Отчёт о встрече.html");
    }
}
