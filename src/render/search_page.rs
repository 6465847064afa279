//! The search page: a form that works as a plain GET form without JavaScript (the query stays in
//! `?q=` so a search can be shared), enhanced by `static/search.js` when it runs. Everything the
//! script shows in words comes from the UI strings, handed over in a data attribute, so the script
//! knows no language of its own.

use std::collections::BTreeMap;

use serde::Serialize;

use super::frame::{Built, built_page, page_frame};
use super::views::Ctx;
use crate::routes::{self, Route};

#[derive(Serialize)]
struct Body {
    /// Base URL of the search index (one for every UI language).
    index_url: String,
    /// This UI language's root, which the index's page paths are relative to.
    root_url: String,
    /// The search script.
    script_url: String,
    /// JSON of the strings the script shows: `search_*`, `kind_*`, `in_lang_*`, and the date
    /// patterns and month names it formats a result's date with.
    strings: String,
}

/// Builds the page.
pub(crate) fn build(cx: &Ctx, route: &Route) -> Built {
    let base = &cx.config.base_path;
    let strings: BTreeMap<&str, &str> = cx
        .strings
        .table(cx.lang)
        .map(|t| {
            t.iter()
                .filter(|(k, _)| {
                    ["search_", "kind_", "in_lang_", "date_", "month_"]
                        .iter()
                        .any(|p| k.starts_with(p))
                })
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let body = Body {
        index_url: format!("{base}{}", routes::search_index("")),
        root_url: cx.url(&Route::Home),
        script_url: routes::asset(base, "search.js"),
        strings: serde_json::to_string(&strings)
            .expect("a map from strings to strings cannot fail to serialize"),
    };
    let p = page_frame(cx, route, route, cx.t("search").into(), String::new(), "search", body);
    built_page("search.html", &p)
}
