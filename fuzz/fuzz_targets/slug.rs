//! Slugs: `slugify` gives the same ASCII slug every time, a valid id (or empty only when the text
//! has no letter or digit to keep); `translit` is deterministic, turns every Russian and Kazakh
//! letter into ASCII and leaves the rest alone, and slugifying its output changes nothing.

#![no_main]

use archive::text::{is_valid_id, slugify, translit};
use libfuzzer_sys::fuzz_target;

/// The Cyrillic letters of the transliteration table.
const TABLE: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі";

fn in_table(c: char) -> bool {
    c.to_lowercase().next().is_some_and(|l| TABLE.contains(l))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };

    let slug = slugify(text);
    assert!(slug.is_ascii(), "{text:?} → {slug:?}");
    assert_eq!(slug, slugify(text));
    assert!(slug.is_empty() || is_valid_id(&slug), "{text:?} → {slug:?}");
    if text.chars().any(|c| c.is_ascii_alphanumeric()) {
        assert!(!slug.is_empty(), "{text:?} has an ASCII letter or digit but no slug");
    }

    let latin = translit(text);
    assert_eq!(latin, translit(text));
    assert!(!latin.chars().any(in_table), "{text:?} → {latin:?}");
    if text.chars().all(|c| c.is_ascii() || in_table(c)) {
        assert!(latin.is_ascii(), "{text:?} → {latin:?}");
    }
    assert_eq!(slugify(&latin), slug, "{text:?} → {latin:?}");
});
