//! Finding the entities a text names: each name variant matched word by word in any case form,
//! the parts of lowercase compound adjectives, and surnames alone after a full name.

use std::collections::BTreeMap;

use super::found::Hit;
use super::index::{EntityIndex, VarWord, key};
use crate::content::EntityKind;
use crate::text::Token;
use crate::text::stem::{kk_inflects_folded, ru_inflects_folded};

/// Whether a word of running text is a form of a word of a name.
fn word_matches(t: &Token, w: &VarWord) -> bool {
    if w.abbrev {
        return t.all_caps && t.folded == w.folded;
    }
    if w.initial {
        return t.initial && t.folded == w.folded;
    }
    if w.capitalized && !t.capitalized {
        return false;
    }
    t.folded == w.folded
        || ru_inflects_folded(&t.folded, &w.folded)
        || kk_inflects_folded(&t.folded, &w.folded)
}

/// Surname alone, once the person was named in full (or with initials) earlier; marks the
/// surnames it finds as `covered`.
pub(super) fn surname_hits(
    index: &EntityIndex,
    toks: &[Token],
    hits: &[Hit],
    covered: &mut [bool],
) -> Vec<Hit> {
    let mut extra = Vec::new();
    let mut first_at: BTreeMap<String, usize> = BTreeMap::new();
    for h in hits {
        if h.kind == EntityKind::Person {
            first_at.entry(h.id.clone()).or_insert(h.start);
        }
    }
    for (i, t) in toks.iter().enumerate() {
        if covered[i] || !t.capitalized {
            continue;
        }
        // Only surnames sharing the word's first letters can match it.
        let prefix = key(&t.folded);
        let person = index
            .surnames
            .range(prefix.clone()..)
            .take_while(|(s, _)| s.starts_with(&prefix))
            .filter(|(s, ids)| {
                ids.len() == 1
                    && (t.folded == **s
                        || ru_inflects_folded(&t.folded, s)
                        || kk_inflects_folded(&t.folded, s))
            })
            .map(|(_, ids)| &ids[0])
            .find(|id| first_at.get(*id).is_some_and(|&f| f < i));
        if let Some(id) = person {
            extra.push(Hit { kind: EntityKind::Person, id: id.clone(), start: i, end: i + 1 });
            covered[i] = true;
        }
    }
    extra
}

pub(super) fn raw_hits(index: &EntityIndex, toks: &[Token]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        compound_hits(index, t, i, &mut hits);
        let Some(list) = index.by_key.get(&key(&t.folded)) else { continue };
        for &v in list {
            let var = &index.variants[v];
            let n = var.words.len();
            if i + n > toks.len() {
                continue;
            }
            if var.words.iter().zip(&toks[i..i + n]).all(|(w, t)| word_matches(t, w)) {
                hits.push(Hit { kind: var.kind, id: var.id.clone(), start: i, end: i + n });
            }
        }
    }
    hits
}

/// Parts of a lowercase compound adjective: «казахстанско-китайской» names Kazakhstan
/// (казахстанско → казахстанский) and China (китайской), through single-word lowercase aliases.
fn compound_hits(index: &EntityIndex, t: &Token, i: usize, hits: &mut Vec<Hit>) {
    if !t.folded.contains('-') || t.capitalized {
        return;
    }
    let parts: Vec<&str> = t.folded.split('-').collect();
    for (n, part) in parts.iter().enumerate() {
        let form = match part.strip_suffix('о') {
            Some(stem) if n + 1 < parts.len() => format!("{stem}ий"),
            _ => part.to_string(),
        };
        let Some(list) = index.by_key.get(&key(&form)) else { continue };
        for &v in list {
            let var = &index.variants[v];
            if let [w] = var.words.as_slice()
                && !w.capitalized
                && !w.abbrev
                && (w.folded == form || ru_inflects_folded(&form, &w.folded))
            {
                hits.push(Hit { kind: var.kind, id: var.id.clone(), start: i, end: i + 1 });
            }
        }
    }
}

/// Drops a hit lying inside a longer hit of the same entity (two variants of one name). A name
/// inside another entity's name still counts: «Госсовета КНР» names China as well as the State
/// Council, and «Экономической и социальной комиссии ООН» names the UN.
pub(super) fn drop_nested(hits: Vec<Hit>) -> Vec<Hit> {
    let keep: Vec<bool> = hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            !hits.iter().enumerate().any(|(j, o)| {
                o.id == h.id
                    && o.start <= h.start
                    && o.end >= h.end
                    && ((o.end - o.start) > (h.end - h.start) || j < i)
            })
        })
        .collect();
    hits.into_iter().zip(keep).filter(|(_, k)| *k).map(|(h, _)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::mentions::test_corpus::corpus;
    use crate::text::tokenize;

    /// A sentence → the entities it names, hit by hit in text order.
    const CASES: &[(&str, &[&str])] = &[
        // Russian oblique cases of a country and of a multi-word name.
        ("Делегация Казахстана прибыла в Китай.", &["kazakhstan", "china"]),
        ("Премьер-министр Республики Казахстан выступил в Ташкенте.", &["kazakhstan", "tashkent"]),
        // Kazakh case endings.
        ("Қазақстанның делегациясы Ташкентке барды.", &["kazakhstan", "tashkent"]),
        ("Шанхай ынтымақтастық ұйымының саммиті Астанада өтті.", &["sco", "astana"]),
        // Abbreviations only in capitals: «шос» in lowercase is no name.
        ("Саммит ШОС и делегация КНР.", &["sco", "china"]),
        ("саммит шос", &[]),
        // Initials, then the surname alone later; the surname alone first is not matched.
        ("О.Бектенов встретился с Ариповым. Бектенов отметил рост.", &["bektenov", "bektenov"]),
        ("Бектенов отметил рост.", &[]),
        (
            "Олжас Бектенов и Абдулла Арипов. Арипову передали письмо.",
            &["bektenov", "aripov", "aripov"],
        ),
        // A lowercase compound adjective names both countries.
        ("казахстанско-китайской комиссии", &["kazakhstan", "china"]),
        // A name inside another entity's name counts; a shorter variant of the same does not.
        (
            "заседание Совета глав правительств государств — членов ШОС",
            &["sco-heads-of-government", "sco"],
        ),
        ("18-е заседание СГП ШОС", &["sgp-2019", "sco-heads-of-government", "sco"]),
    ];

    fn hits_of(text: &str) -> Vec<String> {
        let index = EntityIndex::new(&corpus());
        let toks = tokenize(text);
        let mut hits = drop_nested(raw_hits(&index, &toks));
        let mut covered = vec![false; toks.len()];
        for h in &hits {
            covered[h.start..h.end].iter_mut().for_each(|c| *c = true);
        }
        hits.extend(surname_hits(&index, &toks, &hits.clone(), &mut covered));
        hits.sort_by_key(|h| (h.start, h.end));
        hits.into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn names_are_found_in_any_form() {
        for (text, want) in CASES {
            assert_eq!(hits_of(text), *want, "{text}");
        }
    }

    #[test]
    fn a_capitalised_name_word_needs_a_capital_in_the_text() {
        let index = EntityIndex::new(&corpus());
        let toks = tokenize("ташкент Ташкенте");
        let hits = raw_hits(&index, &toks);
        let spans: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
        assert_eq!(spans, [(1, 2)]);
    }
}
