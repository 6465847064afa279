//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough; fenced code through
//! the highlighter; every heading gets a stable `id` for anchors, and headings start at `h2`
//! because the page title is the page's only `h1`.

use std::collections::BTreeSet;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

use super::highlight::Highlighter;
use crate::text::slugify;

/// Markdown options used for every body and description.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders Markdown to HTML.
pub fn render(markdown: &str, highlighter: &Highlighter) -> String {
    let mut events: Vec<Event> = Vec::new();
    let mut code: Option<(String, String)> = None; // (lang, text)
    let mut heading: Option<(HeadingLevel, Vec<Event>)> = None;
    let mut ids = BTreeSet::new();
    for ev in Parser::new_ext(markdown, options()) {
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
                push_heading(&mut events, level, inner, &mut ids);
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
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

fn push_heading<'a>(
    events: &mut Vec<Event<'a>>,
    level: HeadingLevel,
    inner: Vec<Event<'a>>,
    ids: &mut BTreeSet<String>,
) {
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
        id: Some(CowStr::from(id)),
        classes: Vec::new(),
        attrs: Vec::new(),
    }));
    events.extend(inner);
    events.push(Event::End(TagEnd::Heading(level)));
}

/// Plain text of Markdown (for descriptions in meta tags and snippets).
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        render(s, &Highlighter::new())
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
    fn plain_text_drops_markup() {
        assert_eq!(plain_text("**Жирный** текст\nи _ещё_"), "Жирный текст и ещё");
    }
}
