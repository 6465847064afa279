//! Atom 1.0 feeds (RFC 4287): per UI language the newest documents of the whole archive
//! (`ru/feed.xml`), and per country, organization, person and event the newest documents naming
//! it (`ru/countries/kazakhstan/feed.xml`), and per form of act the newest acts of that form
//! (`ru/acts/decision/feed.xml`, see [`routes::act_feed`]).
//!
//! Feeds are pure functions of the content: a feed's `updated` is the date of its newest document
//! (never the build time), so builds stay byte-identical. Documents without a date are left out:
//! Atom requires a date on every entry and a feed reader orders by it, so an invented one would
//! mislead; they remain on the entity's page and in the export. A feed with no dated document is
//! still written (the page announces it) and takes the archive's newest date.
//!
//! Entry ids are the documents' canonical URLs, so the same text has the same id in the Russian
//! and the Kazakh feed; entry links lead to the page in the feed's UI language.

use std::sync::OnceLock;

use crate::config::Config;
use crate::content::PartialDate;
use crate::graph::Graph;
use crate::i18n::Strings;
use crate::output::Output;
use crate::render::views::Ctx;
use crate::routes::{self, Route};
use rayon::prelude::*;

/// Entries per feed.
pub(crate) const SIZE: usize = 50;

/// Text safe inside XML 1.0 content and attribute values.
pub(crate) use crate::text::escape::xml as xml_text;

/// RFC 3339 timestamp of a partial date, at midnight UTC of its first day.
pub(crate) fn rfc3339(d: &PartialDate) -> String {
    format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

/// One feed to write.
struct FeedSpec<'a> {
    path: String,
    title: String,
    /// The page the feed belongs to.
    page: Route,
    docs: &'a [usize],
}

/// Every feed of the site, handed to `emit` as it is made. `summaries` are the documents'
/// excerpts by graph index (the opening of the plain text, cut at a word).
pub(crate) fn collect(
    graph: &Graph,
    config: &Config,
    strings: &Strings,
    summaries: &[&str],
    emit: &(dyn Fn(Output) -> crate::error::Result<()> + Sync),
) -> crate::error::Result<()> {
    let newest = graph.corpus.documents.iter().filter_map(|d| d.meta.date).max();
    let all: Vec<usize> = (0..graph.corpus.documents.len()).collect();
    // The acts of each form, in the graph's order (newest first).
    let mut by_form: std::collections::BTreeMap<crate::content::Form, Vec<usize>> =
        Default::default();
    for (i, d) in graph.corpus.documents.iter().enumerate() {
        if let Some(f) = d.meta.act.as_ref().and_then(|a| a.form_for(d.meta.kind)) {
            by_form.entry(f).or_default().push(i);
        }
    }
    for lang in &config.languages {
        let cx = Ctx { graph, config, strings, lang, items: &crate::render::views::NO_ITEMS };
        let site_title = config.title(lang);
        let mut specs = vec![FeedSpec {
            path: routes::feed(lang, None),
            title: site_title.to_string(),
            page: Route::Home,
            docs: &all,
        }];
        for kind in routes::FEED_KINDS {
            for id in graph.corpus.ids(kind) {
                let name = graph.name(kind, id, lang.as_str());
                specs.push(FeedSpec {
                    path: routes::feed(lang, Some((kind, id))),
                    title: format!("{name} — {site_title}"),
                    page: routes::entity(kind, id),
                    docs: graph.page_documents(kind, id),
                });
            }
        }
        for (form, docs) in &by_form {
            let label = strings.get(lang, &format!("act_form_{}", form.as_str()));
            specs.push(FeedSpec {
                path: routes::act_feed(lang, *form),
                title: format!("{}: {label} — {site_title}", strings.get(lang, "acts")),
                page: Route::Documents { page: 1 },
                docs,
            });
        }
        // A document is an entry of several feeds (the site's, each of its countries, people …):
        // its entry is written once per language and copied into each.
        let entries: Vec<OnceLock<String>> =
            graph.corpus.documents.iter().map(|_| OnceLock::new()).collect();
        specs.into_par_iter().try_for_each(|spec| {
            emit(Output {
                bytes: feed(&cx, &spec, summaries, &entries, newest).into_bytes(),
                path: spec.path,
            })
        })?;
    }
    Ok(())
}

fn feed(
    cx: &Ctx,
    spec: &FeedSpec,
    summaries: &[&str],
    cache: &[OnceLock<String>],
    newest: Option<PartialDate>,
) -> String {
    let g = cx.graph;
    let config = cx.config;
    let lang = cx.lang;
    // `docs` lists are newest first, undated last.
    let entries: Vec<usize> =
        spec.docs.iter().copied().filter(|&i| g.doc(i).meta.date.is_some()).take(SIZE).collect();
    let updated = entries.first().and_then(|&i| g.doc(i).meta.date).or(newest);
    let updated = updated.map(|d| rfc3339(&d)).unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let self_url = routes::absolute(config, &spec.path);
    let page_url = routes::absolute(config, &spec.page.rel(lang));
    let site_title = config.title(lang);
    let mut s = String::with_capacity(1024 + entries.len() * 1024);
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    s.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_text(lang.as_str())
    ));
    s.push_str(&format!("  <id>{}</id>\n", xml_text(&self_url)));
    s.push_str(&format!("  <title>{}</title>\n", xml_text(&spec.title)));
    if let Some(d) = config.description.get(lang).filter(|d| !d.is_empty())
        && matches!(spec.page, Route::Home)
    {
        s.push_str(&format!("  <subtitle>{}</subtitle>\n", xml_text(d)));
    }
    s.push_str(&format!("  <updated>{updated}</updated>\n"));
    s.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_text(&self_url)
    ));
    s.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" hreflang=\"{}\" href=\"{}\"/>\n",
        xml_text(lang.as_str()),
        xml_text(&page_url)
    ));
    s.push_str(&format!("  <author><name>{}</name></author>\n", xml_text(site_title)));
    s.push_str("  <generator>archive</generator>\n");
    for i in entries {
        s.push_str(
            cache[i].get_or_init(|| entry(cx, i, summaries.get(i).copied().unwrap_or_default())),
        );
    }
    s.push_str("</feed>\n");
    s
}

fn entry(cx: &Ctx, i: usize, summary: &str) -> String {
    let d = cx.graph.doc(i);
    let m = &d.meta;
    let route = routes::document(d);
    let own = routes::canonical_lang(cx.config, &m.lang);
    let id = routes::absolute(cx.config, &route.rel(own));
    let link = routes::absolute(cx.config, &route.rel(cx.lang));
    let date = m.date.map(|x| rfc3339(&x)).unwrap_or_default();
    let doc_lang = xml_text(&m.lang);
    let mut s = format!("  <entry xml:lang=\"{doc_lang}\">\n");
    s.push_str(&format!("    <id>{}</id>\n", xml_text(&id)));
    s.push_str(&format!("    <title type=\"text\">{}</title>\n", xml_text(&m.title)));
    s.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_text(&link)
    ));
    s.push_str(&format!("    <updated>{date}</updated>\n    <published>{date}</published>\n"));
    if let Some(src) = m.source.as_ref().filter(|s| !s.name.trim().is_empty()) {
        s.push_str(&format!("    <author><name>{}</name></author>\n", xml_text(src.name.trim())));
    }
    let kind = cx.strings.get(cx.lang, &format!("kind_{}", m.kind.as_str()));
    s.push_str(&format!(
        "    <category term=\"{}\" label=\"{}\" xml:lang=\"{}\"/>\n",
        m.kind.as_str(),
        xml_text(kind),
        xml_text(cx.lang.as_str())
    ));
    if !summary.is_empty() {
        s.push_str(&format!("    <summary type=\"text\">{}</summary>\n", xml_text(summary)));
    }
    s.push_str("  </entry>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_markup_and_drops_forbidden_controls() {
        assert_eq!(xml_text("a<b>&\"'\u{1}\u{b}c\n"), "a&lt;b&gt;&amp;&quot;&apos;c\n");
    }

    #[test]
    fn dates_at_every_precision() {
        let p = |s| PartialDate::parse(s).unwrap();
        assert_eq!(rfc3339(&p("2019-11-02")), "2019-11-02T00:00:00Z");
        assert_eq!(rfc3339(&p("2019-11")), "2019-11-01T00:00:00Z");
        assert_eq!(rfc3339(&p("2019")), "2019-01-01T00:00:00Z");
    }
}
