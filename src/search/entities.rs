//! Entity entries of the index: every name, short name and alias of a country, organization,
//! person, place or event (people also by surname), folded and stemmed both ways, and for each
//! entity the documents that are *about* it (see [`about`]).

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;

use super::index::Index;
use super::lang_relative;
use super::words::{IN_TITLE_WEIGHT, indexable, stem_for};
use crate::config::Config;
use crate::content::EntityKind;
use crate::graph::Graph;
use crate::routes;
use crate::text::tokenize;

/// The kinds of entity the index names.
pub(super) const KINDS: [EntityKind; 5] = [
    EntityKind::Country,
    EntityKind::Organization,
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Event,
];

/// The ids of one kind of entity, sorted.
pub(super) fn ids(graph: &Graph, kind: EntityKind) -> Vec<String> {
    graph.corpus.ids(kind).into_iter().cloned().collect()
}

/// Every entity of [`KINDS`] with each of its name keys: (key word, entry), sorted and without
/// repeats. `names` gives an entity's name in every UI language.
///
/// A name is filed under its first word, except an event's: events number in the thousands and
/// most of their names begin alike («Заседание …», «Саммит …», «ШЫҰ …», «ТМД …»), which would
/// put every event into the shard of one common word and make a one-word query such as «ШЫҰ»
/// download them all. An event's name is filed under its rarest word instead (fewest documents,
/// [`Index::df`]), with the words before it kept beside the ones after, so the browser still
/// matches the name from its first word.
pub(super) fn entries(
    graph: &Graph,
    config: &Config,
    index: &Index,
    names: &(dyn Fn(EntityKind, &str) -> Vec<String> + Sync),
) -> Vec<(String, EntityEntry)> {
    let mut entries: Vec<(String, EntityEntry)> = KINDS
        .iter()
        .flat_map(|&k| ids(graph, k).into_iter().map(move |id| (k, id)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .flat_map_iter(|(kind, id)| {
            let df = |word: &str| index.df(word);
            let rarest: Option<&(dyn Fn(&str) -> usize + Sync)> =
                (kind == EntityKind::Event).then_some(&df);
            let keys = entity_keys(&entity_forms(graph, kind, &id), rarest);
            let (names, url) =
                (names(kind, &id), lang_relative(&routes::entity(kind, &id), config));
            let count = graph.documents_of(kind, &id).len();
            keys.into_iter()
                .map(|(key, head, rest)| {
                    let e = EntityEntry(
                        rest,
                        kind.singular().into(),
                        id.clone(),
                        names.clone(),
                        url.clone(),
                        count,
                        head,
                    );
                    (key, e)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    entries.sort();
    entries.dedup();
    entries
}

/// An entity name entry: the stems after the key word, the entity's kind and id, its name in
/// each UI language, its page under the language root, its number of documents, and the stems
/// before the key word (empty when the key is the first word).
#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct EntityEntry(String, String, String, Vec<String>, String, usize, String);

/// The forms an entity is found by: names in every language, short names, aliases, full and
/// official names, and a person's surname.
pub(super) fn entity_forms(graph: &Graph, kind: EntityKind, id: &str) -> Vec<String> {
    let Some(e) = graph.corpus.entities.get(kind, id) else {
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

/// Name keys of an entity: (key word, the words before it, the words after it, each joined by
/// spaces), folded and stemmed with each stemmer, so a query word matches whichever way the
/// browser stems it. The key is the first word, or with `rarest` (documents per folded word) the
/// word in the fewest documents, the first of those; a word in no document is taken only when
/// all are (no text shows that readers use it).
fn entity_keys(
    forms: &[String],
    rarest: Option<&(dyn Fn(&str) -> usize + Sync)>,
) -> BTreeSet<(String, String, String)> {
    let mut keys = BTreeSet::new();
    for form in forms {
        let words = name_words(form);
        if words.is_empty() {
            continue;
        }
        let at = rarest.map_or(0, |df| {
            (0..words.len()).min_by_key(|&i| (df(&words[i]) == 0, df(&words[i]))).unwrap_or(0)
        });
        for lang in ["", "ru", "kk"] {
            let stems: Vec<String> = words.iter().map(|w| stem_for(lang, w)).collect();
            keys.insert((stems[at].clone(), stems[..at].join(" "), stems[at + 1..].join(" ")));
        }
    }
    keys
}

/// The words of a name as the browser matches them against a query: folded, indexable, and a
/// number joined to a word by a hyphen split off it, its ending dropped. Ordinals are written so
/// in both languages and the ending follows the case, not the number: «23-е заседание», «23-го
/// заседания», Kazakh «18-отырысы» (the 18th meeting), «24-ші саммит». An ending (up to four
/// letters: «-е», «-го», «-ого», «-інші») is dropped, a longer part is a word of its own. The
/// browser splits query words the same way (`nameWords` in search.js).
pub(super) fn name_words(form: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokenize(form) {
        let w = t.folded;
        match w.split_once('-') {
            Some((n, rest))
                if !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit())
                    && rest.chars().all(char::is_alphabetic) =>
            {
                out.push(n.to_string());
                if rest.chars().count() > 4 && indexable(rest) {
                    out.push(rest.to_string());
                }
            }
            _ if indexable(&w) => out.push(w),
            _ => {}
        }
    }
    out
}

/// The search ids of the documents about an entity, ascending: of the documents that name it
/// (`docs`), those where one of its names (every word of it) is in the title, or is in the text
/// at least [`MANY`] times. A name's word is looked up under its stem in the document's language
/// and as written, as the browser looks up a query word: a stemmer can cut a nominative further
/// than the oblique forms («Токаев» → «тока», «Токаевым» → «токаев»). An event's documents are
/// all about it (a document names one event, its own).
pub(super) fn about(
    graph: &Graph,
    index: &Index,
    kind: EntityKind,
    id: &str,
    docs: &[u32],
) -> Vec<u32> {
    if kind == EntityKind::Event {
        return docs.to_vec();
    }
    let forms: Vec<Vec<String>> =
        entity_forms(graph, kind, id).iter().map(|f| name_words(f)).collect();
    // Per document language, per form, per word: the terms it may be indexed under.
    let terms: Vec<Vec<Vec<Vec<usize>>>> = (0..index.langs.len())
        .map(|l| {
            let lookup = |w: &String| -> Vec<usize> {
                let stem = stem_for(&index.langs[l], w);
                [stem.as_str(), w.as_str()].into_iter().filter_map(|x| index.term(l, x)).collect()
            };
            forms.iter().map(|f| f.iter().map(lookup).collect()).collect()
        })
        .collect();
    docs.iter()
        .copied()
        .filter(|&sid| {
            // A word's (in the title, count) in this document, over the terms it may be under.
            let word = |ts: &Vec<usize>| {
                ts.iter()
                    .filter_map(|&t| index.weight(t, sid))
                    .fold((false, 0), |(t, c), w| (t || w & IN_TITLE_WEIGHT != 0, c + (w & 7)))
            };
            terms[index.lang_of(sid)].iter().filter(|f| !f.is_empty()).any(|f| {
                let w: Vec<(bool, u32)> = f.iter().map(word).collect();
                w.iter().all(|x| x.0) || w.iter().all(|x| x.1 >= MANY)
            })
        })
        .collect()
}

/// Mentions in the text that make a document about an entity whose name is not in its title.
const MANY: u32 = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_keys_cover_names_stems_and_surnames() {
        let keys = entity_keys(&["Аскар Мамин".into(), "Мамин".into(), "ШЫҰ".into()], None);
        let key = |k: &str, head: &str, rest: &str| (k.into(), head.into(), rest.into());
        assert!(keys.contains(&key("мамин", "", "")), "{keys:?}");
        assert!(keys.contains(&key("аскар", "", "мамин")), "{keys:?}");
        assert!(keys.contains(&key("шыұ", "", "")), "{keys:?}");
    }

    #[test]
    fn a_name_can_be_filed_under_its_rarest_word() {
        // «заседание» is in every document, «совета» in half, «минске» in one, «в» in none.
        let df = |word: &str| match word {
            "минске" => 1,
            "совета" => 500,
            "заседание" => 1000,
            _ => 0,
        };
        let keys = entity_keys(&["Заседание совета в Минске".into()], Some(&df));
        assert!(
            keys.contains(&("минске".into(), "заседание совета".into(), String::new())),
            "{keys:?}"
        );
        assert!(keys.iter().all(|k| k.0.starts_with("минс")), "{keys:?}");
    }

    #[test]
    fn ordinals_are_their_number_and_a_joined_word_stays() {
        assert_eq!(name_words("23-е заседание СГП"), ["23", "заседание", "сгп"]);
        assert_eq!(name_words("кеңестің 18-отырысы"), ["кеңестің", "18", "отырысы"]);
        assert_eq!(name_words("24-ші саммит"), ["24", "саммит"]);
        assert_eq!(name_words("ШЫҰ-ның премьер-министрі"), ["шыұ", "премьер-министрі"]);
    }
}
