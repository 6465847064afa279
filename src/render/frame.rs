//! The frame every page shares: the head, canonical and language alternates, the navigation,
//! the «page 2» title, the [`Page`] view that carries them around a page's body, and [`Built`],
//! what a page builder hands to the template engine.
//!
//! The page modules (`pages`, `entity_pages`, `timeline`, `completeness`, `search_page`) use
//! it; it uses none of them.

use serde::Serialize;

use super::meta::Meta;
use super::views::Ctx;
use crate::content::EntityKind;
use crate::routes::{self, Route};

/// What every page has: language, links to its counterparts, the site chrome.
#[derive(Debug, Serialize)]
pub(crate) struct Page<'a, T: Serialize> {
    /// UI language of the page.
    pub(crate) lang: &'a str,
    /// Site title in the UI language.
    pub(crate) site_title: &'a str,
    /// Site description in the UI language.
    pub(crate) site_description: &'a str,
    /// Base path (`/` or `/repo/`).
    pub(crate) base: &'a str,
    /// The page heading.
    pub(crate) title: String,
    /// The `<title>` text.
    pub(crate) head_title: String,
    /// Meta description.
    pub(crate) description: String,
    /// Absolute canonical URL.
    pub(crate) canonical: String,
    /// This page in every UI language, for the switch and hreflang links.
    pub(crate) alternates: Vec<Alternate>,
    /// Which top navigation item is current (`documents`, `events` …), or empty.
    pub(crate) section: &'static str,
    /// URL of the home page in this language.
    pub(crate) home_url: String,
    /// OpenGraph, JSON-LD and feeds for `<head>`.
    pub(crate) meta: Meta,
    /// The region map of the page (`super::map`), or empty for a page without one.
    pub(crate) map: String,
    /// The page-specific part.
    pub(crate) body: T,
}

/// One language version of the current page.
#[derive(Debug, Serialize)]
pub(crate) struct Alternate {
    /// Language code.
    pub(crate) lang: String,
    /// Language name in that language (Русский, Қазақша).
    pub(crate) name: String,
    /// URL of the page in that language.
    pub(crate) url: String,
    /// Absolute URL (for hreflang).
    pub(crate) abs_url: String,
    /// Whether this is the current page.
    pub(crate) current: bool,
}

/// What a builder hands to the template engine.
pub(crate) struct Built {
    /// Template name.
    pub(crate) template: &'static str,
    /// Serialized page view.
    pub(crate) context: tera::Context,
    /// The page's navigation section, whose rendered menu the renderer adds as `nav`.
    pub(crate) section: &'static str,
}

pub(crate) fn built_page<T: Serialize>(template: &'static str, page: &Page<T>) -> Built {
    let context = tera::Context::from_serialize(page)
        .expect("a page view cannot fail to serialize: it is a struct (a JSON object) of strings, numbers, lists and string-keyed maps");
    Built { template, context, section: page.section }
}

/// The main navigation: section key and the page it leads to.
pub(crate) const NAV: [(&str, Route); 9] = [
    ("documents", Route::Documents { page: 1 }),
    ("events", Route::Index { kind: EntityKind::Event, page: 1 }),
    ("countries", Route::Index { kind: EntityKind::Country, page: 1 }),
    ("organizations", Route::Index { kind: EntityKind::Organization, page: 1 }),
    ("people", Route::Index { kind: EntityKind::Person, page: 1 }),
    ("places", Route::Index { kind: EntityKind::Place, page: 1 }),
    ("years", Route::Years),
    ("timeline", Route::Timeline),
    ("search", Route::Search),
];

/// Common page frame.
pub(crate) fn page_frame<'a, T: Serialize>(
    cx: &Ctx<'a>,
    route: &Route,
    canonical: &Route,
    title: String,
    description: String,
    section: &'static str,
    body: T,
) -> Page<'a, T> {
    let cfg = cx.config;
    let site_title = cfg.title(cx.lang);
    let head_title = if matches!(route, Route::Home) {
        site_title.to_string()
    } else {
        format!("{title} — {site_title}")
    };
    let canonical_lang = match canonical {
        // A document in a language without a UI: one canonical, under the default language.
        Route::Document { id, .. } => cx
            .graph
            .doc_by_id
            .get(id)
            .map(|&i| routes::canonical_lang(cfg, &cx.graph.doc(i).meta.lang))
            .unwrap_or(&cfg.default_language),
        _ => cx.lang,
    };
    let canonical = format!("{}{}", cfg.origin, canonical.url(&cfg.base_path, canonical_lang));
    let meta = super::meta::frame(cx, route, &canonical, &title, &description);
    let alternates = cfg
        .languages
        .iter()
        .map(|l| {
            let url = route.url(&cfg.base_path, l);
            Alternate {
                lang: l.to_string(),
                name: cx.strings.get(l, "lang_name").to_string(),
                abs_url: format!("{}{url}", cfg.origin),
                url,
                current: l == cx.lang,
            }
        })
        .collect();
    Page {
        lang: cx.lang.as_str(),
        site_title,
        site_description: cfg.description.get(cx.lang).map(String::as_str).unwrap_or_default(),
        base: &cfg.base_path,
        title,
        head_title,
        description,
        canonical,
        alternates,
        section,
        home_url: cx.url(&Route::Home),
        meta,
        map: super::map::for_route(cx, route),
        body,
    }
}

/// «Title — page 2» for pages after the first.
pub(crate) fn paged_title(cx: &Ctx, title: &str, page: usize) -> String {
    if page > 1 {
        format!("{title} — {}", cx.t("page_n").replace("{n}", &page.to_string()))
    } else {
        title.to_string()
    }
}
