//! Cyrillic → Latin transliteration for ASCII slugs, covering Russian and every Kazakh letter.
//!
//! The table (lowercase; uppercase letters are lowered first):
//!
//! | Cyrillic | Latin | Cyrillic | Latin | Cyrillic | Latin |
//! |---|---|---|---|---|---|
//! | а | a | п | p | ъ | (dropped) |
//! | б | b | р | r | ы | y |
//! | в | v | с | s | ь | (dropped) |
//! | г | g | т | t | э | e |
//! | д | d | у | u | ю | iu |
//! | е, ё | e | ф | f | я | ia |
//! | ж | zh | х | kh | ә | a |
//! | з | z | ц | ts | ғ | g |
//! | и, й | i | ч | ch | қ | q |
//! | к | k | ш | sh | ң | n |
//! | л | l | щ | shch | ө | o |
//! | м | m | | | ұ, ү | u |
//! | н | n | | | һ | h |
//! | о | o | | | і | i |
//!
//! It follows the Russian passport (ICAO) romanisation, with the Kazakh letters mapped to the
//! ASCII base of the 2021 Kazakh Latin alphabet (қ stays `q`, which keeps Қазақстан →
//! `qazaqstan` distinct from Казахстан → `kazakhstan`). Kazakh letters are letters, so they never
//! split a word: «Қасым-Жомарт» → `qasym-zhomart`, «Өзбекстан» → `ozbekstan`. ASCII letters and
//! digits pass through; everything else (spaces, punctuation, other scripts) becomes a single
//! hyphen. Collisions between slugs are detected where slugs are used (`graph`), not here.

/// The Latin form of one lowercase Cyrillic letter, or `None` when `c` is not one.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "iu",
        'я' => "ia",
        'ә' => "a",
        'ғ' => "g",
        'қ' => "q",
        'ң' => "n",
        'ө' => "o",
        'ұ' | 'ү' => "u",
        'һ' => "h",
        'і' => "i",
        _ => return None,
    })
}

/// Transliterates text letter by letter, keeping everything that is not Cyrillic as it is.
///
/// ```
/// assert_eq!(archive::text::translit("Ташкент"), "Tashkent");
/// assert_eq!(archive::text::translit("Қазақстан"), "Qazaqstan");
/// ```
pub fn translit(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match latin(lower) {
            Some(l) if c != lower => {
                let mut chars = l.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            }
            Some(l) => out.push_str(l),
            None => out.push(c),
        }
    }
    out
}

/// Longest slug, in bytes: a valid id (at most 200) even with a `-N` counter added to make it
/// unique.
pub(crate) const MAX_SLUG: usize = 190;

/// Makes an ASCII slug: transliterated, lowercase, words joined by single hyphens, cut after the
/// last whole word that fits in [`MAX_SLUG`] (inside a word only when the first is longer). Returns
/// an empty string only when the text holds no letter or digit at all.
///
/// ```
/// use archive::text::slugify;
/// assert_eq!(slugify("Что предложил Аскар Мамин на встрече ШОС"),
///            "chto-predlozhil-askar-mamin-na-vstreche-shos");
/// assert_eq!(slugify("Олжас Бектенов Минскіде"), "olzhas-bektenov-minskide");
/// ```
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let piece: Option<std::borrow::Cow<'static, str>> = match latin(c) {
            Some(l) => Some(l.into()),
            None if c.is_ascii_alphanumeric() => Some(c.to_string().into()),
            None => None,
        };
        match piece {
            Some(p) if p.is_empty() => {} // ъ and ь vanish without splitting the word
            Some(p) => {
                if pending_hyphen && !out.is_empty() {
                    out.push('-');
                }
                pending_hyphen = false;
                out.push_str(&p);
            }
            None => pending_hyphen = true,
        }
    }
    if out.len() > MAX_SLUG {
        // ASCII, so any byte index is a char boundary; a hyphen is never doubled or leading.
        let cut = out[..=MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        out.truncate(cut);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kazakh_letter_stays_inside_its_word() {
        for (word, slug) in [
            ("әдет", "adet"),
            ("ғылым", "gylym"),
            ("қала", "qala"),
            ("таң", "tan"),
            ("өнер", "oner"),
            ("ұйым", "uiym"),
            ("үкімет", "ukimet"),
            ("һижра", "hizhra"),
            ("іскер", "isker"),
            ("ШЫҰ", "shyu"),
        ] {
            assert_eq!(slugify(word), slug, "{word}");
        }
    }

    #[test]
    fn russian_letters_and_signs() {
        assert_eq!(slugify("Объём съезда"), "obem-sezda");
        assert_eq!(slugify("Щёлково, Юрьев, Ялта"), "shchelkovo-iurev-ialta");
        assert_eq!(slugify("Ли Кэцян"), "li-ketsian");
    }

    #[test]
    fn punctuation_and_spaces_collapse() {
        assert_eq!(slugify("  «РК–КНР»: 5G!  "), "rk-knr-5g");
        assert_eq!(slugify("Қасым-Жомарт Тоқаев"), "qasym-zhomart-toqaev");
        assert_eq!(slugify("---"), "");
    }

    #[test]
    fn slugs_are_ascii_ids() {
        for t in ["Что предложил Аскар Мамин", "Тәуелсіз Мемлекеттер Достастығы", "ABC 123"]
        {
            assert!(crate::text::is_valid_id(&slugify(t)), "{t}");
        }
    }

    #[test]
    fn long_text_is_cut_to_a_valid_id() {
        // Five times «Заседание … ШОС» gave a 289-byte slug, over the 200-byte limit of an id.
        let title = "Заседание Совета глав правительств государств членов ШОС ".repeat(5);
        let s = slugify(&title);
        assert!(s.len() <= MAX_SLUG && crate::text::is_valid_id(&s), "{s}");
        assert!(s.ends_with("-zasedanie-soveta") && s.starts_with("zasedanie-soveta-"), "{s}");
        let word = "а".repeat(300);
        assert_eq!(slugify(&word), "a".repeat(MAX_SLUG));
    }

    #[test]
    fn translit_keeps_case() {
        assert_eq!(translit("Шымкент и Өскемен"), "Shymkent i Oskemen");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text gives an ASCII slug that is a valid id (or empty when it has no letter or
        /// digit), and the same slug every time.
        #[test]
        fn slugs_are_ascii_ids_and_deterministic(text in "\\PC{0,60}") {
            let s = slugify(&text);
            prop_assert!(s.is_ascii());
            prop_assert_eq!(&s, &slugify(&text));
            prop_assert!(s.is_empty() || crate::text::is_valid_id(&s), "{:?} → {:?}", text, s);
        }

        /// Words of Russian and Kazakh letters never give an empty slug.
        #[test]
        fn cyrillic_words_never_vanish(word in "[а-яәғқңөұүһі][а-яёәғқңөұүһі]{0,15}") {
            prop_assume!(!word.chars().all(|c| c == 'ъ' || c == 'ь'));
            prop_assert!(!slugify(&word).is_empty());
        }
    }
}
