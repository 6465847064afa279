//! The metadata a saved page states in its markup, each field weighed across the places a page
//! states it: the headline (`og:title`, JSON-LD `headline`, the article's `<h1>`, `<title>` less
//! its site-name part), the publication date (JSON-LD `datePublished`, `article:published_time`,
//! `itemprop=datePublished`, a `<time datetime>` by the headline, a date in the URL's path) and
//! the publisher (`og:site_name`, JSON-LD `publisher`). Strong candidates that disagree are named
//! in review lines, with the runner-up, in the text path's words.

use scraper::{ElementRef, Html, Selector};

use super::{normalize, text_of};
use crate::content::PartialDate;
use crate::import::{dateline, dates};

/// What the markup states, chosen.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Stated {
    /// The headline.
    pub(super) title: Option<String>,
    /// The publication time as written (or `YYYY-MM-DD` from the URL's path).
    pub(super) published: Option<String>,
    /// The publisher, normalised by [`dateline::publisher_name`].
    pub(super) site_name: Option<String>,
    /// Review lines for candidates that disagree.
    pub(super) notes: Vec<String>,
}

/// Reads the page's metadata; `article` is the element the body is taken from, `url` the page's
/// canonical address.
pub(super) fn read(doc: &Html, article: Option<ElementRef>, url: Option<&str>) -> Stated {
    let ld = json_ld(doc);
    let mut notes = Vec::new();
    let site_name = publisher(doc, ld.as_ref(), &mut notes);
    let mut sites: Vec<String> = site_name.iter().cloned().collect();
    sites.extend(url.and_then(host_name));
    let title = title(doc, article, ld.as_ref(), &sites, &mut notes);
    let published = published(doc, article, ld.as_ref(), url, &mut notes);
    Stated { title, published, site_name, notes }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

fn attr(doc: &Html, selector: &str, name: &str) -> Option<String> {
    doc.select(&sel(selector))
        .find_map(|e| e.value().attr(name))
        .map(|s| normalize(s).split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
}

/// What a JSON-LD article object states.
#[derive(Debug, Default)]
struct LdArticle {
    headline: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
}

/// schema.org types of a news report or an article (the news subtypes are what Russian and
/// Kazakh news sites declare; `Article` and `BlogPosting` what site engines declare by default).
const ARTICLE_TYPES: [&str; 8] = [
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReportageArticle",
    "BlogPosting",
];

/// The first article object of the page's JSON-LD blocks: at the top, in an array or in an
/// `@graph` list. `dateModified` is never read as the publication date.
fn json_ld(doc: &Html) -> Option<LdArticle> {
    for script in doc.select(&sel("script[type='application/ld+json']")) {
        let text: String = script.text().collect();
        // serde_json refuses nesting deeper than 128, so a hostile block is an error, not a stall.
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text.trim()) else { continue };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                serde_json::Value::Object(map) => {
                    if is_article(map.get("@type")) {
                        let s = |k: &str| ld_text(map.get(k));
                        return Some(LdArticle {
                            headline: s("headline").or_else(|| s("name")),
                            published: s("datePublished"),
                            publisher: map.get("publisher").and_then(ld_name),
                        });
                    }
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

fn is_article(kind: Option<&serde_json::Value>) -> bool {
    match kind {
        Some(serde_json::Value::String(s)) => ARTICLE_TYPES.contains(&s.as_str()),
        Some(serde_json::Value::Array(a)) => a.iter().any(|k| is_article(Some(k))),
        _ => false,
    }
}

fn ld_text(v: Option<&serde_json::Value>) -> Option<String> {
    let s = v?.as_str()?;
    let s = normalize(s).split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// A publisher as JSON-LD writes it: a name, an object with a `name`, or a list of either.
fn ld_name(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(_) => ld_text(Some(v)),
        serde_json::Value::Object(m) => ld_text(m.get("name")),
        serde_json::Value::Array(a) => a.iter().find_map(ld_name),
        _ => None,
    }
}

/// Lower case, letters and digits only: how two spellings of one name are compared.
fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The publisher: `og:site_name`, else the JSON-LD publisher; two that name different outlets
/// go to review.
fn publisher(doc: &Html, ld: Option<&LdArticle>, notes: &mut Vec<String>) -> Option<String> {
    let og = attr(doc, "meta[property='og:site_name']", "content");
    let ld = ld.and_then(|l| l.publisher.clone());
    if let (Some(a), Some(b)) = (&og, &ld) {
        let (ka, kb) = (key(a), key(b));
        if !ka.contains(&kb) && !kb.contains(&ka) {
            notes.push(format!(
                "source: the page's og:site_name is «{a}» and its JSON-LD publisher «{b}»; check which published it"
            ));
        }
    }
    og.or(ld).map(|n| dateline::publisher_name(&n))
}

/// The name part of a host: `www.inform.kz` → `inform`, the part a site's name spells. A label
/// of one or two letters (`co` of `example.co.uk`) would match inside any word, so it names none.
fn host_name(url: &str) -> Option<String> {
    let host = url.split("://").nth(1)?.split(['/', '?', '#', ':']).next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| *l != "www").collect();
    let name = labels.len().checked_sub(2).map_or(labels.first(), |i| labels.get(i))?;
    (name.chars().count() >= 3).then(|| name.to_string())
}

/// Separators between a headline and a site's name in `<title>` and `og:title`.
const SEPARATORS: [&str; 7] = [" | ", " — ", " – ", " - ", " :: ", " / ", " » "];

/// `t` less a leading or trailing part that names one of `sites` («Заголовок — Inform.kz»,
/// «Site | Заголовок»).
fn strip_site(t: &str, sites: &[String]) -> String {
    let names_site = |part: &str| {
        let k = key(part);
        !k.is_empty() && sites.iter().map(|s| key(s)).any(|s| !s.is_empty() && k.contains(&s))
    };
    for sep in SEPARATORS {
        if let Some((head, tail)) = t.rsplit_once(sep)
            && names_site(tail)
        {
            return head.trim().to_string();
        }
        if let Some((head, tail)) = t.split_once(sep)
            && names_site(head)
        {
            return tail.trim().to_string();
        }
    }
    t.to_string()
}

/// Whether two headline candidates say the same, or one is the other plus a part after or before
/// a separator (a site name the page did not state elsewhere).
fn agrees(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase().replace('ё', "е"), b.to_lowercase().replace('ё', "е"));
    let part_of = |long: &str, short: &str| {
        SEPARATORS.iter().any(|s| {
            long.strip_prefix(short).is_some_and(|r| r.starts_with(s))
                || long.strip_suffix(short).is_some_and(|r| r.ends_with(s))
        })
    };
    key(&a) == key(&b) || part_of(&a, &b) || part_of(&b, &a)
}

/// The headline: of `og:title`, the JSON-LD headline, the article's `<h1>` and `<title>` (each
/// less a site-name part), the one most of the others agree with, in that order on a tie. A
/// headline no other candidate confirms while another differs goes to review, naming it.
fn title(
    doc: &Html,
    article: Option<ElementRef>,
    ld: Option<&LdArticle>,
    sites: &[String],
    notes: &mut Vec<String>,
) -> Option<String> {
    let h1 = article
        .and_then(|a| a.select(&sel("h1")).map(text_of).find(|t| !t.is_empty()))
        .or_else(|| doc.select(&sel("h1")).map(text_of).find(|t| !t.is_empty()))
        // A site's logo is often its page's only <h1>.
        .filter(|t| !sites.iter().any(|s| key(s) == key(t)));
    let page_title = doc.select(&sel("title")).next().map(text_of);
    let found: Vec<(&str, String)> = [
        ("og:title", attr(doc, "meta[property='og:title']", "content")),
        ("JSON-LD headline", ld.and_then(|l| l.headline.clone())),
        ("<h1>", h1),
        ("<title>", page_title),
    ]
    .into_iter()
    .filter_map(|(what, t)| Some((what, strip_site(&t?, sites))))
    .filter(|(_, t)| t.chars().any(char::is_alphanumeric))
    .collect();
    let support = |i: usize| {
        found.iter().enumerate().filter(|(j, c)| *j != i && agrees(&found[i].1, &c.1)).count()
    };
    let best = (0..found.len()).max_by_key(|&i| (support(i), usize::MAX - i))?;
    if support(best) == 0
        && let Some((what, other)) =
            found.iter().find(|(w, _)| *w != "<title>" && *w != found[best].0)
    {
        notes.push(format!(
            "title: the page's {} is «{}» but its {what} is «{other}»; check which is the headline",
            found[best].0, found[best].1
        ));
    }
    Some(found[best].1.clone())
}

/// The publication time: the first of the JSON-LD `datePublished`, `article:published_time`,
/// `itemprop=datePublished`, a `<time datetime>` by the headline and a date in the URL's path;
/// another of them naming a different day goes to review.
fn published(
    doc: &Html,
    article: Option<ElementRef>,
    ld: Option<&LdArticle>,
    url: Option<&str>,
    notes: &mut Vec<String>,
) -> Option<String> {
    let itemprop = doc
        .select(&sel("[itemprop=datePublished]"))
        .find_map(|e| e.value().attr("content").or_else(|| e.value().attr("datetime")))
        .map(|s| normalize(s).trim().to_string());
    let found: Vec<(String, PartialDate)> = [
        ld.and_then(|l| l.published.clone()),
        attr(doc, "meta[property='article:published_time']", "content"),
        itemprop,
        time_by_headline(doc, article),
        url.and_then(url_date),
    ]
    .into_iter()
    .flatten()
    .filter_map(|t| day_of(&t).map(|d| (t, d)))
    .collect();
    let (text, day) = found.first()?;
    if let Some((other, _)) =
        found.iter().find(|(t, d)| d != day && !near_midnight(text, t, *day, *d))
    {
        notes.push(format!(
            "date: the page gives «{text}» and also «{other}»; check which is the publication date"
        ));
    }
    Some(text.clone())
}

/// A `<time datetime>` (or `<time pubdate>`) inside an `<article>` or `<main>`, else within three
/// levels around the page's `<h1>`: a time elsewhere dates a related story or the day the page
/// was saved.
fn time_by_headline(doc: &Html, article: Option<ElementRef>) -> Option<String> {
    let time = sel("time[datetime]");
    let first = |e: ElementRef| {
        e.select(&time).find_map(|t| t.value().attr("datetime").map(str::to_string))
    };
    let inside = article.filter(|a| a.value().name() != "body").and_then(first);
    let near = || {
        let h1 = doc.select(&sel("h1")).next()?;
        h1.ancestors().take(3).filter_map(ElementRef::wrap).find_map(first)
    };
    inside.or_else(near).map(|s| normalize(&s).trim().to_string())
}

/// A full date in a URL's path: `/2023/06/07/`, `/2023-06-07-…` or `/20230607/`. A year and
/// month alone (`/2023/06/`) is no date.
fn url_date(url: &str) -> Option<String> {
    let path = url.split("://").nth(1).unwrap_or(url);
    let path = path.split(['?', '#']).next()?;
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let found = parts.windows(3).find_map(|w| Some((num(w[0], 4)?, num(w[1], 2)?, num(w[2], 2)?)));
    let found = found.or_else(|| {
        parts.iter().find_map(|p| {
            let b = p.as_bytes();
            if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
                Some((num(&p[..4], 4)?, num(&p[5..7], 2)?, num(&p[8..10], 2)?))
            } else {
                num(p, 8).map(|d| (&d[..4], &d[4..6], &d[6..8]))
            }
        })
    });
    let (y, m, d) = found?;
    let text = format!("{y}-{m}-{d}");
    day_of(&text).filter(|p| (1990..=2100).contains(&p.year)).map(|_| text)
}

/// `s` when it is `n` ASCII digits.
fn num(s: &str, n: usize) -> Option<&str> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

fn day_of(text: &str) -> Option<PartialDate> {
    dates::find(text).into_iter().find_map(|m| match m.found {
        dates::Found::Date(d) if d.day.is_some() => Some(d),
        _ => None,
    })
}

/// Two stamps a day apart that both state a time of day: one instant written in two time zones
/// (UTC and local) lands on two days near midnight.
fn near_midnight(a: &str, b: &str, x: PartialDate, y: PartialDate) -> bool {
    let timed = |s: &str| s.get(10..11).is_some_and(|c| c.eq_ignore_ascii_case("t"));
    timed(a) && timed(b) && days(x).abs_diff(days(y)) <= 1
}

/// Days since the civil epoch, for comparing two dates.
fn days(d: PartialDate) -> i64 {
    let (y, m, d) =
        (i64::from(d.year), i64::from(d.month.unwrap_or(1)), i64::from(d.day.unwrap_or(1)));
    let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stated(html: &str, url: Option<&str>) -> Stated {
        let doc = Html::parse_document(html);
        let article = doc.select(&sel("article")).next();
        read(&doc, article, url)
    }

    #[test]
    fn json_ld_in_a_graph_gives_headline_date_and_publisher() {
        let page = r#"<head><script type="application/ld+json">{"@context":"https://schema.org",
"@graph":[{"@type":"WebSite","name":"Пример"},{"@type":["NewsArticle"],"headline":"Совет министров собрался",
"dateModified":"2024-03-09T12:00:00+05:00","datePublished":"2024-03-05T09:30:00+05:00",
"publisher":{"@type":"Organization","name":"Пример Ньюс"}}]}</script></head><body><p>x</p></body>"#;
        let s = stated(page, None);
        assert_eq!(s.title.as_deref(), Some("Совет министров собрался"));
        assert_eq!(s.published.as_deref(), Some("2024-03-05T09:30:00+05:00"));
        assert_eq!(s.site_name.as_deref(), Some("Пример Ньюс"));
        assert!(s.notes.is_empty(), "{:?}", s.notes);
    }

    #[test]
    fn the_page_title_loses_its_site_name() {
        let page = "<head><title>Министры встретились в Душанбе — Пример.kz</title>\
            <meta property='og:site_name' content='Пример.kz'></head><body><p>x</p></body>";
        let s = stated(page, None);
        assert_eq!(s.title.as_deref(), Some("Министры встретились в Душанбе"));
        let page = "<head><title>Primer.kz | Министры встретились</title></head><body></body>";
        let s = stated(page, Some("https://www.primer.kz/news/1"));
        assert_eq!(s.title.as_deref(), Some("Министры встретились"), "the host names the site");
        let page = "<head><title>Саммит - Cooperation news</title></head><body></body>";
        let s = stated(page, Some("https://news.example.co.uk/a"));
        assert_eq!(s.title.as_deref(), Some("Саммит - Cooperation news"), "«co» names no site");
    }

    #[test]
    fn the_headline_most_places_agree_on_wins() {
        // og:title is a teaser; the <h1> and <title> agree.
        let page = "<head><title>Кеңес отырысы өтті | Сайт</title>\
            <meta property='og:title' content='Бүгін маңызды жаңалық'></head>\
            <body><h1>Кеңес отырысы өтті</h1></body>";
        let s = stated(page, None);
        assert_eq!(s.title.as_deref(), Some("Кеңес отырысы өтті"));
        assert!(s.notes.is_empty(), "{:?}", s.notes);
    }

    #[test]
    fn headlines_that_disagree_go_to_review_with_the_runner_up() {
        let page = "<head><meta property='og:title' content='Первый вариант'></head>\
            <body><article><h1>Второй вариант</h1></article></body>";
        let s = stated(page, None);
        assert_eq!(s.title.as_deref(), Some("Первый вариант"));
        assert_eq!(
            s.notes,
            [
                "title: the page's og:title is «Первый вариант» but its <h1> is «Второй вариант»; check which is the headline"
            ]
        );
    }

    #[test]
    fn a_logo_heading_is_no_headline() {
        let page = "<head><meta property='og:site_name' content='Пример'>\
            <title>Саммит открылся - Пример</title></head>\
            <body><header><h1>ПРИМЕР</h1></header><div><p>Текст</p></div></body>";
        assert_eq!(stated(page, None).title.as_deref(), Some("Саммит открылся"));
    }

    #[test]
    fn itemprop_and_a_time_by_the_headline_date_the_page() {
        let page = "<body><span itemprop='datePublished' content='2023-02-01'></span></body>";
        assert_eq!(stated(page, None).published.as_deref(), Some("2023-02-01"));
        // No <article>: the time next to the headline, not the one in the page's header.
        let page = "<body><header><time datetime='2026-11-30'>сегодня</time></header>\
            <div class='post'><div class='head'><h1>Заголовок</h1><time datetime='2023-02-01T10:00'>1 февраля</time></div></div></body>";
        assert_eq!(stated(page, None).published.as_deref(), Some("2023-02-01T10:00"));
    }

    #[test]
    fn a_date_in_the_url_path_dates_the_page() {
        for url in [
            "https://example.kz/news/2023/02/01/sammit",
            "https://example.kz/2023-02-01-sammit.html",
            "https://example.kz/news/20230201/sammit.html",
        ] {
            assert_eq!(
                stated("<p>x</p>", Some(url)).published.as_deref(),
                Some("2023-02-01"),
                "{url}"
            );
        }
        assert_eq!(stated("<p>x</p>", Some("https://example.kz/2023/02/sammit")).published, None);
        assert_eq!(stated("<p>x</p>", Some("https://example.kz/news/12345678/x")).published, None);
    }

    #[test]
    fn dates_that_disagree_go_to_review() {
        let page = "<head><meta property='article:published_time' content='2023-02-01T10:00:00+06:00'></head><p>x</p>";
        let s = stated(page, Some("https://example.kz/2023/01/15/sammit"));
        assert_eq!(s.published.as_deref(), Some("2023-02-01T10:00:00+06:00"));
        assert_eq!(
            s.notes,
            [
                "date: the page gives «2023-02-01T10:00:00+06:00» and also «2023-01-15»; check which is the publication date"
            ]
        );
        // One instant in UTC and in local time is no disagreement.
        let page = "<head><meta property='article:published_time' content='2023-02-01T01:00:00+06:00'>\
            <script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":\"2023-01-31T19:00:00Z\"}</script></head>";
        assert!(stated(page, None).notes.is_empty());
    }

    #[test]
    fn publishers_that_disagree_go_to_review() {
        let page = "<head><meta property='og:site_name' content='Tengri'>\
            <script type='application/ld+json'>[{\"@type\":\"Article\",\"publisher\":[{\"name\":\"Tengrinews.kz\"}]}]</script></head>";
        assert!(stated(page, None).notes.is_empty(), "one name contains the other");
        let page = "<head><meta property='og:site_name' content='Первый'>\
            <script type='application/ld+json'>{\"@type\":\"Article\",\"publisher\":\"Второй\"}</script></head>";
        let s = stated(page, None);
        assert_eq!(s.site_name.as_deref(), Some("Первый"));
        assert_eq!(s.notes.len(), 1);
    }

    #[test]
    fn publisher_names_are_normalised() {
        let page = "<head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"publisher\":{\"name\":\"KAZINFORM\"}}</script></head>";
        assert_eq!(stated(page, None).site_name.as_deref(), Some("Kazinform"));
    }
}
