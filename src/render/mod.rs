//! Rendering: data in, HTML strings out. No file is written here.
//!
//! [`Renderer`] is built once per build (templates parsed, syntaxes loaded) and shared read-only
//! by the rendering threads. [`Renderer::render`] turns one route in one language into a page.

pub mod charts;
pub mod completeness;
pub mod entity_pages;
pub mod highlight;
pub mod markdown;
pub mod meta;
pub mod pages;
pub mod search_page;
pub mod templates;
pub mod timeline;
pub mod views;

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;

use crate::config::{Config, Lang};
use crate::error::{Result, anyhow};
use crate::graph::Graph;
use crate::i18n::Strings;
use crate::routes::Route;
use highlight::Highlighter;
use views::Ctx;

/// Everything needed to render pages, loaded once.
pub struct Renderer {
    teras: BTreeMap<Lang, Tera>,
    /// UI strings.
    pub strings: Strings,
    /// Code highlighter.
    pub highlighter: Highlighter,
}

impl Renderer {
    /// Loads templates from `root/templates` (over the built-in theme) and the UI strings.
    pub fn load(root: &Path, config: &Config) -> Result<Renderer> {
        let strings = Strings::load(&root.join("templates/strings"), &config.languages)?;
        let base = templates::load(&root.join("templates"))?;
        let teras = templates::per_language(&base, &strings, &config.languages);
        Ok(Renderer { teras, strings, highlighter: Highlighter::new() })
    }

    /// Renders `route` in `lang`.
    pub fn render(
        &self,
        graph: &Graph,
        config: &Config,
        route: &Route,
        lang: &Lang,
    ) -> Result<String> {
        let cx = Ctx { graph, config, strings: &self.strings, lang };
        let built = pages::build(self, &cx, route);
        let tera =
            self.teras.get(lang).ok_or_else(|| anyhow!("no templates for language {lang}"))?;
        tera.render(built.template, &built.context).map_err(|e| {
            anyhow!(
                "rendering {} with {}: {}",
                route.rel(lang),
                built.template,
                templates::tera_chain(&e)
            )
        })
    }
}
