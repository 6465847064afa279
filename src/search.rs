//! The full-text search index, built at build time and queried in the browser by
//! `static/search.js`: plain JSON files under `search/`, no server, no external service, so it
//! runs on GitHub Pages and from any static file server. One index serves every UI language:
//! terms do not depend on the UI, entity names are stored in every UI language, page paths are
//! relative to a language's root (the search page tells the script its root), and dates are
//! ISO, formatted by the script with the UI strings' date patterns and month names.
//!
//! **Built from the render.** Document texts are parsed once per build, for their pages; the
//! plain text of that parse goes to an [`Indexer`] (words interned per language from any render
//! thread, a few bytes per distinct word per document) and to the excerpt, and is then dropped.
//!
//! **Word forms.** Each document's words are indexed as stems in the document's own language:
//! Russian through the Snowball stemmer ([`crate::text::stem::ru_stem`], ё folded to е), Kazakh through
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
//! - `facets.json` once per visit, in parallel and without holding up the results: the documents
//!   of each organization and country (a delta list or a bitset, whichever is shorter) for those
//!   two filters' counts. It is the largest file a query fetches (~30 KB gzipped on 10,000
//!   documents, near the entropy of 46 random sets of that size); exact counts over all results
//!   cannot be had for less;
//! - one term shard `t/<prefix>.json`: the postings of every stem starting with the same two
//!   letters (the prefix in hex code points, so file names stay ASCII); a shard over
//!   [`SHARD_LIMIT`] bytes is split by a longer prefix (`"s"`, the parts listed in `"c"`), so a
//!   term is at most two small requests away and the browser never asks for a file that does not
//!   exist (`meta.json` lists the two-letter prefixes). The same shard holds the entity names
//!   whose first word has that stem;
//! - `r/<n>.json` for the results shown (twenty at a time): title, path, language, kind, date
//!   and an excerpt of [`RECORDS_PER_FILE`] consecutive documents — a page of results costs at
//!   most twenty ~5 KB files wherever the results sit in the corpus (pages of 500 documents
//!   would cost a whole page per scattered result; a file per document would add a file per
//!   document to every build, most of a build's write time being per file);
//! - for an entity the query names, `e/<kind>/<id>.json`: its documents.
//!
//! **Excerpts.** A result shows the first [`EXCERPT_CHARS`] characters of the document's plain
//! text, with the query's words highlighted where they occur. The matched words may lie further
//! in (then the excerpt shows only the opening); storing sentences around every term would
//! multiply the per-document files several times over, for a benefit on long texts only.
//!
//! **Across languages.** Every name, short name and alias of every country, organization,
//! person and place (people also by their surname) is indexed folded and stemmed both ways, with
//! the entity's name in the UI language and its page. A query that names one («ШЫҰ», «ШОС»,
//! «Қазақстан», «Казахстан», «Мамин») offers its page and adds its documents in every language
//! to the results. Events are left out: their names are long phrases a reader rarely types,
//! and a thousand of them would weigh down the shards of common words such as «заседание».
//!
//! Everything here is pure: [`build`] returns the files and writes nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasher;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use crate::config::Config;
use crate::content::{Document, EntityKind, Kind};
use crate::graph::Graph;
use crate::output::Output;
use crate::routes;
use crate::text::stem::{kk_stem_folded, ru_stem};
use crate::text::{for_each_folded, tokenize};

/// A term shard larger than this (bytes of JSON) is split by one more letter of the stem.
pub const SHARD_LIMIT: usize = 12 * 1024;
/// Longest prefix a shard is split down to.
const MAX_PREFIX: usize = 6;
/// Characters of plain text kept per document for the result snippet.
pub const EXCERPT_CHARS: usize = 280;
/// Words longer than this (in characters) are not indexed (URLs, garbage).
const MAX_WORD: usize = 40;
/// Why writing an index file's JSON cannot fail: its values are `serde_json::Value`s and tuples
/// of strings, whose maps are keyed by strings (serde_json fails only on other keys).
const JSON_VALUE: &str = "index JSON cannot fail to serialize: it holds only strings, numbers, \
    lists and string-keyed maps";

/// Function words not worth an index entry: they occur in nearly every text. The list is shipped
/// in `meta.json`, so the browser drops the same words from a query.
pub const STOP_WORDS: [&str; 52] = [
    // Russian
    "и",
    "в",
    "во",
    "на",
    "с",
    "со",
    "по",
    "о",
    "об",
    "от",
    "до",
    "за",
    "из",
    "к",
    "ко",
    "у",
    "для",
    "при",
    "а",
    "но",
    "не",
    "что",
    "как",
    "это",
    "его",
    "ее",
    "их",
    "же",
    "ли",
    "бы",
    "то",
    "или",
    "также",
    "который",
    "которые",
    // Kazakh
    "және",
    "мен",
    "бен",
    "пен",
    "да",
    "де",
    "та",
    "те",
    "бұл",
    "осы",
    "сол",
    "үшін",
    "деп",
    "ал",
    "туралы",
    "бойынша",
    "еді",
];

/// Whether a folded word is indexed at all.
pub fn indexable(folded: &str) -> bool {
    static STOP: std::sync::OnceLock<BTreeSet<&str>> = std::sync::OnceLock::new();
    // Byte length first: a word of 2..=40 characters has 2..=160 bytes.
    if folded.len() < 2 || folded.len() > 4 * MAX_WORD {
        return false;
    }
    // 5..=40 bytes are 2..=40 characters whatever they are; count only outside that.
    let counted =
        (5..=MAX_WORD).contains(&folded.len()) || (2..=MAX_WORD).contains(&folded.chars().count());
    // No stop word is longer than 16 bytes; most words are, and skip the set.
    counted
        && (folded.len() > 16
            || !STOP.get_or_init(|| STOP_WORDS.iter().copied().collect()).contains(folded))
}

/// The index stem of a folded word in a document of language `lang`.
pub fn stem_for(lang: &str, folded: &str) -> String {
    match lang {
        "ru" => ru_stem(folded),
        "kk" => kk_stem_folded(folded),
        _ => folded.to_string(),
    }
}

/// Shard file name of a prefix: its code points in hex, joined by `-` (`ка` → `43a-430`).
pub fn shard_name(prefix: &str) -> String {
    prefix.chars().map(|c| format!("{:x}", c as u32)).collect::<Vec<_>>().join("-")
}

/// Per-document weight of a term: 8 when it is in the title, plus its body count capped at 7.
fn weight(title: bool, count: u32) -> u32 {
    (if title { 8 } else { 0 }) + count.min(7)
}

/// Bit of a word entry that says «in the title»; the three bits below count body occurrences,
/// capped at 7 (as [`weight`] caps them: a capped count per word form gives the same weight
/// once the forms of a stem are added up).
const IN_TITLE: u16 = 8;
/// Shards of a vocabulary's lock, so render threads seldom wait on each other.
const VOCAB_SHARDS: usize = 64;

type FxMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// The words of one document language: folded word → id, taken from any render thread.
struct Vocab {
    shards: Vec<Mutex<FxMap<Box<str>, u32>>>,
    next: AtomicU32,
}

impl Vocab {
    fn new() -> Vocab {
        Vocab {
            shards: (0..VOCAB_SHARDS).map(|_| Mutex::new(FxMap::default())).collect(),
            next: AtomicU32::new(0),
        }
    }

    fn id(&self, word: &str) -> u32 {
        let shard = rustc_hash::FxBuildHasher.hash_one(word) as usize % VOCAB_SHARDS;
        let mut map = self.shards[shard].lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = map.get(word) {
            return id;
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        map.insert(word.into(), id);
        id
    }

    /// The words by id.
    fn into_words(self) -> Vec<Box<str>> {
        let mut words: Vec<Box<str>> = vec![Box::from(""); self.next.into_inner() as usize];
        for shard in self.shards {
            for (w, id) in shard.into_inner().unwrap_or_else(|e| e.into_inner()) {
                words[id as usize] = w;
            }
        }
        words
    }
}

/// What the index keeps of one document: its language and words, each as
/// `word id * 16 + [IN_TITLE] + count` in four bytes (held for every document until the index
/// is built: 300 distinct words a document, 100,000 documents, 120 MB).
#[derive(Debug, Default, Clone)]
pub struct DocWords {
    lang: usize,
    words: Box<[u32]>,
}

/// Collects the words of documents while they are rendered, from any number of threads, so a
/// text is parsed once per build and never kept whole for the index: per document it holds a
/// few bytes per distinct word.
pub struct Indexer {
    /// Document languages, site languages first.
    langs: Vec<String>,
    vocabs: Vec<Vocab>,
    /// Tells this indexer's entries in a thread's [`Scratch`] from an earlier one's.
    serial: u64,
}

/// The word cache's answer for a word the index leaves out.
const NOT_INDEXED: u32 = u32::MAX;

/// A render thread's own copy of the words it has met (word → id, per document language) and
/// its per-document tallies, so a word costs one unshared hash lookup rather than a lock.
#[derive(Default)]
struct Scratch {
    serial: u64,
    known: Vec<FxMap<Box<str>, u32>>,
    /// [`IN_TITLE`] and count of each word id in the current document (0: not seen yet).
    tally: Vec<u16>,
    seen: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Numbers indexers, so a thread's cached ids never outlive theirs.
static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Indexer {
    /// An indexer for the documents of `graph`.
    pub fn new(graph: &Graph, config: &Config) -> Indexer {
        let mut langs: Vec<String> = config.languages.iter().map(|l| l.to_string()).collect();
        let extra: BTreeSet<&str> =
            graph.corpus.documents.iter().map(|d| d.meta.lang.as_str()).collect();
        for l in extra {
            if !langs.iter().any(|x| x == l) {
                langs.push(l.to_string());
            }
        }
        let vocabs = langs.iter().map(|_| Vocab::new()).collect();
        Indexer { langs, vocabs, serial: SERIAL.fetch_add(1, Ordering::Relaxed) }
    }

    /// The indexable words of a document: its title and the plain text of its body.
    pub fn words(&self, lang: &str, title: &str, plain: &str) -> DocWords {
        let l = self.langs.iter().position(|x| x == lang).unwrap_or(0);
        let vocab = &self.vocabs[l];
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let sc = &mut *guard;
            if sc.serial != self.serial {
                sc.serial = self.serial;
                sc.known.iter_mut().for_each(FxMap::clear);
            }
            sc.known.resize_with(self.langs.len(), FxMap::default);
            let Scratch { known, tally, seen, .. } = sc;
            let known = &mut known[l];
            let mut add = |w: &str, title: bool| {
                // The cache answers for words not indexed too (stop words, numbers too long),
                // so each distinct word is judged once per thread.
                let id = match known.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = if indexable(w) { vocab.id(w) } else { NOT_INDEXED };
                        known.insert(w.into(), id);
                        id
                    }
                };
                if id == NOT_INDEXED {
                    return;
                }
                let i = id as usize;
                if i >= tally.len() {
                    tally.resize(i + 1024, 0);
                }
                if tally[i] == 0 {
                    seen.push(id);
                }
                // Bit 4 marks «seen» so a title word of no body count is not 0.
                tally[i] |= 16;
                if title {
                    tally[i] |= IN_TITLE;
                } else if tally[i] & 7 < 7 {
                    tally[i] += 1;
                }
            };
            for_each_folded(title, |w| add(w, true));
            for_each_folded(plain, |w| add(w, false));
            let words = seen
                .iter()
                .map(|&id| {
                    let bits = std::mem::take(&mut tally[id as usize]) & 15;
                    id * 16 + u32::from(bits)
                })
                .collect();
            seen.clear();
            DocWords { lang: l, words }
        })
    }
}

/// The index's view of the corpus: search-id order and the term postings.
struct Corpus {
    /// Graph document index of each search id, in search-id order.
    order: Vec<usize>,
    /// Document languages, site languages first.
    langs: Vec<String>,
    /// `[first search id, language index, kind index, year or 0]` per group.
    ranges: Vec<[u32; 4]>,
    /// Terms as (document language, stem), with their postings as `search id * 16 + weight`
    /// (weights are under 16; four bytes a posting, the index's bulk on a large archive).
    terms: Vec<(usize, Box<str>)>,
    postings: Vec<Vec<u32>>,
    /// Search id of each graph document index.
    sid: Vec<u32>,
}

fn kind_index(k: Kind) -> u32 {
    Kind::ALL.iter().position(|x| *x == k).unwrap_or(0) as u32
}

fn corpus(graph: &Graph, indexer: Indexer, mut words: Vec<DocWords>) -> Corpus {
    let docs = &graph.corpus.documents;
    let langs = indexer.langs;
    let lang_ix = |d: &Document| langs.iter().position(|l| *l == d.meta.lang).unwrap_or(0) as u32;
    let key = |i: usize| {
        let d = &docs[i];
        let year = d.meta.date.map_or(0, |x| u32::from(x.year));
        (lang_ix(d), kind_index(d.meta.kind), std::cmp::Reverse(year), i)
    };
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| key(i));
    let mut sid = vec![0u32; docs.len()];
    let mut ranges: Vec<[u32; 4]> = Vec::new();
    for (s, &i) in order.iter().enumerate() {
        sid[i] = s as u32;
        let (l, k, std::cmp::Reverse(y), _) = key(i);
        if ranges.last().is_none_or(|r| (r[1], r[2], r[3]) != (l, k, y)) {
            ranges.push([s as u32, l, k, y]);
        }
    }
    // Each distinct word of each language stemmed once; words with one stem share a term.
    let mut terms: Vec<(usize, Box<str>)> = Vec::new();
    let mut term_of: Vec<Vec<u32>> = Vec::new();
    for (l, vocab) in indexer.vocabs.into_iter().enumerate() {
        let words = vocab.into_words();
        let stems: Vec<String> = words.par_iter().map(|w| stem_for(&langs[l], w)).collect();
        let mut ids: FxMap<&str, u32> = FxMap::default();
        let mut map = Vec::with_capacity(words.len());
        for stem in &stems {
            let id = *ids.entry(stem.as_str()).or_insert_with(|| {
                terms.push((l, stem.as_str().into()));
                (terms.len() - 1) as u32
            });
            map.push(id);
        }
        term_of.push(map);
    }
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); terms.len()];
    let mut per: Vec<(u32, u16)> = Vec::new();
    for (s, &i) in order.iter().enumerate() {
        // Each document's words are freed as its postings are made.
        let Some(w) = words.get_mut(i).map(std::mem::take) else { continue };
        per.clear();
        per.extend(w.words.iter().map(|&v| (term_of[w.lang][(v / 16) as usize], (v % 16) as u16)));
        per.sort_unstable_by_key(|x| x.0);
        let mut k = 0;
        while k < per.len() {
            let (term, mut title, mut count) = (per[k].0, false, 0u32);
            while k < per.len() && per[k].0 == term {
                title |= per[k].1 & IN_TITLE != 0;
                count += u32::from(per[k].1 & 7);
                k += 1;
            }
            postings[term as usize].push(s as u32 * 16 + weight(title, count));
        }
    }
    Corpus { order, langs, ranges, terms, postings, sid }
}

/// A set of search ids, as the shorter of a delta list (`[3,1,7]`) and a base64 bitset string
/// (bit `i` of byte `i / 8`, least significant first).
fn encode_set(ids: &[u32], n: usize) -> Value {
    let mut deltas = Vec::with_capacity(ids.len());
    let mut last = 0;
    for (k, &id) in ids.iter().enumerate() {
        deltas.push(if k == 0 { id } else { id - last });
        last = id;
    }
    let list = serde_json::to_string(&deltas)
        .expect("a list of integers cannot fail to serialize: JSON has a form for each");
    let mut bits = vec![0u8; n.div_ceil(8)];
    for &id in ids {
        bits[id as usize / 8] |= 1 << (id % 8);
    }
    let b64 = crate::text::base64(&bits);
    if b64.len() + 2 < list.len() { Value::String(b64) } else { json!(deltas) }
}

/// Postings (`id * 16 + weight`) as one number each: `delta * 16 + weight` (ids ascending, so
/// deltas are small).
fn encode_postings(p: &[u32]) -> Vec<u64> {
    let mut last = 0u32;
    p.iter()
        .enumerate()
        .map(|(k, &v)| {
            let (id, w) = (v / 16, v % 16);
            let d = if k == 0 { id } else { id - last };
            last = id;
            u64::from(d) * 16 + u64::from(w)
        })
        .collect()
}

/// An entity name entry: the stems after the first word, the entity's kind and id, its name in
/// each UI language, its page under the language root, and its number of documents.
#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct EntityEntry(String, String, String, Vec<String>, String, usize);

/// The forms an entity is found by: names in every language, short names, aliases, full and
/// official names, and a person's surname.
fn entity_forms(graph: &Graph, kind: EntityKind, id: &str) -> Vec<String> {
    let Some(e) = graph.corpus.entities.get(kind, id).filter(|_| kind != EntityKind::Event) else {
        return Vec::new();
    };
    let names = |n: &crate::content::Names| n.0.values().cloned().collect::<Vec<_>>();
    let mut v = names(e.names());
    v.extend(e.data.other_names().map(names).unwrap_or_default());
    v.extend(e.aliases().iter().cloned());
    if kind == EntityKind::Person {
        v.extend(
            e.names().0.values().filter_map(|n| n.split_whitespace().last().map(str::to_string)),
        );
    }
    v
}

/// Name keys of an entity: (first word, the other words joined by spaces), folded and stemmed
/// with each stemmer, so a query word matches whichever way the browser stems it.
fn entity_keys(forms: &[String]) -> BTreeSet<(String, String)> {
    let mut keys = BTreeSet::new();
    for form in forms {
        let words: Vec<String> =
            tokenize(form).into_iter().map(|t| t.folded).filter(|w| indexable(w)).collect();
        if words.is_empty() {
            continue;
        }
        for lang in ["", "ru", "kk"] {
            let stems: Vec<String> = words.iter().map(|w| stem_for(lang, w)).collect();
            keys.insert((stems[0].clone(), stems[1..].join(" ")));
        }
    }
    keys
}

/// A term of one document language: (language, stem, postings).
type TermItem<'a> = (&'a str, &'a str, &'a [u32]);

/// One shard's items before serialization.
#[derive(Default)]
struct ShardItems<'a> {
    /// (language, stem, postings)
    terms: Vec<TermItem<'a>>,
    /// (first word, entry)
    entities: Vec<(&'a str, &'a EntityEntry)>,
}

fn prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

fn shard_json(items: &ShardItems, split: Option<(usize, Vec<&str>)>) -> String {
    let mut t: BTreeMap<&str, BTreeMap<&str, Vec<u64>>> = BTreeMap::new();
    for (lang, stem, p) in &items.terms {
        t.entry(lang).or_default().insert(stem, encode_postings(p));
    }
    let mut e: BTreeMap<&str, Vec<&EntityEntry>> = BTreeMap::new();
    for (first, entry) in &items.entities {
        e.entry(first).or_default().push(entry);
    }
    // Serialized as it stands (no serde_json::Value in between); fields in the order a sorted
    // map would write them.
    #[derive(Serialize)]
    struct Shard<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        c: Option<&'a [&'a str]>,
        e: BTreeMap<&'a str, Vec<&'a EntityEntry>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        s: Option<usize>,
        t: BTreeMap<&'a str, BTreeMap<&'a str, Vec<u64>>>,
    }
    let (s, c) = match &split {
        Some((depth, parts)) => (Some(*depth), Some(parts.as_slice())),
        None => (None, None),
    };
    serde_json::to_string(&Shard { c, e, s, t })
        .expect("a shard cannot fail to serialize: its maps are keyed by strings, its values are strings and numbers")
}

/// Writes the shard of a two-letter prefix. One over [`SHARD_LIMIT`] is split by the shortest
/// longer prefix at which every part fits (at most [`MAX_PREFIX`] letters); it then keeps only
/// the stems of two letters, that prefix length and the list of its parts, so any term is at
/// most two requests away.
fn write_shards(pre: &str, items: ShardItems, out: &mut Vec<Output>) {
    let whole = shard_json(&items, None);
    if whole.len() <= SHARD_LIMIT {
        out.push(shard_output(pre, whole));
        return;
    }
    let top = pre.chars().count();
    let group = |d: usize| {
        let mut here = ShardItems::default();
        let mut below: BTreeMap<String, ShardItems> = BTreeMap::new();
        for t in &items.terms {
            match t.1.chars().count() <= top {
                true => here.terms.push(*t),
                false => below.entry(prefix(t.1, d).to_string()).or_default().terms.push(*t),
            }
        }
        for e in &items.entities {
            match e.0.chars().count() <= top {
                true => here.entities.push(*e),
                false => below.entry(prefix(e.0, d).to_string()).or_default().entities.push(*e),
            }
        }
        let parts: Vec<(String, String)> =
            below.iter().map(|(p, it)| (p.clone(), shard_json(it, None))).collect();
        (here, parts)
    };
    let (mut here, mut parts, mut depth) = (ShardItems::default(), Vec::new(), top);
    for d in top + 1..=MAX_PREFIX {
        (here, parts) = group(d);
        depth = d;
        if parts.iter().all(|(_, j)| j.len() <= SHARD_LIMIT) {
            break;
        }
    }
    let names: Vec<&str> = parts.iter().map(|(p, _)| p.as_str()).collect();
    out.push(shard_output(pre, shard_json(&here, Some((depth, names)))));
    for (p, json) in parts {
        out.push(shard_output(&p, json));
    }
}

fn shard_output(pre: &str, json: String) -> Output {
    Output {
        path: routes::search_index(&format!("t/{}.json", shard_name(pre))),
        bytes: json.into_bytes(),
    }
}

/// First `n` characters of `text`, cut at a word boundary, with «…» when cut.
fn excerpt(text: &str, n: usize) -> String {
    if text.char_indices().nth(n).is_none() {
        return text.to_string();
    }
    let cut: String = text.chars().take(n).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > n / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// Search ids per record file `r/<n>.json`: records are fetched a file at a time, so a page of
/// twenty results costs at most twenty small files, while the site holds one record file per
/// eight documents rather than one per document (file count is most of a build's write time).
pub const RECORDS_PER_FILE: usize = 8;

/// What the index needs of each document, by graph document index: its words and the opening of
/// its plain text.
#[derive(Debug, Default, Clone)]
pub struct DocText {
    /// Indexable words.
    pub words: DocWords,
    /// The excerpt shown under a result ([`EXCERPT_CHARS`]).
    pub excerpt: String,
}

impl DocText {
    /// The index's part of a document rendered to `plain` text.
    pub fn new(indexer: &Indexer, d: &Document, plain: &str) -> DocText {
        DocText {
            words: indexer.words(&d.meta.lang, &d.meta.title, plain),
            excerpt: excerpt(plain, EXCERPT_CHARS),
        }
    }
}

/// A page's path under its UI language's root (`countries/kazakhstan/`): the browser puts the
/// language root of the page it runs on in front, so one index serves every UI language.
fn lang_relative(route: &routes::Route, config: &Config) -> String {
    let lang = &config.default_language;
    let rel = route.rel(lang);
    rel.strip_prefix(&format!("{lang}/")).map(str::to_string).unwrap_or(rel)
}

/// Writes the search index (one for all UI languages) through `emit`: `words` and `excerpts`
/// are the documents' [`DocText`] parts, by graph index (the words are consumed, so the index's
/// postings replace them in memory rather than sit beside them).
pub fn build(
    graph: &Graph,
    config: &Config,
    indexer: Indexer,
    words: Vec<DocWords>,
    excerpts: &[&str],
    emit: &(dyn Fn(Output) -> crate::error::Result<()> + Sync),
) -> crate::error::Result<()> {
    let c = corpus(graph, indexer, words);
    let n = c.order.len();
    let docs = &graph.corpus.documents;
    let entity_docs = |kind: EntityKind, id: &str| -> Vec<u32> {
        let mut v: Vec<u32> = graph.documents_of(kind, id).iter().map(|&i| c.sid[i]).collect();
        v.sort_unstable();
        v
    };
    let kinds =
        [EntityKind::Country, EntityKind::Organization, EntityKind::Person, EntityKind::Place];
    let ids =
        |kind: EntityKind| -> Vec<String> { graph.corpus.ids(kind).into_iter().cloned().collect() };
    // An entity's name in every UI language, in the order of `meta.json`'s `ui`.
    let names = |kind: EntityKind, id: &str| -> Vec<String> {
        config
            .languages
            .iter()
            .map(|lang| graph.name(kind, id, lang.as_str()).to_string())
            .collect()
    };
    let mut entries: Vec<(String, EntityEntry)> = kinds
        .iter()
        .flat_map(|&k| ids(k).into_iter().map(move |id| (k, id)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .flat_map_iter(|(kind, id)| {
            let keys = entity_keys(&entity_forms(graph, kind, &id));
            let (names, url) =
                (names(kind, &id), lang_relative(&routes::entity(kind, &id), config));
            let count = graph.documents_of(kind, &id).len();
            keys.into_iter()
                .map(|(first, rest)| {
                    let e = EntityEntry(
                        rest,
                        kind.singular().into(),
                        id.clone(),
                        names.clone(),
                        url.clone(),
                        count,
                    );
                    (first, e)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    entries.sort();
    entries.dedup();
    // Term and entity shards by two-letter prefix.
    let mut shards: BTreeMap<String, ShardItems> = BTreeMap::new();
    for (t, (l, stem)) in c.terms.iter().enumerate() {
        let item = (c.langs[*l].as_str(), &**stem, c.postings[t].as_slice());
        shards.entry(prefix(stem, 2).to_string()).or_default().terms.push(item);
    }
    for (first, e) in &entries {
        shards.entry(prefix(first, 2).to_string()).or_default().entities.push((first, e));
    }
    let top: Vec<&str> = shards.keys().map(String::as_str).collect();
    let top = top.join(" ");
    shards.into_par_iter().try_for_each(|(pre, items)| {
        let mut out = Vec::new();
        write_shards(&pre, items, &mut out);
        out.into_iter().try_for_each(emit)
    })?;
    // Facets and ranges.
    let facet = |kind: EntityKind| -> Vec<Value> {
        let mut v: Vec<(usize, Vec<String>, String, Vec<u32>)> = ids(kind)
            .into_iter()
            .map(|id| {
                let d = entity_docs(kind, &id);
                (d.len(), names(kind, &id), id, d)
            })
            .filter(|x| x.0 > 0)
            .collect();
        v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        v.into_iter().map(|(_, names, id, d)| json!([id, names, encode_set(&d, n)])).collect()
    };
    let meta = json!({
        "v": 2,
        "n": n,
        "ui": config.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        "stop": STOP_WORDS.as_slice(),
        "langs": c.langs,
        "kinds": Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        "ranges": c.ranges,
        "shards": top,
        "per": RECORDS_PER_FILE,
    });
    let facets = json!({
        "organization": facet(EntityKind::Organization),
        "country": facet(EntityKind::Country),
    });
    emit(Output {
        path: routes::search_index("facets.json"),
        bytes: serde_json::to_vec(&facets).expect(JSON_VALUE),
    })?;
    emit(Output {
        path: routes::search_index("meta.json"),
        bytes: serde_json::to_vec(&meta).expect(JSON_VALUE),
    })?;
    // Records, [`RECORDS_PER_FILE`] search ids a file: [title, path under the UI language's
    // root, language, kind, ISO date or "", excerpt].
    c.order.par_chunks(RECORDS_PER_FILE).enumerate().try_for_each(|(k, chunk)| {
        // Tuples serialize as JSON arrays.
        let records: Vec<(&str, String, &str, &str, String, &str)> = chunk
            .iter()
            .map(|&i| {
                let d = &docs[i];
                (
                    d.meta.title.as_str(),
                    lang_relative(&crate::routes::document(d), config),
                    d.meta.lang.as_str(),
                    d.meta.kind.as_str(),
                    d.meta.date.map(|x| x.to_string()).unwrap_or_default(),
                    excerpts.get(i).copied().unwrap_or_default(),
                )
            })
            .collect();
        emit(Output {
            path: routes::search_index(&format!("r/{k}.json")),
            bytes: serde_json::to_vec(&records).expect(JSON_VALUE),
        })
    })?;
    kinds
        .iter()
        .flat_map(|&k| ids(k).into_iter().map(move |id| (k, id)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .try_for_each(|(kind, id)| {
            let set = encode_set(&entity_docs(kind, &id), n);
            emit(Output {
                path: routes::search_index(&format!("e/{}/{id}.json", kind.singular())),
                bytes: serde_json::to_vec(&set).expect(JSON_VALUE),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_pick_the_shorter_encoding() {
        assert_eq!(encode_set(&[3, 4, 10], 1000), json!([3, 1, 6]));
        let all: Vec<u32> = (0..64).collect();
        assert_eq!(encode_set(&all, 64), json!("//////////8="));
    }

    #[test]
    fn stop_words_fit_the_length_shortcut() {
        assert!(STOP_WORDS.iter().all(|w| w.len() <= 16 && !indexable(w)));
    }

    #[test]
    fn postings_are_deltas_with_weights() {
        assert_eq!(encode_postings(&[2 * 16 + 9, 5 * 16 + 1]), vec![2 * 16 + 9, 3 * 16 + 1]);
        assert_eq!(weight(true, 20), 15);
        assert_eq!(weight(false, 1), 1);
    }

    #[test]
    fn shard_names_are_ascii() {
        assert_eq!(shard_name("ка"), "43a-430");
        assert_eq!(prefix("казахста", 2), "ка");
        assert_eq!(prefix("к", 2), "к");
    }

    #[test]
    fn words_are_stemmed_in_their_language() {
        assert_eq!(stem_for("ru", "казахстана"), stem_for("ru", "казахстан"));
        assert_eq!(stem_for("kk", "қазақстанның"), stem_for("kk", "қазақстан"));
        assert_eq!(stem_for("en", "astana"), "astana");
        assert!(!indexable("и") && !indexable("және") && indexable("шос"));
    }

    #[test]
    fn entity_keys_cover_names_stems_and_surnames() {
        let keys = entity_keys(&["Аскар Мамин".into(), "Мамин".into(), "ШЫҰ".into()]);
        assert!(keys.contains(&("мамин".into(), String::new())), "{keys:?}");
        assert!(keys.contains(&("аскар".into(), "мамин".into())), "{keys:?}");
        assert!(keys.contains(&("шыұ".into(), String::new())), "{keys:?}");
    }

    /// Writes `tests/browser/fixtures/stems.json`: (language, word, stem) for a few hundred words
    /// of the shipped documents and entity names, which `tests/browser/stems.test.mjs` checks the
    /// browser's stemmers against. Rewritten only when it changes.
    #[test]
    fn stem_pairs_for_the_browser_port() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut words: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for entry in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let lang = if text.contains("\nlang: kk") { "kk" } else { "ru" };
            for t in tokenize(&text) {
                if t.folded.chars().all(|c| ('\u{400}'..='\u{4ff}').contains(&c))
                    && indexable(&t.folded)
                {
                    let kk = t.folded.chars().any(|c| "әғқңөұүһі".contains(c));
                    words.entry(if kk { "kk" } else { lang }).or_default().insert(t.folded);
                }
            }
        }
        let mut pairs = Vec::new();
        for (lang, set) in &words {
            let all: Vec<&String> = set.iter().collect();
            let step = all.len().div_ceil(400).max(1);
            for w in all.into_iter().step_by(step) {
                pairs.push(json!([lang, w, stem_for(lang, w)]));
            }
        }
        assert!(pairs.len() > 300, "{}", pairs.len());
        let text = serde_json::to_string_pretty(&pairs).unwrap() + "\n";
        let path = root.join("tests/browser/fixtures/stems.json");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("короткий текст", 100), "короткий текст");
        assert_eq!(excerpt("один два три четыре", 12), "один два…");
    }
}
