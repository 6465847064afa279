//! Spotting names of people and bodies that match no entity file: a person-like name next to a
//! position word, or a capitalised adjective before an organization's head noun.

use std::collections::BTreeMap;

use super::found::Candidate;
use crate::text::Token;
use crate::text::stem::{kk_inflects_folded, ru_inflects_folded, ru_stem};

/// Words for positions that stand next to a person's name: Russian (before the name, in any
/// case form) and Kazakh (the possessive form before the name: «Премьер-министрі Олжас Бектенов»).
const TITLES_RU: [&str; 17] = [
    "премьер-министр",
    "президент",
    "министр",
    "секретарь",
    "председатель",
    "глава",
    "заместитель",
    "вице-премьер",
    "посол",
    "губернатор",
    "аким",
    "мэр",
    "сопредседатель",
    "директор",
    "руководитель",
    "спикер",
    "премьер",
];
const TITLES_KK: [&str; 11] = [
    "премьер-министр",
    "президент",
    "министр",
    "хатшы",
    "төраға",
    "басшы",
    "орынбасар",
    "вице-премьер",
    "әкім",
    "елші",
    "кеңесші",
];

/// Head nouns of organization names, in the nominative; matched in any case form.
const ORG_HEADS_RU: [&str; 17] = [
    "министерство",
    "комитет",
    "агентство",
    "фонд",
    "банк",
    "ассоциация",
    "палата",
    "корпорация",
    "консорциум",
    "центр",
    "комиссия",
    "организация",
    "союз",
    "институт",
    "университет",
    "служба",
    "объединение",
];
const ORG_HEADS_KK: [&str; 6] = ["министрлік", "комитет", "агенттік", "қор", "банк", "орталық"];

fn is_title_word(t: &Token) -> bool {
    let word = t.folded.as_str();
    if TITLES_RU.iter().any(|w| word.strip_prefix(w).is_some_and(|r| r.starts_with('-'))) {
        return true;
    }
    // A form of a position word starts with its first letter (the stem is a prefix of both) and
    // is at most ten letters longer; any other token is no position word, unstemmed: stemming
    // every token against every position word made a long fuzzed page take over ten seconds.
    if word.chars().count() > 25 {
        return false;
    }
    let first = word.chars().next();
    TITLES_RU.iter().any(|w| w.chars().next() == first && ru_inflects_folded(word, w))
        || TITLES_KK.iter().any(|w| kk_inflects_folded(word, w))
}

/// A Russian adjective form (Евразийский, Азиатского, Межбанковское).
fn is_adjective(folded: &str) -> bool {
    [
        "ий", "ый", "ой", "ая", "ое", "ее", "ие", "ые", "ого", "его", "ому", "ему", "ую", "ых",
        "их", "ым", "им",
    ]
    .iter()
    .any(|e| folded.ends_with(e))
        && folded.chars().count() > 4
}

fn is_org_head(t: &Token) -> bool {
    ORG_HEADS_RU.iter().any(|w| ru_inflects_folded(&t.folded, w))
        || ORG_HEADS_KK.iter().any(|w| kk_inflects_folded(&t.folded, w))
}

pub(super) fn candidates(toks: &[Token], covered: &[bool]) -> Vec<Candidate> {
    let mut found: BTreeMap<String, Candidate> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut note = |kind: &'static str, key: String, form: String| {
        let c = found.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Candidate { kind, name: form.clone(), forms: Vec::new(), count: 0 }
        });
        c.count += 1;
        // The shortest form is most often the nominative (Шаккалиев, not Шаккалиевым).
        if form.chars().count() < c.name.chars().count() {
            c.name = form.clone();
        }
        if !c.forms.contains(&form) {
            c.forms.push(form);
        }
    };
    // Whether each token is a position word, stemmed once per token: asked up to ten times
    // for each, with a Snowball stem per title word, it made a long text of capitalised words
    // (a fuzzed 48 KB page) take over ten seconds.
    let title: Vec<bool> = toks.iter().map(is_title_word).collect();
    let mut i = 0;
    while i < toks.len() {
        // People: a name (initials + surname, or two or three capitalised words) next to a
        // position word.
        let name_len = person_name_at(toks, covered, &title, i);
        if name_len > 0 {
            let before = title[i.saturating_sub(7)..i].iter().any(|t| *t);
            let after = title.get(i + name_len).is_some_and(|t| *t);
            if before || after {
                let words: Vec<&Token> = toks[i..i + name_len].iter().collect();
                let form = join_name(&words);
                let last = words.last().map(|w| ru_stem(&w.folded)).unwrap_or_default();
                let key = format!("p:{last}");
                note("person", key, form);
                i += name_len;
                continue;
            }
        }
        // Organizations: a capitalised adjective (not opening a sentence) before a head noun,
        // and up to two lowercase words after it: «Евразийский банк развития».
        let t = &toks[i];
        if t.capitalized
            && !t.all_caps
            && !covered[i]
            && !t.sentence_start
            && is_adjective(&t.folded)
            && toks.get(i + 1).is_some_and(|n| is_org_head(n) && !covered[i + 1])
        {
            let mut end = i + 2;
            while end < toks.len()
                && end < i + 4
                && !covered[end]
                && !toks[end].sentence_start
                && !toks[end].capitalized
                && toks[end].folded.chars().count() > 3
            {
                end += 1;
            }
            let form = toks[i..end].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            let key = format!(
                "o:{}",
                toks[i..i + 2]
                    .iter()
                    .map(|t| t.folded.chars().take(5).collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            note("organization", key, form);
            i = end;
            continue;
        }
        i += 1;
    }
    order.into_iter().filter_map(|k| found.remove(&k)).collect()
}

/// Length of a person-like name starting at `i`: initials + surname, or 2–3 capitalised words
/// none of which is a known entity or an abbreviation.
fn person_name_at(toks: &[Token], covered: &[bool], title: &[bool], i: usize) -> usize {
    let ok = |j: usize| {
        j < toks.len() && !covered[j] && toks[j].capitalized && !toks[j].all_caps && !title[j]
    };
    let mut j = i;
    while j < toks.len() && toks[j].initial && !covered[j] {
        j += 1;
    }
    if j > i && ok(j) {
        return j + 1 - i;
    }
    if !ok(i) || !ok(i + 1) || toks[i + 1].sentence_start || toks[i].sentence_start {
        return 0;
    }
    if ok(i + 2) && !toks[i + 2].sentence_start { 3 } else { 2 }
}

fn join_name(words: &[&Token]) -> String {
    let mut s = String::new();
    for w in words {
        s.push_str(w.text);
        s.push(if w.initial { '.' } else { ' ' });
    }
    s.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// A sentence naming no known entity → its candidates, as `kind:name×count`.
    const CASES: &[(&str, &[&str])] = &[
        // A Russian position word before a name, in an oblique case.
        (
            "Встреча с министром иностранных дел Мурат Нуртлеу прошла в среду.",
            &["person:Мурат Нуртлеу×1"],
        ),
        // Initials and a surname, named twice within reach of the position word. Today the two
        // forms stay apart: their keys are the Snowball stems of the surname, which differ.
        (
            "Заявление сделал заместитель министра Р.Т.Шаккалиев. Позже с Р.Т.Шаккалиевым говорили.",
            &["person:Р.Т.Шаккалиев×1", "person:Р.Т.Шаккалиевым×1"],
        ),
        // A Kazakh possessive position word before the name.
        (
            "Үкімет басшысы Премьер-министрі Олжас Бектенов сөз сөйледі.",
            &["person:Олжас Бектенов×1"],
        ),
        // A position word after the name.
        (
            "Как отметил Алихан Смаилов, председатель комиссии, работа идет.",
            &["person:Алихан Смаилов×1"],
        ),
        // Two capitalised words with no position word near are no candidate.
        ("Вчера в городе Алихан Смаилов открыл выставку.", &[]),
        // An organization: a capitalised adjective before a head noun, then lowercase words.
        (
            "Средства выделит Евразийский банк развития в этом году.",
            &["organization:Евразийский банк развития×1"],
        ),
        // The head noun in an oblique case.
        (
            "Договор с Азиатским банком инфраструктурных инвестиций.",
            &["organization:Азиатским банком инфраструктурных инвестиций×1"],
        ),
        // An adjective opening a sentence is not taken.
        ("Евразийский банк развития выделит средства.", &[]),
        // Abbreviations in capitals are neither people nor adjectives.
        ("Премьер-министр РК ЕАЭС заявил.", &[]),
        // The same person twice counts twice.
        ("Посол Ли Мин вручил грамоты. Посол Ли Мин уехал.", &["person:Ли Мин×2"]),
    ];

    #[test]
    fn names_with_no_entity_file_are_spotted() {
        for (text, want) in CASES {
            let toks = tokenize(text);
            let got: Vec<String> = candidates(&toks, &vec![false; toks.len()])
                .into_iter()
                .map(|c| format!("{}:{}×{}", c.kind, c.name, c.count))
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    /// A word → whether it is a position word.
    const TITLES: &[(&str, bool)] = &[
        ("министр", true),
        ("министром", true),
        ("Премьер-министра", true),
        ("вице-премьер-министр", true),
        ("төрағасы", true),
        ("әкімі", true),
        ("заместителя", true),
        ("Алихан", false),
        ("министерство", false),
    ];

    #[test]
    fn position_words_in_any_form() {
        for (word, want) in TITLES {
            assert_eq!(is_title_word(&tokenize(word)[0]), *want, "{word}");
        }
    }

    #[test]
    fn names_join_initials_with_dots() {
        let toks = tokenize("Р.Т. Шаккалиев");
        assert_eq!(join_name(&toks.iter().collect::<Vec<_>>()), "Р.Т.Шаккалиев");
    }
}
