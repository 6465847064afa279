//! The importer measured on real saved news pages (issue 13, item 10).
//!
//! `tests/fixtures/import-eval/` holds 72 Russian and Kazakh pages from 61 news sites and
//! government portals, as text a curator copies from the browser (menus, tickers, counters and
//! all), and `labels.toml`, their gold labels decided by reading each page (see the README there).
//! This test imports the *dev* pages in one batch into a throwaway site that has the shipped
//! entities, compares every written document with its labels and prints a table: exact-match
//! rates for title, date and publisher, precision/recall/F1 for countries and organizations,
//! people matched or proposed, candidate quality, chrome lines left in bodies, and whether the
//! article's first and last sentences survived.
//!
//! The floors asserted below are today's dev values rounded down a little, so that a regression
//! fails the test; they are not the goals. The targets are printed beside them.
//!
//! Dev is the first collection's dev and (spent) holdout pages plus the second collection's dev
//! pages. The second collection's `holdout2` third is never scored by default:
//! `ARCHIVE_EVAL_HOLDOUT=2 cargo test --test suite import_eval -- --nocapture` scores it instead
//! of dev and prints its table without asserting; it is run once, when every improvement is in.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use archive::content::{DocumentMeta, front_matter};
use archive::import::{ImportOptions, import};
use archive::text::stem::{kk_inflects_folded, ru_inflects_folded};
use serde::Deserialize;

use crate::common::*;

/// The labels file.
#[derive(Deserialize)]
struct Labels {
    page: Vec<Page>,
}

/// One page's gold labels (fields described in the fixture folder's README).
#[derive(Deserialize)]
struct Page {
    file: String,
    lang: String,
    /// 1 (the first collection, the default) or 2 (the second, gathered after the first
    /// collection's holdout was spent); each has its own split rule.
    #[serde(default = "first_collection")]
    collection: u32,
    split: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    publisher: String,
    #[serde(default)]
    publisher_aliases: Vec<String>,
    publisher_stated: bool,
    countries: Vec<String>,
    organizations: Vec<String>,
    people: Vec<String>,
    #[serde(default)]
    new_people: Vec<String>,
    #[serde(default)]
    new_organizations: Vec<String>,
    #[serde(default)]
    other_names: Vec<String>,
    first_sentence: String,
    last_sentence: String,
    #[serde(default)]
    chrome: Vec<String>,
    #[serde(default)]
    chrome_inline: Vec<String>,
}

fn first_collection() -> u32 {
    1
}

/// What the importer made of one page.
struct Got {
    meta: DocumentMeta,
    body: String,
    /// (kind, name, forms) of each candidate.
    candidates: Vec<(String, String, Vec<String>)>,
}

/// A count of hits out of a total.
#[derive(Default, Clone, Copy)]
struct Rate {
    hit: usize,
    of: usize,
}

impl Rate {
    fn add(&mut self, hit: bool) {
        self.of += 1;
        self.hit += usize::from(hit);
    }
    fn value(&self) -> f64 {
        if self.of == 0 { 1.0 } else { self.hit as f64 / self.of as f64 }
    }
}

/// Every measure of one run.
#[derive(Default)]
struct Eval {
    pages: usize,
    title_exact: Rate,
    title_wrong_flagged: Rate,
    date_exact: Rate,
    date_silent_wrong: Vec<String>,
    date_invented: Rate,
    publisher_all: Rate,
    publisher_stated: Rate,
    countries: Score,
    organizations: Score,
    people: Score,
    people_matched_or_proposed: Rate,
    new_orgs_proposed: Rate,
    person_candidates_bad: Rate,
    chrome_left: Rate,
    first_kept: Rate,
    last_kept: Rate,
    notes: Vec<String>,
}

/// Lower case, ё as е, no quotes, single spaces: how two names or titles are compared.
fn norm(s: &str) -> String {
    s.to_lowercase()
        .replace('ё', "е")
        .replace(['«', '»', '"', '“', '”', '„'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A body line as a reader sees it: Markdown escapes and list/heading markers off, trimmed.
fn shown(line: &str) -> String {
    let s = archive::import::escape::unescape(line.trim());
    let s = s.trim_start_matches('#').trim_start_matches('>').trim();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The whole body as one line of shown text (sentences may be wrapped or split by the import).
fn flat(body: &str) -> String {
    body.lines().map(shown).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().collect::<Vec<_>>() == b.split_whitespace().collect::<Vec<_>>()
}

/// The last word of a name, folded, for matching a candidate in any grammatical case.
fn last_word(s: &str) -> String {
    archive::text::fold(s.split([' ', '.', '-']).rfind(|w| !w.is_empty()).unwrap_or_default())
}

fn same_name_any_case(candidate: &str, gold: &str) -> bool {
    let (c, g) = (last_word(candidate), last_word(gold));
    !g.is_empty() && (c == g || ru_inflects_folded(&c, &g) || kk_inflects_folded(&c, &g))
}

fn has_review(meta: &DocumentMeta, field: &str) -> bool {
    meta.review.iter().any(|r| r.starts_with(&format!("{field}:")))
}

fn score(ev: &mut Eval, page: &Page, got: &Got) {
    let m = &got.meta;
    let f = &page.file;
    ev.pages += 1;

    // Title: exact when the page has a headline; otherwise (or when wrong) a review line.
    let title_ok = page.title.as_deref().is_some_and(|t| norm(t) == norm(&m.title));
    if page.title.is_some() {
        ev.title_exact.add(title_ok);
    }
    if !title_ok {
        let flagged = has_review(m, "title");
        ev.title_wrong_flagged.add(flagged);
        ev.notes.push(format!(
            "{f}: title {:?}, gold {:?}{}",
            m.title,
            page.title,
            if flagged { " (flagged)" } else { " (NOT flagged)" }
        ));
    }

    // Date: exact when stated; never a date the page does not state, never a wrong one unflagged.
    let got_date = m.date.map(|d| d.to_string());
    if page.date.is_some() {
        ev.date_exact.add(got_date == page.date);
    } else {
        ev.date_invented.add(got_date.is_some());
    }
    if got_date.is_some() && got_date != page.date {
        let flagged = has_review(m, "date");
        if !flagged {
            ev.date_silent_wrong.push(format!("{f}: {got_date:?} (gold {:?})", page.date));
        }
        ev.notes.push(format!(
            "{f}: date {got_date:?}, gold {:?}{}",
            page.date,
            if flagged { " (flagged)" } else { " (NOT flagged)" }
        ));
    } else if got_date.is_none() && page.date.is_some() {
        ev.notes.push(format!("{f}: date missing, gold {:?}", page.date));
    }

    // Publisher: the gold name or an accepted alias, compared without case and quotes.
    let got_pub = m.source.as_ref().map(|s| norm(&s.name));
    let pub_ok = got_pub.as_ref().is_some_and(|g| {
        std::iter::once(&page.publisher).chain(&page.publisher_aliases).any(|a| norm(a) == *g)
    });
    ev.publisher_all.add(pub_ok);
    if page.publisher_stated {
        ev.publisher_stated.add(pub_ok);
    }
    if !pub_ok {
        ev.notes.push(format!(
            "{f}: publisher {got_pub:?}, gold {:?}{}",
            page.publisher,
            if page.publisher_stated { " (stated in the text)" } else { "" }
        ));
    }

    // Entities by id.
    let mut set = |prf: &mut Score, field: &str, gold: &[String], got: &[String]| {
        let g: BTreeSet<&String> = gold.iter().collect();
        let o: BTreeSet<&String> = got.iter().collect();
        prf.tp += g.intersection(&o).count();
        prf.fp += o.difference(&g).count();
        prf.fn_ += g.difference(&o).count();
        let missing: Vec<_> = g.difference(&o).collect();
        let extra: Vec<_> = o.difference(&g).collect();
        if !missing.is_empty() || !extra.is_empty() {
            ev.notes.push(format!("{f}: {field}: missing {missing:?}, extra {extra:?}"));
        }
    };
    let (mut c, mut o, mut p) = (ev.countries, ev.organizations, ev.people);
    set(&mut c, "countries", &page.countries, &m.countries);
    set(&mut o, "organizations", &page.organizations, &m.organizations);
    set(&mut p, "people", &page.people, &m.people);
    (ev.countries, ev.organizations, ev.people) = (c, o, p);

    // People matched (archive ids) or proposed (candidates in any case form).
    let persons: Vec<&(String, String, Vec<String>)> =
        got.candidates.iter().filter(|c| c.0 == "person").collect();
    for id in &page.people {
        ev.people_matched_or_proposed.add(m.people.contains(id));
    }
    for name in &page.new_people {
        let proposed = persons
            .iter()
            .any(|c| std::iter::once(&c.1).chain(&c.2).any(|form| same_name_any_case(form, name)));
        ev.people_matched_or_proposed.add(proposed);
        if !proposed {
            ev.notes.push(format!("{f}: person «{name}» neither matched nor proposed"));
        }
    }
    for name in &page.new_organizations {
        let proposed = got.candidates.iter().any(|c| {
            c.0 == "organization"
                && std::iter::once(&c.1).chain(&c.2).any(|x| norm(x) == norm(name))
        });
        ev.new_orgs_proposed.add(proposed);
    }
    // A person candidate is good only when it is a gold name exactly as the nominative reads,
    // or that name with the first name as an initial («Н.Назарбаев» for «Нұрсұлтан Назарбаев»).
    let canon = |s: &str| norm(s).replace(". ", ".");
    let mut good = BTreeSet::new();
    for n in page.new_people.iter().chain(&page.other_names) {
        good.insert(canon(n));
        let words: Vec<&str> = n.split_whitespace().collect();
        if let ([first, .., last], Some(initial)) = (words.as_slice(), n.chars().next())
            && !first.contains('.')
        {
            good.insert(canon(&format!("{initial}.{last}")));
        }
    }
    for c in &persons {
        let ok = good.contains(&canon(&c.1));
        ev.person_candidates_bad.add(!ok);
        if !ok {
            ev.notes.push(format!("{f}: person candidate «{}» is not a gold nominative name", c.1));
        }
    }

    // Body: chrome left, first and last sentence kept.
    let lines: Vec<String> = got.body.lines().map(shown).collect();
    let whole = flat(&got.body);
    for ch in &page.chrome {
        let left = lines.iter().any(|l| same_text(l, ch));
        ev.chrome_left.add(left);
        if left {
            ev.notes.push(format!("{f}: chrome left: «{ch}»"));
        }
    }
    for ch in &page.chrome_inline {
        let left = whole.contains(&shown(ch));
        ev.chrome_left.add(left);
        if left {
            ev.notes.push(format!("{f}: chrome left: «{ch}»"));
        }
    }
    for (rate, sentence, which) in [
        (&mut ev.first_kept, &page.first_sentence, "first"),
        (&mut ev.last_kept, &page.last_sentence, "last"),
    ] {
        let kept = whole.contains(&shown(sentence));
        rate.add(kept);
        if !kept {
            ev.notes.push(format!("{f}: {which} sentence lost"));
        }
    }
}

fn corpus() -> PathBuf {
    repo().join("tests/fixtures/import-eval")
}

/// Imports `pages` in one batch into a site with the shipped entities and reads back each result.
fn run(pages: &[&Page]) -> BTreeMap<String, Got> {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
    for kind in ["countries", "organizations", "people", "places", "events"] {
        copy_dir(&repo().join("content").join(kind), &root.join("content").join(kind));
    }
    let inputs: Vec<PathBuf> = pages.iter().map(|p| corpus().join(&p.file)).collect();
    let report = import(root, &inputs, &ImportOptions::default()).unwrap();
    let mut out = BTreeMap::new();
    for rec in report.records {
        let file = PathBuf::from(&rec.input).file_name().unwrap().to_string_lossy().to_string();
        assert!(rec.error.is_none(), "{file}: {:?}", rec.error);
        let text = std::fs::read_to_string(root.join(rec.output.as_ref().unwrap())).unwrap();
        let split = front_matter::split(&text).unwrap();
        let meta = front_matter::parse(split.yaml, split.yaml_line).unwrap();
        let candidates = rec
            .candidates
            .iter()
            .map(|c| (c.kind.to_string(), c.name.clone(), c.forms.clone()))
            .collect();
        out.insert(file, Got { meta, body: split.body.to_string(), candidates });
    }
    out
}

/// (label, value, floor asserted on dev, the target as printed).
type Row = (&'static str, f64, f64, &'static str);

fn rows(ev: &Eval) -> Vec<Row> {
    let silent = ev.date_silent_wrong.len() as f64 / ev.pages.max(1) as f64;
    vec![
        ("title exact (pages with a headline)", ev.title_exact.value(), 0.0, ">= 0.90"),
        ("title wrong or absent, flagged", ev.title_wrong_flagged.value(), 0.0, "1.00"),
        ("date exact (pages stating one)", ev.date_exact.value(), 0.0, ">= 0.95"),
        ("date given where none is stated", ev.date_invented.value(), 1.0, ""),
        ("dates wrong or invented, unflagged", silent, 1.0, "0"),
        ("publisher exact (all pages)", ev.publisher_all.value(), 0.0, ">= 0.85"),
        ("publisher exact (named in text)", ev.publisher_stated.value(), 0.0, ">= 0.85"),
        ("countries precision", ev.countries.p(), 0.0, ""),
        ("countries recall", ev.countries.r(), 0.0, ""),
        ("countries F1", ev.countries.f1(), 0.0, ">= 0.97"),
        ("organizations precision", ev.organizations.p(), 0.0, ""),
        ("organizations recall", ev.organizations.r(), 0.0, ""),
        ("organizations F1", ev.organizations.f1(), 0.0, ">= 0.95"),
        ("people (ids) precision", ev.people.p(), 0.0, ""),
        ("people (ids) recall", ev.people.r(), 0.0, ""),
        ("people (ids) F1", ev.people.f1(), 0.0, ""),
        ("people matched or proposed", ev.people_matched_or_proposed.value(), 0.0, ">= 0.97"),
        ("new organizations proposed", ev.new_orgs_proposed.value(), 0.0, ""),
        (
            "person candidates not a gold nominative",
            ev.person_candidates_bad.value(),
            1.0,
            "<= 0.05",
        ),
        ("chrome lines left in bodies", ev.chrome_left.value(), 1.0, "<= 0.02"),
        ("first sentence kept", ev.first_kept.value(), 0.0, "1.00"),
        ("last sentence kept", ev.last_kept.value(), 0.0, "1.00"),
    ]
}

fn table(ev: &Eval, rows: &[Row]) -> String {
    let mut s = format!("import evaluation: {} pages\n", ev.pages);
    s.push_str(&format!("{:<42} {:>6} {:>7}  {}\n", "measure", "value", "floor", "target"));
    for (label, value, floor, target) in rows {
        let floor = if floor.is_nan() { "-".to_string() } else { format!("{floor:.3}") };
        s.push_str(&format!("{label:<42} {value:>6.3} {floor:>7}  {target}\n"));
    }
    let counts = [
        ("title exact", ev.title_exact),
        ("title flagged", ev.title_wrong_flagged),
        ("date exact", ev.date_exact),
        ("date invented", ev.date_invented),
        ("publisher", ev.publisher_all),
        ("publisher named", ev.publisher_stated),
        ("people m/p", ev.people_matched_or_proposed),
        ("new orgs", ev.new_orgs_proposed),
        ("bad person cands", ev.person_candidates_bad),
        ("chrome left", ev.chrome_left),
        ("first kept", ev.first_kept),
        ("last kept", ev.last_kept),
    ];
    s.push_str("counts:");
    for (k, r) in counts {
        s.push_str(&format!(" {k} {}/{};", r.hit, r.of));
    }
    s.push_str(&format!("\nsilently wrong dates: {}\n", ev.date_silent_wrong.len()));
    for d in &ev.date_silent_wrong {
        s.push_str(&format!("  {d}\n"));
    }
    s.push_str("differences:\n");
    for n in &ev.notes {
        s.push_str(&format!("  {n}\n"));
    }
    s
}

#[test]
fn import_eval_on_real_pages() {
    let labels: Labels =
        toml::from_str(&std::fs::read_to_string(corpus().join("labels.toml")).unwrap()).unwrap();
    // The split rules, fixed before any scoring. First collection: per language, every third
    // page is held out. Second collection: every third page in collection order is `holdout2`.
    for lang in ["kk", "ru"] {
        let first = labels.page.iter().filter(|p| p.collection == 1 && p.lang == lang);
        for (i, p) in first.enumerate() {
            let want = if i % 3 == 2 { "holdout" } else { "dev" };
            assert_eq!(p.split, want, "{}: the split rule says {want}", p.file);
        }
    }
    let second = labels.page.iter().filter(|p| p.collection == 2);
    for (i, p) in second.enumerate() {
        let want = if i % 3 == 2 { "holdout2" } else { "dev" };
        assert_eq!(p.split, want, "{}: the split rule says {want}", p.file);
    }
    assert!(labels.page.iter().all(|p| matches!(p.collection, 1 | 2)), "collection is 1 or 2");
    // The first holdout was scored once and is spent: it is dev material now. Only the second
    // holdout is kept unseen, scored with ARCHIVE_EVAL_HOLDOUT=2.
    let holdout = match std::env::var("ARCHIVE_EVAL_HOLDOUT").ok().as_deref() {
        None | Some("") => false,
        Some("2") => true,
        Some(other) => panic!(
            "ARCHIVE_EVAL_HOLDOUT={other}: only 2 is kept unseen (holdout 1 is spent, part of dev)"
        ),
    };
    let split = if holdout { "holdout2" } else { "dev" };
    let pages: Vec<&Page> = labels
        .page
        .iter()
        .filter(|p| {
            if holdout {
                p.split == "holdout2"
            } else {
                matches!(p.split.as_str(), "dev" | "holdout")
            }
        })
        .collect();
    assert!(!pages.is_empty());
    let got = run(&pages);
    let mut ev = Eval::default();
    for page in &pages {
        score(&mut ev, page, &got[&page.file]);
    }
    // Floors: today's dev values (measured 2026-12 on the 64 dev pages of both collections,
    // before the second round of rule work) rounded down a little (up, for the measures
    // where lower is better), so that a regression fails this test. They are not the goals:
    // raise them as the items improve the importer. The targets printed beside them are
    // the issue's.
    let floors: BTreeMap<&str, f64> = BTreeMap::from([
        ("title exact (pages with a headline)", 0.93),
        ("title wrong or absent, flagged", 0.96),
        ("date exact (pages stating one)", 0.93),
        ("date given where none is stated", 0.01),
        ("dates wrong or invented, unflagged", 0.0),
        ("publisher exact (all pages)", 0.53),
        ("publisher exact (named in text)", 0.96),
        ("countries F1", 0.995),
        ("organizations F1", 0.96),
        ("people (ids) F1", 0.98),
        ("people matched or proposed", 0.965),
        ("person candidates not a gold nominative", 0.02),
        ("chrome lines left in bodies", 0.045),
        ("first sentence kept", 1.0),
        ("last sentence kept", 1.0),
    ]);
    let mut rows = rows(&ev);
    for row in &mut rows {
        row.2 = floors.get(row.0).copied().unwrap_or(f64::NAN);
    }
    let report = table(&ev, &rows);
    println!("{split} split\n{report}");
    if holdout {
        return;
    }
    // Measures where lower is better are bounded from above.
    let upper = [
        "date given where none is stated",
        "dates wrong or invented, unflagged",
        "person candidates not a gold nominative",
        "chrome lines left in bodies",
    ];
    for (label, value, floor, _) in &rows {
        if floor.is_nan() {
            continue;
        }
        if upper.contains(label) {
            assert!(*value <= *floor + 1e-9, "{label}: {value:.3} > {floor}\n{report}");
        } else {
            assert!(*value >= *floor - 1e-9, "{label}: {value:.3} < {floor}\n{report}");
        }
    }
}
