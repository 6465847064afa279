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

/// Builds the minimal fixture with extra files written into it, expecting failure, and returns
/// the error text (every diagnostic).
fn errors_with(files: &[(&str, &[u8])]) -> String {
    let f = Fixture::new(&["minimal"]);
    for (rel, bytes) in files {
        let p = f.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let e = f.build("https://example.org/").expect_err("the build must fail");
    assert!(!f.out().exists(), "nothing is published");
    e.to_string()
}

#[test]
fn every_kind_of_broken_file_is_reported_in_one_run() {
    let text = errors_with(&[
        ("content/documents/2019/malformed.md", b"---\ntitle: [unclosed\nlang: ru\n---\n"),
        ("content/documents/2019/no-front-matter.md", b"Just text, no front matter.\n"),
        ("content/documents/2019/unterminated.md", b"---\ntitle: x\nlang: ru\n"),
        (
            "content/documents/2019/wrong-type.md",
            b"---\ntitle: x\nlang: ru\ndate: 2019\nkind: news\ncountries: 5\n---\n",
        ),
        (
            "content/documents/2019/bad-kind.md",
            b"---\ntitle: x\nlang: ru\ndate: 2019\nkind: rumour\n---\n",
        ),
        ("content/documents/2019/empty.md", b""),
        ("content/documents/2019/not-utf8.md", b"---\ntitle: \xff\xfe bad\n---\n"),
        (
            "content/documents/2019/Bad_Name.md",
            b"---\ntitle: x\nlang: ru\ndate: 2019\nkind: news\n---\n",
        ),
        ("content/countries/sub/kazakhstan.md", b"---\nname: {ru: Dup}\n---\n"),
    ]);
    for expected in [
        "content/documents/2019/malformed.md:2:",
        "content/documents/2019/no-front-matter.md:1: the file must start with a front matter block",
        "content/documents/2019/unterminated.md:1: the front matter block opened on line 1 is never closed",
        "content/documents/2019/wrong-type.md:6: countries: invalid type",
        "content/documents/2019/bad-kind.md:5: kind: unknown variant `rumour`",
        "content/documents/2019/empty.md:1: the file must start with a front matter block",
        "content/documents/2019/not-utf8.md:2: is not valid UTF-8",
        "content/documents/2019/Bad_Name.md: the file name «Bad_Name» is not a valid id",
        "duplicate country id «kazakhstan»",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in:\n{text}");
    }
}

#[test]
fn place_coordinates_off_the_globe_are_errors_naming_file_line_and_field() {
    let place = |coords: &str| {
        format!(
            "---\nname: {{ru: Точка, kk: Нүкте, en: Point}}\naliases: []\ncountry: kazakhstan\nkind: city\n{coords}\nreview: []\n---\n"
        )
    };
    let north = place("coordinates: {lat: 95.5, lon: 69.2}");
    let east = place("coordinates: {lat: 41.3, lon: 269.2}");
    let typo = place("coordinates: {lat: 41.3, lng: 69.2}");
    let text = errors_with(&[
        ("content/places/north.md", north.as_bytes()),
        ("content/places/east.md", east.as_bytes()),
        ("content/places/typo.md", typo.as_bytes()),
    ]);
    for expected in [
        "content/places/north.md:6: coordinates: lat 95.5 is outside −90…90",
        "content/places/east.md:6: coordinates: lon 269.2 is outside −180…180",
        "content/places/typo.md:6: coordinates: unknown field `lng`",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in:\n{text}");
    }
}

#[test]
fn bom_and_crlf_files_build() {
    let f = Fixture::new(&["minimal"]);
    f.write("content/documents/2019/crlf.md", "\u{feff}---\r\ntitle: Windows\r\nlang: ru\r\ndate: 2019-05-01\r\nkind: news\r\n---\r\nТекст\r\n");
    f.build("https://example.org/").unwrap();
    assert!(
        read(&f.out(), "ru/documents/2019/crlf/index.html")
            .contains("<h1 id=\"doc-title\" lang=\"ru\">Windows</h1>")
    );
}

#[test]
fn a_huge_file_is_refused_without_being_read() {
    let f = Fixture::new(&["minimal"]);
    let big = f.root().join("content/documents/2019/huge.md");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let text = f.build("https://example.org/").unwrap_err().to_string();
    assert!(
        text.contains("content/documents/2019/huge.md: is 52 MB, over the 8 MB limit"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_under_content_is_not_followed() {
    let f = Fixture::new(&["minimal"]);
    std::os::unix::fs::symlink("..", f.root().join("content/documents/loop")).unwrap();
    let report = f.build("https://example.org/").unwrap();
    assert!(
        report.diagnostics.iter().any(|d| d.message.contains("symbolic link")),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn ids_cannot_leave_the_output_folder() {
    let text = errors_with(&[
        ("content/documents/2019/..md", b"---\ntitle: x\nlang: ru\ndate: 2019\nkind: news\n---\n"),
        ("content/documents/2019/%2e%2e.md", b"---\ntitle: x\nlang: ru\ndate: 2019\nkind: news\n---\n"),
        (
            "content/documents/2019/escape.md",
            b"---\ntitle: x\nlang: ru\ndate: 2019\nkind: news\ncountries: [../../etc]\nimported_from: ../../etc/passwd\n---\n",
        ),
    ]);
    assert!(text.contains("the file name «.» is not a valid id"), "{text}");
    assert!(text.contains("the file name «%2e%2e» is not a valid id"), "{text}");
    assert!(text.contains("escape.md:6: countries: unknown country «../../etc»"), "{text}");
    assert!(
        text.contains(
            "escape.md:7: imported_from: «../../etc/passwd» must be a file under sources/"
        ),
        "{text}"
    );
}

#[test]
fn script_in_titles_names_and_bodies_is_inert() {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "content/documents/2019/hostile.md",
        "---\ntitle: \"</title><script>alert(1)</script>\"\nlang: ru\ndate: 2019\nkind: news\ncountries: [evil]\nsource: {name: \"\\\" onmouseover=\\\"alert(2)\", url: \"javascript:alert(3)\"}\n---\nТекст <script>alert(4)</script><img src=x onerror=alert(5)>\n",
    );
    f.write("content/countries/evil.md", "---\nname: {ru: \"<img src=x onerror=alert(6)>\", kk: \"<b>\"}\n---\n<script>alert(7)</script>\n");
    let e = f.build("https://example.org/").unwrap_err().to_string();
    assert!(e.contains("hostile.md:7: source: «javascript:alert(3)» is not a web address"), "{e}");
    let path = f.root().join("content/documents/2019/hostile.md");
    let fixed = std::fs::read_to_string(&path)
        .unwrap()
        .replace("javascript:alert(3)", "https://example.org/");
    std::fs::write(&path, fixed).unwrap();
    f.build("https://example.org/").unwrap();
    for page in [
        "ru/documents/2019/hostile/index.html",
        "ru/countries/evil/index.html",
        "ru/countries/index.html",
        "ru/index.html",
    ] {
        let html = read(&f.out(), page);
        for bad in ["<script>alert", "<img src=x", "\" onmouseover=\"", "href=\"javascript:"] {
            assert!(!html.contains(bad), "{page} contains «{bad}»");
        }
    }
}

#[test]
fn hostile_titles_stay_data_in_the_search_index() {
    let f = Fixture::new(&["minimal"]);
    let title = "</script><script>alert(1)</script> \"quoted\" & <b>bold</b>";
    f.write(
        "content/documents/2019/hostile-search.md",
        &format!("---\ntitle: {}\nlang: ru\ndate: 2019\nkind: news\n---\nКазахстан <script>alert(2)</script>\n", serde_json::to_string(title).unwrap()),
    );
    f.build("https://example.org/").unwrap();
    let mut found = false;
    for entry in walkdir::WalkDir::new(f.out().join("search")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "json") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not JSON: {e}", entry.path().display()));
            found |= has_string(&value, title);
        }
    }
    assert!(found, "the title is in the index as a JSON string, exactly as written");
    let js = read(&f.out(), "assets/search.js");
    assert!(!js.contains("innerHTML"), "results are built with text nodes, never parsed as HTML");
}

/// Whether a JSON value holds `s` as (part of) one of its strings.
fn has_string(v: &serde_json::Value, s: &str) -> bool {
    match v {
        serde_json::Value::String(t) => t.contains(s),
        serde_json::Value::Array(a) => a.iter().any(|x| has_string(x, s)),
        serde_json::Value::Object(o) => o.values().any(|x| has_string(x, s)),
        _ => false,
    }
}
