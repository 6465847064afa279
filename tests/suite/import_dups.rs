//! The near-duplicate check measured on real pages (issue 13, item 8).
//!
//! `tests/fixtures/import-dups/` holds real copies of one article (two sites, or one page saved
//! twice with different chrome) and real different articles about the same event, the same day
//! (see the README there). Every pair of its files and of the 48 pages of
//! `tests/fixtures/import-eval/` is analysed as `archive import` analyses a text (chrome set
//! aside, title and body found) and compared with the importer's own measure: pairs of one
//! article must reach the threshold, all other pairs must stay under it. The distribution is
//! printed (`-- --nocapture`), with the lowest duplicate and the highest other pair.

use std::collections::BTreeMap;
use std::path::Path;

use archive::config::Config;
use archive::import::analyse_raw;
use archive::import::dupes::{THRESHOLD, shingles, similarity};
use archive::import::mentions::EntityIndex;
use archive::import::read::{Meta, Raw};
use serde::Deserialize;

use crate::common::*;

#[derive(Deserialize)]
struct Pairs {
    article: Vec<Article>,
}

/// Files holding one article.
#[derive(Deserialize)]
struct Article {
    files: Vec<String>,
}

/// Every fixture file with the text the importer would compare (title and body as analysed).
fn analysed(dir: &Path, index: &EntityIndex) -> BTreeMap<String, Vec<u64>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let raw = Raw { text, meta: Meta::default(), encoding_note: None };
        let a = analyse_raw(&raw, index);
        let name = format!(
            "{}/{}",
            dir.file_name().unwrap().to_string_lossy(),
            path.file_name().unwrap().to_string_lossy()
        );
        out.insert(name, shingles(&format!("{}\n{}", a.meta.title, a.body)));
    }
    out
}

#[test]
fn real_copies_are_flagged_and_other_articles_are_not() {
    let root = repo();
    let config = Config::load(&root.join("site.toml")).unwrap();
    let (corpus, _) = archive::content::load(&root, &config).unwrap();
    let index = EntityIndex::new(&corpus);
    let fixtures = root.join("tests/fixtures");
    let mut texts = analysed(&fixtures.join("import-dups"), &index);
    let eval = analysed(&fixtures.join("import-eval"), &index);
    assert_eq!(eval.len(), 72, "the evaluation corpus changed");
    texts.extend(eval);
    let pairs: Pairs =
        toml::from_str(&std::fs::read_to_string(fixtures.join("import-dups/pairs.toml")).unwrap())
            .unwrap();
    let article_of: BTreeMap<String, usize> = pairs
        .article
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            // A page of the evaluation corpus is named with its folder.
            a.files.iter().map(move |f| {
                let name = if f.starts_with("import-eval/") {
                    f.clone()
                } else {
                    format!("import-dups/{f}")
                };
                (name, i)
            })
        })
        .collect();
    for f in article_of.keys() {
        assert!(texts.contains_key(f), "pairs.toml names {f}, which is not there");
    }
    let names: Vec<&String> = texts.keys().collect();
    let (mut positives, mut negatives) = (Vec::new(), Vec::new());
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            let s = similarity(&texts[*a], &texts[*b]);
            let same = article_of.get(*a).is_some_and(|x| article_of.get(*b) == Some(x));
            if same { &mut positives } else { &mut negatives }.push((s, *a, *b));
        }
    }
    positives.sort_by(|x, y| x.0.total_cmp(&y.0));
    negatives.sort_by(|x, y| y.0.total_cmp(&x.0));
    println!("duplicate pairs ({}), lowest first:", positives.len());
    for (s, a, b) in &positives {
        println!("  {s:.3}  {a}  {b}");
    }
    println!("other pairs ({}), highest ten:", negatives.len());
    for (s, a, b) in negatives.iter().take(10) {
        println!("  {s:.3}  {a}  {b}");
    }
    let min_pos = positives.first().map_or(1.0, |p| p.0);
    let max_neg = negatives.first().map_or(0.0, |p| p.0);
    println!("lowest duplicate {min_pos:.3}, highest other {max_neg:.3}, threshold {THRESHOLD}");
    assert!(positives.len() >= 6 && negatives.len() >= 10);
    let missed: Vec<_> = positives.iter().filter(|p| p.0 < THRESHOLD).collect();
    let wrong: Vec<_> = negatives.iter().filter(|p| p.0 >= THRESHOLD).collect();
    assert!(missed.is_empty(), "copies not flagged: {missed:?}");
    assert!(wrong.is_empty(), "different articles flagged: {wrong:?}");
}
