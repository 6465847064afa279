//! The region map (`src/render/map`): which pages draw it, its points as links with a table
//! behind them, membership shading, and the shared outline file.

use crate::common::*;

/// The minimal fixture with coordinates on its two places.
fn built_with_coordinates() -> Fixture {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "content/places/tashkent.md",
        "---\nname: { ru: Ташкент, kk: Ташкент, en: Tashkent }\ncountry: china\ncoordinates: {lat: 41.2995, lon: 69.2401}\n---\n",
    );
    f.write(
        "content/places/astana.md",
        "---\nname: { ru: Астана, kk: Астана, en: Astana }\ncountry: kazakhstan\ncoordinates: {lat: 51.1694, lon: 71.4491}\n---\n",
    );
    f.build("https://example.org/").unwrap();
    f
}

/// The map section of a page, or None.
fn map_of(html: &str) -> Option<&str> {
    let start = html.find("<section class=\"map-section\"")?;
    let end = html[start..].find("</section>")? + start;
    Some(&html[start..end])
}

#[test]
fn event_places_are_linked_points_with_a_table_in_both_languages() {
    let f = built_with_coordinates();
    let out = f.out();
    for (lang, heading, events) in [("ru", "Карта", "Событий"), ("kk", "Карта", "Оқиғалар")]
    {
        let home = read(&out, &format!("{lang}/index.html"));
        let map = map_of(&home).unwrap_or_else(|| panic!("{lang}: no map on the home page"));
        assert!(map.contains(&format!("<h2 id=\"map-h\">{heading}</h2>")), "{map}");
        let link = format!(
            "<a href=\"/{lang}/places/tashkent/\" aria-label=\"Ташкент ({events}: 1)\"><circle"
        );
        assert!(map.contains(&link), "{lang}: {map}");
        assert!(map.contains("<use href=\"/assets/map.svg#land\""), "{map}");
        assert!(
            map.contains(&format!(
                "<th scope=\"row\"><a href=\"/{lang}/places/tashkent/\">Ташкент</a></th>"
            )),
            "{lang}: the table lists the point: {map}"
        );
        // Astana held no event: no point on the home page.
        assert!(!map.contains("places/astana/"), "{map}");
        let timeline = read(&out, &format!("{lang}/timeline/index.html"));
        assert!(map_of(&timeline).is_some_and(|m| m.contains("places/tashkent/")));
    }
    let svg = read(&out, "assets/map.svg");
    assert!(
        svg.contains("id=\"c-KZ\"") && svg.contains("id=\"land\"") && svg.contains("Natural Earth")
    );
    // Pages that are not about places carry no map.
    assert!(map_of(&read(&out, "ru/documents/2019/mamin-v-tashkente/index.html")).is_none());
    assert!(map_of(&read(&out, "ru/documents/index.html")).is_none());
}

#[test]
fn organizations_shade_current_members_countries_themselves_and_places_focus() {
    let f = built_with_coordinates();
    let out = f.out();
    let sco = read(&out, "ru/organizations/sco/index.html");
    let map = map_of(&sco).expect("a map on the organization page");
    // China was an observer until 2001 and a member since: its current status counts.
    assert!(map.contains("<use href=\"/assets/map.svg#c-CN\" class=\"land m\"/>"), "{map}");
    assert!(map.contains("<use href=\"/assets/map.svg#c-KZ\" class=\"land m\"/>"), "{map}");
    assert!(map.contains("<span class=\"swatch m\"></span>член"), "{map}");
    // Its body's session in Tashkent is on the parent's map.
    assert!(map.contains("href=\"/ru/places/tashkent/\""), "{map}");
    let kz = read(&out, "kk/countries/kazakhstan/index.html");
    let map = map_of(&kz).expect("a map on the country page");
    assert!(map.contains("#c-KZ\" class=\"land h\""), "{map}");
    assert!(map.contains("href=\"/kk/places/tashkent/\""), "{map}");
    let astana = read(&out, "ru/places/astana/index.html");
    let map = map_of(&astana).expect("a map on the place page");
    assert!(map.contains("class=\"pt focus\""), "{map}");
    assert!(map.contains("#c-KZ\" class=\"land h\""), "{map}");
}

#[test]
fn a_place_without_coordinates_is_listed_off_the_map() {
    let f = Fixture::new(&["minimal"]);
    f.build("https://example.org/").unwrap();
    let home = read(&f.out(), "ru/index.html");
    let map = map_of(&home).expect("a map: Tashkent held an event");
    assert!(!map.contains("<circle"), "no coordinates, no point: {map}");
    assert!(map.contains("Ташкент</a> <small>(вне карты)</small>"), "{map}");
}
