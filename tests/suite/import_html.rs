//! Saved HTML pages through `archive import`: the metadata the markup states in several places
//! (JSON-LD, Open Graph, `<h1>`, `<title>`, `itemprop`, the URL) weighed into the written front
//! matter, and what disagrees written as review lines. Pages written for the test, in the shape
//! news sites' pages take.

use crate::import::{empty_site, import_files, written_meta};

/// Imports one page and returns its written front matter.
fn imported(page: &str) -> archive::content::DocumentMeta {
    let tmp = empty_site();
    let root = tmp.path();
    let report = import_files(root, &[("page.html", page.as_bytes().to_vec())]);
    let out = report.records[0].output.clone().unwrap_or_else(|| panic!("{:?}", report.records));
    written_meta(root, &out)
}

#[test]
fn json_ld_graph_dates_titles_and_names_the_publisher() {
    let page = r#"<!DOCTYPE html><html><head><title>Министры обсудили транзит — Пример Ньюс</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},
{"@type":"NewsArticle","headline":"Министры обсудили транзит","datePublished":"2024-03-05T09:30:00+05:00",
"dateModified":"2024-04-01T10:00:00+05:00","publisher":{"@type":"Organization","name":"Пример Ньюс"}}]}</script>
</head><body><div class="page"><p>Министры транспорта обсудили транзитные маршруты.</p></div></body></html>"#;
    let meta = imported(page);
    assert_eq!(meta.title, "Министры обсудили транзит");
    assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
    assert_eq!(meta.source.map(|s| s.name).as_deref(), Some("Пример Ньюс"));
    assert!(!meta.review.iter().any(|r| r.starts_with("title:")), "{:?}", meta.review);
}

#[test]
fn a_date_in_the_address_dates_a_page_without_metadata() {
    let page = r#"<!DOCTYPE html><html><head><title>Совещание в Астане</title>
<link rel="canonical" href="https://news.example.kz/ru/2023/11/14/soveshchanie"></head>
<body><article><h1>Совещание в Астане</h1><p>В Астане прошло совещание.</p></article></body></html>"#;
    let meta = imported(page);
    assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2023-11-14"));
}

#[test]
fn disagreeing_headlines_and_dates_are_written_for_review() {
    let page = r#"<!DOCTYPE html><html><head><meta property="og:title" content="Важная новость дня">
<meta property="article:published_time" content="2023-11-14T10:00:00+06:00">
<link rel="canonical" href="https://news.example.kz/2023/10/02/sammit"></head>
<body><article><h1>Саммит открылся в Бишкеке</h1><p>Саммит открылся.</p></article></body></html>"#;
    let meta = imported(page);
    assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2023-11-14"));
    assert!(
        meta.review
            .iter()
            .any(|r| r.starts_with("title:") && r.contains("Саммит открылся в Бишкеке")),
        "{:?}",
        meta.review
    );
    assert!(
        meta.review.iter().any(|r| r.starts_with("date:") && r.contains("2023-10-02")),
        "{:?}",
        meta.review
    );
}
