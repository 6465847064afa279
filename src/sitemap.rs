//! `sitemap.xml` (sitemaps.org 0.9) with an `xhtml:link rel="alternate" hreflang` for every
//! language version of every page and `x-default` for the default language, and `robots.txt`
//! pointing at it. The caller hands over the routes of the pages it builds, in its plan's order, so
//! the sitemap lists exactly the pages that are built; the not-found pages are left out.
//!
//! URLs must be absolute, so both files need the origin of `base_url`: with a bare path as base
//! URL no sitemap is written and `robots.txt` has no `Sitemap:` line. Past 50,000 URLs (the
//! protocol's limit per file) the pages go into `sitemap-1.xml`, `sitemap-2.xml` … and
//! `sitemap.xml` becomes their index. Crawlers only read `robots.txt` at a domain root; under a
//! GitHub Pages project sub-path it is written for completeness and the sitemap must be submitted
//! to search engines directly.

use crate::config::Config;
use crate::output::Output;
use crate::routes::{self, Route};
use crate::text::escape::xml as xml_text;

/// URLs per sitemap file (the protocol's limit).
pub(crate) const MAX_URLS: usize = 50_000;

/// `sitemap.xml` (and its parts) and `robots.txt` for the built pages' routes (each route once
/// per UI language it is built in, as planned; repeats are listed once).
pub(crate) fn collect<'r>(
    pages: impl IntoIterator<Item = &'r Route>,
    config: &Config,
) -> Vec<Output> {
    collect_with_limit(pages, config, MAX_URLS)
}

fn collect_with_limit<'r>(
    pages: impl IntoIterator<Item = &'r Route>,
    config: &Config,
    limit: usize,
) -> Vec<Output> {
    let mut out = Vec::new();
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if !config.origin.is_empty() {
        let urls = url_entries(pages, config);
        if urls.len() <= limit {
            out.push(Output { path: "sitemap.xml".into(), bytes: urlset(&urls).into_bytes() });
        } else {
            let mut index = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            for (n, chunk) in urls.chunks(limit).enumerate() {
                let path = format!("sitemap-{}.xml", n + 1);
                index.push_str(&format!(
                    "  <sitemap><loc>{}</loc></sitemap>\n",
                    xml_text(&routes::absolute(config, &path))
                ));
                out.push(Output { path, bytes: urlset(chunk).into_bytes() });
            }
            index.push_str("</sitemapindex>\n");
            out.push(Output { path: "sitemap.xml".into(), bytes: index.into_bytes() });
        }
        robots.push_str(&format!("\nSitemap: {}\n", routes::absolute(config, "sitemap.xml")));
    }
    out.push(Output { path: "robots.txt".into(), bytes: robots.into_bytes() });
    out
}

/// One `<url>` element per page in each language, in the plan's order.
fn url_entries<'r>(pages: impl IntoIterator<Item = &'r Route>, config: &Config) -> Vec<String> {
    let mut routes_seen: Vec<&Route> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for route in pages {
        let listed = !route.is_language_neutral() && *route != Route::NotFound;
        if listed && seen.insert(route) {
            routes_seen.push(route);
        }
    }
    let mut urls = Vec::with_capacity(routes_seen.len() * config.languages.len());
    for route in routes_seen {
        let mut alternates = String::new();
        for l in &config.languages {
            alternates.push_str(&link(l.as_str(), &routes::absolute(config, &route.rel(l))));
        }
        let default = routes::absolute(config, &route.rel(&config.default_language));
        alternates.push_str(&link("x-default", &default));
        for l in &config.languages {
            let loc = xml_text(&routes::absolute(config, &route.rel(l)));
            urls.push(format!("  <url>\n    <loc>{loc}</loc>\n{alternates}  </url>\n"));
        }
    }
    urls
}

fn link(hreflang: &str, href: &str) -> String {
    format!(
        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
        xml_text(hreflang),
        xml_text(href)
    )
}

fn urlset(urls: &[String]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for u in urls {
        s.push_str(u);
    }
    s.push_str("</urlset>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Lang;

    /// The routes as a plan lists them: each page once per UI language, the root once.
    fn jobs(config: &Config) -> Vec<Route> {
        let mut v = Vec::new();
        for _ in &config.languages {
            v.extend([Route::Home, Route::NotFound, Route::Documents { page: 2 }]);
        }
        v.push(Route::Root);
        v
    }

    fn config(base: &str) -> Config {
        Config::parse(&format!(
            "title = {{ ru = \"А\", kk = \"Ә\" }}\nbase_url = \"{base}\"\nlanguages = [\"ru\", \"kk\"]\n"
        ))
        .unwrap()
    }

    #[test]
    fn every_language_version_with_its_alternates() {
        let c = config("https://u.github.io/repo/");
        let out = collect(&jobs(&c), &c);
        let map = String::from_utf8(out[0].bytes.clone()).unwrap();
        assert_eq!(out[0].path, "sitemap.xml");
        assert_eq!(map.matches("<url>").count(), 4, "home and page 2 of documents, ru and kk");
        assert!(map.contains("<loc>https://u.github.io/repo/kk/documents/page/2/</loc>"));
        assert!(map.contains("hreflang=\"x-default\" href=\"https://u.github.io/repo/ru/\"/>"));
        assert!(!map.contains("404"));
        let robots = String::from_utf8(out[1].bytes.clone()).unwrap();
        assert!(robots.ends_with("Sitemap: https://u.github.io/repo/sitemap.xml\n"), "{robots}");
        let _ = Lang::new("ru");
    }

    #[test]
    fn large_sites_get_a_sitemap_index() {
        let c = config("https://a.org/");
        let out = collect_with_limit(&jobs(&c), &c, 3);
        let paths: Vec<&str> = out.iter().map(|o| o.path.as_str()).collect();
        assert_eq!(paths, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml", "robots.txt"]);
        let index = String::from_utf8(out[2].bytes.clone()).unwrap();
        assert!(index.contains("<sitemapindex") && index.contains("https://a.org/sitemap-2.xml"));
    }

    #[test]
    fn no_origin_no_sitemap() {
        let c = config("/repo/");
        let out = collect(&jobs(&c), &c);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].bytes, b"User-agent: *\nAllow: /\n");
    }
}
