//! Reads one raw source file into plain (Markdown-ish) text plus whatever metadata its format
//! states outright: for saved HTML pages the headline, canonical URL, publication time and site
//! name from the markup, and the article text without navigation, menus, widgets and footers.

use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use crate::error::{Context, Result};

/// A source document as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Raw {
    /// The text: Markdown-ish lines, paragraphs separated by blank lines.
    pub text: String,
    /// Metadata stated by the markup (HTML only).
    pub meta: Meta,
}

/// Metadata a saved page states in its markup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Headline (`og:title`, the article's `h1`, or `<title>`).
    pub title: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication time as written (`article:published_time`, `<time datetime>` in the article).
    pub published: Option<String>,
    /// Site name (`og:site_name`).
    pub site_name: Option<String>,
    /// Text of the page footer (copyright lines), kept for source detection.
    pub footer: Option<String>,
}

/// Reads a file: HTML by extension (`.html`, `.htm`) or by content, else text as it is.
pub fn read(path: &Path) -> Result<Raw> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not valid UTF-8 (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let text = normalize(&text);
    let is_html = path.extension().is_some_and(|e| e == "html" || e == "htm")
        || text.trim_start().to_ascii_lowercase().starts_with("<!doctype html")
        || text.trim_start().to_ascii_lowercase().starts_with("<html");
    Ok(if is_html { parse_html(&text) } else { Raw { text, meta: Meta::default() } })
}

/// A text as the importer works on it: no byte-order mark, `\n` line ends, and none of the
/// control characters (NUL, DEL, C1 codes: debris of a wrong encoding) and noncharacters that
/// YAML cannot hold, so that what the importer writes always loads.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
    text.chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| {
            !((c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{fffe}' | '\u{ffff}'))
        })
        .collect()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

fn attr(doc: &Html, selector: &str, name: &str) -> Option<String> {
    doc.select(&sel(selector))
        .find_map(|e| e.value().attr(name))
        .map(|s| normalize(s).trim().to_string())
        .filter(|s| !s.is_empty())
}

fn text_of(e: ElementRef) -> String {
    normalize(&e.text().collect::<String>()).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Extracts article text and metadata from a saved news page.
pub fn parse_html(html: &str) -> Raw {
    let doc = Html::parse_document(html);
    let article = ["article", "[itemprop=articleBody]", "main", "body"]
        .iter()
        .find_map(|s| doc.select(&sel(s)).next());
    let mut meta = Meta {
        title: attr(&doc, "meta[property='og:title']", "content")
            .or_else(|| article.and_then(|a| a.select(&sel("h1")).next()).map(text_of))
            .filter(|t| !t.is_empty())
            .or_else(|| doc.select(&sel("title")).next().map(text_of))
            .filter(|t| !t.is_empty()),
        url: attr(&doc, "link[rel=canonical]", "href")
            .or_else(|| attr(&doc, "meta[property='og:url']", "content")),
        published: attr(&doc, "meta[property='article:published_time']", "content").or_else(|| {
            article
                .and_then(|a| a.select(&sel("time[datetime]")).next())
                .and_then(|t| t.value().attr("datetime").map(str::to_string))
        }),
        site_name: attr(&doc, "meta[property='og:site_name']", "content"),
        footer: None,
    };
    let footer: Vec<String> =
        doc.select(&sel("footer")).map(text_of).filter(|t| !t.is_empty()).collect();
    meta.footer = (!footer.is_empty()).then(|| footer.join("\n"));
    let mut blocks = Vec::new();
    if let Some(root) = article {
        collect_blocks(root, &mut blocks);
    }
    Raw { text: blocks.join("\n\n"), meta }
}

/// Elements whose text is never article text.
const SKIP: [&str; 12] = [
    "nav", "header", "footer", "aside", "script", "style", "form", "noscript", "iframe", "button",
    "svg", "template",
];

fn collect_blocks(e: ElementRef, out: &mut Vec<String>) {
    let name = e.value().name();
    if SKIP.contains(&name) || has_widget_class(e) {
        return;
    }
    let block = match name {
        "h1" => None, // the headline is metadata, not body
        "h2" | "h3" | "h4" | "h5" | "h6" => Some(format!("## {}", text_of(e))),
        "p" | "figcaption" | "blockquote" => Some(text_of(e)),
        "li" => Some(format!("- {}", text_of(e))),
        _ => {
            for child in e.children().filter_map(ElementRef::wrap) {
                collect_blocks(child, out);
            }
            None
        }
    };
    if let Some(b) = block.filter(|b| !b.trim().is_empty() && b.trim() != "##" && b.trim() != "-") {
        out.push(b);
    }
}

/// Sidebars, share buttons and «popular» widgets are marked by class names like these.
fn has_widget_class(e: ElementRef) -> bool {
    let classes = e.value().attr("class").unwrap_or_default().to_ascii_lowercase();
    [
        "sidebar",
        "widget",
        "share",
        "social",
        "popular",
        "related",
        "menu",
        "banner",
        "advert",
        "breadcrumb",
        "comments",
        "subscribe",
    ]
    .iter()
    .any(|w| classes.split(|c: char| !c.is_ascii_alphanumeric()).any(|c| c == *w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped() {
        // A NUL in a title made the importer write a front matter YAML cannot read.
        assert_eq!(normalize("\u{feff}a\r\nb\rc\0d\u{7f}e\u{96}f\u{fffe}\tg"), "a\nb\ncdef\tg");
        let raw = parse_html("<title>A&#127;B&#1;C</title><p>x\u{0}y</p><p>&#x81;z</p>");
        assert_eq!(raw.meta.title.as_deref(), Some("ABC"));
        assert_eq!(raw.text, "xy\n\nz");
    }

    #[test]
    fn empty_headline_falls_back_to_the_page_title() {
        // An empty <h1> gave an empty title, and the imported document failed to load.
        let raw = parse_html("<title>Заголовок</title><article><h1><img></h1><p>x</p></article>");
        assert_eq!(raw.meta.title.as_deref(), Some("Заголовок"));
        assert_eq!(parse_html("<title> </title><h1></h1>").meta.title, None);
    }

    #[test]
    fn html_page_keeps_the_article_and_its_metadata() {
        let page = r#"<!DOCTYPE html><html><head><title>Site | Заголовок</title>
<meta property="og:title" content="Заголовок статьи"><link rel="canonical" href="https://example.kz/a/1">
<meta property="article:published_time" content="2023-06-07T10:00:00+06:00"><meta property="og:site_name" content="Inform.kz"></head>
<body><nav><a>Главная</a><a>Политика</a></nav><div class="sidebar-widget"><p>21 ноября 2026</p><p>Популярное</p></div>
<article><h1>Заголовок статьи</h1><time datetime="2023-06-07">7 июня</time><p>Первый абзац.</p><h2>Итоги</h2><p>Второй абзац.</p>
<ul><li>пункт</li></ul><aside>Читайте также</aside></article><footer>© 2023 Inform.kz</footer></body></html>"#;
        let raw = parse_html(page);
        assert_eq!(raw.meta.title.as_deref(), Some("Заголовок статьи"));
        assert_eq!(raw.meta.url.as_deref(), Some("https://example.kz/a/1"));
        assert_eq!(raw.meta.published.as_deref(), Some("2023-06-07T10:00:00+06:00"));
        assert_eq!(raw.meta.site_name.as_deref(), Some("Inform.kz"));
        assert_eq!(raw.meta.footer.as_deref(), Some("© 2023 Inform.kz"));
        assert_eq!(raw.text, "Первый абзац.\n\n## Итоги\n\nВторой абзац.\n\n- пункт");
    }
}
