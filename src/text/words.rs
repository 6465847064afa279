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
pub struct Token<'a> {
    /// The word as written.
    pub text: &'a str,
    /// Folded form.
    pub folded: String,
    /// Byte offset of the word in the text.
    pub start: usize,
    /// Byte offset after the word.
    pub end: usize,
    /// First letter uppercase.
    pub capitalized: bool,
    /// Two or more letters, all uppercase (РК, ШЫҰ).
    pub all_caps: bool,
    /// A single uppercase letter directly followed by a dot (the «А.» of «А.У.Мамин»).
    pub initial: bool,
    /// Whether a sentence boundary (. ! ? or a line break) lies between this word and the one
    /// before it.
    pub sentence_start: bool,
}

/// Splits text into words. A hyphenated word is kept whole (`Қасым-Жомарт`, `премьер-министр`),
/// except that a Kazakh case ending after an abbreviation splits off (`ШЫҰ-ның` → `ШЫҰ`).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
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
    fn sentence_starts() {
        let t = tokenize("Встреча прошла. Мамин сказал\nКитай");
        let starts: Vec<bool> = t.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, false, true, false, true]);
    }
}
