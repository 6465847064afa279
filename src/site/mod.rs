//! The build: load → resolve → render → write, in that order, visible in [`build`].

pub mod assets;
pub mod live;
pub mod output;
mod place;
pub mod plan;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content;
use crate::error::{Diagnostic, Diagnostics, InvalidInput, Result, anyhow};
use crate::graph;
use crate::output::Output;
use crate::render::Renderer;

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

/// How long a phase of the build took, or one of the tasks that ran side by side within it.
#[derive(Debug, Clone)]
pub struct Timing {
    /// Phase or task name.
    pub name: &'static str,
    /// Wall time.
    pub took: Duration,
    /// A task within the phase before it (tasks of a phase overlap in time).
    pub task: bool,
}

/// Load → resolve → render: the site in memory, nothing written. Input errors come back as
/// [`InvalidInput`] listing every one of them.
pub fn generate(root: &Path, base_url: Option<&str>) -> Result<Generated> {
    let collected = std::sync::Mutex::new(Vec::new());
    let run = run(root, base_url, &|f: Output| {
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
    pub config: Config,
    pub renderer: Renderer,
    pub graph: graph::Graph,
    /// Files under `sources/` and `static/`.
    pub inputs: assets::Inputs,
    /// Warnings (errors fail [`prepare`] instead).
    pub diagnostics: Diagnostics,
}

/// Load → resolve, calling `lap` after each phase. Input errors come back as
/// [`InvalidInput`] listing every one of them.
pub(crate) fn prepare(
    root: &Path,
    base_url: Option<&str>,
    lap: &mut dyn FnMut(&'static str),
) -> Result<Prepared> {
    let mut config = Config::load(&root.join("site.toml"))?;
    if let Some(url) = base_url {
        config = config.with_base_url(url)?;
    }
    // The templates are parsed on a thread of their own beside the content's load and resolve
    // (they need neither).
    let (graph, inputs, mut diags, renderer) = std::thread::scope(|scope| -> Result<_> {
        let templates = scope.spawn(|| Renderer::load(root, &config));
        let (corpus, mut diags) = content::load(root, &config)?;
        let (inputs, input_diags) = assets::list(root)?;
        diags.append(input_diags);
        lap("load");
        let (graph, resolve_diags) = graph::resolve(corpus, &inputs.sources);
        diags.append(resolve_diags);
        lap("resolve");
        let renderer = templates.join().map_err(|_| anyhow!("loading the templates failed"))??;
        Ok((graph, inputs, diags, renderer))
    })?;
    diags.append(check_languages(&graph, &renderer));
    if diags.has_errors() {
        return Err(InvalidInput(diags).into());
    }
    Ok(Prepared { config, renderer, graph, inputs, diagnostics: diags })
}

/// A piece of work that emits files, run beside others.
pub(crate) type Task<'t> = Box<dyn Fn() -> Result<()> + Sync + Send + 't>;

/// The files made from the whole graph rather than one page: the search index, feeds, sitemap
/// and export. `words` and `summaries` are what the index and feeds need of each document.
pub(crate) fn whole_site_tasks<'t>(
    p: &'t Prepared,
    jobs: &'t [plan::PageJob],
    words: crate::search::Words,
    summaries: &'t [&'t str],
    emit: &'t (dyn Fn(Output) -> Result<()> + Sync),
) -> Vec<(&'static str, Task<'t>)> {
    let mut tasks = text_tasks(p, words, summaries, emit);
    tasks.extend(graph_tasks(p, jobs, emit));
    tasks
}

/// The whole-archive files that need the documents' texts: the search index and the feeds.
fn text_tasks<'t>(
    p: &'t Prepared,
    words: crate::search::Words,
    summaries: &'t [&'t str],
    emit: &'t (dyn Fn(Output) -> Result<()> + Sync),
) -> Vec<(&'static str, Task<'t>)> {
    let indexer = Mutex::new(Some(words));
    let (graph, config, strings) = (&p.graph, &p.config, &p.renderer.strings);
    vec![
        (
            "search index",
            Box::new(move || {
                let indexer = indexer.lock().unwrap_or_else(|e| e.into_inner()).take();
                match indexer {
                    Some(words) => {
                        crate::search::build(graph, config, strings, words, summaries, emit)
                    }
                    None => Ok(()),
                }
            }),
        ),
        ("feeds", Box::new(move || crate::feeds::collect(graph, config, strings, summaries, emit))),
    ]
}

/// The whole-archive files made from the graph alone: the sitemap and the export.
fn graph_tasks<'t>(
    p: &'t Prepared,
    jobs: &'t [plan::PageJob],
    emit: &'t (dyn Fn(Output) -> Result<()> + Sync),
) -> Vec<(&'static str, Task<'t>)> {
    let (graph, config) = (&p.graph, &p.config);
    vec![
        (
            "sitemap",
            Box::new(move || {
                let pages = jobs.iter().map(|job| &job.route);
                crate::sitemap::collect(pages, config).into_iter().try_for_each(emit)
            }),
        ),
        ("export", Box::new(move || crate::export::collect(graph, config, emit))),
    ]
}

/// Runs tasks side by side: each one's name, time and result.
pub(crate) fn run_tasks(
    tasks: Vec<(&'static str, Task)>,
) -> Vec<(&'static str, Duration, Result<()>)> {
    tasks
        .into_par_iter()
        .map(|(name, work)| {
            let clock = Instant::now();
            let r = work();
            (name, clock.elapsed(), r)
        })
        .collect()
}

/// The pipeline, handing every file to `emit` as soon as it is made (pages from the render
/// threads, so `emit` must be thread-safe).
fn run(
    root: &Path,
    base_url: Option<&str>,
    emit: &(dyn Fn(Output) -> Result<()> + Sync),
) -> Result<Run> {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<Timing>| {
        timings.push(Timing { name, took: clock.elapsed(), task: false });
        clock = Instant::now();
    };
    let prepared = prepare(root, base_url, &mut |name| lap(name, &mut timings))?;
    let (config, renderer, graph) = (&prepared.config, &prepared.renderer, &prepared.graph);
    let jobs = plan::plan(graph, config);
    let items = renderer.doc_items(graph, config, |_, _| None)?;
    lap("list items", &mut timings);
    let (files, bytes) = (AtomicUsize::new(0), AtomicU64::new(0));
    let emit = |f: Output| -> Result<()> {
        files.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(f.bytes.len() as u64, Ordering::Relaxed);
        emit(f)
    };
    // Documents: each text is rendered once for all UI languages, and what the search index
    // and the feeds need of it is taken from that one rendering. Beside them, everything that
    // needs no text: the other pages, the sitemap, the export and static files (so neither
    // core waits for the other at the end of a phase).
    let others: Vec<&plan::PageJob> =
        jobs.iter().filter(|j| !matches!(j.route, crate::routes::Route::Document { .. })).collect();
    let documents = || {
        crate::search::collect(graph, config, |i| {
            let (pages, text, problems) = renderer.render_document(graph, config, &items, i)?;
            for (route, lang, html) in pages {
                emit(Output { path: route.output_path(&lang), bytes: html })?;
            }
            Ok((text.plain, problems))
        })
    };
    let beside = || {
        let mut tasks = graph_tasks(&prepared, &jobs, &emit);
        tasks.push((
            "render pages",
            Box::new(|| {
                others
                    .par_iter()
                    .map(|job| {
                        let html = renderer.render(graph, config, &items, &job.route, &job.lang)?;
                        emit(Output { path: job.route.output_path(&job.lang), bytes: html })
                    })
                    .filter_map(|r| r.err().map(|e| format!("{e:#}")))
                    .collect::<Vec<_>>()
                    .into_iter()
                    .reduce(|a, b| format!("{a}\n{b}"))
                    .map_or(Ok(()), |e| Err(anyhow!(e)))
            }),
        ));
        tasks.push(("assets", Box::new(|| assets::each(root, &prepared.inputs, &mut |f| emit(f)))));
        run_tasks(tasks)
    };
    let clock_documents = Instant::now();
    let (texts, mut done) = rayon::join(
        || {
            let t = documents();
            (t, clock_documents.elapsed())
        },
        beside,
    );
    let ((texts, outcomes), documents_took) = texts;
    let mut failures = Vec::new();
    // The texts' own problems (raw HTML the sanitizer cut, nesting too deep), in document order.
    let mut text_problems = Diagnostics::new();
    for r in outcomes {
        match r {
            Ok(problems) => text_problems.append(problems),
            Err(e) => failures.push(format!("{e:#}")),
        }
    }
    lap("pages", &mut timings);
    done.insert(0, ("render documents", documents_took, Ok(())));
    let mut results = Vec::new();
    for (name, took, r) in done {
        timings.push(Timing { name, took, task: true });
        results.push((name, r));
    }
    // Then what needs the texts: the search index and the feeds.
    let crate::search::Texts { words, excerpts } = texts;
    let summaries: Vec<&str> = excerpts.iter().collect();
    let text_done = run_tasks(text_tasks(&prepared, words, &summaries, &emit));
    lap("search index and feeds", &mut timings);
    for (name, took, r) in text_done {
        timings.push(Timing { name, took, task: true });
        results.push((name, r));
    }
    for (name, r) in results {
        if let Err(e) = r {
            failures.push(format!("{name}: {e:#}"));
        }
    }
    if !failures.is_empty() {
        let n = failures.len();
        failures.truncate(20);
        return Err(anyhow!("{n} file(s) failed to render or write:\n{}", failures.join("\n")));
    }
    let pages = jobs.len();
    let (count, bytes) = (files.load(Ordering::Relaxed), bytes.load(Ordering::Relaxed));
    let Prepared { config, mut diagnostics, .. } = prepared;
    diagnostics.append(text_problems);
    if diagnostics.has_errors() {
        return Err(InvalidInput(diagnostics).into());
    }
    Ok(Run { pages, files: count, bytes, diagnostics, timings, config })
}
