//! Finds the countries, organizations, people, places and events a text names, by matching the
//! names and aliases of the entity files in any grammatical form, and reports capitalised names
//! that look like people or organizations but match no file as candidates.
//!
//! All knowledge comes from `content/`: adding an entity file (or an alias) makes the importer
//! find it from then on. The only built-in lists are linguistic: case endings (`text::stem`),
//! words for positions («министр», «төрағасы») and for kinds of body («Министерство»,
//! «Комитет»), which are how candidates are spotted.

mod candidates;
mod event;
mod found;
mod index;
mod matching;
#[cfg(test)]
mod test_corpus;

use std::collections::BTreeMap;

pub(crate) use event::event;
pub use found::Candidate;
pub use found::{Found, Hit};
pub use index::EntityIndex;

use crate::content::EntityKind;
use crate::text::tokenize;

/// Finds every entity named in `text`.
pub fn find(index: &EntityIndex, text: &str) -> Found {
    let toks = tokenize(text);
    let hits = matching::raw_hits(index, &toks);
    let mut hits = matching::drop_nested(hits);
    let mut covered: Vec<bool> = vec![false; toks.len()];
    for h in &hits {
        covered[h.start..h.end].iter_mut().for_each(|c| *c = true);
    }
    let extra = matching::surname_hits(index, &toks, &hits, &mut covered);
    hits.extend(extra);
    hits.sort_by_key(|h| (h.start, h.end));
    let mut ids: BTreeMap<EntityKind, Vec<String>> = BTreeMap::new();
    for h in &hits {
        let list = ids.entry(h.kind).or_default();
        if !list.contains(&h.id) {
            list.push(h.id.clone());
        }
    }
    let candidates = candidates::candidates(&toks, &covered);
    Found { ids, candidates, hits }
}
