//! Word rules of the index: which folded words are indexed (length, stop words), the stem a word
//! is indexed under in its document's language, and the weight of a term in a document.

use std::collections::BTreeSet;

use crate::text::stem::{KK_CASES, kk_stem_folded, ru_key};

/// Words longer than this (in characters) are not indexed (URLs, garbage).
const MAX_WORD: usize = 40;

/// Function words not worth an index entry: they occur in nearly every text. The list is shipped
/// in `meta.json`, so the browser drops the same words from a query.
pub(crate) const STOP_WORDS: [&str; 52] = [
    // Russian
    "и",
    "в",
    "во",
    "на",
    "с",
    "со",
    "по",
    "о",
    "об",
    "от",
    "до",
    "за",
    "из",
    "к",
    "ко",
    "у",
    "для",
    "при",
    "а",
    "но",
    "не",
    "что",
    "как",
    "это",
    "его",
    "ее",
    "их",
    "же",
    "ли",
    "бы",
    "то",
    "или",
    "также",
    "который",
    "которые",
    // Kazakh
    "және",
    "мен",
    "бен",
    "пен",
    "да",
    "де",
    "та",
    "те",
    "бұл",
    "осы",
    "сол",
    "үшін",
    "деп",
    "ал",
    "туралы",
    "бойынша",
    "еді",
];

/// Whether a folded word is indexed at all.
pub(crate) fn indexable(folded: &str) -> bool {
    static STOP: std::sync::OnceLock<BTreeSet<&str>> = std::sync::OnceLock::new();
    // Byte length first: a word of 2..=40 characters has 2..=160 bytes.
    if folded.len() < 2 || folded.len() > 4 * MAX_WORD {
        return false;
    }
    // 5..=40 bytes are 2..=40 characters whatever they are; count only outside that.
    let counted =
        (5..=MAX_WORD).contains(&folded.len()) || (2..=MAX_WORD).contains(&folded.chars().count());
    // No stop word is longer than 16 bytes; most words are, and skip the set.
    counted
        && (folded.len() > 16
            || !STOP.get_or_init(|| STOP_WORDS.iter().copied().collect()).contains(folded))
}

/// Endings Kazakh writes after a hyphen besides the case endings of [`KK_CASES`]: every ending
/// of an abbreviation goes there (БҰҰ-ның, ТМД-ға, ҚХР-мен, ЖІӨ-дегі, АКТ-ны) — the commonest
/// hyphenated forms of the real Kazakh texts read for the word-form evaluation — including the
/// dative after a vowel, the possessive and the attributive locative.
const HYPHEN_MORE: [&str; 10] = ["а", "е", "сы", "сі", "ы", "і", "дағы", "дегі", "тағы", "тегі"];

/// The word a hyphenated ending hangs on: an ordinal or a number with its ending («23-е»,
/// «23-го», «8-ші», «2024-жылы») is its number, and a short word (an abbreviation) with a case
/// ending after the hyphen is that word («шыұ-ның» → «шыұ»). Other hyphenated words stay whole.
fn hyphen_head(folded: &str) -> Option<&str> {
    let (head, tail) = folded.split_once('-')?;
    let letters = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
    let number = !head.is_empty() && head.len() <= 4 && head.bytes().all(|b| b.is_ascii_digit());
    let short = head.chars().count() <= 6;
    match () {
        _ if number && letters(tail) && tail.chars().count() <= 4 => Some(head),
        _ if letters(head)
            && short
            && (KK_CASES.contains(&tail) || HYPHEN_MORE.contains(&tail)) =>
        {
            Some(head)
        }
        _ => None,
    }
}

/// The index stem of a folded word in a document of language `lang`.
pub(crate) fn stem_for(lang: &str, folded: &str) -> String {
    if let Some(head) = hyphen_head(folded) {
        return stem_for(lang, head);
    }
    match lang {
        "ru" => ru_key(folded),
        "kk" => kk_stem_folded(folded),
        _ => folded.to_string(),
    }
}

/// Per-document weight of a term: 8 when it is in the title, plus its body count capped at 7.
pub(super) fn weight(title: bool, count: u32) -> u32 {
    (if title { 8 } else { 0 }) + count.min(7)
}

/// Bit of a posting's weight that says «in the title» (as [`weight`] sets it).
pub(super) const IN_TITLE_WEIGHT: u32 = 8;

/// Bit of a word entry that says «in the title»; the three bits below count body occurrences,
/// capped at 7 (as [`weight`] caps them: a capped count per word form gives the same weight
/// once the forms of a stem are added up).
pub(super) const IN_TITLE: u16 = 8;

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::text::tokenize;

    #[test]
    fn stop_words_fit_the_length_shortcut() {
        assert!(STOP_WORDS.iter().all(|w| w.len() <= 16 && !indexable(w)));
    }

    #[test]
    fn weights_cap_the_count_and_mark_the_title() {
        assert_eq!(weight(true, 20), 15);
        assert_eq!(weight(false, 1), 1);
    }

    #[test]
    fn words_are_stemmed_in_their_language() {
        assert_eq!(stem_for("ru", "казахстана"), stem_for("ru", "казахстан"));
        assert_eq!(stem_for("kk", "қазақстанның"), stem_for("kk", "қазақстан"));
        assert_eq!(stem_for("en", "astana"), "astana");
    }

    #[test]
    fn numbers_and_abbreviations_with_a_hyphenated_ending_are_their_head() {
        // «23-е заседание» found nothing: the texts say «23-го заседания»; «БҰҰ-ның» missed «БҰҰ».
        for (a, b) in [("23-е", "23"), ("23-го", "23"), ("8-ші", "8"), ("2024-жылы", "2024")]
        {
            assert_eq!(stem_for("ru", a), stem_for("ru", b), "{a}");
        }
        for (a, b) in
            [("бұұ-ның", "бұұ"), ("тмд-ға", "тмд"), ("жіө-дегі", "жіө"), ("қхр-мен", "қхр")]
        {
            assert_eq!(stem_for("kk", a), stem_for("kk", b), "{a}");
        }
        // Other hyphenated words stay whole.
        for w in ["из-за", "кто-то", "премьер-министр", "алма-ата", "касым-жомарт"]
        {
            assert_eq!(hyphen_head(w), None, "{w}");
        }
        assert!(!indexable("и") && !indexable("және") && indexable("шос"));
    }

    /// Writes `tests/browser/fixtures/stems.json`: (language, word, stem) for a few hundred words
    /// of the shipped documents and entity names and every form of the word-form evaluation set, which `tests/browser/stems.test.mjs` checks the
    /// browser's stemmers against. Rewritten only when it changes.
    #[test]
    fn stem_pairs_for_the_browser_port() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut words: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for entry in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let lang = if text.contains("\nlang: kk") { "kk" } else { "ru" };
            for t in tokenize(&text) {
                if t.folded.chars().all(|c| ('\u{400}'..='\u{4ff}').contains(&c))
                    && indexable(&t.folded)
                {
                    let kk = t.folded.chars().any(|c| "әғқңөұүһі".contains(c));
                    words.entry(if kk { "kk" } else { lang }).or_default().insert(t.folded);
                }
            }
        }
        let mut pairs = Vec::new();
        for (lang, set) in &words {
            let all: Vec<&String> = set.iter().collect();
            let step = all.len().div_ceil(400).max(1);
            for w in all.into_iter().step_by(step) {
                pairs.push(json!([lang, w, stem_for(lang, w)]));
            }
        }
        // Every form of the word-form evaluation set, which exercises each correction rule.
        let eval = std::fs::read_to_string(root.join("tests/fixtures/wordforms/groups.txt"));
        let mut seen = BTreeSet::new();
        for line in eval.unwrap().lines().filter(|l| !l.starts_with('#')) {
            let Some((head, forms)) = line.split_once(':') else { continue };
            let Some(lang) = head.split_whitespace().nth(1) else { continue };
            for t in forms.split_whitespace().flat_map(tokenize) {
                if seen.insert((lang.to_string(), t.folded.clone())) {
                    pairs.push(json!([lang, t.folded, stem_for(lang, &t.folded)]));
                }
            }
        }
        assert!(pairs.len() > 300, "{}", pairs.len());
        let text = serde_json::to_string_pretty(&pairs).unwrap() + "\n";
        let path = root.join("tests/browser/fixtures/stems.json");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
    }
}
