//! The build: load → resolve → render → write, in that order, visible in [`build`].

pub mod assets;
pub mod output;
pub mod plan;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content;
use crate::error::{Diagnostic, Diagnostics, InvalidInput, Result, anyhow};
use crate::graph;
use crate::render::Renderer;
use output::Output;

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
    /// Time per phase, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// The folder the site was written to.
    pub output: PathBuf,
}

/// A document may be in any language the UI strings can name (`in_lang_<code>`), whether or not
/// the site has a UI in that language (a Russian-only site can hold Kazakh texts).
fn check_languages(graph: &graph::Graph, renderer: &Renderer) -> Diagnostics {
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
    pub timings: Vec<(&'static str, Duration)>,
    /// The configuration used (with any base URL override).
    pub config: Config,
}

/// Builds the site in `root` and publishes it to the output folder. Pages are written into the
/// staging folder as the render threads make them, so the site is never held in memory whole.
pub fn build(root: &Path, opts: &BuildOptions) -> Result<BuildReport> {
    let out_dir = opts.output.clone().unwrap_or_else(|| root.join("public"));
    let staging = output::Staging::begin(&out_dir)?;
    let mut run = run(root, opts.base_url.as_deref(), &|f: Output| staging.put(&f))?;
    let clock = Instant::now();
    staging.finish()?;
    run.timings.push(("publish", clock.elapsed()));
    Ok(BuildReport {
        diagnostics: run.diagnostics,
        pages: run.pages,
        files: run.files,
        bytes: run.bytes,
        timings: run.timings,
        output: out_dir,
    })
}

/// What a run made, without the files themselves.
struct Run {
    pages: usize,
    files: usize,
    bytes: u64,
    diagnostics: Diagnostics,
    timings: Vec<(&'static str, Duration)>,
    config: Config,
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

/// The pipeline, handing every file to `emit` as soon as it is made (pages from the render
/// threads, so `emit` must be thread-safe).
fn run(
    root: &Path,
    base_url: Option<&str>,
    emit: &(dyn Fn(Output) -> Result<()> + Sync),
) -> Result<Run> {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let mut config = Config::load(&root.join("site.toml"))?;
    if let Some(url) = base_url {
        config = config.with_base_url(url)?;
    }
    let (corpus, mut diags) = content::load(root, &config)?;
    let sources = assets::list_sources(root)?;
    lap("load", &mut timings);
    let (graph, resolve_diags) = graph::resolve(corpus, &sources);
    diags.append(resolve_diags);
    lap("resolve", &mut timings);
    let renderer = Renderer::load(root, &config)?;
    diags.append(check_languages(&graph, &renderer));
    if diags.has_errors() {
        return Err(InvalidInput(diags).into());
    }
    let jobs = plan::plan(&graph, &config);
    let rendered: Vec<Result<usize>> = jobs
        .par_iter()
        .map(|job| {
            let html = renderer.render(&graph, &config, &job.route, &job.lang)?;
            let len = html.len();
            emit(Output { path: job.route.output_path(&job.lang), bytes: html.into_bytes() })?;
            Ok(len)
        })
        .collect();
    let mut bytes = 0u64;
    let mut failures = Vec::new();
    for r in rendered {
        match r {
            Ok(n) => bytes += n as u64,
            Err(e) => failures.push(format!("{e:#}")),
        }
    }
    if !failures.is_empty() {
        failures.truncate(20);
        return Err(anyhow!(
            "{} page(s) failed to render:\n{}",
            failures.len(),
            failures.join("\n")
        ));
    }
    let pages = jobs.len();
    let mut files = Vec::new();
    lap("render", &mut timings);
    files.extend(assets::collect(root, &sources)?);
    lap("assets", &mut timings);
    // The search index: term shards, document records and facets per UI language, no IO.
    files.extend(crate::search::build(&graph, &config, &renderer.strings));
    lap("search", &mut timings);
    // Feeds, sitemap, citation files and the data export: made from the graph, no IO.
    files.extend(crate::feeds::collect(&graph, &config, &renderer.strings));
    files.extend(crate::sitemap::collect(&jobs, &config));
    lap("feeds", &mut timings);
    files.extend(crate::cite::collect(&graph, &config, &renderer.strings));
    files.extend(crate::export::collect(&graph, &config));
    lap("export", &mut timings);
    let count = pages + files.len();
    for f in files {
        bytes += f.bytes.len() as u64;
        emit(f)?;
    }
    lap("write rest", &mut timings);
    Ok(Run { pages, files: count, bytes, diagnostics: diags, timings, config })
}
