//! One builder per kind of page: route + graph → the view a template renders. [`build`]
//! dispatches a route to its builder (here or in the page modules); the frame they share is
//! [`super::frame`].

use serde::Serialize;

use super::Renderer;
use super::frame::{Built, built_page, page_frame, paged_title};
use super::markdown;
use super::views::{Ctx, DocList, Link, Review};
use crate::content::{EntityKind, Event, OrgType, Organization};
use crate::graph::DocListKey;
use crate::routes::{self, Route};

/// A page that is a list of documents.
#[derive(Serialize)]
struct ListBody {
    docs: DocList,
}

/// The not-found message in one language, with a link to that language's home page.
#[derive(Serialize)]
struct NotFoundIn {
    lang: String,
    title: String,
    text: String,
    home_url: String,
    go_home: String,
}

/// What a not-found page says: the page's own language first; the root 404 (served for a
/// missing path of any language) says it in every UI language, since the reader's is unknown.
#[derive(Serialize)]
struct NotFoundBody {
    others: Vec<NotFoundIn>,
}

/// The not-found page of a language, or the root one (`every_language`).
fn not_found(cx: &Ctx, every_language: bool) -> Built {
    let r = &Route::NotFound;
    let others = if every_language {
        let cfg = cx.config;
        let say = |l, key| cx.strings.get(l, key).to_string();
        cfg.languages
            .iter()
            .filter(|l| *l != cx.lang)
            .map(|l| NotFoundIn {
                lang: l.to_string(),
                title: say(l, "not_found_title"),
                text: say(l, "not_found_text"),
                home_url: Route::Home.url(&cfg.base_path, l),
                go_home: say(l, "go_home"),
            })
            .collect()
    } else {
        Vec::new()
    };
    // The root 404 answers a missing page of any language: its tab title says it in each.
    let head = (every_language && !others.is_empty()).then(|| {
        let titles =
            std::iter::once(cx.t("not_found_title")).chain(others.iter().map(|o| o.title.as_str()));
        format!("{} — {}", titles.collect::<Vec<_>>().join(" · "), cx.config.title(cx.lang))
    });
    let body = NotFoundBody { others };
    let mut p = page_frame(cx, r, r, cx.t("not_found_title").into(), String::new(), "", body);
    if let Some(head) = head {
        p.head_title = head;
    }
    built_page("404.html", &p)
}

/// Builds the view of `route` in the context's language.
pub(crate) fn build(r: &Renderer, cx: &Ctx, route: &Route) -> Built {
    match route {
        Route::Root => root(cx),
        Route::RootNotFound => not_found(cx, true),
        Route::NotFound => not_found(cx, false),
        Route::Home => home(cx, route),
        Route::Completeness => super::completeness::build(cx, route),
        Route::Act { id } => super::act_page::build(cx, route, id),
        Route::Timeline => super::timeline::build(cx, route),
        Route::Search => super::search_page::build(cx, route),
        Route::Documents { page } => {
            let docs = cx.doc_list(&cx.graph.all, &DocListKey::All, route, *page);
            let body = ListBody { docs };
            let p = page_frame(
                cx,
                route,
                route,
                paged_title(cx, cx.t("all_documents"), *page),
                String::new(),
                "documents",
                body,
            );
            built_page("documents.html", &p)
        }
        // `Renderer::render` renders a document's text itself (reading it may fail); here a
        // document gets an empty text, and a route to no document the not-found page.
        Route::Document { id, .. } => match cx.graph.doc_by_id.get(id) {
            Some(&i) => document(cx, route, i, &markdown::Rendered::default(), &Default::default()),
            None => not_found(cx, false),
        },
        Route::Index { kind, page } => index(cx, route, *kind, *page),
        Route::Entity { kind, id, .. } if !cx.graph.corpus.contains(*kind, id) => {
            not_found(cx, false)
        }
        Route::Entity { kind, id, page } => {
            super::entity_pages::build(r, cx, route, *kind, id, *page)
        }
        Route::Years => years(cx, route),
        Route::Year { year, page } => {
            let docs = cx
                .graph
                .years
                .iter()
                .find(|(y, _)| y == year)
                .map(|(_, d)| d.as_slice())
                .unwrap_or(&[]);
            let label = year.map(|y| y.to_string()).unwrap_or_else(|| cx.t("undated").into());
            let body = YearBody {
                label: label.clone(),
                docs: cx.doc_list(docs, &DocListKey::Year(*year), route, *page),
            };
            let p = page_frame(
                cx,
                route,
                route,
                paged_title(cx, &label, *page),
                String::new(),
                "years",
                body,
            );
            built_page("year.html", &p)
        }
    }
}

#[derive(Serialize)]
struct RootBody {
    target: String,
}

fn root(cx: &Ctx) -> Built {
    let target = Route::Home.url(&cx.config.base_path, &cx.config.default_language);
    // The root page's «alternates» are the home pages of every language.
    let p = page_frame(
        cx,
        &Route::Home,
        &Route::Home,
        cx.config.title(cx.lang).into(),
        String::new(),
        "",
        RootBody { target },
    );
    built_page("root.html", &p)
}

#[derive(Serialize)]
struct Stat {
    label: String,
    count: usize,
    url: String,
}

#[derive(Serialize)]
struct HomeBody {
    stats: Vec<Stat>,
    latest: Vec<String>,
    organizations: Vec<Link>,
    events: Vec<Link>,
    /// Events dated after the newest document, soonest first, shown apart from the recent ones.
    upcoming: Vec<Link>,
    years: Vec<Link>,
    all_url: String,
    /// The export: documents as JSON and CSV, and the package description.
    data: DataLinks,
    /// This language's Atom feed.
    feed_url: String,
}

#[derive(Serialize)]
struct DataLinks {
    json: String,
    csv: String,
    package: String,
}

fn home(cx: &Ctx, route: &Route) -> Built {
    let g = cx.graph;
    let c = &g.corpus;
    let stat = |key: &'static str, count: usize, r: Route| Stat {
        label: cx.t(key).into(),
        count,
        url: cx.url(&r),
    };
    // The documents, then each kind (its label's key is its folder's name).
    let kinds = EntityKind::ALL
        .into_iter()
        .map(|kind| stat(kind.dir(), c.entities.len(kind), Route::Index { kind, page: 1 }));
    let documents = stat("documents", c.documents.len(), Route::Documents { page: 1 });
    let stats: Vec<Stat> = std::iter::once(documents).chain(kinds).collect();
    let latest = (0..c.documents.len().min(10)).map(|i| cx.doc_item_html(i)).collect();
    let mut orgs: Vec<(&String, usize)> = c
        .entities
        .of::<Organization>()
        .filter(|(_, o)| o.parent.is_none() && o.org_type != Some(OrgType::National))
        .map(|(e, _)| (&e.id, g.page_documents(EntityKind::Organization, &e.id).len()))
        .collect();
    orgs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let organizations = orgs
        .into_iter()
        .take(8)
        .map(|(id, n)| cx.entity_link(EntityKind::Organization, id, cx.num(n)))
        .collect();
    let (events, upcoming) = home_events(cx);
    let years = year_links(cx);
    let body = HomeBody {
        stats,
        latest,
        organizations,
        events,
        upcoming,
        years,
        all_url: cx.url(&Route::Documents { page: 1 }),
        data: DataLinks {
            json: format!("{}{}", cx.config.base_path, routes::export("documents.json")),
            csv: format!("{}{}", cx.config.base_path, routes::export("documents.csv")),
            package: format!("{}{}", cx.config.base_path, routes::export("datapackage.json")),
        },
        feed_url: format!("{}{}", cx.config.base_path, routes::feed(cx.lang, None)),
    };
    let desc = cx.config.description.get(cx.lang).cloned().unwrap_or_default();
    let mut p = page_frame(cx, route, route, cx.config.title(cx.lang).into(), desc, "", body);
    super::meta::home(cx, &mut p.meta);
    built_page("home.html", &p)
}

/// The home page's recent events (newest first) and upcoming ones (soonest first). «Now» is the
/// date of the newest dated document, not the build's day (the same input must give the same
/// site): an event after the archive's last document was announced, not held, and must not
/// lead the recent events as the 2026 meeting announced in a 2025 report did. An event with no
/// date or a date shared with the newest document counts as recent.
fn home_events(cx: &Ctx) -> (Vec<Link>, Vec<Link>) {
    let c = &cx.graph.corpus;
    let horizon = c.documents.iter().find_map(|d| d.filed_date());
    let date = |id: &str| c.data::<Event>(id).date;
    let mut evs: Vec<&String> = c.ids(EntityKind::Event);
    evs.sort_by(|a, b| date(b).cmp(&date(a)).then(a.cmp(b)));
    // Upcoming: the first day the event's date can mean («2026» → 1 January) is after the
    // last day the newest document's date can mean.
    let after = |id: &str| match (date(id), horizon) {
        (Some(d), Some(h)) => {
            (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
                > (h.year, h.month.unwrap_or(12), h.day.unwrap_or(31))
        }
        _ => false,
    };
    let link =
        |id: &String| cx.entity_link(EntityKind::Event, id, cx.date_or_unknown(date(id).as_ref()));
    let recent = evs.iter().filter(|id| !after(id)).take(5).map(|id| link(id)).collect();
    let upcoming = evs.iter().rev().filter(|id| after(id)).take(3).map(|id| link(id)).collect();
    (recent, upcoming)
}

fn year_links(cx: &Ctx) -> Vec<Link> {
    cx.graph
        .years
        .iter()
        .map(|(y, docs)| Link {
            url: cx.url(&Route::Year { year: *y, page: 1 }),
            name: y.map(|y| y.to_string()).unwrap_or_else(|| cx.t("undated").into()),
            detail: cx.num(docs.len()),
            lang: String::new(),
        })
        .collect()
}

#[derive(Serialize)]
struct YearBody {
    label: String,
    docs: DocList,
}

#[derive(Serialize)]
struct YearsBody {
    years: Vec<Link>,
}

fn years(cx: &Ctx, route: &Route) -> Built {
    let p = page_frame(
        cx,
        route,
        route,
        cx.t("years").into(),
        String::new(),
        "years",
        YearsBody { years: year_links(cx) },
    );
    built_page("years.html", &p)
}

#[derive(Serialize)]
struct IndexBody {
    kind: &'static str,
    /// Entities in the whole index.
    total: usize,
    /// This page's entities.
    items: Vec<Link>,
    /// The same entities grouped (people by surname letter, countries by membership,
    /// organizations as a hierarchy); empty for a flat list. See `index_groups`.
    groups: Vec<super::index_groups::Group>,
    pager: Option<super::views::Pager>,
}

fn index(cx: &Ctx, route: &Route, kind: EntityKind, page: usize) -> Built {
    let g = cx.graph;
    let c = &g.corpus;
    let mut ids = c.ids(kind);
    if kind == EntityKind::Event {
        ids.sort_by(|a, b| c.data::<Event>(b).date.cmp(&c.data::<Event>(a).date).then(a.cmp(b)));
    } else {
        // By name in the alphabet of the UI language (then by id, for entities with one name).
        let lang = cx.lang.as_str();
        let mut named: Vec<(Vec<u16>, &String)> = ids
            .into_iter()
            .map(|id| (crate::text::collate::key(lang, g.name(kind, id, lang)), id))
            .collect();
        named.sort();
        ids = named.into_iter().map(|(_, id)| id).collect();
    }
    let total = ids.len();
    let pages = super::views::page_count(total, super::views::INDEX_PAGE_SIZE);
    let start = (page - 1) * super::views::INDEX_PAGE_SIZE;
    let items: Vec<Link> = ids
        .into_iter()
        .skip(start)
        .take(super::views::INDEX_PAGE_SIZE)
        .map(|id| {
            let n = g.page_documents(kind, id).len();
            let mut l = cx.entity_link(kind, id, cx.num(n));
            if kind == EntityKind::Event {
                let date = cx.date_or_unknown(c.data::<Event>(id).date.as_ref());
                l.detail = format!("{date} · {}: {}", cx.t("documents_count"), cx.num(n));
            }
            l
        })
        .collect();
    let pager = (pages > 1).then(|| cx.pager(route, page, pages));
    // Grouped when the whole index fits on one page (a paginated index stays a flat list).
    let groups = if pages == 1 { super::index_groups::groups(cx, kind) } else { Vec::new() };
    let items = if groups.is_empty() { items } else { Vec::new() };
    let section = kind.dir();
    let p = page_frame(
        cx,
        route,
        route,
        paged_title(cx, cx.t(section), page),
        String::new(),
        section,
        IndexBody { kind: section, total, items, groups, pager },
    );
    built_page("index.html", &p)
}

#[derive(Serialize)]
struct DocumentBody {
    doc_lang: String,
    lang_label: String,
    date: String,
    date_iso: String,
    date_mark: &'static str,
    date_mark_title: String,
    kind: String,
    source_name: String,
    source_url: String,
    credits: Vec<String>,
    html: String,
    toc: Vec<markdown::Heading>,
    event: Option<Link>,
    /// Rendered links (`_link.html`), as the list items of documents are.
    countries: Vec<String>,
    organizations: Vec<String>,
    people: Vec<String>,
    places: Vec<String>,
    translations: Vec<String>,
    related: Vec<String>,
    /// The GOST reference up to «(дата обращения: », and the access-date placeholder after it.
    citation: String,
    cite_accessed: String,
    /// BibTeX and CSL-JSON of the document, as `data:` links, and the file name they save as.
    cite_bib: String,
    cite_json: String,
    cite_file: String,
    raw_url: String,
    /// Media type of the published raw source (see `routes::raw_source`).
    raw_type: &'static str,
    review: Option<Review>,
    /// The act panel (`_act.html`), when the document is an act or an act relates to it.
    act: Option<super::act::ActView>,
}

/// The page of a document whose text is already rendered (once for all UI languages).
/// `i` is the document's index in the corpus (so the document exists).
/// `cite` is the document's [`crate::cite::file_links`], the same in every UI language.
pub(crate) fn document(
    cx: &Ctx,
    route: &Route,
    i: usize,
    text: &markdown::Rendered,
    cite: &(String, String),
) -> Built {
    let g = cx.graph;
    let d = g.doc(i);
    let m = &d.meta;
    let item = cx.doc_item(i);
    let own_lang = routes::canonical_lang(cx.config, &m.lang);
    let canonical = format!("{}{}", cx.config.origin, route.url(&cx.config.base_path, own_lang));
    let source_name = m.source.as_ref().map(|s| s.name.clone()).unwrap_or_default();
    let date_words = d.edtf.as_ref().map(|e| cx.edtf(e));
    // A decision is adopted where its event took place.
    let place = m
        .event
        .as_ref()
        .and_then(|e| g.corpus.entities.get_as::<Event>(e))
        .and_then(|(_, ev)| ev.place.as_deref())
        .map(|p| cx.entity_name(EntityKind::Place, p).0);
    let cited = crate::cite::Cited {
        doc: d,
        archive_title: cx.config.title(cx.lang),
        archive_url: &canonical,
        date_words: date_words.as_deref(),
        place: place.as_deref(),
    };
    let citation = crate::cite::gost(cx.strings, cx.lang, &cited);
    let html = text.html.clone();
    let headings = text.headings.clone();
    // A table of contents for long structured texts: three or more top-level sections.
    let top = headings.iter().map(|h| h.level).min().unwrap_or(2);
    let toc: Vec<markdown::Heading> = headings.into_iter().filter(|h| h.level == top).collect();
    let toc = if toc.len() >= 3 { toc } else { Vec::new() };
    let body = DocumentBody {
        doc_lang: m.lang.clone(),
        lang_label: item.lang_label.clone(),
        date: item.date.clone(),
        date_iso: item.date_iso.clone(),
        date_mark: item.date_mark,
        date_mark_title: item.date_mark_title.clone(),
        kind: item.kind.clone(),
        source_url: m.source.as_ref().and_then(|s| s.url.clone()).unwrap_or_default(),
        source_name,
        credits: m.credits.clone(),
        html,
        toc,
        event: m.event.as_ref().map(|e| {
            cx.entity_link(
                EntityKind::Event,
                e,
                cx.date_or_unknown(
                    g.corpus.entities.get_as::<Event>(e).and_then(|(_, x)| x.date.as_ref()),
                ),
            )
        }),
        countries: cx.entity_links_html(EntityKind::Country, m.ids(EntityKind::Country)),
        organizations: cx
            .entity_links_html(EntityKind::Organization, m.ids(EntityKind::Organization)),
        people: cx.entity_links_html(EntityKind::Person, m.ids(EntityKind::Person)),
        places: cx.entity_links_html(EntityKind::Place, m.ids(EntityKind::Place)),
        translations: g.translations[i].iter().map(|&j| cx.doc_item_html(j)).collect(),
        related: g.related[i].iter().map(|&j| cx.doc_item_html(j)).collect(),
        citation: citation.head,
        cite_accessed: citation.accessed,
        cite_bib: cite.0.clone(),
        cite_json: cite.1.clone(),
        cite_file: d.id.clone(),
        raw_url: m
            .imported_from
            .as_ref()
            .map(|s| crate::routes::raw_source_url(&cx.config.base_path, s))
            .unwrap_or_default(),
        raw_type: m.imported_from.as_ref().map(|s| crate::routes::raw_source(s).1).unwrap_or(""),
        review: cx.review(&m.review),
        act: super::act::view(cx, i),
    };
    let description: String = text.plain.chars().take(200).collect();
    let mut p =
        page_frame(cx, route, route, m.title.clone(), description.clone(), "documents", body);
    super::meta::document(cx, &mut p.meta, d, &canonical, &description);
    built_page("document.html", &p)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::config::Config;

    /// `build` promises a route to no document the not-found page; it indexed the document map
    /// and panicked (and so did a route to no entity).
    #[test]
    fn a_route_to_no_document_or_entity_gets_the_not_found_page() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(&root.join("site.toml")).unwrap();
        let (corpus, _) = crate::content::load(root, &config).unwrap();
        let (graph, _) = crate::graph::resolve(corpus, &BTreeSet::new());
        let r = Renderer::load(root, &config).unwrap();
        let lang = &config.default_language;
        let cx = Ctx {
            graph: &graph,
            config: &config,
            strings: &r.strings,
            lang,
            items: &super::super::views::NO_ITEMS,
        };
        let missing = Route::Document { folder: "2019".into(), id: "no-such-document".into() };
        assert!(!graph.doc_by_id.contains_key("no-such-document"));
        assert_eq!(build(&r, &cx, &missing).template, "404.html");
        // A document that exists still gets its own page.
        let known = crate::routes::document(graph.doc(0));
        assert_eq!(build(&r, &cx, &known).template, "document.html");
        // The same for an entity.
        let missing = crate::routes::entity(EntityKind::Person, "no-such-person");
        assert!(!graph.corpus.contains(EntityKind::Person, "no-such-person"));
        assert_eq!(build(&r, &cx, &missing).template, "404.html");
    }
}
