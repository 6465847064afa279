//! Letters of other scripts that look like the Latin letters of ids. An id typed on a Russian
//! or Kazakh keyboard layout can hold a Cyrillic «а» that no reader can tell from a Latin «a»;
//! [`explain`] names each such letter so the error shows the difference.

/// Lookalike letters: (letter, its script, the Latin letter it looks like).
const LOOKALIKES: &[(char, &str, char)] = &[
    ('а', "Cyrillic", 'a'),
    ('в', "Cyrillic", 'b'),
    ('с', "Cyrillic", 'c'),
    ('ԁ', "Cyrillic", 'd'),
    ('е', "Cyrillic", 'e'),
    ('һ', "Cyrillic", 'h'),
    ('н', "Cyrillic", 'h'),
    ('і', "Cyrillic", 'i'),
    ('ј', "Cyrillic", 'j'),
    ('к', "Cyrillic", 'k'),
    ('ӏ', "Cyrillic", 'l'),
    ('м', "Cyrillic", 'm'),
    ('п', "Cyrillic", 'n'),
    ('о', "Cyrillic", 'o'),
    ('р', "Cyrillic", 'p'),
    ('ԛ', "Cyrillic", 'q'),
    ('г', "Cyrillic", 'r'),
    ('ѕ', "Cyrillic", 's'),
    ('т', "Cyrillic", 't'),
    ('ц', "Cyrillic", 'u'),
    ('ѵ', "Cyrillic", 'v'),
    ('ԝ', "Cyrillic", 'w'),
    ('х', "Cyrillic", 'x'),
    ('у', "Cyrillic", 'y'),
    ('α', "Greek", 'a'),
    ('ε', "Greek", 'e'),
    ('ι', "Greek", 'i'),
    ('κ', "Greek", 'k'),
    ('ν', "Greek", 'v'),
    ('ο', "Greek", 'o'),
    ('ρ', "Greek", 'p'),
    ('τ', "Greek", 't'),
    ('υ', "Greek", 'u'),
    ('χ', "Greek", 'x'),
];

/// When `id` holds letters that only look Latin, a sentence naming each (its place, script and
/// code point) and the id with Latin letters in their place; `None` otherwise.
///
/// ```
/// assert_eq!(
///     archive::text::homoglyph::explain("kazakhstаn").unwrap(),
///     "letter 9 «а» is Cyrillic U+0430, not Latin «a» — did you mean «kazakhstan»?"
/// );
/// assert_eq!(archive::text::homoglyph::explain("kazakhstan"), None);
/// ```
pub fn explain(id: &str) -> Option<String> {
    let mut clauses = Vec::new();
    let mut latin = String::with_capacity(id.len());
    for (i, c) in id.chars().enumerate() {
        let folded = c.to_lowercase().next().unwrap_or(c);
        match LOOKALIKES.iter().find(|(l, _, _)| *l == folded) {
            Some(&(_, script, like)) => {
                let code = u32::from(c);
                clauses.push(format!(
                    "letter {} «{c}» is {script} U+{code:04X}, not Latin «{like}»",
                    i + 1
                ));
                latin.push(like);
            }
            None => latin.push(c),
        }
    }
    if clauses.is_empty() {
        return None;
    }
    let mut out = clauses.join("; ");
    if super::is_valid_id(&latin) {
        out.push_str(&format!(" — did you mean «{latin}»?"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homoglyph_ids_are_explained_letter_by_letter() {
        assert_eq!(
            explain("sсо").unwrap(),
            "letter 2 «с» is Cyrillic U+0441, not Latin «c»; letter 3 «о» is Cyrillic U+043E, \
             not Latin «o» — did you mean «sco»?"
        );
        // Capital lookalikes are named too; the suggestion is only made when it is an id.
        assert_eq!(
            explain("А").unwrap(),
            "letter 1 «А» is Cyrillic U+0410, not Latin «a» — did you mean «a»?"
        );
        assert!(!explain("ао_x").unwrap().contains("did you mean"));
        assert!(!explain("казахстан").unwrap().contains("did you mean"));
        assert_eq!(explain("askar-mamin"), None);
        assert_eq!(explain(""), None);
    }
}
