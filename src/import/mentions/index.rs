//! The entity index: every name and alias of the entity files, split into words, with the
//! surnames of people and what event scoring needs of each event.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::forms::{self, loose};
use super::parts::split;
use crate::content::{Corpus, EntityKind, Event, Names, OrgType, Organization, PartialDate};
use crate::text::stem::kk_stem_folded;
use crate::text::{Token, tokenize};

/// One word of a name variant.
#[derive(Debug, Clone)]
pub(super) struct VarWord {
    pub(super) folded: String,
    pub(super) capitalized: bool,
    pub(super) abbrev: bool,
    pub(super) initial: bool,
    /// Its Kazakh stem (see [`kk_stem_folded`]).
    pub(super) stem: String,
}

/// A name variant of an entity: the words to match.
#[derive(Debug, Clone)]
pub(super) struct Variant {
    pub(super) kind: EntityKind,
    pub(super) id: String,
    pub(super) words: Vec<VarWord>,
    /// A body's name without its parent's («Совет глав правительств» of «Совет глав
    /// правительств СНГ»): it names the body only in a text that names the parent too.
    pub(super) needs_parent: Option<String>,
}

/// Matchable names of every entity, indexed by the first letters of their first word.
pub struct EntityIndex {
    pub(super) variants: Vec<Variant>,
    pub(super) by_key: HashMap<String, Vec<usize>>,
    /// Surnames (last word of a person's names), for surname-only mentions after a full one.
    pub(super) surnames: BTreeMap<String, Vec<String>>,
    pub(super) events: Vec<EventInfo>,
    /// The parent organization of each body.
    pub(super) parents: HashMap<String, String>,
    /// National bodies (a government, a state council).
    pub(super) national: BTreeSet<String>,
    /// Each person's names and aliases, for near duplicates among candidates.
    pub(super) people: BTreeMap<String, Vec<String>>,
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

/// The key variants are filed under: the first letters of the first word, read loosely (see
/// [`loose`]), so that «Касым-Жомарт» finds «Қасым-Жомарт».
pub(super) fn loose_key(folded: &str) -> String {
    loose(&key(folded))
}

fn words_of(name: &str) -> Vec<VarWord> {
    tokenize(name)
        .iter()
        .flat_map(split)
        .map(|t| VarWord {
            folded: t.folded.clone(),
            capitalized: t.capitalized,
            abbrev: t.all_caps && t.text.chars().count() <= 6,
            initial: t.initial || is_initial_letter(&t, name),
            stem: kk_stem_folded(&t.folded),
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
            parents: HashMap::new(),
            national: BTreeSet::new(),
            people: BTreeMap::new(),
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
            if let Some(o) = e.get::<Organization>() {
                if let Some(p) = &o.parent {
                    idx.parents.insert(id.clone(), p.clone());
                }
                if o.org_type == Some(OrgType::National) {
                    idx.national.insert(id.clone());
                }
            }
            let mut own = names(e.names());
            own.extend(e.data.other_names().map(names).unwrap_or_default());
            if kind == EntityKind::Person {
                let initialled: Vec<String> = own.iter().filter_map(|n| initialled(n)).collect();
                own.extend(initialled);
                let all = own.iter().chain(e.aliases()).cloned();
                idx.people.entry(id.clone()).or_default().extend(all);
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
        idx.derive_references();
        idx.derive_meetings();
        idx
    }

    /// A council whose name starts with its word for council («Совет глав правительств СНГ»)
    /// is also named by a meeting of it («встреча / саммит глав правительств СНГ»); these
    /// variants start with the meeting word (see [`forms::MEETINGS_RU`]), so they are filed
    /// under its letters. (A Kazakh council word comes last and is matched in place.)
    fn derive_meetings(&mut self) {
        let councils: Vec<Variant> = self
            .variants
            .iter()
            .filter(|v| {
                v.kind == EntityKind::Organization
                    && v.words.len() >= 3
                    && v.words[0].folded.starts_with("совет")
            })
            .cloned()
            .collect();
        for v in councils {
            for m in forms::MEETINGS_RU {
                let mut words = v.words.clone();
                words[0] = words_of(m).remove(0);
                let k = loose_key(&words[0].folded);
                self.by_key.entry(k).or_default().push(self.variants.len());
                self.variants.push(Variant { words, ..v.clone() });
            }
        }
    }

    /// More variants of organizations whose names contain another entity's name (a parent,
    /// a country): that name in any of its other forms («Совет глав государств ШОС» →
    /// «… Шанхайской организации сотрудничества», «Государственный совет КНР» → «… Китая»),
    /// and a body's name without its parent's, which needs the parent named elsewhere (see
    /// [`Variant::needs_parent`]).
    fn derive_references(&mut self) {
        let base = self.variants.clone();
        let sig = |w: &[VarWord]| w.iter().map(|w| w.folded.clone()).collect::<Vec<_>>();
        let mut seen: BTreeSet<(String, Vec<String>)> =
            base.iter().map(|v| (v.id.clone(), sig(&v.words))).collect();
        for v in base.iter().filter(|v| v.kind == EntityKind::Organization) {
            let parent = self.parents.get(&v.id).cloned();
            for r in &base {
                let is_parent = parent.as_ref() == Some(&r.id);
                if !(is_parent || r.kind == EntityKind::Country) || r.words.len() >= v.words.len() {
                    continue;
                }
                let n = r.words.len();
                let Some(at) =
                    (0..=v.words.len() - n).find(|&i| sig(&v.words[i..i + n]) == sig(&r.words))
                else {
                    continue;
                };
                let mut push = |words: Vec<VarWord>, needs_parent: Option<String>| {
                    if seen.insert((v.id.clone(), sig(&words))) {
                        let k = loose_key(&words[0].folded);
                        self.by_key.entry(k).or_default().push(self.variants.len());
                        let id = v.id.clone();
                        self.variants.push(Variant { kind: v.kind, id, words, needs_parent });
                    }
                };
                let others = base
                    .iter()
                    .filter(|o| o.id == r.id && (o.words.len() != 1 || o.words[0].capitalized));
                for o in others {
                    let mut words = v.words[..at].to_vec();
                    words.extend(o.words.iter().cloned());
                    words.extend(v.words[at + n..].iter().cloned());
                    push(words, v.needs_parent.clone());
                }
                let rest: Vec<VarWord> =
                    v.words[..at].iter().chain(&v.words[at + n..]).cloned().collect();
                if is_parent && rest.len() >= 2 {
                    push(rest, Some(r.id.clone()));
                }
            }
        }
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
            let k = loose_key(&words[0].folded);
            self.by_key.entry(k).or_default().push(self.variants.len());
            self.variants.push(Variant { kind, id: id.to_string(), words, needs_parent: None });
        }
    }
}

/// A person's name with the given names as initials, the way official reports write it
/// («Абдулла Нигматович Арипов» → «А.Н.Арипов», «Олжас Бектенов» → «О.Бектенов»): a name of
/// two or three words, none of them an initial already.
fn initialled(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let ([given @ .., last], 2..=3) = (words.as_slice(), words.len()) else { return None };
    if words.iter().any(|w| w.contains('.') || w.chars().count() < 2) {
        return None;
    }
    let initials: String =
        given.iter().filter_map(|w| w.chars().next()).map(|c| format!("{c}.")).collect();
    Some(format!("{initials}{last}"))
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
        // A hyphenated word is matched part by part.
        ("18-е заседание СГП ШОС", &["18", "е", "заседание", "сгп^!", "шос^!"]),
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
            &[
                "олжас бектенов",
                "олжас абайұлы бектенов",
                "олжас абаевич бектенов",
                "о бектенов",
                "о а бектенов",
            ],
        ),
        ("aripov", &["абдулла арипов", "а арипов"]),
        (
            "sco",
            &["шанхай ынтымақтастық ұйымы", "шанхайская организация сотрудничества", "шыұ", "шос"],
        ),
        ("tashkent", &["ташкент"]),
        ("sgp-2019", &["18 е заседание сгп шос"]),
        ("islamabad", &[]),
    ];

    #[test]
    fn given_names_as_initials() {
        assert_eq!(initialled("Абдулла Нигматович Арипов").as_deref(), Some("А.Н.Арипов"));
        assert_eq!(initialled("Олжас Бектенов").as_deref(), Some("О.Бектенов"));
        assert_eq!(initialled("Арипов"), None);
        assert_eq!(initialled("А.Арипов"), None);
        assert_eq!(initialled("Ли Мин Хо Чан"), None);
    }

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
