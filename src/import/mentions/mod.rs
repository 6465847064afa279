//! Finds the countries, organizations, people, places and events a text names, by matching the
//! names and aliases of the entity files in any grammatical form, and reports capitalised names
//! that look like people or organizations but match no file as candidates.
//!
//! All knowledge comes from `content/`: adding an entity file (or an alias) makes the importer
//! find it from then on. The only built-in lists are linguistic: case endings (`text::stem`),
//! words for positions («министр», «төрағасы») and for kinds of body («Министерство»,
//! «Комитет»), which are how candidates are spotted.

mod batch;
mod candidates;
mod event;
mod forms;
mod found;
mod index;
mod matching;
mod names;
mod parts;
#[cfg(test)]
mod test_corpus;

use std::collections::BTreeMap;

pub(crate) use batch::BatchCandidate;
pub(crate) use batch::merge as merge_candidates;
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
    let mut hits = matching::drop_nested(index, hits);
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
    add_parents(index, &mut ids);
    let candidates = candidates::candidates(text, &toks, &covered);
    Found { ids, candidates, hits }
}

/// A body named counts for its parent organization too (and for the parent's parent): a text on
/// the Council of Heads of State of the SCO is a text on the SCO, as the archive's readers
/// browse it. The parent is listed after the organizations the text names itself.
fn add_parents(index: &EntityIndex, ids: &mut BTreeMap<EntityKind, Vec<String>>) {
    let Some(orgs) = ids.get_mut(&EntityKind::Organization) else { return };
    let mut i = 0;
    while i < orgs.len() {
        if let Some(p) = index.parents.get(&orgs[i])
            && !orgs.contains(p)
        {
            orgs.push(p.clone());
        }
        i += 1;
    }
}
