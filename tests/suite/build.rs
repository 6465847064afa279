//! The minimal fixture: every kind of page in both languages, cross-links both ways, escaping,
//! Markdown features, pagination, links at the root and under a sub-path, determinism.

use crate::common::*;

fn built(base: &str) -> Fixture {
    let f = Fixture::new(&["minimal"]);
    f.build(base).unwrap();
    f
}

#[test]
fn every_page_kind_exists_in_both_languages() {
    let f = built("https://example.org/");
    let out = f.out();
    for lang in ["ru", "kk"] {
        for page in [
            "index.html",
            "documents/index.html",
            "documents/page/2/index.html",
            "documents/2019/mamin-v-tashkente/index.html",
            "documents/undated/vstrecha-bez-daty/index.html",
            "events/index.html",
            "events/sco-chg-18/index.html",
            "countries/index.html",
            "countries/kazakhstan/index.html",
            "countries/kazakhstan/page/2/index.html",
            "organizations/sco/index.html",
            "people/askar-mamin/index.html",
            "places/tashkent/index.html",
            "years/index.html",
            "years/2019/index.html",
            "years/undated/index.html",
            "404.html",
        ] {
            let p = out.join(lang).join(page);
            assert!(p.is_file(), "missing {lang}/{page}");
            let html = read(&out, &format!("{lang}/{page}"));
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{lang}/{page} lang");
            assert_eq!(html.matches("<h1").count(), 1, "{lang}/{page} has one h1");
        }
    }
    assert!(out.join("404.html").is_file());
    assert!(out.join(".nojekyll").is_file());
    let root = read(&out, "index.html");
    // Without JavaScript the refresh sends readers to the default language; with it, the script
    // picks the reader's language among the ones listed (tests/browser/lang-cite.test.mjs).
    assert!(
        root.contains("<noscript><meta http-equiv=\"refresh\" content=\"0; url=/ru/\"></noscript>"),
        "{root}"
    );
    assert!(
        root.contains(
            "<script src=\"/assets/site.js\" data-targets=\"ru /ru/ kk /kk/ \" data-fallback=\"/ru/\">"
        ),
        "{root}"
    );
    assert!(root.contains("href=\"/kk/\""), "root page links every language");
}

#[test]
fn document_links_to_entities_and_entities_link_back() {
    let f = built("https://example.org/");
    let out = f.out();
    let doc = read(&out, "ru/documents/2019/mamin-v-tashkente/index.html");
    for link in [
        "/ru/countries/kazakhstan/",
        "/ru/countries/china/",
        "/ru/organizations/sco/",
        "/ru/people/askar-mamin/",
        "/ru/places/tashkent/",
        "/ru/events/sco-chg-18/",
    ] {
        assert!(doc.contains(&format!("href=\"{link}\"")), "document → {link}");
        let page = read(&out, &format!("{}index.html", &link[1..]));
        assert!(
            page.contains("href=\"/ru/documents/2019/mamin-v-tashkente/\""),
            "{link} → document"
        );
    }
    // Event ↔ place, event ↔ body, event ↔ countries, org parent ↔ child, person ↔ country.
    let event = read(&out, "ru/events/sco-chg-18/index.html");
    assert!(event.contains("href=\"/ru/organizations/sco-heads-of-government/\""));
    let body = read(&out, "ru/organizations/sco-heads-of-government/index.html");
    assert!(body.contains("href=\"/ru/events/sco-chg-18/\""), "body lists its sessions");
    assert!(body.contains("href=\"/ru/organizations/sco/\""), "body → parent");
    let sco = read(&out, "ru/organizations/sco/index.html");
    assert!(sco.contains("href=\"/ru/organizations/sco-heads-of-government/\""), "parent → body");
    assert!(sco.contains("href=\"/ru/countries/kazakhstan/\""), "members");
    let kz = read(&out, "ru/countries/kazakhstan/index.html");
    assert!(kz.contains("href=\"/ru/organizations/sco/\""), "country → membership");
    assert!(kz.contains("href=\"/ru/events/sco-chg-18/\""), "country → event");
    assert!(kz.contains("href=\"/ru/people/askar-mamin/\""), "country → person with a role");
    assert!(kz.contains("href=\"/ru/places/astana/\""), "country → capital");
    let place = read(&out, "ru/places/tashkent/index.html");
    assert!(place.contains("href=\"/ru/events/sco-chg-18/\""), "place → event");
    let person = read(&out, "ru/people/askar-mamin/index.html");
    assert!(person.contains("Премьер-министр Республики Казахстан"));
    assert!(
        person.contains("25\u{a0}февраля 2019\u{a0}г. – 5\u{a0}января 2022\u{a0}г."),
        "role period"
    );
}

#[test]
fn sessions_link_previous_and_next() {
    let f = built("https://example.org/");
    let e18 = read(&f.out(), "ru/events/sco-chg-18/index.html");
    assert!(e18.contains("rel=\"next\" class=\"next\" href=\"/ru/events/sco-chg-23/\""), "{e18}");
    assert!(!e18.contains("rel=\"prev\""));
    let e23 = read(&f.out(), "kk/events/sco-chg-23/index.html");
    assert!(e23.contains("rel=\"prev\" href=\"/kk/events/sco-chg-18/\""));
}

#[test]
fn language_switch_canonical_and_text_language() {
    let f = built("https://example.org/");
    let out = f.out();
    let kk_view = read(&out, "kk/documents/2019/mamin-v-tashkente/index.html");
    assert!(kk_view.contains("<html lang=\"kk\">"));
    assert!(kk_view.contains("class=\"document-text\" lang=\"ru\""), "text keeps its language");
    assert!(
        kk_view.contains("<link rel=\"canonical\" href=\"https://example.org/ru/documents/2019/mamin-v-tashkente/\">"),
        "canonical is the page under the document's own language"
    );
    assert!(
        kk_view.contains("href=\"/ru/documents/2019/mamin-v-tashkente/\" hreflang=\"ru\""),
        "switch to ru"
    );
    let country = read(&out, "kk/countries/kazakhstan/index.html");
    assert!(country.contains("<h1>Қазақстан</h1>"), "Kazakh name");
    assert!(country.contains("Орталық Азиядағы мемлекет."), "Kazakh description");
    let ru = read(&out, "ru/countries/kazakhstan/index.html");
    assert!(ru.contains("<h1>Казахстан</h1>"));
    assert!(ru.contains("Государство в Центральной Азии."));
}

#[test]
fn translations_are_symmetric_and_related_documents_shown() {
    let f = built("https://example.org/");
    let kk = read(&f.out(), "ru/documents/2019/mamin-tashkentte/index.html");
    assert!(kk.contains("href=\"/ru/documents/2019/mamin-v-tashkente/\""), "kk → ru translation");
    let ru = read(&f.out(), "ru/documents/2019/mamin-v-tashkente/index.html");
    let related = &ru[ru.find("Похожие документы").expect("related section")..];
    assert!(
        related.contains("/ru/documents/2019/mamin-tashkentte/"),
        "shares event, country, person"
    );
}

#[test]
fn markdown_features_escaping_citation_and_raw_source() {
    let f = built("https://example.org/");
    let out = f.out();
    let doc = read(&out, "ru/documents/2019/mamin-v-tashkente/index.html");
    assert!(doc.contains("<h2 id=\"itogi\">Итоги</h2>"));
    assert!(doc.contains("<table>"));
    assert!(doc.contains("footnote-definition"));
    assert!(doc.contains("class=\"hl-"), "fenced code highlighted");
    assert!(
        doc.contains("Мамин в Ташкенте // Tengrinews.kz : [сайт]. — 2019. — 2 нояб."),
        "citation"
    );
    assert!(doc.contains("href=\"/sources/raw-1.txt\""));
    assert_eq!(read(&out, "sources/raw-1.txt"), "Сырой текст <исходника> & «кавычки».\n");
    let hostile = read(&out, "ru/documents/2024/reshenie-158/index.html");
    assert!(hostile.contains("Решение № 158 &lt;о Отчёте&gt;"));
    assert!(!hostile.contains("<о Отчёте>"));
    assert!(read(&out, "assets/highlight.css").contains(".hl-"));
}

#[test]
fn lists_paginate_with_counts_per_language() {
    let f = built("https://example.org/");
    let out = f.out();
    let p1 = read(&out, "ru/documents/index.html");
    assert!(p1.contains("Документов: <strong>4</strong> — на русском: 3, на казахском: 1"), "{p1}");
    assert!(p1.contains("href=\"/ru/documents/page/2/\" rel=\"next\""));
    let p2 = read(&out, "ru/documents/page/2/index.html");
    assert!(p2.contains("href=\"/ru/documents/\" rel=\"prev\""));
    assert!(p2.contains("Встреча без даты"), "undated documents come last");
    let kz2 = read(&out, "ru/countries/kazakhstan/page/2/index.html");
    assert!(kz2.contains("rel=\"prev\""));
    // The chart and the lists of events and people are on the first page only, so a page of a
    // long list costs the same as any other.
    let kz1 = read(&out, "ru/countries/kazakhstan/index.html");
    assert!(kz1.contains("id=\"timeline\"") && kz1.contains("Аскар Мамин"), "{kz1}");
    assert!(!kz2.contains("id=\"timeline\"") && !kz2.contains("Аскар Мамин"), "{kz2}");
}

#[test]
fn entity_indexes_paginate() {
    let f = Fixture::new(&["minimal"]);
    for n in 0..501 {
        f.write(
            &format!("content/people/person-{n:03}.md"),
            &format!(
                "---\nname: {{ ru: Персона {n:03}, kk: Тұлға {n:03}, en: Person {n:03} }}\n---\n"
            ),
        );
    }
    f.build("https://example.org/").unwrap();
    let out = f.out();
    let p1 = read(&out, "ru/people/index.html");
    assert!(p1.contains("Всего: <strong>502</strong>"), "every person is counted on every page");
    assert!(p1.contains("href=\"/ru/people/page/2/\" rel=\"next\""));
    let list = p1.split("index-list\">").nth(1).unwrap().split("</ul>").next().unwrap();
    assert_eq!(list.matches("<li>").count(), 500);
    let p2 = read(&out, "ru/people/page/2/index.html");
    // Аскар Мамин sorts first, so the last two of 502 are on page 2.
    assert!(p2.contains("Персона 499") && !p2.contains("Персона 498"), "sorted by name, in pages");
    assert!(p2.contains("href=\"/ru/people/\" rel=\"prev\""));
    let broken = broken_links(&out, "/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn every_internal_link_resolves_at_root_and_under_a_sub_path() {
    for (base_url, base_path) in
        [("https://example.org/", "/"), ("https://user.github.io/repo/", "/repo/")]
    {
        let f = built(base_url);
        let broken = broken_links(&f.out(), base_path);
        assert!(broken.is_empty(), "{base_url}: {broken:#?}");
        let home = read(&f.out(), "ru/index.html");
        assert!(home.contains(&format!("href=\"{base_path}assets/style.css\"")));
    }
}

#[test]
fn builds_are_byte_identical() {
    let f = built("https://example.org/");
    let first = snapshot(&f.out());
    f.build("https://example.org/").unwrap();
    assert_eq!(first, snapshot(&f.out()));
}

#[test]
fn a_failed_build_leaves_the_previous_site_intact() {
    let f = built("https://example.org/");
    let before = snapshot(&f.out());
    f.write("content/documents/2019/broken.md", "---\ntitle: [unclosed\n---\n");
    assert!(f.build("https://example.org/").is_err());
    assert_eq!(before, snapshot(&f.out()));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let f = Fixture::new(&["minimal"]);
    std::fs::create_dir_all(f.out()).unwrap();
    std::fs::write(f.out().join("thesis.docx"), "years of work").unwrap();
    assert!(f.build("https://example.org/").is_err());
    assert_eq!(std::fs::read_to_string(f.out().join("thesis.docx")).unwrap(), "years of work");
}

#[test]
fn root_404_switches_to_the_per_language_404_pages() {
    let f = built("https://example.org/");
    let page = read(&f.out(), "404.html");
    assert!(page.contains("href=\"/kk/404.html\" hreflang=\"kk\""), "{page}");
    // A missing path of any language lands here: it says so in every UI language.
    assert!(page.contains("<h1>Страница не найдена</h1>"), "{page}");
    assert!(page.contains("<section lang=\"kk\" aria-labelledby=\"not-found-kk\">"), "{page}");
    assert!(page.contains("<h2 id=\"not-found-kk\">Бет табылмады</h2>"), "{page}");
    assert!(
        page.contains("<a href=\"/kk/\" hreflang=\"kk\">Мұрағаттың басты бетіне</a>"),
        "{page}"
    );
    // A language's own 404 speaks its language only.
    let ru = read(&f.out(), "ru/404.html");
    assert!(!ru.contains("Бет табылмады"), "{ru}");
}

#[test]
fn review_notice_names_fields_in_the_ui_language_and_keeps_notes() {
    let f = built("https://example.org/");
    let ru = read(&f.out(), "ru/documents/undated/vstrecha-bez-daty/index.html");
    assert!(ru.contains("<strong>Требует проверки:</strong> дата."), "{ru}");
    assert!(ru.contains("<li lang=\"en\">the text gives no year</li>"), "{ru}");
    let kk = read(&f.out(), "kk/documents/undated/vstrecha-bez-daty/index.html");
    assert!(kk.contains("<strong>Тексеруді қажет етеді:</strong> күні."), "{kk}");
    let clean = read(&f.out(), "ru/documents/2024/reshenie-158/index.html");
    assert!(!clean.contains("review-note"), "no notice without open review items");
}

#[test]
fn a_document_in_a_language_without_a_ui_has_one_canonical() {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "site.toml",
        "title = { ru = \"Архив\" }\nbase_url = \"https://example.org/\"\nlanguages = [\"ru\"]\n",
    );
    f.build("https://example.org/").unwrap();
    let page = read(&f.out(), "ru/documents/2019/mamin-tashkentte/index.html");
    assert!(page.contains("class=\"document-text\" lang=\"kk\""));
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.org/ru/documents/2019/mamin-tashkentte/\">"
    ));
    assert!(!f.out().join("kk").exists(), "no Kazakh UI was configured");
}

#[test]
fn timeline_charts_link_years_and_show_membership() {
    let f = built("https://example.org/");
    let out = f.out();
    let tl = read(&out, "ru/timeline/index.html");
    assert!(tl.contains("<svg class=\"chart-years\""), "per-year chart");
    assert!(tl.contains("<a href=\"/ru/years/2019/\">"), "bars link to year pages");
    assert!(tl.contains("<svg class=\"chart-members\""), "membership chart of the SCO");
    assert!(tl.contains("href=\"/ru/organizations/sco/#timeline\""), "filter by organization");
    let sco = read(&out, "ru/organizations/sco/index.html");
    assert!(sco.contains("id=\"timeline\"") && sco.contains("chart-members"));
    let kz = read(&out, "kk/countries/kazakhstan/index.html");
    assert!(kz.contains("<svg class=\"chart-years\""), "documents per year on a country page");
    assert!(kz.contains("<td>2</td>"), "2019: two documents name Kazakhstan");
}

#[test]
fn completeness_page_lists_what_lacks_a_translation() {
    let f = built("https://example.org/");
    let page = read(&f.out(), "ru/translations/index.html");
    let names = &page[page.find("id=\"gap-descriptions\"").unwrap()..];
    assert!(names.contains("href=\"/ru/countries/china/\""), "China has no description");
    assert!(
        !names[..names.find("id=\"gap-docs\"").unwrap()]
            .contains("href=\"/ru/countries/kazakhstan/\"")
    );
    let docs = &page[page.find("id=\"gap-docs\"").unwrap()..];
    assert!(docs.contains("/ru/documents/2024/reshenie-158/"));
    assert!(!docs.contains("/ru/documents/2019/mamin-v-tashkente/"), "it has a Kazakh counterpart");
}

#[test]
fn one_thread_and_two_threads_give_the_same_bytes() {
    let f = Fixture::new(&["minimal"]);
    let pool = |n| rayon::ThreadPoolBuilder::new().num_threads(n).build().unwrap();
    pool(1).install(|| f.build("https://example.org/").unwrap());
    let one = snapshot(&f.out());
    pool(2).install(|| f.build("https://example.org/").unwrap());
    assert_eq!(one, snapshot(&f.out()));
}

#[test]
fn long_lists_paginate_and_the_completeness_page_caps_its_list() {
    // Regression: the completeness page failed to render once more than 200 documents lacked a
    // counterpart (found by the benchmark corpus).
    let f = Fixture::new(&["minimal"]);
    for i in 0..205 {
        f.write(&format!("content/documents/2020/d{i:03}.md"), &format!("---\ntitle: Документ {i}\nlang: ru\ndate: 2020-01-01\nkind: news\ncountries: [china]\n---\nТекст.\n"));
    }
    f.build("https://example.org/").unwrap();
    let page = read(&f.out(), "ru/translations/index.html");
    assert!(page.contains("на русском: 207"), "count covers all");
    assert!(page.contains("…и ещё 7."), "the rest is counted, not listed");
    assert!(
        f.out().join("ru/countries/china/page/104/index.html").is_file(),
        "207 documents in pages of 2"
    );
    assert!(f.out().join("ru/years/2020/page/103/index.html").is_file());
}
