//! The files made from the whole archive rather than one page: the search index, the feeds, the
//! sitemap and the export. The preview ([`super::live::Live`]) makes them with [`files`];
//! `archive build` with its two halves, the graph's beside the documents' rendering and the
//! texts' after it (all four after the pages held 15–20% more memory at 10,000 documents: the
//! export's tables beside the index's postings).

use super::Prepared;
use super::plan::PageJob;
use super::steps::{Timed, task};
use crate::error::Result;
use crate::output::Output;
use crate::render::DocItems;
use crate::search::{self, Texts};

/// Where files go: thread-safe, as the tasks run side by side.
pub(crate) type Emit<'e> = &'e (dyn Fn(Output) -> Result<()> + Sync);

/// Makes the whole-archive files of the site, four tasks side by side, each timed: the search
/// index and the feeds from the documents' `texts`, the sitemap from the pages `jobs`, the
/// export from the graph. (`archive build` makes the two halves apart: [`from_graph`] beside
/// the documents' rendering, [`from_texts`] once their texts are in.)
pub(crate) fn files(
    p: &Prepared,
    jobs: &[PageJob],
    items: &DocItems,
    texts: Texts,
    emit: Emit,
) -> [Timed<Result<()>>; 5] {
    let ([index, feeds], [sitemap, export, lists]) =
        rayon::join(|| from_texts(p, texts, emit), || from_graph(p, jobs, items, emit));
    [index, feeds, sitemap, export, lists]
}

/// The whole-archive files that need the documents' texts: the search index and the feeds.
pub(crate) fn from_texts(p: &Prepared, texts: Texts, emit: Emit) -> [Timed<Result<()>>; 2] {
    let (graph, config, strings) = (&p.graph, &p.config, &p.renderer.strings);
    let Texts { words, excerpts } = texts;
    let summaries: Vec<&str> = excerpts.iter().collect();
    let summaries = summaries.as_slice();
    let (index, feeds) = rayon::join(
        || task("search index", || search::build(graph, config, words, emit)),
        || task("feeds", || crate::feeds::collect(graph, config, strings, summaries, emit)),
    );
    [index, feeds]
}

/// The whole-archive files made from the graph and the rendered list `items`: the sitemap (of
/// the pages `jobs`), the export and the lists' filter data.
pub(crate) fn from_graph(
    p: &Prepared,
    jobs: &[PageJob],
    items: &DocItems,
    emit: Emit,
) -> [Timed<Result<()>>; 3] {
    let (graph, config) = (&p.graph, &p.config);
    let strings = &p.renderer.strings;
    let per_lang: Vec<_> = config.languages.iter().map(|l| (l, &items.of(l).docs)).collect();
    let lists = || task("lists", || crate::lists::collect(graph, config, strings, &per_lang, emit));
    let ((sitemap, export), lists) = rayon::join(
        || {
            rayon::join(
                || {
                    task("sitemap", || {
                        let pages = jobs.iter().map(|job| &job.route);
                        crate::sitemap::collect(pages, config).into_iter().try_for_each(emit)
                    })
                },
                || task("export", || crate::export::collect(graph, config, emit)),
            )
        },
        lists,
    );
    [sitemap, export, lists]
}

/// The documents' [`Texts`], their bodies read again and reduced to plain text, each text's
/// snippet file handed to `emit` (the build takes them from its rendering of each document
/// instead).
pub(crate) fn read_texts(p: &Prepared, emit: Emit) -> Result<Texts> {
    let (texts, read) = search::collect(&p.graph, &p.config, |i| {
        let body = p.graph.doc(i).body()?;
        let plain = crate::render::markdown::plain_text(&body);
        emit(search::passage(p.graph.doc(i), &p.config, &plain))?;
        Ok((plain, ()))
    });
    read.into_iter().collect::<Result<Vec<()>>>()?;
    Ok(texts)
}
