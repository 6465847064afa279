//! Bad input: every problem reported at once, naming file, line and field; nothing published.

use archive::error::InvalidInput;

use crate::common::*;

#[test]
fn unknown_references_are_all_reported_with_file_line_and_field() {
    let f = Fixture::new(&["minimal", "invalid"]);
    let e = f.build("https://example.org/").unwrap_err();
    let invalid = e.downcast_ref::<InvalidInput>().expect("an input error");
    let text = invalid.to_string();
    let file = "content/documents/2019/bad-refs.md";
    for expected in [
        format!("{file}:6: event: unknown event «no-such-event»"),
        format!("{file}:7: countries: unknown country «atlantis»"),
        format!("{file}:9: people: unknown person «nobody»"),
        format!("{file}:10: places: unknown place «nowhere»"),
        "content/documents/2019/bad-date.md:4: date: 2019-02-30 does not exist".to_string(),
    ] {
        assert!(text.contains(&expected), "missing «{expected}» in:\n{text}");
    }
    assert_eq!(invalid.0.error_count(), 5, "{text}");
    assert!(!f.out().exists(), "nothing is published");
}

#[test]
fn entity_references_are_checked_too() {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "content/events/bad.md",
        "---\nname: { ru: Плохое }\nbody: no-org\nplace: tashkent\ncountries: [mars]\n---\n",
    );
    let e = f.build("https://example.org/").unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("content/events/bad.md:3: body: unknown organization «no-org»"),
        "{text}"
    );
    assert!(text.contains("content/events/bad.md:5: countries: unknown country «mars»"), "{text}");
}

#[test]
fn slug_collisions_are_detected() {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "content/documents/2024/mamin-v-tashkente.md",
        "---\ntitle: Другой\nlang: ru\ndate: 2024\nkind: news\n---\n",
    );
    let text = f.build("https://example.org/").unwrap_err().to_string();
    assert!(text.contains("slug collision: «mamin-v-tashkente»"), "{text}");
}

#[test]
fn a_document_in_the_wrong_year_folder_is_an_error() {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "content/documents/2020/x.md",
        "---\ntitle: X\nlang: ru\ndate: 2019-01-01\nkind: news\n---\n",
    );
    let text = f.build("https://example.org/").unwrap_err().to_string();
    assert!(
        text.contains("content/documents/2020/x.md:4: date: the document lives in «2020/»"),
        "{text}"
    );
}
