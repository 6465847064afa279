//! Machine-readable page metadata for `<head>`: OpenGraph tags, schema.org JSON-LD and the Atom
//! feeds a page announces.
//!
//! [`frame`] gives every page a default (OpenGraph for a web page, a `WebPage` or `CollectionPage`
//! description, the site feed); the builders of documents, entities and the home page replace the
//! parts they know better. JSON-LD is built with serde_json and made safe for a `<script>` element
//! by [`script_json`], so no title can close the element.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::views::Ctx;
use crate::content::{Document, EntityKind, Kind};
use crate::feeds;
use crate::routes::{self, Route};

/// Everything a page says about itself to machines.
#[derive(Debug, Serialize, Default)]
pub struct Meta {
    /// OpenGraph `<meta property content>` pairs, in order.
    pub og: Vec<MetaTag>,
    /// The JSON-LD object, already escaped for a `<script>` element (render it unescaped).
    pub json_ld: String,
    /// Atom feeds to announce with `<link rel="alternate">`.
    pub feeds: Vec<FeedLink>,
}

/// One `<meta property="…" content="…">`.
#[derive(Debug, Serialize)]
pub struct MetaTag {
    /// `og:title` …
    pub property: &'static str,
    /// Its value (HTML-escaped by the template).
    pub content: String,
}

/// A feed announced in `<head>`.
#[derive(Debug, Serialize)]
pub struct FeedLink {
    /// Feed title.
    pub title: String,
    /// URL (base path + feed path).
    pub url: String,
}

impl Meta {
    /// Replaces the value of an OpenGraph property, or adds it.
    pub fn set_og(&mut self, property: &'static str, content: impl Into<String>) {
        let content = content.into();
        match self.og.iter_mut().find(|t| t.property == property) {
            Some(t) => t.content = content,
            None => self.og.push(MetaTag { property, content }),
        }
    }
}

/// JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` (and the JavaScript
/// line separators) become `\uXXXX` escapes, which JSON parsers read back as the same characters,
/// so `</script>` or `<!--` inside a title can never end or change the element.
///
/// ```
/// let s = archive::render::meta::script_json(&serde_json::json!({"name": "</script><b>&"}));
/// assert_eq!(s, r#"{"name":"\u003c/script\u003e\u003cb\u003e\u0026"}"#);
/// ```
pub fn script_json(value: &Value) -> String {
    let s = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    // Copies runs between the characters to replace (every page's JSON-LD goes through here).
    let mut out = String::with_capacity(s.len() + 16);
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let rep = match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + c.len_utf8();
    }
    out.push_str(&s[last..]);
    out
}

/// The OpenGraph locale of a language code: `ru_RU`, `kk_KZ`, `en_US`; other codes as they are.
pub fn og_locale(lang: &str) -> String {
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
fn website(cx: &Ctx) -> Value {
    json!({
        "@type": "WebSite",
        "name": cx.config.title(cx.lang),
        "url": abs(cx, &Route::Home),
    })
}

/// The default metadata of a page.
pub fn frame(cx: &Ctx, route: &Route, canonical: &str, title: &str, description: &str) -> Meta {
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
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": page_type,
        "name": title,
        "url": canonical,
        "inLanguage": cx.lang.as_str(),
        "isPartOf": website(cx),
    });
    if !description.is_empty() {
        ld["description"] = json!(description);
    }
    meta.json_ld = script_json(&ld);
    meta.feeds.push(FeedLink {
        title: site_title.to_string(),
        url: format!("{}{}", cx.config.base_path, routes::feed(cx.lang, None)),
    });
    meta
}

/// The home page: a `WebSite` with its search.
pub fn home(cx: &Ctx, meta: &mut Meta) {
    let search = abs(cx, &Route::Search);
    let mut ld = website(cx);
    ld["@context"] = json!("https://schema.org");
    ld["inLanguage"] = json!(cx.lang.as_str());
    if let Some(d) = cx.config.description.get(cx.lang).filter(|d| !d.is_empty()) {
        ld["description"] = json!(d);
    }
    ld["potentialAction"] = json!({
        "@type": "SearchAction",
        "target": format!("{search}?q={{search_term_string}}"),
        "query-input": "required name=search_term_string",
    });
    meta.json_ld = script_json(&ld);
}

/// A reference to an entity: its schema.org type, name in the UI language and page.
fn entity_ref(cx: &Ctx, kind: EntityKind, id: &str) -> Value {
    let (name, _) = cx.entity_name(kind, id);
    json!({
        "@type": schema_type(kind),
        "name": name,
        "url": abs(cx, &routes::entity(kind, id)),
    })
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
pub fn document_type(kind: Kind) -> &'static str {
    match kind {
        Kind::News | Kind::Interview => "NewsArticle",
        Kind::Decision | Kind::Agreement => "Legislation",
        Kind::Report => "Report",
        Kind::Statement | Kind::Other => "CreativeWork",
    }
}

/// The number in a title such as «Решение № 158 …» or «№ 2/3-р»: what follows «№».
pub fn legislation_identifier(title: &str) -> Option<String> {
    let rest = title.split_once('№')?.1.trim_start();
    let id: String =
        rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '.')).collect();
    let id = id.trim_end_matches('.').to_string();
    (!id.is_empty()).then_some(id)
}

/// A document page: `og:type` article and a `NewsArticle` / `Legislation` / `Report` /
/// `CreativeWork` describing the text, its source, what it is about and the site it is part of.
pub fn document(cx: &Ctx, meta: &mut Meta, doc: &Document, canonical: &str, summary: &str) {
    let m = &doc.meta;
    let g = cx.graph;
    meta.set_og("og:type", "article");
    if let Some(d) = m.date {
        meta.set_og("article:published_time", d.to_string());
    }
    let ty = document_type(m.kind);
    let mut ld = Map::new();
    ld.insert("@context".into(), json!("https://schema.org"));
    ld.insert("@type".into(), json!(ty));
    ld.insert(if ty == "NewsArticle" { "headline" } else { "name" }.into(), json!(m.title));
    if ty == "NewsArticle" {
        ld.insert("name".into(), json!(m.title));
    }
    ld.insert("url".into(), json!(canonical));
    ld.insert("inLanguage".into(), json!(m.lang));
    if let Some(d) = m.date {
        ld.insert("datePublished".into(), json!(d.to_string()));
        if ty == "Legislation" {
            ld.insert("legislationDate".into(), json!(d.to_string()));
        }
    }
    if !summary.is_empty() {
        ld.insert("description".into(), json!(summary));
    }
    if let Some(s) = &m.source {
        // The publisher of the original; `isBasedOn` is the original's address.
        let org = json!({ "@type": "Organization", "name": s.name });
        if ty == "NewsArticle" {
            ld.insert("publisher".into(), org.clone());
        }
        if let Some(u) = &s.url {
            ld.insert("isBasedOn".into(), json!(u));
        }
        ld.insert("sourceOrganization".into(), org);
    }
    if ty == "Legislation" {
        if let Some(id) = legislation_identifier(&m.title) {
            ld.insert("legislationIdentifier".into(), json!(id));
        }
        let body = m.event.as_ref().and_then(|e| g.corpus.events.get(e)?.data.body.clone());
        if let Some(b) = body.filter(|b| g.corpus.organizations.contains_key(b)) {
            ld.insert("legislationPassedBy".into(), entity_ref(cx, EntityKind::Organization, &b));
        }
    }
    if let Some(e) = &m.event {
        ld.insert("about".into(), json!([entity_ref(cx, EntityKind::Event, e)]));
    }
    let mut mentions = Vec::new();
    for (kind, ids) in [
        (EntityKind::Country, &m.countries),
        (EntityKind::Organization, &m.organizations),
        (EntityKind::Person, &m.people),
        (EntityKind::Place, &m.places),
    ] {
        mentions.extend(ids.iter().map(|id| entity_ref(cx, kind, id)));
    }
    if !mentions.is_empty() {
        ld.insert("mentions".into(), Value::Array(mentions));
    }
    let translations: Vec<Value> = g.doc_by_id.get(&doc.id).map_or_else(Vec::new, |&i| {
        g.translations[i]
            .iter()
            .map(|&j| {
                let t = g.doc(j);
                let lang = routes::canonical_lang(cx.config, &t.meta.lang);
                let r = Route::Document { folder: t.folder.clone(), id: t.id.clone() };
                json!({
                    "@type": document_type(t.meta.kind),
                    "name": t.meta.title,
                    "inLanguage": t.meta.lang,
                    "url": routes::absolute(cx.config, &r.rel(lang)),
                })
            })
            .collect()
    });
    if !translations.is_empty() {
        ld.insert("workTranslation".into(), Value::Array(translations));
    }
    ld.insert("isPartOf".into(), website(cx));
    meta.json_ld = script_json(&Value::Object(ld));
}

/// An entity page: `Event`, `Organization`, `Country`, `Person` or `Place` with its links, and
/// the entity's own feed next to the site's.
pub fn entity(cx: &Ctx, meta: &mut Meta, kind: EntityKind, id: &str, description: &str) {
    let c = &cx.graph.corpus;
    let lang = cx.lang.as_str();
    let mut ld = entity_ref(cx, kind, id);
    ld["@context"] = json!("https://schema.org");
    if !description.is_empty() {
        ld["description"] = json!(description);
    }
    let date = |d: &crate::content::PartialDate| json!(d.to_string());
    match kind {
        EntityKind::Event => {
            let e = &c.events[id].data;
            if let Some(d) = &e.date {
                ld["startDate"] = date(d);
            }
            if let Some(d) = &e.end {
                ld["endDate"] = date(d);
            }
            if let Some(p) = &e.place {
                let mut place = entity_ref(cx, EntityKind::Place, p);
                if let Some(country) = c.places.get(p).and_then(|x| x.data.country.as_ref()) {
                    place["containedInPlace"] = entity_ref(cx, EntityKind::Country, country);
                }
                ld["location"] = place;
            }
            if let Some(b) = &e.body {
                ld["organizer"] = entity_ref(cx, EntityKind::Organization, b);
            }
        }
        EntityKind::Organization => {
            let o = &c.organizations[id].data;
            if o.short.has(lang) {
                ld["alternateName"] = json!(o.short.get(lang));
            }
            if let Some(d) = &o.founded {
                ld["foundingDate"] = date(d);
            }
            if let Some(p) = &o.parent {
                ld["parentOrganization"] = entity_ref(cx, EntityKind::Organization, p);
            }
            if let Some(children) = cx.graph.children.get(id) {
                ld["subOrganization"] = children
                    .iter()
                    .map(|ch| entity_ref(cx, EntityKind::Organization, ch))
                    .collect();
            }
            if let Some(p) = &o.headquarters {
                ld["location"] = entity_ref(cx, EntityKind::Place, p);
            }
            if let Some(w) = &o.website {
                ld["sameAs"] = json!(w);
            }
        }
        EntityKind::Country => {
            let k = &c.countries[id].data;
            if k.official_name.has(lang) {
                ld["alternateName"] = json!(k.official_name.get(lang));
            }
            if let Some(iso) = &k.iso {
                ld["identifier"] = json!(iso);
            }
        }
        EntityKind::Person => {
            let p = &c.people[id].data;
            if p.full_name.has(lang) {
                ld["alternateName"] = json!(p.full_name.get(lang));
            }
            let titles: Vec<&str> = p.roles.iter().map(|r| r.title.get(lang)).collect();
            if !titles.is_empty() {
                ld["jobTitle"] = json!(titles);
            }
        }
        EntityKind::Place => {
            if let Some(country) = c.places[id].data.country.as_ref() {
                ld["containedInPlace"] = entity_ref(cx, EntityKind::Country, country);
            }
        }
    }
    meta.json_ld = script_json(&ld);
    if feeds::KINDS.contains(&kind) {
        let (name, _) = cx.entity_name(kind, id);
        meta.feeds.push(FeedLink {
            title: format!("{name} — {}", cx.config.title(cx.lang)),
            url: format!("{}{}", cx.config.base_path, routes::feed(cx.lang, Some((kind, id)))),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_escapes_only_what_ends_a_script() {
        let v = serde_json::json!({"t": "Қазақстан <\u{2028}> & «ШОС»\u{2029}"});
        assert_eq!(script_json(&v), r#"{"t":"Қазақстан \u003c\u2028\u003e \u0026 «ШОС»\u2029"}"#);
    }

    #[test]
    fn script_json_cannot_close_the_element() {
        let hostile = "</script><script>alert(1)</script><!-- & \u{2028}";
        let s = script_json(&json!({ "name": hostile }));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["name"], hostile, "the escapes read back as the same text");
    }

    #[test]
    fn locales_and_identifiers() {
        assert_eq!(og_locale("kk"), "kk_KZ");
        assert_eq!(og_locale("de"), "de");
        assert_eq!(legislation_identifier("Решение № 158 «О докладе»").as_deref(), Some("158"));
        assert_eq!(legislation_identifier("Шешім №2/3-р.").as_deref(), Some("2/3-р"));
        assert_eq!(legislation_identifier("Мамин в Ташкенте"), None);
        assert_eq!(document_type(Kind::Decision), "Legislation");
        assert_eq!(document_type(Kind::Statement), "CreativeWork");
    }
}
