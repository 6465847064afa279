//! Collecting each document's words while it is rendered: words interned per document language,
//! a few bytes per distinct word per document, and the excerpt of its plain text.

use std::collections::{BTreeSet, HashMap};
use std::hash::BuildHasher;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use super::EXCERPT_CHARS;
use super::words::{IN_TITLE, indexable};
use crate::config::Config;
use crate::content::Document;
use crate::graph::Graph;
use crate::text::for_each_folded;

/// Shards of a vocabulary's lock, so render threads seldom wait on each other.
const VOCAB_SHARDS: usize = 64;

pub(super) type FxMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// The words of one document language: folded word → id, taken from any render thread.
pub(super) struct Vocab {
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
    pub(super) fn into_words(self) -> Vec<Box<str>> {
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
    pub(super) lang: usize,
    pub(super) words: Box<[u32]>,
}

/// Collects the words of documents while they are rendered, from any number of threads, so a
/// text is parsed once per build and never kept whole for the index: per document it holds a
/// few bytes per distinct word.
pub struct Indexer {
    /// Document languages, site languages first.
    pub(super) langs: Vec<String>,
    pub(super) vocabs: Vec<Vocab>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("короткий текст", 100), "короткий текст");
        assert_eq!(excerpt("один два три четыре", 12), "один два…");
    }
}
