//! The command line as scripts and CI use it: exit codes, JSON report, error output.

use std::process::Command;

use crate::common::*;

fn archive() -> Command {
    Command::new(env!("CARGO_BIN_EXE_archive"))
}

#[test]
fn import_report_json_has_one_record_per_input() {
    let f = Fixture::new(&["minimal"]);
    let input = repo().join("sources/002_9c5f9f07f4709273.txt");
    let out = archive()
        .args(["import", "--report", "json", "--root"])
        .arg(f.root())
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rec = &v["records"][0];
    assert_eq!(rec["action"], "created");
    assert_eq!(rec["meta"]["lang"], "kk");
    assert!(rec["output"].as_str().unwrap().starts_with("content/documents/undated/"));
    assert!(
        rec["meta"]["review"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().starts_with("date:"))
    );
    assert!(rec["candidates"].is_array());
}

#[test]
fn import_dry_run_writes_nothing_and_create_entities_marks_review() {
    let f = Fixture::new(&["minimal"]);
    let text =
        "Министр торговли Казахстана Арман Шаккалиев встретился с послом Китая Чжаном Ханьхуэем.\n";
    f.write("in/a.txt", text);
    let dry = archive()
        .args(["import", "--dry-run", "--root"])
        .arg(f.root())
        .arg(f.root().join("in"))
        .output()
        .unwrap();
    assert!(dry.status.success());
    let said = String::from_utf8_lossy(&dry.stdout);
    assert!(
        said.contains("would import 1 (1 new")
            && said.contains("dry run: nothing would be written"),
        "{said}"
    );
    assert!(!f.root().join("sources/a.txt").exists());
    let run = archive()
        .args(["import", "--create-entities", "--root"])
        .arg(f.root())
        .arg(f.root().join("in"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let person =
        std::fs::read_to_string(f.root().join("content/people/arman-shakkaliev.md")).unwrap();
    assert!(person.contains("review:"), "{person}");
    assert!(f.root().join("sources/a.txt").is_file(), "the raw input is kept as provenance");
    // The site still builds with the new files.
    f.build("https://example.org/").unwrap();
}

#[test]
fn import_names_a_near_duplicate_in_the_table_and_the_dry_run() {
    let f = Fixture::new(&["minimal"]);
    let dups = repo().join("tests/fixtures/import-dups");
    let first = archive()
        .args(["import", "--root"])
        .arg(f.root())
        .arg(dups.join("kazpravda-sco-plus.txt"))
        .output()
        .unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    for (dry, verb) in [(true, "would import"), (false, "imported")] {
        let mut cmd = archive();
        cmd.arg("import");
        if dry {
            cmd.arg("--dry-run");
        }
        let out =
            cmd.arg("--root").arg(f.root()).arg(dups.join("baq-sco-plus.txt")).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            said.contains(&format!("{verb} {}", dups.join("baq-sco-plus.txt").display()))
                && said.contains("— near-duplicate of content/documents/")
                && said.contains("1 of them near-duplicates of a document"),
            "{said}"
        );
    }
}

#[test]
fn build_with_bad_input_exits_2_and_lists_every_error() {
    let f = Fixture::new(&["minimal", "invalid"]);
    let out = archive().args(["build", "--root"]).arg(f.root()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("content/documents/2019/bad-refs.md:7: countries: unknown country «atlantis»"),
        "{err}"
    );
    assert!(err.contains("5 error(s) in the input; nothing was published"), "{err}");
}

#[test]
fn build_timings_list_phases_their_tasks_and_peak_memory() {
    let f = Fixture::new(&["minimal"]);
    let out = archive().args(["build", "--timings", "--root"]).arg(f.root()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let names: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.trim().trim_start_matches("· ").split("  ").next())
        .collect();
    for phase in ["load", "resolve", "pages", "search index and feeds", "publish"] {
        assert!(names.contains(&phase), "{phase} missing:\n{text}");
    }
    for task in ["render documents", "render pages", "search index", "feeds", "export"] {
        assert!(text.contains(&format!("· {task} ")), "{task} is not listed as a task:\n{text}");
    }
    if cfg!(target_os = "linux") {
        assert!(text.contains("peak memory"), "{text}");
    }
}

#[test]
fn usage_errors_exit_64_apart_from_content_errors() {
    let out = archive().args(["check", "--format", "yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(64), "{}", String::from_utf8_lossy(&out.stderr));
    let out = archive().args(["bulid"]).output().unwrap();
    assert_eq!(out.status.code(), Some(64));
    let help = archive().arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
}

#[test]
fn build_under_a_sub_path_says_how_to_look_at_it_locally() {
    let f = Fixture::new(&["minimal"]);
    let out = archive()
        .args(["build", "--base-url", "https://user.github.io/archive/", "--root"])
        .arg(f.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("links start with /archive/") && text.contains("archive serve"),
        "{text}"
    );
    let at_root = archive().args(["build", "--root"]).arg(f.root()).output().unwrap();
    assert!(!String::from_utf8_lossy(&at_root.stdout).contains("archive serve"));
}
