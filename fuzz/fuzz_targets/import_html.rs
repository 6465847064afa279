//! A saved HTML page, as `archive import` reads one, from arbitrary bytes: decoded
//! (`decode::decode`, charset meta and guesses included), normalized, parsed
//! (`read::parse_html`, which refuses a page nested too deep), analysed (`import::analyse_raw`:
//! cleaning, detection, dates, entity matching against the repository's content/) and written
//! (`write::document`, `merge::stamp`). Asserts: no panic, no stack overflow, bounded time (run
//! with `-timeout=10`); what the importer would write splits, parses back to the same metadata
//! and body, counts as the importer's own, and its body shows no raw HTML when rendered.

#![no_main]

#[path = "shared/written.rs"]
mod written;

use std::path::Path;
use std::sync::LazyLock;

use archive::config::Config;
use archive::import::decode;
use archive::import::mentions::EntityIndex;
use archive::import::read::{self, parse_html};
use libfuzzer_sys::fuzz_target;

/// The entities of the repository's own content/, loaded once.
static INDEX: LazyLock<EntityIndex> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let config = Config::load(&root.join("site.toml")).expect("site.toml loads");
    let (corpus, _) = archive::content::load(&root, &config).expect("content/ loads");
    EntityIndex::new(&corpus)
});

fuzz_target!(|data: &[u8]| {
    let decoded = decode::decode(data, true);
    let text = read::normalize(&decoded.text);
    let Ok(mut raw) = parse_html(&text) else { return }; // nested too deep: refused
    raw.encoding_note = decoded.note;
    let mut analysis = archive::import::analyse_raw(&raw, &INDEX);
    if !format!("{}{}", analysis.meta.title, analysis.body).chars().any(char::is_alphanumeric) {
        return; // no text: refused
    }
    analysis.meta.imported_from = Some("sources/page: #1.html".into());
    let (doc, body) = (analysis.meta, analysis.body);
    written::reads_back(&doc, &body);
    // The page's text is text: no tag of it is live in the body, even for a site that trusts
    // its authors' HTML.
    let events = pulldown_cmark::Parser::new_ext(&body, pulldown_cmark::Options::all());
    for ev in events {
        assert!(
            !matches!(ev, pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)),
            "raw HTML {ev:?} in the body:\n{body}"
        );
    }
});
