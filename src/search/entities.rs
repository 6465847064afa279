//! Entity entries of the index: every name, short name and alias of a country, organization,
//! person or place (people also by surname), folded and stemmed both ways.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;

use super::lang_relative;
use super::words::{indexable, stem_for};
use crate::config::Config;
use crate::content::EntityKind;
use crate::graph::Graph;
use crate::routes;
use crate::text::tokenize;

/// The kinds of entity the index names (events are left out, see the module's notes).
pub(super) const KINDS: [EntityKind; 4] =
    [EntityKind::Country, EntityKind::Organization, EntityKind::Person, EntityKind::Place];

/// The ids of one kind of entity, sorted.
pub(super) fn ids(graph: &Graph, kind: EntityKind) -> Vec<String> {
    graph.corpus.ids(kind).into_iter().cloned().collect()
}

/// Every entity of [`KINDS`] with each of its name keys: (first word, entry), sorted and without
/// repeats. `names` gives an entity's name in every UI language.
pub(super) fn entries(
    graph: &Graph,
    config: &Config,
    names: &(dyn Fn(EntityKind, &str) -> Vec<String> + Sync),
) -> Vec<(String, EntityEntry)> {
    let mut entries: Vec<(String, EntityEntry)> = KINDS
        .iter()
        .flat_map(|&k| ids(graph, k).into_iter().map(move |id| (k, id)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .flat_map_iter(|(kind, id)| {
            let keys = entity_keys(&entity_forms(graph, kind, &id));
            let (names, url) =
                (names(kind, &id), lang_relative(&routes::entity(kind, &id), config));
            let count = graph.documents_of(kind, &id).len();
            keys.into_iter()
                .map(|(first, rest)| {
                    let e = EntityEntry(
                        rest,
                        kind.singular().into(),
                        id.clone(),
                        names.clone(),
                        url.clone(),
                        count,
                    );
                    (first, e)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    entries.sort();
    entries.dedup();
    entries
}

/// An entity name entry: the stems after the first word, the entity's kind and id, its name in
/// each UI language, its page under the language root, and its number of documents.
#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct EntityEntry(String, String, String, Vec<String>, String, usize);

/// The forms an entity is found by: names in every language, short names, aliases, full and
/// official names, and a person's surname.
pub(super) fn entity_forms(graph: &Graph, kind: EntityKind, id: &str) -> Vec<String> {
    let Some(e) = graph.corpus.entities.get(kind, id).filter(|_| kind != EntityKind::Event) else {
        return Vec::new();
    };
    let names = |n: &crate::content::Names| n.0.values().cloned().collect::<Vec<_>>();
    let mut v = names(e.names());
    v.extend(e.data.other_names().map(names).unwrap_or_default());
    v.extend(e.aliases().iter().cloned());
    if kind == EntityKind::Person {
        v.extend(
            e.names().0.values().filter_map(|n| n.split_whitespace().last().map(str::to_string)),
        );
    }
    v
}

/// Name keys of an entity: (first word, the other words joined by spaces), folded and stemmed
/// with each stemmer, so a query word matches whichever way the browser stems it.
fn entity_keys(forms: &[String]) -> BTreeSet<(String, String)> {
    let mut keys = BTreeSet::new();
    for form in forms {
        let words: Vec<String> =
            tokenize(form).into_iter().map(|t| t.folded).filter(|w| indexable(w)).collect();
        if words.is_empty() {
            continue;
        }
        for lang in ["", "ru", "kk"] {
            let stems: Vec<String> = words.iter().map(|w| stem_for(lang, w)).collect();
            keys.insert((stems[0].clone(), stems[1..].join(" ")));
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_keys_cover_names_stems_and_surnames() {
        let keys = entity_keys(&["Аскар Мамин".into(), "Мамин".into(), "ШЫҰ".into()]);
        assert!(keys.contains(&("мамин".into(), String::new())), "{keys:?}");
        assert!(keys.contains(&("аскар".into(), "мамин".into())), "{keys:?}");
        assert!(keys.contains(&("шыұ".into(), String::new())), "{keys:?}");
    }
}
