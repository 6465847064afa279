//! Loading content: every problem of a file reported in one run, and a broken file's valid
//! references still counted, so one mistake neither hides others nor adds false ones.

use archive::error::{Diagnostic, Diagnostics};

use crate::common::*;

/// `archive check` on the fixture: every diagnostic, errors and warnings.
fn checked(f: &Fixture) -> Diagnostics {
    archive::check::check(&f.root()).expect("check runs")
}

fn errors(ds: &Diagnostics) -> Vec<&Diagnostic> {
    ds.sorted().into_iter().filter(|d| d.is_error()).collect()
}

#[test]
fn all_problems_of_one_file_are_reported_together() {
    let f = Fixture::new(&["minimal"]);
    // Named by the broken document only: it must not be called an orphan.
    f.write("content/countries/mongolia.md", "---\nname: { ru: Монголия, kk: Моңғолия }\n---\n");
    let file = "content/documents/2019/many-problems.md";
    f.write(
        file,
        "---\ntitle: Много ошибок\nlang: Russian\ndate: 2019-02-30\nkind: rumour\n\
         countries: [mongolia, atlantis]\n---\nТекст.\n",
    );
    let ds = checked(&f);
    let errors = errors(&ds);
    let got: Vec<(Option<usize>, Option<&str>)> =
        errors.iter().map(|d| (d.line, d.field.as_deref())).collect();
    assert_eq!(
        got,
        [
            (Some(3), Some("lang")),
            (Some(4), Some("date")),
            (Some(5), Some("kind")),
            (Some(6), Some("countries"))
        ],
        "{errors:#?}"
    );
    assert!(errors.iter().all(|d| d.path.ends_with("many-problems.md")), "{errors:#?}");
    assert!(errors[1].message.contains("2019-02-30 does not exist"), "{errors:#?}");
    assert!(errors[2].message.contains("rumour"), "{errors:#?}");
    assert!(errors[3].message.contains("unknown country «atlantis»"), "{errors:#?}");
    let orphans: Vec<_> = ds.iter().filter(|d| d.message.contains("mongolia")).collect();
    assert!(orphans.is_empty(), "false orphan warning: {orphans:#?}");
}

#[test]
fn all_problems_of_one_entity_file_are_reported_together() {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "content/events/bad.md",
        "---\nname: { ru: Плохое }\ndate: 2019-13\nnumber: first\nplaec: tashkent\n\
         countries: [mars]\n---\n",
    );
    let ds = checked(&f);
    let errors = errors(&ds);
    let got: Vec<(Option<usize>, Option<&str>)> =
        errors.iter().map(|d| (d.line, d.field.as_deref())).collect();
    assert_eq!(
        got,
        [
            (Some(3), Some("date")),
            (Some(4), Some("number")),
            (Some(5), Some("plaec")),
            (Some(6), Some("countries"))
        ],
        "{errors:#?}"
    );
}

#[test]
fn a_broken_entity_file_does_not_make_references_to_it_unknown() {
    let f = Fixture::new(&["minimal"]);
    // Kazakhstan is named by documents, events and organizations of the fixture: one bad field
    // in its file is one error, not one «unknown country» per file that names it.
    f.write("content/countries/kazakhstan.md", "---\nname: { ru: Казахстан }\niso: [KZ]\n---\n");
    let ds = checked(&f);
    let errors = errors(&ds);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].path.to_str(), Some("content/countries/kazakhstan.md"), "{errors:#?}");
    assert_eq!((errors[0].line, errors[0].field.as_deref()), (Some(3), Some("iso")));
}

#[test]
fn deep_yaml_nesting_is_refused_promptly_naming_file_line_and_field() {
    let f = Fixture::new(&["minimal"]);
    let deep = |open: &str| open.repeat(100_000);
    f.write(
        "content/documents/2019/deep.md",
        &format!(
            "---\ntitle: x\nlang: ru\ndate: 2019\nkind: news\ncountries: {}\n---\n",
            deep("[")
        ),
    );
    f.write("content/places/deep.md", &format!("---\nname: {}\n---\n", deep("{a: ")));
    let started = std::time::Instant::now();
    let ds = checked(&f);
    let took = started.elapsed();
    let errors = errors(&ds);
    assert!(took.as_secs() < 30, "took {took:?}");
    let found: Vec<_> =
        errors.iter().map(|d| (d.path.to_str().unwrap(), d.line, d.field.as_deref())).collect();
    assert_eq!(
        found,
        [
            ("content/documents/2019/deep.md", Some(6), Some("countries")),
            ("content/places/deep.md", Some(2), Some("name")),
        ],
        "{errors:#?}"
    );
    assert!(errors.iter().all(|d| d.message.contains("nested more than 64 levels")), "{errors:#?}");
}

#[test]
fn homoglyph_ids_get_an_error_showing_the_difference() {
    let f = Fixture::new(&["minimal"]);
    // The «а» of «kazakhstаn» and the «о» of «mоngolia» are Cyrillic.
    f.write(
        "content/documents/2019/homoglyph.md",
        "---\ntitle: x\nlang: ru\ndate: 2019\nkind: news\ncountries: [kazakhstаn]\n---\n",
    );
    f.write("content/countries/mоngolia.md", "---\nname: { ru: Монголия }\n---\n");
    let ds = checked(&f);
    let text: Vec<String> = errors(&ds).iter().map(|d| d.to_string()).collect();
    let text = text.join("\n");
    for expected in [
        "homoglyph.md:6: countries: unknown country «kazakhstаn» (no file content/countries/kazakhstаn.md): \
         letter 9 «а» is Cyrillic U+0430, not Latin «a» — did you mean «kazakhstan»?",
        "mоngolia.md: the file name «mоngolia» is not a valid id: letter 2 «о» is Cyrillic U+043E, \
         not Latin «o» — did you mean «mongolia»?",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in:\n{text}");
    }
}

#[test]
fn non_utf8_file_names_get_a_message_that_says_so() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let f = Fixture::new(&["minimal"]);
    let doc = "---\ntitle: x\nlang: ru\ndate: 2019\nkind: news\n---\n";
    let docs = f.root().join("content/documents/2019");
    std::fs::write(docs.join(OsStr::from_bytes(b"kaz\xffstan.md")), doc).unwrap();
    let folder = f.root().join("content/documents").join(OsStr::from_bytes(b"20\xe219"));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("x.md"), doc).unwrap();
    let ds = checked(&f);
    let text: Vec<String> = errors(&ds).iter().map(|d| d.to_string()).collect();
    let text = text.join("\n");
    for expected in [
        "the file name «kaz\\xFFstan.md» is not valid UTF-8",
        "the folder name «20\\xE219» is not valid UTF-8",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in:\n{text}");
    }
    assert_eq!(errors(&ds).len(), 2, "{text}");
}
