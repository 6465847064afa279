//! The built-in theme: the repository's `templates/`, UI strings and `static/`, compiled into the
//! binary. A site without its own templates (a fresh `content/` folder, the benchmark corpus) still
//! builds a complete site; a site with its own files overrides the theme file by file.
//! A test keeps these lists equal to the folders' contents.

macro_rules! embed {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../", $dir, "/", $name)))),*]
    };
}

/// Built-in templates, by name.
pub(crate) const TEMPLATES: &[(&str, &str)] = embed!("templates":
    "base.html",
    "act.html",
    "_doc_item.html",
    "_doc_list.html",
    "_link.html",
    "_map.html",
    "_nav.html",
    "_pager.html",
    "_name.html",
    "_review.html",
    "_act.html",
    "_entity_acts.html",
    "_description.html",
    "root.html",
    "404.html",
    "home.html",
    "documents.html",
    "document.html",
    "index.html",
    "years.html",
    "year.html",
    "event.html",
    "country.html",
    "organization.html",
    "person.html",
    "place.html",
    "completeness.html",
    "timeline.html",
    "search.html",
);

/// Built-in UI strings files, by language.
const STRINGS: &[(&str, &str)] = embed!("templates/strings": "ru.toml", "kk.toml");

/// Built-in static files, by path under `assets/`.
pub(crate) const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("search.js", include_bytes!("../static/search.js")),
    ("site.js", include_bytes!("../static/site.js")),
    ("lists.js", include_bytes!("../static/lists.js")),
];

/// The built-in strings file of `lang`, if the theme has one.
pub(crate) fn strings(lang: &str) -> Option<&'static str> {
    let file = format!("{lang}.toml");
    STRINGS.iter().find(|(n, _)| *n == file).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn files(dir: &str, ext: &str) -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut v: Vec<String> = std::fs::read_dir(root)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(ext))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn embedded_lists_match_the_folders() {
        let mut t: Vec<String> = TEMPLATES.iter().map(|(n, _)| n.to_string()).collect();
        t.sort();
        assert_eq!(t, files("templates", ".html"));
        let mut s: Vec<String> = STRINGS.iter().map(|(n, _)| n.to_string()).collect();
        s.sort();
        assert_eq!(s, files("templates/strings", ".toml"));
        let mut st: Vec<String> = STATIC.iter().map(|(n, _)| n.to_string()).collect();
        st.sort();
        assert_eq!(st, files("static", ""));
    }
}
