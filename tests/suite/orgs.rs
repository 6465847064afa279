//! Organization pages as a researcher reads them: a parent's page gathers its bodies' sessions
//! and documents (each marked with its body), members are grouped by status in order of joining,
//! and bodies are listed in the alphabet of the UI language.

use crate::common::*;

/// The minimal site with a document that names only the SCO's council (not the SCO), two more
/// bodies whose Kazakh names code-point order would put the wrong way round, and members of
/// every status joining in an order that differs from their names' order.
fn site() -> Fixture {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "content/documents/2024/only-the-council.md",
        "---\ntitle: Только совет\nlang: ru\ndate: 2024-10-17\nkind: news\norganizations: [sco-heads-of-government]\n---\nТекст.\n",
    );
    for (id, ru, kk) in [
        ("sco-nuclear", "Ядерный клуб ШОС", "ШЫҰ ядролық клубы"),
        ("sco-finance", "Финансовый клуб ШОС", "Қаржы клубы"),
    ] {
        f.write(
            &format!("content/organizations/{id}.md"),
            &format!("---\nname: {{ ru: {ru}, kk: {kk} }}\ntype: body\nparent: sco\n---\n"),
        );
    }
    f.write(
        "content/organizations/sco.md",
        "---\nname: { ru: Шанхайская организация сотрудничества, kk: Шанхай ынтымақтастық ұйымы }\nshort: { ru: ШОС, kk: ШЫҰ }\ntype: international\nmembers:\n  - { country: kazakhstan, status: dialogue-partner, from: 2002-01-01 }\n  - { country: china, status: observer, from: 2010-01-01 }\n  - { country: russia, status: member, from: 2020-01-01 }\n  - { country: india, status: member, from: 2005-01-01 }\n---\n",
    );
    for (id, ru, kk) in [("russia", "Россия", "Ресей"), ("india", "Индия", "Үндістан")]
    {
        f.write(
            &format!("content/countries/{id}.md"),
            &format!("---\nname: {{ ru: {ru}, kk: {kk} }}\n---\n"),
        );
    }
    f.build("https://example.org/").unwrap();
    f
}

fn position(page: &str, needle: &str) -> usize {
    page.find(needle).unwrap_or_else(|| panic!("{needle} missing"))
}

#[test]
fn a_parent_organization_lists_its_bodies_documents_and_sessions_marked_with_the_body() {
    let f = site();
    let sco = read(&f.out(), "ru/organizations/sco/index.html");
    // The document names only the council, yet the SCO's page lists it, saying which body.
    let item = &sco[position(&sco, "Только совет")..];
    let item = &item[..item.find("</li>").unwrap()];
    assert!(
        item.contains(
            "class=\"doc-body\">Орган: <a href=\"/ru/organizations/sco-heads-of-government/\">"
        ),
        "{item}"
    );
    // The council's sessions are the SCO's events too, newest first, each naming the council.
    let events = &sco[sco.rfind("<h2>События</h2>").expect("events section")..];
    assert!(position(events, "23-е заседание") < position(events, "18-е заседание"));
    assert!(events.contains("2024\u{a0}г. · Совет глав правительств ШОС</span>"), "{events}");
    // The body's own page keeps only its own documents.
    let body = read(&f.out(), "ru/organizations/sco-heads-of-government/index.html");
    assert!(body.contains("Только совет"));
    assert!(!body.contains("class=\"doc-body\""));
}

#[test]
fn members_go_by_status_then_date_of_joining_and_bodies_by_the_alphabet() {
    let f = site();
    let sco = read(&f.out(), "ru/organizations/sco/index.html");
    let table = &sco[position(&sco, "<table class=\"members\"")..];
    // Members (India joined 2005, Russia 2020), then the observer, then the dialogue partner,
    // although the partner joined first and «Казахстан» comes first by name.
    let order = ["Индия", "Россия", "Китай", "Казахстан"].map(|n| position(table, n));
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Kazakh bodies in the Kazakh alphabet: Қ comes after К and long before Ш; code-point order
    // put every Қ after Я and Ш.
    let kk = read(&f.out(), "kk/organizations/sco/index.html");
    let bodies = &kk[position(&kk, "<ul class=\"rows\">")..];
    assert!(position(bodies, "Қаржы клубы") < position(bodies, "ШЫҰ ядролық клубы"), "{bodies}");
}
