//! How loosely one word of running text may differ from a word of a known name: Kazakh letters
//! read as their Russian counterparts (Қасым/Касым, Моңғолия/Монғолия), one letter of a long
//! name spelt differently (Мирзияев/Мирзиёев, Түркіменстан/Түркменстан, Мишутин/Мишустин), and
//! the words that an organization's name may carry or drop in running text (государств-*членов*,
//! стран, мүше, Республикасы) or that stand for its council when a meeting is meant.

use crate::text::stem::{kk_inflects_folded, ru_inflects_folded};

/// A folded word with the letters Kazakh has beyond Russian read as their Russian counterparts:
/// the same name is written both ways in both languages' press.
pub(super) fn loose(folded: &str) -> String {
    folded
        .chars()
        .map(|c| match c {
            'қ' => 'к',
            'ғ' => 'г',
            'ң' => 'н',
            'ү' | 'ұ' => 'у',
            'ө' => 'о',
            'ә' => 'а',
            'і' => 'и',
            'һ' => 'х',
            other => other,
        })
        .collect()
}

/// Whether `a` and `b` differ by at most one letter inserted, dropped, replaced or two
/// neighbours swapped (restricted Damerau–Levenshtein distance ≤ 1).
fn one_edit(a: &[char], b: &[char]) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len() - a.len() > 1 {
        return false;
    }
    let Some(i) = a.iter().zip(b).position(|(x, y)| x != y) else { return true };
    if a.len() == b.len() {
        a[i + 1..] == b[i + 1..]
            || (i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..])
    } else {
        a[i..] == b[i + 1..]
    }
}

/// Shortest name word (in letters) that one spelt-differently letter is tolerated in: below it,
/// two different names are too often one letter apart (Иран/Ирак).
const NEAR_MIN: usize = 7;

/// Whether `word` (folded, from the text) is `base` (folded, a word of a known name) spelt a
/// little differently, in any Russian or Kazakh case form: the same letters read loosely, or a
/// long word one edit away. Both must start with the same letter.
pub(super) fn near_name(word: &str, base: &str) -> bool {
    let (w, b) = (loose(word), loose(base));
    if w.chars().next() != b.chars().next() {
        return false;
    }
    let bc: Vec<char> = b.chars().collect();
    let wc: Vec<char> = w.chars().collect();
    // Every split of the word into a stem and a case ending (at most five letters), the stem
    // compared with the base.
    (0..=5.min(wc.len())).any(|cut| {
        let stem = &wc[..wc.len() - cut];
        let stem_s: String = stem.iter().collect();
        let form_ok =
            cut == 0 || ru_inflects_folded(&w, &stem_s) || kk_inflects_folded(&w, &stem_s);
        form_ok && (stem == bc.as_slice() || (bc.len() >= NEAR_MIN && one_edit(stem, &bc)))
    })
}

/// Whether `w` is a Kazakh form of `b` (both folded), as [`kk_inflects_folded`] answers, and
/// also where Kazakh spelling departs from its sound classes: the adjective -лық/-лік after a
/// final й, р or у (Қытайлық, Мысырлық, where the tables have -дық for the voiced class), and
/// voiceless endings after a final б, в, г or д of a loanword, which is said voiceless
/// (Мадридте, Бағдадтан).
pub(super) fn kk_form_of(w: &str, b: &str) -> bool {
    if kk_inflects_folded(w, b) {
        return true;
    }
    let Some(rest) = w.strip_prefix(b) else { return false };
    let Some(last) = b.chars().last() else { return false };
    if matches!(last, 'й' | 'р' | 'у')
        && let Some(after) = rest.strip_prefix('л')
        && (after.starts_with("ық") || after.starts_with("ік"))
    {
        return kk_inflects_folded(&format!("{b}д{after}"), b);
    }
    let voiceless = match last {
        'б' => 'п',
        'в' => 'ф',
        'г' => 'к',
        'д' => 'т',
        _ => return false,
    };
    let trunk = &b[..b.len() - last.len_utf8()];
    let b2 = format!("{trunk}{voiceless}");
    kk_inflects_folded(&format!("{b2}{rest}"), &b2)
}

/// Words an organization's name may carry or drop in running text without naming anything
/// else: membership («государств-членов», «стран — участников», «мүше») and the word for
/// republic in a country's official name («Правительство Республики Казахстан» /
/// «Правительство Казахстана», «Қазақстан Республикасының Үкіметі» / «Қазақстан үкіметі»).
/// Stems, matched as prefixes of folded words.
const FILLERS: [&str; 5] = ["член", "участник", "стран", "республик", "мүше"];

pub(super) fn is_filler(folded: &str) -> bool {
    FILLERS.iter().any(|f| folded.starts_with(f))
}

/// Words for a council in an organization's name, and the words a report uses for one of its
/// sessions instead: «встреча / саммит / заседание глав правительств СНГ» is the Council of
/// Heads of Government meeting, as «ТМД үкімет басшыларының кездесуі / отырысы» is in Kazakh.
const COUNCILS: [&str; 2] = ["совет", "кеңес"];
pub(super) const MEETINGS_RU: [&str; 4] = ["встреча", "саммит", "заседание", "совещание"];
const MEETINGS_KK: [&str; 3] = ["кездесу", "саммит", "отырыс"];

/// Whether the name word `base` is a council word and `word` names a meeting of it.
pub(super) fn meeting_for_council(word: &str, base: &str, word_stem: &str) -> bool {
    let council = COUNCILS.iter().any(|c| base.starts_with(c));
    council
        && (MEETINGS_RU.iter().any(|m| ru_inflects_folded(word, m))
            || MEETINGS_KK.iter().any(|m| word_stem == *m || kk_inflects_folded(word, m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_spelt_a_little_differently() {
        // (text word, name word, near?)
        let cases = [
            ("касым", "қасым", true),
            ("моңғолия", "монғолия", true),
            ("мирзияев", "мирзиеев", true),
            ("түркіменстан", "түркменстан", true),
            ("түркіменстанмен", "түркменстан", true),
            ("мишутина", "мишустин", true),
            ("мишутиным", "мишустин", true),
            // Short words: one letter is a different name.
            ("ирак", "иран", false),
            ("сергеев", "сергей", false),
            // Another first letter.
            ("лирзиеев", "мирзиеев", false),
            // Two letters off.
            ("мирзаев", "мирзиеев", false),
        ];
        for (w, b, want) in cases {
            assert_eq!(near_name(w, b), want, "{w} ~ {b}");
        }
    }

    #[test]
    fn kazakh_spelling_beyond_the_sound_classes() {
        assert!(kk_form_of("қытайлық", "қытай") && kk_form_of("қытайлықтың", "қытай"));
        assert!(kk_form_of("мысырлық", "мысыр"));
        assert!(kk_form_of("мадридте", "мадрид") && kk_form_of("бағдадтан", "бағдад"));
        assert!(kk_form_of("мадридке", "мадрид"));
        assert!(kk_form_of("қытайдың", "қытай"));
        assert!(kk_form_of("мадридтік", "мадрид"));
        assert!(!kk_form_of("қытайлаб", "қытай") && !kk_form_of("мадридлық", "мадрид"));
    }

    #[test]
    fn one_edit_apart() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(one_edit(&c("abcd"), &c("abdc")));
        assert!(one_edit(&c("abcd"), &c("abd")));
        assert!(one_edit(&c("abcd"), &c("abxd")));
        assert!(!one_edit(&c("abcd"), &c("badc")));
        assert!(!one_edit(&c("ab"), &c("abcd")));
    }

    #[test]
    fn fillers_and_meetings() {
        assert!(is_filler("членов") && is_filler("мүше") && is_filler("республикасының"));
        assert!(!is_filler("государств"));
        assert!(meeting_for_council("встреча", "совет", "встреча"));
        assert!(meeting_for_council("саммит", "совет", "саммит"));
        assert!(meeting_for_council("отырысы", "кеңесі", "отырыс"));
        assert!(!meeting_for_council("встреча", "комитет", "встреча"));
    }
}
