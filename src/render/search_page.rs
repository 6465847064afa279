//! The search page: a form that works as a plain GET form without JavaScript (the query stays in
//! `?q=` so a search can be shared), enhanced by the search script when it runs.

use serde::Serialize;

use super::pages::{Built, built_page, page_frame};
use super::views::Ctx;
use crate::routes::{self, Route};

#[derive(Serialize)]
struct Body {
    /// Base URL of this language's search index.
    index_url: String,
    /// The search script.
    script_url: String,
}

/// Builds the page.
pub fn build(cx: &Ctx, route: &Route) -> Built {
    let base = &cx.config.base_path;
    let body = Body {
        index_url: format!("{base}{}", routes::search_index(cx.lang, "")),
        script_url: routes::asset(base, "search.js"),
    };
    let p = page_frame(cx, route, route, cx.t("search").into(), String::new(), "search", body);
    built_page("search.html", &p)
}
