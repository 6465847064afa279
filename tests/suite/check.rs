//! `archive check`: errors and warnings of the content, broken links, exit codes, JSON.

use std::process::Command;

use crate::common::*;

fn check(root: &std::path::Path, extra: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_archive"))
        .arg("check")
        .args(extra)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).to_string())
}

#[test]
fn clean_fixture_exits_0_and_strict_fails_on_warnings() {
    let f = Fixture::new(&["minimal"]);
    let (code, text) = check(&f.root(), &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains(
            "content/documents/undated/vstrecha-bez-daty.md:7: review: still under review: date"
        ),
        "{text}"
    );
    assert!(text.contains("content/countries/china.md: no description in ru, kk"), "{text}");
    assert!(text.contains("0 error(s)"));
    let (strict, _) = check(&f.root(), &["--strict"]);
    assert_eq!(strict, Some(1));
    assert!(!f.out().exists() && !f.root().join("public").exists(), "check publishes nothing");
}

#[test]
fn errors_exit_2_with_json_for_machines() {
    let f = Fixture::new(&["minimal", "invalid"]);
    let (code, text) = check(&f.root(), &["--format", "json"]);
    assert_eq!(code, Some(2));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["errors"], 5);
    let first =
        v["diagnostics"].as_array().unwrap().iter().find(|d| d["field"] == "countries").unwrap();
    assert_eq!(first["path"], "content/documents/2019/bad-refs.md");
    assert_eq!(first["line"], 7);
}

#[test]
fn broken_internal_links_and_anchors_in_content_are_errors() {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "content/documents/2019/links.md",
        "---\ntitle: Ссылки\nlang: ru\ndate: 2019\nkind: news\n---\n[есть](/ru/countries/china/) [нет](/ru/countries/atlantis/) [якорь](/ru/documents/2019/mamin-v-tashkente/#no-such-anchor)\n",
    );
    let (code, text) = check(&f.root(), &[]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("link /ru/countries/atlantis/ does not resolve"), "{text}");
    assert!(text.contains("no element with id «no-such-anchor»"), "{text}");
    assert!(!text.contains("/ru/countries/china/ does not resolve"));
}

#[test]
fn shipped_archive_is_clean() {
    let (code, text) = check(&repo(), &[]);
    assert_eq!(code, Some(0), "{text}");
}
