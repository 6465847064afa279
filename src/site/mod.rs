//! The build: load → resolve → render → write, in that order, a script of timed steps in
//! `run`: each step runs its work side by side on rayon's threads, and the next step starts
//! when it is done.

#[doc(hidden)]
pub mod assets;
#[doc(hidden)]
pub mod live;
pub(crate) mod output;
mod place;
pub(crate) mod plan;
mod steps;
mod whole;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::content;
use crate::error::{Context, Diagnostic, Diagnostics, InvalidInput, Result, anyhow};
use crate::graph;
use crate::output::Output;
use anyhow::Error;

use crate::render::{DocItems, Renderer};
use crate::search::Texts;
pub use steps::Timing;
use steps::{Steps, task};
use whole::Emit;

/// Options of `archive build`.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Output folder; `<root>/public` when None.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of site.toml.
    pub base_url: Option<String>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Warnings found in the input (errors fail the build instead).
    pub diagnostics: Diagnostics,
    /// HTML pages written.
    pub pages: usize,
    /// All files written.
    pub files: usize,
    /// Total bytes written.
    pub bytes: u64,
    /// Time per phase, in order; a phase's concurrent tasks follow it, marked as tasks.
    pub timings: Vec<Timing>,
    /// The folder the site was written to.
    pub output: PathBuf,
    /// The path every internal link starts with (`/` for a site at a domain root).
    pub base_path: String,
}

/// A document may be in any language the UI strings can name (`in_lang_<code>`), whether or not
/// the site has a UI in that language (a Russian-only site can hold Kazakh texts).
pub(crate) fn check_languages(graph: &graph::Graph, renderer: &Renderer) -> Diagnostics {
    graph
        .corpus
        .documents
        .iter()
        .filter(|d| !renderer.strings.has(&format!("in_lang_{}", d.meta.lang)))
        .map(|d| {
            Diagnostic::error(
                &d.path,
                format!(
                    "«{}» is not a language this site knows; add `in_lang_{}` to every strings file",
                    d.meta.lang, d.meta.lang
                ),
            )
            .at_line(d.line_of("lang"))
            .in_field("lang")
        })
        .collect()
}

/// The whole site in memory: every file, before anything is written.
#[derive(Debug)]
pub struct Generated {
    /// Every output file, pages first.
    pub files: Vec<Output>,
    /// How many of them are HTML pages.
    pub pages: usize,
    /// Warnings found in the input.
    pub diagnostics: Diagnostics,
    /// Time per phase so far.
    pub timings: Vec<Timing>,
    /// The configuration used (with any base URL override).
    pub config: Config,
}

/// Builds the site in `root` and publishes it to the output folder. Pages are written into the
/// staging folder as the render threads make them, so the site is never held in memory whole.
pub fn build(root: &Path, opts: &BuildOptions) -> Result<BuildReport> {
    let out_dir = opts.output.clone().unwrap_or_else(|| root.join("public"));
    place::check(root, &out_dir)?;
    let staging = output::Staging::begin(&out_dir)?;
    let mut run = run(root, opts.base_url.as_deref(), &|f: Output| staging.put(&f))?;
    let clock = Instant::now();
    staging.finish()?;
    run.timings.push(Timing { name: "publish", took: clock.elapsed(), task: false });
    Ok(BuildReport {
        diagnostics: run.diagnostics,
        pages: run.pages,
        files: run.files,
        bytes: run.bytes,
        timings: run.timings,
        output: out_dir,
        base_path: run.config.base_path,
    })
}

/// What a run made, without the files themselves.
struct Run {
    pages: usize,
    files: usize,
    bytes: u64,
    diagnostics: Diagnostics,
    timings: Vec<Timing>,
    config: Config,
}

/// Load → resolve → render: the site in memory, nothing written. Input errors come back as
/// [`InvalidInput`] listing every one of them.
pub fn generate(root: &Path, base_url: Option<&str>) -> Result<Generated> {
    let mut steps = Steps::default();
    let prepared = prepare(root, base_url, &mut steps)?;
    generate_prepared(root, prepared, steps)
}

/// The site in memory, rendered from what [`prepare`] (or [`load`] and [`Loaded::ready`]) made.
pub(crate) fn generate_prepared(root: &Path, p: Prepared, steps: Steps) -> Result<Generated> {
    let collected = std::sync::Mutex::new(Vec::new());
    let run = render(root, p, steps, &|f: Output| {
        collected.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    })?;
    let mut files = collected.into_inner().unwrap_or_else(|e| e.into_inner());
    // Threads finish in any order; the map of files is made deterministic here.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Generated {
        files,
        pages: run.pages,
        diagnostics: run.diagnostics,
        timings: run.timings,
        config: run.config,
    })
}

/// The site after load and resolve: everything a page needs.
pub(crate) struct Prepared {
    pub(crate) config: Config,
    pub(crate) renderer: Renderer,
    pub(crate) graph: graph::Graph,
    /// Files under `sources/` and `static/`.
    pub(crate) inputs: assets::Inputs,
    /// Warnings (errors fail [`prepare`] instead).
    pub(crate) diagnostics: Diagnostics,
}

/// The content after load and resolve, with every problem found, errors included.
pub(crate) struct Loaded {
    pub(crate) graph: graph::Graph,
    /// Files under `sources/` and `static/`.
    pub(crate) inputs: assets::Inputs,
    pub(crate) diagnostics: Diagnostics,
}

impl Loaded {
    /// The site ready to render with `renderer`, or every problem of its input when any is an
    /// error.
    pub(crate) fn ready(self, config: Config, renderer: Renderer) -> Result<Prepared> {
        let Loaded { graph, inputs, diagnostics: mut diags } = self;
        diags.append(check_languages(&graph, &renderer));
        if diags.has_errors() {
            return Err(InvalidInput(diags).into());
        }
        Ok(Prepared { config, renderer, graph, inputs, diagnostics: diags })
    }
}

/// `site.toml`, with `base_url` replaced when one is given.
pub(crate) fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config> {
    let config = Config::load(&root.join("site.toml"))?;
    match base_url {
        Some(url) => config.with_base_url(url),
        None => Ok(config),
    }
}

/// The steps «load» (content files, then the list of `sources/` and `static/`) and «resolve».
pub(crate) fn load(root: &Path, config: &Config, steps: &mut Steps) -> Result<Loaded> {
    let (corpus, inputs, mut diags) = steps.step("load", || -> Result<_> {
        let (corpus, mut diags) = content::load(root, config)?;
        let (inputs, input_diags) = assets::list(root)?;
        diags.append(input_diags);
        Ok((corpus, inputs, diags))
    })?;
    let (graph, resolve_diags) = steps.step("resolve", || graph::resolve(corpus, &inputs.sources));
    diags.append(resolve_diags);
    Ok(Loaded { graph, inputs, diagnostics: diags })
}

/// Load → resolve, each a step. Input errors come back as [`InvalidInput`] listing every one of
/// them.
pub(crate) fn prepare(root: &Path, base_url: Option<&str>, steps: &mut Steps) -> Result<Prepared> {
    let config = load_config(root, base_url)?;
    // The templates are parsed on a thread of their own beside the content's load and resolve
    // (they need neither).
    let (loaded, renderer) = std::thread::scope(|scope| -> Result<_> {
        let templates = scope.spawn(|| Renderer::load(root, &config));
        let loaded = load(root, &config, steps)?;
        let renderer = templates.join().map_err(|_| anyhow!("loading the templates failed"))??;
        Ok((loaded, renderer))
    })?;
    loaded.ready(config, renderer)
}

/// Counts the files and bytes handed on to the output.
struct Counted<'e> {
    emit: Emit<'e>,
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl Counted<'_> {
    fn put(&self, f: Output) -> Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(f.bytes.len() as u64, Ordering::Relaxed);
        (self.emit)(f)
    }
}

/// The pipeline, handing every file to `emit` as soon as it is made (pages from the render
/// threads, so `emit` must be thread-safe).
fn run(root: &Path, base_url: Option<&str>, emit: Emit) -> Result<Run> {
    let mut steps = Steps::default();
    let prepared = prepare(root, base_url, &mut steps)?;
    render(root, prepared, steps, emit)
}

/// The steps after load and resolve: list items, pages, search index and feeds.
fn render(root: &Path, p: Prepared, mut steps: Steps, emit: Emit) -> Result<Run> {
    let (config, renderer, graph) = (&p.config, &p.renderer, &p.graph);
    let jobs = plan::plan(graph, config);
    let items = steps.step("list items", || renderer.doc_items(graph, config, |_, _| None))?;
    let counted = Counted { emit, files: AtomicUsize::new(0), bytes: AtomicU64::new(0) };
    let emit: Emit = &|f| counted.put(f);
    // Documents: each text is rendered once for all UI languages, and what the search index and
    // the feeds need of it is taken from that one rendering. Beside them, everything that needs
    // no text: the other pages, the sitemap, the export and the static files (so neither core
    // waits for the other at the end of the step).
    let (documents, (graph_files, (others, statics))) = steps.step("pages", || {
        rayon::join(
            || task("render documents", || render_documents(&p, &items, emit)),
            || {
                rayon::join(
                    || whole::from_graph(&p, &jobs, &items, emit),
                    || {
                        rayon::join(
                            || task("render pages", || render_other_pages(&p, &jobs, &items, emit)),
                            || task("assets", || assets::each(root, &p.inputs, &mut |f| emit(f))),
                        )
                    },
                )
            },
        )
    });
    let (texts, outcomes) = steps.listed(documents);
    let [sitemap, export, lists] = graph_files;
    let (sitemap, export) = (steps.listed(sitemap), steps.listed(export));
    let lists = steps.listed(lists);
    let page_failures = steps.listed(others);
    let statics = steps.listed(statics);
    // The texts' own problems (raw HTML the sanitizer cut, nesting too deep), in document order.
    let mut text_problems = Diagnostics::new();
    for outcome in outcomes {
        if let Some(problems) = steps.absorb(outcome) {
            text_problems.append(problems);
        }
    }
    steps.absorb(sitemap.context("sitemap"));
    steps.absorb(export.context("export"));
    steps.absorb(lists.context("lists"));
    for e in page_failures {
        steps.absorb::<()>(Err(e.context("render pages")));
    }
    steps.absorb(statics.context("assets"));
    // Then what needs the texts.
    let made = steps.step("search index and feeds", || whole::from_texts(&p, texts, emit));
    for timed in made {
        steps.task(timed);
    }
    steps.failures()?;
    let Prepared { config, mut diagnostics, .. } = p;
    diagnostics.append(text_problems);
    if diagnostics.has_errors() {
        return Err(InvalidInput(diagnostics).into());
    }
    let (files, bytes) = (counted.files.into_inner(), counted.bytes.into_inner());
    Ok(Run { pages: jobs.len(), files, bytes, diagnostics, timings: steps.timings, config })
}

/// Renders every document's pages, in every UI language, handing them to `emit`; returns the
/// texts the whole-site files need and, per document, its text's problems or why it failed.
fn render_documents(
    p: &Prepared,
    items: &DocItems,
    emit: Emit,
) -> (Texts, Vec<Result<Diagnostics>>) {
    let (config, renderer, graph) = (&p.config, &p.renderer, &p.graph);
    crate::search::collect(graph, config, |i| {
        let (pages, text, problems) = renderer.render_document(graph, config, items, i)?;
        for (route, lang, html) in pages {
            emit(Output { path: route.output_path(&lang), bytes: html })?;
        }
        emit(crate::search::passage(graph.doc(i), config, &text.plain))?;
        Ok((text.plain, problems))
    })
}

/// Renders every page but the documents', handing each to `emit`; returns every failure.
fn render_other_pages(
    p: &Prepared,
    jobs: &[plan::PageJob],
    items: &DocItems,
    emit: Emit,
) -> Vec<Error> {
    let (config, renderer, graph) = (&p.config, &p.renderer, &p.graph);
    jobs.par_iter()
        .filter(|job| !matches!(job.route, crate::routes::Route::Document { .. }))
        .filter_map(|job| {
            let html = renderer.render(graph, config, items, &job.route, &job.lang);
            html.and_then(|html| {
                emit(Output { path: job.route.output_path(&job.lang), bytes: html })
            })
            .err()
        })
        .collect()
}
