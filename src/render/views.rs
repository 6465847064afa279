//! View models: the only data templates see. Built from the read-only graph for one page in one
//! UI language; every URL in them comes from `routes`, every label from the UI strings.

use serde::Serialize;

use crate::config::{Config, Lang};
use crate::content::{EntityKind, PartialDate};
use crate::graph::Graph;
use crate::i18n::Strings;
use crate::routes::{self, Route};

/// An item of the main navigation.
#[derive(Debug, Serialize)]
pub(crate) struct NavItem {
    /// Section key (the page's `section` when it is the current one).
    pub(crate) key: &'static str,
    /// Label.
    pub(crate) label: String,
    /// URL.
    pub(crate) url: String,
}

/// A link to an entity or a page, with an optional detail (a date, a role).
#[derive(Debug, Serialize, Clone)]
pub(crate) struct Link {
    /// URL.
    pub(crate) url: String,
    /// Visible text.
    pub(crate) name: String,
    /// Secondary text.
    pub(crate) detail: String,
    /// `lang` of the visible text when it differs from the UI language (fallback names).
    pub(crate) lang: String,
}

/// A document in a list.
#[derive(Debug, Serialize)]
pub(crate) struct DocItem {
    /// URL in the current UI language.
    pub(crate) url: String,
    /// Title in the document's language.
    pub(crate) title: String,
    /// Document language code.
    pub(crate) lang: String,
    /// Document language, named in the UI language.
    pub(crate) lang_label: String,
    /// Human date, or «date unknown».
    pub(crate) date: String,
    /// ISO date for `<time datetime>`, empty when unknown.
    pub(crate) date_iso: String,
    /// Marker beside a date that is not exact (`?`, `≈`, `…`), empty otherwise.
    pub(crate) date_mark: &'static str,
    /// What the marker means.
    pub(crate) date_mark_title: String,
    /// Kind label.
    pub(crate) kind: String,
    /// Source name.
    pub(crate) source: String,
}

/// A page of a paginated list.
#[derive(Debug, Serialize)]
pub(crate) struct DocList {
    /// The documents on this page, as rendered list items.
    pub(crate) items: Vec<String>,
    /// Number of documents in the whole list.
    pub(crate) total: usize,
    /// Count per document language.
    pub(crate) by_lang: Vec<LangCount>,
    /// Pagination, absent when everything fits on one page.
    pub(crate) pager: Option<Pager>,
    /// The dates this page covers («с … по …»), empty when its documents have none.
    pub(crate) covers: String,
    /// Where the list's filter data lies (`lists/…`, see `crate::lists`), for `lists.js`.
    pub(crate) data: ListData,
}

/// What `static/lists.js` needs to filter and sort a list.
#[derive(Debug, Serialize)]
pub(crate) struct ListData {
    /// The folder of every list's data (`/base/lists/`).
    pub(crate) root: String,
    /// The list's data file under it (`countries/kazakhstan.json`).
    pub(crate) file: String,
    /// The script's URL.
    pub(crate) script: String,
    /// Documents per page.
    pub(crate) size: usize,
}

/// Documents in one language.
#[derive(Debug, Serialize)]
pub(crate) struct LangCount {
    /// Language label.
    pub(crate) label: String,
    /// Count.
    pub(crate) count: usize,
}

/// Links between pages of a list.
#[derive(Debug, Serialize)]
pub(crate) struct Pager {
    /// Current page, 1-based.
    pub(crate) page: usize,
    /// Number of pages.
    pub(crate) pages: usize,
    /// Previous page URL.
    pub(crate) prev: Option<String>,
    /// Next page URL.
    pub(crate) next: Option<String>,
    /// A window of page links; `None` entries are gaps («…»).
    pub(crate) links: Vec<Option<PageLink>>,
}

/// One numbered page link.
#[derive(Debug, Serialize)]
pub(crate) struct PageLink {
    /// Page number.
    pub(crate) n: usize,
    /// URL.
    pub(crate) url: String,
    /// Whether it is the current page.
    pub(crate) current: bool,
}

/// The «awaiting review» notice: which fields, in the UI language, and the curators' notes.
#[derive(Debug, Serialize, Default)]
pub(crate) struct Review {
    /// Localized names of the fields under review, joined («дата, страны»).
    pub(crate) fields: String,
    /// The notes as written by curators.
    pub(crate) notes: Vec<ReviewNote>,
    /// The notes' heading in the UI language, saying so when they are in English (curators
    /// write working notes in English, so a Kazakh page must not pass them off as Kazakh).
    pub(crate) notes_label: String,
}

/// One curator's note.
#[derive(Debug, Serialize)]
pub(crate) struct ReviewNote {
    /// The note.
    pub(crate) text: String,
    /// `en` for a note with no Cyrillic (so screen readers pick the right voice), else empty.
    pub(crate) lang: String,
}

/// What is rendered once per build and UI language and inserted into many pages.
#[derive(Debug, Default)]
pub(crate) struct LangItems {
    /// Each document's list item (`_doc_item.html`), by document index.
    pub(crate) docs: crate::packed::Packed,
    /// Each entity's link (`_link.html` without a detail), by kind, then id: the chips of
    /// document pages.
    pub(crate) links: Vec<(EntityKind, std::collections::BTreeMap<String, String>)>,
}

/// Nothing rendered, for views that show no lists.
pub(crate) static NO_ITEMS: LangItems =
    LangItems { docs: crate::packed::Packed::new(), links: Vec::new() };

/// Shared inputs for building views in one UI language.
pub(crate) struct Ctx<'a> {
    /// The resolved site.
    pub(crate) graph: &'a Graph,
    /// Site configuration.
    pub(crate) config: &'a Config,
    /// UI strings.
    pub(crate) strings: &'a Strings,
    /// UI language.
    pub(crate) lang: &'a Lang,
    /// Each document's list item and each entity's link, already rendered in this UI language
    /// (see [`super::Renderer::doc_items`]); empty where no page lists them.
    pub(crate) items: &'a LangItems,
}

impl<'a> Ctx<'a> {
    /// A UI string.
    pub(crate) fn t(&self, key: &str) -> &'a str {
        self.strings.get(self.lang, key)
    }

    /// A count as the UI language writes numbers («10 000»).
    pub(crate) fn num(&self, n: usize) -> String {
        self.strings.number(self.lang, n)
    }

    /// URL of `route` in the UI language.
    pub(crate) fn url(&self, route: &Route) -> String {
        route.url(&self.config.base_path, self.lang)
    }

    /// The review notice for `items` (`field` or `field: note` each); None when nothing is open.
    pub(crate) fn review(&self, items: &[String]) -> Option<Review> {
        if items.is_empty() {
            return None;
        }
        let mut fields: Vec<String> = Vec::new();
        let mut notes = Vec::new();
        for item in items {
            let (field, note) = match item.split_once(':') {
                Some((f, n)) if !f.contains(' ') => (f.trim(), n.trim()),
                _ => ("", item.trim()),
            };
            if !field.is_empty() {
                let key = format!("field_{field}");
                let label = self.strings.get(self.lang, &key);
                let label = if label.is_empty() { field.to_string() } else { label.to_string() };
                if !fields.contains(&label) {
                    fields.push(label);
                }
            }
            if !note.is_empty() {
                let cyrillic = note.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
                notes.push(ReviewNote {
                    text: note.to_string(),
                    lang: if cyrillic { String::new() } else { "en".into() },
                });
            }
        }
        let all_english = !notes.is_empty() && notes.iter().all(|n| n.lang == "en");
        let notes_label = self
            .t(if all_english { "review_notes_in_english" } else { "review_notes" })
            .to_string();
        Some(Review { fields: fields.join(", "), notes, notes_label })
    }

    /// Human form of a date in the UI language: «2 ноября 2019», «2019 жылғы 2 қараша».
    pub(crate) fn date(&self, d: &PartialDate) -> String {
        self.date_as(d, "date_month", "month_nom_")
    }

    /// A date inside «с …»/«до …» (a month alone then takes the genitive in Russian:
    /// «с июля 2015 г.»).
    pub(super) fn date_in_period(&self, d: &PartialDate) -> String {
        self.date_as(d, "date_month_in_period", "month_gen_")
    }

    fn date_as(&self, d: &PartialDate, month_key: &str, month_form: &str) -> String {
        let y = d.year.to_string();
        let (key, month) = match (d.month, d.day) {
            (Some(m), Some(_)) => ("date_full", format!("month_gen_{m}")),
            (Some(m), None) => (month_key, format!("{month_form}{m}")),
            _ => return self.t("date_year").replace("{y}", &y),
        };
        let month = self.strings.get(self.lang, &month).to_string();
        self.t(key)
            .replace("{d}", &d.day.map(|x| x.to_string()).unwrap_or_default())
            .replace("{month}", &month)
            .replace("{y}", &y)
    }

    /// A date or the «unknown» label.
    pub(crate) fn date_or_unknown(&self, d: Option<&PartialDate>) -> String {
        d.map(|d| self.date(d)).unwrap_or_else(|| self.t("date_unknown").to_string())
    }

    /// «2019 – 2022», «с 2019», or empty, for periods.
    pub(crate) fn period(&self, from: Option<&PartialDate>, to: Option<&PartialDate>) -> String {
        match (from, to) {
            (Some(f), Some(t)) => format!("{} – {}", self.date(f), self.date(t)),
            (Some(f), None) => self.t("since").replace("{date}", &self.date_in_period(f)),
            (None, Some(t)) => self.t("until").replace("{date}", &self.date_in_period(t)),
            (None, None) => String::new(),
        }
    }

    /// The name of an entity in the UI language, and the language the name is actually in (empty
    /// when it is the UI language): what a page shows needs `lang` on a name in another language.
    pub(crate) fn entity_name(&self, kind: EntityKind, id: &str) -> (String, String) {
        let Some(names) = self.graph.names(kind, id) else {
            return (id.to_string(), String::new());
        };
        let lang = self.lang.as_str();
        let shown = names.get(lang).to_string();
        let actual = if names.has(lang) {
            String::new()
        } else {
            names.0.iter().find(|(_, v)| **v == shown).map(|(k, _)| k.clone()).unwrap_or_default()
        };
        (shown, actual)
    }

    /// A link to an entity's page.
    pub(crate) fn entity_link(&self, kind: EntityKind, id: &str, detail: String) -> Link {
        let (name, lang) = self.entity_name(kind, id);
        Link { url: self.url(&routes::entity(kind, id)), name, detail, lang }
    }

    /// A link to each entity of a list.
    pub(crate) fn entity_links(&self, kind: EntityKind, ids: &[String]) -> Vec<Link> {
        ids.iter().map(|id| self.entity_link(kind, id, String::new())).collect()
    }

    /// The rendered list item of document `i` (`_doc_item.html`).
    pub(crate) fn doc_item_html(&self, i: usize) -> String {
        self.items.docs.get(i).to_string()
    }

    /// The rendered links (`_link.html`, no detail) to the entities `ids` of `kind`.
    pub(crate) fn entity_links_html(&self, kind: EntityKind, ids: &[String]) -> Vec<String> {
        let links = self.items.links.iter().find(|(k, _)| *k == kind).map(|(_, m)| m);
        ids.iter().map(|id| links.and_then(|m| m.get(id)).cloned().unwrap_or_default()).collect()
    }

    /// A list item for document `i`.
    pub(crate) fn doc_item(&self, i: usize) -> DocItem {
        let d = self.graph.doc(i);
        let shown = self.doc_date(d);
        DocItem {
            url: self.url(&crate::routes::document(d)),
            title: d.meta.title.clone(),
            lang: d.meta.lang.clone(),
            lang_label: self
                .strings
                .get(self.lang, &format!("in_lang_{}", d.meta.lang))
                .to_string(),
            date: shown.text,
            date_iso: shown.iso,
            date_mark: shown.mark,
            date_mark_title: shown.mark_title,
            kind: self
                .strings
                .get(self.lang, &format!("kind_{}", d.meta.kind.as_str()))
                .to_string(),
            source: d.meta.source.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
        }
    }

    /// One page of a document list, with pagination links built from `route`.
    pub(crate) fn doc_list(
        &self,
        docs: &[usize],
        key: &crate::graph::DocListKey,
        route: &Route,
        page: usize,
    ) -> DocList {
        let size = self.config.page_size;
        let pages = docs.len().div_ceil(size).max(1);
        let start = (page - 1) * size;
        let shown = docs.get(start..).map_or(&[][..], |d| &d[..d.len().min(size)]);
        let items = shown.iter().map(|&i| self.doc_item_html(i)).collect();
        let pager = (pages > 1).then(|| self.pager(route, page, pages));
        let base = &self.config.base_path;
        let data = ListData {
            root: format!("{base}lists/"),
            file: crate::lists::name(key),
            script: crate::routes::asset(base, "lists.js"),
            size,
        };
        let covers = self.covers(shown);
        DocList { items, total: docs.len(), by_lang: self.lang_counts(key), pager, covers, data }
    }

    /// The dates a page of documents `shown` (newest first) covers, from the newest to the
    /// oldest dated one: «Документы с … по …», or the one date; empty when none is dated.
    fn covers(&self, shown: &[usize]) -> String {
        let dated = |i: &&usize| self.graph.doc(**i).filed_date().is_some();
        let (Some(&newest), Some(&oldest)) =
            (shown.iter().find(dated), shown.iter().rev().find(dated))
        else {
            return String::new();
        };
        let date =
            |i: usize| self.graph.doc(i).filed_date().map(|d| self.date(&d)).unwrap_or_default();
        let (from, to) = (date(oldest), date(newest));
        if from == to {
            self.t("list_covers_one").replace("{date}", &from)
        } else {
            self.t("list_covers").replace("{from}", &from).replace("{to}", &to)
        }
    }

    /// Counts of a list's documents per language, in the site's language order.
    pub(crate) fn lang_counts(&self, key: &crate::graph::DocListKey) -> Vec<LangCount> {
        let counts = self.graph.lang_counts(key);
        self.config
            .languages
            .iter()
            .map(|l| {
                let count = counts.get(l.as_str()).copied().unwrap_or(0);
                let label = self.strings.get(self.lang, &format!("in_lang_{l}")).to_string();
                LangCount { label, count }
            })
            .filter(|c| c.count > 0)
            .collect()
    }

    /// Links to the other pages of a paginated list.
    pub(crate) fn pager(&self, route: &Route, page: usize, pages: usize) -> Pager {
        let link = |n: usize| self.url(&route.with_page(n));
        let mut shown: Vec<usize> = vec![1, pages];
        shown.extend(page.saturating_sub(2).max(1)..=(page + 2).min(pages));
        shown.sort_unstable();
        shown.dedup();
        let mut links = Vec::with_capacity(shown.len() + 2);
        let mut last = 0;
        for n in shown {
            if n > last + 1 {
                links.push(None);
            }
            links.push(Some(PageLink { n, url: link(n), current: n == page }));
            last = n;
        }
        Pager {
            page,
            pages,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
            links,
        }
    }
}

/// Entities per page of an index (`/ru/people/`): one-line links, so ten times a page of
/// documents; an archive with 10,000 events still gets pages of a readable size.
pub(crate) const INDEX_PAGE_SIZE: usize = 500;

/// Number of pages a list of `len` items takes.
pub(crate) fn page_count(len: usize, size: usize) -> usize {
    len.div_ceil(size).max(1)
}
