//! The full-text search index, built at build time and queried in the browser by
//! `static/search.js`: plain JSON files under `search/<ui-lang>/`, no server, no external service,
//! so it runs on GitHub Pages and from any static file server.
//!
//! **Word forms.** Each document's words are indexed as stems in the document's own language:
//! Russian through the Snowball stemmer ([`stem::ru_stem`], ё folded to е), Kazakh through
//! [`stem::kk_stem`] (harmony-checked case, possessive and plural chains), any other language
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
//! - `d/<n>.json` for each result shown (twenty at a time): title, URL, language, kind, date
//!   and an excerpt — one small file per document, so the first page of results costs twenty
//!   ~0.7 KB files wherever the results sit in the corpus (pages of 500 documents would cost a
//!   whole page per scattered result);
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

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use crate::config::{Config, Lang};
use crate::content::{Document, EntityKind, Kind};
use crate::graph::Graph;
use crate::i18n::Strings;
use crate::render::markdown::plain_text;
use crate::render::views::Ctx;
use crate::routes;
use crate::site::output::Output;
use crate::text::stem::{kk_stem_folded, ru_stem};
use crate::text::tokenize;

/// A term shard larger than this (bytes of JSON) is split by one more letter of the stem.
pub const SHARD_LIMIT: usize = 12 * 1024;
/// Longest prefix a shard is split down to.
const MAX_PREFIX: usize = 6;
/// Characters of plain text kept per document for the result snippet.
pub const EXCERPT_CHARS: usize = 280;
/// Words longer than this (in characters) are not indexed (URLs, garbage).
const MAX_WORD: usize = 40;

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
    let n = folded.chars().count();
    (2..=MAX_WORD).contains(&n) && !STOP_WORDS.contains(&folded)
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

/// The build-wide part of the index, the same for every UI language.
struct Corpus {
    /// Graph document index of each search id, in search-id order.
    order: Vec<usize>,
    /// Document languages, site languages first.
    langs: Vec<String>,
    /// `[first search id, language index, kind index, year or 0]` per group.
    ranges: Vec<[u32; 4]>,
    /// (document language, stem) → postings `(search id, weight)`, ascending ids.
    terms: BTreeMap<(String, String), Vec<(u32, u32)>>,
    /// Search id of each graph document index.
    sid: Vec<u32>,
}

/// Folded words of a document with (in title, body count).
fn doc_words(d: &Document) -> HashMap<String, (bool, u32)> {
    let mut words: HashMap<String, (bool, u32)> = HashMap::new();
    for t in tokenize(&d.meta.title) {
        if indexable(&t.folded) {
            words.entry(t.folded).or_default().0 = true;
        }
    }
    for t in tokenize(&plain_text(&d.body)) {
        if indexable(&t.folded) {
            words.entry(t.folded).or_default().1 += 1;
        }
    }
    words
}

fn kind_index(k: Kind) -> u32 {
    Kind::ALL.iter().position(|x| *x == k).unwrap_or(0) as u32
}

fn corpus(graph: &Graph, config: &Config) -> Corpus {
    let docs = &graph.corpus.documents;
    let mut langs: Vec<String> = config.languages.iter().map(|l| l.to_string()).collect();
    let extra: BTreeSet<&str> = docs.iter().map(|d| d.meta.lang.as_str()).collect();
    for l in extra {
        if !langs.iter().any(|x| x == l) {
            langs.push(l.to_string());
        }
    }
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
    // Words per document, then each distinct (language, word) stemmed once.
    let words: Vec<HashMap<String, (bool, u32)>> =
        order.par_iter().map(|&i| doc_words(&docs[i])).collect();
    let mut vocab: BTreeSet<(&str, &str)> = BTreeSet::new();
    for (s, w) in words.iter().enumerate() {
        let lang = docs[order[s]].meta.lang.as_str();
        vocab.extend(w.keys().map(|k| (lang, k.as_str())));
    }
    let vocab: Vec<(&str, &str)> = vocab.into_iter().collect();
    let stems: HashMap<(&str, &str), String> =
        vocab.par_iter().map(|&(l, w)| ((l, w), stem_for(l, w))).collect();
    let mut terms: BTreeMap<(String, String), Vec<(u32, u32)>> = BTreeMap::new();
    for (s, w) in words.iter().enumerate() {
        let lang = docs[order[s]].meta.lang.as_str();
        let mut per: BTreeMap<&str, (bool, u32)> = BTreeMap::new();
        for (word, (title, count)) in w {
            let e = per.entry(stems[&(lang, word.as_str())].as_str()).or_default();
            e.0 |= *title;
            e.1 += count;
        }
        for (stem, (title, count)) in per {
            terms
                .entry((lang.to_string(), stem.to_string()))
                .or_default()
                .push((s as u32, weight(title, count)));
        }
    }
    Corpus { order, langs, ranges, terms, sid }
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
    let list = serde_json::to_string(&deltas).unwrap_or_default();
    let mut bits = vec![0u8; n.div_ceil(8)];
    for &id in ids {
        bits[id as usize / 8] |= 1 << (id % 8);
    }
    let b64 = base64(&bits);
    if b64.len() + 2 < list.len() { Value::String(b64) } else { json!(deltas) }
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[(n >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Postings as one number each: `delta * 16 + weight` (ids ascending, so deltas are small).
fn encode_postings(p: &[(u32, u32)]) -> Vec<u64> {
    let mut last = 0u32;
    p.iter()
        .enumerate()
        .map(|(k, &(id, w))| {
            let d = if k == 0 { id } else { id - last };
            last = id;
            u64::from(d) * 16 + u64::from(w)
        })
        .collect()
}

/// An entity name entry: the stems after the first word, and the entity.
#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct EntityEntry(String, String, String, String, String, usize);

/// The forms an entity is found by: names in every language, short names, aliases, full and
/// official names, and a person's surname.
fn entity_forms(graph: &Graph, kind: EntityKind, id: &str) -> Vec<String> {
    let c = &graph.corpus;
    let names = |n: &crate::content::Names| n.0.values().cloned().collect::<Vec<_>>();
    match kind {
        EntityKind::Country => c.countries.get(id).map(|e| {
            let mut v = names(&e.data.name);
            v.extend(names(&e.data.official_name));
            v.extend(e.data.aliases.iter().cloned());
            v
        }),
        EntityKind::Organization => c.organizations.get(id).map(|e| {
            let mut v = names(&e.data.name);
            v.extend(names(&e.data.short));
            v.extend(e.data.aliases.iter().cloned());
            v
        }),
        EntityKind::Person => c.people.get(id).map(|e| {
            let mut v = names(&e.data.name);
            v.extend(names(&e.data.full_name));
            v.extend(e.data.aliases.iter().cloned());
            let surnames: Vec<String> = e
                .data
                .name
                .0
                .values()
                .filter_map(|n| n.split_whitespace().last().map(str::to_string))
                .collect();
            v.extend(surnames);
            v
        }),
        EntityKind::Place => c.places.get(id).map(|e| {
            let mut v = names(&e.data.name);
            v.extend(e.data.aliases.iter().cloned());
            v
        }),
        EntityKind::Event => None,
    }
    .unwrap_or_default()
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
type TermItem<'a> = (&'a str, &'a str, &'a [(u32, u32)]);
/// An entity's name keys: (kind, id, (first word, other words)).
type EntityKeys = (EntityKind, String, BTreeSet<(String, String)>);

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
    let mut v = serde_json::Map::new();
    if let Some((depth, parts)) = split {
        v.insert("s".into(), json!(depth));
        v.insert("c".into(), json!(parts));
    }
    v.insert("t".into(), json!(t));
    v.insert("e".into(), json!(e));
    serde_json::to_string(&v).unwrap_or_default()
}

/// Writes the shard of a two-letter prefix. One over [`SHARD_LIMIT`] is split by the shortest
/// longer prefix at which every part fits (at most [`MAX_PREFIX`] letters); it then keeps only
/// the stems of two letters, that prefix length and the list of its parts, so any term is at
/// most two requests away.
fn write_shards(lang: &Lang, pre: &str, items: ShardItems, out: &mut Vec<Output>) {
    let whole = shard_json(&items, None);
    if whole.len() <= SHARD_LIMIT {
        out.push(shard_output(lang, pre, whole));
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
    out.push(shard_output(lang, pre, shard_json(&here, Some((depth, names)))));
    for (p, json) in parts {
        out.push(shard_output(lang, &p, json));
    }
}

fn shard_output(lang: &Lang, pre: &str, json: String) -> Output {
    Output {
        path: routes::search_index(lang, &format!("t/{}.json", shard_name(pre))),
        bytes: json.into_bytes(),
    }
}

/// First `n` characters of `text`, cut at a word boundary, with «…» when cut.
fn excerpt(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let cut: String = text.chars().take(n).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > n / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The search index of every UI language.
pub fn build(graph: &Graph, config: &Config, strings: &Strings) -> Vec<Output> {
    let c = corpus(graph, config);
    let n = c.order.len();
    let docs = &graph.corpus.documents;
    // Documents of each entity, as search ids.
    let entity_docs = |kind: EntityKind, id: &str| -> Vec<u32> {
        let mut v: Vec<u32> = graph.documents_of(kind, id).iter().map(|&i| c.sid[i]).collect();
        v.sort_unstable();
        v
    };
    let kinds =
        [EntityKind::Country, EntityKind::Organization, EntityKind::Person, EntityKind::Place];
    let ids = |kind: EntityKind| -> Vec<String> {
        let g = &graph.corpus;
        match kind {
            EntityKind::Country => g.countries.keys().cloned().collect(),
            EntityKind::Organization => g.organizations.keys().cloned().collect(),
            EntityKind::Person => g.people.keys().cloned().collect(),
            EntityKind::Place => g.places.keys().cloned().collect(),
            EntityKind::Event => Vec::new(),
        }
    };
    let keys: Vec<EntityKeys> = kinds
        .iter()
        .flat_map(|&k| ids(k).into_iter().map(move |id| (k, id)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(k, id)| {
            let keys = entity_keys(&entity_forms(graph, k, &id));
            (k, id, keys)
        })
        .collect();
    let mut out = Vec::new();
    for lang in &config.languages {
        let cx = Ctx { graph, config, strings, lang };
        // Entity entries in this UI language.
        let mut entries: Vec<(String, EntityEntry)> = Vec::new();
        for (kind, id, ks) in &keys {
            let (name, _) = cx.entity_name(*kind, id);
            let url = cx.url(&routes::entity(*kind, id));
            let count = graph.documents_of(*kind, id).len();
            for (first, rest) in ks {
                entries.push((
                    first.clone(),
                    EntityEntry(
                        rest.clone(),
                        kind.singular().into(),
                        id.clone(),
                        name.clone(),
                        url.clone(),
                        count,
                    ),
                ));
            }
        }
        entries.sort();
        entries.dedup();
        // Term and entity shards by two-letter prefix.
        let mut shards: BTreeMap<String, ShardItems> = BTreeMap::new();
        for ((l, stem), p) in &c.terms {
            shards.entry(prefix(stem, 2).to_string()).or_default().terms.push((l, stem, p));
        }
        for (first, e) in &entries {
            shards.entry(prefix(first, 2).to_string()).or_default().entities.push((first, e));
        }
        let top: Vec<&str> = shards.keys().map(String::as_str).collect();
        let top = top.join(" ");
        for (pre, items) in shards {
            write_shards(lang, &pre, items, &mut out);
        }
        // Facets and ranges.
        let facet = |kind: EntityKind| -> Vec<Value> {
            let mut v: Vec<(usize, String, String, Vec<u32>)> = ids(kind)
                .into_iter()
                .map(|id| {
                    let d = entity_docs(kind, &id);
                    (d.len(), cx.entity_name(kind, &id).0, id, d)
                })
                .filter(|x| x.0 > 0)
                .collect();
            v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            v.into_iter().map(|(_, name, id, d)| json!([id, name, encode_set(&d, n)])).collect()
        };
        let meta = json!({
            "v": 1,
            "n": n,
            "stop": STOP_WORDS.as_slice(),
            "langs": c.langs,
            "kinds": Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            "ranges": c.ranges,
            "shards": top,
        });
        let facets = json!({
            "organization": facet(EntityKind::Organization),
            "country": facet(EntityKind::Country),
        });
        out.push(Output {
            path: routes::search_index(lang, "facets.json"),
            bytes: serde_json::to_vec(&facets).unwrap_or_default(),
        });
        out.push(Output {
            path: routes::search_index(lang, "meta.json"),
            bytes: serde_json::to_vec(&meta).unwrap_or_default(),
        });
        // One small record per document.
        let records: Vec<Output> = c
            .order
            .par_iter()
            .enumerate()
            .map(|(s, &i)| {
                let d = &docs[i];
                let rec = json!({
                    "t": d.meta.title,
                    "u": cx.url(&Ctx::doc_route(d)),
                    "l": d.meta.lang,
                    "k": d.meta.kind.as_str(),
                    "d": d.meta.date.map(|x| cx.date(&x)).unwrap_or_default(),
                    "x": excerpt(&plain_text(&d.body), EXCERPT_CHARS),
                });
                Output {
                    path: routes::search_index(lang, &format!("d/{s}.json")),
                    bytes: serde_json::to_vec(&rec).unwrap_or_default(),
                }
            })
            .collect();
        out.extend(records);
        for (kind, id, _) in &keys {
            let set = encode_set(&entity_docs(*kind, id), n);
            out.push(Output {
                path: routes::search_index(lang, &format!("e/{}/{id}.json", kind.singular())),
                bytes: serde_json::to_vec(&set).unwrap_or_default(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_pick_the_shorter_encoding() {
        assert_eq!(encode_set(&[3, 4, 10], 1000), json!([3, 1, 6]));
        let all: Vec<u32> = (0..64).collect();
        assert_eq!(encode_set(&all, 64), json!("//////////8="));
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
    }

    #[test]
    fn postings_are_deltas_with_weights() {
        assert_eq!(encode_postings(&[(2, 9), (5, 1)]), vec![2 * 16 + 9, 3 * 16 + 1]);
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
