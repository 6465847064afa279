//! The entity index: every name and alias of the entity files, split into words, with the
//! surnames of people and what event scoring needs of each event.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::content::{Corpus, EntityKind, Event, Names, PartialDate};
use crate::text::{Token, tokenize};

/// One word of a name variant.
#[derive(Debug, Clone)]
pub(super) struct VarWord {
    pub(super) folded: String,
    pub(super) capitalized: bool,
    pub(super) abbrev: bool,
    pub(super) initial: bool,
}

/// A name variant of an entity: the words to match.
#[derive(Debug, Clone)]
pub(super) struct Variant {
    pub(super) kind: EntityKind,
    pub(super) id: String,
    pub(super) words: Vec<VarWord>,
}

/// Matchable names of every entity, indexed by the first letters of their first word.
pub struct EntityIndex {
    pub(super) variants: Vec<Variant>,
    pub(super) by_key: HashMap<String, Vec<usize>>,
    /// Surnames (last word of a person's names), for surname-only mentions after a full one.
    pub(super) surnames: BTreeMap<String, Vec<String>>,
    pub(super) events: Vec<EventInfo>,
}

/// What event matching needs of an event.
#[derive(Debug, Clone)]
pub(super) struct EventInfo {
    pub(super) id: String,
    pub(super) date: Option<PartialDate>,
    pub(super) end: Option<PartialDate>,
    pub(super) body: Option<String>,
    pub(super) place: Option<String>,
    pub(super) number: Option<u32>,
}

pub(super) fn key(folded: &str) -> String {
    folded.chars().take(3).collect()
}

fn words_of(name: &str) -> Vec<VarWord> {
    tokenize(name)
        .into_iter()
        .map(|t| VarWord {
            folded: t.folded.clone(),
            capitalized: t.capitalized,
            abbrev: t.all_caps && t.text.chars().count() <= 6,
            initial: t.initial || is_initial_letter(&t, name),
        })
        .collect()
}

/// «А.У.Мамин» written without the dot check (a variant is a name, not running text).
fn is_initial_letter(t: &Token, name: &str) -> bool {
    t.text.chars().count() == 1 && t.capitalized && name[t.end..].starts_with('.')
}

impl EntityIndex {
    /// Builds the index from the entity files.
    pub fn new(c: &Corpus) -> EntityIndex {
        let mut idx = EntityIndex {
            variants: Vec::new(),
            by_key: HashMap::new(),
            surnames: BTreeMap::new(),
            events: Vec::new(),
        };
        let names = |n: &Names| n.0.values().cloned().collect::<Vec<String>>();
        // Kinds in declaration order; each entity by its names, its kind's second name and its
        // aliases. Events only by their aliases: [`super::event`] weighs date, body and place.
        for e in c.entities.all() {
            let (kind, id) = (e.kind(), &e.id);
            if let Some(d) = e.get::<Event>() {
                idx.add(kind, id, e.aliases().iter().cloned());
                idx.events.push(EventInfo {
                    id: id.clone(),
                    date: d.date,
                    end: d.end,
                    body: d.body.clone(),
                    place: d.place.clone(),
                    number: d.number,
                });
                continue;
            }
            let mut own = names(e.names());
            own.extend(e.data.other_names().map(names).unwrap_or_default());
            if kind == EntityKind::Person {
                for n in &own {
                    if let Some(last) = tokenize(n).last()
                        && last.text.chars().count() >= 3
                    {
                        idx.surnames.entry(last.folded.clone()).or_default().push(id.clone());
                    }
                }
            }
            idx.add(kind, id, own.into_iter().chain(e.aliases().iter().cloned()));
        }
        for list in idx.surnames.values_mut() {
            list.sort();
            list.dedup();
        }
        idx
    }

    fn add(&mut self, kind: EntityKind, id: &str, names: impl Iterator<Item = String>) {
        let mut seen = BTreeSet::new();
        for name in names {
            let words = words_of(&name);
            if words.is_empty() {
                continue;
            }
            let sig: Vec<String> = words.iter().map(|w| w.folded.clone()).collect();
            if !seen.insert(sig) {
                continue;
            }
            let k = key(&words[0].folded);
            self.by_key.entry(k).or_default().push(self.variants.len());
            self.variants.push(Variant { kind, id: id.to_string(), words });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name → its words as matched: folded, then `^` capitalised, `!` abbreviation, `.` initial.
    const WORDS: &[(&str, &[&str])] = &[
        ("Казахстан", &["казахстан^"]),
        ("казахстанский", &["казахстанский"]),
        ("РК", &["рк^!"]),
        ("КНР", &["кнр^!"]),
        ("ШЫҰ", &["шыұ^!"]),
        ("А.Арипов", &["а^.", "арипов^"]),
        ("Олжас Абайұлы Бектенов", &["олжас^", "абайұлы^", "бектенов^"]),
        ("Совет глав правительств", &["совет^", "глав", "правительств"]),
        ("18-е заседание СГП ШОС", &["18-е", "заседание", "сгп^!", "шос^!"]),
        ("Ёлка", &["елка^"]),
        ("", &[]),
    ];

    fn show(w: &VarWord) -> String {
        let mut s = w.folded.clone();
        for (flag, mark) in [(w.capitalized, '^'), (w.abbrev, '!'), (w.initial, '.')] {
            if flag {
                s.push(mark);
            }
        }
        s
    }

    #[test]
    fn names_split_into_words_to_match() {
        for (name, want) in WORDS {
            let got: Vec<String> = words_of(name).iter().map(show).collect();
            assert_eq!(got, *want, "{name}");
        }
    }

    /// An entity id → the variants the index holds for it, words joined by spaces.
    const VARIANTS: &[(&str, &[&str])] = &[
        (
            "kazakhstan",
            &[
                "қазақстан",
                "казахстан",
                "қазақстан республикасы",
                "республика казахстан",
                "рк",
                "казахстанский",
            ],
        ),
        (
            "bektenov",
            &["олжас бектенов", "олжас абайұлы бектенов", "олжас абаевич бектенов", "о бектенов"],
        ),
        ("aripov", &["абдулла арипов", "а арипов"]),
        (
            "sco",
            &["шанхай ынтымақтастық ұйымы", "шанхайская организация сотрудничества", "шыұ", "шос"],
        ),
        ("tashkent", &["ташкент"]),
        ("sgp-2019", &["18-е заседание сгп шос"]),
        ("islamabad", &[]),
    ];

    #[test]
    fn every_name_and_alias_is_a_variant_once() {
        let index = EntityIndex::new(&crate::import::mentions::test_corpus::corpus());
        for (id, want) in VARIANTS {
            let got: Vec<String> = index
                .variants
                .iter()
                .filter(|v| v.id == *id)
                .map(|v| v.words.iter().map(|w| w.folded.as_str()).collect::<Vec<_>>().join(" "))
                .collect();
            assert_eq!(got, *want, "{id}");
        }
    }

    #[test]
    fn surnames_and_events_are_kept() {
        let index = EntityIndex::new(&crate::import::mentions::test_corpus::corpus());
        let surnames: Vec<(&str, &[String])> =
            index.surnames.iter().map(|(s, ids)| (s.as_str(), ids.as_slice())).collect();
        assert_eq!(
            surnames,
            [("арипов", &["aripov".to_string()][..]), ("бектенов", &["bektenov".to_string()][..])]
        );
        let events: Vec<&str> = index.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(events, ["sgp-2019", "sgp-2024", "summit-2024"]);
        assert_eq!(key("шанхайская"), "шан");
    }
}
