//! Sorting names the way a reader of the UI language expects: by the alphabet of that language,
//! not by Unicode code points. In code-point order the Kazakh letters (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І)
//! and Ё all come after Я, so «Қазақстан» sorted after «Ядерный» and «Әлем» after «Өзбекстан».
//!
//! A full Unicode Collation Algorithm (ICU4X's collator) would carry megabytes of tables for the
//! two alphabets we need; the alphabets themselves are short and fixed: Russian's 33 letters,
//! and the 42 of the Kazakh Cyrillic alphabet in its official order. As CLDR does for both
//! languages, Cyrillic comes before Latin in a Cyrillic UI language; in any other, Latin first.

/// The Kazakh Cyrillic alphabet in its official order.
const KK: &str = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";
/// The Russian alphabet, with the Kazakh letters right after the letter they are built on (where
/// CLDR's root order puts them), so a Kazakh name in a Russian list stays near its neighbours.
const RU: &str = "аәбвгғдеёжзийікқлмнңоөпрстуұүфхһцчшщъыьэюя";

/// A key that orders names in UI language `lang` by its alphabet (case and «ё»/«е» are told
/// apart only when everything else is equal: compare `(key, name)`).
pub(crate) fn key(lang: &str, name: &str) -> Vec<u16> {
    let (alphabet, cyrillic_first) = match lang {
        "kk" => (KK, true),
        "ru" => (RU, true),
        _ => (RU, false),
    };
    let (cyr, lat) = if cyrillic_first { (100, 200) } else { (300, 100) };
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            // «ё» files under «е» in Russian dictionaries; in Kazakh it is a letter of its own.
            let c = if c == 'ё' && lang != "kk" { 'е' } else { c };
            if c.is_whitespace() || c == '-' {
                1
            } else if let Some(d) = c.to_digit(10) {
                10 + d as u16
            } else if c.is_ascii_lowercase() {
                lat + (c as u16 - 'a' as u16)
            } else if let Some(i) = alphabet.chars().position(|a| a == c) {
                cyr + i as u16
            } else if c.is_alphanumeric() {
                1000 + (c as u32).min(60_000) as u16
            } else {
                // Punctuation (quotes, brackets) does not decide an order.
                0
            }
        })
        .filter(|&w| w != 0)
        .collect()
}

/// Sorts `items` by the name `name_of` gives, in the alphabet of `lang` (then by the name as
/// written, so the order is total and stable).
pub(crate) fn sort_by_name<T>(lang: &str, items: &mut [T], name_of: impl Fn(&T) -> String) {
    items.sort_by_cached_key(|x| {
        let n = name_of(x);
        (key(lang, &n), n)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: &str, names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        sort_by_name(lang, &mut v, |s| s.clone());
        v
    }

    #[test]
    fn kazakh_letters_sort_in_the_kazakh_alphabet_not_after_ya() {
        assert_eq!(
            sorted("kk", &["Ядро", "Қала", "Кеңес", "Өнер", "Оқу", "Ірі", "Ыдыс"]),
            ["Кеңес", "Қала", "Оқу", "Өнер", "Ыдыс", "Ірі", "Ядро"]
        );
        // Code-point order, which this replaces, put every Kazakh letter after «я».
        let mut bytes = vec!["Ядро", "Қала"];
        bytes.sort();
        assert_eq!(bytes, ["Ядро", "Қала"]);
    }

    #[test]
    fn russian_files_yo_under_ye_and_ignores_case() {
        assert_eq!(sorted("ru", &["ёлка", "Ель", "жук", "Еда"]), ["Еда", "ёлка", "Ель", "жук"]);
        assert_eq!(sorted("ru", &["Ядро", "Қала", "Кеңес"]), ["Кеңес", "Қала", "Ядро"]);
    }

    #[test]
    fn cyrillic_comes_before_latin_in_a_cyrillic_ui_and_after_in_another() {
        assert_eq!(sorted("ru", &["UNEP", "Совет"]), ["Совет", "UNEP"]);
        assert_eq!(sorted("en", &["Совет", "UNEP"]), ["UNEP", "Совет"]);
        // A shorter name before a longer one that starts with it; quotes do not count.
        assert_eq!(
            sorted("ru", &["Совет глав", "«Совет»", "Советник"]),
            ["«Совет»", "Совет глав", "Советник"]
        );
    }
}
