//! The filters of long lists on a fixture site (issue 15, item 1): each list's data file names
//! its documents by number with their kind, language, year, organizations and countries; the
//! item files hold the very list items the pages show; pages carry a pager above and below the
//! list and say which dates they cover; an entity chart's year bar leads to its filtered list.

use serde_json::Value;

use crate::common::*;
use crate::search_index::delta_list;

fn json(out: &std::path::Path, rel: &str) -> Value {
    serde_json::from_str(&read(out, rel)).unwrap()
}

/// The built `<li>` of each document number, in the UI language `lang`.
fn items(out: &std::path::Path, lang: &str) -> Vec<String> {
    let file = json(out, &format!("lists/items/{lang}/0.json"));
    file.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

#[test]
fn a_list_file_names_its_documents_with_their_facets() {
    let f = Fixture::new(&["minimal"]);
    f.build("https://example.org/").unwrap();
    let out = f.out();
    let list = json(&out, "lists/countries/kazakhstan.json");
    assert_eq!(list["n"], 3, "{list}");
    let numbers = delta_list(&list["d"]);
    let items = items(&out, "ru");
    let titles: Vec<&str> = numbers
        .iter()
        .map(|&n| if items[n as usize].contains("Решение № 158") { "decision" } else { "news" })
        .collect();
    // Newest first: the 2024 decision, then the two 2019 reports; kinds by Kind::ALL index.
    assert_eq!(titles, ["decision", "news", "news"]);
    assert_eq!(list["k"], "100");
    assert_eq!(list["langs"][list["l"].as_str().unwrap()[2..].parse::<usize>().unwrap()], "kk");
    assert_eq!(list["y"], serde_json::json!([[2024, 1], [2019, 2]]));
    let org = |id: &str| {
        let rows = list["o"].as_array().unwrap();
        let row = rows.iter().find(|r| r[0] == id).unwrap_or_else(|| panic!("{id}: {list}"));
        (row[1].clone(), delta_list(&row[2]))
    };
    assert_eq!(org("sco").1, [0, 1, 2]);
    assert_eq!(org("sco-heads-of-government").1, [0]);
    assert_eq!(org("sco").0[1], "Шанхай ынтымақтастық ұйымы", "names in every UI language");
    let china = list["c"].as_array().unwrap().iter().find(|r| r[0] == "china").unwrap();
    assert_eq!(delta_list(&china[2]), [0, 1]);
    // Title order: positions sorted by title («Мамин в…» < «Мамин Т…» < «Решение…»).
    assert_eq!(list["t"], serde_json::json!([1, 2, 0]));
    // Undated documents have their own list, and every list of the site has its file.
    assert_eq!(json(&out, "lists/years/undated.json")["n"], 1);
    assert_eq!(json(&out, "lists/all.json")["n"], 4);
    assert_eq!(json(&out, "lists/years/2019.json")["n"], 2);
}

#[test]
fn item_files_hold_the_items_the_pages_show() {
    let f = Fixture::new(&["minimal"]);
    f.build("https://example.org/").unwrap();
    let out = f.out();
    for lang in ["ru", "kk"] {
        let items = items(&out, lang);
        assert_eq!(items.len(), 4);
        let page1 = read(&out, &format!("{lang}/documents/index.html"));
        let page2 = read(&out, &format!("{lang}/documents/page/2/index.html"));
        for (n, item) in items.iter().enumerate() {
            let page = if n < 2 { &page1 } else { &page2 };
            assert!(page.contains(item.as_str()), "{lang} item {n} not on its page: {item}");
        }
        let strings = json(&out, &format!("lists/strings/{lang}.json"));
        assert_eq!(strings["ui"], "ru kk");
        assert!(strings["list_csv_header"].as_str().unwrap().split('|').count() == 7);
    }
}

#[test]
fn list_pages_have_a_pager_above_and_below_and_say_which_dates_they_cover() {
    let f = Fixture::new(&["minimal"]);
    f.build("https://example.org/").unwrap();
    let out = f.out();
    let ru = read(&out, "ru/documents/index.html");
    assert_eq!(ru.matches("<nav class=\"pager\"").count(), 2, "{ru}");
    let list = ru.find("<ol class=\"doc-list\"").unwrap();
    assert!(
        ru[..list].contains("<nav class=\"pager\"") && ru[list..].contains("<nav class=\"pager\"")
    );
    assert!(
        ru.contains("На этой странице — документы с 2\u{a0}ноября 2019\u{a0}г. по 16\u{a0}октября 2024\u{a0}г."),
        "{ru}"
    );
    let kk = read(&out, "kk/documents/page/2/index.html");
    assert!(kk.contains("class=\"covers\">Бұл беттегі құжаттардың күні: "), "{kk}");
    assert!(kk.contains("data-list=\"all.json\""), "{kk}");
    // The undated documents' page covers no dates.
    assert!(!read(&out, "ru/years/undated/index.html").contains("class=\"covers\""));
}

#[test]
fn a_year_bar_of_an_entity_chart_leads_to_its_documents_of_that_year() {
    let f = Fixture::new(&["minimal"]);
    f.build("https://example.org/").unwrap();
    let page = read(&f.out(), "kk/countries/kazakhstan/index.html");
    assert!(
        page.contains("<a href=\"/kk/countries/kazakhstan/?from=2019&amp;to=2019#list\">"),
        "{page}"
    );
    // A year with no document of the entity keeps its link to the year page.
    let ru = read(&f.out(), "ru/years/index.html");
    assert!(!ru.contains("?from="), "the site's own chart links year pages");
}

#[test]
fn the_chronology_files_events_and_documents_by_year_and_month_newest_first() {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "content/documents/2023/primerno.md",
        "---\ntitle: Документ с неточной датой\nlang: ru\ndate: \"2023?\"\nkind: news\ncountries: [kazakhstan]\n---\nТекст.\n",
    );
    f.build("https://example.org/").unwrap();
    let ru = read(&f.out(), "ru/timeline/index.html");
    // Year navigation, newest first, and the undated documents' own section.
    let nav = ["#y2024", "#y2023", "#y2019", "#undated"]
        .map(|a| ru.find(&format!("href=\"{a}\"")).unwrap());
    assert!(nav.windows(2).all(|w| w[0] < w[1]), "{ru}");
    assert!(ru.contains("<h2 id=\"undated\">"), "{ru}");
    assert!(ru.contains("/ru/years/undated/\">документов: 1</a>"), "{ru}");
    // Months newest first within a year; the uncertain document listed with its marker where
    // it is filed (a year alone: «month not given»).
    let y2023 = &ru[ru.find("id=\"y2023\"").unwrap()..ru.find("id=\"y2019\"").unwrap()];
    assert!(
        y2023.contains("<h4>Месяц не указан <span class=\"count\">документов: 1</span></h4>"),
        "{y2023}"
    );
    assert!(
        y2023.contains("Документ с неточной датой") && y2023.contains("class=\"date-mark\""),
        "{y2023}"
    );
    let y2019 = &ru[ru.find("id=\"y2019\"").unwrap()..];
    assert!(y2019.find("<h4>Ноябрь").unwrap() < y2019.find("id=\"undated\"").unwrap());
    assert!(y2019.contains("/ru/events/sco-chg-18/"), "the month's event: {y2019}");
    let kk = read(&f.out(), "kk/timeline/index.html");
    assert!(kk.contains("<h4>Айы көрсетілмеген"), "{kk}");
}
