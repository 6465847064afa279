//! A third UI language takes one entry in site.toml and one strings file.

use crate::common::*;

#[test]
fn english_is_added_by_config_and_one_strings_file() {
    let f = Fixture::new(&["minimal", "i18n"]);
    f.build("https://example.org/").unwrap();
    let out = f.out();
    let en = read(&out, "en/countries/kazakhstan/index.html");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("<h1>Kazakhstan</h1>"));
    assert!(en.contains("Membership in organizations"));
    for lang in ["ru", "kk"] {
        assert!(
            en.contains(&format!("href=\"/{lang}/countries/kazakhstan/\" hreflang=\"{lang}\""))
        );
    }
    let ru = read(&out, "ru/index.html");
    assert!(ru.contains("href=\"/en/\" hreflang=\"en\""), "ru pages switch to en too");
    let doc = read(&out, "en/documents/2019/mamin-v-tashkente/index.html");
    assert!(doc.contains("2\u{a0}November 2019"));
    assert!(broken_links(&out, "/").is_empty());
}

#[test]
fn a_strings_file_missing_a_key_names_file_and_key() {
    let f = Fixture::new(&["minimal", "i18n"]);
    let path = f.root().join("templates/strings/en.toml");
    let text = std::fs::read_to_string(&path).unwrap().replace("capital = \"Capital\"\n", "");
    std::fs::write(&path, text).unwrap();
    let e = f.build("https://example.org/").unwrap_err();
    assert!(format!("{e:#}").contains("templates/strings/en.toml: missing key «capital»"), "{e:#}");
}

#[test]
fn a_language_without_a_strings_file_is_refused() {
    let f = Fixture::new(&["minimal", "i18n"]);
    std::fs::remove_file(f.root().join("templates/strings/en.toml")).unwrap();
    let e = f.build("https://example.org/").unwrap_err();
    assert!(format!("{e:#}").contains("templates/strings/en.toml: missing"), "{e:#}");
}
