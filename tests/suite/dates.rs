//! Uncertain document dates (EDTF level 1) through a whole build: how document pages show them
//! in both languages, where they file on year pages and in lists, what JSON-LD, the export and
//! the feeds carry, a date taken from the document's event, and the errors of refused values.

use std::process::Command;

use crate::common::*;

const NB: char = '\u{a0}';

/// The minimal fixture, one page per list, plus one document per date form.
fn site() -> Fixture {
    let f = Fixture::new(&["minimal"]);
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write("site.toml", &toml.replace("page_size = 2", "page_size = 50"));
    let doc = |folder: &str, slug: &str, date: &str, extra: &str| {
        let date = if date.is_empty() { String::new() } else { format!("date: \"{date}\"\n") };
        f.write(
            &format!("content/documents/{folder}/{slug}.md"),
            &format!(
                "---\ntitle: Документ {slug}\nlang: ru\n{date}kind: news\ncountries: [kazakhstan]\n{extra}---\nТекст.\n"
            ),
        );
    };
    doc("2019", "veroyatno", "2019?", "");
    doc("2019", "okolo", "2019-11-02~", "");
    doc("2019", "oba", "2019-05%", "");
    doc("2019", "bez-mesyatsa", "2019-XX", "");
    doc("2019", "promezhutok", "2019/2020", "");
    doc("2019", "ne-ranee", "2019-03/..", "");
    doc("2020", "ne-pozdnee", "../2020", "");
    doc("undated", "po-sobytiyu", "", "event: sco-chg-18\n");
    f
}

fn page(f: &Fixture, lang: &str, rel: &str) -> String {
    read(&f.out(), &format!("{lang}/{rel}/index.html"))
}

#[test]
fn document_pages_show_uncertain_dates_the_archival_way_in_both_languages() {
    let f = site();
    f.build("https://example.org/").unwrap();
    let doc = |lang: &str, folder: &str, slug: &str| {
        page(&f, lang, &format!("documents/{folder}/{slug}"))
    };
    let cases = [
        ("2019", "veroyatno", format!("[2019{NB}г.?]"), format!("[2019{NB}жыл?]")),
        (
            "2019",
            "okolo",
            format!("около 2{NB}ноября 2019{NB}г."),
            format!("шамамен 2019{NB}жылғы 2{NB}қараша"),
        ),
        (
            "2019",
            "oba",
            format!("[около мая 2019{NB}г.?]"),
            format!("[шамамен 2019{NB}жылғы мамыр?]"),
        ),
        (
            "2019",
            "bez-mesyatsa",
            format!("2019{NB}г., месяц не указан"),
            format!("2019{NB}жыл, айы көрсетілмеген"),
        ),
        ("2019", "promezhutok", format!("2019–2020{NB}гг."), format!("2019–2020{NB}жж.")),
        (
            "2019",
            "ne-ranee",
            format!("не ранее марта 2019{NB}г."),
            format!("2019{NB}жылғы наурыз немесе одан кейін"),
        ),
        (
            "2020",
            "ne-pozdnee",
            format!("не позднее 2020{NB}г."),
            format!("2020{NB}жыл немесе одан бұрын"),
        ),
    ];
    for (folder, slug, ru, kk) in &cases {
        let (r, k) = (doc("ru", folder, slug), doc("kk", folder, slug));
        assert!(r.contains(ru.as_str()), "{slug}: ru lacks «{ru}»");
        assert!(k.contains(kk.as_str()), "{slug}: kk lacks «{kk}»");
        assert!(r.contains("class=\"date-mark\""), "{slug}: no marker");
    }
    let r = doc("ru", "2019", "veroyatno");
    assert!(r.contains("<abbr class=\"date-mark\" title=\"Дата предположительная\">?</abbr>"));
    let k = doc("kk", "2019", "okolo");
    assert!(k.contains("<abbr class=\"date-mark\" title=\"Күні шамамен\">≈</abbr>"));
    // A plain date is shown as before, with no marker.
    let plain = doc("ru", "2019", "mamin-v-tashkente");
    let facts = &plain[plain.find("class=\"facts\"").unwrap()..plain.find("</dl>").unwrap()];
    assert!(!facts.contains("date-mark") && facts.contains("<time datetime=\"2019-11-02\">"));
}

#[test]
fn uncertain_dates_file_under_their_earliest_year_and_sort_by_it() {
    let f = site();
    f.build("https://example.org/").unwrap();
    let y2019 = page(&f, "ru", "years/2019");
    for slug in ["veroyatno", "okolo", "oba", "bez-mesyatsa", "promezhutok", "ne-ranee"] {
        assert!(y2019.contains(&format!("documents/2019/{slug}/")), "2019 lacks {slug}");
    }
    assert!(y2019.contains("class=\"date-mark\""), "the year page marks them");
    // An interval is on its start year only; a bound-only one on its bound.
    let y2020 = page(&f, "ru", "years/2020");
    assert!(!y2020.contains("promezhutok") && y2020.contains("ne-pozdnee"));
    // Newest first by the earliest day: 2020, then 2019-11-02, 2019-05, 2019-03, 2019 (id order).
    let all = page(&f, "ru", "documents");
    let at = |slug: &str| all.find(&format!("/{slug}/\"")).unwrap_or_else(|| panic!("{slug}"));
    assert!(at("ne-pozdnee") < at("okolo"));
    assert!(at("okolo") < at("oba") && at("oba") < at("ne-ranee"));
    assert!(at("ne-ranee") < at("bez-mesyatsa"));
    assert!(at("bez-mesyatsa") < at("promezhutok") && at("promezhutok") < at("veroyatno"));
    // The one document with no date at all comes last, and the chronology links to it.
    assert!(at("veroyatno") < at("vstrecha-bez-daty"));
    let timeline = page(&f, "ru", "timeline");
    assert!(timeline.contains("/ru/years/undated/\">Без даты</a>: 1"), "timeline: undated count");
}

#[test]
fn a_document_without_a_date_takes_its_events_date_marked_and_never_written() {
    let f = site();
    let file = f.root().join("content/documents/undated/po-sobytiyu.md");
    let before = std::fs::read(&file).unwrap();
    f.build("https://example.org/").unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), before, "the file is not touched");
    let ru = page(&f, "ru", "documents/undated/po-sobytiyu");
    assert!(ru.contains(&format!("2{NB}ноября 2019{NB}г. (дата события)")));
    let kk = page(&f, "kk", "documents/undated/po-sobytiyu");
    assert!(kk.contains(&format!("2019{NB}жылғы 2{NB}қараша (оқиға күні)")));
    // It is listed under the event's year, not among the undated.
    assert!(page(&f, "ru", "years/2019").contains("po-sobytiyu"));
    assert!(!page(&f, "ru", "years/undated").contains("po-sobytiyu"));
    // It claims no publication date of its own.
    assert!(!ru.contains("datePublished"), "no datePublished from the event");
}

#[test]
fn json_ld_export_and_feeds_carry_uncertain_dates_faithfully() {
    let f = site();
    f.build("https://example.org/").unwrap();
    let ld = page(&f, "ru", "documents/2019/promezhutok");
    assert!(ld.contains("\"temporalCoverage\":\"2019/2020\""), "temporalCoverage");
    assert!(!ld.contains("datePublished") && !ld.contains("article:published_time"));
    let open = page(&f, "ru", "documents/2020/ne-pozdnee");
    assert!(open.contains("\"temporalCoverage\":\"../2020\""));
    let plain = page(&f, "ru", "documents/2019/mamin-v-tashkente");
    assert!(
        plain.contains("\"datePublished\":\"2019-11-02\"") && !plain.contains("temporalCoverage")
    );

    let csv = read(&f.out(), "data/documents.csv");
    assert!(csv.contains(";date;date_edtf;date_earliest;date_latest;"), "header");
    let row = |slug: &str| csv.lines().find(|l| l.starts_with(&format!("{slug};"))).unwrap();
    assert!(row("promezhutok").contains(";2019;2019/2020;2019-01-01;2020-12-31;"));
    assert!(row("ne-pozdnee").contains(";2020;../2020;;2020-12-31;"));
    assert!(row("bez-mesyatsa").contains(";2019;2019-XX;2019-01-01;2019-12-31;"));
    assert!(row("mamin-v-tashkente").contains(";2019-11-02;2019-11-02;2019-11-02;2019-11-02;"));
    // The derived date stays out of the export: the file has no date.
    assert!(row("po-sobytiyu").contains(";;;;;"));
    let pkg = read(&f.out(), "data/datapackage.json");
    assert!(pkg.contains("\"date_edtf\"") && pkg.contains("\"date_latest\""));

    // A feed entry is dated by the earliest day.
    let feed = read(&f.out(), "ru/feed.xml");
    let entry = feed.split("<entry ").find(|e| e.contains("promezhutok")).unwrap();
    assert!(entry.contains("2019-01-01T00:00:00Z"), "{entry}");
}

#[test]
fn refused_dates_name_file_line_field_and_the_accepted_forms() {
    let f = Fixture::new(&["minimal"]);
    let bad = |slug: &str, date: &str| {
        f.write(
            &format!("content/documents/2019/{slug}.md"),
            &format!(
                "---\ntitle: Плохая дата\nlang: ru\ndate: \"{date}\"\nkind: news\n---\nТекст.\n"
            ),
        );
    };
    bad("chast", "2019-06~-11");
    bad("nabor", "{2019,2020}");
    bad("desyatiletie", "201X");
    let out = Command::new(env!("CARGO_BIN_EXE_archive"))
        .args(["check", "--root"])
        .arg(f.root())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(2), "{text}");
    for (slug, why) in
        [("chast", "one part of a date"), ("nabor", "level 2"), ("desyatiletie", "2010/2019")]
    {
        let line = text
            .lines()
            .find(|l| l.contains(&format!("content/documents/2019/{slug}.md:4: date:")))
            .unwrap_or_else(|| panic!("{slug} not reported at line 4, field date:\n{text}"));
        assert!(line.contains(why) && line.contains("accepted: 2019, 2019-11"), "{line}");
    }
}

#[test]
fn citations_give_uncertain_dates_as_written_and_a_decisions_place() {
    let f = site();
    f.write(
        "content/documents/2019/reshenie-okolo.md",
        "---\ntitle: Решение № 7 о транспорте\nlang: ru\ndate: \"2019-11-02~\"\nkind: decision\n\
         event: sco-chg-18\ncountries: [kazakhstan]\n---\nТекст.\n",
    );
    f.build("https://example.org/").unwrap();
    let cite = |lang: &str, slug: &str| {
        let html = page(&f, lang, &format!("documents/2019/{slug}"));
        let at = html.find("<p class=\"cite-text\"").unwrap();
        html[at..at + html[at..].find("</p>").unwrap()].to_string()
    };
    // As the page writes the date, never as an exact one («— 2019.»).
    let ru = cite("ru", "veroyatno");
    assert!(ru.contains(&format!("Документ veroyatno. — [2019{NB}г.?]. — Текст")), "{ru}");
    let kk = cite("kk", "veroyatno");
    assert!(kk.contains(&format!("Документ veroyatno. — [2019{NB}жыл?]. — Мәтін")), "{kk}");
    let ru = cite("ru", "promezhutok");
    assert!(ru.contains(&format!("— 2019–2020{NB}гг. — Текст")), "{ru}");
    // A decision: the place of its event's session, then the date as written.
    let ru = cite("ru", "reshenie-okolo");
    assert!(
        ru.contains(&format!(
            "Решение № 7 о транспорте. — Ташкент, около 2{NB}ноября 2019{NB}г. — Текст"
        )),
        "{ru}"
    );
    let kk = cite("kk", "reshenie-okolo");
    assert!(kk.contains(&format!("— Ташкент, шамамен 2019{NB}жылғы 2{NB}қараша. — Мәтін")), "{kk}");
}
