//! Related documents: those sharing the most entities with a document.
//!
//! Cost stays near-linear as the archive grows: candidates are drawn only from the posting lists
//! of selective entities (people, places, events, and any entity named by at most
//! [`SELECTIVE_LIMIT`] documents), never from «every document that mentions the SCO». Candidates
//! are then scored by all shared entities. Ties break by date (newest first), then slug, so the
//! result is deterministic.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use crate::content::Document;

/// An entity named by more documents than this does not propose candidates.
pub const SELECTIVE_LIMIT: usize = 400;

/// The key of one entity mention: kind tag and id.
pub type Key<'a> = (u8, &'a str);

/// Every entity key a document names.
pub fn keys(doc: &Document) -> Vec<Key<'_>> {
    let m = &doc.meta;
    let mut v: Vec<Key> = Vec::new();
    v.extend(m.event.iter().map(|e| (0, e.as_str())));
    v.extend(m.countries.iter().map(|e| (1, e.as_str())));
    v.extend(m.organizations.iter().map(|e| (2, e.as_str())));
    v.extend(m.people.iter().map(|e| (3, e.as_str())));
    v.extend(m.places.iter().map(|e| (4, e.as_str())));
    v.sort_unstable();
    v.dedup();
    v
}

/// For each document (by index), up to `k` related documents, best first. `docs` must be in the
/// graph's order (newest first), which is also the tie-break order.
pub fn related(docs: &[Document], k: usize) -> Vec<Vec<usize>> {
    let doc_keys: Vec<Vec<Key>> = docs.iter().map(keys).collect();
    let mut postings: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, ks) in doc_keys.iter().enumerate() {
        for key in ks {
            postings.entry(*key).or_default().push(i);
        }
    }
    let mut scores: Vec<u32> = vec![0; docs.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(docs.len());
    for (i, ks) in doc_keys.iter().enumerate() {
        let mut common: Vec<Key> = Vec::new();
        for key in ks {
            let list = &postings[key];
            if list.len() > SELECTIVE_LIMIT {
                common.push(*key);
                continue;
            }
            for &j in list {
                if j != i {
                    if scores[j] == 0 {
                        touched.push(j);
                    }
                    scores[j] += 1;
                }
            }
        }
        // Count the non-selective shared keys too, for candidates already found.
        if !common.is_empty() {
            for &j in &touched {
                scores[j] +=
                    common.iter().filter(|key| doc_keys[j].binary_search(key).is_ok()).count()
                        as u32;
            }
        }
        touched.sort_by_key(|&j| (Reverse(scores[j]), j));
        out.push(touched.iter().take(k).copied().collect());
        for &j in &touched {
            scores[j] = 0;
        }
        touched.clear();
    }
    out
}
