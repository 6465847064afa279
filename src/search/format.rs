//! The index's file format: sets and postings encoded compactly, term shards split by prefix
//! under [`SHARD_LIMIT`], and their JSON files.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use super::entities::{self, EntityEntry, KINDS};
use super::index::Index;
use super::{MAX_PREFIX, RECORDS_PER_FILE, SHARD_LIMIT, STOP_WORDS, lang_relative};
use crate::config::Config;
use crate::content::{EntityKind, Kind};
use crate::error::Result;
use crate::graph::Graph;
use crate::output::Output;
use crate::routes;

/// Why writing an index file's JSON cannot fail: its values are `serde_json::Value`s and tuples
/// of strings, whose maps are keyed by strings (serde_json fails only on other keys).
const JSON_VALUE: &str = "index JSON cannot fail to serialize: it holds only strings, numbers, \
    lists and string-keyed maps";

/// Where the index's files go.
pub(super) type Emit<'e> = &'e (dyn Fn(Output) -> Result<()> + Sync);

/// Writes the term and entity shards, by two-letter prefix; returns those prefixes, joined by
/// spaces (`meta.json`'s `shards`).
pub(super) fn shards(
    index: &Index,
    entries: &[(String, EntityEntry)],
    emit: Emit,
) -> Result<String> {
    let mut shards: BTreeMap<String, ShardItems> = BTreeMap::new();
    for (t, (l, stem)) in index.terms.iter().enumerate() {
        let item = (index.langs[*l].as_str(), &**stem, index.postings[t].as_slice());
        shards.entry(prefix(stem, 2).to_string()).or_default().terms.push(item);
    }
    for (first, e) in entries {
        shards.entry(prefix(first, 2).to_string()).or_default().entities.push((first, e));
    }
    let n = index.order.len();
    let top: Vec<&str> = shards.keys().map(String::as_str).collect();
    let top = top.join(" ");
    shards.into_par_iter().try_for_each(|(pre, items)| {
        let mut out = Vec::new();
        write_shards(&pre, items, n, &mut out);
        out.into_iter().try_for_each(emit)
    })?;
    Ok(top)
}

/// Writes `meta.json` (counts, stop words, languages, kinds, the search-id ranges, the shard
/// prefixes `shards`) and `facets.json` (the documents of each organization and country).
pub(super) fn meta_and_facets(
    graph: &Graph,
    config: &Config,
    index: &Index,
    shards: &str,
    names: &(dyn Fn(EntityKind, &str) -> Vec<String> + Sync),
    emit: Emit,
) -> Result<()> {
    let n = index.order.len();
    let facet = |kind: EntityKind| -> Vec<Value> {
        let mut v: Vec<(usize, Vec<String>, String, Vec<u32>)> = entities::ids(graph, kind)
            .into_iter()
            .map(|id| {
                let d = index.entity_docs(graph, kind, &id);
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
        "langs": index.langs,
        "kinds": Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        "ranges": index.ranges,
        "shards": shards,
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
    })
}

/// Writes the records, [`RECORDS_PER_FILE`] search ids a file: [title, path under the UI
/// language's root, ISO date or ""]. No language or kind (the browser has both from `meta.json`'s
/// ranges) and no text: the snippet comes from the document's own text file (`p/`), so a record
/// is what the first paint of a result needs and nothing it would throw away.
pub(super) fn records(graph: &Graph, config: &Config, index: &Index, emit: Emit) -> Result<()> {
    let docs = &graph.corpus.documents;
    index.order.par_chunks(RECORDS_PER_FILE).enumerate().try_for_each(|(k, chunk)| {
        // Tuples serialize as JSON arrays.
        let records: Vec<(&str, String, String)> = chunk
            .iter()
            .map(|&i| {
                let d = &docs[i];
                (
                    d.meta.title.as_str(),
                    lang_relative(&crate::routes::document(d), config),
                    d.meta.date.map(|x| x.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        emit(Output {
            path: routes::search_index(&format!("r/{k}.json")),
            bytes: serde_json::to_vec(&records).expect(JSON_VALUE),
        })
    })
}

/// Writes `e/<kind>/<id>.json` for every entity of [`KINDS`]: the set of its documents (`d`) and
/// of those about it (`a`, see [`entities::about`]), each a delta list or a bitset.
pub(super) fn entity_sets(graph: &Graph, index: &Index, emit: Emit) -> Result<()> {
    let n = index.order.len();
    KINDS
        .iter()
        .flat_map(|&k| entities::ids(graph, k).into_iter().map(move |id| (k, id)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .try_for_each(|(kind, id)| {
            let docs = index.entity_docs(graph, kind, &id);
            let about = entities::about(graph, index, kind, &id, &docs);
            let set = json!({"d": encode_set(&docs, n), "a": encode_set(&about, n)});
            emit(Output {
                path: routes::search_index(&format!("e/{}/{id}.json", kind.singular())),
                bytes: serde_json::to_vec(&set).expect(JSON_VALUE),
            })
        })
}

/// Shard file name of a prefix: its code points in hex, joined by `-` (`ка` → `43a-430`).
pub(crate) fn shard_name(prefix: &str) -> String {
    prefix.chars().map(|c| format!("{:x}", c as u32)).collect::<Vec<_>>().join("-")
}

/// A set of search ids, as the shorter of a delta list (`[3,1,7]`) and a base64 bitset string
/// (bit `i` of byte `i / 8`, least significant first).
pub(crate) fn encode_set(ids: &[u32], n: usize) -> Value {
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

/// A term's postings in a shard, as the browser's `postings` reads them.
#[derive(Serialize, Debug, PartialEq)]
#[serde(untagged)]
enum Postings {
    /// One number a document: `delta * 16 + weight` (ids ascending, so deltas are small).
    List(Vec<u64>),
    /// A term in a large share of the documents: a base64 bitset of its documents (as
    /// [`encode_set`]'s), a space, and one hex digit a document for its weight, in id order.
    Dense(String),
}

/// Postings (`id * 16 + weight`, ids ascending) of a term over `n` documents: a delta list, or
/// the dense form when that is clearly smaller. A term in most documents («Казахстан» in a
/// corpus about Kazakhstan's cooperation, «сотрудничество», any frequent word) costs 3–4
/// characters a posting as a list, about half a byte gzipped; the dense form costs a bit a
/// document and a hex digit a posting, which gzip packs to about a sixth of a byte (measured on
/// the two «казахстан» stems of a 10,000-document corpus: 5.3 KB gzipped against 6.5 KB). The
/// list stays for rare terms, where a bitset would be mostly zeros.
fn encode_postings(p: &[u32], n: usize) -> Postings {
    let mut last = 0u32;
    let list: Vec<u64> = p
        .iter()
        .enumerate()
        .map(|(k, &v)| {
            let (id, w) = (v / 16, v % 16);
            let d = if k == 0 { id } else { id - last };
            last = id;
            u64::from(d) * 16 + u64::from(w)
        })
        .collect();
    // Characters of the list's JSON: digits and a comma each.
    let list_len: usize = list.iter().map(|v| v.checked_ilog10().unwrap_or(0) as usize + 2).sum();
    let dense_len = n.div_ceil(8).div_ceil(3) * 4 + 1 + p.len();
    if dense_len * DENSE_GAIN > list_len {
        return Postings::List(list);
    }
    let mut bits = vec![0u8; n.div_ceil(8)];
    let mut weights = String::with_capacity(p.len());
    for &v in p {
        let id = (v / 16) as usize;
        bits[id / 8] |= 1 << (id % 8);
        weights.push(char::from_digit(v % 16, 16).unwrap_or('0'));
    }
    Postings::Dense(format!("{} {weights}", crate::text::base64(&bits)))
}

/// How many times shorter (raw) than the list the dense form must be to be chosen: raw length
/// flatters the dense form, whose bitset gzip cannot shrink (see `encode_postings`).
const DENSE_GAIN: usize = 2;

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

/// The JSON of one shard file (`n`: the number of documents, for dense postings).
fn shard_json(items: &ShardItems, n: usize, split: Option<(usize, Vec<&str>)>) -> String {
    let mut t: BTreeMap<&str, BTreeMap<&str, Postings>> = BTreeMap::new();
    for (lang, stem, p) in &items.terms {
        t.entry(lang).or_default().insert(stem, encode_postings(p, n));
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
        t: BTreeMap<&'a str, BTreeMap<&'a str, Postings>>,
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
fn write_shards(pre: &str, items: ShardItems, n: usize, out: &mut Vec<Output>) {
    let whole = shard_json(&items, n, None);
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
            below.iter().map(|(p, it)| (p.clone(), shard_json(it, n, None))).collect();
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
    out.push(shard_output(pre, shard_json(&here, n, Some((depth, names)))));
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
    fn postings_are_deltas_with_weights() {
        assert_eq!(
            encode_postings(&[2 * 16 + 9, 5 * 16 + 1], 1000),
            Postings::List(vec![2 * 16 + 9, 3 * 16 + 1])
        );
    }

    #[test]
    fn a_term_in_most_documents_is_a_bitset_with_hex_weights() {
        // Documents 0..64 but every fourth, each weighted by its number modulo 16.
        let p: Vec<u32> = (0..64).filter(|i| i % 4 != 3).map(|i| i * 16 + i % 16).collect();
        let weights = "01245689acde".repeat(4);
        assert_eq!(encode_postings(&p, 64), Postings::Dense(format!("d3d3d3d3d3c= {weights}")));
        // The same postings among 10,000 documents: a bitset would be mostly zeros.
        assert!(matches!(encode_postings(&p, 10_000), Postings::List(_)));
    }

    #[test]
    fn shard_names_are_ascii() {
        assert_eq!(shard_name("ка"), "43a-430");
        assert_eq!(prefix("казахста", 2), "ка");
        assert_eq!(prefix("к", 2), "к");
    }
}
