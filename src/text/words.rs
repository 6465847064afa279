//! Normalisation and tokenisation for matching: lowercase, ё → е, words split at anything that
//! is not a letter or digit, with the marks a matcher needs (capitalised, all-caps, an initial
//! followed by a dot, the byte span in the source).

/// Folds a word for comparison: lowercase, ё → е.
///
/// ```
/// assert_eq!(archive::text::fold("Мирзиёев"), "мирзиеев");
/// ```
pub fn fold(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).map(|c| if c == 'ё' { 'е' } else { c }).collect()
}

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// The word as written.
    pub(crate) text: &'a str,
    /// Folded form.
    pub(crate) folded: String,
    /// Byte offset of the word in the text.
    pub(crate) start: usize,
    /// Byte offset after the word.
    pub(crate) end: usize,
    /// First letter uppercase.
    pub(crate) capitalized: bool,
    /// Two or more letters, all uppercase (РК, ШЫҰ).
    pub(crate) all_caps: bool,
    /// A single uppercase letter directly followed by a dot (the «А.» of «А.У.Мамин»).
    pub(crate) initial: bool,
    /// Whether a sentence boundary (. ! ? or a line break) lies between this word and the one
    /// before it.
    pub(crate) sentence_start: bool,
}

/// Splits text into words. A hyphenated word is kept whole (`Қасым-Жомарт`, `премьер-министр`),
/// except that a Kazakh case ending after an abbreviation splits off (`ШЫҰ-ның` → `ШЫҰ`).
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut boundary = true;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !c.is_alphanumeric() {
            if matches!(c, '.' | '!' | '?' | '\n' | '…') {
                boundary = true;
            }
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            let joins = d == '-' && {
                let after = text[j + 1..].chars().next();
                after.is_some_and(char::is_alphanumeric)
            };
            if d.is_alphanumeric() || joins || d == '\u{301}' {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let mut word = &text[start..end];
        if let Some((head, _)) = word.split_once('-') {
            let letters = head.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 2 && head.chars().all(|c| c.is_uppercase()) {
                word = head;
            }
        }
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let upper = |c: &char| c.is_uppercase();
        let initial = letters.len() == 1
            && word.chars().count() == 1
            && letters[0].is_uppercase()
            && text[end..].starts_with('.');
        out.push(Token {
            text: word,
            folded: fold(word),
            start,
            end: start + word.len(),
            capitalized: letters.first().is_some_and(upper),
            all_caps: letters.len() >= 2 && letters.iter().all(upper),
            initial,
            sentence_start: boundary,
        });
        boundary = false;
    }
    out
}

/// Whether `c` is part of a word: a letter or digit. ASCII and the Cyrillic block (Russian and
/// Kazakh letters) are answered without Unicode table lookups, which dominate a scan of a large
/// corpus otherwise; everything else asks [`char::is_alphanumeric`].
#[inline]
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0x30..=0x39 | 0x41..=0x5a | 0x61..=0x7a => true,
        0..=0x7f => false,
        0x400..=0x481 | 0x48a..=0x52f => true,
        // General Punctuation (dashes, quotes, …) holds no letter or digit.
        0x2000..=0x206f => false,
        _ => c.is_alphanumeric(),
    }
}

/// Pushes the folded form of `c` (see [`fold`]) onto `out`, with fast paths for ASCII and the
/// Russian and Kazakh alphabets.
#[inline]
fn push_folded(out: &mut String, c: char) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        'a'..='z' | '0'..='9' | 'а'..='я' => out.push(c),
        'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        'ё' | 'Ё' => out.push('е'),
        'Ѐ'..='Џ' => out.push(char::from_u32(c as u32 + 0x50).unwrap_or(c)),
        'ѐ'..='џ' => out.push(c),
        // Kazakh's own letters (Ғ Қ Ң Ү Ұ Һ Ә Ө) sit in blocks of upper/lower pairs.
        '\u{490}'..='\u{4bf}' | '\u{4d0}'..='\u{4ff}' => {
            out.push(char::from_u32(c as u32 | 1).unwrap_or(c));
        }
        _ => out.extend(c.to_lowercase().map(|l| if l == 'ё' { 'е' } else { l })),
    }
}

/// Whether `c` is its own folded form, answered for the common letters only (a `false` is
/// always safe: [`push_folded`] then folds it the long way).
#[inline]
fn folds_to_itself(c: char) -> bool {
    match c {
        'a'..='z' | '0'..='9' | 'а'..='я' | '-' | '\u{301}' => true,
        'ѐ'..='џ' => c != 'ё',
        '\u{490}'..='\u{4bf}' | '\u{4d0}'..='\u{4ff}' => c as u32 & 1 == 1,
        _ => false,
    }
}

/// Calls `f` with the folded form of every word of `text`, split exactly as [`tokenize`] splits
/// it (`tokenize(text)` mapped to `folded`), without allocating per word: the search index scans
/// every text of the archive with this. Runs of letters that fold to themselves (most of a
/// word after its first letter) are copied from the text as they are.
pub(crate) fn for_each_folded(text: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    let n = text.len();
    let mut i = 0;
    while i < n {
        let start = i;
        let (c, len) = char_at(text, i);
        i += len;
        if !is_word_char(c) {
            continue;
        }
        buf.clear();
        // `text[run..i]` folds to itself and is not in `buf` yet.
        let mut run = start;
        if !folds_to_itself(c) {
            push_folded(&mut buf, c);
            run = i;
        }
        // Where the first hyphen is, in the text and in the folded word.
        let mut hyphen: Option<(usize, usize)> = None;
        while i < n {
            let plain = plain_letter_len(text.as_bytes(), i);
            if plain > 0 {
                i += plain;
                continue;
            }
            let (d, len) = char_at(text, i);
            if is_word_char(d) || d == '\u{301}' {
                if !folds_to_itself(d) {
                    buf.push_str(&text[run..i]);
                    push_folded(&mut buf, d);
                    run = i + len;
                }
            } else if d == '-' && i + 1 < n && is_word_char(char_at(text, i + 1).0) {
                hyphen.get_or_insert((i, buf.len() + (i - run)));
            } else {
                break;
            }
            i += len;
        }
        // A word no letter of which changed is passed as it stands in the text, uncopied.
        let unchanged = buf.is_empty();
        let mut folded_len = if unchanged { i - start } else { buf.len() + (i - run) };
        // An abbreviation's case ending splits off, as in `tokenize` (`ШЫҰ-ның` → `ШЫҰ`).
        if let Some((h, len)) = hyphen {
            let head = &text[start..h];
            let letters = head.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 2 && head.chars().all(|c| c.is_uppercase()) {
                folded_len = len;
            }
        }
        if unchanged {
            f(&text[start..start + folded_len]);
        } else {
            buf.push_str(&text[run..i]);
            buf.truncate(folded_len);
            f(&buf);
        }
    }
}

/// The length of the character at byte `i` when it is one of the common word characters that
/// fold to themselves (ASCII lowercase letters and digits, lowercase Russian and Kazakh letters),
/// else 0: nearly every letter of a word after its first, answered from its bytes.
#[inline(always)]
fn plain_letter_len(bytes: &[u8], i: usize) -> usize {
    let b0 = bytes[i];
    if b0.is_ascii_lowercase() || b0.is_ascii_digit() {
        return 1;
    }
    let Some(&b1) = bytes.get(i + 1) else { return 0 };
    let plain = match b0 {
        // а–п
        0xd0 => (0xb0..=0xbf).contains(&b1),
        // р–я, ѐ–џ but ё (which folds to е); і is Kazakh's
        0xd1 => (0x80..=0x9f).contains(&b1) && b1 != 0x91,
        // U+0490–U+04BF and U+04D0–U+04FF: lowercase at odd code points (ғ қ ң ү ұ һ ә ө)
        0xd2 | 0xd3 => (0x90..=0xbf).contains(&b1) && b1 & 1 == 1,
        _ => false,
    };
    if plain { 2 } else { 0 }
}

/// The character starting at byte `i` of `text` (a character boundary) and its length in bytes:
/// ASCII and two-byte characters (Cyrillic, Kazakh letters included) are decoded inline.
#[inline(always)]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let b0 = bytes[i];
    if b0 < 0x80 {
        return (char::from(b0), 1);
    }
    if b0 & 0xe0 == 0xc0
        && let Some(&b1) = bytes.get(i + 1)
    {
        let u = (u32::from(b0 & 0x1f) << 6) | u32::from(b1 & 0x3f);
        if let Some(c) = char::from_u32(u) {
            return (c, 2);
        }
    }
    let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_hyphens_and_abbreviations() {
        let t = tokenize("А.У.Мамин и ШЫҰ-ның Қасым-Жомарт премьер-министр");
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(words, ["А", "У", "Мамин", "и", "ШЫҰ", "Қасым-Жомарт", "премьер-министр"]);
        assert!(t[0].initial && t[1].initial && !t[2].initial);
        assert!(t[4].all_caps && !t[5].all_caps && t[5].capitalized);
    }

    #[test]
    fn fast_word_chars_agree_with_unicode() {
        for u in 0..0x3000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_word_char(c), c.is_alphanumeric(), "U+{u:04X}");
                let mut fast = String::new();
                push_folded(&mut fast, c);
                assert_eq!(fast, fold(&c.to_string()), "U+{u:04X}");
                if folds_to_itself(c) {
                    assert_eq!(fast, c.to_string(), "U+{u:04X}");
                }
            }
        }
    }

    #[test]
    fn plain_letters_are_word_characters_that_fold_to_themselves() {
        for u in 0..0x800u32 {
            if let Some(c) = char::from_u32(u) {
                let mut b = [0; 4];
                let bytes = c.encode_utf8(&mut b).as_bytes();
                if plain_letter_len(bytes, 0) > 0 {
                    assert_eq!(plain_letter_len(bytes, 0), bytes.len(), "U+{u:04X}");
                    assert!(is_word_char(c), "U+{u:04X}");
                    assert_eq!(fold(&c.to_string()), c.to_string(), "U+{u:04X}");
                }
            }
        }
        assert_eq!(plain_letter_len("ә".as_bytes(), 0), 2);
        assert_eq!(plain_letter_len("Ә".as_bytes(), 0), 0);
        assert_eq!(plain_letter_len("ё".as_bytes(), 0), 0);
    }

    #[test]
    fn folded_words_match_tokenize() {
        let samples = [
            "А.У.Мамин и ШЫҰ-ның Қасым-Жомарт премьер-министр",
            "Ёлка, ЁЖИК — «Қазақстан» 2019 жылғы 5 наурызда; e-mail x-",
            "ударе\u{301}ние -слово слово- a--b ШОС-ТМД İstanbul ǅemal ß",
            "",
        ];
        for s in samples {
            let mut fast = Vec::new();
            for_each_folded(s, |w| fast.push(w.to_string()));
            let slow: Vec<String> = tokenize(s).into_iter().map(|t| t.folded).collect();
            assert_eq!(fast, slow, "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn folded_words_match_tokenize_on_any_text(s in "[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІa-zA-Z0-9 .,\\-\u{301}«»]{0,60}") {
            let mut fast = Vec::new();
            for_each_folded(&s, |w| fast.push(w.to_string()));
            let slow: Vec<String> = tokenize(&s).into_iter().map(|t| t.folded).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn sentence_starts() {
        let t = tokenize("Встреча прошла. Мамин сказал\nКитай");
        let starts: Vec<bool> = t.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, false, true, false, true]);
    }
}
