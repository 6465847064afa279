//! The full-text search index, built at build time and queried in the browser by
//! `static/search.js`: plain JSON files under `search/`, no server, no external service, so it
//! runs on GitHub Pages and from any static file server. One index serves every UI language:
//! terms do not depend on the UI, entity names are stored in every UI language, page paths are
//! relative to a language's root (the search page tells the script its root), and dates are
//! ISO, formatted by the script with the UI strings' date patterns and month names.
//!
//! **Built from the render.** Document texts are parsed once per build, for their pages; the
//! plain text of that parse goes to [`collect()`] (words interned per language by each render
//! thread's own fold, a few bytes per distinct word per document) and to the excerpt, and is
//! then dropped.
//!
//! **Word forms.** Each document's words are indexed as stems in the document's own language:
//! Russian through the Snowball stemmer with corrections for nouns it splits ([`crate::text::stem::ru_key`], ё folded to е), Kazakh through
//! [`crate::text::stem::kk_stem`] (harmony-checked case, possessive and plural chains), any other language
//! folded only. Terms are kept apart per document language, so a Kazakh stem never matches a
//! Russian text by accident. The query is stemmed the same way *in the browser*: `search.js`
//! carries a port of both stemmers, and `tests/search_stems.rs` writes (word, stem) pairs from
//! the shipped texts to `tests/browser/fixtures/stems.json`, which a node test checks the port
//! against. We chose the port over shipping a word-form → stem map with the index because (1)
//! it is correct for forms the corpus never used (a reader types «Казахстаном» though the
//! archive only has «Казахстана»), and (2) it costs nothing per query: a form map holds every
//! inflected form seen in the corpus, several times the size of the stem vocabulary, and would
//! be fetched with every shard; the stemmers are ~4 KB of the script, downloaded once.
//!
//! **Split so that a query downloads little.** For a one-word query the browser fetches:
//! - `meta.json` once per visit (~3 KB on 10,000 documents): document count, the stop words, the
//!   two-letter shard prefixes, and the language / kind / year of every document as *ranges*
//!   (documents are numbered sorted by language, kind and year, so those filters and their
//!   counts cost a few bytes per group, not per document);
//! - `facets.json` once per visit, and only when the organization or country filter comes into
//!   view (on a phone they sit behind the «Фильтры» button, on a wide screen below the first
//!   screen's filters) or the URL selects one: the documents of each organization and country (a
//!   delta list or a bitset, whichever is shorter) for those two filters' counts. It is the
//!   largest file a search can fetch (28.5 KB gzipped on 10,000 documents: the sets are 27.5 KB
//!   of it, the ids and names 1 KB). The 46 sets, taken as independent, hold 22.6 KB of entropy;
//!   Golomb–Rice coded gaps would reach 23.2 KB, so a better code saves at most a sixth; exact
//!   counts over all results cannot be had for less, hence the wait until they are looked at;
//! - one term shard `t/<prefix>.json`: the postings of every stem starting with the same two
//!   letters (the prefix in hex code points, so file names stay ASCII); a shard over
//!   [`SHARD_LIMIT`] bytes is split by a longer prefix (`"s"`, the parts listed in `"c"`), so a
//!   term is at most two small requests away and the browser never asks for a file that does not
//!   exist (`meta.json` lists the two-letter prefixes). The same shard holds the entity names
//!   whose first word has that stem. A term's postings are a list of `delta * 16 + weight`, or,
//!   for a term in a large share of the documents, a bitset and one hex digit of weight a
//!   document (the shard holding «казахста» and «казахстанск» on 10,000 documents: 12.6 KB raw
//!   and 5.3 KB gzipped, against 27.0 KB and 6.5 KB as lists; see `format::encode_postings`);
//! - `r/<n>.json` for the results shown (twenty at a time): title, path and date of
//!   [`RECORDS_PER_FILE`] consecutive documents, nothing more (language and kind come from the
//!   ranges, the snippet from the text file below), so a scattered page of results costs twenty
//!   files of ~0.9 KB gzipped (18.6 KB on 10,000 documents; with a 280-character excerpt per
//!   record it was 45.6 KB, most of it the excerpts of the seven neighbours each file carries).
//!   Fewer records per file would cost less per query (measured on 20 scattered results at 10,000
//!   documents: 8 → 18.0 KB, 4 → 10.6 KB, 2 → 6.5 KB, 1 → 3.9 KB gzip) for more files per build
//!   (1,250, 2,500, 5,000, 10,000), most of a build's write time being per file;
//! - `p/<page path>.json` for each result near the screen: its text, which the snippet is cut
//!   from (see **Snippets**);
//! - for an entity the query names, `e/<kind>/<id>.json`: its documents.
//!
//! `search.html` preloads `meta.json` beside the script, and each result paints as soon as its
//! record file (and those of the results above it) has come, so on a slow link the first result
//! waits for one record file, not twenty (`tests/browser/search-latency.mjs` times it).
//!
//! **Snippets.** A result paints at once with its title and its line (kind, date, language);
//! its snippet keeps its room empty until the document's text file `p/<page path>.json` arrives,
//! fetched only for results near the screen, and then shows the passage around the best match
//! (the opening when browsing without a query). Records carried the text's first 280 characters
//! for that first paint until the text files came; each record file then fetched seven
//! neighbours' excerpts with every result, more than the passages the screen shows. See
//! [`passages`], which also writes each entity's name forms, so a result found through an entity
//! in another language marks the name as its own text spells it, and `dates.json` for sorting by
//! date and browsing without a query.
//!
//! **Across languages.** Every name, short name and alias of every country, organization,
//! person, place and event (people also by their surname) is indexed folded and stemmed both
//! ways, with the entity's name in the UI language and its page. A query that names one («ШЫҰ»,
//! «ШОС», «Қазақстан», «Мамин», «23-е заседание Совета глав правительств ШОС») offers its page
//! and adds its documents in every language to the results. An ordinal is keyed by its number
//! («23-е», «23-го», «18-отырысы» → 23, 18). A name is filed in the shard of its first word; an
//! event's in the shard of its rarest word, since most event names begin with the same few words
//! («Заседание», «Саммит», «ШЫҰ») and one shard would otherwise carry all of them (see
//! `entities::entries`). In the browser the longest match wins: each entity by its longest span
//! of the query, and a name inside a longer one of another entity is not matched on its own; a
//! long official name still matches when the reader leaves out some of its middle words.
//!
//! **Ranking.** `e/<kind>/<id>.json` holds an entity's documents (`d`) and those *about* it
//! (`a`: one of its names in the title, or three mentions or more; all of an event's). The
//! browser scores a word BM25-style (IDF times a saturating count, plus a title boost) and adds
//! a bonus for a query entity's documents, four times larger for those about it, so a document
//! about an entity ranks above one naming it in passing, in every language. Ties go to the newer
//! year. There is no length normalisation: document lengths would cost bytes per document in
//! `meta.json`, fetched on every visit.
//!
//! Everything here is pure: [`build`] returns the files and writes nothing.

mod collect;
mod entities;
#[cfg(test)]
mod eval_words;
mod format;
mod index;
mod passages;
mod words;

use crate::config::Config;
use crate::content::EntityKind;
use crate::graph::Graph;
use crate::output::Output;
use crate::routes;

pub(crate) use collect::{Texts, Words, collect};
pub(crate) use format::encode_set;
pub(crate) use passages::passage;
pub(crate) use words::STOP_WORDS;

/// A term shard larger than this (bytes of JSON) is split by one more letter of the stem.
pub(crate) const SHARD_LIMIT: usize = 12 * 1024;
/// Longest prefix a shard is split down to.
const MAX_PREFIX: usize = 6;
/// Characters of plain text kept per document for its feed entry's summary (search results cut
/// their snippets from the text files `p/` instead).
pub(crate) const EXCERPT_CHARS: usize = 280;
/// Search ids per record file `r/<n>.json`: records are fetched a file at a time, so a page of
/// twenty results costs at most twenty small files, while the site holds one record file per
/// eight documents rather than one per document (file count is most of a build's write time).
pub(crate) const RECORDS_PER_FILE: usize = 8;

/// A page's path under its UI language's root (`countries/kazakhstan/`): the browser puts the
/// language root of the page it runs on in front, so one index serves every UI language.
fn lang_relative(route: &routes::Route, config: &Config) -> String {
    let lang = &config.default_language;
    let rel = route.rel(lang);
    rel.strip_prefix(&format!("{lang}/")).map(str::to_string).unwrap_or(rel)
}

/// Writes the search index (one for all UI languages) through `emit`: `words` are the
/// documents' [`Words`] (consumed, so the index's postings replace them in memory rather than
/// sit beside them).
pub(crate) fn build(
    graph: &Graph,
    config: &Config,
    words: Words,
    emit: &(dyn Fn(Output) -> crate::error::Result<()> + Sync),
) -> crate::error::Result<()> {
    let index = index::Index::new(graph, words);
    // An entity's name in every UI language, in the order of `meta.json`'s `ui`.
    let names = |kind: EntityKind, id: &str| -> Vec<String> {
        config
            .languages
            .iter()
            .map(|lang| graph.name(kind, id, lang.as_str()).to_string())
            .collect()
    };
    let entries = entities::entries(graph, config, &index, &names);
    let shards = format::shards(&index, &entries, emit)?;
    format::meta_and_facets(graph, config, &index, &shards, &names, emit)?;
    format::records(graph, config, &index, emit)?;
    format::entity_sets(graph, &index, emit)?;
    passages::name_forms(graph, emit)?;
    passages::dates(graph, &index, emit)
}
