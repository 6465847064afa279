//! The site kept in memory for `archive serve`: pages are rendered when they are asked for, and
//! a saved content file is applied on its own instead of rebuilding the archive.
//!
//! **What a change costs.** A change to one file under `content/` re-reads that file only,
//! re-resolves the graph (every cross-reference is checked again, so a broken reference shows at
//! once) and re-renders the list item of a changed document; then the cached pages are dropped.
//! Nothing else is rendered until a browser asks for it: the page a curator is looking at is
//! rendered again when it reloads (a millisecond or two), every other page when it is next
//! opened. So only the pages that are looked at are ever rebuilt, and a page can never show
//! stale data: everything it shows (an entity's name in a chip, a document's title in a list, a
//! year's counts) is read from the graph as it is now. The search index, feeds, sitemap and
//! export are made from the whole archive; they are made again, in full, the first time one of
//! their files is asked for after a change. A change anywhere else (templates, static files,
//! strings, `site.toml`, `sources/`) loads everything again.
//!
//! `tests/suite/serve.rs` checks that after any sequence of edits every file equals what a full
//! build of the same input makes.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::{Prepared, assets, plan, prepare, whole};
use crate::content;
use crate::error::{Diagnostics, InvalidInput, Result};
use crate::graph;
use crate::output::Output;
use crate::render::DocItems;

/// A file of the site, shared between the cache and the requests reading it.
pub(crate) type Bytes = Arc<Vec<u8>>;

/// The site in memory.
pub struct Live {
    root: PathBuf,
    base_url: Option<String>,
    site: Prepared,
    items: DocItems,
    /// Output path of every page → the page.
    pages: HashMap<String, plan::PageJob>,
    /// Static files and raw sources, which content changes do not touch.
    fixed: HashMap<String, Bytes>,
    /// Pages rendered since the last change.
    rendered: Mutex<HashMap<String, Bytes>>,
    /// The whole-archive files, once asked for since the last change.
    whole: Mutex<Option<Arc<HashMap<String, Bytes>>>>,
    /// What the last change replaced, to be freed once the new site serves.
    trash: Mutex<Vec<Box<dyn Send>>>,
}

impl Live {
    /// Loads the site in `root` (everything, as `archive build` does, but rendering nothing).
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Live> {
        let site = prepare(root, base_url, &mut Default::default())?;
        let items = site.renderer.doc_items(&site.graph, &site.config, |_, _| None)?;
        let fixed = assets::collect(root, &site.inputs)?
            .into_iter()
            .map(|f| (f.path, Arc::new(f.bytes)))
            .collect();
        Ok(Live::assemble(root, base_url, site, items, fixed, None))
    }

    fn assemble(
        root: &Path,
        base_url: Option<&str>,
        site: Prepared,
        items: DocItems,
        fixed: HashMap<String, Bytes>,
        pages: Option<HashMap<String, plan::PageJob>>,
    ) -> Live {
        let pages = pages.unwrap_or_else(|| {
            plan::plan(&site.graph, &site.config)
                .into_iter()
                .map(|job| (job.route.output_path(&job.lang), job))
                .collect()
        });
        Live {
            root: root.to_path_buf(),
            base_url: base_url.map(str::to_string),
            site,
            items,
            pages,
            fixed,
            rendered: Mutex::new(HashMap::new()),
            whole: Mutex::new(None),
            trash: Mutex::new(Vec::new()),
        }
    }

    /// What the last change replaced (the old graph and caches): the caller frees it once the
    /// new site is serving, so freeing it does not delay the reload.
    pub(crate) fn take_trash(&self) -> Vec<Box<dyn Send>> {
        std::mem::take(&mut *lock(&self.trash))
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Applies changes to the files at `paths`. Content files are applied one by one; any other
    /// change loads the whole site again. On an input error the site is gone (the caller shows
    /// the error and loads afresh on the next change).
    pub fn apply(self, paths: &[PathBuf]) -> Result<Live> {
        let root = self.root.clone();
        // Under content/, only Markdown files are content; an editor's swap and temporary files
        // there (and folders) change nothing.
        let paths: Vec<PathBuf> = paths
            .iter()
            .filter(|p| !under_content(&root, p) || is_content_file(&root, p))
            .cloned()
            .collect();
        if paths.is_empty() {
            return Ok(self);
        }
        let content_only = paths.iter().all(|p| is_content_file(&root, p));
        if !content_only {
            return Live::load(&root, self.base_url.as_deref());
        }
        let Live { base_url, site, items, fixed, pages, rendered, whole, .. } = self;
        let Prepared { config, renderer, mut graph, inputs, diagnostics: _ } = site;
        // Where each document's list item sits now, to reuse the ones that did not change.
        let was: HashMap<PathBuf, usize> =
            graph.corpus.documents.iter().enumerate().map(|(i, d)| (d.path.clone(), i)).collect();
        let changed: BTreeSet<PathBuf> =
            paths.iter().map(|p| crate::error::relative(&root, p)).collect();
        let mut corpus = std::mem::take(&mut graph.corpus);
        let before: Vec<Option<PlanKey>> = changed.iter().map(|p| plan_key(&corpus, p)).collect();
        // What is left of the old graph and caches is freed after the new site is in place,
        // off the path between a save and the reload (see [`Live::take_trash`]).
        let mut trash: Vec<Box<dyn Send>> = vec![Box::new((graph, rendered, whole))];
        let mut bad = Diagnostics::new();
        for p in &paths {
            if let Err(ds) = content::reload_file(&mut corpus, &root, &config, p) {
                ds.into_iter().for_each(|d| bad.push(d));
            }
        }
        if bad.has_errors() {
            return Err(InvalidInput(bad).into());
        }
        let (graph, mut diags) = graph::resolve(corpus, &inputs.sources);
        diags.append(super::check_languages(&graph, &renderer));
        if diags.has_errors() {
            return Err(InvalidInput(diags).into());
        }
        let reuse = |lang: &crate::config::Lang, i: usize| -> Option<String> {
            let d = graph.doc(i);
            if changed.contains(&d.path) {
                return None;
            }
            was.get(&d.path).map(|&old| items.of(lang).docs.get(old).to_string())
        };
        let new_items = renderer.doc_items(&graph, &config, reuse)?;
        trash.push(Box::new(items));
        // The list of pages stays when no document or entity came or went and no document
        // changed what lists it is on (most edits: a title, a text, a name).
        let after: Vec<Option<PlanKey>> =
            changed.iter().map(|p| plan_key(&graph.corpus, p)).collect();
        let pages = (before == after).then_some(pages);
        let site = Prepared { config, renderer, graph, inputs, diagnostics: diags };
        let live = Live::assemble(&root, base_url.as_deref(), site, new_items, fixed, pages);
        *lock(&live.trash) = trash;
        Ok(live)
    }

    /// The file at `path` (relative to the site root, `ru/index.html`), rendered if it is a page
    /// not rendered since the last change; None when the site has no such file.
    pub fn get(&self, path: &str) -> Result<Option<Bytes>> {
        if let Some(job) = self.pages.get(path) {
            if let Some(hit) = lock(&self.rendered).get(path) {
                return Ok(Some(Arc::clone(hit)));
            }
            let s = &self.site;
            let html =
                s.renderer.render(&s.graph, &s.config, &self.items, &job.route, &job.lang)?;
            let html = Arc::new(html);
            lock(&self.rendered).insert(path.to_string(), Arc::clone(&html));
            return Ok(Some(html));
        }
        if let Some(f) = self.fixed.get(path) {
            return Ok(Some(Arc::clone(f)));
        }
        Ok(self.whole()?.get(path).cloned())
    }

    /// Whether `path` is a page, a static file or a whole-archive file of the site.
    pub(crate) fn has(&self, path: &str) -> Result<bool> {
        Ok(self.pages.contains_key(path)
            || self.fixed.contains_key(path)
            || self.whole()?.contains_key(path))
    }

    /// The whole-archive files (search index, feeds, sitemap, export), made on first use.
    fn whole(&self) -> Result<Arc<HashMap<String, Bytes>>> {
        let mut slot = lock(&self.whole);
        if let Some(w) = slot.as_ref() {
            return Ok(Arc::clone(w));
        }
        let s = &self.site;
        let jobs: Vec<plan::PageJob> = plan::plan(&s.graph, &s.config);
        let files = Mutex::new(HashMap::new());
        let emit = |f: Output| -> Result<()> {
            lock(&files).insert(f.path, Arc::new(f.bytes));
            Ok(())
        };
        let texts = whole::read_texts(s, &emit)?;
        for timed in whole::files(s, &jobs, &self.items, texts, &emit) {
            timed.value.map_err(|e| e.context(timed.name))?;
        }
        let w = Arc::new(files.into_inner().unwrap_or_else(|e| e.into_inner()));
        *slot = Some(Arc::clone(&w));
        Ok(w)
    }
}

/// What of a content file decides which pages exist: a document's folder, date and the entities
/// it names (its lists, their lengths, so their pagination), or that an entity file exists.
#[derive(PartialEq)]
enum PlanKey {
    Document(String, Option<crate::content::PartialDate>, Vec<Vec<String>>),
    Entity,
}

fn plan_key(corpus: &content::Corpus, rel: &Path) -> Option<PlanKey> {
    if let Some(d) = corpus.documents.iter().find(|d| d.path == rel) {
        let m = &d.meta;
        let lists = content::EntityKind::ALL.into_iter().map(|k| m.ids(k).to_vec()).collect();
        return Some(PlanKey::Document(d.folder.clone(), m.date, lists));
    }
    let c = corpus;
    let entity = c.entities.all().any(|e| e.path == rel);
    entity.then_some(PlanKey::Entity)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether `path` is under `root/content/`.
fn under_content(root: &Path, path: &Path) -> bool {
    crate::error::relative(root, path).starts_with("content")
}

/// Whether `path` is a Markdown file under `root/content/` (one that [`content::reload_file`]
/// can apply on its own): not a folder, not hidden (an editor's `.x.md.swp`).
fn is_content_file(root: &Path, path: &Path) -> bool {
    let rel = crate::error::relative(root, path);
    let hidden = rel.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
    under_content(root, path)
        && rel.extension().is_some_and(|x| x == "md")
        && !hidden
        && !path.is_dir()
}
