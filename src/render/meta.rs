//! Machine-readable page metadata for `<head>`: OpenGraph tags, schema.org JSON-LD and the Atom
//! feeds a page announces.
//!
//! [`frame`] gives every page a default (OpenGraph for a web page, a `WebPage` or `CollectionPage`
//! description, the site feed); the builders of documents, entities and the home page replace the
//! parts they know better. JSON-LD is written with [`crate::text::json::Obj`], whose strings are
//! safe inside a `<script>` element, so no title can close the element.

use serde::Serialize;

use crate::text::json::{self, Obj};

use super::views::Ctx;
use crate::cite::legislation_identifier;
use crate::content::{Country, Document, EntityKind, Event, Kind, Organization, Person, Place};
use crate::routes::{self, Route};

/// Everything a page says about itself to machines.
#[derive(Debug, Serialize, Default)]
pub(crate) struct Meta {
    /// OpenGraph `<meta property content>` pairs, in order; templates see them as `og_tags`,
    /// the finished elements, one per line (a template loop over them was a tenth of a
    /// document page's rendering time).
    #[serde(rename = "og_tags", serialize_with = "og_tags")]
    pub(crate) og: Vec<MetaTag>,
    /// The JSON-LD object, already escaped for a `<script>` element (render it unescaped).
    pub(crate) json_ld: String,
    /// Atom feeds to announce with `<link rel="alternate">`.
    pub(crate) feeds: Vec<FeedLink>,
}

/// One `<meta property="…" content="…">`.
#[derive(Debug, Serialize)]
pub(crate) struct MetaTag {
    /// `og:title` …
    pub(crate) property: &'static str,
    /// Its value (HTML-escaped by the template).
    pub(crate) content: String,
}

/// A feed announced in `<head>`.
#[derive(Debug, Serialize)]
pub(crate) struct FeedLink {
    /// Feed title.
    pub(crate) title: String,
    /// URL (base path + feed path).
    pub(crate) url: String,
}

/// The OpenGraph tags as HTML `<meta>` elements, each followed by a line break.
fn og_tags<S: serde::Serializer>(og: &[MetaTag], s: S) -> Result<S::Ok, S::Error> {
    let mut html = String::with_capacity(og.len() * 96);
    for t in og {
        let content = crate::text::escape::html(&t.content);
        html.push_str("<meta property=\"");
        html.push_str(t.property);
        html.push_str("\" content=\"");
        html.push_str(&content);
        html.push_str("\">\n");
    }
    s.serialize_str(&html)
}

impl Meta {
    /// Replaces the value of an OpenGraph property, or adds it.
    pub(crate) fn set_og(&mut self, property: &'static str, content: impl Into<String>) {
        let content = content.into();
        match self.og.iter_mut().find(|t| t.property == property) {
            Some(t) => t.content = content,
            None => self.og.push(MetaTag { property, content }),
        }
    }
}

/// The OpenGraph locale of a language code: `ru_RU`, `kk_KZ`, `en_US`; other codes as they are.
pub(crate) fn og_locale(lang: &str) -> String {
    match lang {
        "ru" => "ru_RU".into(),
        "kk" => "kk_KZ".into(),
        "en" => "en_US".into(),
        other => other.to_string(),
    }
}

fn abs(cx: &Ctx, route: &Route) -> String {
    routes::absolute(cx.config, &route.rel(cx.lang))
}

/// The site as a schema.org `WebSite` reference (for `isPartOf`).
fn website(cx: &Ctx) -> Obj {
    let mut o = Obj::new();
    o.str("@type", "WebSite")
        .str("name", cx.config.title(cx.lang))
        .str("url", &abs(cx, &Route::Home));
    o
}

/// The default metadata of a page.
pub(crate) fn frame(
    cx: &Ctx,
    route: &Route,
    canonical: &str,
    title: &str,
    description: &str,
) -> Meta {
    let site_title = cx.config.title(cx.lang);
    let description = if description.is_empty() {
        cx.config.description.get(cx.lang).map(String::as_str).unwrap_or_default()
    } else {
        description
    };
    let mut meta = Meta::default();
    meta.set_og("og:title", title);
    meta.set_og("og:type", "website");
    meta.set_og("og:url", canonical);
    meta.set_og("og:site_name", site_title);
    meta.set_og("og:locale", og_locale(cx.lang.as_str()));
    for l in cx.config.languages.iter().filter(|l| *l != cx.lang) {
        meta.og.push(MetaTag { property: "og:locale:alternate", content: og_locale(l.as_str()) });
    }
    if !description.is_empty() {
        meta.set_og("og:description", description);
    }
    let page_type = match route {
        Route::Documents { .. } | Route::Index { .. } | Route::Years | Route::Year { .. } => {
            "CollectionPage"
        }
        Route::Search => "SearchResultsPage",
        _ => "WebPage",
    };
    let mut ld = Obj::new();
    ld.str("@context", "https://schema.org")
        .str("@type", page_type)
        .str("name", title)
        .str("url", canonical)
        .str("inLanguage", cx.lang.as_str())
        .obj("isPartOf", website(cx));
    if !description.is_empty() {
        ld.str("description", description);
    }
    meta.json_ld = ld.end();
    meta.feeds.push(FeedLink {
        title: site_title.to_string(),
        url: format!("{}{}", cx.config.base_path, routes::feed(cx.lang, None)),
    });
    meta
}

/// The home page: a `WebSite` with its search.
pub(crate) fn home(cx: &Ctx, meta: &mut Meta) {
    let search = abs(cx, &Route::Search);
    let mut ld = website(cx);
    ld.str("@context", "https://schema.org").str("inLanguage", cx.lang.as_str());
    if let Some(d) = cx.config.description.get(cx.lang).filter(|d| !d.is_empty()) {
        ld.str("description", d);
    }
    let mut action = Obj::new();
    action
        .str("@type", "SearchAction")
        .str("target", &format!("{search}?q={{search_term_string}}"))
        .str("query-input", "required name=search_term_string");
    ld.obj("potentialAction", action);
    meta.json_ld = ld.end();
}

/// A reference to an entity: its schema.org type, name in the UI language and page.
fn entity_ref(cx: &Ctx, kind: EntityKind, id: &str) -> Obj {
    let name = cx.graph.name(kind, id, cx.lang.as_str());
    let mut o = Obj::new();
    o.str("@type", schema_type(kind))
        .str("name", name)
        .str("url", &abs(cx, &routes::entity(kind, id)));
    o
}

fn schema_type(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Country => "Country",
        EntityKind::Organization => "Organization",
        EntityKind::Person => "Person",
        EntityKind::Place => "Place",
        EntityKind::Event => "Event",
    }
}

/// The schema.org type of a document: `NewsArticle`, `Legislation`, `Report`, else `CreativeWork`.
pub(crate) fn document_type(kind: Kind) -> &'static str {
    match kind {
        Kind::News | Kind::Interview => "NewsArticle",
        Kind::Decision | Kind::Agreement => "Legislation",
        Kind::Report => "Report",
        Kind::Statement | Kind::Other => "CreativeWork",
    }
}

/// A document page: `og:type` article and a `NewsArticle` / `Legislation` / `Report` /
/// `CreativeWork` describing the text, its source, what it is about and the site it is part of.
pub(crate) fn document(cx: &Ctx, meta: &mut Meta, doc: &Document, canonical: &str, summary: &str) {
    let m = &doc.meta;
    let g = cx.graph;
    meta.set_og("og:type", "article");
    // Only a plain date is a publication time; another value is carried as written below.
    let exact = m.date.filter(|_| doc.edtf.is_none());
    if let Some(d) = exact {
        meta.set_og("article:published_time", d.to_string());
    }
    let ty = document_type(m.kind);
    let mut ld = Obj::new();
    ld.str("@context", "https://schema.org").str("@type", ty);
    ld.str(if ty == "NewsArticle" { "headline" } else { "name" }, &m.title);
    if ty == "NewsArticle" {
        ld.str("name", &m.title);
    }
    ld.str("url", canonical).str("inLanguage", &m.lang);
    if let Some(e) = &doc.edtf {
        // schema.org takes an ISO 8601 interval (`..` for an open end) or text here.
        ld.str("temporalCoverage", &e.to_string());
    }
    if let Some(d) = exact {
        let d = d.to_string();
        ld.str("datePublished", &d);
        if ty == "Legislation" {
            ld.str("legislationDate", &d);
        }
    }
    if !summary.is_empty() {
        ld.str("description", summary);
    }
    if let Some(s) = &m.source {
        // The publisher of the original; `isBasedOn` is the original's address.
        let mut org = Obj::new();
        org.str("@type", "Organization").str("name", &s.name);
        if ty == "NewsArticle" {
            ld.obj("publisher", org.clone());
        }
        if let Some(u) = &s.url {
            ld.str("isBasedOn", u);
        }
        ld.obj("sourceOrganization", org);
    }
    if ty == "Legislation" {
        legislation_ld(cx, &mut ld, doc);
    }
    if let Some(form) = m.act.as_ref().and_then(|a| a.form_for(m.kind)) {
        let label = cx.t(&format!("act_form_{}", form.as_str()));
        meta.feeds.push(FeedLink {
            title: format!("{}: {label} — {}", cx.t("acts"), cx.config.title(cx.lang)),
            url: format!("{}{}", cx.config.base_path, routes::act_feed(cx.lang, form)),
        });
    }
    if let Some(e) = &m.event {
        ld.objs("about", [entity_ref(cx, EntityKind::Event, e)]);
    }
    let mentions: Vec<Obj> = m
        .refs()
        .filter(|(kind, _)| *kind != EntityKind::Event)
        .map(|(kind, id)| entity_ref(cx, kind, id))
        .collect();
    if !mentions.is_empty() {
        ld.objs("mentions", mentions);
    }
    let translations: Vec<Obj> = g.doc_by_id.get(&doc.id).map_or_else(Vec::new, |&i| {
        g.translations[i]
            .iter()
            .map(|&j| {
                let t = g.doc(j);
                let lang = routes::canonical_lang(cx.config, &t.meta.lang);
                let r = routes::document(t);
                let mut o = Obj::new();
                o.str("@type", document_type(t.meta.kind))
                    .str("name", &t.meta.title)
                    .str("inLanguage", &t.meta.lang)
                    .str("url", &routes::absolute(cx.config, &r.rel(lang)));
                o
            })
            .collect()
    });
    if !translations.is_empty() {
        ld.objs("workTranslation", translations);
    }
    ld.obj("isPartOf", website(cx));
    meta.json_ld = ld.end();
}

/// The `Legislation` properties of a decision or an agreement: its identifier (the act's
/// persistent one, else a number read from the title), the body that passed it (the act's, else
/// its event's), its legal force from the act's last status, the states it binds, and the acts it
/// changes or carries out.
fn legislation_ld(cx: &Ctx, ld: &mut Obj, doc: &Document) {
    let g = cx.graph;
    let m = &doc.meta;
    let index = g.doc_by_id.get(&doc.id).copied();
    let act_id = index.and_then(|i| g.act_ids[i].clone());
    if let Some(id) = act_id.or_else(|| legislation_identifier(&m.title)) {
        ld.str("legislationIdentifier", &id);
    }
    let act = m.act.as_ref();
    let event = m.event.as_ref().and_then(|e| g.corpus.entities.get_as::<Event>(e));
    let body = act.and_then(|a| a.body.clone()).or_else(|| event.and_then(|(_, e)| e.body.clone()));
    if let Some(b) = body.filter(|b| g.corpus.contains(EntityKind::Organization, b)) {
        ld.obj("legislationPassedBy", entity_ref(cx, EntityKind::Organization, &b));
    }
    let Some(act) = act else { return };
    use crate::content::Status;
    let force = match act.current_status() {
        Some(Status::InForce) => Some("https://schema.org/InForce"),
        Some(Status::Expired | Status::Superseded) => Some("https://schema.org/NotInForce"),
        _ => None,
    };
    if let Some(f) = force {
        ld.str("legislationLegalForce", f);
    }
    // The states a decision binds: those taking part, else those that signed.
    let mut states: Vec<&String> = act.participation.iter().map(|p| &p.country).collect();
    if states.is_empty() {
        states = act.signatories.iter().filter_map(|s| s.country.as_ref()).collect();
    }
    states.dedup();
    let states: Vec<Obj> = states
        .into_iter()
        .filter(|c| g.corpus.contains(EntityKind::Country, c))
        .map(|c| entity_ref(cx, EntityKind::Country, c))
        .collect();
    if !states.is_empty() {
        ld.objs("legislationJurisdiction", states);
    }
    use crate::content::Relation;
    for (rel, key) in [
        (Relation::Amends, "legislationChanges"),
        (Relation::Implements, "legislationEnsuresImplementationOf"),
    ] {
        let targets: Vec<Obj> = act
            .targets(rel)
            .iter()
            .filter_map(|t| g.doc_by_id.get(t))
            .map(|&j| {
                let t = g.doc(j);
                let lang = routes::canonical_lang(cx.config, &t.meta.lang);
                let mut o = Obj::new();
                o.str("@type", document_type(t.meta.kind))
                    .str("name", &t.meta.title)
                    .str("url", &routes::absolute(cx.config, &routes::document(t).rel(lang)));
                o
            })
            .collect();
        if !targets.is_empty() {
            ld.objs(key, targets);
        }
    }
}

/// An entity page: `Event`, `Organization`, `Country`, `Person` or `Place` with its links, and
/// the entity's own feed next to the site's.
pub(crate) fn entity(cx: &Ctx, meta: &mut Meta, kind: EntityKind, id: &str, description: &str) {
    let mut ld = entity_ref(cx, kind, id);
    ld.str("@context", "https://schema.org");
    if !description.is_empty() {
        ld.str("description", description);
    }
    match kind {
        EntityKind::Event => event_ld(cx, &mut ld, id),
        EntityKind::Organization => organization_ld(cx, &mut ld, id),
        EntityKind::Country => country_ld(cx, &mut ld, id),
        EntityKind::Person => person_ld(cx, &mut ld, id),
        EntityKind::Place => place_ld(cx, &mut ld, id),
    }
    meta.json_ld = ld.end();
    if routes::FEED_KINDS.contains(&kind) {
        let name = cx.graph.name(kind, id, cx.lang.as_str());
        meta.feeds.push(FeedLink {
            title: format!("{name} — {}", cx.config.title(cx.lang)),
            url: format!("{}{}", cx.config.base_path, routes::feed(cx.lang, Some((kind, id)))),
        });
    }
}

/// An event's dates, place (with its country) and organizer.
fn event_ld(cx: &Ctx, ld: &mut Obj, id: &str) {
    let c = &cx.graph.corpus;
    let date = |d: &crate::content::PartialDate| json::string(&d.to_string());
    let e = &c.data::<Event>(id);
    if let Some(d) = &e.date {
        ld.raw("startDate", date(d));
    }
    if let Some(d) = &e.end {
        ld.raw("endDate", date(d));
    }
    if let Some(p) = &e.place {
        let mut place = entity_ref(cx, EntityKind::Place, p);
        if let Some(country) = c.entities.get_as::<Place>(p).and_then(|(_, x)| x.country.as_ref()) {
            place.obj("containedInPlace", entity_ref(cx, EntityKind::Country, country));
        }
        ld.obj("location", place);
    }
    if let Some(b) = &e.body {
        ld.obj("organizer", entity_ref(cx, EntityKind::Organization, b));
    }
}

/// An organization's short name, founding date, parent and bodies, seat and website.
fn organization_ld(cx: &Ctx, ld: &mut Obj, id: &str) {
    let c = &cx.graph.corpus;
    let lang = cx.lang.as_str();
    let date = |d: &crate::content::PartialDate| json::string(&d.to_string());
    let o = &c.data::<Organization>(id);
    if o.short.has(lang) {
        ld.str("alternateName", o.short.get(lang));
    }
    if let Some(d) = &o.founded {
        ld.raw("foundingDate", date(d));
    }
    if let Some(p) = &o.parent {
        ld.obj("parentOrganization", entity_ref(cx, EntityKind::Organization, p));
    }
    if let Some(children) = cx.graph.children.get(id) {
        ld.objs(
            "subOrganization",
            children.iter().map(|ch| entity_ref(cx, EntityKind::Organization, ch)),
        );
    }
    if let Some(p) = &o.headquarters {
        ld.obj("location", entity_ref(cx, EntityKind::Place, p));
    }
    if let Some(w) = &o.website {
        ld.str("sameAs", w);
    }
}

/// A country's official name and ISO code.
fn country_ld(cx: &Ctx, ld: &mut Obj, id: &str) {
    let c = &cx.graph.corpus;
    let lang = cx.lang.as_str();
    let k = &c.data::<Country>(id);
    if k.official_name.has(lang) {
        ld.str("alternateName", k.official_name.get(lang));
    }
    if let Some(iso) = &k.iso {
        ld.str("identifier", iso);
    }
}

/// A person's full name and the titles of their roles.
fn person_ld(cx: &Ctx, ld: &mut Obj, id: &str) {
    let c = &cx.graph.corpus;
    let lang = cx.lang.as_str();
    let p = &c.data::<Person>(id);
    if p.full_name.has(lang) {
        ld.str("alternateName", p.full_name.get(lang));
    }
    let titles: Vec<&str> = p.roles.iter().map(|r| r.title.get(lang)).collect();
    if !titles.is_empty() {
        ld.raw("jobTitle", json::array(titles.iter().map(|t| json::string(t))));
    }
}

/// The country a place is in.
fn place_ld(cx: &Ctx, ld: &mut Obj, id: &str) {
    let c = &cx.graph.corpus;
    if let Some(country) = c.data::<Place>(id).country.as_ref() {
        ld.obj("containedInPlace", entity_ref(cx, EntityKind::Country, country));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_and_types() {
        assert_eq!(og_locale("kk"), "kk_KZ");
        assert_eq!(og_locale("de"), "de");
        assert_eq!(document_type(Kind::Decision), "Legislation");
        assert_eq!(document_type(Kind::Statement), "CreativeWork");
    }
}
