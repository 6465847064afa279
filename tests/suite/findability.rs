//! Finding one's way: places in the main menu, a place page that names its country once, and
//! a root 404 whose tab title speaks every UI language.

use crate::common::*;

fn built() -> Fixture {
    let f = Fixture::new(&["minimal"]);
    f.build("https://example.org/").unwrap();
    f
}

#[test]
fn places_are_in_the_main_menu_and_current_on_a_place_page() {
    let f = built();
    for lang in ["ru", "kk"] {
        let home = read(&f.out(), &format!("{lang}/index.html"));
        let nav = &home[home.find("class=\"site-nav\"").unwrap()..];
        assert!(
            nav.contains(&format!("href=\"/{lang}/places/\"")),
            "{lang}: no places in the menu"
        );
        let place = read(&f.out(), &format!("{lang}/places/astana/index.html"));
        let nav = &place[place.find("class=\"site-nav\"").unwrap()..];
        assert!(nav.contains(&format!("href=\"/{lang}/places/\" aria-current=\"page\"")), "{lang}");
    }
}

#[test]
fn a_capital_names_its_country_once() {
    let f = built();
    let ru = read(&f.out(), "ru/places/astana/index.html");
    assert_eq!(ru.matches(">Казахстан</a>").count(), 1, "country named twice");
    assert!(ru.contains(">Казахстан</a> <span class=\"detail\">(столица)</span>"));
    assert!(!ru.contains("Столица страны"));
    let kk = read(&f.out(), "kk/places/astana/index.html");
    assert!(kk.contains(">Қазақстан</a> <span class=\"detail\">(астанасы)</span>"));
    // A place that is no capital names its country without the mark.
    let tashkent = read(&f.out(), "ru/places/tashkent/index.html");
    assert!(tashkent.contains(">Китай</a></dd>"));
}

#[test]
fn the_root_404_title_speaks_every_language_and_each_language_404_its_own() {
    let f = built();
    let root = read(&f.out(), "404.html");
    assert!(root.contains("<title>Страница не найдена · Бет табылмады — "), "{root}");
    let kk = read(&f.out(), "kk/404.html");
    assert!(kk.contains("<title>Бет табылмады — "));
}

#[test]
fn people_go_by_surname_under_letters_and_countries_by_membership() {
    let f = Fixture::new(&["minimal"]);
    f.write("content/people/li-qiang.md", "---\nname: { ru: Ли Цян, kk: Ли Цян }\nroles:\n  - { title: { ru: Премьер, kk: Премьер }, country: china }\n---\n");
    f.write(
        "content/people/boris-yakovlev.md",
        "---\nname: { ru: Борис Яковлев, kk: Борис Яковлев }\n---\n",
    );
    f.write("content/countries/georgia.md", "---\nname: { ru: Грузия, kk: Грузия }\n---\n");
    f.build("https://example.org/").unwrap();
    let people = read(&f.out(), "ru/people/index.html");
    // Surname first, under its letter: «Мамин Аскар» under М, «Яковлев Борис» under Я; a
    // Chinese name keeps its order and files under its family name («Ли Цян» under Л).
    for (letter, name) in [("М", "Мамин Аскар"), ("Я", "Яковлев Борис"), ("Л", "Ли Цян")]
    {
        let at = people.find(&format!(">{letter} <span class=\"detail\">")).expect(letter);
        let next = people[at..].find("</section>").unwrap() + at;
        assert!(people[at..next].contains(name), "{name} not under {letter}");
    }
    assert!(people.contains("<nav class=\"index-groups\""));
    // Countries: members of the SCO (the minimal site's only membership organization), then
    // the rest, each group with its count.
    let countries = read(&f.out(), "ru/countries/index.html");
    let members = countries
        .find("id=\"members-sco\">Государства — члены ШОС <span class=\"detail\">2</span>")
        .expect("members group");
    let others = countries
        .find("id=\"others\">Другие страны <span class=\"detail\">1</span>")
        .expect("others group");
    assert!(members < others && countries[others..].contains("Грузия"));
}

#[test]
fn an_event_says_which_earlier_sessions_the_archive_lacks() {
    let f = built();
    // The minimal site holds the 18th and 23rd sessions of the council.
    let ev = read(&f.out(), "ru/events/sco-chg-23/index.html");
    assert!(
        ev.contains("<p class=\"session-gap\">Заседаний этого органа № 19–22 в архиве нет.</p>")
    );
    let kk = read(&f.out(), "kk/events/sco-chg-18/index.html");
    assert!(
        kk.contains("<p class=\"session-gap\">Осы органның № 1–17 отырыстары мұрағатта жоқ.</p>")
    );
}

#[test]
fn the_home_page_keeps_events_after_the_newest_document_apart_as_upcoming() {
    let f = Fixture::new(&["minimal"]);
    f.write("content/events/sco-chg-24.md", "---\nname: { ru: 24-е заседание СГП ШОС, kk: ШЫҰ ҮБК 24-отырысы }\ndate: \"2030\"\nbody: sco-heads-of-government\nnumber: 24\n---\n");
    f.build("https://example.org/").unwrap();
    let home = read(&f.out(), "ru/index.html");
    let recent = &home[home.find("id=\"by-event\"").unwrap()..];
    let recent = &recent[..recent.find("</section>").unwrap()];
    assert!(!recent.contains("24-е заседание"), "a future event leads the recent ones");
    assert!(recent.contains("23-е заседание"));
    let upcoming = &home[home.find("id=\"upcoming\">Предстоящие события").expect("upcoming")..];
    assert!(upcoming.contains("24-е заседание"));
}

#[test]
fn english_review_notes_are_labelled_as_english_on_both_ui_languages() {
    let f = Fixture::new(&["minimal"]);
    f.write("content/places/astana.md", "---\nname: { ru: Астана, kk: Астана }\ncountry: kazakhstan\nreview:\n  - \"name: the older name is not recorded\"\n---\n");
    f.build("https://example.org/").unwrap();
    let kk = read(&f.out(), "kk/places/astana/index.html");
    assert!(kk.contains("<summary>Мұрағатшының ескертпелері (ағылшын тілінде)</summary>"));
    let ru = read(&f.out(), "ru/places/astana/index.html");
    assert!(ru.contains("<summary>Заметки архивиста (на английском)</summary>"));
}
