//! Citations of a document: a GOST R 7.0.100-2018 reference in the UI language (shown on the page)
//! and the downloadable BibTeX and CSL-JSON files.
//!
//! **The GOST reference.** The standard's form for a text on a web site is
//! «Заглавие. — Текст : электронный // Название сайта : \[сайт\]. — 2018. — 2 авг. — URL: … (дата
//! обращения: …)». A reader of the archive reads our copy, and we cannot state an access date of
//! the original for them, so the reference uses the standard's form for a copy held by an
//! electronic library: the original is described first (title // source. — date. — URL of the
//! original), then the copy: «— Текст : электронный // Архив : \[сайт\]. — URL: `<archive page>`».
//! Prescribed words («Текст : электронный», «сайт», month abbreviations by GOST 7.0.12) come from
//! the UI strings, so the reference follows the reader's language; the title and the source stay
//! as written.
//!
//! **The files** are offered by the document's page as `data:` links with a file name, so a
//! click saves `<id>.bib` or `<id>.json` as a file would. They are made from the canonical page
//! (the document's own language): they describe the text, whose title and language are the same
//! whatever the interface, and a reference manager renders them in the reader's own style. Their one sentence
//! of prose (the note naming the archive copy) is in the document's language, like its title.

use std::fmt::Write as _;

use crate::config::{Config, Lang};
use crate::content::edtf::{Edtf, End};
use crate::content::{Document, Kind, PartialDate};
use crate::graph::Graph;
use crate::i18n::Strings;
use crate::routes;
use crate::text::json::{self, Obj};

/// What a reference is made of.
pub(crate) struct Cited<'a> {
    /// The document.
    pub(crate) doc: &'a Document,
    /// The archive's title (in the language of the reference).
    pub(crate) archive_title: &'a str,
    /// Absolute URL of the document's canonical page.
    pub(crate) archive_url: &'a str,
    /// An uncertain (EDTF) date in words, as the page shows it by the archival convention
    /// («[2023 г.?]», «около 23 февраля 2017 г.»): cited as written, never as an exact date.
    pub(crate) date_words: Option<&'a str>,
    /// Where a decision was adopted (its event's place), in the reference's language.
    pub(crate) place: Option<&'a str>,
}

/// A GOST reference: everything up to the access date, and the access-date placeholder the
/// page shows until the browser fills in today's date («ДД.ММ.ГГГГ»).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The reference up to and including «(дата обращения: ».
    pub(crate) head: String,
    /// The placeholder for the access date; the reference ends with «).» after it.
    pub(crate) accessed: String,
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}).", self.head, self.accessed)
    }
}

/// The number in a title such as «Решение № 158 …» or «№ 2/3-р»: what follows «№».
pub(crate) fn legislation_identifier(title: &str) -> Option<String> {
    let rest = title.split_once('№')?.1.trim_start();
    let id: String =
        rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '.')).collect();
    let id = id.trim_end_matches('.').to_string();
    (!id.is_empty()).then_some(id)
}

fn ends_with_stop(s: &str) -> bool {
    s.ends_with(['.', '?', '!', '…'])
}

/// «— 2019. — 2 нояб.» for a date at the precision it is known.
fn gost_date(strings: &Strings, lang: &Lang, d: &PartialDate) -> String {
    let month = |key: &str, m: u8| -> String {
        strings
            .get(lang, key)
            .split_whitespace()
            .nth(usize::from(m) - 1)
            .unwrap_or_default()
            .to_string()
    };
    let mut s = format!(" — {}.", d.year);
    match (d.month, d.day) {
        (Some(m), Some(day)) => s.push_str(&format!(" — {day} {}", month("cite_months", m))),
        (Some(m), None) => s.push_str(&format!(" — {}", month("cite_months_alone", m))),
        _ => {}
    }
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// The GOST R 7.0.100-2018 reference in `lang`.
///
/// The original: «Заглавие // Источник : \[сайт\]. — 2019. — 2 нояб. — URL: …», then the archive
/// copy: «— Текст : электронный // Архив : \[сайт\]. — URL: … (дата обращения: ДД.ММ.ГГГГ).»,
/// the access date being the reader's (the page fills it in). Without a source the date follows
/// the title; without a date or an original URL those elements are left out. A decision's place
/// of adoption goes before its date, as the place of publication does in the standard's
/// publication area («— Душанбе, 2020. — 16 окт.»); its number is part of its title.
pub(crate) fn gost(strings: &Strings, lang: &Lang, c: &Cited) -> Reference {
    let m = &c.doc.meta;
    let site = strings.get(lang, "cite_website");
    let mut s = m.title.trim().to_string();
    let source_url = m.source.as_ref().and_then(|s| s.url.as_deref()).filter(|u| !u.is_empty());
    match &m.source {
        Some(src) if !src.name.trim().is_empty() => {
            s.push_str(&format!(" // {}", src.name.trim()));
            if source_url.is_some() {
                s.push_str(&format!(" : [{site}]"));
            }
            s.push('.');
        }
        _ if !ends_with_stop(&s) => s.push('.'),
        _ => {}
    }
    let place = c.place.filter(|p| m.kind == Kind::Decision && !p.trim().is_empty());
    match (&m.date, c.date_words, place) {
        (Some(_), Some(words), p) => {
            s.push_str(" — ");
            if let Some(p) = p {
                s.push_str(&format!("{}, ", p.trim()));
            }
            s.push_str(words);
            if !ends_with_stop(words) {
                s.push('.');
            }
        }
        (Some(d), None, Some(p)) => {
            // «— 2020. — 16 окт.» becomes «— Душанбе, 2020. — 16 окт.».
            let date = gost_date(strings, lang, d);
            s.push_str(&format!(" — {}, {}", p.trim(), date.trim_start_matches(" — ")));
        }
        (Some(d), None, None) => s.push_str(&gost_date(strings, lang, d)),
        (None, _, Some(p)) => s.push_str(&format!(" — {}.", p.trim())),
        (None, _, None) => {}
    }
    if let Some(u) = source_url {
        s.push_str(&format!(" — URL: {u}."));
    }
    s.push_str(&format!(
        " — {} // {} : [{site}]. — URL: {} ({}: ",
        strings.get(lang, "cite_text_electronic"),
        c.archive_title,
        c.archive_url,
        strings.get(lang, "cite_accessed"),
    ));
    Reference { head: s, accessed: strings.get(lang, "cite_date_placeholder").to_string() }
}

/// The babel / biblatex name of a language (`langid`).
fn babel_name(lang: &str) -> &str {
    match lang {
        "ru" => "russian",
        "kk" => "kazakh",
        "en" => "english",
        "uz" => "uzbek",
        "ky" => "kyrgyz",
        "zh" => "chinese",
        other => other,
    }
}

/// Text for a brace-delimited BibTeX field: LaTeX specials escaped, and braces written as
/// commands so the field's braces stay balanced (BibTeX counts `\{` as a brace too).
pub(crate) fn bibtex_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL for a verbatim BibTeX field: characters that would break the field percent-encoded.
fn bibtex_url(u: &str) -> String {
    let mut out = String::with_capacity(u.len());
    for ch in u.chars() {
        match ch {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            ' ' => out.push_str("%20"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The archive note in the document's language: «Копия в архиве «…»: URL».
fn note(strings: &Strings, lang: &Lang, c: &Cited) -> String {
    format!("{} «{}»", strings.get(lang, "cite_archive_copy"), c.archive_title)
}

/// A biblatex `@online` entry (classic BibTeX styles read it as `@misc`): title, the source as
/// corporate author and organization, date and year, the original URL (the archive copy when
/// there is none), language, and a note with the archive copy's URL. No `urldate`: we cannot
/// state when the reader looked.
pub(crate) fn bibtex(strings: &Strings, note_lang: &Lang, c: &Cited) -> String {
    let m = &c.doc.meta;
    let mut fields: Vec<(&str, String)> = vec![("title", bibtex_text(&m.title))];
    if let Some(src) = m.source.as_ref().filter(|s| !s.name.trim().is_empty()) {
        let name = bibtex_text(src.name.trim());
        fields.push(("author", format!("{{{name}}}")));
        fields.push(("organization", name));
    }
    match (&c.doc.edtf, &m.date) {
        // biblatex reads ISO 8601-2 (EDTF level 1) in `date`: `2023?`, `2017-02-23~`,
        // `2019/2020`, open ends. No `year`: a classic style would print it as exact.
        (Some(e), _) => fields.push(("date", e.to_string())),
        (None, Some(d)) => {
            fields.push(("date", d.to_string()));
            fields.push(("year", d.year.to_string()));
        }
        (None, None) => {}
    }
    let source_url = m.source.as_ref().and_then(|s| s.url.as_deref()).filter(|u| !u.is_empty());
    fields.push(("url", bibtex_url(source_url.unwrap_or(c.archive_url))));
    let babel = babel_name(&m.lang);
    fields.push(("language", bibtex_text(babel)));
    fields.push(("langid", bibtex_text(babel)));
    if source_url.is_some() {
        let text = bibtex_text(&note(strings, note_lang, c));
        fields.push(("note", format!("{text}: \\url{{{}}}", bibtex_url(c.archive_url))));
    }
    let mut s = format!("@online{{{},\n", c.doc.id);
    for (k, v) in fields {
        let _ = writeln!(s, "  {k} = {{{v}}},");
    }
    s.push_str("}\n");
    s
}

/// The CSL type of a document.
pub(crate) fn csl_type(kind: Kind) -> &'static str {
    match kind {
        Kind::News => "article-newspaper",
        Kind::Decision => "legislation",
        Kind::Report => "report",
        Kind::Agreement => "treaty",
        Kind::Interview => "interview",
        Kind::Statement | Kind::Other => "webpage",
    }
}

/// A CSL-JSON item list (one item), as Zotero, Mendeley and pandoc read it; compact, since it
/// travels inside every document page.
pub(crate) fn csl_json(strings: &Strings, note_lang: &Lang, c: &Cited) -> String {
    let m = &c.doc.meta;
    let mut item = Obj::new();
    item.str("id", &c.doc.id)
        .str("type", csl_type(m.kind))
        .str("title", &m.title)
        .str("language", &m.lang)
        .str("archive", c.archive_title);
    if let Some(src) = m.source.as_ref().filter(|s| !s.name.trim().is_empty()) {
        let mut author = Obj::new();
        author.str("literal", src.name.trim());
        item.objs("author", [author]).str("container-title", src.name.trim());
    }
    match (&c.doc.edtf, &m.date) {
        (Some(e), _) => item.obj("issued", csl_edtf(e)),
        (None, Some(d)) => {
            let mut issued = Obj::new();
            issued.raw("date-parts", json::array([date_parts(d)]));
            item.obj("issued", issued)
        }
        (None, None) => &mut item,
    };
    let source_url = m.source.as_ref().and_then(|s| s.url.as_deref()).filter(|u| !u.is_empty());
    item.str("URL", source_url.unwrap_or(c.archive_url));
    if source_url.is_some() {
        item.str("note", &format!("{}: {}", note(strings, note_lang, c), c.archive_url));
    }
    if m.kind == Kind::Decision
        && let Some(n) = legislation_identifier(&m.title)
    {
        item.str("number", &n);
    }
    let mut s = json::array([item.end()]);
    s.push('\n');
    s
}

/// `[2019, 11, 2]` at the precision known.
fn date_parts(d: &PartialDate) -> String {
    let mut parts = vec![d.year.to_string()];
    parts.extend(d.month.map(|x| x.to_string()));
    parts.extend(d.day.map(|x| x.to_string()));
    json::array(parts)
}

/// A CSL date for an uncertain value: the known parts (an `X` part left out), a range as two
/// date-parts, `circa` for `?`, `~` or `%` (CSL's one word for a doubtful date); an interval
/// with an open or unknown end, which date-parts cannot say, as the EDTF string in `raw`, which
/// citeproc processors parse.
fn csl_edtf(e: &Edtf) -> Obj {
    let mut o = Obj::new();
    match e {
        Edtf::Date(d) => {
            o.raw("date-parts", json::array([date_parts(&d.known)]));
            if d.qualifier.is_some() {
                o.raw("circa", "true".into());
            }
        }
        Edtf::Interval(End::Date(a), End::Date(b)) => {
            o.raw("date-parts", json::array([date_parts(&a.known), date_parts(&b.known)]));
            if a.qualifier.is_some() || b.qualifier.is_some() {
                o.raw("circa", "true".into());
            }
        }
        Edtf::Interval(..) => {
            o.str("raw", &e.to_string());
        }
    }
    o
}

/// The BibTeX and CSL-JSON files of a document as `data:` links, which the page offers for
/// download: made from the document's canonical page (its own language), so they are the same
/// in every UI language. Links rather than files: two files per document were two thirds of
/// the files of a build, and file count is most of a build's write time.
pub(crate) fn file_links(
    graph: &Graph,
    config: &Config,
    strings: &Strings,
    i: usize,
) -> (String, String) {
    let d = graph.doc(i);
    let lang = routes::canonical_lang(config, &d.meta.lang);
    let archive_url = routes::absolute(config, &routes::document(d).rel(lang));
    // The files carry the date as EDTF, not in words, and no place: a reference manager
    // renders those in the reader's style.
    let c = Cited {
        doc: d,
        archive_title: config.title(lang),
        archive_url: &archive_url,
        date_words: None,
        place: None,
    };
    (
        data_link("application/x-bibtex", &bibtex(strings, lang, &c)),
        data_link("application/vnd.citationstyles.csl+json", &csl_json(strings, lang, &c)),
    )
}

/// A `data:` URL holding `text` as UTF-8, base64-encoded.
fn data_link(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8;base64,{}", crate::text::base64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A citation of `d` in the archive «Архив» at a fixed address, with no date words or place.
    fn cited(d: &Document) -> Cited<'_> {
        Cited {
            doc: d,
            archive_title: "Архив",
            archive_url: "https://a.org/x/",
            date_words: None,
            place: None,
        }
    }
    use crate::content::{DocumentMeta, Source};
    use serde_json::json;

    #[test]
    fn identifiers() {
        assert_eq!(legislation_identifier("Решение № 158 «О докладе»").as_deref(), Some("158"));
        assert_eq!(legislation_identifier("Шешім №2/3-р.").as_deref(), Some("2/3-р"));
        assert_eq!(legislation_identifier("Мамин в Ташкенте"), None);
    }

    fn strings() -> Strings {
        let langs = [Lang::new("ru").unwrap(), Lang::new("kk").unwrap()];
        Strings::load(std::path::Path::new("/nonexistent"), &langs).unwrap()
    }

    fn doc(title: &str, date: Option<&str>, source: Option<(&str, Option<&str>)>) -> Document {
        let meta = DocumentMeta {
            title: title.into(),
            lang: "ru".into(),
            date: date.map(|d| PartialDate::parse(d).unwrap()),
            kind: Kind::News,
            source: source.map(|(n, u)| Source { name: n.into(), url: u.map(Into::into) }),
            credits: vec![],
            event: None,
            act: None,
            countries: vec![],
            organizations: vec![],
            people: vec![],
            places: vec![],
            translations: vec![],
            review: vec![],
            imported_from: None,
            origin: None,
        };
        Document {
            id: "x".into(),
            folder: "2019".into(),
            path: "content/documents/2019/x.md".into(),
            meta,
            body: crate::content::Body::Text(String::new()),
            field_lines: Default::default(),
            edtf: None,
            event_date: None,
        }
    }

    #[test]
    fn gost_reference_in_russian_and_kazakh() {
        let s = strings();
        let d = doc(
            "Мамин в Ташкенте",
            Some("2019-11-02"),
            Some(("Tengrinews.kz", Some("https://t.kz/x"))),
        );
        let c = Cited {
            doc: &d,
            archive_title: "Архив",
            archive_url: "https://a.org/ru/x/",
            date_words: None,
            place: None,
        };
        assert_eq!(
            gost(&s, &Lang::new("ru").unwrap(), &c).to_string(),
            "Мамин в Ташкенте // Tengrinews.kz : [сайт]. — 2019. — 2 нояб. — URL: https://t.kz/x. \
             — Текст : электронный // Архив : [сайт]. — URL: https://a.org/ru/x/ \
             (дата обращения: ДД.ММ.ГГГГ)."
        );
        let c = Cited { archive_title: "Мұрағат", ..c };
        assert_eq!(
            gost(&s, &Lang::new("kk").unwrap(), &c).to_string(),
            "Мамин в Ташкенте // Tengrinews.kz : [сайт]. — 2019. — 2 қар. — URL: https://t.kz/x. \
             — Мәтін : электрондық // Мұрағат : [сайт]. — URL: https://a.org/ru/x/ \
             (қаралған күні: КК.АА.ЖЖЖЖ)."
        );
    }

    #[test]
    fn gost_without_source_or_full_date() {
        let s = strings();
        let ru = Lang::new("ru").unwrap();
        let d = doc("Встреча?", Some("2019-05"), None);
        let c = cited(&d);
        assert_eq!(
            gost(&s, &ru, &c).to_string(),
            "Встреча? — 2019. — май. — Текст : электронный // Архив : [сайт]. — URL: https://a.org/x/ \
             (дата обращения: ДД.ММ.ГГГГ)."
        );
        let d = doc("Решение", Some("2024-03-16"), Some(("Секретариат ШОС", None)));
        let c = Cited { doc: &d, ..c };
        assert!(
            gost(&s, &ru, &c)
                .head
                .starts_with("Решение // Секретариат ШОС. — 2024. — 16 марта. — Текст")
        );
    }

    #[test]
    fn bibtex_braces_stay_balanced_with_a_hostile_title() {
        let s = strings();
        let d =
            doc("}{ \\end{x} 100% & $_#^~", Some("2019"), Some(("A}B", Some("https://t.kz/{x}"))));
        let c = cited(&d);
        let b = bibtex(&s, &Lang::new("ru").unwrap(), &c);
        let mut depth = 0i32;
        for ch in b.chars() {
            depth += match ch {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            assert!(depth >= 0, "{b}");
        }
        assert_eq!(depth, 0, "{b}");
        assert!(b.starts_with("@online{x,\n") && b.contains("url = {https://t.kz/%7Bx%7D}"), "{b}");
        assert!(b.contains("note = {Копия в архиве «Архив»: \\url{https://a.org/x/}}"), "{b}");
    }

    #[test]
    fn csl_json_item() {
        let s = strings();
        let d = doc("Мамин", Some("2019-11"), Some(("Tengrinews.kz", Some("https://t.kz/x"))));
        let c = cited(&d);
        let v: serde_json::Value =
            serde_json::from_str(&csl_json(&s, &Lang::new("ru").unwrap(), &c)).unwrap();
        assert_eq!(v[0]["type"], "article-newspaper");
        assert_eq!(v[0]["issued"]["date-parts"], json!([[2019, 11]]));
        assert_eq!(v[0]["URL"], "https://t.kz/x");
    }

    /// A document whose date is written `edtf` (filed under its anchor, as loading does).
    fn uncertain(edtf: &str, kind: Kind) -> Document {
        let e = Edtf::parse(edtf).unwrap();
        let mut d =
            doc("Решение № 5 о сотрудничестве", None, Some(("СНГ", Some("https://e.int/5"))));
        d.meta.date = Some(e.anchor());
        d.meta.kind = kind;
        d.edtf = Some(e);
        d
    }

    #[test]
    fn gost_cites_an_uncertain_date_as_written_not_as_exact() {
        let s = strings();
        let ru = Lang::new("ru").unwrap();
        let d = uncertain("2023?", Kind::News);
        let c = Cited {
            doc: &d,
            archive_title: "Архив",
            archive_url: "https://a.org/x/",
            date_words: Some("[2023 г.?]"),
            place: None,
        };
        let g = gost(&s, &ru, &c).to_string();
        assert!(g.contains("// СНГ : [сайт]. — [2023 г.?]. — URL: https://e.int/5."), "{g}");
        assert!(!g.contains("— 2023."), "{g}");
    }

    #[test]
    fn gost_gives_a_decisions_place_before_its_date() {
        let s = strings();
        let ru = Lang::new("ru").unwrap();
        let mut d = doc("Решение № 5", Some("2020-10-16"), Some(("СНГ", None)));
        d.meta.kind = Kind::Decision;
        let d = d;
        let c = Cited {
            doc: &d,
            archive_title: "Архив",
            archive_url: "https://a.org/x/",
            date_words: None,
            place: Some("Ташкент"),
        };
        assert!(
            gost(&s, &ru, &c)
                .head
                .starts_with("Решение № 5 // СНГ. — Ташкент, 2020. — 16 окт. — Текст"),
            "{}",
            gost(&s, &ru, &c)
        );
        let words = Cited { date_words: Some("около 16 октября 2020 г."), ..c };
        assert!(gost(&s, &ru, &words).head.contains("— Ташкент, около 16 октября 2020 г. — Текст"));
        // Only a decision has a place of adoption.
        let mut news = doc("Решение № 5", Some("2020-10-16"), Some(("СНГ", None)));
        news.meta.kind = Kind::News;
        let c = Cited { doc: &news, ..c };
        assert!(gost(&s, &ru, &c).head.starts_with("Решение № 5 // СНГ. — 2020. — 16 окт."));
    }

    #[test]
    fn bibtex_and_csl_carry_an_uncertain_date_as_edtf() {
        let s = strings();
        let ru = Lang::new("ru").unwrap();
        let cited = |d| Cited {
            doc: d,
            archive_title: "Архив",
            archive_url: "https://a.org/x/",
            date_words: None,
            place: None,
        };
        let d = uncertain("2017-02-23~", Kind::Decision);
        let b = bibtex(&s, &ru, &cited(&d));
        assert!(b.contains("  date = {2017-02-23~},\n") && !b.contains("year ="), "{b}");
        let v: serde_json::Value = serde_json::from_str(&csl_json(&s, &ru, &cited(&d))).unwrap();
        assert_eq!(v[0]["issued"], json!({"date-parts": [[2017, 2, 23]], "circa": true}));
        assert_eq!(v[0]["number"], "5");

        let d = uncertain("2019/2020", Kind::News);
        let v: serde_json::Value = serde_json::from_str(&csl_json(&s, &ru, &cited(&d))).unwrap();
        assert_eq!(v[0]["issued"], json!({"date-parts": [[2019], [2020]]}));

        let d = uncertain("../2020", Kind::News);
        assert!(bibtex(&s, &ru, &cited(&d)).contains("  date = {../2020},\n"));
        let v: serde_json::Value = serde_json::from_str(&csl_json(&s, &ru, &cited(&d))).unwrap();
        assert_eq!(v[0]["issued"], json!({"raw": "../2020"}));

        let d = uncertain("2023-XX", Kind::News);
        let v: serde_json::Value = serde_json::from_str(&csl_json(&s, &ru, &cited(&d))).unwrap();
        assert_eq!(v[0]["issued"], json!({"date-parts": [[2023]]}));
    }
}
