//! Collecting each document's words while it is rendered: words interned per document language,
//! a few bytes per distinct word per document, and the excerpt of its plain text.
//!
//! **Per-thread state, in plain sight.** The documents are folded on rayon's threads: each fold
//! ([`Collector`]) has its own vocabulary (folded word → id, one per document language) and
//! tallies, so a word costs one unshared hash lookup, never a lock. Neighbouring folds are then
//! merged, the smaller one's word ids renumbered into the larger's vocabulary, and once all are
//! merged the ids are given again in sorted word order, so they do not depend on how the work
//! happened to be split between threads.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::EXCERPT_CHARS;
use super::words::{IN_TITLE, indexable};
use crate::config::Config;
use crate::error::Result;
use crate::graph::Graph;
use crate::packed::Packed;
use crate::text::for_each_folded;

pub(super) type FxMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// What the index keeps of one document: its language and words, each as
/// `word id * 16 + [IN_TITLE] + count` in four bytes (held for every document until the index
/// is built: 300 distinct words a document, 100,000 documents, 120 MB).
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct DocWords {
    pub(super) lang: usize,
    pub(super) words: Box<[u32]>,
}

/// The words of every document, by graph document index, with the vocabulary their ids point
/// into: what [`super::build`] makes the index from.
pub(crate) struct Words {
    /// Document languages, site languages first.
    pub(super) langs: Vec<String>,
    /// Per document language, its words by id (sorted, so an id is the word's rank).
    pub(super) vocabs: Vec<Vec<Box<str>>>,
    /// Per document, its words.
    pub(super) docs: Vec<DocWords>,
}

/// What the index and the feeds need of every document, in document order.
pub(crate) struct Texts {
    /// The documents' words, for the index.
    pub(crate) words: Words,
    /// The opening of each document's plain text ([`EXCERPT_CHARS`]), a feed entry's summary.
    pub(crate) excerpts: Packed,
}

/// Runs `each` on every document of `graph` on rayon's threads and collects, from the plain text
/// it returns, the document's words and excerpt. Returns those and what `each` returned beside
/// the text, both in document order; a document whose `each` failed has no words and no
/// excerpt.
pub(crate) fn collect<T: Send>(
    graph: &Graph,
    config: &Config,
    each: impl Fn(usize) -> Result<(String, T)> + Sync,
) -> (Texts, Vec<Result<T>>) {
    let langs = languages(graph, config);
    let fresh = || (Collector::new(&langs), Vec::new());
    let n = graph.corpus.documents.len();
    // A fold starts with an empty vocabulary: runs of at least an eighth of a thread's share
    // keep the folds few, so few words are looked up afresh (and the threads still balance).
    let run = n.div_ceil(8 * rayon::current_num_threads()).max(1);
    let (collector, results) = (0..n)
        .into_par_iter()
        .with_min_len(run)
        .fold(fresh, |(mut words, mut results), i| {
            match each(i) {
                Ok((plain, kept)) => {
                    let d = graph.doc(i);
                    words.add(&d.meta.lang, &d.meta.title, &plain);
                    results.push(Ok(kept));
                }
                Err(e) => {
                    words.skip();
                    results.push(Err(e));
                }
            }
            (words, results)
        })
        .reduce(fresh, |(a, mut ra), (b, rb)| {
            ra.extend(rb);
            (a.merge(b), ra)
        });
    (collector.finish(), results)
}

/// The document languages of `graph`: the site's UI languages first, then any other a document
/// is written in, sorted.
fn languages(graph: &Graph, config: &Config) -> Arc<[String]> {
    let mut langs: Vec<String> = config.languages.iter().map(|l| l.to_string()).collect();
    let extra: BTreeSet<&str> =
        graph.corpus.documents.iter().map(|d| d.meta.lang.as_str()).collect();
    for l in extra {
        if !langs.iter().any(|x| x == l) {
            langs.push(l.to_string());
        }
    }
    langs.into()
}

/// The cache's answer for a word the index leaves out.
const NOT_INDEXED: u32 = u32::MAX;

/// The words of one document language met by one [`Collector`].
#[derive(Default)]
struct Vocab {
    /// Folded word → id, or [`NOT_INDEXED`]: the cache answers for words not indexed too (stop
    /// words, numbers too long), so each distinct word is judged once per collector.
    known: FxMap<Box<str>, u32>,
    /// The indexed words by id.
    words: Vec<Box<str>>,
}

impl Vocab {
    /// The id of a word met in a text, or [`NOT_INDEXED`].
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.known.get(word) {
            return id;
        }
        let id = if indexable(word) { self.push(word.into()) } else { NOT_INDEXED };
        self.known.insert(word.into(), id);
        id
    }

    /// The id of an indexed word of another vocabulary.
    fn intern(&mut self, word: Box<str>) -> u32 {
        if let Some(&id) = self.known.get(&word) {
            return id;
        }
        let id = self.push(word.clone());
        self.known.insert(word, id);
        id
    }

    fn push(&mut self, word: Box<str>) -> u32 {
        self.words.push(word);
        (self.words.len() - 1) as u32
    }
}

/// The words and excerpts of a run of consecutive documents, collected by one fold of
/// [`collect`] (or by several, merged): its own vocabulary per document language and the
/// per-document tallies.
struct Collector {
    /// Document languages, site languages first.
    langs: Arc<[String]>,
    vocabs: Vec<Vocab>,
    /// Per document, in order, its words (ids of `vocabs`) and excerpt.
    docs: Vec<DocWords>,
    excerpts: Vec<String>,
    /// [`IN_TITLE`] and count of each word id in the current document (0: not seen yet).
    tally: Vec<u16>,
    /// The word ids of the current document, in the order first met.
    seen: Vec<u32>,
}

impl Collector {
    fn new(langs: &Arc<[String]>) -> Collector {
        Collector {
            langs: Arc::clone(langs),
            vocabs: langs.iter().map(|_| Vocab::default()).collect(),
            docs: Vec::new(),
            excerpts: Vec::new(),
            tally: Vec::new(),
            seen: Vec::new(),
        }
    }

    /// Adds the next document, in language `lang`, its body rendered to `plain` text: the
    /// indexable words of its title and body, and its excerpt.
    fn add(&mut self, lang: &str, title: &str, plain: &str) {
        let l = self.langs.iter().position(|x| x == lang).unwrap_or(0);
        let Collector { vocabs, tally, seen, .. } = self;
        let vocab = &mut vocabs[l];
        let mut add = |w: &str, title: bool| {
            let id = vocab.id(w);
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
        self.docs.push(DocWords { lang: l, words });
        self.excerpts.push(excerpt(plain, EXCERPT_CHARS));
    }

    /// Adds the next document as one without text (it failed to render).
    fn skip(&mut self) {
        self.docs.push(DocWords::default());
        self.excerpts.push(String::new());
    }

    /// The documents of `self` followed by those of `next`, the smaller side's word ids
    /// renumbered into the larger side's vocabulary.
    fn merge(self, next: Collector) -> Collector {
        let (mut into, from, from_first) = if self.docs.len() >= next.docs.len() {
            (self, next, false)
        } else {
            (next, self, true)
        };
        let mut docs = from.docs;
        let renumber: Vec<Vec<u32>> = from
            .vocabs
            .into_iter()
            .zip(&mut into.vocabs)
            .map(|(theirs, ours)| theirs.words.into_iter().map(|w| ours.intern(w)).collect())
            .collect();
        for d in &mut docs {
            renumber_words(&mut d.words, &renumber[d.lang]);
        }
        let mut excerpts = from.excerpts;
        if from_first {
            docs.append(&mut into.docs);
            excerpts.append(&mut into.excerpts);
            (into.docs, into.excerpts) = (docs, excerpts);
        } else {
            into.docs.append(&mut docs);
            into.excerpts.append(&mut excerpts);
        }
        into
    }

    /// Every document's words, their ids given again in sorted word order (so they do not
    /// depend on how the documents were split between folds), and the excerpts.
    fn finish(self) -> Texts {
        let Collector { langs, vocabs, mut docs, excerpts, .. } = self;
        let (vocabs, renumber): (Vec<Vec<Box<str>>>, Vec<Vec<u32>>) =
            vocabs.into_iter().map(|v| sorted(v.words)).unzip();
        docs.par_iter_mut().for_each(|d| renumber_words(&mut d.words, &renumber[d.lang]));
        let excerpts: Packed = excerpts.iter().collect();
        Texts { words: Words { langs: langs.to_vec(), vocabs, docs }, excerpts }
    }
}

/// Words sorted, and the new id of each old one.
fn sorted(words: Vec<Box<str>>) -> (Vec<Box<str>>, Vec<u32>) {
    let mut order: Vec<u32> = (0..words.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
    let mut renumber = vec![0u32; words.len()];
    for (new, &old) in order.iter().enumerate() {
        renumber[old as usize] = new as u32;
    }
    let mut slots: Vec<Option<Box<str>>> = words.into_iter().map(Some).collect();
    let words = order.iter().filter_map(|&old| slots[old as usize].take()).collect();
    (words, renumber)
}

/// Word entries (`id * 16 + bits`) with their ids renumbered.
fn renumber_words(words: &mut [u32], renumber: &[u32]) {
    for v in words {
        *v = renumber[(*v / 16) as usize] * 16 + *v % 16;
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

#[cfg(test)]
mod tests {
    use super::*;

    const DOCS: [(&str, &str, &str); 5] = [
        ("ru", "Саммит ШОС", "Главы государств ШОС встретились в Астане и обсудили торговлю."),
        ("kk", "ШЫҰ саммиті", "Мемлекет басшылары Астанада кездесті және сауданы талқылады."),
        ("ru", "Торговля", "Торговля между странами ШОС выросла; и это не всё."),
        ("ru", "", ""),
        ("en", "Astana summit", "Leaders met in Astana. Astana, astana!"),
    ];

    fn collector() -> Collector {
        Collector::new(&Arc::from(vec!["ru".to_string(), "kk".to_string(), "en".to_string()]))
    }

    fn one_fold(docs: &[(&str, &str, &str)]) -> Collector {
        let mut c = collector();
        for (lang, title, plain) in docs {
            c.add(lang, title, plain);
        }
        c
    }

    /// Words as (language, word, bits) per document: what the ids stand for.
    fn spelled(w: &Words) -> Vec<Vec<(usize, String, u32)>> {
        let word = |l: usize, v: u32| w.vocabs[l][(v / 16) as usize].to_string();
        w.docs
            .iter()
            .map(|d| d.words.iter().map(|&v| (d.lang, word(d.lang, v), v % 16)).collect())
            .collect()
    }

    #[test]
    fn words_do_not_depend_on_how_the_documents_were_split() {
        let whole = one_fold(&DOCS).finish();
        // Split every way, the smaller fold on either side of the merge.
        for cut in 0..=DOCS.len() {
            let merged = one_fold(&DOCS[..cut]).merge(one_fold(&DOCS[cut..])).finish();
            assert_eq!(merged.words.vocabs, whole.words.vocabs, "cut at {cut}");
            assert_eq!(merged.words.docs, whole.words.docs, "cut at {cut}");
            let (a, b): (Vec<&str>, Vec<&str>) =
                (merged.excerpts.iter().collect(), whole.excerpts.iter().collect());
            assert_eq!(a, b, "cut at {cut}");
        }
    }

    #[test]
    fn words_are_tallied_per_document() {
        let mut c = one_fold(&DOCS);
        c.skip();
        let texts = c.finish();
        let docs = spelled(&texts.words);
        assert_eq!(docs.len(), 6);
        // «шос» in the title (8) and once in the body; stop words («и», «в», «это») left out.
        assert!(docs[0].contains(&(0, "шос".into(), 8 + 1)), "{:?}", docs[0]);
        assert!(!docs[0].iter().any(|(_, w, _)| w == "и" || w == "в"), "{:?}", docs[0]);
        assert!(!docs[2].iter().any(|(_, w, _)| w == "это"), "{:?}", docs[2]);
        assert!(docs[1].iter().all(|(l, ..)| *l == 1), "{:?}", docs[1]);
        // Three times in the body, once in the title: every form folded to one word.
        assert!(docs[4].contains(&(2, "astana".into(), 8 + 3)), "{:?}", docs[4]);
        assert!(docs[3].is_empty() && docs[5].is_empty());
        assert_eq!(texts.excerpts.iter().nth(5), Some(""));
        // Ids are ranks in sorted order.
        assert!(texts.words.vocabs.iter().all(|v| v.is_sorted()));
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("короткий текст", 100), "короткий текст");
        assert_eq!(excerpt("один два три четыре", 12), "один два…");
    }
}
