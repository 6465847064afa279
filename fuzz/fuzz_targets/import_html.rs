//! A saved HTML page, as `archive import` reads one, from arbitrary bytes: decoded
//! (`decode::decode`, charset meta and guesses included), normalized, parsed
//! (`read::parse_html`, which refuses a page nested too deep), analysed (`import::analyse_raw`:
//! cleaning, detection, dates, entity matching against the repository's content/) and written
//! (`write::document`, `merge::stamp`). Asserts: no panic, no stack overflow, bounded time (run
//! with `-timeout=10`); what the importer would write splits, parses back to the same metadata
//! and body, counts as the importer's own, and its body shows no raw HTML when rendered.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use archive::config::Config;
use archive::content::front_matter::{parse, split};
use archive::content::{DocumentMeta, write};
use archive::import::mentions::EntityIndex;
use archive::import::read::{self, parse_html};
use archive::import::{decode, merge};
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
    let file = merge::stamp(&write::document(&doc, &body));
    assert!(merge::untouched(&file), "the importer's own file counts as edited:\n{file}");
    let s = split(&file).expect("the written file splits");
    let back = parse::<DocumentMeta>(s.yaml, s.yaml_line)
        .unwrap_or_else(|e| panic!("the written file does not parse: {e:?}\n{file}"));
    assert_eq!(back, doc, "\n{file}");
    assert_eq!(s.body.trim_start_matches('\n'), body.trim_start_matches('\n'));
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
