//! `archive import`: raw source documents → `content/documents/<year>/<slug>.md`.
//!
//! Each input is read (`read`; DOCX through `docx` and `wordxml`, PDF through `pdf`), cleaned of boilerplate (`clean`), a text dump's page chrome set
//! aside (`chrome`, `textpage`), its fields found (`detect`, `dateline`, `pubdate`, `dates`,
//! `mentions`), and written as a content document with everything uncertain listed
//! under `review` (`merge` decides whether a file may be written). Inputs are analysed in
//! parallel, and one input's failure (even a panic) is that input's row in the report, never the
//! batch's end. Files are then placed and written one at a time in input order, so slugs are
//! stable, under `store::Lock` (one import at a time), each draft first checked as the build will
//! load it (`check_draft`), each file written whole (`store::write_atomic`), raw sources known by
//! content (`store::Sources`).

mod act;
pub(crate) mod chrome;
#[doc(hidden)]
pub mod clean;
pub(crate) mod dateline;
#[doc(hidden)]
pub mod dates;
#[doc(hidden)]
pub mod decode;
#[doc(hidden)]
pub mod detect;
#[doc(hidden)]
pub mod docx;
#[doc(hidden)]
pub mod dupes;
#[doc(hidden)]
pub mod escape;
pub(crate) mod known;
#[doc(hidden)]
pub mod mentions;
pub mod merge;
pub(crate) mod pdf;
pub(crate) mod pubdate;
#[doc(hidden)]
pub mod read;
pub(crate) mod store;
pub(crate) mod textpage;
#[doc(hidden)]
pub mod wordxml;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use walkdir::WalkDir;

use crate::config::Config;
use crate::content::{self, Document, DocumentMeta, EntityKind, PartialDate, Source};
use crate::error::{Context, Result, bail};
use crate::text::slugify;
use mentions::{BatchCandidate, Candidate, EntityIndex};
use merge::Action;
use textpage::TextPage;

/// Options of `archive import`.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Show what would change; write nothing.
    pub dry_run: bool,
    /// Replace files a person edited (keeping a backup).
    pub force: bool,
    /// Write entity files for candidates, marked for review.
    pub create_entities: bool,
    /// Draw a progress bar (on a terminal).
    pub progress: bool,
}

/// One input's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// The input file as given.
    pub input: String,
    /// The content file written (or that would be, with --dry-run).
    pub output: Option<String>,
    /// What happened to it.
    pub action: Option<Action>,
    /// The metadata found.
    pub meta: Option<DocumentMeta>,
    /// Candidate entities.
    pub candidates: Vec<Candidate>,
    /// Why the input could not be imported.
    pub error: Option<String>,
    /// The document that already holds the same article (the draft is under review).
    pub near_duplicate: Option<known::NearDuplicate>,
    /// A new version of the text of a document a person edited: its raw source, kept under
    /// `sources/` and not written into the document.
    pub new_version: Option<String>,
}

/// All outcomes, in input order.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    /// Per input.
    pub records: Vec<Record>,
    /// The candidates of all inputs merged, each with the documents naming it.
    pub candidates: Vec<BatchCandidate>,
    /// Entity files written for candidates.
    pub created_entities: Vec<String>,
    /// Whether nothing was written.
    pub dry_run: bool,
}

/// An analysed input, before it is placed and written.
struct Draft {
    input: PathBuf,
    /// Where the text came from ([`known::origin`]).
    origin: String,
    meta: DocumentMeta,
    body: String,
    candidates: Vec<Candidate>,
}

/// Imports `inputs` (files or folders) into the site at `root`.
pub fn import(root: &Path, inputs: &[PathBuf], opts: &ImportOptions) -> Result<ImportReport> {
    let config = Config::load(&root.join("site.toml"))?;
    let (corpus, diags) = content::load(root, &config)?;
    if let Some(d) = diags.iter().find(|d| d.is_error() && !d.path.starts_with("content/documents"))
    {
        bail!("the entity files must load before importing; first problem: {d}");
    }
    let index = EntityIndex::new(&corpus);
    let files = expand(inputs)?;
    let raws: Vec<Result<read::Raw>> =
        files.par_iter().map(|f| guarded(f, || read::read(f))).collect();
    let texts: Vec<&str> = raws.iter().flatten().map(|r| r.text.as_str()).collect();
    let batch = chrome::Recurring::of(&texts);
    let bar = progress(opts.progress && files.len() > 20, files.len() as u64);
    let analysed: Vec<Result<Draft>> = files
        .par_iter()
        .zip(&raws)
        .map(|(f, raw)| {
            let r = match raw {
                Ok(raw) => guarded(f, || analyse(f, raw, &index, &batch)),
                Err(e) => Err(anyhow::anyhow!("{e:#}")),
            };
            if let Some(b) = &bar {
                b.inc(1);
            }
            r
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // Slugs and names are chosen against the files as they are once the lock is held: another
    // import may have written some since `corpus` was loaded.
    let _lock = if opts.dry_run { None } else { Some(store::Lock::acquire(root)?) };
    let documents =
        if opts.dry_run { corpus.documents } else { content::load(root, &config)?.0.documents };
    let mut placer = Placer::new(root, &documents);
    let mut records = Vec::new();
    for (file, draft) in files.iter().zip(analysed) {
        let record = match draft.and_then(|d| placer.write(d, opts)) {
            Ok(r) => r,
            Err(e) => Record {
                input: file.display().to_string(),
                output: None,
                action: None,
                meta: None,
                candidates: Vec::new(),
                error: Some(format!("{e:#}")),
                near_duplicate: None,
                new_version: None,
            },
        };
        records.push(record);
    }
    let candidates = mentions::merge_candidates(
        &index,
        records.iter().map(|r| (r.input.as_str(), r.candidates.as_slice())),
    );
    let created_entities = if opts.create_entities && !opts.dry_run {
        create_entities(root, &candidates)?
    } else {
        Vec::new()
    };
    Ok(ImportReport { records, candidates, created_entities, dry_run: opts.dry_run })
}

fn progress(show: bool, len: u64) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    (show && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(len);
        b.set_style(
            indicatif::ProgressStyle::with_template("importing {bar:40} {pos}/{len} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    })
}

/// Files to import: each file given, and every .txt/.md/.html/.htm/.docx/.pdf file below each
/// folder.
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            for e in WalkDir::new(input).sort_by_file_name() {
                let e = e.with_context(|| format!("reading {}", input.display()))?;
                let p = e.path();
                let hidden =
                    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
                if e.file_type().is_file()
                    && !hidden
                    && p.extension()
                        .and_then(|x| x.to_str())
                        .map(str::to_ascii_lowercase)
                        .is_some_and(|x| {
                            ["txt", "md", "html", "htm", "docx", "pdf"].contains(&x.as_str())
                        })
                {
                    out.push(p.to_path_buf());
                }
            }
        } else if input.is_file() {
            out.push(input.clone());
        } else {
            bail!("{}: no such file or folder", input.display());
        }
    }
    Ok(out)
}

/// `work` on one input ([`read::read`], [`analyse`]), with a panic turned into this input's
/// error: one bad file never ends a batch.
fn guarded<T>(path: &Path, work: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        bail!("{}: could not be analysed (a bug in archive import: {why})", path.display())
    })
}

/// Analyses one input as read, in its batch.
fn analyse(
    path: &Path,
    raw: &read::Raw,
    index: &EntityIndex,
    batch: &chrome::Recurring,
) -> Result<Draft> {
    let Analysis { meta, body, candidates } = analyse_in_batch(raw, index, batch);
    if !format!("{}{body}", meta.title).chars().any(char::is_alphanumeric) {
        bail!("{}: holds no text to import", path.display());
    }
    let origin = known::origin(path, raw.meta.url.as_deref());
    Ok(Draft { input: path.to_path_buf(), origin, meta, body, candidates })
}

/// What the importer makes of one text: the metadata (`imported_from` not yet set), the Markdown
/// body and the candidate names.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Front matter as it would be written.
    pub meta: DocumentMeta,
    /// Markdown body.
    pub body: String,
    /// Names with no entity file.
    pub candidates: Vec<Candidate>,
}

/// Analyses a text already read (pure: no IO), as `archive import` does for an input imported
/// on its own.
pub fn analyse_raw(raw: &read::Raw, index: &EntityIndex) -> Analysis {
    analyse_in_batch(raw, index, &chrome::Recurring::default())
}

/// [`analyse_raw`] for an input of a batch whose recurring lines are `batch`.
pub(crate) fn analyse_in_batch(
    raw: &read::Raw,
    index: &EntityIndex,
    batch: &chrome::Recurring,
) -> Analysis {
    let mut c = clean::clean(&raw.text);
    let saved_date = chrome::take_saved_date(&mut c.lines);
    let labelled_date = take_labelled_date(&mut c.lines);
    let (kind, kind_line) = detect::kind(&c.lines);
    let mut review: Vec<String> =
        raw.encoding_note.iter().chain(&raw.meta.notes).cloned().collect();
    let text = TextPage::read(&mut c, &raw.meta, kind_line, saved_date, batch, &mut review);
    let plain: String = c.lines.join("\n");
    let lang = detect::language(&plain).to_string();
    let title = text.title;
    let body = clean::body_markdown(&c.lines, title.line);
    let stated = stated_date(&c, &raw.meta).or(labelled_date);
    let evidence = pubdate::Evidence {
        stated,
        saved: saved_date,
        date_lines: &text.date_lines,
        chrome: &text.page.removed,
        lines: &text.after_title,
        dateline: text.dateline.as_ref().and_then(|d| d.date.as_ref()),
        official: text.official,
    };
    let date = pubdate::choose(&evidence, &mut review);
    let found = mentions::find(index, &format!("{}\n{}", title.text, body));
    let source = match detect::source_with_outlet(&c, &raw.meta, &body, text.outlet.as_deref()) {
        Some(s) => {
            if !s.sure {
                review.push(format!("source: only a credit line names «{}»; the publisher of this copy is not stated", s.name));
            }
            Some(Source { name: s.name, url: s.url })
        }
        None => {
            review.push("source: the text names no publisher".to_string());
            None
        }
    };
    let in_title = mentions::find(index, &title.text);
    let (event, close) = mentions::event(index, &body, &found, &in_title, date);
    if event.is_none() && !close.is_empty() {
        review.push(format!("event: possibly {}", close.join(", ")));
    }
    let (act, act_review) = act::read(kind, &body, index, date);
    review.extend(act_review);
    let ids = |k: EntityKind| found.of(k).to_vec();
    let meta = DocumentMeta {
        title: title.text,
        lang,
        date,
        kind,
        source,
        credits: c.credits.clone(),
        event,
        act,
        countries: ids(EntityKind::Country),
        organizations: ids(EntityKind::Organization),
        people: ids(EntityKind::Person),
        places: ids(EntityKind::Place),
        translations: Vec::new(),
        review,
        imported_from: None,
        origin: None,
    };
    Analysis { meta, body, candidates: found.candidates }
}

/// A line such as «Жарияланды: 14.03.2025, 16:42» or «Опубликовано: …» states the date outright;
/// it is taken out of the body.
fn take_labelled_date(lines: &mut Vec<String>) -> Option<PartialDate> {
    const LABELS: [&str; 6] =
        ["жарияланды", "опубликовано", "дата публикации", "дата", "жарияланған күні", "published"];
    let pos = lines.iter().position(|l| {
        let low = l.trim().to_lowercase();
        LABELS
            .iter()
            .any(|lab| low.strip_prefix(lab).is_some_and(|r| r.trim_start().starts_with(':')))
    })?;
    let found = dates::find(&lines[pos]).into_iter().find_map(|m| match m.found {
        dates::Found::Date(d) => Some(d),
        _ => None,
    });
    if found.is_some() {
        lines.remove(pos);
    }
    found
}

/// A publication time the markup or a «Published at:» line states.
fn stated_date(c: &clean::Cleaned, meta: &read::Meta) -> Option<PartialDate> {
    c.published.as_deref().or(meta.published.as_deref()).and_then(|p| {
        dates::find(p).into_iter().find_map(|m| match m.found {
            dates::Found::Date(d) => Some(d),
            _ => None,
        })
    })
}

/// Where [`Placer::place`] puts a draft.
struct Placement {
    /// The content file.
    rel: String,
    /// The slug of a new document.
    slug: Option<String>,
    /// Whether the draft is a new version of the text of the document at `rel`.
    new_version: bool,
    /// The document holding the same article, for a new document.
    near: Option<known::NearDuplicate>,
}

/// Places drafts in `content/documents/` with unique slugs and writes them.
struct Placer<'a> {
    root: &'a Path,
    /// The documents by source, origin and text.
    known: known::Known,
    /// Slugs in use.
    slugs: BTreeSet<String>,
    /// The raw sources, by content.
    sources: store::Sources,
}

impl<'a> Placer<'a> {
    fn new(root: &'a Path, docs: &[Document]) -> Self {
        let slugs = docs.iter().map(|d| d.id.clone()).collect();
        Placer {
            root,
            known: known::Known::new(root, docs),
            slugs,
            sources: store::Sources::new(root),
        }
    }

    /// Where a draft goes: the document of its source (the same content imported again: the
    /// origin it records is kept), the document of its origin (a new version of a known text),
    /// or a new file, after a near-duplicate check that puts the draft under review.
    fn place(&self, d: &mut Draft, provenance: &str, runs: &[u64]) -> Placement {
        let existing =
            |rel: String, new_version: bool| Placement { rel, slug: None, new_version, near: None };
        if let Some((rel, origin)) = self.known.by_source(provenance) {
            d.meta.origin = origin;
            return existing(rel, false);
        }
        if let Some(rel) = self.known.by_origin(&d.origin, runs) {
            return existing(rel, true);
        }
        let near = self.known.near_duplicate(runs);
        if let Some(n) = &near {
            d.meta.review.push(format!(
                "duplicate: the same article as {} (similarity {:.2}): merge the two, keep both, or delete one (see the curators' guide)",
                n.document, n.similarity
            ));
        }
        let folder = d.meta.date.map(|x| x.year.to_string()).unwrap_or_else(|| "undated".into());
        let slug = self.unique_slug(&d.meta.title);
        Placement {
            rel: format!("content/documents/{folder}/{slug}.md"),
            slug: Some(slug),
            new_version: false,
            near,
        }
    }

    fn write(&mut self, mut d: Draft, opts: &ImportOptions) -> Result<Record> {
        let (provenance, copy) = self.sources.place(&d.input)?;
        d.meta.imported_from = Some(provenance.clone());
        d.meta.origin = Some(d.origin.clone());
        let runs = known::runs(&d.meta.title, &d.body);
        let Placement { rel, slug, new_version, near: near_duplicate } =
            self.place(&mut d, &provenance, &runs);
        if slug.is_none() {
            keep_duplicate_notes(&self.root.join(&rel), &mut d.meta);
        }
        let text = merge::stamp(&content::write::document(&d.meta, &d.body));
        check_draft(self.root, &rel, &text, &d.meta)
            .with_context(|| format!("{}: not imported", d.input.display()))?;
        let new = slug.is_some();
        if let Some(slug) = slug {
            self.slugs.insert(slug);
        }
        self.known.record(&rel, &provenance, d.meta.origin.as_deref(), runs, new);
        let path = self.root.join(&rel);
        let existing = std::fs::read_to_string(&path).ok();
        let action = merge::decide(existing.as_deref(), &text, opts.force);
        let kept_new_version = new_version && action == Action::KeptEdited;
        let meta = match (action, existing.as_deref()) {
            (Action::KeptEdited, Some(old)) => {
                let mut m = merge::file_meta(old).unwrap_or(d.meta);
                if new_version {
                    m.review.push(format!("source: a new version of this text was imported as {provenance} and not written here, because a person edited this file: compare the two and bring in what changed"));
                }
                m
            }
            _ => d.meta,
        };
        if !opts.dry_run {
            if let Some(copy) = copy {
                self.sources.commit(copy)?;
            }
            match action {
                Action::Created | Action::Updated => store::write_atomic(&path, text.as_bytes())?,
                Action::Replaced => {
                    let old = existing.unwrap_or_default();
                    let backup = merge::backup_path(self.root, &rel, &old);
                    store::write_atomic(&backup, old.as_bytes())?;
                    store::write_atomic(&path, text.as_bytes())?;
                }
                Action::Unchanged | Action::KeptEdited => {}
            }
        }
        Ok(Record {
            input: d.input.display().to_string(),
            output: Some(rel),
            action: Some(action),
            meta: Some(meta),
            candidates: d.candidates,
            error: None,
            near_duplicate,
            new_version: kept_new_version.then_some(provenance),
        })
    }

    /// A free slug for `title` (not yet taken: [`Placer::write`] takes it once the draft passes).
    fn unique_slug(&self, title: &str) -> String {
        let full = slugify(title);
        let mut base = full.split('-').take(8).collect::<Vec<_>>().join("-");
        if base.is_empty() {
            base = "document".into();
        }
        let mut slug = base.clone();
        let mut n = 2;
        while self.slugs.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        slug
    }
}

/// Carries the `duplicate:` review lines of the document at `path` into its new draft: the check
/// runs only for a new document, so importing its text again must not drop the flag it raised.
fn keep_duplicate_notes(path: &Path, meta: &mut DocumentMeta) {
    let old = std::fs::read_to_string(path).ok().and_then(|t| merge::file_meta(&t));
    for line in old.map(|m| m.review).unwrap_or_default() {
        if line.starts_with("duplicate:") && !meta.review.contains(&line) {
            meta.review.push(line);
        }
    }
}

/// Checks the file about to be written at `rel` as the build will check it: it loads as a
/// document (front matter, title, language, date folder, file name: `content::parse_document`,
/// the build's own code), its metadata reads back as `meta`, and its source URL is a web address.
/// A draft that fails is an error of its input, and nothing is written for it.
fn check_draft(root: &Path, rel: &str, text: &str, meta: &DocumentMeta) -> Result<()> {
    let doc = content::parse_document(PathBuf::from(rel), &root.join(rel), text).map_err(|ds| {
        let problems: Vec<String> = ds.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("the document would not load: {}", problems.join("; "))
    })?;
    if doc.meta != *meta {
        bail!("the document would not load as written (a bug in archive import): {rel}");
    }
    if let Some(url) = meta.source.as_ref().and_then(|s| s.url.as_deref())
        && !crate::graph::refs::is_web_url(url)
    {
        bail!(
            "its address «{url}» (the page's canonical URL or og:url, or its «Source:» link) is not a web address (http:// or https://), which the build requires"
        );
    }
    Ok(())
}

/// Writes an entity file for each candidate of the batch that has none yet, marked for review:
/// not for one that may duplicate an entity file (its `near`), nor where its file exists.
fn create_entities(root: &Path, candidates: &[BatchCandidate]) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for c in candidates.iter().filter(|c| c.near.is_none()) {
        let dir = if c.kind == "person" { "people" } else { "organizations" };
        let id = slugify(&c.name);
        if id.is_empty() {
            continue;
        }
        let rel = format!("content/{dir}/{id}.md");
        let path = root.join(&rel);
        if path.exists() || written.contains(&rel) {
            continue;
        }
        let lang = if detect::language(&c.name) == "kk" { "kk" } else { "ru" };
        let forms: Vec<String> = c
            .forms
            .iter()
            .map(|f| serde_json::to_string(f).expect("a string cannot fail to serialize"))
            .collect();
        let text = format!(
            "---\nname: {{{lang}: {}}}\naliases: [{}]\nreview:\n  - \"name: proposed by archive import from {} mention(s) in {} document(s); check the nominative form and add the other languages\"\n---\n",
            serde_json::to_string(&c.name).expect("a string cannot fail to serialize"),
            forms.join(", "),
            c.count,
            c.documents.len()
        );
        store::write_atomic(&path, text.as_bytes())?;
        written.push(rel);
    }
    Ok(written)
}
