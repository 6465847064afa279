//! Code highlighting with syntect, as CSS classes plus one generated stylesheet.
//!
//! The syntax set and theme are loaded once per build and shared read-only by all threads.
//! Class-based output keeps pages small and the result byte-identical between runs.

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Class prefix of highlighted spans, so they cannot clash with the site's own classes.
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The loaded syntaxes.
pub struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Highlighter {
    /// Loads the bundled syntaxes.
    pub fn new() -> Self {
        Highlighter { syntaxes: SyntaxSet::load_defaults_newlines() }
    }

    /// Highlights `code` written in `lang` (a fence info string such as `rust` or `yaml`);
    /// unknown languages come back escaped but uncoloured.
    pub(crate) fn highlight(&self, code: &str, lang: &str) -> String {
        let syntax = self
            .syntaxes
            .find_syntax_by_token(lang)
            .unwrap_or_else(|| self.syntaxes.find_syntax_plain_text());
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, STYLE);
        for line in LinesWithEndings::from(code) {
            if generator.parse_html_for_line_which_includes_newline(line).is_err() {
                return escape(code);
            }
        }
        generator.finalize()
    }

    /// The stylesheet for the highlighted classes (light theme, with a dark variant).
    pub(crate) fn css() -> String {
        let themes = ThemeSet::load_defaults();
        let css = |name: &str| {
            let theme = themes.themes.get(name).expect("invariant: syntect bundles this theme");
            css_for_theme_with_class_style(theme, STYLE)
                .expect("a theme's CSS cannot fail: it is only formatted into a String")
        };
        let (light, dark) = (css("InspiredGitHub"), css("base16-ocean.dark"));
        format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
    }
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter::new()
    }
}

/// HTML-escapes text for element content and attribute values.
pub(crate) use crate::text::escape::html as escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_prefixed_classes() {
        let h = Highlighter::new();
        let html = h.highlight("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(Highlighter::css().contains(".hl-"));
    }

    #[test]
    fn escapes_the_five_specials_and_keeps_the_rest() {
        assert_eq!(
            escape("«ШОС» & <b> \"x\" 'y'"),
            "«ШОС» &amp; &lt;b&gt; &quot;x&quot; &#39;y&#39;"
        );
        assert_eq!(escape("Қазақстан"), "Қазақстан");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn unknown_language_is_escaped() {
        let html = Highlighter::new().highlight("<b>x</b>\n", "no-such-lang");
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }
}
