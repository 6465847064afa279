//! UI strings per language: `templates/strings/<lang>.toml`, a flat table of `key = "text"`.
//!
//! A site may ship its own strings files; a language without one falls back to the strings built
//! into the binary (ru and kk). Every language must define every key that any language defines, so
//! a missing translation is a load error naming the file and the key, never a blank on a page.
//! Adding a UI language therefore takes one entry in `site.toml` and one strings file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::config::Lang;
use crate::error::{Context, Result, bail};
use crate::theme;

/// All UI strings, by language then key.
#[derive(Debug, Clone)]
pub(crate) struct Strings {
    by_lang: BTreeMap<Lang, BTreeMap<String, String>>,
}

impl Strings {
    /// Loads the strings for `languages` from `dir` (usually `templates/strings`), falling back to
    /// the built-in files.
    pub(crate) fn load(dir: &Path, languages: &[Lang]) -> Result<Strings> {
        let mut files = Vec::new();
        for lang in languages {
            let path = dir.join(format!("{lang}.toml"));
            let text = if path.is_file() {
                std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?
            } else if let Some(text) = theme::strings(lang.as_str()) {
                text.to_string()
            } else {
                bail!(
                    "templates/strings/{lang}.toml: missing; the UI language «{lang}» needs a strings file"
                );
            };
            files.push((lang.clone(), format!("templates/strings/{lang}.toml"), text));
        }
        Strings::parse(files)
    }

    /// Parses strings files given as (language, file name for messages, text).
    pub(crate) fn parse(files: Vec<(Lang, String, String)>) -> Result<Strings> {
        let mut by_lang = BTreeMap::new();
        let mut names = BTreeMap::new();
        for (lang, name, text) in files {
            let table: BTreeMap<String, String> =
                toml::from_str(&text).with_context(|| format!("parsing {name}"))?;
            names.insert(lang.clone(), name);
            by_lang.insert(lang, table);
        }
        let all_keys: BTreeSet<&String> = by_lang.values().flat_map(|t| t.keys()).collect();
        let mut missing = Vec::new();
        for (lang, table) in &by_lang {
            for key in &all_keys {
                if !table.contains_key(*key) {
                    let name =
                        names.get(lang).expect("invariant: names and tables are inserted together");
                    missing.push(format!("{name}: missing key «{key}»"));
                }
            }
        }
        if !missing.is_empty() {
            bail!("incomplete UI strings:\n  {}", missing.join("\n  "));
        }
        Ok(Strings { by_lang })
    }

    /// The string `key` in `lang`. Files are checked against each other at load; a key the code
    /// asks for that no file has gives an empty string (the page tests catch such blanks).
    pub(crate) fn get(&self, lang: &Lang, key: &str) -> &str {
        self.by_lang.get(lang).and_then(|t| t.get(key)).map(String::as_str).unwrap_or_default()
    }

    /// Whether `key` exists (in every language, by construction).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.by_lang.values().next().is_some_and(|t| t.contains_key(key))
    }

    /// `n` as the UI language writes numbers: digits grouped by threes with the language's
    /// separator (`number_group`, a no-break space in Russian and Kazakh: «10 000») once a
    /// number has `number_group_from` digits (5 in Russian and Kazakh, as CLDR's minimum
    /// grouping digits have it: «1000» but «10 000»).
    pub(crate) fn number(&self, lang: &Lang, n: usize) -> String {
        let sep = self.get(lang, "number_group");
        let from: usize = self.get(lang, "number_group_from").parse().unwrap_or(4);
        group_digits(n, sep, from)
    }

    /// The whole table of one language.
    pub(crate) fn table(&self, lang: &Lang) -> Option<&BTreeMap<String, String>> {
        self.by_lang.get(lang)
    }
}

/// `n` with `sep` between groups of three digits when it has at least `from` digits.
pub(crate) fn group_digits(n: usize, sep: &str, from: usize) -> String {
    let digits = n.to_string();
    if digits.len() < from.max(4) || sep.is_empty() {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + sep.len() * (digits.len() / 3));
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_by_threes_from_the_languages_minimum() {
        assert_eq!(group_digits(1000, "\u{a0}", 5), "1000");
        assert_eq!(group_digits(10_000, "\u{a0}", 5), "10\u{a0}000");
        assert_eq!(group_digits(1_234_567, "\u{a0}", 5), "1\u{a0}234\u{a0}567");
        assert_eq!(group_digits(1000, ",", 4), "1,000");
        assert_eq!(group_digits(999, ",", 1), "999");
    }

    fn lang(s: &str) -> Lang {
        Lang::new(s).unwrap()
    }

    #[test]
    fn missing_key_names_file_and_key() {
        let e = Strings::parse(vec![
            (lang("ru"), "ru.toml".into(), "home = \"Главная\"\nsearch = \"Поиск\"".into()),
            (lang("kk"), "kk.toml".into(), "home = \"Басты бет\"".into()),
        ])
        .unwrap_err();
        assert!(format!("{e:#}").contains("kk.toml: missing key «search»"), "{e:#}");
    }

    #[test]
    fn built_in_ru_and_kk_agree() {
        let s = Strings::load(Path::new("/nonexistent"), &[lang("ru"), lang("kk")]).unwrap();
        assert_eq!(s.get(&lang("kk"), "lang_name"), "Қазақша");
        assert_eq!(s.get(&lang("ru"), "lang_name"), "Русский");
    }

    #[test]
    fn a_language_without_strings_is_an_error() {
        let e = Strings::load(Path::new("/nonexistent"), &[lang("ru"), lang("de")]).unwrap_err();
        assert!(e.to_string().contains("templates/strings/de.toml"), "{e}");
    }
}
