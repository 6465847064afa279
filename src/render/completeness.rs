//! The translation completeness page: entities lacking a name or a description in some UI
//! language, and documents with no counterpart in another language — the curators' to-do list
//! for «one identity across languages».

use serde::Serialize;

use super::frame::{Built, built_page, page_frame};
use super::views::{Ctx, DocItem, Link};
use crate::content::{EntityKind, Names};
use crate::graph::Graph;
use crate::routes::Route;

/// How many untranslated documents the page lists per language (the counts cover all).
pub(crate) const LIST_LIMIT: usize = 200;

/// One entity lacking something, with the languages it lacks it in.
#[derive(Serialize)]
struct Gap {
    link: Link,
    kind: String,
    missing: String,
}

#[derive(Serialize)]
struct Untranslated {
    label: String,
    count: usize,
    /// How many are not listed.
    more: usize,
    items: Vec<DocItem>,
}

#[derive(Serialize)]
struct Body {
    names: Vec<Gap>,
    descriptions: Vec<Gap>,
    documents: Vec<Untranslated>,
}

/// Per entity: (kind, id, names, descriptions languages present).
fn entities(g: &Graph) -> Vec<(EntityKind, &String, &Names, Vec<&String>)> {
    let all = g.corpus.entities.all();
    all.map(|e| (e.kind(), &e.id, e.names(), e.descriptions.keys().collect())).collect()
}

/// Builds the page.
pub(crate) fn build(cx: &Ctx, route: &Route) -> Built {
    let g = cx.graph;
    let langs = &cx.config.languages;
    let mut names = Vec::new();
    let mut descriptions = Vec::new();
    for (kind, id, n, descs) in entities(g) {
        let kind_label = cx.t(kind.dir()).to_string();
        let missing_names: Vec<&str> =
            langs.iter().filter(|l| !n.has(l.as_str())).map(|l| l.as_str()).collect();
        if !missing_names.is_empty() {
            names.push(Gap {
                link: cx.entity_link(kind, id, String::new()),
                kind: kind_label.clone(),
                missing: missing_names.join(", "),
            });
        }
        let missing_desc: Vec<&str> = langs
            .iter()
            .filter(|l| !descs.iter().any(|d| d.as_str() == l.as_str()))
            .map(|l| l.as_str())
            .collect();
        if !missing_desc.is_empty() {
            descriptions.push(Gap {
                link: cx.entity_link(kind, id, String::new()),
                kind: kind_label,
                missing: missing_desc.join(", "),
            });
        }
    }
    let documents = langs
        .iter()
        .map(|l| {
            let docs: Vec<usize> = (0..g.corpus.documents.len())
                .filter(|&i| g.doc(i).meta.lang == l.as_str() && g.translations[i].is_empty())
                .collect();
            Untranslated {
                label: cx.strings.get(cx.lang, &format!("in_lang_{l}")).to_string(),
                count: docs.len(),
                more: docs.len().saturating_sub(LIST_LIMIT),
                items: docs.iter().take(LIST_LIMIT).map(|&i| cx.doc_item(i)).collect(),
            }
        })
        .filter(|u| u.count > 0)
        .collect();
    let body = Body { names, descriptions, documents };
    let p = page_frame(cx, route, route, cx.t("completeness").into(), String::new(), "", body);
    built_page("completeness.html", &p)
}
