//! Plan: every page the site has, as (route, language) jobs in a fixed order.

use crate::config::{Config, Lang};
use crate::content::EntityKind;
use crate::graph::Graph;
use crate::render::views::{INDEX_PAGE_SIZE, page_count};
use crate::routes::{Route, entity};

/// One page to render.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct PageJob {
    /// The page.
    pub(crate) route: Route,
    /// Its UI language (the default language for language-neutral pages).
    pub(crate) lang: Lang,
}

/// Every page of the site: each route in each UI language, paginated lists expanded.
pub(crate) fn plan(graph: &Graph, config: &Config) -> Vec<PageJob> {
    let size = config.page_size;
    let c = &graph.corpus;
    let mut routes = vec![
        Route::Home,
        Route::Years,
        Route::NotFound,
        Route::Search,
        Route::Timeline,
        Route::Completeness,
    ];
    routes.extend((1..=page_count(c.documents.len(), size)).map(|page| Route::Documents { page }));
    routes.extend(c.documents.iter().map(crate::routes::document));
    for kind in EntityKind::ALL {
        let count = c.entities.len(kind);
        routes.extend(
            (1..=page_count(count, INDEX_PAGE_SIZE)).map(|page| Route::Index { kind, page }),
        );
        for id in c.ids(kind) {
            let pages = page_count(graph.page_documents(kind, id).len(), size);
            let first = entity(kind, id);
            routes.extend((1..=pages).map(|n| first.with_page(n)));
        }
    }
    // One page per act identifier, whatever number of language versions share it.
    routes.extend(graph.act_versions.keys().map(|id| Route::Act { id: id.clone() }));
    for (year, docs) in &graph.years {
        let pages = page_count(docs.len(), size);
        routes.extend((1..=pages).map(|page| Route::Year { year: *year, page }));
    }
    let mut jobs: Vec<PageJob> = Vec::with_capacity(routes.len() * config.languages.len() + 2);
    for lang in &config.languages {
        jobs.extend(routes.iter().map(|r| PageJob { route: r.clone(), lang: lang.clone() }));
    }
    for route in [Route::Root, Route::RootNotFound] {
        jobs.push(PageJob { route, lang: config.default_language.clone() });
    }
    jobs
}
