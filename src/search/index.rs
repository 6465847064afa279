//! The inverted index: documents numbered in search-id order (by language, kind and year), each
//! distinct word stemmed once, and the postings of every term.

use rayon::prelude::*;

use super::collect::{FxMap, Words};
use super::words::{IN_TITLE, stem_for, weight};
use crate::content::{Document, EntityKind, Kind};
use crate::graph::Graph;

/// The index's view of the corpus: search-id order and the term postings.
pub(super) struct Index {
    /// Graph document index of each search id, in search-id order.
    pub(super) order: Vec<usize>,
    /// Document languages, site languages first.
    pub(super) langs: Vec<String>,
    /// `[first search id, language index, kind index, year or 0]` per group.
    pub(super) ranges: Vec<[u32; 4]>,
    /// Terms as (document language, stem), with their postings as `search id * 16 + weight`
    /// (weights are under 16; four bytes a posting, the index's bulk on a large archive).
    pub(super) terms: Vec<(usize, Box<str>)>,
    pub(super) postings: Vec<Vec<u32>>,
    /// Search id of each graph document index.
    pub(super) sid: Vec<u32>,
    /// Term of each (language, stem).
    term_of: FxMap<(usize, Box<str>), usize>,
}

fn kind_index(k: Kind) -> u32 {
    Kind::ALL.iter().position(|x| *x == k).unwrap_or(0) as u32
}

impl Index {
    /// The index of `graph`'s documents from their collected `words`.
    pub(super) fn new(graph: &Graph, words: Words) -> Index {
        build(graph, words)
    }

    /// The search ids of the documents naming an entity, ascending.
    pub(super) fn entity_docs(&self, graph: &Graph, kind: EntityKind, id: &str) -> Vec<u32> {
        let mut v: Vec<u32> = graph.documents_of(kind, id).iter().map(|&i| self.sid[i]).collect();
        v.sort_unstable();
        v
    }

    /// The term of `stem` in documents of language `lang`, if any text has it.
    pub(super) fn term(&self, lang: usize, stem: &str) -> Option<usize> {
        self.term_of.get(&(lang, stem.into())).copied()
    }

    /// The number of documents, in any language, that have the stem `stem`.
    pub(super) fn df(&self, stem: &str) -> usize {
        (0..self.langs.len())
            .filter_map(|l| self.term(l, stem))
            .map(|t| self.postings[t].len())
            .sum()
    }

    /// The weight of term `t` in the document `sid`, if the document has it.
    pub(super) fn weight(&self, t: usize, sid: u32) -> Option<u32> {
        let p = &self.postings[t];
        let at = p.partition_point(|&v| v / 16 < sid);
        p.get(at).filter(|&&v| v / 16 == sid).map(|v| v % 16)
    }

    /// The language (index into `langs`) of the document `sid`.
    pub(super) fn lang_of(&self, sid: u32) -> usize {
        let at = self.ranges.partition_point(|r| r[0] <= sid);
        self.ranges[at.saturating_sub(1)][1] as usize
    }
}

fn build(graph: &Graph, words: Words) -> Index {
    let docs = &graph.corpus.documents;
    let Words { langs, vocabs, docs: mut words } = words;
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
    for (l, words) in vocabs.into_iter().enumerate() {
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
    let term_of = terms.iter().enumerate().map(|(t, (l, stem))| ((*l, stem.clone()), t)).collect();
    Index { order, langs, ranges, terms, postings, sid, term_of }
}
