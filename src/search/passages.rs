//! The texts that result snippets are cut from, and the name forms that mark a cross-language
//! hit in them: what lets a result show *the passage around its best match* rather than the
//! opening lines, without the browser ever fetching more than the shown results need.
//!
//! - `p/<document path>.json`, one per document, written while the document is rendered (so no
//!   text is held for the whole build): its plain text, at most [`PASSAGE_CHARS`] characters,
//!   as one JSON string. The browser fetches it only for the results on screen (twenty at a
//!   time) and picks the window with the most matched words there. A file per document rather
//!   than per group of documents: results are scattered over the corpus, and a group file would
//!   make every shown result cost the texts of its neighbours too.
//! - `n/<kind>/<id>.json`, one per country, organization, person and place: every form the
//!   entity is found by (names in each language, short and official names, aliases, a person's
//!   surname), so a Russian text found by «Қазақстан» marks «Казахстана» — the browser stems
//!   each form in the text's language.
//! - `dates.json`: each document's date as a number `yyyymmdd` (`00` for an unknown month or
//!   day, `0` for no date), by search id — sort by date and browsing without a query need the
//!   order of all results, not only the shown ones (~9 bytes a document, fetched only then).

use rayon::prelude::*;

use super::entities::{KINDS, entity_forms, ids};
use super::index::Index;
use super::lang_relative;
use crate::config::Config;
use crate::content::{Document, PartialDate};
use crate::error::Result;
use crate::graph::Graph;
use crate::output::Output;
use crate::routes;

/// Characters of a document's plain text kept for its snippet. A match further in shows the
/// opening instead. 6,000 characters hold the whole of most news reports and the first pages
/// of a long decision, at ~2–3 KB gzip per result.
pub(crate) const PASSAGE_CHARS: usize = 6000;

/// The path of a document's text file under the index (`p/documents/2019/slug.json`): the
/// document's page path under the UI language's root, which the browser has in the record.
fn passage_path(page: &str) -> String {
    routes::search_index(&format!("p/{}.json", page.trim_end_matches('/')))
}

/// The text file of document `d`, whose body reads `plain`.
pub(crate) fn passage(d: &Document, config: &Config, plain: &str) -> Output {
    let page = lang_relative(&routes::document(d), config);
    Output {
        path: passage_path(&page),
        bytes: serde_json::to_vec(head(plain, PASSAGE_CHARS))
            .expect("a string always serializes to JSON"),
    }
}

/// The first `n` characters of `text`.
fn head(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

/// Writes `n/<kind>/<id>.json` for every entity of [`KINDS`]: its name forms, sorted, once each.
pub(super) fn name_forms(graph: &Graph, emit: super::format::Emit) -> Result<()> {
    KINDS
        .iter()
        .flat_map(|&k| ids(graph, k).into_iter().map(move |id| (k, id)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .try_for_each(|(kind, id)| {
            let mut forms = entity_forms(graph, kind, &id);
            forms.sort();
            forms.dedup();
            emit(Output {
                path: routes::search_index(&format!("n/{}/{id}.json", kind.singular())),
                bytes: serde_json::to_vec(&forms).expect("a list of strings serializes to JSON"),
            })
        })
}

/// A date as the number `yyyymmdd`, unknown parts `00`: sorting the numbers sorts the dates,
/// a date known to the month only before every day of that month.
fn date_number(date: Option<PartialDate>) -> u32 {
    date.map_or(0, |x| {
        u32::from(x.year) * 10_000
            + u32::from(x.month.unwrap_or(0)) * 100
            + u32::from(x.day.unwrap_or(0))
    })
}

/// Writes `dates.json`: every document's [`date_number`], in search-id order.
pub(super) fn dates(graph: &Graph, index: &Index, emit: super::format::Emit) -> Result<()> {
    let dates: Vec<u32> =
        index.order.iter().map(|&i| date_number(graph.doc(i).meta.date)).collect();
    emit(Output {
        path: routes::search_index("dates.json"),
        bytes: serde_json::to_vec(&dates).expect("a list of numbers serializes to JSON"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passage_paths_follow_the_page_path() {
        assert_eq!(passage_path("documents/2019/sammit/"), "search/p/documents/2019/sammit.json");
    }

    #[test]
    fn texts_are_cut_by_characters_not_bytes() {
        assert_eq!(head("Қазақстан", 3), "Қаз");
        assert_eq!(head("ШОС", 10), "ШОС");
    }

    #[test]
    fn date_numbers_sort_as_dates() {
        let d = |year, month, day| Some(PartialDate { year, month, day });
        assert_eq!(date_number(d(2019, Some(11), Some(2))), 20191102);
        assert_eq!(date_number(None), 0);
        let order = [
            d(2018, Some(12), Some(31)),
            d(2019, None, None),
            d(2019, Some(1), None),
            d(2019, Some(1), Some(5)),
        ];
        let numbers: Vec<u32> = order.iter().map(|x| date_number(*x)).collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
    }
}
