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
        assert!(nav.contains(&format!("href=\"/{lang}/places/\"")), "{lang}: no places in the menu");
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
