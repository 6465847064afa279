//! The shipped archive (the repository's own content/) builds, and every internal link resolves
//! in both languages at the domain root and under a GitHub Pages sub-path.

use crate::common::*;

#[test]
fn shipped_archive_links_resolve_at_root_and_under_a_sub_path() {
    for (base_url, base_path) in
        [("https://example.org/", "/"), ("https://user.github.io/archive/", "/archive/")]
    {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let report = build_into(&repo(), &out, base_url).unwrap();
        assert!(report.pages > 300, "{} pages", report.pages);
        let broken = broken_links(&out, base_path);
        assert!(broken.is_empty(), "{base_url}: {broken:#?}");
    }
}

#[test]
fn shipped_archive_has_the_five_seed_documents_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_into(&repo(), &out, "https://example.org/").unwrap();
    for lang in ["ru", "kk"] {
        let docs = read(&out, &format!("{lang}/documents/index.html"));
        assert_eq!(docs.matches("class=\"doc-item\"").count(), 5, "{lang}");
    }
    let event = read(&out, "ru/events/2019-11-02-sco-heads-of-government-tashkent/index.html");
    assert!(event.contains("/ru/documents/2019/chto-predlozhil-askar-mamin-na-vstreche-shos/"));
    assert!(event.contains("/ru/countries/kazakhstan/"));
    assert!(event.contains("rel=\"next\""), "the 23rd session follows the 18th");
    let kz = read(&out, "kk/countries/kazakhstan/index.html");
    assert!(kz.contains("<h1>Қазақстан</h1>"));
    for f in ["000_756e48c606c209d7.txt", "003_33243b3c64c0cfb8.txt"] {
        assert!(out.join("sources").join(f).is_file(), "{f}");
    }
}
