//! The shape of a person's name in running text: where it ends, and its nominative.
//!
//! Kazakh puts a case ending on the last word of a noun phrase only (Си Цзиньпин*ді*, Бахтиёр
//! Саидов*пен*, Режеп Тайип Ердоған*ның*), so a name word with a case ending is the name's last,
//! and that ending comes off for the nominative. Russian declines every word; only the endings
//! no nominative has (-овым, -евым, -иным; -ову, -еву, -ину) are taken back to the nominative,
//! since a genitive «Сатбаева» is also a woman's nominative. Surnames are recognised by their
//! suffixes (-ов, -ев, -ин, -ұлы, -қызы …), the way Russian and Kazakh surnames are formed.

use crate::text::stem::{KK_CASES, kk_inflects_folded};

/// Elements Kazakh names end in that look like an accusative ending: Тілеу*берді*, Жан*келді*.
const KK_NAME_ENDS: [&str; 4] = ["берді", "келді", "гелді", "құлы"];

/// The word (folded) without a Kazakh case ending, when it has one: (stem length in bytes).
pub(super) fn kk_case_stem(folded: &str) -> Option<usize> {
    if KK_NAME_ENDS.iter().any(|e| folded.ends_with(e)) {
        return None;
    }
    KK_CASES
        .iter()
        .filter_map(|e| folded.strip_suffix(e))
        .filter(|stem| stem.chars().count() >= 3 && kk_inflects_folded(folded, stem))
        .map(str::len)
        .min()
}

/// Russian surname endings of the instrumental and dative, which no nominative has, and the
/// nominative ending each goes back to.
const RU_OBLIQUE: [(&str, &str); 6] =
    [("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ову", "ов"), ("еву", "ев"), ("ину", "ин")];

/// A name word as written → its nominative, given whether the text is Kazakh.
pub(super) fn nominative(word: &str, kazakh: bool) -> String {
    let folded = crate::text::fold(word);
    if kazakh {
        if let Some(n) = kk_case_stem(&folded) {
            // Folding keeps byte lengths of Cyrillic letters except ё (2 bytes either way).
            return word.chars().take(folded[..n].chars().count()).collect();
        }
        return word.to_string();
    }
    for (end, nom) in RU_OBLIQUE {
        if let Some(stem) = folded.strip_suffix(end)
            && stem.chars().count() >= 3
        {
            let keep = word.chars().count() - end.chars().count();
            return word.chars().take(keep).collect::<String>() + nom;
        }
    }
    word.to_string()
}

/// A Russian first name agreeing with a surname in the instrumental or dative, back to the
/// nominative: «Нуржаном Ержановым» → «Нуржан», «Сергею Иванову» → «Сергей». Other forms stay.
pub(super) fn first_nominative(first: &str, last: &str) -> String {
    let (f, l) = (crate::text::fold(first), crate::text::fold(last));
    let n = f.chars().count();
    let cut = |k: usize, add: &str| first.chars().take(n - k).collect::<String>() + add;
    if n < 4 {
        return first.to_string();
    }
    if ["овым", "евым", "иным"].iter().any(|e| l.ends_with(e)) {
        if f.ends_with("ом") {
            return cut(2, "");
        }
        if f.ends_with("ем") {
            return cut(2, "й");
        }
    }
    if ["ову", "еву", "ину"].iter().any(|e| l.ends_with(e)) {
        if f.ends_with('у') {
            return cut(1, "");
        }
        if f.ends_with('ю') {
            return cut(1, "й");
        }
    }
    first.to_string()
}

/// Suffixes of Russian and Kazakh surnames (nominative, folded).
const SURNAME_ENDS: [&str; 14] = [
    "ов", "ев", "ин", "ова", "ева", "ина", "ский", "ская", "ұлы", "улы", "қызы", "кызы", "енко",
    "ович",
];

/// Whether a folded nominative word is shaped as a surname.
pub(super) fn is_surname(folded: &str) -> bool {
    folded.chars().count() >= 5 && SURNAME_ENDS.iter().any(|e| folded.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nominatives() {
        let cases = [
            ("Цзиньпинді", true, "Цзиньпин"),
            ("Саидовпен", true, "Саидов"),
            ("Ердоғанның", true, "Ердоған"),
            ("Тоқаевқа", true, "Тоқаев"),
            ("Тілеуберді", true, "Тілеуберді"),
            ("Асқар", true, "Асқар"),
            ("Назарбаевым", false, "Назарбаев"),
            ("Нуртлеу", false, "Нуртлеу"),
            ("Сатбаева", false, "Сатбаева"),
        ];
        for (word, kk, want) in cases {
            assert_eq!(nominative(word, kk), want, "{word}");
        }
    }

    #[test]
    fn first_names_agree_with_the_surname() {
        assert_eq!(first_nominative("Нуржаном", "Ержановым"), "Нуржан");
        assert_eq!(first_nominative("Сергеем", "Ивановым"), "Сергей");
        assert_eq!(first_nominative("Сергею", "Иванову"), "Сергей");
        assert_eq!(first_nominative("Ару", "Сатбаева"), "Ару");
        assert_eq!(first_nominative("Нуржан", "Ержанов"), "Нуржан");
    }

    #[test]
    fn surnames_by_their_suffix() {
        assert!(is_surname("кадыркулов") && is_surname("ибраев") && is_surname("жомартұлы"));
        assert!(!is_surname("азаттык") && !is_surname("ов"));
    }
}
