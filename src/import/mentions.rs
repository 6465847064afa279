//! Finds the countries, organizations, people, places and events a text names, by matching the
//! names and aliases of the entity files in any grammatical form, and reports capitalised names
//! that look like people or organizations but match no file as candidates.
//!
//! All knowledge comes from `content/`: adding an entity file (or an alias) makes the importer
//! find it from then on. The only built-in lists are linguistic: case endings (`text::stem`),
//! words for positions («министр», «төрағасы») and for kinds of body («Министерство»,
//! «Комитет»), which are how candidates are spotted.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::content::{Corpus, EntityKind, Names, PartialDate};
use crate::text::stem::{kk_inflects_folded, ru_inflects_folded, ru_stem};
use crate::text::{Token, tokenize};

/// One word of a name variant.
#[derive(Debug, Clone)]
struct VarWord {
    folded: String,
    capitalized: bool,
    abbrev: bool,
    initial: bool,
}

/// A name variant of an entity: the words to match.
#[derive(Debug, Clone)]
struct Variant {
    kind: EntityKind,
    id: String,
    words: Vec<VarWord>,
}

/// Matchable names of every entity, indexed by the first letters of their first word.
pub struct EntityIndex {
    variants: Vec<Variant>,
    by_key: HashMap<String, Vec<usize>>,
    /// Surnames (last word of a person's names), for surname-only mentions after a full one.
    surnames: BTreeMap<String, Vec<String>>,
    events: Vec<EventInfo>,
}

/// What event matching needs of an event.
#[derive(Debug, Clone)]
struct EventInfo {
    id: String,
    date: Option<PartialDate>,
    end: Option<PartialDate>,
    body: Option<String>,
    place: Option<String>,
    number: Option<u32>,
}

fn key(folded: &str) -> String {
    folded.chars().take(3).collect()
}

fn words_of(name: &str) -> Vec<VarWord> {
    tokenize(name)
        .into_iter()
        .map(|t| VarWord {
            folded: t.folded.clone(),
            capitalized: t.capitalized,
            abbrev: t.all_caps && t.text.chars().count() <= 6,
            initial: t.initial || is_initial_letter(&t, name),
        })
        .collect()
}

/// «А.У.Мамин» written without the dot check (a variant is a name, not running text).
fn is_initial_letter(t: &Token, name: &str) -> bool {
    t.text.chars().count() == 1 && t.capitalized && name[t.end..].starts_with('.')
}

impl EntityIndex {
    /// Builds the index from the entity files.
    pub fn new(c: &Corpus) -> EntityIndex {
        let mut idx = EntityIndex {
            variants: Vec::new(),
            by_key: HashMap::new(),
            surnames: BTreeMap::new(),
            events: Vec::new(),
        };
        let names = |n: &Names| n.0.values().cloned().collect::<Vec<String>>();
        for (id, e) in &c.countries {
            let d = &e.data;
            idx.add(
                EntityKind::Country,
                id,
                names(&d.name)
                    .into_iter()
                    .chain(names(&d.official_name))
                    .chain(d.aliases.iter().cloned()),
            );
        }
        for (id, e) in &c.organizations {
            let d = &e.data;
            idx.add(
                EntityKind::Organization,
                id,
                names(&d.name).into_iter().chain(names(&d.short)).chain(d.aliases.iter().cloned()),
            );
        }
        for (id, e) in &c.people {
            let d = &e.data;
            let all: Vec<String> = names(&d.name)
                .into_iter()
                .chain(names(&d.full_name))
                .chain(d.aliases.iter().cloned())
                .collect();
            for n in names(&d.name).iter().chain(names(&d.full_name).iter()) {
                if let Some(last) = tokenize(n).last()
                    && last.text.chars().count() >= 3
                {
                    idx.surnames.entry(last.folded.clone()).or_default().push(id.clone());
                }
            }
            idx.add(EntityKind::Person, id, all.into_iter());
        }
        for (id, e) in &c.places {
            let d = &e.data;
            idx.add(
                EntityKind::Place,
                id,
                names(&d.name).into_iter().chain(d.aliases.iter().cloned()),
            );
        }
        for (id, e) in &c.events {
            let d = &e.data;
            idx.add(EntityKind::Event, id, d.aliases.iter().cloned());
            idx.events.push(EventInfo {
                id: id.clone(),
                date: d.date,
                end: d.end,
                body: d.body.clone(),
                place: d.place.clone(),
                number: d.number,
            });
        }
        for list in idx.surnames.values_mut() {
            list.sort();
            list.dedup();
        }
        idx
    }

    fn add(&mut self, kind: EntityKind, id: &str, names: impl Iterator<Item = String>) {
        let mut seen = BTreeSet::new();
        for name in names {
            let words = words_of(&name);
            if words.is_empty() {
                continue;
            }
            let sig: Vec<String> = words.iter().map(|w| w.folded.clone()).collect();
            if !seen.insert(sig) {
                continue;
            }
            let k = key(&words[0].folded);
            self.by_key.entry(k).or_default().push(self.variants.len());
            self.variants.push(Variant { kind, id: id.to_string(), words });
        }
    }
}

/// Whether a word of running text is a form of a word of a name.
fn word_matches(t: &Token, w: &VarWord) -> bool {
    if w.abbrev {
        return t.all_caps && t.folded == w.folded;
    }
    if w.initial {
        return t.initial && t.folded == w.folded;
    }
    if w.capitalized && !t.capitalized {
        return false;
    }
    t.folded == w.folded
        || ru_inflects_folded(&t.folded, &w.folded)
        || kk_inflects_folded(&t.folded, &w.folded)
}

/// A matched name in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Kind.
    pub kind: EntityKind,
    /// Entity id.
    pub id: String,
    /// First token index.
    pub start: usize,
    /// One past the last token index.
    pub end: usize,
}

/// A name that looks like a person or an organization but matches no entity file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    /// `person` or `organization`.
    pub kind: &'static str,
    /// The name as first written.
    pub name: String,
    /// Every form seen.
    pub forms: Vec<String>,
    /// How often it occurs.
    pub count: usize,
}

/// Everything found in one text.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Ids found per kind, in order of first mention.
    pub ids: BTreeMap<EntityKind, Vec<String>>,
    /// Candidates for new entity files.
    pub candidates: Vec<Candidate>,
    /// Token-level hits (for event matching and tests).
    pub hits: Vec<Hit>,
}

impl Found {
    /// Ids of `kind`.
    pub fn of(&self, kind: EntityKind) -> &[String] {
        self.ids.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Finds every entity named in `text`.
pub fn find(index: &EntityIndex, text: &str) -> Found {
    let toks = tokenize(text);
    let hits = raw_hits(index, &toks);
    let mut hits = drop_nested(hits);
    // Surname alone, once the person was named in full (or with initials) earlier.
    let mut covered: Vec<bool> = vec![false; toks.len()];
    for h in &hits {
        covered[h.start..h.end].iter_mut().for_each(|c| *c = true);
    }
    let mut extra = Vec::new();
    let mut first_at: BTreeMap<String, usize> = BTreeMap::new();
    for h in &hits {
        if h.kind == EntityKind::Person {
            first_at.entry(h.id.clone()).or_insert(h.start);
        }
    }
    for (i, t) in toks.iter().enumerate() {
        if covered[i] || !t.capitalized {
            continue;
        }
        // Only surnames sharing the word's first letters can match it.
        let prefix = key(&t.folded);
        let person = index
            .surnames
            .range(prefix.clone()..)
            .take_while(|(s, _)| s.starts_with(&prefix))
            .filter(|(s, ids)| {
                ids.len() == 1
                    && (t.folded == **s
                        || ru_inflects_folded(&t.folded, s)
                        || kk_inflects_folded(&t.folded, s))
            })
            .map(|(_, ids)| &ids[0])
            .find(|id| first_at.get(*id).is_some_and(|&f| f < i));
        if let Some(id) = person {
            extra.push(Hit { kind: EntityKind::Person, id: id.clone(), start: i, end: i + 1 });
            covered[i] = true;
        }
    }
    hits.extend(extra);
    hits.sort_by_key(|h| (h.start, h.end));
    let mut ids: BTreeMap<EntityKind, Vec<String>> = BTreeMap::new();
    for h in &hits {
        let list = ids.entry(h.kind).or_default();
        if !list.contains(&h.id) {
            list.push(h.id.clone());
        }
    }
    let candidates = candidates(&toks, &covered);
    Found { ids, candidates, hits }
}

fn raw_hits(index: &EntityIndex, toks: &[Token]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        compound_hits(index, t, i, &mut hits);
        let Some(list) = index.by_key.get(&key(&t.folded)) else { continue };
        for &v in list {
            let var = &index.variants[v];
            let n = var.words.len();
            if i + n > toks.len() {
                continue;
            }
            if var.words.iter().zip(&toks[i..i + n]).all(|(w, t)| word_matches(t, w)) {
                hits.push(Hit { kind: var.kind, id: var.id.clone(), start: i, end: i + n });
            }
        }
    }
    hits
}

/// Parts of a lowercase compound adjective: «казахстанско-китайской» names Kazakhstan
/// (казахстанско → казахстанский) and China (китайской), through single-word lowercase aliases.
fn compound_hits(index: &EntityIndex, t: &Token, i: usize, hits: &mut Vec<Hit>) {
    if !t.folded.contains('-') || t.capitalized {
        return;
    }
    let parts: Vec<&str> = t.folded.split('-').collect();
    for (n, part) in parts.iter().enumerate() {
        let form = match part.strip_suffix('о') {
            Some(stem) if n + 1 < parts.len() => format!("{stem}ий"),
            _ => part.to_string(),
        };
        let Some(list) = index.by_key.get(&key(&form)) else { continue };
        for &v in list {
            let var = &index.variants[v];
            if let [w] = var.words.as_slice()
                && !w.capitalized
                && !w.abbrev
                && (w.folded == form || ru_inflects_folded(&form, &w.folded))
            {
                hits.push(Hit { kind: var.kind, id: var.id.clone(), start: i, end: i + 1 });
            }
        }
    }
}

/// Drops a hit lying inside a longer hit of the same entity (two variants of one name). A name
/// inside another entity's name still counts: «Госсовета КНР» names China as well as the State
/// Council, and «Экономической и социальной комиссии ООН» names the UN.
fn drop_nested(hits: Vec<Hit>) -> Vec<Hit> {
    let keep: Vec<bool> = hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            !hits.iter().enumerate().any(|(j, o)| {
                o.id == h.id
                    && o.start <= h.start
                    && o.end >= h.end
                    && ((o.end - o.start) > (h.end - h.start) || j < i)
            })
        })
        .collect();
    hits.into_iter().zip(keep).filter(|(_, k)| *k).map(|(h, _)| h).collect()
}

/// Words for positions that stand next to a person's name: Russian (before the name, in any
/// case form) and Kazakh (the possessive form before the name: «Премьер-министрі Олжас Бектенов»).
const TITLES_RU: [&str; 17] = [
    "премьер-министр",
    "президент",
    "министр",
    "секретарь",
    "председатель",
    "глава",
    "заместитель",
    "вице-премьер",
    "посол",
    "губернатор",
    "аким",
    "мэр",
    "сопредседатель",
    "директор",
    "руководитель",
    "спикер",
    "премьер",
];
const TITLES_KK: [&str; 11] = [
    "премьер-министр",
    "президент",
    "министр",
    "хатшы",
    "төраға",
    "басшы",
    "орынбасар",
    "вице-премьер",
    "әкім",
    "елші",
    "кеңесші",
];

/// Head nouns of organization names, in the nominative; matched in any case form.
const ORG_HEADS_RU: [&str; 17] = [
    "министерство",
    "комитет",
    "агентство",
    "фонд",
    "банк",
    "ассоциация",
    "палата",
    "корпорация",
    "консорциум",
    "центр",
    "комиссия",
    "организация",
    "союз",
    "институт",
    "университет",
    "служба",
    "объединение",
];
const ORG_HEADS_KK: [&str; 6] = ["министрлік", "комитет", "агенттік", "қор", "банк", "орталық"];

fn is_title_word(t: &Token) -> bool {
    let word = t.folded.as_str();
    if TITLES_RU.iter().any(|w| word.strip_prefix(w).is_some_and(|r| r.starts_with('-'))) {
        return true;
    }
    // A form of a position word starts with its first letter (the stem is a prefix of both) and
    // is at most ten letters longer; any other token is no position word, unstemmed: stemming
    // every token against every position word made a long fuzzed page take over ten seconds.
    if word.chars().count() > 25 {
        return false;
    }
    let first = word.chars().next();
    TITLES_RU.iter().any(|w| w.chars().next() == first && ru_inflects_folded(word, w))
        || TITLES_KK.iter().any(|w| kk_inflects_folded(word, w))
}

/// A Russian adjective form (Евразийский, Азиатского, Межбанковское).
fn is_adjective(folded: &str) -> bool {
    [
        "ий", "ый", "ой", "ая", "ое", "ее", "ие", "ые", "ого", "его", "ому", "ему", "ую", "ых",
        "их", "ым", "им",
    ]
    .iter()
    .any(|e| folded.ends_with(e))
        && folded.chars().count() > 4
}

fn is_org_head(t: &Token) -> bool {
    ORG_HEADS_RU.iter().any(|w| ru_inflects_folded(&t.folded, w))
        || ORG_HEADS_KK.iter().any(|w| kk_inflects_folded(&t.folded, w))
}

fn candidates(toks: &[Token], covered: &[bool]) -> Vec<Candidate> {
    let mut found: BTreeMap<String, Candidate> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut note = |kind: &'static str, key: String, form: String| {
        let c = found.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Candidate { kind, name: form.clone(), forms: Vec::new(), count: 0 }
        });
        c.count += 1;
        // The shortest form is most often the nominative (Шаккалиев, not Шаккалиевым).
        if form.chars().count() < c.name.chars().count() {
            c.name = form.clone();
        }
        if !c.forms.contains(&form) {
            c.forms.push(form);
        }
    };
    // Whether each token is a position word, stemmed once per token: asked up to ten times
    // for each, with a Snowball stem per title word, it made a long text of capitalised words
    // (a fuzzed 48 KB page) take over ten seconds.
    let title: Vec<bool> = toks.iter().map(is_title_word).collect();
    let mut i = 0;
    while i < toks.len() {
        // People: a name (initials + surname, or two or three capitalised words) next to a
        // position word.
        let name_len = person_name_at(toks, covered, &title, i);
        if name_len > 0 {
            let before = title[i.saturating_sub(7)..i].iter().any(|t| *t);
            let after = title.get(i + name_len).is_some_and(|t| *t);
            if before || after {
                let words: Vec<&Token> = toks[i..i + name_len].iter().collect();
                let form = join_name(&words);
                let last = words.last().map(|w| ru_stem(&w.folded)).unwrap_or_default();
                let key = format!("p:{last}");
                note("person", key, form);
                i += name_len;
                continue;
            }
        }
        // Organizations: a capitalised adjective (not opening a sentence) before a head noun,
        // and up to two lowercase words after it: «Евразийский банк развития».
        let t = &toks[i];
        if t.capitalized
            && !t.all_caps
            && !covered[i]
            && !t.sentence_start
            && is_adjective(&t.folded)
            && let Some(h) = toks.get(i + 1).filter(|n| is_org_head(n) && !covered[i + 1])
        {
            let _ = h;
            let mut end = i + 2;
            while end < toks.len()
                && end < i + 4
                && !covered[end]
                && !toks[end].sentence_start
                && !toks[end].capitalized
                && toks[end].folded.chars().count() > 3
            {
                end += 1;
            }
            let form = toks[i..end].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            let key = format!(
                "o:{}",
                toks[i..i + 2]
                    .iter()
                    .map(|t| t.folded.chars().take(5).collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            note("organization", key, form);
            i = end;
            continue;
        }
        i += 1;
    }
    order.into_iter().filter_map(|k| found.remove(&k)).collect()
}

/// Length of a person-like name starting at `i`: initials + surname, or 2–3 capitalised words
/// none of which is a known entity or an abbreviation.
fn person_name_at(toks: &[Token], covered: &[bool], title: &[bool], i: usize) -> usize {
    let ok = |j: usize| {
        j < toks.len() && !covered[j] && toks[j].capitalized && !toks[j].all_caps && !title[j]
    };
    let mut j = i;
    while j < toks.len() && toks[j].initial && !covered[j] {
        j += 1;
    }
    if j > i && ok(j) {
        return j + 1 - i;
    }
    if !ok(i) || !ok(i + 1) || toks[i + 1].sentence_start || toks[i].sentence_start {
        return 0;
    }
    if ok(i + 2) && !toks[i + 2].sentence_start { 3 } else { 2 }
}

fn join_name(words: &[&Token]) -> String {
    let mut s = String::new();
    for w in words {
        s.push_str(w.text);
        s.push(if w.initial { '.' } else { ' ' });
    }
    s.trim_end().to_string()
}

/// The event a text is about: the best-scoring event by date, body, session number, place and
/// named aliases; `None` with the close candidates when no event is clearly best.
pub fn event(
    index: &EntityIndex,
    text: &str,
    found: &Found,
    in_title: &Found,
    date: Option<PartialDate>,
) -> (Option<String>, Vec<String>) {
    let numbers = session_numbers(text);
    let mut scored: Vec<(u32, &str)> = index
        .events
        .iter()
        .map(|e| {
            let mut s = 0;
            if let (Some(d), Some(ed)) = (date, e.date) {
                let end = e.end.unwrap_or(ed);
                if d.day.is_some() && ed <= d && d <= end {
                    s += 2;
                } else if d.year == ed.year && d.month.is_some() && d.month == ed.month {
                    s += 1;
                }
            }
            if e.body.as_ref().is_some_and(|b| found.of(EntityKind::Organization).contains(b)) {
                s += 1;
            }
            if e.place.as_ref().is_some_and(|p| found.of(EntityKind::Place).contains(p)) {
                s += 1;
            }
            if e.number.is_some_and(|n| numbers.contains(&n)) && s > 0 {
                s += 2;
            }
            if found.of(EntityKind::Event).contains(&e.id) {
                s += 3;
            }
            // The headline names the subject: its place or body there weighs more.
            if e.place.as_ref().is_some_and(|p| in_title.of(EntityKind::Place).contains(p)) && s > 0
            {
                s += 1;
            }
            (s, e.id.as_str())
        })
        .filter(|(s, _)| *s >= 2)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let close: Vec<String> = scored.iter().map(|(_, id)| id.to_string()).collect();
    match scored.as_slice() {
        [(best, id), rest @ ..] if *best >= 3 && rest.first().is_none_or(|(s, _)| s < best) => {
            (Some(id.to_string()), Vec::new())
        }
        _ => (None, close),
    }
}

/// Session numbers the text mentions: «18-м заседании», «16-е заседание», «23-ші отырысы».
fn session_numbers(text: &str) -> BTreeSet<u32> {
    let toks = tokenize(text);
    let mut out = BTreeSet::new();
    for (i, t) in toks.iter().enumerate() {
        let digits: String = t.text.chars().take_while(|c| c.is_ascii_digit()).collect();
        let Ok(n) = digits.parse::<u32>() else { continue };
        if digits.len() > 3 {
            continue;
        }
        let next = toks.get(i + 1).map(|n| n.folded.as_str()).unwrap_or_default();
        if ["заседан", "отырыс", "сесси", "саммит", "встреч", "кездесу", "съезд", "форум"]
            .iter()
            .any(|w| next.starts_with(w))
        {
            out.insert(n);
        }
    }
    out
}
