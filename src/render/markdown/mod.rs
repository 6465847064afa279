//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough; fenced code through
//! the highlighter; every heading gets a stable `id` for anchors, and headings start at `h2`
//! because the page title is the page's only `h1`. Raw HTML written inside Markdown is cleaned
//! one fragment at a time by `render::sanitize` (no scripts, event handlers or `javascript:`
//! links unless the site trusts its authors; no fragment can swallow the text after it in either
//! mode); text without raw HTML skips the sanitizer, since pulldown-cmark escapes it already,
//! unless it links to an address of another scheme than http, https or mailto. Control
//! characters are dropped, and a text nested deeper than [`MAX_DEPTH`] is refused: both as
//! `docs/content-model.md` («Raw HTML, control characters and nesting in a body») documents.

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser, TagEnd};

mod pass;
mod unclosed;

use pass::render_pass;

use super::highlight::Highlighter;

/// Markdown options used for every body and description.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
    // No smart punctuation: an archive keeps the source's own quotes («», "", „“) as written.
}

/// A heading of the rendered text, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 2–6 (headings start at h2).
    pub level: u8,
    /// The `id` anchor.
    pub id: String,
    /// Plain text.
    pub text: String,
}

/// A Markdown text rendered once for everything that needs it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Its headings, in order.
    pub headings: Vec<Heading>,
    /// Its plain text, whitespace collapsed (as [`plain_text`] gives it): for descriptions,
    /// excerpts and the search index, so a document is parsed once per build.
    pub plain: String,
    /// What a curator should hear about the text, by line of the text.
    pub problems: Vec<Problem>,
}

/// A problem in a Markdown text: its line (1-based, in the text), what is wrong, and whether it
/// keeps the text from being published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the text.
    pub line: usize,
    /// What is wrong, in a sentence a curator can act on.
    pub message: String,
    /// Whether the text was refused (an error) rather than published with a warning.
    pub error: bool,
}

/// Renders Markdown to HTML.
pub fn render(markdown: &str, highlighter: &Highlighter, trust_html: bool) -> String {
    render_full(markdown, highlighter, trust_html).html
}

/// The plain-text part of an event: its text, or a space where it separates words.
fn plain_part<'e>(ev: &'e Event) -> Option<&'e str> {
    match ev {
        Event::Text(t) | Event::Code(t) => Some(t),
        Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => Some(" "),
        // Block ends separate words too («Итоги» + «Принято», table cells).
        Event::End(TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item | TagEnd::CodeBlock) => {
            Some(" ")
        }
        _ => None,
    }
}

/// Collapses runs of whitespace to one space and trims the ends, as joining
/// `raw.split_whitespace()` with spaces would. It scans bytes: every non-ASCII whitespace
/// character starts with one of four lead bytes, so Cyrillic is copied in runs.
fn collapse(raw: &str) -> String {
    // Most texts come single-spaced already (words, and a space where events meet).
    let trimmed = raw.trim_matches(' ');
    if single_spaced(trimmed) {
        return trimmed.to_owned();
    }
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut word: Option<usize> = None;
    let mut i = 0;
    // Bytes that may start whitespace: ASCII's, and the lead bytes of U+0085 … U+3000.
    const MAY_START: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = matches!(b as u8, b'\t'..=b'\r' | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3);
            b += 1;
        }
        t
    };
    while i < bytes.len() {
        if !MAY_START[usize::from(bytes[i])] {
            word.get_or_insert(i);
            i += 1;
            continue;
        }
        let space = match raw[i..].chars().next() {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        };
        if space == 0 {
            word.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(start) = word.take() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&raw[start..i]);
        }
        i += space;
    }
    if let Some(start) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&raw[start..]);
    }
    out
}

/// Whether `s` has no whitespace but single spaces: no two spaces in a row, no other ASCII
/// whitespace, and none of the non-ASCII kind (whose lead bytes are looked at where they occur).
fn single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memmem::find(b, b"  ").is_none()
        && memchr::memchr3(b'\n', b'\t', b'\r', b).is_none()
        && memchr::memchr2(0x0b, 0x0c, b).is_none()
        && memchr::memchr3_iter(0xc2, 0xe1, 0xe2, b)
            .chain(memchr::memchr_iter(0xe3, b))
            .all(|i| !s[i..].chars().next().is_some_and(char::is_whitespace))
}

/// How deeply a text may nest (block quotes, lists, emphasis, links, and the elements of its raw
/// HTML, counted together). Browsers stop nesting a little above this (Chromium at 512), and
/// parsers that walk the open elements at every tag slow down with the depth; no real document
/// comes near it.
pub(crate) const MAX_DEPTH: usize = 256;

/// How many times a text is parsed again after raw HTML blocks that never closed (each pass
/// shows their openings as text); the rare text that needs more keeps the rest as HTML-block
/// text, still shown (see [`super::sanitize::neutralize`]).
const MAX_PASSES: usize = 4;

/// Renders Markdown to HTML, listing its headings and keeping its plain text.
///
/// Raw HTML is handled one fragment at a time (see `render::sanitize`): an HTML block, or the
/// inline content of one paragraph, heading, table cell or list item. Control characters other
/// than tab and line ends are dropped, as [`crate::text::escape::html`] drops them from fields.
/// A text nested deeper than [`MAX_DEPTH`] is refused: it comes back as escaped text with an
/// error.
pub fn render_full(markdown: &str, highlighter: &Highlighter, trust_html: bool) -> Rendered {
    let mut text = crate::text::escape::without_controls(markdown);
    for _ in 0..MAX_PASSES {
        match render_pass(&text, highlighter, trust_html, true) {
            Pass::Done(r) => return r,
            Pass::Reopen(openings) => text = Cow::Owned(escape_at(&text, &openings)),
        }
    }
    match render_pass(&text, highlighter, trust_html, false) {
        Pass::Done(r) => r,
        Pass::Reopen(_) => Rendered::default(), // not asked for: `reopen` is false
    }
}

/// `text` with `&lt;` for the `<` at each of `offsets` (ascending).
fn escape_at(text: &str, offsets: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + 3 * offsets.len());
    let mut copied = 0;
    for &at in offsets {
        out.push_str(&text[copied..at]);
        out.push_str("&lt;");
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// What one parse of a text gave.
enum Pass {
    Done(Rendered),
    /// Raw HTML blocks that ran to the end of their container because their end never came
    /// (`<!--` without `-->`, `<script>` without `</script>` …): the offsets of their `<`,
    /// to show as text before parsing again, so the Markdown after them is Markdown.
    Reopen(Vec<usize>),
}

/// The 1-based line of byte `offset` in `text`.
fn line_at(text: &str, offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset.min(text.len())]).count() + 1
}

/// Plain text of Markdown (for descriptions in meta tags and snippets).
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for ev in Parser::new_ext(markdown, options()) {
        if let Some(p) = plain_part(&ev) {
            out.push_str(p);
        }
    }
    collapse(&out)
}
#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn collapse_joins_split_whitespace(s in "[a-zҚқə\u{85}\u{a0}\u{a9}\u{1680}\u{180e}\u{2000}-\u{200d}\u{2028}\u{2029}\u{202f}\u{205f}\u{2060}\u{3000}\u{3001} \t\n\x0b\x0c\r\x1c]{0,40}") {
            let slow = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse(&s), slow);
        }
    }

    fn md(s: &str) -> String {
        render(s, &Highlighter::new(), false)
    }

    #[test]
    fn raw_html_is_sanitized_unless_trusted() {
        let hostile = "Текст <script>alert(1)</script> <img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">x</a> <b>жирный</b><sup>1</sup>";
        let clean = md(hostile);
        assert!(
            !clean.contains("<script")
                && !clean.contains("onerror")
                && !clean.contains("javascript:"),
            "{clean}"
        );
        assert!(clean.contains("<b>жирный</b>") && clean.contains("<sup>1</sup>"), "{clean}");
        let trusted = render(hostile, &Highlighter::new(), true);
        assert!(
            trusted.contains("onerror=\"alert(2)\""),
            "trusted sites keep their HTML: {trusted}"
        );
    }

    /// The text a reader sees in `html`, in document order: text nodes outside the elements a
    /// browser never shows (raw-text elements, templates).
    fn seen(html: &str) -> String {
        const HIDDEN: [&str; 11] = [
            "script",
            "style",
            "template",
            "textarea",
            "title",
            "noscript",
            "iframe",
            "noembed",
            "noframes",
            "xmp",
            "plaintext",
        ];
        let doc = scraper::Html::parse_fragment(html);
        let mut out = String::new();
        for node in doc.tree.root().descendants() {
            let scraper::Node::Text(t) = node.value() else { continue };
            let hidden = node
                .ancestors()
                .any(|a| a.value().as_element().is_some_and(|e| HIDDEN.contains(&e.name())));
            if !hidden {
                out.push_str(t);
            }
        }
        out
    }

    /// Renders `body` in both modes and asserts that each of `words` is seen, in order, and that
    /// the Markdown after the fragment is still Markdown.
    fn assert_seen_in_order(body: &str, words: &[&str]) {
        for trust in [false, true] {
            let r = render_full(body, &Highlighter::new(), trust);
            let text = seen(&r.html);
            let mut from = 0;
            for w in words {
                match text[from..].find(w) {
                    Some(at) => from += at + w.len(),
                    None => panic!(
                        "trust_html={trust}: «{w}» lost or out of order\nbody: {body:?}\nhtml: {}\nseen: {text}",
                        r.html
                    ),
                }
            }
            assert!(
                r.html.contains("<strong>абзац</strong>"),
                "trust_html={trust}: the Markdown after it is not Markdown\nbody: {body:?}\nhtml: {}",
                r.html
            );
        }
    }

    /// A stray opening `tag` in running text, at the start of a line, inside a line and in a
    /// quote, keeps the text after it and the Markdown of the paragraphs after it.
    fn assert_stray_tag_swallows_nothing(tag: &str) {
        let words = ["Начало", "после тега", "Следующий", "абзац"];
        for body in [
            format!("Начало {tag} после тега.\n\nСледующий **абзац**.\n"),
            format!("Начало.\n\n{tag}\nпосле тега\n\nСледующий **абзац**.\n"),
            format!("Начало\n{tag} после тега\n\nСледующий **абзац**.\n"),
            format!("> Начало {tag} после тега\n\nСледующий **абзац**.\n"),
            format!("- Начало\n- {tag}\n\n  после тега\n\nСледующий **абзац**.\n"),
        ] {
            assert_seen_in_order(&body, &words);
        }
    }

    macro_rules! stray_tag_tests {
        ($($name:ident: $tag:expr,)*) => {$(
            #[test]
            fn $name() {
                assert_stray_tag_swallows_nothing($tag);
            }
        )*};
    }

    stray_tag_tests! {
        stray_script_swallows_nothing: "<script>",
        stray_style_swallows_nothing: "<style>",
        stray_template_swallows_nothing: "<template>",
        stray_textarea_swallows_nothing: "<textarea>",
        stray_title_swallows_nothing: "<title>",
        stray_noscript_swallows_nothing: "<noscript>",
        stray_xmp_swallows_nothing: "<xmp>",
        stray_iframe_swallows_nothing: "<iframe>",
        stray_noembed_swallows_nothing: "<noembed>",
        stray_noframes_swallows_nothing: "<noframes>",
        stray_plaintext_swallows_nothing: "<plaintext>",
        stray_uppercase_script_swallows_nothing: "<SCRIPT type=\"text/javascript\">",
        math_style_mutation_swallows_nothing: "<math><style>",
        svg_style_mutation_swallows_nothing: "<svg><style>",
        unclosed_comment_swallows_nothing: "<!--",
        unclosed_processing_instruction_swallows_nothing: "<?php",
        unclosed_cdata_swallows_nothing: "<![CDATA[",
    }

    #[test]
    fn stray_table_reorders_nothing() {
        for body in [
            "Начало <table><tr><td>ячейка</td> после тега\n\nСледующий **абзац**.\n",
            "Начало.\n\n<table><tr><td>ячейка</td>\nпосле тега\n\nСледующий **абзац**.\n",
        ] {
            assert_seen_in_order(body, &["Начало", "ячейка", "после тега", "Следующий", "абзац"]);
        }
    }

    #[test]
    fn unbalanced_tag_stays_in_its_fragment() {
        for trust in [false, true] {
            let html = render("Начало <b>жирное\n\nСледующий абзац.\n", &Highlighter::new(), trust);
            assert!(html.contains("жирное</b></p>"), "trust_html={trust}: {html}");
            assert!(html.contains("<p>Следующий абзац.</p>"), "trust_html={trust}: {html}");
        }
    }

    #[test]
    fn whole_raw_html_blocks_still_work() {
        let table = "<table><tr><td>ячейка</td></tr></table>\n\nПосле **абзац**.\n";
        for trust in [false, true] {
            let html = render(table, &Highlighter::new(), trust);
            assert!(html.contains("<td>ячейка</td>"), "trust_html={trust}: {html}");
        }
        let script = "Текст.\n\n<script>\nlet a = 1 < 2;\n</script>\n\nПосле.\n";
        let trusted = render(script, &Highlighter::new(), true);
        assert!(trusted.contains("<script>\nlet a = 1 < 2;\n</script>"), "{trusted}");
        assert!(trusted.contains("<p>После.</p>"), "{trusted}");
        let clean = render(script, &Highlighter::new(), false);
        assert!(!clean.contains("<script") && clean.contains("<p>После.</p>"), "{clean}");
    }

    #[test]
    fn markdown_links_with_a_script_scheme_are_sanitized() {
        for body in [
            "[ссылка](javascript:alert(1))",
            "[ссылка](JavaScript:alert(1))",
            "<javascript:alert(1)>",
            "[ссылка](data:text/html,<script>alert(1)</script>)",
            "![картинка](javascript:alert(1))",
            "[ссылка][x]\n\n[x]: vbscript:msgbox(1)",
        ] {
            let html = md(body);
            let doc = scraper::Html::parse_fragment(&html);
            for e in doc.tree.nodes().filter_map(|n| n.value().as_element()) {
                for (name, value) in e.attrs() {
                    let v = value.to_lowercase();
                    assert!(
                        !["javascript:", "vbscript:", "data:"].iter().any(|s| v.contains(s)),
                        "{body}: {name}={value} in {html}"
                    );
                }
            }
        }
        assert!(
            md("[ссылка](https://example.org/a?b=1)")
                .contains("href=\"https://example.org/a?b=1\"")
        );
        assert!(md("[ссылка](/ru/countries/)").contains("href=\"/ru/countries/\""));
        let trusted = render("[ссылка](javascript:go())", &Highlighter::new(), true);
        assert!(trusted.contains("javascript:go()"), "trusted authors keep their links: {trusted}");
    }

    #[test]
    fn sanitizing_that_drops_visible_text_is_reported_with_its_line() {
        let body = "Первый абзац.\n\n<div>видно <template>спрятано</template></div>\n\nТретий.\n";
        let r = render_full(body, &Highlighter::new(), false);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].line, 3);
        assert!(!r.problems[0].error);
        assert!(r.problems[0].message.contains("спрятано"), "{}", r.problems[0].message);
        // Nothing is dropped: no warning.
        let fine = render_full("Текст <b>жирный</b>, <sup>1</sup>.\n", &Highlighter::new(), false);
        assert!(fine.problems.is_empty(), "{:?}", fine.problems);
        // A trusted site keeps the text: no warning either.
        assert!(render_full(body, &Highlighter::new(), true).problems.is_empty());
    }

    /// The shapes that stalled or crashed a build: each is refused with an error on its line,
    /// in both modes, and comes back as text.
    #[test]
    fn deep_nesting_is_refused_with_its_line() {
        let n = 100_000;
        let shapes = [
            ("divs", "<div>".repeat(n)),
            ("spans in a paragraph", format!("Текст {}", "<span>".repeat(n))),
            ("block quotes", format!("{}x", "> ".repeat(n))),
            ("lists", format!("{}x", "- ".repeat(n))),
            ("ordered lists", format!("{}x", "1. ".repeat(n))),
            ("emphasis", format!("{}x{}", "*".repeat(n), "*".repeat(n))),
            ("images", format!("{}x{}", "![".repeat(n), "](u)".repeat(n))),
            ("quotes around divs", format!("{}<div>{}", "> ".repeat(200), "<div>".repeat(100))),
        ];
        for trust in [false, true] {
            for (shape, deep) in &shapes {
                let body = format!("Начало.\n\n{deep}\n\nКонец.\n");
                let r = render_full(&body, &Highlighter::new(), trust);
                let errors: Vec<_> = r.problems.iter().filter(|p| p.error).collect();
                assert_eq!(errors.len(), 1, "{shape}: {:?}", r.problems);
                assert_eq!(errors[0].line, 3, "{shape}");
                assert!(errors[0].message.contains("256"), "{shape}: {}", errors[0].message);
                assert!(r.html.contains("Конец."), "{shape}: the text is kept");
            }
        }
        // As deep as allowed is fine, and so are brackets, which do not nest.
        for ok in [format!("{}x", "> ".repeat(200)), "[".repeat(n), "<div>".repeat(200)] {
            let r = render_full(&ok, &Highlighter::new(), false);
            assert!(r.problems.iter().all(|p| !p.error), "{:?}", r.problems);
        }
    }

    #[test]
    fn control_characters_never_reach_the_page() {
        let body = "# За\u{1}го\u{7f}ловок\n\nТекст\u{0}\u{b}\u{85}\u{9f} &#1;&#x7f;&#128;&#xfffe; \
                    `код\u{1b}` [ссылка\u{2}](/a \"&#3;\")\n\n```\nкод\u{1}\n```\n";
        for trust in [false, true] {
            let r = render_full(body, &Highlighter::new(), trust);
            let bad: Vec<char> =
                r.html.chars().filter(|&c| crate::text::escape::is_forbidden(c)).collect();
            assert!(bad.is_empty(), "{bad:?} in {}", r.html);
            assert!(r.html.contains("Заголовок") && r.html.contains("Текст"), "{}", r.html);
        }
    }

    #[test]
    fn headings_get_ids_and_start_at_h2() {
        let html = md("# Введение\n\n## Введение\n\n### **1. Сотрудничество**\n");
        assert!(html.contains("<h2 id=\"vvedenie\">Введение</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"vvedenie-2\">"), "{html}");
        assert!(
            html.contains("<h3 id=\"1-sotrudnichestvo\"><strong>1. Сотрудничество</strong></h3>"),
            "{html}"
        );
    }

    #[test]
    fn headings_are_listed_for_a_table_of_contents() {
        let hs = render_full("# A\n\n### B c\n", &Highlighter::new(), false).headings;
        assert_eq!(hs[0], Heading { level: 2, id: "a".into(), text: "A".into() });
        assert_eq!((hs[1].level, hs[1].id.as_str()), (3, "b-c"));
    }

    #[test]
    fn source_quotes_are_kept() {
        assert!(md("\"Совет\" и «Банк»").contains("\"Совет\" и «Банк»"));
    }

    #[test]
    fn footnotes_tables_strikethrough() {
        let html =
            md("Текст[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~нет~~\n\n[^1]: Примечание\n");
        assert!(html.contains("footnote-reference"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>нет</del>"), "{html}");
    }

    #[test]
    fn fenced_code_is_highlighted() {
        let html = md("```yaml\ntitle: x\n```\n");
        assert!(html.contains("<pre class=\"code\"><code class=\"language-yaml\">"), "{html}");
        assert!(html.contains("hl-"), "{html}");
    }

    #[test]
    fn one_render_gives_the_same_plain_text() {
        let text = "# Итоги\n\nПринято **решение**.\n\n| a | b |\n|---|---|\n| x | y |\n\n```rust\nlet x = 1;\n```\n\n- один\n- два[^1]\n\n[^1]: сноска";
        let r = render_full(text, &Highlighter::new(), false);
        assert_eq!(r.plain, plain_text(text));
        assert_eq!(r.headings.len(), 1);
        assert!(r.html.contains("<table>"));
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(plain_text("**Жирный** текст\nи _ещё_"), "Жирный текст и ещё");
    }
}
