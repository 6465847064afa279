//! Rendering: data in, HTML strings out. No file is written here.
//!
//! [`Renderer`] is built once per build (templates parsed, syntaxes loaded) and shared read-only
//! by the rendering threads. [`Renderer::render`] turns one route in one language into a page.

pub(crate) mod act;
mod act_page;
pub(crate) mod charts;
mod chronology;
pub(crate) mod completeness;
mod dates;
pub(crate) mod entity_pages;
pub(crate) mod frame;
#[doc(hidden)]
pub mod highlight;
mod index_groups;
pub(crate) mod map;
#[doc(hidden)]
pub mod markdown;
pub(crate) mod meta;
pub(crate) mod pages;
mod sanitize;
pub(crate) mod search_page;
pub(crate) mod templates;
pub(crate) mod timeline;
pub(crate) mod views;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use tera::Tera;

use crate::config::{Config, Lang};
use crate::content::EntityKind;
use crate::error::{Diagnostic, Diagnostics, Result, anyhow};
use crate::graph::Graph;
use crate::i18n::Strings;
use crate::routes::Route;
use highlight::Highlighter;
use views::Ctx;

/// Rendered list items of every document and links of every entity, per UI language.
#[derive(Debug, Default)]
pub(crate) struct DocItems {
    by_lang: BTreeMap<Lang, views::LangItems>,
}

impl DocItems {
    /// The items in `lang`.
    pub(crate) fn of(&self, lang: &Lang) -> &views::LangItems {
        self.by_lang.get(lang).unwrap_or(&views::NO_ITEMS)
    }
}

/// Entity kinds shown as links on document pages.
const LINKED: [EntityKind; 4] =
    [EntityKind::Country, EntityKind::Organization, EntityKind::Person, EntityKind::Place];

/// A page in each UI language: (route, language, HTML).
pub(crate) type LangPages = Vec<(Route, Lang, Vec<u8>)>;

/// Everything needed to render pages, loaded once.
pub(crate) struct Renderer {
    teras: BTreeMap<Lang, Tera>,
    /// The main navigation rendered with `_nav.html`, by language and current section
    /// ("" for none): the same few menus on every page, rendered once instead of per page.
    navs: BTreeMap<Lang, Vec<(&'static str, String)>>,
    /// UI strings.
    pub(crate) strings: Strings,
    /// Code highlighter.
    pub(crate) highlighter: Highlighter,
}

impl Renderer {
    /// Loads templates from `root/templates` (over the built-in theme) and the UI strings.
    pub(crate) fn load(root: &Path, config: &Config) -> Result<Renderer> {
        let strings = Strings::load(&root.join("templates/strings"), &config.languages)?;
        let base = templates::load(&root.join("templates"))?;
        let teras = templates::per_language(&base, &strings, &config.languages);
        let mut navs = BTreeMap::new();
        for (lang, tera) in &teras {
            let items: Vec<views::NavItem> = frame::NAV
                .iter()
                .map(|(key, route)| views::NavItem {
                    key,
                    label: strings.get(lang, key).to_string(),
                    url: route.url(&config.base_path, lang),
                })
                .collect();
            let mut menus = Vec::new();
            for section in frame::NAV.iter().map(|(key, _)| *key).chain([""]) {
                let mut ctx = tera::Context::new();
                ctx.insert("items", &items);
                ctx.insert("section", section);
                ctx.insert("lang", lang.as_str());
                let html = tera
                    .render("_nav.html", &ctx)
                    .map_err(|e| anyhow!("rendering _nav.html: {}", templates::tera_chain(&e)))?;
                menus.push((section, html));
            }
            navs.insert(lang.clone(), menus);
        }
        Ok(Renderer { teras, navs, strings, highlighter: Highlighter::new() })
    }

    /// The rendered main navigation of a page of `section` in `lang`.
    fn nav(&self, lang: &Lang, section: &str) -> &str {
        let menus = self.navs.get(lang).map(Vec::as_slice).unwrap_or_default();
        let of = |s: &str| menus.iter().find(|(k, _)| *k == s).map(|(_, html)| html.as_str());
        of(section).or_else(|| of("")).unwrap_or_default()
    }

    /// Renders `route` in `lang`.
    pub(crate) fn render(
        &self,
        graph: &Graph,
        config: &Config,
        items: &DocItems,
        route: &Route,
        lang: &Lang,
    ) -> Result<Vec<u8>> {
        let cx = Ctx { graph, config, strings: &self.strings, lang, items: items.of(lang) };
        if let Route::Document { id, .. } = route
            && let Some(&i) = graph.doc_by_id.get(id)
        {
            let body = graph.doc(i).body()?;
            let text = markdown::render_full(&body, &self.highlighter, config.trust_html);
            let cite = crate::cite::file_links(graph, config, &self.strings, i);
            return self.finish(route, lang, pages::document(&cx, route, i, &text, &cite));
        }
        self.finish(route, lang, pages::build(self, &cx, route))
    }

    /// Every document's list item in every UI language, rendered once with `_doc_item.html`:
    /// a document shows up in a dozen lists (its entities, its year, related documents of
    /// others), and a list page then inserts fifty finished items instead of running the
    /// partial fifty times.
    /// `reuse` may hand back a document's item from an earlier rendering (the preview keeps
    /// those of unchanged documents).
    pub(crate) fn doc_items(
        &self,
        graph: &Graph,
        config: &Config,
        reuse: impl Fn(&Lang, usize) -> Option<String> + Sync,
    ) -> Result<DocItems> {
        let mut by_lang = BTreeMap::new();
        for lang in &config.languages {
            let cx = Ctx { graph, config, strings: &self.strings, lang, items: &views::NO_ITEMS };
            let tera =
                self.teras.get(lang).ok_or_else(|| anyhow!("no templates for language {lang}"))?;
            let items: Vec<String> = (0..graph.corpus.documents.len())
                .into_par_iter()
                .map(|i| {
                    if let Some(item) = reuse(lang, i) {
                        return Ok(item);
                    }
                    let mut ctx = tera::Context::new();
                    ctx.insert("d", &cx.doc_item(i));
                    ctx.insert("lang", lang.as_str());
                    tera.render("_doc_item.html", &ctx).map_err(|e| {
                        anyhow!("rendering _doc_item.html: {}", templates::tera_chain(&e))
                    })
                })
                .collect::<Result<_>>()?;
            let links = LINKED
                .iter()
                .map(|&kind| {
                    let html: BTreeMap<String, String> = graph
                        .corpus
                        .ids(kind)
                        .into_par_iter()
                        .map(|id| {
                            let mut ctx = tera::Context::new();
                            ctx.insert("l", &cx.entity_link(kind, id, String::new()));
                            ctx.insert("lang", lang.as_str());
                            let html = tera.render("_link.html", &ctx).map_err(|e| {
                                anyhow!("rendering _link.html: {}", templates::tera_chain(&e))
                            })?;
                            Ok((id.clone(), html))
                        })
                        .collect::<Result<_>>()?;
                    Ok((kind, html))
                })
                .collect::<Result<Vec<_>>>()?;
            by_lang.insert(lang.clone(), views::LangItems { docs: items.iter().collect(), links });
        }
        Ok(DocItems { by_lang })
    }

    /// Renders document `i` in every UI language, its Markdown rendered once: the pages by
    /// language, the rendered text (whose plain text the search index and feeds use), and the
    /// problems of the text, each naming the document's file and line.
    pub(crate) fn render_document(
        &self,
        graph: &Graph,
        config: &Config,
        items: &DocItems,
        i: usize,
    ) -> Result<(LangPages, markdown::Rendered, Diagnostics)> {
        let d = graph.doc(i);
        let (body, body_line) = d.body_at()?;
        let text = markdown::render_full(&body, &self.highlighter, config.trust_html);
        let problems = text
            .problems
            .iter()
            .map(|p| {
                let line = Some(body_line + p.line - 1);
                match p.error {
                    true => Diagnostic::error(&d.path, &p.message).at_line(line),
                    false => Diagnostic::warning(&d.path, &p.message).at_line(line),
                }
            })
            .collect();
        let route = crate::routes::document(d);
        // The citation files are the same in every UI language.
        let cite = crate::cite::file_links(graph, config, &self.strings, i);
        let mut pages = Vec::with_capacity(config.languages.len());
        for lang in &config.languages {
            let cx = Ctx { graph, config, strings: &self.strings, lang, items: items.of(lang) };
            let built = pages::document(&cx, &route, i, &text, &cite);
            let html = self.finish(&route, lang, built)?;
            pages.push((route.clone(), lang.clone(), html));
        }
        Ok((pages, text, problems))
    }

    /// Runs the template. The page comes back as bytes: Tera writes UTF-8, and converting its
    /// output to a String would validate every page's bytes again for nothing.
    fn finish(&self, route: &Route, lang: &Lang, mut built: frame::Built) -> Result<Vec<u8>> {
        let tera =
            self.teras.get(lang).ok_or_else(|| anyhow!("no templates for language {lang}"))?;
        built.context.insert("nav", self.nav(lang, built.section));
        let mut out = Vec::with_capacity(32 * 1024);
        tera.render_to(built.template, &built.context, &mut out).map_err(|e| {
            anyhow!(
                "rendering {} with {}: {}",
                route.rel(lang),
                built.template,
                templates::tera_chain(&e)
            )
        })?;
        Ok(out)
    }
}
