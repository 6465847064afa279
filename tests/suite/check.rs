//! `archive check`: errors and warnings of the content, broken links, exit codes, JSON.

use std::process::Command;

use crate::common::*;

fn check(root: &std::path::Path, extra: &[&str]) -> (Option<i32>, String) {
    check_site(root, extra)
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

#[test]
fn text_report_lists_errors_first_then_warnings_grouped_by_kind() {
    let f = Fixture::new(&["minimal", "invalid"]);
    let (code, text) = check(&f.root(), &["--format", "text"]);
    assert_eq!(code, Some(2), "{text}");
    let first_warning = text.find("warning:").expect("warnings are listed");
    let last_error = text.rfind("error: ").expect("errors are listed");
    assert!(last_error < first_warning, "an error after a warning:\n{text}");
    // Each group is headed by its count and kind, the largest group first.
    let heads: Vec<(usize, &str)> = text
        .lines()
        .filter_map(|l| l.split_once(" warning(s): "))
        .map(|(n, kind)| (n.parse().unwrap(), kind))
        .collect();
    assert!(heads.iter().any(|(_, k)| *k == "missing description"), "{text}");
    assert!(heads.windows(2).all(|w| w[0].0 >= w[1].0), "groups not by size: {heads:?}");
    let total: usize = heads.iter().map(|(n, _)| n).sum();
    assert!(text.contains(&format!(", {total} warning(s)")), "{text}");
}

#[test]
fn only_errors_hides_warnings_and_table_is_another_name_for_text() {
    let f = Fixture::new(&["minimal"]);
    let (code, text) = check(&f.root(), &["--only", "errors", "--strict", "--format", "table"]);
    assert_eq!(code, Some(0), "no errors, and the hidden warnings do not count:\n{text}");
    assert!(!text.contains("warning:"), "{text}");
    assert!(text.contains("0 error(s), 0 warning(s)"), "{text}");
}

#[test]
fn only_new_shows_problems_of_files_changed_since_a_commit() {
    let f = Fixture::new(&["minimal"]);
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .arg("-C")
            .arg(f.root())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "fixture"]);
    let (code, text) = check(&f.root(), &["--only", "new"]);
    assert_eq!(code, Some(0));
    assert!(text.contains("0 error(s), 0 warning(s)"), "nothing changed yet:\n{text}");
    // A curator edits one country (its description goes) and adds a file git does not know.
    f.write("content/countries/china.md", "---\nname: { ru: Китай, kk: Қытай, en: China }\n---\n");
    f.write(
        "content/places/nowhere.md",
        "---\nname: { ru: Нигде, kk: Еш жерде, en: Nowhere }\n---\n",
    );
    let (_, text) = check(&f.root(), &["--only", "new"]);
    assert!(text.contains("content/countries/china.md: no description"), "{text}");
    assert!(text.contains("content/places/nowhere.md"), "{text}");
    assert!(!text.contains("vstrecha-bez-daty"), "an unchanged file's warning:\n{text}");
}
