//! Acts (issue 16): the `act:` block of decisions, agreements and statements — what `archive
//! check` refuses or warns about, and what a document page shows, reverse relations included.

use crate::common::*;

fn check(root: &std::path::Path) -> (Option<i32>, String) {
    check_site(root, &[])
}

/// A decision with a full act block, a report it approves and an amendment of it.
fn acts_fixture() -> Fixture {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "content/documents/2024/reshenie-158.md",
        "---\ntitle: Решение № 158\nlang: ru\ndate: 2024-10-16\nkind: decision\nevent: sco-chg-23\n\
         act:\n  number: \"158\"\n  body: sco-heads-of-government\n  place: astana\n  signatories:\n\
         \x20   - {country: kazakhstan, person: askar-mamin, position: Премьер-министр Республики Казахстан}\n\
         \x20   - {country: china, position: Премьер Государственного Совета КНР}\n\
         \x20 status:\n    - {status: signed, date: 2024-10-16}\n    - {status: in_force, date: 2024-11}\n\
         \x20 participation:\n    - {country: kazakhstan, signed: 2024-10-16, ratified: 2025-02, reservations: без оговорок}\n\
         \x20 approves: [otchet-sekretariata]\n\
         countries: [kazakhstan, china]\norganizations: [sco, sco-heads-of-government]\n---\nУтвердить отчёт.\n",
    );
    f.write(
        "content/documents/2024/otchet-sekretariata.md",
        "---\ntitle: Отчёт Секретариата\nlang: ru\ndate: 2024-10-16\nkind: report\n---\nТекст отчёта.\n",
    );
    f.write(
        "content/documents/2024/izmenenie-158.md",
        "---\ntitle: О внесении изменений в решение № 158\nlang: ru\ndate: 2024-12-01\nkind: decision\n\
         act: {number: \"170\", body: sco-heads-of-government, amends: [reshenie-158]}\n---\nИзменить.\n",
    );
    f
}

#[test]
fn a_valid_act_checks_clean_and_its_page_shows_panel_and_reverse_links() {
    let f = acts_fixture();
    let (code, text) = check(&f.root());
    assert_eq!(code, Some(0), "{text}");
    assert!(!text.contains("act."), "no act diagnostics expected:\n{text}");
    f.build("https://example.org/").unwrap();
    let page = read(&f.out(), "ru/documents/2024/reshenie-158/index.html");
    for want in [
        "Сведения об акте",
        "№&nbsp;158",
        "/ru/organizations/sco-heads-of-government/",
        "/ru/places/astana/",
        "подписан",
        "вступил в силу",
        "/ru/people/askar-mamin/",
        "Премьер Государственного Совета КНР",
        "без оговорок",
        "Утверждает",
        "/ru/documents/2024/otchet-sekretariata/",
        "Изменён актами",
        "/ru/documents/2024/izmenenie-158/",
    ] {
        assert!(page.contains(want), "decision page lacks {want}");
    }
    let kk = read(&f.out(), "kk/documents/2024/reshenie-158/index.html");
    assert!(kk.contains("Акт туралы мәліметтер") && kk.contains("Қол қойғандар"), "kk labels");
    let report = read(&f.out(), "ru/documents/2024/otchet-sekretariata/index.html");
    assert!(report.contains("Утверждён актом") && report.contains("reshenie-158"), "reverse link");
    assert!(page.contains("sco-heads-of-government/decision/2024-10-16/158"), "identifier");
    let ld = json_ld(&page);
    assert_eq!(ld["legislationIdentifier"], "sco-heads-of-government/decision/2024-10-16/158");
    assert_eq!(ld["legislationLegalForce"], "https://schema.org/InForce");
    assert_eq!(ld["legislationJurisdiction"][0]["name"], "Казахстан");
    assert!(
        ld["legislationPassedBy"]["url"].as_str().unwrap().ends_with("/sco-heads-of-government/")
    );
    let amending = read(&f.out(), "ru/documents/2024/izmenenie-158/index.html");
    let changes = &json_ld(&amending)["legislationChanges"][0]["url"];
    assert!(changes.as_str().unwrap().ends_with("/ru/documents/2024/reshenie-158/"), "{changes}");
    let acts = read(&f.out(), "data/acts.csv");
    assert!(
        acts.contains("reshenie-158;sco-heads-of-government/decision/2024-10-16/158;decision;158;sco-heads-of-government;astana;2024-10-16;in_force;2024-11"),
        "{acts}"
    );
    let signatories = read(&f.out(), "data/signatories.csv");
    assert!(
        signatories
            .contains("reshenie-158;1;kazakhstan;askar-mamin;Премьер-министр Республики Казахстан"),
        "{signatories}"
    );
    let participation = read(&f.out(), "data/participation.csv");
    assert!(
        participation.contains("reshenie-158;kazakhstan;2024-10-16;2025-02;;;без оговорок"),
        "{participation}"
    );
    let relations = read(&f.out(), "data/act_relations.csv");
    assert!(relations.contains("reshenie-158;approves;otchet-sekretariata"), "{relations}");
    assert!(relations.contains("izmenenie-158;amends;reshenie-158"), "{relations}");
    // Entity pages list the acts they take part in: a state party with its own last step, a
    // signatory, the adopting body and the organization above it, the event.
    let kz = read(&f.out(), "ru/countries/kazakhstan/index.html");
    assert!(
        kz.contains("class=\"entity-acts\"") && kz.contains("Ратификация · февраль 2025"),
        "kz"
    );
    let cn = read(&f.out(), "kk/countries/china/index.html");
    assert!(cn.contains("Актілер") && cn.contains("күшіне енді"), "china signed");
    for page in [
        "ru/people/askar-mamin/index.html",
        "ru/organizations/sco-heads-of-government/index.html",
        "ru/organizations/sco/index.html",
        "ru/events/sco-chg-23/index.html",
    ] {
        let html = read(&f.out(), page);
        assert!(html.contains("class=\"entity-acts\"") && html.contains("reshenie-158"), "{page}");
    }
    let place = read(&f.out(), "ru/places/tashkent/index.html");
    assert!(!place.contains("entity-acts"), "places list no acts");
    // Each act's data beside its page, and a feed per form of act, announced on the act's page.
    let data: serde_json::Value =
        serde_json::from_str(&read(&f.out(), "ru/documents/2024/reshenie-158/data.json")).unwrap();
    assert_eq!(data["act_id"], "sco-heads-of-government/decision/2024-10-16/158");
    assert_eq!(data["act"]["signatories"][1]["country"], "china");
    assert_eq!(data["related_by"][0]["relation"], "amends");
    assert_eq!(data["related_by"][0]["document"], "izmenenie-158");
    let feed = read(&f.out(), "kk/acts/decision/feed.xml");
    assert_eq!(feed.matches("<entry ").count(), 2, "{feed}");
    assert!(feed.contains("/kk/documents/2024/izmenenie-158/"), "{feed}");
    assert!(page.contains("href=\"/ru/acts/decision/feed.xml\""), "feed link on the page");
    assert!(!f.out().join("ru/acts/agreement/feed.xml").exists(), "no feed for an absent form");
    let plain = read(&f.out(), "ru/documents/2019/mamin-v-tashkente/index.html");
    assert!(!plain.contains("class=\"act\""), "a news item has no act panel");
}

fn json_ld(page: &str) -> serde_json::Value {
    let start = page.find("<script type=\"application/ld+json\">").expect("JSON-LD") + 35;
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

#[test]
fn language_versions_share_one_act_identifier() {
    let f = acts_fixture();
    f.write(
        "content/documents/2024/sheshim-158.md",
        "---\ntitle: № 158 шешім\nlang: kk\ndate: 2024-10-16\nkind: decision\n\
         act: {number: \"159\", body: sco-heads-of-government}\ntranslations: [reshenie-158]\n---\nМәтін.\n",
    );
    let (code, text) = check(&f.root());
    assert_eq!(code, Some(2), "{text}");
    assert!(
        text.contains("sheshim-158.md:6: act: its language version «reshenie-158» is act sco-heads-of-government/decision/2024-10-16/158, this one sco-heads-of-government/decision/2024-10-16/159"),
        "{text}"
    );
    // Without an act block of its own, the Kazakh version takes the Russian one's identifier.
    f.write(
        "content/documents/2024/sheshim-158.md",
        "---\ntitle: № 158 шешім\nlang: kk\ndate: 2024-10-16\nkind: decision\ntranslations: [reshenie-158]\n---\nМәтін.\n",
    );
    f.build("https://example.org/").unwrap();
    let kk = read(&f.out(), "kk/documents/2024/sheshim-158/index.html");
    assert_eq!(
        json_ld(&kk)["legislationIdentifier"],
        "sco-heads-of-government/decision/2024-10-16/158"
    );
}

#[test]
fn an_act_page_under_its_identifier_sets_the_language_versions_side_by_side() {
    let f = acts_fixture();
    f.write(
        "content/documents/2024/reshenie-158.md",
        "---\ntitle: Решение № 158\nlang: ru\ndate: 2024-10-16\nkind: decision\n\
         act: {number: \"158\", body: sco-heads-of-government}\ntranslations: [sheshim-158]\n---\n\
         Совет решил:\n\n## 1. Утвердить\nУтвердить отчёт.\n\n## 2. Вступление в силу\nСо дня подписания.\n",
    );
    f.write(
        "content/documents/2024/sheshim-158.md",
        "---\ntitle: № 158 шешім\nlang: kk\ndate: 2024-10-16\nkind: decision\ntranslations: [reshenie-158]\n---\n\
         Кеңес шешті:\n\n## 1. Бекіту\nЕсепті бекіту.\n\n## 2. Күшіне енуі\nҚол қойылған күннен бастап.\n",
    );
    f.build("https://example.org/").unwrap();
    let id = "sco-heads-of-government/decision/2024-10-16/158";
    let page = read(&f.out(), &format!("kk/acts/{id}/index.html"));
    assert!(page.contains("<h1>№ 158 шешім</h1>"), "the title in the UI language's version");
    assert!(page.contains("Тілдік нұсқалары") && page.contains("Мәтіндер қатар"));
    assert!(!page.contains("азат жолдар бойынша"), "same headings: aligned by section");
    // Row by row: a Russian cell, then its Kazakh counterpart.
    let ru = page.find("<h3>2. Вступление в силу</h3>").expect("ru section 2");
    let kk = page.find("<h3>2. Күшіне енуі</h3>").expect("kk section 2");
    let ru1 = page.find("<h3>1. Утвердить</h3>").unwrap();
    let kk1 = page.find("<h3>1. Бекіту</h3>").unwrap();
    assert!(ru1 < kk1 && kk1 < ru && ru < kk, "sections face each other");
    let decision = read(&f.out(), "ru/documents/2024/reshenie-158/index.html");
    assert!(decision.contains(&format!("href=\"/ru/acts/{id}/#compare-title\"")), "compare link");
    let kk_version = read(&f.out(), "kk/documents/2024/sheshim-158/index.html");
    assert!(
        kk_version.contains(&format!("/kk/acts/{id}/")),
        "the version without a block links too"
    );
    assert!(broken_links(&f.out(), "/").is_empty(), "{:?}", broken_links(&f.out(), "/"));
}

#[test]
fn every_act_problem_is_reported_in_one_run_with_file_line_and_field() {
    let f = acts_fixture();
    f.write(
        "content/documents/2019/bad-act.md",
        "---\ntitle: Плохой акт\nlang: ru\ndate: 2019-06-14\nkind: agreement\n\
         act:\n  form: communique\n  body: no-such-body\n  signatories:\n\
         \x20   - {country: china, position: Председатель КНР}\n\
         \x20 status:\n    - {status: superseded, date: 2020}\n    - {status: in_force, date: 2019-01}\n\
         \x20 participation:\n    - {country: kazakhstan, signed: 2020-05, ratified: 2019}\n    - {country: kazakhstan}\n\
         \x20 supersedes: [bad-act-2, missing-doc]\n  amends: [bad-act]\n---\nТекст.\n",
    );
    f.write(
        "content/documents/2019/bad-act-2.md",
        "---\ntitle: Второй\nlang: ru\ndate: 2019-01-01\nkind: decision\n\
         act: {body: sco-heads-of-government, supersedes: [bad-act], signatories: [{country: china, position: x}]}\n---\nТекст.\n",
    );
    f.write(
        "content/documents/2019/news-act.md",
        "---\ntitle: Новость\nlang: ru\ndate: 2019-02-01\nkind: news\nact: {number: \"1\"}\n---\nТекст.\n",
    );
    let (code, text) = check(&f.root());
    assert_eq!(code, Some(2), "{text}");
    let bad = "content/documents/2019/bad-act.md:6";
    for want in [
        format!("{bad}: act.form: form communique is filed as kind statement"),
        format!("{bad}: act.body: unknown organization «no-such-body»"),
        format!("{bad}: act.status[1]: «in_force» comes after the act was superseded"),
        format!("{bad}: act.status[1].date: dated 2019-01, before the status above it"),
        format!("{bad}: act.participation[0].ratified: ratified 2019 is before signed 2020-05"),
        format!("{bad}: act.participation[1].country: «kazakhstan» is listed twice"),
        format!("{bad}: act.supersedes: unknown document «missing-doc»"),
        format!("{bad}: act.supersedes: «bad-act-2» supersedes this document too"),
        format!("{bad}: act.amends: «bad-act» is this document itself"),
        "content/documents/2019/news-act.md:6: act: a news is not an act".to_string(),
    ] {
        assert!(text.contains(&want), "missing «{want}» in:\n{text}");
    }
    // A warning, not an error: China was a member of the SCO in 2019; a body with no member
    // list of its own is judged by its parent's.
    assert!(!text.contains("bad-act-2.md:6: act.signatories"), "{text}");
}

#[test]
fn a_signatory_outside_the_body_and_a_repeated_number_are_warnings() {
    let f = acts_fixture();
    f.write(
        "content/documents/2024/reshenie-158-dubl.md",
        "---\ntitle: Решение № 158 (копия)\nlang: ru\ndate: 2024-05-01\nkind: decision\n\
         act: {number: \"158\", body: sco-heads-of-government}\n---\nТекст.\n",
    );
    f.write(
        "content/documents/2000/rannee.md",
        "---\ntitle: Раннее решение\nlang: ru\ndate: 2000-05-01\nkind: decision\n\
         act: {body: sco, signatories: [{country: kazakhstan, position: Премьер-министр}]}\n---\nТекст.\n",
    );
    let (code, text) = check(&f.root());
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("rannee.md:6: act.signatories[0].country: signatory country «kazakhstan» was not a member of «sco» on 2000-05-01"),
        "{text}"
    );
    assert!(
        text.contains("act.number: sco-heads-of-government decision №158 of the same year"),
        "{text}"
    );
}
