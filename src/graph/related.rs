//! Related documents: those sharing the most entities with a document.
//!
//! Cost stays near-linear as the archive grows: candidates are drawn only from the posting lists
//! of selective entities (named by at most [`SELECTIVE_LIMIT`] documents: most people, places and
//! events), never from «every document that mentions the SCO». Candidates are then scored by all
//! shared entities, common ones included. Entity keys are interned to integers first, so the
//! inner loops compare numbers, not strings. Ties break by position in the graph's order (date,
//! newest first, then slug), so the result is deterministic.

use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::HashMap;

use crate::content::{Document, EntityKind};

/// An entity named by more documents than this does not propose candidates.
pub(crate) const SELECTIVE_LIMIT: usize = 150;

/// The key of one entity mention: kind and id.
pub(crate) type Key<'a> = (EntityKind, &'a str);

/// Every entity key a document names.
pub(crate) fn keys(doc: &Document) -> Vec<Key<'_>> {
    let mut v: Vec<Key> = doc.meta.refs().map(|(k, id)| (k, id.as_str())).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// For each document (by index), up to `k` related documents, best first. `docs` must be in the
/// graph's order (newest first), which is also the tie-break order.
pub(crate) fn related(docs: &[Document], k: usize) -> Vec<Vec<usize>> {
    // Intern every key; the HashMap is only a lookup table, its order never reaches the output.
    let mut ids: HashMap<Key, u32> = HashMap::new();
    let doc_keys: Vec<Vec<u32>> = docs
        .iter()
        .map(|d| {
            let mut v: Vec<u32> = keys(d)
                .into_iter()
                .map(|key| {
                    let next = ids.len() as u32;
                    *ids.entry(key).or_insert(next)
                })
                .collect();
            v.sort_unstable();
            v
        })
        .collect();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); ids.len()];
    for (i, ks) in doc_keys.iter().enumerate() {
        for &key in ks {
            postings[key as usize].push(i as u32);
        }
    }
    // Each document's candidates are scored independently: in parallel, with scratch space
    // per worker (scores are reset through `touched`, so a worker's array stays zeroed).
    let scratch = || (vec![0u32; docs.len()], Vec::<u32>::new(), Vec::<u32>::new());
    doc_keys
        .par_iter()
        .enumerate()
        .map_init(scratch, |(scores, touched, common), (i, ks)| {
            common.clear();
            for &key in ks {
                let list = &postings[key as usize];
                if list.len() > SELECTIVE_LIMIT {
                    common.push(key);
                    continue;
                }
                for &j in list {
                    if j as usize != i {
                        if scores[j as usize] == 0 {
                            touched.push(j);
                        }
                        scores[j as usize] += 1;
                    }
                }
            }
            // Count the non-selective shared keys too, for candidates already found.
            if !common.is_empty() {
                for &j in touched.iter() {
                    let theirs = &doc_keys[j as usize];
                    scores[j as usize] +=
                        common.iter().filter(|key| theirs.binary_search(key).is_ok()).count()
                            as u32;
                }
            }
            let rank = |j: &u32| (Reverse(scores[*j as usize]), *j);
            if touched.len() > k {
                touched.select_nth_unstable_by_key(k, rank);
            }
            let mut best: Vec<(Reverse<u32>, u32)> =
                touched.iter().take(k).map(|&j| (Reverse(scores[j as usize]), j)).collect();
            best.sort_unstable();
            for &j in touched.iter() {
                scores[j as usize] = 0;
            }
            touched.clear();
            best.iter().map(|&(_, j)| j as usize).collect()
        })
        .collect()
}
