//! Finding and reusing: Atom feeds, sitemap and robots.txt, OpenGraph and JSON-LD, citation files
//! and the catalogue export, on the minimal fixture and on a layer of hostile names.

use std::path::Path;

use serde_json::Value;

use crate::common::*;

/// Undoes the HTML escaping our templates apply to attribute values.
fn unescape(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Values of `attr="…"` in `html`.
fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| unescape(&rest[..end]))
        })
        .collect()
}

/// All HTML files below `out`, relative, with `/`.
fn html_files(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    v.sort();
    v
}

fn built(layers: &[&str], base: &str) -> Fixture {
    let f = Fixture::new(layers);
    f.build(base).unwrap();
    f
}

/// Checks that `xml` is well-formed (one root, tags balanced, attributes quoted, only the XML
/// entities, no stray `<` or `&`) and returns the element names in document order.
fn xml_elements(xml: &str) -> Result<Vec<String>, String> {
    fn check_text(t: &str) -> Result<(), String> {
        let mut rest = t;
        while let Some(i) = rest.find('&') {
            let after = &rest[i + 1..];
            let end = after.find(';').ok_or_else(|| format!("bare & in «{t}»"))?;
            let ent = &after[..end];
            let ok = matches!(ent, "amp" | "lt" | "gt" | "quot" | "apos")
                || (ent.starts_with('#')
                    && ent[1..].trim_start_matches('x').chars().all(|c| c.is_ascii_hexdigit()));
            if !ok {
                return Err(format!("unknown entity &{ent}; in «{t}»"));
            }
            rest = &after[end..];
        }
        if t.contains('>') && t.contains("]]>") {
            return Err(format!("]]> in text «{t}»"));
        }
        Ok(())
    }
    let mut names = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut rest =
        xml.strip_prefix("<?xml version=\"1.0\" encoding=\"").ok_or("no XML declaration")?;
    rest = &rest[rest.find("?>").ok_or("unclosed declaration")? + 2..];
    let mut roots = 0;
    while let Some(i) = rest.find('<') {
        let text = &rest[..i];
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: «{text}»"));
        }
        check_text(text)?;
        rest = &rest[i..];
        let end = rest.find('>').ok_or("unclosed tag")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or_else(|| format!("</{name}> closes nothing"))?;
            if open != name.trim() {
                return Err(format!("<{open}> closed by </{name}>"));
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, mut attrs) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        while !attrs.trim().is_empty() {
            let a = attrs.trim_start();
            let eq = a.find("=\"").ok_or_else(|| format!("unquoted attribute in <{tag}>"))?;
            let close = a[eq + 2..].find('"').ok_or("unclosed attribute")? + eq + 2;
            let value = &a[eq + 2..close];
            if value.contains('<') {
                return Err(format!("< in an attribute of <{tag}>"));
            }
            check_text(value)?;
            attrs = &a[close + 1..];
        }
        if stack.is_empty() {
            roots += 1;
        }
        names.push(name.to_string());
        if !self_closing {
            stack.push(name.to_string());
        }
    }
    if !rest.trim().is_empty() || !stack.is_empty() || roots != 1 {
        return Err(format!("unbalanced: open {stack:?}, {roots} roots"));
    }
    Ok(names)
}

/// Text of the first `<tag>…</tag>` (or `<tag attrs>…</tag>`) in `xml`.
fn element_text<'a>(xml: &'a str, tag: &str) -> &'a str {
    let start = xml.find(&format!("<{tag}")).unwrap_or_else(|| panic!("no <{tag}> in {xml}"));
    let body = &xml[start..];
    let open_end = body.find('>').unwrap() + 1;
    let close = body.find(&format!("</{tag}>")).unwrap();
    &body[open_end..close]
}

/// Undoes XML escaping.
fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every JSON-LD object of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        rest = &rest[i + open.len()..];
        let end = rest.find("</script>").unwrap();
        out.push(
            serde_json::from_str(&rest[..end]).unwrap_or_else(|e| panic!("{e}: {}", &rest[..end])),
        );
        rest = &rest[end..];
    }
    out
}

/// `content` of `<meta property="{prop}">` tags.
fn og(html: &str, prop: &str) -> Vec<String> {
    let needle = format!("<meta property=\"{prop}\" content=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            unescape(&rest[..rest.find('"').unwrap()])
        })
        .collect()
}

/// RFC 4180 records.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("a CSV file starts with a byte order mark");
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ';') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => {
                assert!(c != '\n' && c != '"', "stray {c:?} in an unquoted CSV field");
                field.push(c)
            }
        }
    }
    assert!(field.is_empty() && record.is_empty(), "CSV must end with CRLF");
    records
}

fn braces_balanced(s: &str) -> bool {
    let mut depth = 0i64;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return false,
            '}' => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}

fn documents_in(out: &Path) -> usize {
    walkdir::WalkDir::new(out.join("ru/documents"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() == "index.html")
        .filter(|e| !e.path().to_string_lossy().contains("/page/"))
        .count()
        - 1
}

#[test]
fn site_feeds_are_atom_per_language_dated_by_content() {
    let f = built(&["minimal"], "https://example.org/");
    let out = f.out();
    for lang in ["ru", "kk"] {
        let feed = read(&out, &format!("{lang}/feed.xml"));
        let names = xml_elements(&feed).unwrap_or_else(|e| panic!("{lang}/feed.xml: {e}"));
        assert_eq!(names[0], "feed");
        assert!(feed.contains(&format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">"
        )));
        assert_eq!(element_text(&feed, "id"), format!("https://example.org/{lang}/feed.xml"));
        let site_title = if lang == "ru" {
            "Тестовый архив"
        } else {
            "Сынақ мұрағаты"
        };
        assert_eq!(element_text(&feed, "title"), site_title);
        // The newest document's date, not the build time.
        assert_eq!(element_text(&feed, "updated"), "2024-10-16T00:00:00Z");
        assert!(feed.contains(&format!(
            "<link rel=\"alternate\" type=\"text/html\" hreflang=\"{lang}\" href=\"https://example.org/{lang}/\"/>"
        )));
        assert!(feed.contains("<link rel=\"self\" type=\"application/atom+xml\""));
        // Three dated documents; the undated one cannot be placed in a feed.
        let entries: Vec<&str> = feed.split("<entry ").skip(1).collect();
        assert_eq!(entries.len(), 3, "{feed}");
        for e in &entries {
            for tag in [
                "<id>",
                "<title type=\"text\">",
                "<link rel=\"alternate\"",
                "<updated>",
                "<summary type=\"text\">",
            ] {
                assert!(e.contains(tag), "entry lacks {tag}: {e}");
            }
        }
        assert!(entries[0].contains("<title type=\"text\">Решение № 158 &lt;о Отчёте&gt;</title>"));
        // The Kazakh text keeps its id (its canonical page) in the Russian feed, and its lang.
        let kk_entry = entries.iter().find(|e| e.contains("Мамин Ташкентте")).unwrap();
        assert!(kk_entry.starts_with("xml:lang=\"kk\">"), "{kk_entry}");
        assert!(
            kk_entry.contains("<id>https://example.org/kk/documents/2019/mamin-tashkentte/</id>")
        );
        assert!(kk_entry.contains(&format!(
            "href=\"https://example.org/{lang}/documents/2019/mamin-tashkentte/\""
        )));
        assert!(kk_entry.contains("<updated>2019-11-01T00:00:00Z</updated>"), "month precision");
        // Headings and table cells do not glue words together in summaries.
        assert!(!feed.contains("ИтогиПринято"), "{feed}");
    }
    let again = built(&["minimal"], "https://example.org/");
    assert_eq!(read(&out, "ru/feed.xml"), read(&again.out(), "ru/feed.xml"));
}

#[test]
fn entity_feeds_exist_and_pages_announce_them() {
    let f = built(&["minimal"], "https://example.org/repo/");
    let out = f.out();
    for (page, n) in [
        ("countries/kazakhstan", 3),
        ("organizations/sco", 3),
        ("people/askar-mamin", 2),
        ("events/sco-chg-18", 2),
        ("countries/china", 2),
    ] {
        for lang in ["ru", "kk"] {
            let feed = read(&out, &format!("{lang}/{page}/feed.xml"));
            xml_elements(&feed).unwrap_or_else(|e| panic!("{lang}/{page}/feed.xml: {e}"));
            assert_eq!(feed.matches("<entry ").count(), n, "{lang}/{page}: {feed}");
            assert!(feed.contains(&format!(
                "hreflang=\"{lang}\" href=\"https://example.org/repo/{lang}/{page}/\"/>"
            )));
            let html = read(&out, &format!("{lang}/{page}/index.html"));
            assert!(html.contains(&format!("href=\"/repo/{lang}/{page}/feed.xml\">")), "{page}");
            assert!(html.contains(&format!("href=\"/repo/{lang}/feed.xml\">")), "site feed too");
        }
    }
    // Every page announces the site feed of its language.
    for page in html_files(&out) {
        let html = read(&out, &page);
        assert!(
            html.contains("<link rel=\"alternate\" type=\"application/atom+xml\""),
            "{page} announces no feed"
        );
    }
    // Places have no feed and link none of their own.
    assert!(!out.join("ru/places/tashkent/feed.xml").exists());
    assert_eq!(
        read(&out, "ru/places/tashkent/index.html").matches("application/atom+xml").count(),
        1
    );
}

#[test]
fn sitemap_lists_every_page_in_both_languages_with_hreflang() {
    let f = built(&["minimal"], "https://example.org/repo/");
    let out = f.out();
    let map = read(&out, "sitemap.xml");
    xml_elements(&map).unwrap();
    assert!(map.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let locs: Vec<String> =
        map.split("<loc>").skip(1).map(|s| xml_unescape(&s[..s.find("</loc>").unwrap()])).collect();
    for lang in ["ru", "kk"] {
        assert!(locs.contains(&format!("https://example.org/repo/{lang}/")));
        assert!(locs.contains(&format!(
            "https://example.org/repo/{lang}/documents/2019/mamin-v-tashkente/"
        )));
    }
    // Every listed URL is a page of the output; every page but the 404s and the root is listed.
    for loc in &locs {
        let rel = loc.strip_prefix("https://example.org/repo/").unwrap();
        assert!(out.join(rel).join("index.html").is_file(), "{loc}");
    }
    let pages = html_files(&out)
        .into_iter()
        .filter(|p| p != "index.html" && !p.ends_with("404.html"))
        .count();
    assert_eq!(locs.len(), pages);
    // Each <url> names every language version and the default one.
    for entry in map.split("<url>").skip(1) {
        for hreflang in ["ru", "kk", "x-default"] {
            assert_eq!(
                entry.matches(&format!("rel=\"alternate\" hreflang=\"{hreflang}\"")).count(),
                1,
                "{entry}"
            );
        }
    }
    assert!(map.contains(
        "hreflang=\"x-default\" href=\"https://example.org/repo/ru/countries/kazakhstan/\""
    ));
    let robots = read(&out, "robots.txt");
    assert!(robots.starts_with("User-agent: *\n"));
    assert!(robots.contains("\nSitemap: https://example.org/repo/sitemap.xml\n"), "{robots}");
}

#[test]
fn every_kind_of_page_has_json_ld_and_opengraph() {
    let f = built(&["minimal"], "https://example.org/");
    let out = f.out();
    for (page, ty) in [
        ("ru/index.html", "WebSite"),
        ("ru/documents/2019/mamin-v-tashkente/index.html", "NewsArticle"),
        ("ru/documents/2024/reshenie-158/index.html", "Legislation"),
        ("kk/events/sco-chg-18/index.html", "Event"),
        ("ru/countries/kazakhstan/index.html", "Country"),
        ("ru/organizations/sco/index.html", "Organization"),
        ("ru/people/askar-mamin/index.html", "Person"),
        ("ru/places/tashkent/index.html", "Place"),
        ("ru/countries/index.html", "CollectionPage"),
        ("ru/timeline/index.html", "WebPage"),
    ] {
        let html = read(&out, page);
        let ld = json_ld(&html);
        assert_eq!(ld.len(), 1, "{page}");
        assert_eq!(ld[0]["@context"], "https://schema.org", "{page}");
        assert_eq!(ld[0]["@type"], ty, "{page}");
        assert_eq!(og(&html, "og:title").len(), 1, "{page}");
        assert_eq!(og(&html, "og:site_name").len(), 1, "{page}");
        let canonical = attr_values(&html, "href")
            .into_iter()
            .find(|h| html.contains(&format!("<link rel=\"canonical\" href=\"{h}\"")))
            .unwrap();
        assert_eq!(og(&html, "og:url"), [canonical], "{page}");
    }
    let news = read(&out, "ru/documents/2019/mamin-v-tashkente/index.html");
    let ld = &json_ld(&news)[0];
    assert_eq!(ld["headline"], "Мамин в Ташкенте");
    assert_eq!(ld["datePublished"], "2019-11-02");
    assert_eq!(ld["inLanguage"], "ru");
    assert_eq!(ld["publisher"]["name"], "Tengrinews.kz");
    assert_eq!(ld["about"][0]["@type"], "Event");
    assert!(ld["mentions"].as_array().unwrap().iter().any(|m| m["@type"] == "Person"));
    assert_eq!(ld["isPartOf"]["@type"], "WebSite");
    assert_eq!(og(&news, "og:type"), ["article"]);
    assert_eq!(og(&news, "og:locale"), ["ru_RU"]);
    assert_eq!(og(&news, "og:locale:alternate"), ["kk_KZ"]);
    assert_eq!(og(&news, "og:description").len(), 1);
    let kk = read(&out, "kk/documents/2019/mamin-v-tashkente/index.html");
    assert_eq!(og(&kk, "og:locale"), ["kk_KZ"]);
    let decision = &json_ld(&read(&out, "ru/documents/2024/reshenie-158/index.html"))[0];
    assert_eq!(decision["legislationIdentifier"], "158");
    let event = &json_ld(&read(&out, "ru/events/sco-chg-18/index.html"))[0];
    assert_eq!(event["startDate"], "2019-11-02");
    assert_eq!(event["location"]["@type"], "Place");
    assert_eq!(event["organizer"]["@type"], "Organization");
}

#[test]
fn hostile_names_stay_inside_json_ld_xml_bibtex_and_csv() {
    let f = built(&["minimal", "hostile"], "https://example.org/");
    let out = f.out();
    let title = "</script><script>alert(1)</script> «Доклад» & {скобки} 100% \"x\" ]]> <!--";
    for lang in ["ru", "kk"] {
        let html = read(&out, &format!("{lang}/documents/2020/hostile/index.html"));
        assert_eq!(html.matches("<script").count(), html.matches("</script>").count());
        assert!(!html.contains("<script>alert"), "{html}");
        let ld = json_ld(&html);
        assert_eq!(ld[0]["name"], title);
        assert_eq!(ld[0]["@type"], "Report");
        assert_eq!(ld[0]["sourceOrganization"]["name"], "Evil </script> & Co {");
        assert_eq!(og(&html, "og:title"), [title]);
        let person = read(&out, &format!("{lang}/people/hostile-person/index.html"));
        assert!(!person.contains("<script>alert") && !person.contains("<img src=x"));
        let ld = json_ld(&person);
        assert_eq!(ld.len(), 1);
        let name = if lang == "ru" {
            "</script><script>alert('ru')</script>"
        } else {
            "<img src=x onerror=alert(1)> & }{"
        };
        assert_eq!(ld[0]["name"], name);
        for feed in [format!("{lang}/feed.xml"), format!("{lang}/people/hostile-person/feed.xml")] {
            let xml = read(&out, &feed);
            xml_elements(&xml).unwrap_or_else(|e| panic!("{feed}: {e}"));
            assert!(xml.contains(&format!(
                    "<title type=\"text\">{}</title>",
                    title
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;")
                        .replace('"', "&quot;")
                )));
        }
    }
    let (bib, csl) = citation_files(&read(&out, "ru/documents/2020/hostile/index.html"));
    assert!(braces_balanced(&bib), "{bib}");
    let csl: Value = serde_json::from_str(&csl).unwrap();
    assert_eq!(csl[0]["title"], title);
    assert_eq!(csl[0]["type"], "report");
    let csv = csv_records(&read(&out, "data/documents.csv"));
    let row = csv.iter().find(|r| r[0] == "hostile").unwrap();
    assert_eq!(row[3], title);
    assert_eq!(row.len(), csv[0].len());
    xml_elements(&read(&out, "sitemap.xml")).unwrap();
    for base in ["/", "/sub/"] {
        let o = f.tmp.path().join(format!("out{}", base.replace('/', "-")));
        build_into(&f.root(), &o, &format!("https://example.org{base}")).unwrap();
        let broken = broken_links(&o, base);
        assert!(broken.is_empty(), "{broken:#?}");
    }
}

/// The BibTeX and CSL-JSON a document page offers for download (`data:` links with a file
/// name), decoded.
fn citation_files(html: &str) -> (String, String) {
    let file = |mime: &str, ext: &str| -> String {
        let start = format!("href=\"data:{mime};charset=utf-8;base64,");
        let at = html.find(&start).unwrap_or_else(|| panic!("no {mime} link")) + start.len();
        let end = at + html[at..].find('"').unwrap();
        let after = &html[end..end + 120];
        assert!(after.contains(" download=\"") && after.contains(ext), "{after}");
        String::from_utf8(base64_decode(&html[at..end])).unwrap()
    };
    (
        file("application/x-bibtex", ".bib\""),
        file("application/vnd.citationstyles.csl+json", ".json\""),
    )
}

fn base64_decode(s: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|&c| c != b'=') {
        acc = (acc << 6) | A.iter().position(|&x| x == c).expect("base64 letter") as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn citation_files_per_document_linked_from_every_language() {
    let f = built(&["minimal"], "https://example.org/");
    let out = f.out();
    // The same files whatever the UI language: they describe the text under its own page.
    let files: Vec<(String, String)> = ["ru", "kk"]
        .iter()
        .map(|lang| {
            citation_files(&read(
                &out,
                &format!("{lang}/documents/2019/mamin-tashkentte/index.html"),
            ))
        })
        .collect();
    assert_eq!(files[0], files[1]);
    assert!(files[0].0.contains("url = {https://example.org/kk/documents/2019/mamin-tashkentte/}"));
    assert!(files[0].0.starts_with("@online{mamin-tashkentte,\n"));
    let ru = unescape(&read(&out, "ru/documents/2019/mamin-v-tashkente/index.html"));
    assert!(
        ru.contains(
            "<p class=\"cite-text\" id=\"cite-text\">Мамин в Ташкенте // Tengrinews.kz : [сайт]. \
             — 2019. — 2 нояб. — URL: https://tengrinews.kz/x. — Текст : электронный // Тестовый \
             архив : [сайт]. — URL: https://example.org/ru/documents/2019/mamin-v-tashkente/ \
             (дата обращения: <span class=\"cite-accessed\" data-today>ДД.ММ.ГГГГ</span>).</p>"
        ),
        "GOST R 7.0.100 reference in Russian"
    );
    let kk = unescape(&read(&out, "kk/documents/2019/mamin-v-tashkente/index.html"));
    assert!(kk.contains(
        "— 2019. — 2 қар. — URL: https://tengrinews.kz/x. — Мәтін : электрондық // Сынақ мұрағаты : [сайт]."
    ));
    assert!(kk.contains(
        "mamin-v-tashkente/ (қаралған күні: <span class=\"cite-accessed\" data-today>КК.АА.ЖЖЖЖ</span>).</p>"
    ));
    // The copy button waits hidden for the script, with its name and its message in the UI
    // language.
    assert!(ru.contains(
        "<p class=\"cite-copy\" hidden><button type=\"button\" data-copy=\"cite-text\" \
         data-copied=\"Скопировано\">Скопировать ссылку</button> <span class=\"cite-copied\" \
         role=\"status\"></span></p>"
    ));
    assert!(kk.contains("data-copied=\"Көшірілді\">Сілтемені көшіру</button>"));
    for (id, folder, ty) in [
        ("mamin-v-tashkente", "ru/documents/2019", "article-newspaper"),
        ("reshenie-158", "ru/documents/2024", "legislation"),
        ("vstrecha-bez-daty", "ru/documents/undated", "article-newspaper"),
    ] {
        let (bib, csl) = citation_files(&read(&out, &format!("{folder}/{id}/index.html")));
        assert!(bib.starts_with(&format!("@online{{{id},\n")), "{bib}");
        assert!(braces_balanced(&bib), "{bib}");
        assert!(bib.contains("langid = {russian}"));
        assert!(!bib.contains("urldate"));
        let csl: Value = serde_json::from_str(&csl).unwrap();
        assert_eq!(csl[0]["id"], id);
        assert_eq!(csl[0]["type"], ty);
    }
    let (bib, _) = citation_files(&read(&out, "ru/documents/2019/mamin-v-tashkente/index.html"));
    assert!(bib.contains("url = {https://tengrinews.kz/x}"));
    assert!(bib.contains("\\url{https://example.org/ru/documents/2019/mamin-v-tashkente/}"));
    assert!(bib.contains("author = {{Tengrinews.kz}}"));
}

#[test]
fn export_files_parse_and_the_package_describes_them() {
    let f = built(&["minimal"], "https://example.org/");
    let out = f.out();
    let docs = documents_in(&out);
    assert_eq!(docs, 4);
    let csv = read(&out, "data/documents.csv");
    // Excel in a ru or kk locale: UTF-8 only with a BOM, `;` as the list separator.
    assert!(csv.starts_with("\u{feff}id;url;lang;title;"), "BOM and semicolons");
    let records = csv_records(&csv);
    assert_eq!(records.len(), docs + 1);
    assert_eq!(records[0][..4], ["id", "url", "lang", "title"]);
    let json: Value = serde_json::from_str(&read(&out, "data/documents.json")).unwrap();
    assert_eq!(json.as_array().unwrap().len(), docs);
    let mamin = json.as_array().unwrap().iter().find(|d| d["id"] == "mamin-v-tashkente").unwrap();
    assert_eq!(mamin["countries"], serde_json::json!(["kazakhstan", "china"]));
    assert_eq!(mamin["url"], "https://example.org/ru/documents/2019/mamin-v-tashkente/");
    let row = records.iter().find(|r| r[0] == "mamin-v-tashkente").unwrap();
    let col = |name: &str| records[0].iter().position(|c| c == name).unwrap();
    assert_eq!(row[col("countries")], "kazakhstan;china");
    assert_eq!(row[col("source_name")], "Tengrinews.kz");
    // Full texts: one document a line, its metadata and its Markdown body.
    let gz = std::fs::read(out.join("data/texts.jsonl.gz")).unwrap();
    let mut texts = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut texts).unwrap();
    let lines: Vec<Value> = texts.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), docs);
    let mamin = lines.iter().find(|d| d["id"] == "mamin-v-tashkente").unwrap();
    assert_eq!(mamin["countries"], serde_json::json!(["kazakhstan", "china"]));
    let text = mamin["text"].as_str().unwrap();
    assert!(text.starts_with("Премьер-министр **Казахстана** выступил.\n"), "{text}");
    assert!(text.contains("[^1]: По данным пресс-службы."), "{text}");
    let countries: Value = serde_json::from_str(&read(&out, "data/countries.json")).unwrap();
    let kz = countries.as_array().unwrap().iter().find(|c| c["id"] == "kazakhstan").unwrap();
    assert_eq!(kz["name_ru"], "Казахстан");
    assert_eq!(kz["name_kk"], "Қазақстан");
    let pkg: Value = serde_json::from_str(&read(&out, "data/datapackage.json")).unwrap();
    assert_eq!(pkg["profile"], "tabular-data-package");
    let resources = pkg["resources"].as_array().unwrap();
    assert_eq!(
        resources.len(),
        25,
        "eight catalogue tables and four of acts, JSON and CSV each, and the full texts"
    );
    for r in resources.iter().filter(|r| r["format"] != "jsonl") {
        let path = r["path"].as_str().unwrap();
        let text = read(&out, &format!("data/{path}"));
        assert_eq!(r["encoding"], "utf-8");
        let fields: Vec<&str> = r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        if r["format"] == "csv" {
            assert_eq!(r["mediatype"], "text/csv");
            assert_eq!(r["dialect"]["delimiter"], ";");
            assert_eq!(csv_records(&text)[0], fields, "{path}");
        } else {
            assert_eq!(r["mediatype"], "application/json");
            let rows: Value = serde_json::from_str(&text).unwrap();
            for row in rows.as_array().unwrap() {
                let keys: Vec<&str> = row.as_object().unwrap().keys().map(String::as_str).collect();
                let mut want = fields.clone();
                want.sort();
                assert_eq!(keys, want, "{path}");
            }
        }
        for fk in r["schema"]["foreignKeys"].as_array().into_iter().flatten() {
            let target = fk["reference"]["resource"].as_str().unwrap();
            assert!(
                target.is_empty() || resources.iter().any(|x| x["name"] == target),
                "{path}: {target}"
            );
        }
    }
    let home = read(&out, "ru/index.html");
    for link in
        ["/data/documents.json", "/data/documents.csv", "/data/datapackage.json", "/ru/feed.xml"]
    {
        assert!(home.contains(&format!("href=\"{link}\"")), "home links {link}");
    }
}
