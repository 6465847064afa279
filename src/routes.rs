//! Every page's URL and output path, per language. The only place URLs are built.
//!
//! All internal links are absolute paths under the configured base path (`/` or `/repo/`), so the
//! same output works at a domain root and under a GitHub Pages project sub-path, and a page's
//! links do not depend on how deep it sits. Ids are validated ASCII (see `text::is_valid_id`), so
//! they are safe as path segments.

use crate::config::{Config, Lang};
use crate::content::{Document, EntityKind};

/// A page of the site, independent of language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Route {
    /// `/`: sends the reader to a language.
    Root,
    /// `/404.html` at the root, for GitHub Pages.
    RootNotFound,
    /// `/{lang}/`
    Home,
    /// `/{lang}/documents/` and `/{lang}/documents/page/{n}/`.
    Documents {
        /// 1-based page.
        page: usize,
    },
    /// `/{lang}/documents/{folder}/{slug}/`.
    Document {
        /// Year folder or `undated`.
        folder: String,
        /// Slug.
        id: String,
    },
    /// `/{lang}/{kind}/` (and `/page/{n}/`): the index of one entity kind.
    Index {
        /// Kind.
        kind: EntityKind,
        /// Page number, from 1.
        page: usize,
    },
    /// `/{lang}/{kind}/{id}/` (and `/page/{n}/`).
    Entity {
        /// Kind.
        kind: EntityKind,
        /// Id.
        id: String,
        /// 1-based page of its document list.
        page: usize,
    },
    /// `/{lang}/years/`
    Years,
    /// `/{lang}/years/{yyyy}/` (or `undated`), paginated.
    Year {
        /// Year, None for undated documents.
        year: Option<u16>,
        /// 1-based page.
        page: usize,
    },
    /// `/{lang}/404.html`
    NotFound,
    /// `/{lang}/search/`: full-text search (query in `?q=`).
    Search,
    /// `/{lang}/timeline/`: documents and events per year.
    Timeline,
    /// `/{lang}/translations/`: what still lacks a name, a description or a counterpart.
    Completeness,
    /// `/{lang}/acts/{identifier}/`: an act under its persistent identifier (which holds `/`),
    /// with its language versions side by side.
    Act {
        /// The act's identifier (`sco-heads-of-government/decision/2024-10-16/158`).
        id: String,
    },
}

impl Route {
    /// Path relative to the base path: `ru/countries/kazakhstan/` (a folder, ending with `/`) or
    /// `ru/404.html` (a file).
    pub(crate) fn rel(&self, lang: &Lang) -> String {
        let mut out = String::with_capacity(48);
        self.push_rel(lang, &mut out);
        out
    }

    /// Appends [`Route::rel`] to `out`: paths are made for every link of every page, so they
    /// are pushed piece by piece rather than formatted.
    fn push_rel(&self, lang: &Lang, out: &mut String) {
        let lang = lang.as_str();
        let mut dir = |parts: &[&str]| {
            out.push_str(lang);
            out.push('/');
            for p in parts {
                out.push_str(p);
                out.push('/');
            }
        };
        let page = match self {
            Route::Root => return,
            Route::RootNotFound => return out.push_str("404.html"),
            Route::Home => {
                dir(&[]);
                1
            }
            Route::Documents { page } => {
                dir(&["documents"]);
                *page
            }
            Route::Document { folder, id } => {
                dir(&["documents", folder, id]);
                1
            }
            Route::Index { kind, page } => {
                dir(&[kind.dir()]);
                *page
            }
            Route::Entity { kind, id, page } => {
                dir(&[kind.dir(), id]);
                *page
            }
            Route::Years => {
                dir(&["years"]);
                1
            }
            Route::Year { year, page } => {
                match year {
                    Some(y) => dir(&["years", &y.to_string()]),
                    None => dir(&["years", "undated"]),
                }
                *page
            }
            Route::NotFound => {
                out.push_str(lang);
                out.push_str("/404.html");
                1
            }
            Route::Search => {
                dir(&["search"]);
                1
            }
            Route::Timeline => {
                dir(&["timeline"]);
                1
            }
            Route::Completeness => {
                dir(&["translations"]);
                1
            }
            Route::Act { id } => {
                dir(&["acts", id]);
                1
            }
        };
        if page > 1 {
            out.push_str("page/");
            out.push_str(&page.to_string());
            out.push('/');
        }
    }

    /// The link to this page in `lang`: base path + relative path.
    pub(crate) fn url(&self, base_path: &str, lang: &Lang) -> String {
        let mut out = String::with_capacity(base_path.len() + 48);
        out.push_str(base_path);
        self.push_rel(lang, &mut out);
        out
    }

    /// The output file for this page, relative to the output folder.
    pub(crate) fn output_path(&self, lang: &Lang) -> String {
        let rel = self.rel(lang);
        if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel }
    }

    /// Whether the page is the same in every language (the root pages).
    pub(crate) fn is_language_neutral(&self) -> bool {
        matches!(self, Route::Root | Route::RootNotFound)
    }

    /// The same route at another page number (for list routes), or itself.
    pub(crate) fn with_page(&self, n: usize) -> Route {
        match self {
            Route::Documents { .. } => Route::Documents { page: n },
            Route::Index { kind, .. } => Route::Index { kind: *kind, page: n },
            Route::Entity { kind, id, .. } => {
                Route::Entity { kind: *kind, id: id.clone(), page: n }
            }
            Route::Year { year, .. } => Route::Year { year: *year, page: n },
            other => other.clone(),
        }
    }
}

/// The route of a document's page: the one place its folder and slug become a route.
pub(crate) fn document(d: &Document) -> Route {
    Route::Document { folder: d.folder.clone(), id: d.id.clone() }
}

/// The route of an entity's first page.
pub(crate) fn entity(kind: EntityKind, id: &str) -> Route {
    Route::Entity { kind, id: id.to_string(), page: 1 }
}

/// Entity kinds with a feed of their own (and so a [`feed`] path).
pub(crate) const FEED_KINDS: [EntityKind; 4] =
    [EntityKind::Country, EntityKind::Organization, EntityKind::Person, EntityKind::Event];

/// Atom feed of a language (`None`) or of one entity, relative to the base path:
/// `ru/feed.xml`, `ru/countries/kazakhstan/feed.xml`.
pub(crate) fn feed(lang: &Lang, entity: Option<(EntityKind, &str)>) -> String {
    match entity {
        None => format!("{lang}/feed.xml"),
        Some((kind, id)) => format!("{lang}/{}/{id}/feed.xml", kind.dir()),
    }
}

/// The feed of the acts of one form (`ru/acts/decision/feed.xml`): `acts` is no year folder and
/// no entity kind, so it cannot collide with a page.
pub(crate) fn act_feed(lang: &Lang, form: crate::content::Form) -> String {
    format!("{lang}/acts/{}/feed.xml", form.as_str())
}

/// The UI language a document's canonical page is under: its own language when the site has a UI
/// in it, else the default language (a Kazakh text on a Russian-only site).
pub(crate) fn canonical_lang<'a>(config: &'a Config, doc_lang: &str) -> &'a Lang {
    config.languages.iter().find(|l| l.as_str() == doc_lang).unwrap_or(&config.default_language)
}

/// An absolute URL (origin + base path + `rel`) for feeds, sitemaps and metadata, where a
/// reader's browser is not there to resolve a path.
pub(crate) fn absolute(config: &Config, rel: &str) -> String {
    format!("{}{}{rel}", config.origin, config.base_path)
}

/// A file of the machine-readable export, relative to the base path: `data/documents.json`.
pub(crate) fn export(name: &str) -> String {
    format!("data/{name}")
}

/// A file of the search index (one for every UI language), relative to the base path:
/// `search/meta.json`.
pub(crate) fn search_index(name: &str) -> String {
    format!("search/{name}")
}

/// A file of the lists' filter data (one for every UI language), relative to the base path:
/// `lists/countries/kazakhstan.json` (see `crate::lists`).
pub(crate) fn list_file(name: &str) -> String {
    format!("lists/{name}")
}

/// URL of a static asset (`assets/style.css`).
pub(crate) fn asset(base_path: &str, name: &str) -> String {
    format!("{base_path}assets/{name}")
}

/// Extensions (lower case) of raw sources that are published under their own name, with the
/// media type the link announces: formats no browser runs as a page or a script. Every other
/// source — HTML, SVG, XML, scripts, anything unknown or without an extension — is published
/// with `.txt` added (see [`raw_source`]), which every static server sends as `text/plain`.
const INERT_SOURCES: &[(&str, &str)] = &[
    ("txt", "text/plain"),
    ("md", "text/markdown"),
    ("csv", "text/csv"),
    ("tsv", "text/tab-separated-values"),
    ("json", "application/json"),
    ("pdf", "application/pdf"),
    ("doc", "application/msword"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("rtf", "application/rtf"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
];

/// Where a raw source is published, relative to the base path, and its media type: `sources/a.pdf`
/// stays `sources/a.pdf` (`application/pdf`), `sources/page.html` becomes `sources/page.html.txt`
/// (`text/plain`), so a saved web page's scripts never run on the archive's origin. `rel` is the
/// source's path in the site (`sources/…`, as documents name it in `imported_from`).
pub(crate) fn raw_source(rel: &str) -> (String, &'static str) {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let ext = name.rsplit_once('.').filter(|(stem, _)| !stem.is_empty()).map(|(_, ext)| ext);
    let inert = ext.and_then(|ext| {
        INERT_SOURCES.iter().find(|(known, _)| known.eq_ignore_ascii_case(ext)).map(|(_, t)| *t)
    });
    match inert {
        Some(media_type) => (rel.to_string(), media_type),
        None => (format!("{rel}.txt"), "text/plain"),
    }
}

/// The link to a raw source (see [`raw_source`]): base path + published path, every byte other
/// than ASCII letters, digits, `-._~` and `/` percent-encoded (a file name may hold spaces, `#`,
/// `?` or Cyrillic).
pub(crate) fn raw_source_url(base_path: &str, rel: &str) -> String {
    let (published, _) = raw_source(rel);
    let mut out = String::with_capacity(base_path.len() + published.len() * 3);
    out.push_str(base_path);
    for b in published.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_sources_keep_inert_names_and_neutralise_the_rest() {
        assert_eq!(
            raw_source("sources/scan.PDF"),
            ("sources/scan.PDF".to_string(), "application/pdf")
        );
        assert_eq!(
            raw_source("sources/x.txt.html"),
            ("sources/x.txt.html.txt".to_string(), "text/plain")
        );
    }

    #[test]
    fn rel_of_an_entity_page() {
        let ru = Lang::new("ru").unwrap();
        let r = Route::Entity { kind: EntityKind::Country, id: "kazakhstan".into(), page: 2 };
        assert_eq!(r.rel(&ru), "ru/countries/kazakhstan/page/2/");
    }

    #[test]
    fn urls_under_sub_path_and_root() {
        let kk = Lang::new("kk").unwrap();
        let d = Route::Document { folder: "2019".into(), id: "x".into() };
        assert_eq!(d.url("/", &kk), "/kk/documents/2019/x/");
        assert_eq!(d.url("/repo/", &kk), "/repo/kk/documents/2019/x/");
        assert_eq!(d.output_path(&kk), "kk/documents/2019/x/index.html");
        assert_eq!(Route::Root.output_path(&kk), "index.html");
        assert_eq!(Route::RootNotFound.url("/repo/", &kk), "/repo/404.html");
    }

    #[test]
    fn pagination_paths() {
        let ru = Lang::new("ru").unwrap();
        assert_eq!(Route::Documents { page: 1 }.rel(&ru), "ru/documents/");
        assert_eq!(Route::Documents { page: 3 }.rel(&ru), "ru/documents/page/3/");
        assert_eq!(Route::Year { year: None, page: 1 }.rel(&ru), "ru/years/undated/");
    }

    #[test]
    fn raw_sources_are_never_published_executable() {
        for (rel, published) in [
            ("sources/a.html", "sources/a.html.txt"),
            ("sources/a.HTML", "sources/a.HTML.txt"),
            ("sources/a.Svg", "sources/a.Svg.txt"),
            ("sources/a.xhtml", "sources/a.xhtml.txt"),
            ("sources/a.js", "sources/a.js.txt"),
            ("sources/a.txt.html", "sources/a.txt.html.txt"),
            ("sources/noext", "sources/noext.txt"),
            ("sources/.txt", "sources/.txt.txt"),
            ("sources/dir.pdf/a", "sources/dir.pdf/a.txt"),
            ("sources/a.txt", "sources/a.txt"),
            ("sources/a.html.TXT", "sources/a.html.TXT"),
            ("sources/scan.jpeg", "sources/scan.jpeg"),
        ] {
            assert_eq!(raw_source(rel).0, published, "{rel}");
        }
        assert_eq!(raw_source_url("/r/", "sources/a b#?.html"), "/r/sources/a%20b%23%3F.html.txt");
        assert_eq!(raw_source_url("/", "sources/я.txt"), "/sources/%D1%8F.txt");
    }
}
