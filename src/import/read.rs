//! Reads one raw source file into plain (Markdown-ish) text plus whatever metadata its format
//! states outright: for saved HTML pages the headline, canonical URL, publication time and site
//! name from the markup, and the article text without navigation, menus, widgets and footers.

use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use super::{decode, docx, escape, pdf};
use crate::error::{Context, Result};

mod htmlmeta;

/// How deep a saved page may nest its elements. Real pages nest a few dozen levels; the HTML
/// parser's work grows with the square of the depth (100,000 nested `<div>`s take minutes), so a
/// deeper page is refused before it is parsed.
pub(crate) const MAX_DEPTH: usize = 1000;

/// A source document as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Raw {
    /// The text: Markdown-ish lines, paragraphs separated by blank lines.
    pub text: String,
    /// Metadata stated by the markup (HTML only).
    pub meta: Meta,
    /// How the file's encoding was guessed, when it states none (for `review`).
    pub encoding_note: Option<String>,
}

/// Metadata a saved page states in its markup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Headline: of `og:title`, JSON-LD `headline`, the article's `h1` and `<title>` (less its
    /// site-name part), the one the others agree with.
    pub title: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication time as written (JSON-LD `datePublished`, `article:published_time`,
    /// `itemprop=datePublished`, `<time datetime>` by the headline, or the URL path's date).
    pub published: Option<String>,
    /// Site name (`og:site_name` or the JSON-LD publisher), normalised.
    pub site_name: Option<String>,
    /// Text of the page footer (copyright lines), kept for source detection.
    pub footer: Option<String>,
    /// The text comes from an official file (DOCX, PDF): a document, with no page chrome.
    pub office_file: bool,
    /// Review lines for what the markup states in places that disagree (two headlines, two
    /// dates, two publishers).
    pub notes: Vec<String>,
}

/// The largest file read: GitHub's own limit for a file, which the build also sets for a raw
/// source.
pub(crate) const MAX_FILE: u64 = 100 << 20;

/// Reads a file: a DOCX or PDF by extension (or a PDF by its first bytes) through [`docx`] and
/// [`pdf`], HTML by extension (`.html`, `.htm`) or by content, else text as it is. The bytes of
/// a text are decoded by [`decode::decode`] (UTF-8, UTF-16, a page's charset, or a guess that
/// goes to review); a page nested deeper than [`MAX_DEPTH`] is refused, and so is a file larger
/// than [`MAX_FILE`].
pub(crate) fn read(path: &Path) -> Result<Raw> {
    let size =
        std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?.len();
    if size > MAX_FILE {
        anyhow::bail!("{}: is larger than {} MB and is not read", path.display(), MAX_FILE >> 20);
    }
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if let Some(raw) = office(path, &bytes) {
        return raw.map_err(|e| anyhow::anyhow!("{}: {e}", path.display()));
    }
    let by_name = path.extension().is_some_and(|e| e == "html" || e == "htm");
    let decoded = decode::decode(&bytes, by_name || decode::looks_like_html(&bytes));
    let text = normalize(&decoded.text);
    let is_html = by_name
        || text.trim_start().to_ascii_lowercase().starts_with("<!doctype html")
        || text.trim_start().to_ascii_lowercase().starts_with("<html");
    let mut raw = if is_html {
        parse_html(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
    } else {
        Raw { text, ..Raw::default() }
    };
    raw.encoding_note = decoded.note;
    Ok(raw)
}

/// An official file's text, when `path` names one: `.docx` ([`docx`]), `.pdf` or a file that
/// starts as a PDF does ([`pdf`]); `.doc`, `.odt` and `.rtf` are named as not read.
fn office(path: &Path, bytes: &[u8]) -> Option<std::result::Result<Raw, String>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let text = match ext.as_str() {
        "docx" => docx::read(bytes),
        "pdf" => pdf::read(bytes),
        _ if bytes.starts_with(b"%PDF-") => pdf::read(bytes),
        "doc" | "odt" | "rtf" => {
            return Some(Err(format!(
                "is a .{ext} file, which archive import does not read; save it as .docx or PDF"
            )));
        }
        _ => return None,
    };
    let text = text.map(|t| normalize(&t));
    Some(text.map(|text| Raw {
        text,
        meta: Meta { office_file: true, ..Meta::default() },
        encoding_note: None,
    }))
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

/// Extracts article text and metadata from a saved news page. The text is Markdown: headings
/// `## `, list items `- `, and the page's visible text escaped ([`escape::text`]) so that it
/// renders as written. A page nested deeper than [`MAX_DEPTH`] is an error.
pub fn parse_html(html: &str) -> std::result::Result<Raw, String> {
    let depth = nesting_depth(html);
    if depth > MAX_DEPTH {
        return Err(format!(
            "the page nests its elements at least {depth} deep (at most {MAX_DEPTH} are read); \
             it is not a saved news page"
        ));
    }
    let doc = Html::parse_document(html);
    let article = ["article", "[itemprop=articleBody]", "main", "body"]
        .iter()
        .find_map(|s| doc.select(&sel(s)).next());
    let url = attr(&doc, "link[rel=canonical]", "href")
        .or_else(|| attr(&doc, "meta[property='og:url']", "content"));
    let stated = htmlmeta::read(&doc, article, url.as_deref());
    let mut meta = Meta {
        title: stated.title,
        url,
        published: stated.published,
        site_name: stated.site_name,
        footer: None,
        office_file: false,
        notes: stated.notes,
    };
    let footer: Vec<String> =
        doc.select(&sel("footer")).map(text_of).filter(|t| !t.is_empty()).collect();
    meta.footer = (!footer.is_empty()).then(|| footer.join("\n"));
    let blocks = article.map(collect_blocks).unwrap_or_default();
    Ok(Raw { text: blocks.join("\n\n"), meta, encoding_note: None })
}

/// Elements whose text is never article text.
const SKIP: [&str; 12] = [
    "nav", "header", "footer", "aside", "script", "style", "form", "noscript", "iframe", "button",
    "svg", "template",
];

/// The article's blocks as Markdown lines, in document order. The walk keeps its own stack, so
/// no nesting can overflow the thread's.
fn collect_blocks(root: ElementRef) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        let name = e.value().name();
        if SKIP.contains(&name) || has_widget_class(e) {
            continue;
        }
        let text = || escape::text(&text_of(e));
        let block = match name {
            "h1" => None, // the headline is metadata, not body
            "h2" | "h3" | "h4" | "h5" | "h6" => Some(heading(&text())),
            "p" | "figcaption" | "blockquote" => Some(text()),
            "li" => Some(format!("- {}", text())),
            _ => {
                let first = stack.len();
                stack.extend(e.children().filter_map(ElementRef::wrap));
                stack[first..].reverse();
                None
            }
        };
        if let Some(b) =
            block.filter(|b| !b.trim().is_empty() && b.trim() != "##" && b.trim() != "-")
        {
            out.push(b);
        }
    }
    out
}

/// A `##` heading of escaped text. A last `#` is escaped too: `## Итоги #` would lose it as a
/// closing sequence.
fn heading(text: &str) -> String {
    match text.strip_suffix('#') {
        Some(head) if !head.ends_with('\\') => format!("## {head}\\#"),
        _ => format!("## {text}"),
    }
}

/// Elements with no content, and elements whose end tag may be left out (the parser closes them
/// itself when a sibling starts): neither deepens a page the way an open `<div>` does.
const NOT_NESTING: [&str; 38] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "basefont", "bgsound", "p", "li", "dt", "dd", "option",
    "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt",
    "rtc", "rp", "head", "body",
];

/// How deep `html` nests its elements, counted on its tags before it is parsed: each start tag
/// opens a level until the end tag of the same name (an end tag of an element not open is
/// ignored, as the parser ignores it); comments and the text of scripts and styles are skipped;
/// `/>` closes an element only inside SVG or MathML, as in HTML itself. Deep enough for the
/// parser to stall or a recursive walk to overflow means deep by this count too.
fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let mut open: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let (mut depth, mut max, mut foreign) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        i += at + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i + 3, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let name_len =
            bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if name_len == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        let Some(end) = tag_end(bytes, start + name_len) else { break };
        i = end + 1;
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            if let Some(n) = open.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                depth = depth.saturating_sub(1);
                if name == "svg" || name == "math" {
                    foreign = foreign.saturating_sub(1);
                }
            }
            continue;
        }
        if foreign > 0 && bytes[..end].ends_with(b"/") {
            continue;
        }
        *open.entry(name.clone()).or_default() += 1;
        depth += 1;
        max = max.max(depth);
        match name.as_str() {
            "svg" | "math" => foreign += 1,
            "script" | "style" | "textarea" | "title" | "xmp" => {
                // Raw text up to the end tag, which then closes the element.
                let close = format!("</{name}");
                let lower_end = find_ascii_ci(bytes, i, close.as_bytes());
                i = lower_end.unwrap_or(bytes.len());
            }
            _ => {}
        }
    }
    max
}

/// Index of the `>` ending a tag whose attributes start at `from` (quoted values may hold `>`).
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(k),
            _ => {}
        }
    }
    None
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|k| k + from)
}

fn find_ascii_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(k) = find(bytes, at, b"</") {
        if bytes.len() >= k + needle.len()
            && bytes[k..k + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(k);
        }
        at = k + 2;
    }
    None
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
        let raw = parse_html("<title>A&#127;B&#1;C</title><p>x\u{0}y</p><p>&#x81;z</p>").unwrap();
        assert_eq!(raw.meta.title.as_deref(), Some("ABC"));
        assert_eq!(raw.text, "xy\n\nz");
    }

    #[test]
    fn empty_headline_falls_back_to_the_page_title() {
        // An empty <h1> gave an empty title, and the imported document failed to load.
        let raw = parse_html("<title>Заголовок</title><article><h1><img></h1><p>x</p></article>")
            .unwrap();
        assert_eq!(raw.meta.title.as_deref(), Some("Заголовок"));
        assert_eq!(parse_html("<title> </title><h1></h1>").unwrap().meta.title, None);
    }

    #[test]
    fn html_page_keeps_the_article_and_its_metadata() {
        let page = r#"<!DOCTYPE html><html><head><title>Site | Заголовок</title>
<meta property="og:title" content="Заголовок статьи"><link rel="canonical" href="https://example.kz/a/1">
<meta property="article:published_time" content="2023-06-07T10:00:00+06:00"><meta property="og:site_name" content="Inform.kz"></head>
<body><nav><a>Главная</a><a>Политика</a></nav><div class="sidebar-widget"><p>21 ноября 2026</p><p>Популярное</p></div>
<article><h1>Заголовок статьи</h1><time datetime="2023-06-07">7 июня</time><p>Первый абзац.</p><h2>Итоги</h2><p>Второй абзац.</p>
<ul><li>пункт</li></ul><aside>Читайте также</aside></article><footer>© 2023 Inform.kz</footer></body></html>"#;
        let raw = parse_html(page).unwrap();
        assert_eq!(raw.meta.title.as_deref(), Some("Заголовок статьи"));
        assert_eq!(raw.meta.url.as_deref(), Some("https://example.kz/a/1"));
        assert_eq!(raw.meta.published.as_deref(), Some("2023-06-07T10:00:00+06:00"));
        assert_eq!(raw.meta.site_name.as_deref(), Some("Inform.kz"));
        assert_eq!(raw.meta.footer.as_deref(), Some("© 2023 Inform.kz"));
        assert_eq!(raw.text, "Первый абзац.\n\n## Итоги\n\nВторой абзац.\n\n- пункт");
    }
}
