//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough; fenced code through
//! the highlighter; every heading gets a stable `id` for anchors, and headings start at `h2`
//! because the page title is the page's only `h1`. Raw HTML written inside Markdown is cleaned
//! by ammonia (no scripts, event handlers or `javascript:` links) unless the site trusts its
//! authors; text without raw HTML skips the sanitizer, since pulldown-cmark escapes it already.

use std::collections::BTreeSet;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

use super::highlight::Highlighter;
use crate::text::slugify;

/// Markdown options used for every body and description.
fn options() -> Options {
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

/// Renders Markdown to HTML, listing its headings and keeping its plain text.
pub fn render_full(markdown: &str, highlighter: &Highlighter, trust_html: bool) -> Rendered {
    let mut plain = String::with_capacity(markdown.len());
    let mut headings = Vec::new();
    let mut raw_html = false;
    let mut events: Vec<Event> = Vec::new();
    let mut code: Option<(String, String)> = None; // (lang, text)
    let mut heading: Option<(HeadingLevel, Vec<Event>)> = None;
    let mut ids = BTreeSet::new();
    for ev in Parser::new_ext(markdown, options()) {
        if let Some(p) = plain_part(&ev) {
            plain.push_str(p);
        }
        if let Some((_, text)) = code.as_mut() {
            match ev {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = code.take().unwrap_or_default();
                    let inner = highlighter.highlight(&text, &lang);
                    let class = if lang.is_empty() {
                        String::new()
                    } else {
                        format!(" class=\"language-{}\"", super::highlight::escape(&lang))
                    };
                    events.push(Event::Html(CowStr::from(format!(
                        "<pre class=\"code\"><code{class}>{inner}</code></pre>\n"
                    ))));
                }
                _ => {}
            }
            continue;
        }
        if let Some((_, inner)) = heading.as_mut() {
            if let Event::End(TagEnd::Heading(_)) = ev {
                let (level, inner) = heading.take().unwrap_or((HeadingLevel::H2, Vec::new()));
                headings.push(push_heading(&mut events, level, inner, &mut ids));
            } else {
                inner.push(ev);
            }
            continue;
        }
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or_default().to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, Vec::new())),
            other => {
                raw_html |= matches!(other, Event::Html(_) | Event::InlineHtml(_));
                events.push(other)
            }
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if raw_html && !trust_html {
        out = sanitize(&out);
    }
    Rendered { html: out, headings, plain: collapse(&plain) }
}

/// Cleans HTML with ammonia, keeping what our own Markdown output uses (ids and classes for
/// anchors, footnotes and highlighting).
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class"])
        .add_tags(["sup", "sub", "section", "figure", "figcaption"])
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

fn push_heading<'a>(
    events: &mut Vec<Event<'a>>,
    level: HeadingLevel,
    inner: Vec<Event<'a>>,
    ids: &mut BTreeSet<String>,
) -> Heading {
    let text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let base = match slugify(&text) {
        s if s.is_empty() => "section".to_string(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    let level = match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        l => l,
    };
    events.push(Event::Start(Tag::Heading {
        level,
        id: Some(CowStr::from(id.clone())),
        classes: Vec::new(),
        attrs: Vec::new(),
    }));
    events.extend(inner);
    events.push(Event::End(TagEnd::Heading(level)));
    Heading { level: level as u8, id, text }
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
        assert!(trusted.contains("<script>"), "trusted sites keep their HTML");
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
