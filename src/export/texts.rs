//! `data/texts.jsonl`: every document's full text with its metadata, one JSON object a line, for
//! analysts who read the corpus with scripts (pandas `read_json(lines=True)`, `jq`, a language
//! model's loader). The metadata are the documents table's columns, then `text`: the document's
//! Markdown body exactly as its file holds it after the front matter (lossless; Markdown is
//! plain text with light marks, and the site's HTML is the rendered form).
//!
//! The bodies are read from the files again one at a time while the file is written, as the
//! pages do, so the archive's texts are never all in memory as values of their own.

use std::cell::RefCell;

use super::tables::{D, document_columns};
use super::{Cell, Column, Table, Type};
use crate::config::Config;
use crate::graph::Graph;

/// The file's name under `data/`.
pub(crate) const FILE: &str = "texts.jsonl";

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

/// The text of `data/texts.jsonl`; an error when a document's file could not be read again.
pub(super) fn json_lines(graph: &Graph, config: &Config) -> crate::error::Result<String> {
    let failed = RefCell::new(None);
    let text = table(graph, config, &failed).json_lines();
    match failed.into_inner() {
        Some(e) => Err(e),
        None => Ok(text),
    }
}
