//! Tera templates: the built-in theme, overridden file by file by the site's `templates/`.
//!
//! One Tera instance per UI language, each with its own `t(key="…")` function bound to that
//! language's strings, so templates never pass the language around. A missing key is an error
//! naming the template, not a blank on the page.

use std::collections::BTreeMap;
use std::path::Path;

use tera::{Tera, Value};
use walkdir::WalkDir;

use crate::config::Lang;
use crate::error::{Context, Result, anyhow};
use crate::i18n::Strings;
use crate::theme;

/// Loads every template: built-in first, then `dir/**/*.html` on top.
pub(crate) fn load(dir: &Path) -> Result<Tera> {
    let mut files: BTreeMap<String, String> =
        theme::TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    if dir.is_dir() {
        for entry in WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
            let path = entry.path();
            if entry.file_type().is_file() && path.extension().is_some_and(|e| e == "html") {
                let name =
                    path.strip_prefix(dir).unwrap_or(path).to_string_lossy().replace('\\', "/");
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("reading {}", path.display()))?;
                files.insert(name, text);
            }
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Tera's default escaper also escapes `/`, which bloats every URL; ours escapes what HTML
    // text and quoted attributes need (& < > " ').
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| anyhow!("{}", tera_chain(&e)))
        .context("parsing templates")?;
    Ok(tera)
}

fn escape_html(s: &str) -> String {
    crate::render::highlight::escape(s)
}

/// One Tera per language, each with `t()` bound to its strings.
pub(crate) fn per_language(
    base: &Tera,
    strings: &Strings,
    languages: &[Lang],
) -> BTreeMap<Lang, Tera> {
    languages
        .iter()
        .map(|lang| {
            let mut tera = base.clone();
            let table = strings.table(lang).cloned().unwrap_or_default();
            // `{{ n | num }}`: a count as the UI language writes numbers («10 000»).
            let (lang_strings, num_lang) = (strings.clone(), lang.clone());
            tera.register_filter(
                "num",
                move |v: &Value,
                      _: &std::collections::HashMap<String, Value>|
                      -> tera::Result<Value> {
                    match v.as_u64() {
                        Some(n) => Ok(Value::String(lang_strings.number(&num_lang, n as usize))),
                        None => Ok(v.clone()),
                    }
                },
            );
            tera.register_function(
                "t",
                move |args: &std::collections::HashMap<String, Value>| -> tera::Result<Value> {
                    let key = args
                        .get("key")
                        .and_then(Value::as_str)
                        .ok_or_else(|| tera::Error::msg("t() needs key=\"…\""))?;
                    table.get(key).map(|s| Value::String(s.clone())).ok_or_else(|| {
                        tera::Error::msg(format!("no UI string «{key}» in the strings files"))
                    })
                },
            );
            (lang.clone(), tera)
        })
        .collect()
}

/// Tera errors hide their cause in `source()`; this joins the whole chain into one message.
pub(crate) fn tera_chain(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(c) = cur {
        msg.push_str(": ");
        msg.push_str(&c.to_string());
        cur = c.source();
    }
    msg
}
