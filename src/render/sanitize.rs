//! Raw HTML written inside Markdown, one fragment at a time.
//!
//! A fragment is an HTML block, or the inline content of one paragraph, heading, table cell or
//! list item that holds raw HTML. Each is cleaned on its own, so nothing in one can reach the
//! Markdown after it:
//!
//! - [`neutralize`] shows as text (`<` written `&lt;`) every opening tag that would swallow what
//!   follows it: an element whose content the HTML parser reads as text up to its own end tag
//!   (`script`, `style`, `textarea`, `title`, `xmp`, `iframe`, `noembed`, `noframes`,
//!   `noscript`, and `plaintext`, which has none), a `template` (whose content is never shown),
//!   a comment, processing instruction or `CDATA` section, and a `<table>` (the parser would
//!   move the text after it in front of it), when it does not close within its fragment. In
//!   running text they are always shown as text: none of them can stand in a paragraph.
//! - [`clean`] then parses the fragment alone: ammonia's allow-list for a site that does not
//!   trust its authors, the HTML5 parser's own balancing for one that does (its scripts and
//!   markup are kept as written, but every element the fragment opens is closed in it). Text the
//!   sanitizer removed is reported, so a curator hears about it.

use std::borrow::Cow;
use std::sync::LazyLock;

/// Elements whose opening tag swallows what follows it up to their own end tag.
const SWALLOWING: [&str; 11] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
];

/// Whether `b` ends a tag name.
fn ends_name(b: Option<&u8>) -> bool {
    matches!(b, None | Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'/' | b'>'))
}

/// Whether `hay` starts with `needle`, ASCII case ignored.
fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// Where the end tag `</name` (followed by a space, `/` or `>`) starts in `hay`, case ignored.
fn find_end_tag(hay: &[u8], name: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&hay[from..], b"</") {
        let start = from + at;
        let after = &hay[start + 2..];
        if starts_with_ci(after, name) && ends_name(after.get(name.len())) {
            return Some(start);
        }
        from = start + 2;
    }
    None
}

/// Where a construct opened at the start of `rest` (which starts with `<`) ends, as an offset
/// into `rest` just past it; `None` when it swallows the rest of the fragment; `Some(1)` when
/// it is no construct that swallows anything (the scan goes on after the `<`).
fn swallowed(rest: &[u8], inline: bool) -> Option<usize> {
    let after = |needle: &[u8], from: usize| {
        memchr::memmem::find(&rest[from..], needle).map(|at| from + at + needle.len())
    };
    if rest.starts_with(b"<!--") {
        // `<!-->` and `<!--->` are whole (empty) comments.
        if rest[4..].starts_with(b">") || rest[4..].starts_with(b"->") {
            return Some(4);
        }
        return match (after(b"-->", 4), after(b"--!>", 4)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    if starts_with_ci(rest, b"<![CDATA[") {
        // A bogus comment in HTML (to the first `>`), a CDATA section in SVG and MathML.
        return after(b"]]>", 9);
    }
    // Processing instructions, declarations and end tags that do not start with a letter
    // (`</ x`) are bogus comments, up to the first `>`.
    let bogus_end =
        rest.starts_with(b"</") && rest.get(2).is_some_and(|b| !b.is_ascii_alphabetic());
    if rest.starts_with(b"<?") || rest.starts_with(b"<!") || bogus_end {
        return after(b">", 2);
    }
    let name_len = rest[1..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 || !rest[1].is_ascii_alphabetic() || !ends_name(rest.get(1 + name_len)) {
        return Some(1);
    }
    let name = rest[1..1 + name_len].to_ascii_lowercase();
    if name == b"table" {
        // A table must close within its block (its cells are looked at like any markup).
        let closed = !inline && find_end_tag(&rest[1 + name_len..], &name).is_some();
        return closed.then_some(1);
    }
    if !SWALLOWING.iter().any(|s| s.as_bytes() == name) {
        return Some(1);
    }
    if inline || name == b"plaintext" {
        return None;
    }
    find_end_tag(&rest[1 + name_len..], &name).map(|at| 1 + name_len + at + 2 + name_len)
}

/// `fragment` with every opening that would swallow the rest of it shown as text (see the
/// module's documentation). `inline`: the fragment is running text, not an HTML block.
pub(crate) fn neutralize(fragment: &str, inline: bool) -> Cow<'_, str> {
    let bytes = fragment.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + at;
        match swallowed(&bytes[start..], inline) {
            Some(len) => i = start + len,
            None => {
                let out = out.get_or_insert_with(|| String::with_capacity(fragment.len() + 8));
                out.push_str(&fragment[copied..start]);
                out.push_str("&lt;");
                copied = start + 1;
                i = start + 1;
            }
        }
    }
    match out {
        None => Cow::Borrowed(fragment),
        Some(mut out) => {
            out.push_str(&fragment[copied..]);
            Cow::Owned(out)
        }
    }
}

/// How deeply `fragment` nests elements, counted from its tags: each start tag of an element
/// that needs an end tag one level in, each end tag one out. Elements whose end tag may be left
/// out (`p`, `li`, table cells …) and void ones count for nothing, so this never exceeds the
/// depth a parser builds by much and costs one pass over the text.
pub(crate) fn depth(fragment: &str) -> usize {
    depth_from(0, fragment).1
}

/// [`depth`] for a fragment that starts `start` levels deep (the raw HTML before it in the same
/// paragraph): the depth at its end, and the deepest within it.
pub(crate) fn depth_from(start: usize, fragment: &str) -> (usize, usize) {
    const FLAT: [&[u8]; 28] = [
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"source",
        b"track",
        b"wbr",
        b"param",
        b"keygen",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"rt",
        b"rp",
        b"tbody",
        b"colgroup",
    ];
    let bytes = fragment.as_bytes();
    let (mut depth, mut max) = (start, start);
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let (close, rest) = match rest.first() {
            Some(b'/') => (true, &rest[1..]),
            _ => (false, rest),
        };
        let name_len = rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 || !rest[0].is_ascii_alphabetic() {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        if FLAT.contains(&name.as_slice()) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
            continue;
        }
        let tag_end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        if tag_end > 0 && rest[tag_end - 1] == b'/' {
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    (depth, max)
}

/// A fragment made safe, and the text the sanitizer took out of it, if any.
#[derive(Debug)]
pub(crate) struct Cleaned {
    /// The HTML to publish.
    pub(crate) html: String,
    /// Text a reader would have seen that the sanitizer removed (shortened), when it did.
    pub(crate) dropped: Option<String>,
}

/// The sanitizer for sites that do not trust their authors: ammonia's defaults (no scripts,
/// event handlers or `javascript:` URLs) plus what our own Markdown output uses (ids and
/// classes for anchors, footnotes and highlighting). Built once: its tables are the same for
/// every fragment.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .add_tags(["sup", "sub", "section", "figure", "figcaption"])
        .link_rel(Some("noopener noreferrer"));
    b
});

/// Cleans one fragment (see the module's documentation). `trust`: the site trusts its authors.
pub(crate) fn clean(fragment: &str, inline: bool, trust: bool) -> Cleaned {
    let fragment = neutralize(fragment, inline);
    if trust {
        let doc = scraper::Html::parse_fragment(&fragment);
        return Cleaned { html: doc.root_element().inner_html(), dropped: None };
    }
    let html = SANITIZER.clean(&fragment).to_string();
    let (before, after) = (seen(&fragment), seen(&html));
    let dropped = (before != after).then(|| removed(&before, &after));
    Cleaned { html, dropped }
}

/// The text of `html` a reader sees, whitespace collapsed: every text node but those of
/// `script` and `style`, whose content is never shown.
fn seen(html: &str) -> String {
    let doc = scraper::Html::parse_fragment(html);
    let mut text = String::new();
    for node in doc.tree.root().descendants() {
        let scraper::Node::Text(t) = node.value() else { continue };
        let hidden = node.ancestors().any(|a| {
            a.value().as_element().is_some_and(|e| matches!(e.name(), "script" | "style"))
        });
        if !hidden {
            text.push_str(t);
            text.push(' ');
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What `before` has that `after` lacks: the part between their common start and end, at most
/// 60 characters of it.
fn removed(before: &str, after: &str) -> String {
    let prefix: usize = before
        .chars()
        .zip(after.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let (b, a) = (&before[prefix..], &after[prefix..]);
    let suffix: usize = b
        .chars()
        .rev()
        .zip(a.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let gone = b[..b.len() - suffix].trim();
    let mut short: String = gone.chars().take(60).collect();
    if short.len() < gone.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_raw_text_elements_are_kept_open_ones_shown_as_text() {
        assert_eq!(neutralize("<script>a</script> b", false), "<script>a</script> b");
        assert_eq!(neutralize("<Script>a</SCRIPT > b", false), "<Script>a</SCRIPT > b");
        assert_eq!(neutralize("<script>a b", false), "&lt;script>a b");
        assert_eq!(neutralize("<script>a</scripts> b", false), "&lt;script>a</scripts> b");
        assert_eq!(neutralize("<scripts>a", false), "<scripts>a");
        assert_eq!(neutralize("<plaintext>a</plaintext>", false), "&lt;plaintext>a</plaintext>");
        // In running text they are always text, and so is a table.
        assert_eq!(neutralize("<style>a</style>", true), "&lt;style>a</style>");
        assert_eq!(neutralize("<table><td>a</td>", true), "&lt;table><td>a</td>");
        assert_eq!(neutralize("<table><td>a</td></table>", false), "<table><td>a</td></table>");
        assert_eq!(neutralize("<table><td>a</td> b", false), "&lt;table><td>a</td> b");
    }

    #[test]
    fn comments_and_declarations_must_close() {
        assert_eq!(neutralize("<!-- a --> b", false), "<!-- a --> b");
        assert_eq!(neutralize("<!--> b", false), "<!--> b");
        assert_eq!(neutralize("<!-- a b", false), "&lt;!-- a b");
        assert_eq!(neutralize("<?php a", false), "&lt;?php a");
        assert_eq!(neutralize("<![CDATA[ a >", false), "&lt;![CDATA[ a >");
        // Nothing inside a closed one is looked at.
        assert_eq!(neutralize("<!-- <script> -->", false), "<!-- <script> -->");
        assert_eq!(neutralize("<script>'<!--'</script>", false), "<script>'<!--'</script>");
    }

    #[test]
    fn depth_counts_elements_that_need_an_end_tag() {
        assert_eq!(depth("<div><div><b>x</b></div></div>"), 3);
        assert_eq!(depth("<ul><li><li><li></ul><br><img src=x><p><p>"), 1);
        assert_eq!(depth(&"<div>".repeat(1000)), 1000);
        assert_eq!(depth("<span/><x-y>a</x-y>"), 1);
    }

    #[test]
    fn trusted_fragments_are_balanced_and_kept() {
        let c = clean("<b onclick=\"go()\">a<i>b", true, true);
        assert_eq!(c.html, "<b onclick=\"go()\">a<i>b</i></b>");
        assert!(c.dropped.is_none());
    }

    #[test]
    fn sanitized_fragments_report_what_they_lose() {
        let c = clean("<div>a <template>b c</template> d</div>", false, false);
        assert_eq!(c.dropped.as_deref(), Some("b c"), "{c:?}");
        let c = clean("<b>a</b> <script>x()</script>", false, false);
        assert!(c.dropped.is_none() && c.html == "<b>a</b> ", "{c:?}");
    }
}
