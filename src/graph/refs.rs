//! Reference checks: every id a file names must exist, with a diagnostic naming the file, the
//! line and the field when it does not.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::content::{Corpus, Document, EntityKind, Event, Organization};
use crate::error::{Diagnostic, Diagnostics};

/// Checks every cross-reference in the corpus. `sources` lists the files under `sources/`
/// (relative paths such as `sources/000.txt`) that documents may name in `imported_from`.
pub(crate) fn check(corpus: &Corpus, sources: &BTreeSet<String>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let ids = Ids::of(corpus);
    let mut seen_docs: FxHashMap<&str, &Document> = FxHashMap::default();
    // Documents whose files exist but failed to load (already reported): not unknown.
    let broken_docs: FxHashSet<&str> =
        corpus.broken.iter().filter(|b| b.kind.is_none()).filter_map(|b| b.id.as_deref()).collect();
    for doc in &corpus.documents {
        if let Some(first) = seen_docs.insert(&doc.id, doc) {
            diags.push(Diagnostic::error(
                &doc.path,
                format!(
                    "slug collision: «{}» is also the slug of {}; document slugs must be unique",
                    doc.id,
                    first.path.display()
                ),
            ));
        }
        check_document(doc, &ids, sources, &mut diags);
    }
    for doc in &corpus.documents {
        for (i, t) in doc.meta.translations.iter().enumerate() {
            match seen_docs.get(t.as_str()) {
                None if broken_docs.contains(t.as_str()) => {}
                None => diags.push(missing(doc, "translations", "document", t)),
                Some(other) if other.meta.lang == doc.meta.lang => diags.push(
                    Diagnostic::error(
                        &doc.path,
                        format!(
                            "translations[{i}]: «{t}» is in the same language ({})",
                            doc.meta.lang
                        ),
                    )
                    .at_line(doc.line_of("translations"))
                    .in_field("translations"),
                ),
                Some(_) if t == &doc.id => {}
                Some(_) => {}
            }
        }
    }
    check_entities(corpus, &ids, &mut diags);
    check_broken(corpus, &ids, &mut diags);
    diags
}

/// The references of the fields of broken files that could be read are checked too: fixing the
/// reported problem of a file must not bring new ones to light.
fn check_broken(corpus: &Corpus, ids: &Ids, diags: &mut Diagnostics) {
    for b in &corpus.broken {
        for r in b.refs.iter().filter(|r| !ids.has(r.kind, &r.id)) {
            diags.push(
                Diagnostic::error(&b.path, unknown(r.kind.singular(), r.kind.dir(), &r.id))
                    .at_line(r.line)
                    .in_field(r.field),
            );
        }
    }
}

/// The known ids, of every kind.
struct Ids<'a>(FxHashSet<(EntityKind, &'a str)>);

impl<'a> Ids<'a> {
    /// The ids of loaded entities, and of entities whose files exist but failed to load: those
    /// are reported once, in their own file, not as «unknown» in every file naming them.
    fn of(c: &'a Corpus) -> Self {
        let loaded = c.entities.all().map(|e| (e.kind(), e.id.as_str()));
        let broken = c.broken.iter().filter_map(|b| Some((b.kind?, b.id.as_deref()?)));
        Ids(loaded.chain(broken).collect())
    }

    fn has(&self, kind: EntityKind, id: &str) -> bool {
        self.0.contains(&(kind, id))
    }
}

fn missing(doc: &Document, field: &str, what: &str, id: &str) -> Diagnostic {
    Diagnostic::error(&doc.path, unknown(what, dir_of(what), id))
        .at_line(doc.line_of(field))
        .in_field(field)
}

/// «unknown country «x» (no file …)», showing any letter of the id that only looks Latin.
fn unknown(what: &str, dir: &str, id: &str) -> String {
    let mut message = format!("unknown {what} «{id}» (no file content/{dir}/{id}.md)");
    if let Some(why) = crate::text::homoglyph::explain(id) {
        message.push_str(": ");
        message.push_str(&why);
    }
    message
}

fn dir_of(what: &str) -> &str {
    match what {
        "country" => "countries",
        "organization" => "organizations",
        "person" => "people",
        "place" => "places",
        "event" => "events",
        _ => "documents/<year>",
    }
}

fn check_document(doc: &Document, ids: &Ids, sources: &BTreeSet<String>, diags: &mut Diagnostics) {
    let m = &doc.meta;
    // The event is one id, so never listed twice.
    for kind in EntityKind::ALL {
        let field = kind.field();
        let mut seen = BTreeSet::new();
        for id in m.ids(kind) {
            if !ids.has(kind, id) {
                diags.push(missing(doc, field, kind.singular(), id));
            } else if !seen.insert(id) {
                diags.push(
                    Diagnostic::warning(&doc.path, format!("«{id}» is listed twice"))
                        .at_line(doc.line_of(field))
                        .in_field(field),
                );
            }
        }
    }
    if let Some(url) = m.source.as_ref().and_then(|s| s.url.as_deref())
        && !is_web_url(url)
    {
        diags.push(
            Diagnostic::error(
                &doc.path,
                format!("«{url}» is not a web address (http:// or https://)"),
            )
            .at_line(doc.line_of("source"))
            .in_field("source"),
        );
    }
    if let Some(src) = &m.imported_from {
        let safe = src.starts_with("sources/")
            && !src.split('/').any(|s| s == ".." || s.is_empty() || s == ".");
        if !safe {
            diags.push(
                Diagnostic::error(&doc.path, format!("«{src}» must be a file under sources/"))
                    .at_line(doc.line_of("imported_from"))
                    .in_field("imported_from"),
            );
        } else if !sources.contains(src) {
            diags.push(
                Diagnostic::error(&doc.path, format!("the raw source «{src}» does not exist"))
                    .at_line(doc.line_of("imported_from"))
                    .in_field("imported_from"),
            );
        }
    }
}

/// Whether a URL is a plain web address (so no `javascript:` or `data:` link reaches a page)
/// with a host the URL standard accepts (the `url` crate's WHATWG parser), no user name or
/// password, and a valid port.
pub(crate) fn is_web_url(url: &str) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    // `http:///x` would be read as the host `x`: the host must follow the `//`.
    if !rest.is_some_and(|r| !r.is_empty() && !r.starts_with(['/', '\\'])) {
        return false;
    }
    if url.contains(['"', '<', '>', ' ']) {
        return false;
    }
    url::Url::parse(url).is_ok_and(|u| {
        u.host_str().is_some_and(|h| !h.is_empty())
            && u.username().is_empty()
            && u.password().is_none()
    })
}

fn check_entities(c: &Corpus, ids: &Ids, diags: &mut Diagnostics) {
    for e in c.entities.all() {
        for (field, kind, id) in e.data.refs() {
            if !ids.has(kind, id) {
                diags.push(
                    Diagnostic::error(&e.path, unknown(kind.singular(), kind.dir(), id))
                        .at_line(e.line_of(field))
                        .in_field(field),
                );
            }
        }
    }
    for (e, ev) in c.entities.of::<Event>() {
        if let (Some(d), Some(end)) = (ev.date, ev.end)
            && end < d
        {
            diags.push(
                Diagnostic::error(&e.path, format!("ends ({end}) before it starts ({d})"))
                    .at_line(e.line_of("end"))
                    .in_field("end"),
            );
        }
    }
    for (o, org) in c.entities.of::<Organization>() {
        if let Some(url) = org.website.as_deref().filter(|u| !is_web_url(u)) {
            diags.push(
                Diagnostic::error(
                    &o.path,
                    format!("«{url}» is not a web address (http:// or https://)"),
                )
                .at_line(o.line_of("website"))
                .in_field("website"),
            );
        }
    }
    check_parent_cycles(c, diags);
}

fn check_parent_cycles(c: &Corpus, diags: &mut Diagnostics) {
    for (org, data) in c.entities.of::<Organization>() {
        let mut seen = BTreeSet::from([org.id.as_str()]);
        let mut cur = data.parent.as_deref();
        while let Some(p) = cur {
            if !seen.insert(p) {
                diags.push(
                    Diagnostic::error(&org.path, format!("parent chain loops back through «{p}»"))
                        .at_line(org.line_of("parent"))
                        .in_field("parent"),
                );
                break;
            }
            cur = c.entities.get_as::<Organization>(p).and_then(|(_, o)| o.parent.as_deref());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_with_an_invalid_host_are_refused() {
        for url in [
            "https://",
            "http:///x",
            "https://exa mple.com/",
            "https://ex<ample/",
            "https://a.io:99999/",
            "https://user:pw@a.io/",
            "javascript:alert(1)//https://",
            "ftp://a.io/",
        ] {
            assert!(!is_web_url(url), "{url}");
        }
        for url in [
            "https://tengrinews.kz/news/x-123/",
            "http://example.org",
            "https://sectsco.org/ru/news/20191102/x.html?id=1#a",
            "https://мұрағат.kz/",
            "HTTPS://Example.org/",
        ] {
            assert!(is_web_url(url), "{url}");
        }
    }
}
