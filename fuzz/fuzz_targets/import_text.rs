//! The importer's text path, as `import::analyse` runs it, on any text: read as a saved HTML page
//! (`read::parse_html`) and as plain text, sorted (`clean::clean`), detected (`detect::{language,
//! kind, title, source}`), dated (`dates::find`), matched against the shipped entities
//! (`mentions::find`, `mentions::event`) and joined (`clean::to_markdown`). Then the document the
//! importer would write must load back: `write::document`, stamped by `merge::stamp`, splits and
//! parses to the same metadata and body and counts as the importer's own (`merge::untouched`).

#![no_main]

#[path = "shared/written.rs"]
mod written;

use std::path::Path;
use std::sync::LazyLock;

use archive::config::Config;
use archive::import::dates;
use archive::import::mentions::{self, EntityIndex};
use archive::import::read::{self, Meta, parse_html};
use archive::import::{clean, detect};
use libfuzzer_sys::fuzz_target;

/// The entities of the repository's own content/, loaded once.
static INDEX: LazyLock<EntityIndex> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let config = Config::load(&root.join("site.toml")).expect("site.toml loads");
    let (corpus, _) = archive::content::load(&root, &config).expect("content/ loads");
    let countries = archive::content::EntityKind::Country;
    assert!(!corpus.entities.is_empty(countries), "no entities in content/");
    EntityIndex::new(&corpus)
});

fn analyse(text: &str, meta: &Meta) {
    let c = clean::clean(text);
    assert!(c.lines.iter().all(|l| !l.contains('\n')));
    assert!(c.lines.first().is_none_or(|l| !l.trim().is_empty()));
    assert!(c.lines.last().is_none_or(|l| !l.trim().is_empty()));
    let plain = c.lines.join("\n");
    let lang = detect::language(&plain);
    assert!(["ru", "kk", "en"].contains(&lang));
    let (_, kind_line) = detect::kind(&c.lines);
    assert!(kind_line.is_none_or(|i| i < c.lines.len()));
    let title = detect::title(&c.lines, meta, kind_line, c.first_credit_at);
    assert!(title.line.is_none_or(|i| i < c.lines.len()));
    // A document with an empty title does not load; a text with words in it must give one.
    if plain.chars().any(char::is_alphanumeric) {
        assert!(!title.text.trim().is_empty(), "no title from:\n{plain}");
    }
    let body = clean::body_markdown(&c.lines, title.line);
    assert!(body.ends_with('\n'));
    assert!(body.lines().all(|l| l.trim() != "---"), "a fence in the body:\n{body}");
    for m in dates::find(&plain) {
        assert!(plain[m.start..].starts_with(&m.text), "{m:?}");
    }
    let found = mentions::find(&INDEX, &format!("{}\n{}", title.text, body));
    for h in &found.hits {
        assert!(h.start < h.end, "{h:?}");
    }
    // The file the importer would write, from the importer's own analysis.
    let raw = read::Raw { text: text.to_string(), meta: meta.clone(), encoding_note: None };
    let mut analysis = archive::import::analyse_raw(&raw, &INDEX);
    analysis.meta.imported_from = Some("sources/input.txt".into());
    let (doc, body) = (analysis.meta, analysis.body);
    written::reads_back(&doc, &body);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // As `read::read` hands a file on.
    let text = read::normalize(text);
    analyse(&text, &Meta::default());
    let Ok(raw) = parse_html(&text) else { return }; // nested too deep: refused
    for v in [&raw.meta.title, &raw.meta.url, &raw.meta.published, &raw.meta.site_name] {
        assert!(v.as_deref().is_none_or(|v| !v.is_empty()));
    }
    analyse(&raw.text, &raw.meta);
});
