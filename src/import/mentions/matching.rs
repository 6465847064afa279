//! Finding the entities a text names: each name variant matched word by word in any case form,
//! the parts of lowercase compound adjectives, and surnames alone after a full name.

use std::collections::{BTreeMap, BTreeSet};

use super::forms;
use super::found::Hit;
use super::index::{EntityIndex, VarWord, Variant, key, loose_key};
use super::parts::Parts;
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
        || forms::kk_form_of(&t.folded, &w.folded)
}

/// How a variant's words may be matched, by the kind of entity.
struct Rules {
    /// Organizations and countries: the common words of a multi-word name in any letter case
    /// («совета глав правительств СНГ»), compared by their Kazakh stems too (мемлекеттер /
    /// мемлекеттері), with membership words carried or dropped and a meeting for a council
    /// (see [`forms`]). People and places keep their capitals: a lower-case «михаил мишустин» is
    /// a tag list, not a mention.
    loose_words: bool,
    /// Which word may be spelt a little differently ([`forms::near_name`]): a person's last
    /// name word after the others matched, or a country's name.
    near_from: usize,
}

impl Rules {
    fn of(var: &Variant) -> Rules {
        let n = var.words.len();
        let org_or_country = matches!(var.kind, EntityKind::Country | EntityKind::Organization);
        let near_from = match var.kind {
            EntityKind::Person if n >= 2 => n - 1,
            EntityKind::Country => 0,
            _ => usize::MAX,
        };
        Rules { loose_words: org_or_country && n >= 2, near_from }
    }
}

/// Whether part `p` of the text matches word `k` of `var`.
fn part_matches(parts: &Parts, p: usize, var: &Variant, k: usize, rules: &Rules) -> bool {
    let (t, w) = (&parts.parts[p], &var.words[k]);
    if word_matches(t, w) {
        return true;
    }
    if w.abbrev || w.initial || t.all_caps {
        return false;
    }
    if k >= rules.near_from
        && w.capitalized
        && t.capitalized
        && forms::near_name(&t.folded, &w.folded)
    {
        return true;
    }
    if !rules.loose_words {
        return false;
    }
    let letters = t.folded.chars().count();
    ru_inflects_folded(&t.folded, &w.folded)
        || forms::kk_form_of(&t.folded, &w.folded)
        || (letters >= 4 && {
            let stem = parts.stem(p);
            stem.chars().count() >= 3 && stem == w.stem
                || forms::meeting_for_council(&t.folded, &w.folded, stem)
        })
}

/// One past the last part of `var` matched at part `i`, if it matches there. Membership words
/// ([`forms::is_filler`]) of an organization's or a country's name may be missing from the text
/// or added to it.
fn match_at(parts: &Parts, i: usize, var: &Variant) -> Option<usize> {
    let rules = Rules::of(var);
    let (mut k, mut p) = (0, i);
    while k < var.words.len() {
        if p < parts.parts.len() && part_matches(parts, p, var, k, &rules) {
            k += 1;
            p += 1;
        } else if rules.loose_words && k > 0 && forms::is_filler(&var.words[k].folded) {
            k += 1;
        } else if rules.loose_words
            && p > i
            && p < parts.parts.len()
            && !parts.parts[p].sentence_start
            && forms::is_filler(&parts.parts[p].folded)
        {
            p += 1;
        } else {
            return None;
        }
    }
    Some(p)
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

/// Every variant matched at every word of the text. A body's name without its parent's counts
/// only when the text names the parent, and only when no other body of that name qualifies.
pub(super) fn raw_hits(index: &EntityIndex, toks: &[Token]) -> Vec<Hit> {
    let parts = Parts::new(toks);
    let mut hits = Vec::new();
    let mut wanting: Vec<(Hit, String)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        compound_hits(index, t, i, &mut hits);
    }
    for (i, t) in parts.parts.iter().enumerate() {
        let Some(list) = index.by_key.get(&loose_key(&t.folded)) else { continue };
        for &v in list {
            let var = &index.variants[v];
            let Some(end) = match_at(&parts, i, var) else { continue };
            if heads_of_many(index, &parts, (i, end), var) || region_of(&parts, end, var) {
                continue;
            }
            let hit = Hit {
                kind: var.kind,
                id: var.id.clone(),
                start: parts.owner[i],
                end: parts.owner[end - 1] + 1,
            };
            match &var.needs_parent {
                Some(parent) => wanting.push((hit, parent.clone())),
                None => hits.push(hit),
            }
        }
    }
    let named: BTreeSet<String> = hits.iter().map(|h| h.id.clone()).collect();
    for (hit, parent) in &wanting {
        let rivals = wanting.iter().filter(|(h, p)| {
            h.start == hit.start && h.end == hit.end && h.id != hit.id && named.contains(p)
        });
        if named.contains(parent) && rivals.count() == 0 {
            hits.push(hit.clone());
        }
    }
    hits.sort_by_key(|h| (h.start, h.end));
    hits
}

/// Whether a national body's name comes with a plural word for heads: «главы правительств
/// Казахстана и Киргизии», «Үкімет басшылары» speak of the heads of several governments, not of
/// the one body.
fn heads_of_many(index: &EntityIndex, parts: &Parts, span: (usize, usize), var: &Variant) -> bool {
    let plural_heads = |t: &Token| {
        t.folded.starts_with("басшылар") || ["главы", "глав"].contains(&t.folded.as_str())
    };
    let (start, end) = span;
    index.national.contains(&var.id)
        && (parts.parts.get(end).is_some_and(|t| !t.sentence_start && plural_heads(t))
            || (start > 0
                && !parts.parts[start].sentence_start
                && plural_heads(&parts.parts[start - 1])))
}

/// Whether a place's name is followed by a word for a region or district: «Ақмола облысы»,
/// «Алматы облысының», «Бурабай ауданы» name the region, not the town (nor the capital whose old
/// name the region kept).
fn region_of(parts: &Parts, end: usize, var: &Variant) -> bool {
    var.kind == EntityKind::Place
        && parts.parts.get(end).is_some_and(|t| {
            !t.sentence_start
                && ["облыс", "област", "аудан", "район"].iter().any(|r| t.folded.starts_with(r))
        })
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
        let Some(list) = index.by_key.get(&loose_key(&form)) else { continue };
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

/// Drops a hit lying inside a longer hit of the same entity (two variants of one name), and
/// an organization's hit inside a longer organization's name that it is no parent of: the
/// longest name wins («Үкімет басшылары кеңесі», a council of heads of government, does not
/// name the «Үкімет» it contains). A country inside another entity's name still counts
/// («Госсовета КНР» names China as well as the State Council), and so does a parent
/// («Экономической и социальной комиссии ООН» names the UN).
pub(super) fn drop_nested(index: &EntityIndex, hits: Vec<Hit>) -> Vec<Hit> {
    let is_ancestor = |inner: &str, outer: &str| {
        let mut at = index.parents.get(outer);
        for _ in 0..8 {
            match at {
                Some(p) if p == inner => return true,
                Some(p) => at = index.parents.get(p),
                None => return false,
            }
        }
        false
    };
    let keep: Vec<bool> = hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            !hits.iter().enumerate().any(|(j, o)| {
                let inside = o.start <= h.start && o.end >= h.end;
                let longer = (o.end - o.start) > (h.end - h.start);
                let same = o.id == h.id && inside && (longer || j < i);
                let other_org = o.id != h.id
                    && inside
                    && longer
                    && h.kind == EntityKind::Organization
                    && o.kind == EntityKind::Organization
                    && !is_ancestor(&h.id, &o.id);
                same || other_org
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
        // A body's name in lower case, joined by hyphens, with the parent in another form.
        (
            "на заседании совета глав-правительств государств-членов Шанхайской организации сотрудничества",
            &["sco-heads-of-government", "sco"],
        ),
        // A meeting of a council for the council.
        ("саммит глав правительств государств — членов ШОС", &["sco-heads-of-government", "sco"]),
        // A membership word of the name not in the text, and one the name has not in the text.
        ("Совет глав правительств государств ШОС", &["sco-heads-of-government", "sco"]),
        ("ШЫҰ мүше Үкімет басшылары кеңесі", &["sco", "sco-heads-of-government"]),
        // A body without its parent's name: only when the text names the parent.
        (
            "ШОС. Прошел совет глав правительств государств-членов.",
            &["sco", "sco-heads-of-government"],
        ),
        ("Прошел совет глав правительств государств-членов.", &[]),
        // Kazakh stems: the possessive moved to another word of the name.
        ("ШЫҰ-ға мүше үкімет басшылары кеңесінің отырысы", &["sco", "sco-heads-of-government"]),
        // A name spelt a little differently: Kazakh letters read as Russian, one letter more.
        ("Делегация прибыла в Кытай.", &["china"]),
        ("Олжас Бекктенов выступил.", &["bektenov"]),
        // …but only the last word of a person's name, and only a long one.
        ("Олжаз Бектенов выступил.", &[]),
        // A town's name before a word for region names the region.
        ("Ташкент облысының әкімі келді. Ташкентте жиын өтті.", &["tashkent"]),
    ];

    fn hits_of(text: &str) -> Vec<String> {
        let index = EntityIndex::new(&corpus());
        let toks = tokenize(text);
        let mut hits = drop_nested(&index, raw_hits(&index, &toks));
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
