//! `site.toml` → [`Config`].
//!
//! [`Config::parse`] validates everything and is pure; [`Config::load`] only reads the file. The
//! base URL is split here, once, into the origin and the base path that every link is built on
//! (see `routes`), so the site works both at a domain root and under a GitHub Pages sub-path.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Context, Result, bail};

/// A UI or document language code such as `ru`, `kk` or `en` (2–3 lowercase ASCII letters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Lang(String);

impl Lang {
    /// Validates a language code.
    ///
    /// ```
    /// assert!(archive::config::Lang::new("kk").is_ok());
    /// assert!(archive::config::Lang::new("KK").is_err());
    /// ```
    pub fn new(code: &str) -> Result<Lang> {
        let ok = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
        if !ok {
            bail!("«{code}» is not a language code (2–3 lowercase letters such as ru, kk, en)");
        }
        Ok(Lang(code.to_string()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title per UI language.
    pub title: BTreeMap<Lang, String>,
    /// Short description per UI language (may be empty).
    pub description: BTreeMap<Lang, String>,
    /// `https://host` without a trailing slash (empty when base_url is a bare path).
    pub origin: String,
    /// The path the site lives under, always starting and ending with `/` (`/` or `/repo/`).
    pub base_path: String,
    /// UI languages in the order they appear in the language switch.
    pub languages: Vec<Lang>,
    /// Language the root page sends readers to.
    pub default_language: Lang,
    /// Items per page on paginated lists.
    pub page_size: usize,
    /// Pass raw HTML in Markdown through unsanitized (only for sites whose authors are trusted).
    pub trust_html: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: BTreeMap<String, String>,
    #[serde(default)]
    description: BTreeMap<String, String>,
    base_url: String,
    languages: Vec<String>,
    default_language: Option<String>,
    page_size: Option<usize>,
    #[serde(default)]
    trust_html: bool,
}

impl Config {
    /// Reads and parses `site.toml`.
    pub fn load(path: &Path) -> Result<Config> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Config::parse(&text).with_context(|| format!("in {}", path.display()))
    }

    /// Parses and validates the text of `site.toml`.
    pub fn parse(text: &str) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text)?;
        let languages = raw.languages.iter().map(|l| Lang::new(l)).collect::<Result<Vec<_>>>()?;
        if languages.is_empty() {
            bail!("languages: at least one UI language is needed");
        }
        for (i, l) in languages.iter().enumerate() {
            if languages[..i].contains(l) {
                bail!("languages: «{l}» is listed twice");
            }
        }
        let default_language = match raw.default_language {
            Some(d) => Lang::new(&d)?,
            None => languages[0].clone(),
        };
        if !languages.contains(&default_language) {
            bail!("default_language: «{default_language}» is not one of languages");
        }
        let title = lang_map("title", raw.title, &languages, true)?;
        let description = lang_map("description", raw.description, &languages, false)?;
        let (origin, base_path) = split_base_url(&raw.base_url)?;
        let page_size = raw.page_size.unwrap_or(50);
        if page_size == 0 {
            bail!("page_size: must be at least 1");
        }
        Ok(Config {
            title,
            description,
            origin,
            base_path,
            languages,
            default_language,
            page_size,
            trust_html: raw.trust_html,
        })
    }

    /// Replaces the base URL (from `--base-url`).
    pub fn with_base_url(mut self, base_url: &str) -> Result<Config> {
        let (origin, base_path) = split_base_url(base_url)?;
        self.origin = origin;
        self.base_path = base_path;
        Ok(self)
    }

    /// The title in `lang`.
    pub fn title(&self, lang: &Lang) -> &str {
        self.title.get(lang).map(String::as_str).unwrap_or_default()
    }
}

fn lang_map(
    key: &str,
    raw: BTreeMap<String, String>,
    languages: &[Lang],
    required: bool,
) -> Result<BTreeMap<Lang, String>> {
    let mut out = BTreeMap::new();
    for (k, v) in raw {
        out.insert(Lang::new(&k).with_context(|| format!("{key}.{k}"))?, v);
    }
    if required {
        for l in languages {
            if !out.contains_key(l) {
                bail!("{key}: missing the «{l}» entry (every UI language needs one)");
            }
        }
    }
    Ok(out)
}

/// Splits `https://user.github.io/repo` into (`https://user.github.io`, `/repo/`).
///
/// ```
/// let (o, p) = archive::config::split_base_url("https://u.github.io/repo").unwrap();
/// assert_eq!((o.as_str(), p.as_str()), ("https://u.github.io", "/repo/"));
/// ```
pub fn split_base_url(url: &str) -> Result<(String, String)> {
    let url = url.trim();
    let (origin, path) = match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            let host_end = rest.find('/').unwrap_or(rest.len());
            if rest[..host_end].is_empty() {
                bail!("base_url: «{url}» has no host");
            }
            (checked_origin(&url[..i + 3 + host_end])?, &rest[host_end..])
        }
        None if url.starts_with('/') || url.is_empty() => (String::new(), url),
        None => bail!("base_url: «{url}» must be an absolute URL (https://host/path/) or a path"),
    };
    if path.contains(['?', '#', '"', '<', '>', ' ', '\\']) || path.split('/').any(|s| s == "..") {
        bail!("base_url: the path «{path}» may hold only plain path segments");
    }
    let mut base = String::from("/");
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        base.push_str(seg);
        base.push('/');
    }
    Ok((origin, base))
}

/// `scheme://host[:port]` checked by the URL standard's own parser (the `url` crate, WHATWG URL)
/// and returned in its canonical form: lowercase, an international name in Punycode, no default
/// port. Only http and https are accepted, and no user name or password (they would be published
/// in every absolute link).
fn checked_origin(origin: &str) -> Result<String> {
    let parsed = match url::Url::parse(origin) {
        Ok(u) => u,
        Err(e) => bail!("base_url: «{origin}» is not a valid web address: {e}"),
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        bail!("base_url: «{origin}» must start with https:// or http://");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        bail!("base_url: «{origin}» must not hold a user name or password");
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        bail!("base_url: «{origin}» has no host");
    }
    Ok(parsed.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
title = { ru = "Архив", kk = "Мұрағат" }
base_url = "https://example.org/archive/"
languages = ["ru", "kk"]
"#;

    #[test]
    fn parses_minimal_config_with_defaults() {
        let c = Config::parse(MINIMAL).unwrap();
        assert_eq!(c.base_path, "/archive/");
        assert_eq!(c.origin, "https://example.org");
        assert_eq!(c.default_language.as_str(), "ru");
        assert_eq!(c.page_size, 50);
    }

    #[test]
    fn base_url_forms() {
        for (url, origin, path) in [
            ("https://a.io", "https://a.io", "/"),
            ("https://a.io/", "https://a.io", "/"),
            ("https://a.io/x/y", "https://a.io", "/x/y/"),
            ("http://127.0.0.1:8000/sub/", "http://127.0.0.1:8000", "/sub/"),
            ("/sub", "", "/sub/"),
        ] {
            assert_eq!(
                split_base_url(url).unwrap(),
                (origin.to_string(), path.to_string()),
                "{url}"
            );
        }
        assert!(split_base_url("https://a.io/../x").is_err());
        assert!(split_base_url("a.io/x").is_err());
    }

    #[test]
    fn base_url_with_an_invalid_host_is_rejected() {
        for url in [
            "https://exa mple.com/",
            "https://ex<ample/",
            "http:///x",
            "https:///",
            "https://",
            "https://a.io:99999/",
            "https://a.io:8x/",
            "https://user:secret@a.io/",
            "https://a..io%/",
            "https://[::1/",
            "ftp://a.io/",
            "javascript://a.io/%0aalert(1)",
        ] {
            let e = split_base_url(url).expect_err(url).to_string();
            assert!(e.starts_with("base_url: "), "{url}: {e}");
        }
        // What the URL standard accepts stays accepted, in its canonical form.
        for (url, origin) in [
            ("https://my_site.example/", "https://my_site.example"),
            ("https://Example.ORG:443/x/", "https://example.org"),
            ("http://[::1]:8000/", "http://[::1]:8000"),
            ("https://мұрағат.kz/", "https://xn--80aa8aqm89bvg.kz"),
        ] {
            assert_eq!(split_base_url(url).expect(url).0, origin, "{url}");
        }
        // Through `site.toml`, the message names the file and the field.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        let text = MINIMAL.replace("https://example.org/archive/", "https://exa mple.org/");
        std::fs::write(&path, text).unwrap();
        let e = format!("{:#}", Config::load(&path).unwrap_err());
        assert!(e.contains("site.toml") && e.contains("base_url: "), "{e}");
    }

    #[test]
    fn rejects_missing_title_language_and_unknown_default() {
        let e = Config::parse(&MINIMAL.replace(", kk = \"Мұрағат\"", "")).unwrap_err();
        assert!(e.to_string().contains("title: missing the «kk» entry"), "{e}");
        let e = Config::parse(&format!("{MINIMAL}default_language = \"en\"")).unwrap_err();
        assert!(e.to_string().contains("default_language"), "{e}");
    }

    #[test]
    fn deep_toml_nesting_is_refused_promptly() {
        // The TOML parser bounds nesting itself (toml_edit's recursion limit); kept as a guard
        // should a feature (`unbounded`) or a version ever lift it.
        for deep in [
            format!("{MINIMAL}x = {}", "[".repeat(100_000)),
            format!("{MINIMAL}x = {}", "{a = ".repeat(100_000)),
            format!("{MINIMAL}{} = 1", vec!["a"; 100_000].join(".")),
        ] {
            let t = std::time::Instant::now();
            assert!(Config::parse(&deep).is_err());
            assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
        }
    }

    #[test]
    fn rejects_unknown_keys() {
        assert!(Config::parse(&format!("{MINIMAL}pagesize = 3")).is_err());
    }
}
