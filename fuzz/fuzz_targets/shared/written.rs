//! The check both importer targets end with: the file the importer would write for `doc` and
//! `body` counts as its own (not edited by a person), splits, and parses back to the same
//! metadata and body.

use archive::content::front_matter::{parse, split};
use archive::content::{DocumentMeta, write};
use archive::import::merge;

/// Panics unless the written file of `doc` and `body` reads back exactly.
pub fn reads_back(doc: &DocumentMeta, body: &str) {
    let file = merge::stamp(&write::document(doc, body));
    assert!(merge::untouched(&file), "the importer's own file counts as edited:\n{file}");
    let s = split(&file).expect("the written file splits");
    let back = parse::<DocumentMeta>(s.yaml, s.yaml_line)
        .unwrap_or_else(|e| panic!("the written file does not parse: {e:?}\n{file}"));
    assert_eq!(&back, doc, "\n{file}");
    assert_eq!(s.body.trim_start_matches('\n'), body.trim_start_matches('\n'));
}
