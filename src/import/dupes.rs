//! Near-duplicates: the same article saved from two sites, or saved twice with different chrome.
//!
//! **Measure.** A text is folded (lower case, `ё` → `е`, only letters and digits; Markdown and
//! punctuation fall away) and cut into overlapping runs of [`K`] words, each hashed
//! ([`shingles`]). Two texts are compared by *containment*: the share of the smaller text's
//! shingles found in the other ([`similarity`]). Containment, unlike Jaccard, is not lowered when
//! one copy is cut short (a truncated lead, a page saved before it finished loading) or carries a
//! site's extra lines (menus, a dateline, a «read also» list): both were seen in the real pairs of
//! `tests/fixtures/import-dups/` (report.az's copy of a TASS story is a third of it; kazpravda's
//! and BAQ's copies of one Akorda text differ in their leads). Runs of words, not single words,
//! keep two reports of one event apart: they share names and places, but rarely five words in a
//! row beyond a quotation.
//!
//! **Index.** [`Index`] keeps, per document, only the shingles whose hash falls in one bucket of
//! [`SAMPLE`] (a fixed, content-chosen sample: two copies sample the same runs), in an inverted
//! list. A new text looks up its own samples, and the documents sharing enough of them are
//! compared exactly (their texts read again). Memory and time grow linearly with the number of
//! documents; a sample shared by more than [`HOT`] documents (boilerplate) is not looked up.

use std::collections::HashMap;

/// Words per shingle.
pub const K: usize = 5;

/// One shingle in `SAMPLE` is kept in the index.
const SAMPLE: u64 = 4;

/// Posting lists longer than this are skipped at lookup: a run of words in that many documents is
/// boilerplate, not evidence that two texts are one.
const HOT: usize = 1000;

/// Texts with fewer shingles than this are not compared: a sentence or two says too little (a
/// shared quotation would make them «the same»).
pub const MIN_SHINGLES: usize = 20;

/// Similarity from which two texts are reported as one article. Chosen in the middle of the gap
/// measured on real pages (`tests/suite/import_dups.rs`): the 7 pairs of copies of
/// `tests/fixtures/import-dups/` score 0.76 to 1.00; the 2,408 other pairs (different articles
/// about the same event on the same day, and every pair of the 48 pages of
/// `tests/fixtures/import-eval/`) score at most 0.585 — two Tianjin summit reports sharing two
/// paragraphs word for word — and next at most 0.41.
pub const THRESHOLD: f64 = 0.67;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// The words of `line`, folded (lower case, `ё` → `е`, letters and digits only), each as its
/// FNV-1a hash: stable across platforms and compiler versions, and no word is copied.
fn word_hashes(line: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let (mut h, mut in_word) = (FNV_OFFSET, false);
    for c in line.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let l = if l == 'ё' { 'е' } else { l };
                let mut buf = [0u8; 4];
                h = l.encode_utf8(&mut buf).bytes().fold(h, fnv_byte);
            }
            in_word = true;
        } else if in_word {
            out.push(h);
            (h, in_word) = (FNV_OFFSET, false);
        }
    }
    if in_word {
        out.push(h);
    }
    out
}

/// The hash of a run of word hashes.
fn run_hash(ws: &[u64]) -> u64 {
    let h = ws.iter().fold(FNV_OFFSET, |h, w| {
        let h = (h ^ w).wrapping_mul(FNV_PRIME);
        h ^ (h >> 32)
    });
    // FNV's low bits mix poorly; fold the high half in before the index samples by remainder.
    h ^ (h >> 29)
}

/// The distinct shingle hashes of `text`, sorted. Runs of words are taken within a line (a
/// paragraph of the body), never across lines: a line shorter than [`K`] words — a menu item, a
/// «read also» link, a date line, a language switch, which is most of the chrome a page leaves
/// (the principle `chrome` classifies lines by) — adds nothing, and two copies whose chrome
/// differs are not told apart by runs that straddle it.
pub fn shingles(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    for line in text.lines() {
        out.extend(word_hashes(line).windows(K).map(run_hash));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Containment of the smaller set in the larger (both sorted): 0 when either has fewer than
/// [`MIN_SHINGLES`].
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let small = a.len().min(b.len());
    if small < MIN_SHINGLES {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / small as f64
}

fn sampled(sh: &[u64]) -> impl Iterator<Item = u64> + '_ {
    sh.iter().copied().filter(|h| h % SAMPLE == 0)
}

/// The documents of a site (and the drafts of a batch) by sampled shingles.
#[derive(Debug, Default)]
pub(crate) struct Index<T> {
    /// Per entry: its key (a content path) and how many samples it has.
    entries: Vec<(T, usize)>,
    postings: HashMap<u64, Vec<u32>>,
}

impl<T: Clone> Index<T> {
    /// Adds a text's shingles under `key`.
    pub(crate) fn add(&mut self, key: T, sh: &[u64]) {
        let id = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        let mut n = 0;
        for h in sampled(sh) {
            self.postings.entry(h).or_default().push(id);
            n += 1;
        }
        self.entries.push((key, n));
    }

    /// Entries that may hold the same text as `sh`, most shared samples first: those sharing at
    /// least half of [`THRESHOLD`] of the smaller side's samples (a sample is a quarter of the
    /// shingles, so its share wanders around the true one; half the bar keeps what verification
    /// must see).
    pub(crate) fn candidates(&self, sh: &[u64]) -> Vec<T> {
        let mine: Vec<u64> = sampled(sh).collect();
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for h in &mine {
            if let Some(list) = self.postings.get(h).filter(|l| l.len() <= HOT) {
                for &id in list {
                    *shared.entry(id).or_default() += 1;
                }
            }
        }
        let mut found: Vec<(usize, u32)> = shared
            .into_iter()
            .filter(|&(id, n)| {
                let theirs = self.entries[id as usize].1;
                let small = mine.len().min(theirs).max(1);
                n as f64 >= (THRESHOLD / 2.0) * small as f64
            })
            .map(|(id, n)| (n, id))
            .collect();
        found.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        found.into_iter().map(|(_, id)| self.entries[id as usize].0.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Председатель правительства провёл в Астане заседание межправительственного \
        совета, на котором стороны обсудили развитие транспортных коридоров, цифровую торговлю и \
        таможенное администрирование. По итогам встречи подписано шесть документов, в том числе \
        соглашение о взаимном признании электронных подписей. Следующее заседание совета \
        пройдёт осенью в Минске, сообщила пресс-служба.";

    #[test]
    fn the_same_story_with_other_chrome_and_a_cut_lead_is_similar() {
        let one = format!("Главная | Политика | Экономика\nUSD 470,12\n{STORY}\nЧитайте также:");
        // The other site drops the first sentence, writes «е» for «ё», adds its own dateline.
        let rest = STORY.split_once(". ").unwrap().1.replace('ё', "е");
        let other = format!("АСТАНА, 12 мая — Агентство. {rest}\n© Агентство, 2024");
        let s = similarity(&shingles(&one), &shingles(&other));
        assert!(s >= THRESHOLD, "{s}");
    }

    #[test]
    fn another_report_of_the_same_meeting_is_not() {
        let other = "В Астане прошло заседание межправительственного совета. Премьер-министры \
            говорили о транспортных коридорах и цифровой торговле; подписаны шесть документов. \
            Журналистов на встречу не пустили, а следующее заседание совета назначено на осень \
            в Минске, где ждут и делегацию наблюдателей.";
        let s = similarity(&shingles(STORY), &shingles(other));
        assert!(s < THRESHOLD, "{s}");
    }

    #[test]
    fn short_texts_are_not_compared() {
        let a = shingles("Совет глав правительств соберётся в декабре в Москве.");
        assert!(a.len() < MIN_SHINGLES);
        assert_eq!(similarity(&a, &a), 0.0);
    }

    #[test]
    fn the_index_finds_the_copy_and_not_the_others() {
        let mut index = Index::default();
        let others = [
            "Казахстан и Узбекистан договорились о строительстве новой железной дороги до \
             границы, сообщили в министерстве транспорта; работы начнутся весной и займут два \
             года, а стоимость проекта оценивается в четыреста миллионов долларов по курсу.",
            "Министры иностранных дел государств Содружества встретились в Бишкеке и согласовали \
             проект заявления о сотрудничестве в сфере информационной безопасности, а также план \
             консультаций на следующий год, говорится в сообщении исполнительного комитета.",
        ];
        for (i, t) in others.iter().enumerate() {
            index.add(format!("other-{i}"), &shingles(t));
        }
        index.add("story".to_string(), &shingles(STORY));
        let copy = format!("{STORY} Фото пресс-службы.");
        assert_eq!(index.candidates(&shingles(&copy)).first().map(String::as_str), Some("story"));
        assert!(index.candidates(&shingles(others[0])).iter().all(|k| k != "story"));
    }
}
