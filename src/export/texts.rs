//! `data/texts.jsonl.gz`: every document's full text with its metadata, one JSON object a line, for
//! analysts who read the corpus with scripts (pandas `read_json(lines=True)`, `jq`, a language
//! model's loader). The metadata are the documents table's columns, then `text`: the document's
//! Markdown body exactly as its file holds it after the front matter (lossless; Markdown is
//! plain text with light marks, and the site's HTML is the rendered form).
//!
//! The bodies are read from the files again one at a time while the file is written, as the
//! pages do, so the archive's texts are never all in memory as values of their own.
//!
//! The file is gzipped (fastest level, no name or time in the header, so builds stay
//! byte-identical): uncompressed it is a second copy of every text, 64 MB on the 10,000-document
//! benchmark corpus — a seventh of the whole output for one download — and 28.5 MB gzipped
//! (its generated text compresses worse than real prose); pandas
//! (`read_json(…, lines=True)` infers it from the name), `zcat | jq` and R read it as it is.

use std::cell::RefCell;

use super::tables::{D, document_columns};
use super::{Cell, Column, Table, Type};
use crate::config::Config;
use crate::graph::Graph;

/// The file's name under `data/`.
pub(crate) const FILE: &str = "texts.jsonl.gz";

/// The table behind the file: the documents' columns and `text`.
pub(super) fn table<'a>(
    graph: &'a Graph,
    config: &'a Config,
    failed: &'a RefCell<Option<anyhow::Error>>,
) -> Table<'a> {
    let mut columns = document_columns(config);
    columns.push(Column::new(
        "text",
        Type::Text,
        "The full text: the document's Markdown body as its file holds it",
        move |d: &D| match d.body() {
            Ok(body) => Cell::Text(body.into_owned()),
            Err(e) => {
                failed.borrow_mut().get_or_insert(e);
                Cell::Text(String::new())
            }
        },
    ));
    let docs = &graph.corpus.documents;
    Table::new("texts", "Full texts", true, columns, move || docs.iter())
}

/// The gzipped bytes of `data/texts.jsonl.gz`; an error when a document's file could not be
/// read again.
pub(super) fn json_lines_gz(graph: &Graph, config: &Config) -> crate::error::Result<Vec<u8>> {
    use std::io::Write;
    let failed = RefCell::new(None);
    let text = table(graph, config, &failed).json_lines();
    if let Some(e) = failed.into_inner() {
        return Err(e);
    }
    let mut gz = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::with_capacity(text.len() / 3), flate2::Compression::fast());
    gz.write_all(text.as_bytes())?;
    Ok(gz.finish()?)
}
