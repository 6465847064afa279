//! A text's words as names are matched against them: a hyphenated word split into its parts
//! («глав-государств», «государств-членов», «Қасым-Жомарт»), so that a name matches whether the
//! text joins its words with a hyphen, a dash or a space; each part knows the word it came from
//! and computes its Kazakh stem once, when first asked.

use std::cell::OnceCell;

use crate::text::Token;
use crate::text::stem::kk_stem_folded;
use crate::text::words::fold;

/// The parts of a text's words.
pub(super) struct Parts<'a> {
    /// Each part, as a token of its own.
    pub(super) parts: Vec<Token<'a>>,
    /// The index of the word each part came from.
    pub(super) owner: Vec<usize>,
    stems: Vec<OnceCell<String>>,
}

impl<'a> Parts<'a> {
    /// Splits every hyphenated word of `toks` into its parts.
    pub(super) fn new(toks: &[Token<'a>]) -> Parts<'a> {
        let mut parts = Vec::new();
        let mut owner = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            for p in split(t) {
                parts.push(p);
                owner.push(i);
            }
        }
        let stems = parts.iter().map(|_| OnceCell::new()).collect();
        Parts { parts, owner, stems }
    }

    /// The Kazakh stem of part `i` (see [`kk_stem_folded`]).
    pub(super) fn stem(&self, i: usize) -> &str {
        self.stems[i].get_or_init(|| kk_stem_folded(&self.parts[i].folded))
    }
}

/// The parts of one word: itself when it has no hyphen.
pub(super) fn split<'a>(t: &Token<'a>) -> Vec<Token<'a>> {
    if !t.text.contains('-') {
        return vec![t.clone()];
    }
    let mut out = Vec::new();
    let mut at = t.start;
    for (n, piece) in t.text.split('-').enumerate() {
        if !piece.is_empty() {
            let letters: Vec<char> = piece.chars().filter(|c| c.is_alphabetic()).collect();
            out.push(Token {
                text: piece,
                folded: fold(piece),
                start: at,
                end: at + piece.len(),
                capitalized: letters.first().is_some_and(|c| c.is_uppercase()),
                all_caps: letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()),
                initial: false,
                sentence_start: t.sentence_start && n == 0,
            });
        }
        at += piece.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn hyphenated_words_split_into_parts() {
        let toks = tokenize("Совета глав-государств ШОС");
        let p = Parts::new(&toks);
        let words: Vec<&str> = p.parts.iter().map(|t| t.text).collect();
        assert_eq!(words, ["Совета", "глав", "государств", "ШОС"]);
        assert_eq!(p.owner, [0, 1, 1, 2]);
        assert_eq!(p.parts[2].start, "Совета глав-".len());
        assert_eq!(p.stem(0), "совета");
    }
}
