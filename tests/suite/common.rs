//! The fixture harness: copy fixture folders into a temporary site, build it with the library,
//! and read or link-check the output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use archive::{BuildOptions, BuildReport};
use tempfile::TempDir;

/// `archive check`'s text report and exit code for the site at `root`, with `extra` arguments.
pub fn check_site(root: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_archive"))
        .arg("check")
        .args(extra)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).to_string())
}

/// The repository root (the shipped archive lives here).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary site made of fixture folders copied over each other, in order.
pub struct Fixture {
    pub tmp: TempDir,
}

impl Fixture {
    pub fn new(layers: &[&str]) -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        for layer in layers {
            copy_dir(&repo().join("tests/fixtures").join(layer), &tmp.path().join("site"));
        }
        Fixture { tmp }
    }

    pub fn root(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    pub fn out(&self) -> PathBuf {
        self.tmp.path().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn build(&self, base_url: &str) -> anyhow::Result<BuildReport> {
        build_into(&self.root(), &self.out(), base_url)
    }
}

pub fn build_into(root: &Path, out: &Path, base_url: &str) -> anyhow::Result<BuildReport> {
    let opts =
        BuildOptions { output: Some(out.to_path_buf()), base_url: Some(base_url.to_string()) };
    archive::build(root, &opts)
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Reads an output page.
pub fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every internal link of the built site at `out` that does not resolve (or whose `#fragment`
/// is missing), checked by the same code as `archive check`.
pub fn broken_links(out: &Path, base_path: &str) -> Vec<String> {
    let files: Vec<archive::output::Output> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| archive::output::Output {
            path: e.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/"),
            bytes: std::fs::read(e.path()).unwrap(),
        })
        .collect();
    archive::check::broken_links(&files, base_path)
        .iter()
        .map(|d| format!("{}: {}", d.path.display(), d.message))
        .collect()
}

/// Hashes of every output file, for determinism checks.
pub fn snapshot(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(out).unwrap().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// True and false positives and false negatives of a set-valued field, for the importer's
/// accuracy scores.
#[derive(Default, Debug, Clone, Copy)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn p(&self) -> f64 {
        if self.tp + self.fp == 0 { 1.0 } else { self.tp as f64 / (self.tp + self.fp) as f64 }
    }
    pub fn r(&self) -> f64 {
        if self.tp + self.fn_ == 0 { 1.0 } else { self.tp as f64 / (self.tp + self.fn_) as f64 }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}
