//! `archive check`: everything `build` would refuse, and everything a curator should look at,
//! without publishing anything.
//!
//! Runs load → resolve (front matter, ids, references, slug collisions) and, when those are clean,
//! renders the whole site in memory and checks every internal link and `#anchor`. On top it warns
//! about fields still under review, entities lacking a name or description in a UI language,
//! documents with no counterpart in another language, and orphan entities that nothing refers to.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::config::Config;
use crate::content::{Entity, EntityKind, Organization};
use crate::error::{Context, Diagnostic, Diagnostics, InvalidInput, Result};
use crate::graph::Graph;
use crate::output::Output;
use crate::render::Renderer;
use crate::site;

/// Runs every check on the site in `root`.
pub fn check(root: &Path) -> Result<Diagnostics> {
    let config = site::load_config(root, None)?;
    // Loaded and resolved once: the render below reuses it.
    let mut loaded = site::load(root, &config, &mut Default::default())?;
    let mut diags = std::mem::take(&mut loaded.diagnostics);
    diags.append(curation(&loaded.graph, &config));
    if diags.has_errors() {
        return Ok(diags);
    }
    let generated = Renderer::load(root, &config)
        .and_then(|renderer| loaded.ready(config, renderer))
        .and_then(|prepared| site::generate_prepared(root, prepared, Default::default()));
    match generated {
        Ok(generated) => {
            // What rendering found (the texts' own problems); load's are listed already.
            let known: BTreeSet<&Diagnostic> = diags.iter().collect();
            let rendered: Vec<Diagnostic> =
                generated.diagnostics.iter().filter(|d| !known.contains(d)).cloned().collect();
            rendered.into_iter().for_each(|d| diags.push(d));
            for d in broken_links(&generated.files, &generated.config.base_path) {
                diags.push(d);
            }
        }
        Err(e) => match e.downcast::<InvalidInput>() {
            Ok(InvalidInput(more)) => {
                let known: BTreeSet<&Diagnostic> = diags.iter().collect();
                let new: Diagnostics =
                    more.iter().filter(|d| !known.contains(d)).cloned().collect();
                diags.append(new)
            }
            Err(e) => return Err(e),
        },
    }
    Ok(diags)
}

/// Warnings for curators: open reviews, missing names and descriptions, untranslated documents,
/// orphan entities.
pub(crate) fn curation(g: &Graph, config: &Config) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for d in &g.corpus.documents {
        if !d.meta.review.is_empty() {
            diags.push(review_warning(&d.path, d.line_of("review"), &d.meta.review));
        }
    }
    let c = &g.corpus;
    let referenced = referenced(g);
    entity_warnings(c.entities.all(), config, &referenced, &mut diags);
    for lang in &config.languages {
        let n = (0..c.documents.len())
            .filter(|&i| g.doc(i).meta.lang == lang.as_str() && g.translations[i].is_empty())
            .count();
        if n > 0 {
            diags.push(Diagnostic::warning(
                "content/documents",
                format!("{n} document(s) in «{lang}» have no counterpart in another language (see the /{lang}/translations/ page)"),
            ).of_kind("no counterpart"));
        }
    }
    diags
}

fn review_warning(path: &Path, line: Option<usize>, items: &[String]) -> Diagnostic {
    let fields: Vec<&str> = items.iter().map(|r| r.split(':').next().unwrap_or(r).trim()).collect();
    Diagnostic::warning(path, format!("still under review: {}", fields.join(", ")))
        .at_line(line)
        .in_field("review")
        .of_kind("under review")
}

/// Ids that other entities or documents refer to, per kind.
fn referenced(g: &Graph) -> BTreeMap<EntityKind, BTreeSet<String>> {
    let mut r: BTreeMap<EntityKind, BTreeSet<String>> = BTreeMap::new();
    let mut add = |k: EntityKind, id: &str| {
        r.entry(k).or_default().insert(id.to_string());
    };
    for (kind, ids) in &g.mentions {
        for id in ids.keys() {
            add(*kind, id);
        }
    }
    let c = &g.corpus;
    // A file that failed to load still names what its valid fields name.
    for r in c.broken.iter().flat_map(|b| &b.refs) {
        add(r.kind, &r.id);
    }
    for e in c.entities.all() {
        for (_, kind, id) in e.data.refs() {
            add(kind, id);
        }
    }
    // An organization with bodies, or a body of one, belongs to the graph.
    for (e, o) in c.entities.of::<Organization>() {
        if o.parent.is_some() || !o.members.is_empty() {
            add(EntityKind::Organization, &e.id);
        }
    }
    r
}

fn entity_warnings<'a>(
    entities: impl Iterator<Item = &'a Entity>,
    config: &Config,
    referenced: &BTreeMap<EntityKind, BTreeSet<String>>,
    diags: &mut Diagnostics,
) {
    for e in entities {
        let (kind, id, names, review) = (e.kind(), &e.id, e.names(), e.review());
        let missing: Vec<&str> = config
            .languages
            .iter()
            .filter(|l| !names.has(l.as_str()))
            .map(|l| l.as_str())
            .collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::warning(&e.path, format!("no name in {}", missing.join(", ")))
                    .at_line(e.line_of("name"))
                    .in_field("name")
                    .of_kind("missing name"),
            );
        }
        let no_desc: Vec<&str> = config
            .languages
            .iter()
            .filter(|l| !e.descriptions.contains_key(l.as_str()))
            .map(|l| l.as_str())
            .collect();
        if !no_desc.is_empty() {
            diags.push(
                Diagnostic::warning(&e.path, format!("no description in {}", no_desc.join(", ")))
                    .of_kind("missing description"),
            );
        }
        if !review.is_empty() {
            diags.push(review_warning(&e.path, e.line_of("review"), review));
        }
        if !referenced.get(&kind).is_some_and(|s| s.contains(id)) {
            diags.push(
                Diagnostic::warning(
                    &e.path,
                    format!(
                        "orphan {}: no document or other entity refers to «{id}»",
                        kind.singular()
                    ),
                )
                .of_kind("orphan entity"),
            );
        }
    }
}

/// Values of `attr="…"` in HTML, unescaped.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest: &'a str = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(
                rest[..end]
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            );
            rest = &rest[end..];
        }
    }
    out
}

/// A link's path as the file name it asks for: `%XX` escapes decoded (as a server does), an
/// invalid escape or non-UTF-8 result left as written.
fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.filter(|_| bytes[i] == b'%').and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// Every internal link (`href`, `src`) of the HTML files in `files` that does not resolve to a file
/// of the site, or whose `#fragment` is not an `id` of its target page. Links must start with the
/// base path; an absolute path outside it is broken too.
pub fn broken_links(files: &[Output], base_path: &str) -> Vec<Diagnostic> {
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let pages: BTreeMap<&str, &str> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| std::str::from_utf8(&f.bytes).ok().map(|t| (f.path.as_str(), t)))
        .collect();
    let ids: BTreeMap<&str, BTreeSet<String>> =
        pages.iter().map(|(p, html)| (*p, attr_values(html, "id").into_iter().collect())).collect();
    let mut broken = Vec::new();
    for (page, html) in &pages {
        let mut links = attr_values(html, "href");
        links.extend(attr_values(html, "src"));
        for link in links {
            if ["http://", "https://", "mailto:", "data:"].iter().any(|s| link.starts_with(s))
                || link.starts_with('?')
            {
                continue;
            }
            let (path, frag) = match link.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (link.as_str(), None),
            };
            let path = percent_decoded(path.split('?').next().unwrap_or(path));
            let path = path.as_str();
            let target = if path.is_empty() {
                page.to_string()
            } else if let Some(rest) = path.strip_prefix(base_path) {
                if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.to_string()
                }
            } else if path.starts_with('/') {
                broken.push(Diagnostic::error(
                    format!("public/{page}"),
                    format!("link {link} lies outside the base path {base_path}"),
                ));
                continue;
            } else {
                // Relative links: resolved against the page's folder.
                let dir = page.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
                let joined =
                    if dir.is_empty() { path.to_string() } else { format!("{dir}/{path}") };
                if joined.ends_with('/') { format!("{joined}index.html") } else { joined }
            };
            if !paths.contains(target.as_str()) {
                broken.push(Diagnostic::error(
                    format!("public/{page}"),
                    format!("link {link} does not resolve"),
                ));
                continue;
            }
            if let Some(f) = frag.filter(|f| !f.is_empty())
                && ids.get(target.as_str()).is_some_and(|set| !set.contains(f))
            {
                broken.push(Diagnostic::error(
                    format!("public/{page}"),
                    format!("link {link}: no element with id «{f}»"),
                ));
            }
        }
    }
    broken
}

/// Files under `root` that differ from the commit `since` (a branch, tag or commit such as
/// `HEAD`), or that git does not track yet, relative to `root`: what a curator has changed, for
/// `archive check --only new`. Needs `git` and a repository holding `root`.
pub fn changed_files(root: &Path, since: &str) -> Result<BTreeSet<std::path::PathBuf>> {
    let git = |args: &[&str]| -> Result<String> {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .context("running git (needed to find the files changed since a commit)")?;
        if !out.status.success() {
            crate::error::bail!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let changed = git(&["diff", "--name-only", "--relative", "--no-renames", since, "--"])?;
    let untracked = git(&["ls-files", "--others", "--exclude-standard"])?;
    Ok(changed.lines().chain(untracked.lines()).map(std::path::PathBuf::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> Output {
        Output { path: path.into(), bytes: html.as_bytes().to_vec() }
    }

    #[test]
    fn links_and_anchors() {
        let files = [
            page(
                "ru/index.html",
                r##"<a href="/b/ru/x/">x</a> <a href="/b/ru/x/#top">t</a> <a href="#nope">n</a> <a href="/b/ru/y/">y</a> <a href="/elsewhere/">e</a> <a href="https://a.kz/">ext</a>"##,
            ),
            page("ru/x/index.html", r#"<h1 id="top">X</h1>"#),
        ];
        let broken: Vec<String> =
            broken_links(&files, "/b/").iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            broken,
            [
                "link #nope: no element with id «nope»",
                "link /b/ru/y/ does not resolve",
                "link /elsewhere/ lies outside the base path /b/"
            ]
        );
    }

    #[test]
    fn percent_encoded_links_resolve_to_their_files() {
        let files = [
            page(
                "ru/index.html",
                r#"<a href="/sources/a%20b%23c.html.txt">a</a> <a href="/sources/%D1%8F.txt">b</a> <a href="/sources/a%2">c</a>"#,
            ),
            page("sources/a b#c.html.txt", ""),
            page("sources/я.txt", ""),
        ];
        let broken: Vec<String> =
            broken_links(&files, "/").iter().map(|d| d.message.clone()).collect();
        assert_eq!(broken, ["link /sources/a%2 does not resolve"]);
        assert_eq!(percent_decoded("%+1%zz%"), "%+1%zz%");
    }
}
