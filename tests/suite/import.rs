//! Importer accuracy: the five seeds against their hand-checked documents and the hard cases of
//! tests/fixtures/import/cases, scored per field (precision, recall, F1) with thresholds; plus
//! the «nothing lost» behaviour (re-import is a no-op, edits are kept, --force keeps a backup).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use archive::content::{DocumentMeta, front_matter};
use archive::import::{ImportOptions, ImportReport, import, merge::Action};
use serde::Deserialize;

use crate::common::*;

#[derive(Deserialize, Default, Clone)]
struct Expected {
    lang: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    kind: String,
    #[serde(default)]
    source: Option<ExpectedSource>,
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    organizations: Vec<String>,
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    places: Vec<String>,
    #[serde(default)]
    candidates: Vec<String>,
    #[serde(default)]
    review: Vec<String>,
}

#[derive(Deserialize, Default, Clone)]
struct ExpectedSource {
    name: String,
}

/// A site with the shipped entities and no documents.
pub(crate) fn empty_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
    for kind in ["countries", "organizations", "people", "places", "events"] {
        copy_dir(&repo().join("content").join(kind), &root.join("content").join(kind));
    }
    tmp
}

fn run(root: &Path, inputs: &[PathBuf], opts: &ImportOptions) -> ImportReport {
    import(root, inputs, opts).unwrap()
}

pub(crate) fn written_meta(root: &Path, rel: &str) -> DocumentMeta {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    let s = front_matter::split(&text).unwrap();
    front_matter::parse(s.yaml, s.yaml_line).unwrap()
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .replace(['«', '»', '"', '“', '”'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default)]
struct Scores {
    fields: BTreeMap<&'static str, Score>,
    invented_dates: Vec<String>,
    misses: Vec<String>,
}

impl Scores {
    fn single(
        &mut self,
        field: &'static str,
        case: &str,
        expected: Option<String>,
        got: Option<String>,
    ) {
        let s = self.fields.entry(field).or_default();
        match (&expected, &got) {
            (Some(e), Some(g)) if e == g => s.tp += 1,
            (Some(_), Some(_)) => {
                s.fp += 1;
                s.fn_ += 1;
            }
            (Some(_), None) => s.fn_ += 1,
            (None, Some(_)) => s.fp += 1,
            (None, None) => return,
        }
        if expected != got {
            self.misses.push(format!("{case}: {field}: expected {expected:?}, got {got:?}"));
        }
    }

    fn set(&mut self, field: &'static str, case: &str, expected: &[String], got: &[String]) {
        let e: BTreeSet<&String> = expected.iter().collect();
        let g: BTreeSet<&String> = got.iter().collect();
        let s = self.fields.entry(field).or_default();
        s.tp += e.intersection(&g).count();
        s.fp += g.difference(&e).count();
        s.fn_ += e.difference(&g).count();
        let missing: Vec<_> = e.difference(&g).collect();
        let extra: Vec<_> = g.difference(&e).collect();
        if !missing.is_empty() || !extra.is_empty() {
            self.misses.push(format!("{case}: {field}: missing {missing:?}, extra {extra:?}"));
        }
    }

    fn report(&self) -> String {
        let mut s = String::from("field            precision  recall     F1\n");
        for (f, sc) in &self.fields {
            s.push_str(&format!(
                "{f:<16} {:>9.3} {:>7.3} {:>6.3}   (tp {}, fp {}, fn {})\n",
                sc.p(),
                sc.r(),
                sc.f1(),
                sc.tp,
                sc.fp,
                sc.fn_
            ));
        }
        s.push_str("\ndifferences:\n");
        for m in &self.misses {
            s.push_str(&format!("  {m}\n"));
        }
        s
    }
}

fn score_case(
    sc: &mut Scores,
    case: &str,
    e: &Expected,
    got: &DocumentMeta,
    candidates: &[String],
) {
    let reviewed = |f: &str| e.review.iter().any(|r| r == f);
    sc.single("lang", case, Some(e.lang.clone()), Some(got.lang.clone()));
    if !reviewed("title") {
        sc.single("title", case, e.title.as_deref().map(norm), Some(norm(&got.title)));
    }
    let got_date = got.date.map(|d| d.to_string());
    if e.date.is_none() && got_date.is_some() {
        sc.invented_dates.push(format!("{case}: {got_date:?}"));
    }
    sc.single("date", case, e.date.clone(), got_date);
    sc.single("kind", case, Some(e.kind.clone()), Some(got.kind.as_str().to_string()));
    if !reviewed("source") {
        sc.single(
            "source",
            case,
            e.source.as_ref().map(|s| norm(&s.name)),
            got.source.as_ref().map(|s| norm(&s.name)),
        );
    }
    if !reviewed("event") {
        sc.single("event", case, e.event.clone(), got.event.clone());
    }
    sc.set("countries", case, &e.countries, &got.countries);
    sc.set("organizations", case, &e.organizations, &got.organizations);
    sc.set("people", case, &e.people, &got.people);
    sc.set("places", case, &e.places, &got.places);
    // People found, or reported as candidates: expected people plus expected candidates that
    // are person names (capitalised words or initials only; the others are organizations).
    let last = |s: &str| {
        norm(s).split([' ', '.']).rfind(|w| !w.is_empty()).unwrap_or_default().to_string()
    };
    let is_person = |s: &str| {
        let words: Vec<&str> = s.split([' ', '.']).filter(|w| !w.is_empty()).collect();
        words.len() <= 3 && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let reported = |c: &str| {
        let want = last(c);
        candidates.iter().any(|g| {
            let got = last(g);
            got == want
                || archive::text::stem::ru_inflects_folded(&got, &want)
                || archive::text::stem::kk_inflects_folded(&got, &want)
        })
    };
    let found = sc.fields.entry("people+candidates").or_default();
    for p in &e.people {
        if got.people.contains(p) {
            found.tp += 1;
        } else {
            found.fn_ += 1;
        }
    }
    for c in e.candidates.iter().filter(|c| is_person(c)) {
        if reported(c) {
            found.tp += 1;
        } else {
            found.fn_ += 1;
            sc.misses.push(format!("{case}: candidate «{c}» not reported"));
        }
    }
    let orgs = sc.fields.entry("org candidates").or_default();
    for c in e.candidates.iter().filter(|c| !is_person(c)) {
        if reported(c) {
            orgs.tp += 1;
        } else {
            orgs.fn_ += 1;
        }
    }
}

#[test]
fn accuracy_on_seeds_and_hard_cases() {
    let mut sc = Scores::default();
    // The five seeds, imported together as a curator would.
    let seeds: BTreeMap<String, Expected> = serde_yaml::from_str(
        &std::fs::read_to_string(repo().join("tests/fixtures/import/seeds.yaml")).unwrap(),
    )
    .unwrap();
    let site = empty_site();
    let report = run(site.path(), &[repo().join("sources")], &ImportOptions::default());
    assert_eq!(report.records.len(), 5);
    for rec in &report.records {
        let name = Path::new(&rec.input).file_name().unwrap().to_string_lossy().to_string();
        let meta = written_meta(site.path(), rec.output.as_ref().unwrap());
        let cands: Vec<String> = rec.candidates.iter().map(|c| c.name.clone()).collect();
        score_case(&mut sc, &name, &seeds[&name], &meta, &cands);
    }
    // The hard cases, each on its own.
    let cases = repo().join("tests/fixtures/import/cases");
    let mut names: Vec<PathBuf> =
        std::fs::read_dir(&cases).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for dir in names {
        let case = dir.file_name().unwrap().to_string_lossy().to_string();
        let expected: Expected =
            serde_yaml::from_str(&std::fs::read_to_string(dir.join("expected.yaml")).unwrap())
                .unwrap();
        let input = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_stem().is_some_and(|s| s == "input"))
            .unwrap();
        let site = empty_site();
        let report = run(site.path(), &[input], &ImportOptions::default());
        let rec = &report.records[0];
        assert!(rec.error.is_none(), "{case}: {:?}", rec.error);
        let meta = written_meta(site.path(), rec.output.as_ref().unwrap());
        let cands: Vec<String> = rec.candidates.iter().map(|c| c.name.clone()).collect();
        score_case(&mut sc, &case, &expected, &meta, &cands);
    }
    let table = sc.report();
    println!("{table}");
    assert!(sc.invented_dates.is_empty(), "invented dates: {:?}\n{table}", sc.invented_dates);
    let f = |k: &str| sc.fields[k];
    // Floors a little under what the fixtures reach today, so a regression fails loudly. The
    // organization-candidate recall is printed, not asserted: spotting unknown bodies is the
    // weakest heuristic (see the closing note of the importer issue).
    let thresholds = [
        ("lang", 1.0),
        ("date", 1.0),
        ("kind", 1.0),
        ("title", 0.9),
        ("source", 0.9),
        ("event", 0.85),
        ("countries", 0.95),
        ("organizations", 0.95),
        ("places", 0.95),
        ("people", 0.95),
        ("people+candidates", 0.9),
    ];
    for (field, min) in thresholds {
        let s = f(field);
        let value = if field == "people+candidates" { s.r() } else { s.f1() };
        assert!(value >= min, "{field}: {value:.3} < {min}\n{table}");
    }
}

#[test]
fn reimport_is_a_no_op_and_edits_are_never_lost() {
    let site = empty_site();
    let root = site.path();
    let inputs = [repo().join("sources")];
    let first = run(root, &inputs, &ImportOptions::default());
    assert!(first.records.iter().all(|r| r.action == Some(Action::Created)));
    // The raw files were copied in as provenance.
    assert!(root.join("sources/000_756e48c606c209d7.txt").is_file());
    let before = snapshot(&root.join("content"));
    let again = run(root, &[root.join("sources")], &ImportOptions::default());
    assert!(
        again.records.iter().all(|r| r.action == Some(Action::Unchanged)),
        "{:?}",
        again.records.iter().map(|r| r.action).collect::<Vec<_>>()
    );
    assert_eq!(before, snapshot(&root.join("content")));

    // A curator fixes a title: import keeps the edit.
    let rel = first.records[0].output.clone().unwrap();
    let path = root.join(&rel);
    let edited = std::fs::read_to_string(&path).unwrap().replacen(
        "title: ",
        "title: \"Правка архивиста\" # ",
        1,
    );
    std::fs::write(&path, &edited).unwrap();
    let dry = run(
        root,
        &[root.join("sources")],
        &ImportOptions { dry_run: true, force: true, ..Default::default() },
    );
    assert_eq!(dry.records[0].action, Some(Action::Replaced));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited, "dry run writes nothing");
    let kept = run(root, &[root.join("sources")], &ImportOptions::default());
    assert_eq!(kept.records[0].action, Some(Action::KeptEdited));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    // Its row reports the file as the curator left it (title, review lines), not the draft.
    let shown = kept.records[0].meta.as_ref().unwrap();
    assert_eq!(shown.title, "Правка архивиста");
    assert_eq!(shown.review, written_meta(root, &rel).review);
    // --force replaces it, and the edited version stays recoverable.
    let forced =
        run(root, &[root.join("sources")], &ImportOptions { force: true, ..Default::default() });
    assert_eq!(forced.records[0].action, Some(Action::Replaced));
    let backups: Vec<String> = std::fs::read_dir(root.join(".archive/import-backups"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(backups, vec![edited]);
}

#[test]
fn imported_documents_build_into_the_site() {
    let site = empty_site();
    let root = site.path();
    run(root, &[repo().join("sources")], &ImportOptions::default());
    let out = root.join("public");
    build_into(root, &out, "https://example.org/").unwrap();
    assert!(broken_links(&out, "/").is_empty());
}

/// Imports `files` (name, bytes) written to a folder outside the site; returns the report.
pub(crate) fn import_files(root: &Path, files: &[(&str, Vec<u8>)]) -> ImportReport {
    let dir = root.join("incoming");
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, bytes)| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect();
    run(root, &paths, &ImportOptions::default())
}

pub(crate) fn written_body(root: &Path, rel: &str) -> String {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    front_matter::split(&text).unwrap().body.to_string()
}

pub(crate) fn documents_in(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/documents"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

#[test]
fn visible_text_of_a_page_renders_back_exactly() {
    // Visible text «&lt;script&gt;» was written as a raw <script> (live with trust_html), and
    // Markdown characters in a page's text became emphasis, links, headings and lists.
    let paragraphs = [
        "Текст &lt;script&gt;alert(1)&lt;/script&gt; и &lt;img src=x onerror=alert(2)&gt; на странице.",
        "5 * 3 = 15, snake_case, [скобки](не ссылка), `код`, a | b, ~~нет~~, обратная \\ косая &amp;amp;",
        "# не заголовок",
        "&gt; не цитата",
        "- не список",
        "1. не нумерованный",
        "***",
    ];
    let visible = [
        "Текст <script>alert(1)</script> и <img src=x onerror=alert(2)> на странице.",
        "5 * 3 = 15, snake_case, [скобки](не ссылка), `код`, a | b, ~~нет~~, обратная \\ косая &amp;",
        "# не заголовок",
        "> не цитата",
        "- не список",
        "1. не нумерованный",
        "***",
    ];
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    let page = format!(
        "<!DOCTYPE html><html><head><title>Заголовок страницы</title></head><body><article>{body}<h2>Итоги #</h2></article></body></html>"
    );
    let site = empty_site();
    let root = site.path();
    let report = import_files(root, &[("page.html", page.into_bytes())]);
    let rel =
        report.records[0].output.clone().unwrap_or_else(|| panic!("{:?}", report.records[0].error));
    let md = written_body(root, &rel);
    let shown = archive::render::markdown::plain_text(&md);
    assert_eq!(shown, format!("{} Итоги #", visible.join(" ")), "written body:\n{md}");
    let html = archive::render::markdown::render(
        &md,
        &archive::render::highlight::Highlighter::new(),
        true,
    );
    assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
    // A text file's Markdown is kept, but its tags never become HTML either.
    let report = import_files(
        root,
        &[(
            "note.txt",
            "# Заметка о встрече\n\n**Жирный** текст <script>alert(3)</script>.\n".into(),
        )],
    );
    let md = written_body(root, report.records[0].output.as_deref().unwrap());
    let html = archive::render::markdown::render(
        &md,
        &archive::render::highlight::Highlighter::new(),
        true,
    );
    assert!(html.contains("<strong>Жирный</strong>") && !html.contains("<script"), "{html}");
}

#[test]
fn deeply_nested_page_is_reported_and_the_batch_goes_on() {
    // 40,000 nested <div>s overflowed the stack and aborted the whole batch, naming no file;
    // 100,000 stalled the HTML parser for minutes.
    let normal = "<!DOCTYPE html><html><head><title>Обычная страница о встрече</title></head><body><article><p>Текст.</p></article></body></html>";
    let deep = |n: usize| {
        format!(
            "<html><body><article>{}<p>x</p>{}</article></body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
        .into_bytes()
    };
    let site = empty_site();
    let root = site.path();
    let started = std::time::Instant::now();
    let report = import_files(
        root,
        &[
            ("deep.html", deep(40_000)),
            ("normal.html", normal.into()),
            ("deeper.html", deep(100_000)),
        ],
    );
    assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());
    let by_input = |name: &str| report.records.iter().find(|r| r.input.ends_with(name)).unwrap();
    assert_eq!(by_input("normal.html").action, Some(Action::Created));
    for name in ["deep.html", "deeper.html"] {
        let err = by_input(name).error.clone().unwrap_or_default();
        assert!(err.contains(name) && err.contains("deep"), "{err}");
    }
    assert_eq!(documents_in(root).len(), 1);
}

#[test]
fn legacy_encodings_are_imported_not_refused() {
    use encoding_rs::{KOI8_R, WINDOWS_1251};
    // windows-1251 and KOI8-R texts were refused as «not valid UTF-8»; UTF-16 too.
    let ru = "Премьер-министр Казахстана принял участие в заседании Совета глав правительств ШОС в Ташкенте.\nСтороны обсудили торговлю.";
    let kk = "Қазақстан Премьер-Министрі ТМД үкімет басшылары кеңесінің отырысына қатысты.\nТараптар сауданы талқылады.";
    let utf16: Vec<u8> =
        [0xff, 0xfe].into_iter().chain(kk.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=windows-1251><title>Заседание в Ташкенте</title></head><body><article><p>{ru}</p></article></body></html>"
    );
    let site = empty_site();
    let root = site.path();
    let report = import_files(
        root,
        &[
            ("cp1251.txt", WINDOWS_1251.encode(ru).0.into_owned()),
            ("koi8.txt", KOI8_R.encode(ru).0.into_owned()),
            ("utf16.txt", utf16),
            ("page.html", WINDOWS_1251.encode(&page).0.into_owned()),
        ],
    );
    for r in &report.records {
        let rel = r.output.clone().unwrap_or_else(|| panic!("{}: {:?}", r.input, r.error));
        let meta = r.meta.as_ref().unwrap();
        let text = format!("{}\n{}", meta.title, written_body(root, &rel));
        let expected = if r.input.ends_with("utf16.txt") {
            "Тараптар сауданы"
        } else {
            "Стороны обсудили"
        };
        assert!(text.contains(expected), "{}:\n{text}", r.input);
        let guessed =
            meta.review.iter().any(|n| n.starts_with("text: the file states no encoding"));
        assert_eq!(
            guessed,
            r.input.ends_with("cp1251.txt") || r.input.ends_with("koi8.txt"),
            "{}: {:?}",
            r.input,
            meta.review
        );
    }
}

#[test]
fn colon_and_hash_in_source_name_build() {
    // `imported_from: sources/Отчёт: итоги #2.txt` was written unquoted: the document did not load.
    let site = empty_site();
    let root = site.path();
    let report = import_files(
        root,
        &[(
            "Отчёт: итоги #2.txt",
            "Заседание Совета глав правительств ШОС прошло в Ташкенте.\n".into(),
        )],
    );
    let rel = report.records[0].output.clone().unwrap();
    assert_eq!(
        written_meta(root, &rel).imported_from.as_deref(),
        Some("sources/Отчёт: итоги #2.txt")
    );
    build_into(root, &root.join("public"), "https://example.org/").unwrap();
}

#[test]
fn javascript_url_is_refused_before_writing() {
    // A page whose og:url was `javascript:…` was imported, and the build then refused it.
    let page = "<!DOCTYPE html><html><head><meta property=\"og:url\" content=\"javascript:alert(1)\"><title>Заседание Совета глав правительств</title></head><body><article><p>Текст о заседании.</p></article></body></html>";
    let site = empty_site();
    let root = site.path();
    let report = import_files(root, &[("bad-url.html", page.into())]);
    let err = report.records[0].error.clone().unwrap_or_default();
    assert!(err.contains("bad-url.html") && err.contains("javascript:alert(1)"), "{err}");
    assert!(documents_in(root).is_empty());
    assert!(!root.join("sources/bad-url.html").exists(), "its raw source was copied all the same");
}

#[test]
fn empty_text_is_refused_before_writing() {
    // An empty file was «imported» with an empty title, and the build then refused it.
    let site = empty_site();
    let root = site.path();
    let report = import_files(
        root,
        &[("empty.txt", Vec::new()), ("blank.html", b"<html><body> </body></html>".to_vec())],
    );
    for r in &report.records {
        let err = r.error.clone().unwrap_or_default();
        assert!(
            err.contains(r.input.rsplit('/').next().unwrap()) && err.contains("no text"),
            "{err}"
        );
    }
    assert!(documents_in(root).is_empty());
}

#[test]
fn two_imports_at_once_keep_both_documents() {
    // Two imports started together of two sources with the same title both took the same free
    // slug: one document was lost (10 of 10 runs).
    for round in 0..10 {
        let site = empty_site();
        let root = site.path();
        let dir = root.join("incoming");
        std::fs::create_dir_all(&dir).unwrap();
        let inputs: Vec<PathBuf> = (0..2)
            .map(|i| {
                let p = dir.join(format!("{i}.txt"));
                std::fs::write(
                    &p,
                    format!("# Встреча глав правительств ШОС\n\nТекст номер {i}.\n"),
                )
                .unwrap();
                p
            })
            .collect();
        let barrier = std::sync::Barrier::new(2);
        std::thread::scope(|s| {
            for input in &inputs {
                let barrier = &barrier;
                s.spawn(move || {
                    barrier.wait();
                    run(root, std::slice::from_ref(input), &ImportOptions::default())
                });
            }
        });
        let docs = documents_in(root);
        assert_eq!(docs.len(), 2, "round {round}: {docs:?}");
        let texts: BTreeSet<String> = docs
            .iter()
            .map(|d| std::fs::read_to_string(d).unwrap())
            .filter(|t| t.contains("Текст номер"))
            .collect();
        assert_eq!(texts.len(), 2);
    }
}

#[test]
fn name_hash_collision_keeps_both_sources() {
    // Three sources named x.txt: the second was copied as x-<32-bit hash>.txt, and the third,
    // whose text collides under that hash ("Aa" and "BB"), was taken for it: its document
    // overwrote the second's and its raw text was never kept.
    let site = empty_site();
    let root = site.path();
    let texts = ["Первый текст о ШОС.", "Второй текст о ШОС Aa.", "Второй текст о ШОС BB."];
    for (i, t) in texts.iter().enumerate() {
        let dir = root.join(format!("in{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.txt"), t).unwrap();
        run(root, &[dir.join("x.txt")], &ImportOptions::default());
    }
    let docs = documents_in(root);
    assert_eq!(docs.len(), 3, "{docs:?}");
    for d in &docs {
        let rel = relative_str(root, d);
        let meta = written_meta(root, &rel);
        let raw = std::fs::read_to_string(root.join(meta.imported_from.unwrap())).unwrap();
        assert!(written_body(root, &rel).contains(raw.trim()), "{rel}: its source holds «{raw}»");
    }
}

fn relative_str(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/")
}

#[test]
fn a_menu_line_every_page_of_a_batch_prints_is_left_out() {
    // Pages copied from one site carry its menu; a line that three unrelated pages of the batch
    // print, and that is no sentence, is the site's, not the article's.
    let site = empty_site();
    let root = site.path();
    let menu = "Главная Лента Регионы Экономика Общество";
    let pages: Vec<(String, Vec<u8>)> = [
        ("Министры обсудили транзит", "Министры двух стран обсудили транзит грузов через границу."),
        (
            "В Астане открылась выставка",
            "Выставка промышленных товаров открылась в столице в среду.",
        ),
        ("Депутаты приняли закон", "Депутаты приняли закон о торговле во втором чтении в четверг."),
    ]
    .iter()
    .enumerate()
    .map(|(i, (title, text))| {
        (format!("p{i}.txt"), format!("{menu}\n{title}\n{text}\n").into_bytes())
    })
    .collect();
    let named: Vec<(&str, Vec<u8>)> = pages.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let report = import_files(root, &named);
    for rec in &report.records {
        let meta = rec.meta.as_ref().unwrap();
        assert!(!meta.title.contains("Главная"), "{}", meta.title);
        let text = std::fs::read_to_string(root.join(rec.output.as_ref().unwrap())).unwrap();
        assert!(!text.contains(menu), "{text}");
    }
}

#[test]
fn create_entities_writes_one_file_per_person_of_a_batch_and_never_a_duplicate() {
    let site = empty_site();
    let root = site.path();
    let opts = ImportOptions { create_entities: true, ..Default::default() };
    // One person in two documents and in two forms.
    let dir = root.join("in-create");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("c.txt"), "Министр Нуржан Ержанов выступил.\n").unwrap();
    std::fs::write(
        dir.join("d.txt"),
        "Премьер-министр Олжас Бектенов и министр Нуржан Ержанов подписали план. С Нуржаном Ержановым говорили.\n",
    )
    .unwrap();
    let report = run(root, std::slice::from_ref(&dir), &opts);
    let ids: Vec<&str> = report.candidates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(ids, ["Нуржан Ержанов"], "{:?}", report.candidates);
    assert_eq!(report.candidates[0].documents.len(), 2);
    assert_eq!(report.created_entities, ["content/people/nurzhan-erzhanov.md"]);
    // A second import of the same names links them to the file written, and writes nothing.
    std::fs::write(dir.join("e.txt"), "Министр Нуржан Ержанов вернулся.\n").unwrap();
    let again = run(root, &[dir.join("e.txt")], &opts);
    assert!(again.created_entities.is_empty(), "{:?}", again.created_entities);
    assert!(again.candidates.is_empty(), "{:?}", again.candidates);
    let meta = written_meta(root, again.records[0].output.as_deref().unwrap());
    assert_eq!(meta.people, ["nurzhan-erzhanov"]);
    // A known person with the first name written differently is proposed, flagged as a
    // possible duplicate, and no file is written for it.
    std::fs::write(dir.join("f.txt"), "Премьер-министр Ольжас Бектенов выступил.\n").unwrap();
    let near = run(root, &[dir.join("f.txt")], &opts);
    assert_eq!(near.candidates.len(), 1, "{:?}", near.candidates);
    assert_eq!(near.candidates[0].near.as_deref(), Some("olzhas-bektenov"));
    assert!(near.created_entities.is_empty(), "{:?}", near.created_entities);
}

/// A report written for these tests, in the style of an agency story, and a later version of it
/// (a corrected figure and a paragraph added), as a site updates a story after publishing it.
const STORY_V1: &str = "Премьер-министры стран СНГ обсудили транспорт в Астане\n\nАСТАНА, 14 марта 2025 — Агентство. Премьер-министры государств Содружества провели в Астане заседание, на котором обсудили развитие транспортных коридоров, цифровую торговлю и таможенное администрирование.\n\nПо итогам встречи подписано пять документов, в том числе соглашение о взаимном признании электронных цифровых подписей и программа сотрудничества в области железнодорожных перевозок до 2030 года.\n\nСледующее заседание совета пройдет осенью в Минске, сообщила пресс-служба правительства.\n";

fn story_v2() -> String {
    STORY_V1.replace("подписано пять документов", "подписано шесть документов").replace(
        "сообщила пресс-служба правительства.\n",
        "сообщила пресс-служба правительства.\n\nДелегации также согласовали план консультаций экспертов по энергетике на следующий год.\n",
    )
}

fn write_outside(dir: &Path, name: &str, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn source_files(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root.join("sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('.'))
        .collect();
    out.sort();
    out
}

#[test]
fn an_edited_file_imported_again_from_outside_sources_updates_its_document() {
    // It made a second document and a second source copy, with nothing tying them together.
    let site = empty_site();
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    let file = write_outside(outside.path(), "sng-transport.txt", STORY_V1);
    let first = run(root, std::slice::from_ref(&file), &ImportOptions::default());
    assert_eq!(first.records[0].action, Some(Action::Created));
    let rel = first.records[0].output.clone().unwrap();
    assert_eq!(written_meta(root, &rel).origin.as_deref(), Some("sng-transport.txt"));

    // The same text again, under any name: nothing new.
    let copy = write_outside(&outside.path().join("elsewhere"), "copy.txt", STORY_V1);
    let same = run(root, &[copy], &ImportOptions::default());
    assert_eq!(same.records[0].action, Some(Action::Unchanged));
    assert_eq!(same.records[0].output.as_deref(), Some(rel.as_str()));
    assert_eq!(source_files(root).len(), 1);

    std::fs::write(&file, story_v2()).unwrap();
    let dry = run(
        root,
        std::slice::from_ref(&file),
        &ImportOptions { dry_run: true, ..Default::default() },
    );
    assert_eq!(dry.records[0].action, Some(Action::Updated));
    let second = run(root, &[file], &ImportOptions::default());
    assert_eq!(second.records[0].action, Some(Action::Updated));
    assert_eq!(second.records[0].output.as_deref(), Some(rel.as_str()));
    assert!(second.records[0].near_duplicate.is_none());
    assert_eq!(documents_in(root).len(), 1, "one document, updated");
    assert!(written_body(root, &rel).contains("подписано шесть документов"));
    assert!(written_body(root, &rel).contains("энергетике"));
    // Both raw versions are kept; the document names the new one.
    let sources = source_files(root);
    assert_eq!(sources.len(), 2, "{sources:?}");
    let meta = written_meta(root, &rel);
    let now = std::fs::read_to_string(root.join(meta.imported_from.unwrap())).unwrap();
    assert_eq!(now, story_v2());
    assert_eq!(std::fs::read_to_string(root.join("sources/sng-transport.txt")).unwrap(), STORY_V1);
}

#[test]
fn a_new_version_of_a_text_a_person_edited_is_kept_beside_it_for_review() {
    let site = empty_site();
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    let file = write_outside(outside.path(), "sng-transport.txt", STORY_V1);
    let rel = run(root, std::slice::from_ref(&file), &ImportOptions::default()).records[0]
        .output
        .clone()
        .unwrap();
    let path = root.join(&rel);
    let edited = std::fs::read_to_string(&path).unwrap().replace("Агентство", "Агентство «Тест»");
    std::fs::write(&path, &edited).unwrap();

    std::fs::write(&file, story_v2()).unwrap();
    let report = run(root, &[file], &ImportOptions::default());
    let rec = &report.records[0];
    assert_eq!(rec.action, Some(Action::KeptEdited));
    assert_eq!(rec.output.as_deref(), Some(rel.as_str()));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited, "the person's file is untouched");
    assert_eq!(documents_in(root).len(), 1);
    let new_src = rec.new_version.clone().expect("the new version is reported");
    assert_eq!(std::fs::read_to_string(root.join(&new_src)).unwrap(), story_v2());
    let review = &rec.meta.as_ref().unwrap().review;
    assert!(review.iter().any(|r| r.starts_with("source: a new version") && r.contains(&new_src)));
}

#[test]
fn the_same_article_from_a_second_site_is_flagged_not_silently_added() {
    let dups = repo().join("tests/fixtures/import-dups");
    let site = empty_site();
    let root = site.path();
    let first = run(root, &[dups.join("kazpravda-sco-plus.txt")], &ImportOptions::default());
    let existing = first.records[0].output.clone().unwrap();
    let second_site = dups.join("baq-sco-plus.txt");
    let dry = run(
        root,
        std::slice::from_ref(&second_site),
        &ImportOptions { dry_run: true, ..Default::default() },
    );
    assert_eq!(dry.records[0].near_duplicate.as_ref().unwrap().document, existing);
    let report = run(root, &[second_site], &ImportOptions::default());
    let rec = &report.records[0];
    let near = rec.near_duplicate.as_ref().expect("flagged");
    assert_eq!(near.document, existing);
    assert!(near.similarity >= 0.67, "{}", near.similarity);
    let meta = written_meta(root, rec.output.as_ref().unwrap());
    assert!(
        meta.review.iter().any(|r| r.starts_with("duplicate:") && r.contains(&existing)),
        "{:?}",
        meta.review
    );
    // Importing it again changes nothing: the flag stays until a person removes it.
    let again = run(root, &[dups.join("baq-sco-plus.txt")], &ImportOptions::default());
    assert_eq!(again.records[0].action, Some(Action::Unchanged));
    // Within one batch too, and a different report of the same summit is not flagged.
    let site = empty_site();
    let root = site.path();
    let batch = [
        dups.join("lada-tianjin-a.txt"),
        dups.join("trend-tianjin.txt"),
        dups.join("lada-tianjin-b.txt"),
    ];
    let report = run(root, &batch, &ImportOptions::default());
    assert!(report.records[0].near_duplicate.is_none());
    assert!(report.records[1].near_duplicate.is_none());
    let near = report.records[2].near_duplicate.as_ref().expect("the second copy is flagged");
    assert_eq!(Some(&near.document), report.records[0].output.as_ref());
}

#[test]
fn a_document_imported_before_origin_existed_is_known_by_its_source_name() {
    let site = empty_site();
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    let file = write_outside(outside.path(), "sng-transport.txt", STORY_V1);
    let rel = run(root, std::slice::from_ref(&file), &ImportOptions::default()).records[0]
        .output
        .clone()
        .unwrap();
    // The file as the importer wrote it before `origin`: no such line, its own fingerprint.
    let path = root.join(&rel);
    let old: String = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("origin:") && !l.starts_with("# archive import fingerprint"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, archive::import::merge::stamp(&old)).unwrap();
    assert_eq!(written_meta(root, &rel).origin, None, "old front matter still loads");

    std::fs::write(&file, story_v2()).unwrap();
    let report = run(root, &[file], &ImportOptions::default());
    assert_eq!(report.records[0].action, Some(Action::Updated));
    assert_eq!(report.records[0].output.as_deref(), Some(rel.as_str()));
    assert_eq!(documents_in(root).len(), 1);
    assert_eq!(written_meta(root, &rel).origin.as_deref(), Some("sng-transport.txt"));
}
