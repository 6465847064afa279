//! The files made from the whole archive rather than one page: the search index, the feeds, the
//! sitemap and the export. `archive build` and the preview ([`super::live::Live`]) both make them
//! with [`files`], from the same [`Texts`] of the documents.

use super::Prepared;
use super::plan::PageJob;
use super::steps::{Timed, task};
use crate::error::Result;
use crate::output::Output;
use crate::search::{self, Texts};

/// Where files go: thread-safe, as the tasks run side by side.
pub(crate) type Emit<'e> = &'e (dyn Fn(Output) -> Result<()> + Sync);

/// Makes the whole-archive files of the site, four tasks side by side, each timed: the search
/// index and the feeds from the documents' `texts`, the sitemap from the pages `jobs`, the
/// export from the graph.
pub(crate) fn files(
    p: &Prepared,
    jobs: &[PageJob],
    texts: Texts,
    emit: Emit,
) -> [Timed<Result<()>>; 4] {
    let (graph, config, strings) = (&p.graph, &p.config, &p.renderer.strings);
    let Texts { words, excerpts } = texts;
    let summaries: Vec<&str> = excerpts.iter().collect();
    let summaries = summaries.as_slice();
    let ((index, feeds), (sitemap, export)) = rayon::join(
        || {
            rayon::join(
                || {
                    task("search index", || {
                        search::build(graph, config, strings, words, summaries, emit)
                    })
                },
                || task("feeds", || crate::feeds::collect(graph, config, strings, summaries, emit)),
            )
        },
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
    );
    [index, feeds, sitemap, export]
}

/// The documents' [`Texts`], their bodies read again and reduced to plain text (the build takes
/// them from its rendering of each document instead).
pub(crate) fn read_texts(p: &Prepared) -> Result<Texts> {
    let (texts, read) = search::collect(&p.graph, &p.config, |i| {
        let body = p.graph.doc(i).body()?;
        Ok((crate::render::markdown::plain_text(&body), ()))
    });
    read.into_iter().collect::<Result<Vec<()>>>()?;
    Ok(texts)
}
