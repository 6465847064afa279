//! The page of an act under its persistent identifier (`/<lang>/acts/<identifier>/`): its
//! language versions, and their texts side by side, aligned by section.
//!
//! Alignment: when every version has the same number of headings, each section (a heading and
//! what follows it, the preamble before the first heading included) faces its counterpart;
//! otherwise paragraphs face paragraphs in order, and the page says so. Texts are shown as plain
//! paragraphs: each version's own page has the formatted text, and two rendered texts on one
//! page would repeat heading and footnote ids.

use serde::Serialize;

use super::frame::{Built, built_page, page_frame};
use super::views::{Ctx, DocItem};
use crate::routes::Route;

#[derive(Serialize)]
struct Body {
    identifier: String,
    versions: Vec<DocItem>,
    /// The languages of the compared columns, in column order.
    columns: Vec<Column>,
    /// Aligned rows: one cell per column, each a list of blocks.
    rows: Vec<Vec<Vec<Block>>>,
    /// Whether the versions' headings differ, so paragraphs were aligned instead of sections.
    by_paragraph: bool,
}

#[derive(Serialize)]
struct Column {
    lang: String,
    label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Block {
    heading: bool,
    text: String,
}

/// Builds the page of act `id` (the route exists only for identifiers the graph knows).
pub(crate) fn build(cx: &Ctx, route: &Route, id: &str) -> Built {
    let g = cx.graph;
    // Versions in the order of the site's languages, then any other language.
    let mut docs: Vec<usize> = g.act_versions.get(id).cloned().unwrap_or_default();
    let rank = |i: &usize| {
        let lang = &g.doc(*i).meta.lang;
        cx.config.languages.iter().position(|l| l.as_str() == lang).unwrap_or(usize::MAX)
    };
    docs.sort_by_key(|i| (rank(i), *i));
    let texts: Vec<Vec<Block>> =
        docs.iter().map(|&i| g.doc(i).body().map(|b| blocks(&b)).unwrap_or_default()).collect();
    let (rows, by_paragraph) = if docs.len() > 1 { align(&texts) } else { (Vec::new(), false) };
    let columns = docs
        .iter()
        .map(|&i| {
            let lang = g.doc(i).meta.lang.clone();
            let label = cx.doc_item(i).lang_label;
            Column { lang, label }
        })
        .collect();
    let title = docs.first().map(|&i| g.doc(i).meta.title.clone()).unwrap_or_else(|| id.into());
    // The title in the UI language when a version is in it.
    let title = docs
        .iter()
        .find(|&&i| g.doc(i).meta.lang == cx.lang.as_str())
        .map(|&i| g.doc(i).meta.title.clone())
        .unwrap_or(title);
    let body = Body {
        identifier: id.to_string(),
        versions: docs.iter().map(|&i| cx.doc_item(i)).collect(),
        columns,
        rows,
        by_paragraph,
    };
    let p = page_frame(cx, route, route, title, String::new(), "documents", body);
    built_page("act.html", &p)
}

/// A Markdown text as plain blocks: its paragraphs and headings, in order.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut Vec<Block>| {
        let md = std::mem::take(para);
        let heading = md.trim_start().starts_with('#');
        let plain = crate::render::markdown::plain_text(&md);
        let words: Vec<&str> = plain.split_whitespace().collect();
        if !words.is_empty() {
            out.push(Block { heading, text: words.join(" ") });
        }
    };
    for line in markdown.lines() {
        let is_heading = line.trim_start().starts_with('#');
        if line.trim().is_empty() || is_heading {
            flush(&mut para, &mut out);
        }
        para.push_str(line);
        para.push('\n');
        if is_heading {
            flush(&mut para, &mut out);
        }
    }
    flush(&mut para, &mut out);
    out
}

/// The versions' blocks in aligned rows, and whether paragraphs (not sections) were aligned.
fn align(texts: &[Vec<Block>]) -> (Vec<Vec<Vec<Block>>>, bool) {
    let headings: Vec<usize> =
        texts.iter().map(|t| t.iter().filter(|b| b.heading).count()).collect();
    let by_section = headings[0] > 0 && headings.iter().all(|&h| h == headings[0]);
    let units: Vec<Vec<Vec<Block>>> = if by_section {
        texts.iter().map(|t| sections(t)).collect()
    } else {
        texts.iter().map(|t| t.iter().map(|b| vec![b.clone()]).collect()).collect()
    };
    let n = units.iter().map(Vec::len).max().unwrap_or(0);
    let rows = (0..n)
        .map(|r| units.iter().map(|u| u.get(r).cloned().unwrap_or_default()).collect())
        .collect();
    (rows, !by_section)
}

/// Blocks grouped into sections, each starting at a heading (the preamble before the first one
/// is a section of its own).
fn sections(blocks: &[Block]) -> Vec<Vec<Block>> {
    let mut out: Vec<Vec<Block>> = Vec::new();
    for b in blocks {
        if b.heading || out.is_empty() {
            out.push(Vec::new());
        }
        out.last_mut().expect("a section was just pushed").push(b.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(heading: bool, text: &str) -> Block {
        Block { heading, text: text.into() }
    }

    #[test]
    fn blocks_are_paragraphs_and_headings_as_plain_text() {
        let got = blocks("Преамбула **жирная**\nпродолжение\n\n## 1. Статья\nТекст статьи.\n\n\n");
        assert_eq!(
            got,
            [
                b(false, "Преамбула жирная продолжение"),
                b(true, "1. Статья"),
                b(false, "Текст статьи.")
            ]
        );
    }

    #[test]
    fn same_headings_align_sections_else_paragraphs() {
        let ru = blocks("Вступление.\n\n## Один\nА.\n\nБ.\n\n## Два\nВ.\n");
        let kk = blocks("Кіріспе.\n\n## Бір\nА.\n\n## Екі\nВ.\n\nГ.\n");
        let (rows, by_paragraph) = align(&[ru.clone(), kk]);
        assert!(!by_paragraph);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][0], [b(true, "Один"), b(false, "А."), b(false, "Б.")]);
        assert_eq!(rows[1][1], [b(true, "Бір"), b(false, "А.")]);
        assert_eq!(rows[2][1].len(), 3);
        let flat = blocks("Бірінші.\n\nЕкінші.\n");
        let (rows, by_paragraph) = align(&[ru, flat]);
        assert!(by_paragraph);
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[1][1], [b(false, "Екінші.")]);
        assert!(rows[2][1].is_empty());
    }
}
