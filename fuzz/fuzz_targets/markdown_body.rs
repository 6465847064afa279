//! A document body through `render::markdown::render_full`, on a site that does not trust its
//! authors and on one that does: the Markdown render, each raw-HTML fragment cleaned on its own
//! (`render::sanitize`), the nesting bound, the control-character filter.
//!
//! Asserted: no panic; no character an HTML page may not hold; every problem's line lies in
//! the text. Sanitized: the page, parsed by html5ever, has no `script` element, no `on…`
//! attribute and no URL attribute with a `javascript:`, `vbscript:` or `data:` scheme. Both
//! modes, when nothing was reported: every letter and digit of the Markdown's own text (outside
//! image descriptions) is seen on the page, in order, so no fragment swallowed or moved text.

#![no_main]

use std::sync::LazyLock;

use archive::render::highlight::Highlighter;
use archive::render::markdown::{options, render_full};
use archive::text::escape::{is_forbidden, without_controls};
use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

static HIGHLIGHTER: LazyLock<Highlighter> = LazyLock::new(Highlighter::new);

/// Attributes holding a URL a browser may follow or load.
const URL_ATTRIBUTES: [&str; 10] =
    ["href", "src", "action", "formaction", "cite", "background", "poster", "data", "srcset", "xlink:href"];

/// Whether `c` counts in the comparison of texts: letters and digits. Punctuation does not:
/// after an HTML block that never ended is shown as text, the body is parsed again and the
/// lines around it may pair their backticks or asterisks anew (markup, not text).
fn counts(c: char) -> bool {
    c.is_alphanumeric() && !is_forbidden(c)
}

/// The letters and digits of the Markdown's own text, outside image descriptions (which
/// become `alt` attributes).
fn own_text(markdown: &str) -> Vec<char> {
    let mut images = 0usize;
    let mut out = Vec::new();
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Start(Tag::Image { .. }) => images += 1,
            Event::End(TagEnd::Image) => images = images.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if images == 0 => {
                out.extend(t.chars().filter(|&c| counts(c)))
            }
            _ => {}
        }
    }
    out
}

/// The letters and digits of the page's text, outside `script` and `style`.
fn seen(doc: &scraper::Html) -> Vec<char> {
    let mut out = Vec::new();
    for node in doc.tree.root().descendants() {
        let scraper::Node::Text(t) = node.value() else { continue };
        let hidden = node.ancestors().any(|a| {
            a.value().as_element().is_some_and(|e| matches!(e.name(), "script" | "style"))
        });
        if !hidden {
            out.extend(t.chars().filter(|&c| counts(c)));
        }
    }
    out
}

/// Whether `want` is a subsequence of `have`.
fn in_order(want: &[char], have: &[char]) -> bool {
    let mut have = have.iter();
    want.iter().all(|w| have.any(|h| h == w))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.matches('\n').count() + 1;
    let clean = without_controls(text);
    for trust in [false, true] {
        let r = render_full(text, &HIGHLIGHTER, trust);
        assert!(!r.html.chars().any(is_forbidden), "forbidden character in {:?}", r.html);
        for p in &r.problems {
            assert!((1..=lines).contains(&p.line), "{p:?} outside {lines} lines");
        }
        let doc = scraper::Html::parse_fragment(&r.html);
        if !trust {
            for e in doc.tree.nodes().filter_map(|n| n.value().as_element()) {
                assert!(e.name() != "script", "a script survived: {}", r.html);
                for (name, value) in e.attrs() {
                    assert!(!name.starts_with("on"), "an event handler survived: {}", r.html);
                    if URL_ATTRIBUTES.contains(&name) {
                        let v: String = value
                            .chars()
                            .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                            .collect::<String>()
                            .to_ascii_lowercase();
                        assert!(
                            !["javascript:", "vbscript:", "data:"].iter().any(|s| v.starts_with(s)),
                            "{name}={value} survived: {}",
                            r.html
                        );
                    }
                }
            }
        }
        if r.problems.is_empty() {
            let want = own_text(&clean);
            let have = seen(&doc);
            assert!(
                in_order(&want, &have),
                "trust_html={trust}: text lost or moved\nwant: {}\nhave: {}\nhtml: {}",
                want.iter().collect::<String>(),
                have.iter().collect::<String>(),
                r.html
            );
        }
    }
});
