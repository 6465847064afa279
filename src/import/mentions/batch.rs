//! The candidates of a whole import, merged: one entry per person or body however many
//! documents name it and in whatever form («Н.Назарбаев», «Нұрсұлтан Назарбаев»), with its
//! count and the documents, and checked against the entity files for a near duplicate (a known
//! person written a little differently) before `--create-entities` may write a file for it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::forms::{loose, near_name};
use super::found::Candidate;
use super::index::EntityIndex;
use crate::content::EntityKind;
use crate::text::fold;
use crate::text::stem::ru_stem;

/// A candidate of the whole batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchCandidate {
    /// `person` or `organization`.
    pub kind: &'static str,
    /// The name to propose: a full name rather than one with initials, then the most frequent.
    pub name: String,
    /// Every form seen, in any document.
    pub forms: Vec<String>,
    /// How often it occurs in all documents.
    pub count: usize,
    /// The documents (inputs) that name it.
    pub documents: Vec<String>,
    /// An entity file it may duplicate (a known name written a little differently): no file is
    /// created for it.
    pub near: Option<String>,
}

/// The words of a name, without the dots of initials.
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

/// What two forms of one name share: the kind, the first letter of the first name (an initial
/// or the whole name, read loosely) and the stem of the surname.
fn key(c: &Candidate) -> String {
    let w = words(&c.name);
    let first = w.first().and_then(|f| loose(f).chars().next()).unwrap_or(' ');
    let last = w.last().map(|l| ru_stem(&loose(l))).unwrap_or_default();
    format!("{}:{first}:{last}", c.kind)
}

/// Merges the candidates of every document (`(document, its candidates)`, in input order) and
/// marks each that nearly matches an entity file of `index`.
pub(crate) fn merge<'a>(
    index: &EntityIndex,
    docs: impl IntoIterator<Item = (&'a str, &'a [Candidate])>,
) -> Vec<BatchCandidate> {
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut out: Vec<BatchCandidate> = Vec::new();
    let mut seen: Vec<BTreeMap<String, usize>> = Vec::new();
    for (doc, cands) in docs {
        for c in cands {
            let n = *by_key.entry(key(c)).or_insert_with(|| {
                out.push(BatchCandidate {
                    kind: c.kind,
                    name: c.name.clone(),
                    forms: Vec::new(),
                    count: 0,
                    documents: Vec::new(),
                    near: None,
                });
                seen.push(BTreeMap::new());
                out.len() - 1
            });
            let b = &mut out[n];
            b.count += c.count;
            *seen[n].entry(c.name.clone()).or_default() += c.count;
            for f in std::iter::once(&c.name).chain(&c.forms) {
                if !b.forms.contains(f) {
                    b.forms.push(f.clone());
                }
            }
            if !b.documents.iter().any(|d| d == doc) {
                b.documents.push(doc.to_string());
            }
        }
    }
    for (b, names) in out.iter_mut().zip(&seen) {
        // A name with initials only when no full one was seen; then the most frequent.
        let full = |n: &str| !n.contains('.');
        if let Some((name, _)) =
            names.iter().max_by_key(|(n, count)| (full(n), **count, std::cmp::Reverse(n.len())))
        {
            b.name = name.clone();
        }
        b.near = near_entity(index, b);
    }
    out
}

/// The entity file a candidate may duplicate: a person whose surname is the candidate's, a
/// little differently spelt, with the same first letter of the first name; or any entity that
/// the candidate's name, read as a text, names in full.
fn near_entity(index: &EntityIndex, b: &BatchCandidate) -> Option<String> {
    let found = super::find(index, &b.name);
    let kind = if b.kind == "person" { EntityKind::Person } else { EntityKind::Organization };
    if let Some(id) = found.of(kind).first() {
        return Some(id.clone());
    }
    if b.kind != "person" {
        return None;
    }
    let w = words(&b.name);
    let (first, last) = (w.first()?, w.last()?);
    if w.len() < 2 {
        return None;
    }
    let initial = loose(first).chars().next();
    index
        .people
        .iter()
        .find(|(_, names)| {
            names.iter().any(|n| {
                let nw = words(n);
                nw.len() >= 2
                    && nw.first().and_then(|f| loose(f).chars().next()) == initial
                    && nw.last().is_some_and(|l| near_name(last, l))
            })
        })
        .map(|(id, _)| id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::mentions::test_corpus::corpus;

    fn cand(kind: &'static str, name: &str, count: usize) -> Candidate {
        Candidate { kind, name: name.to_string(), forms: vec![name.to_string()], count }
    }

    #[test]
    fn one_entry_per_person_across_documents() {
        let index = EntityIndex::new(&corpus());
        let a = [cand("person", "Н.Ержанов", 1), cand("person", "Нуржан Ержанов", 2)];
        let b = [cand("person", "Нуржан Ержанов", 1), cand("organization", "Евразийский банк", 1)];
        let merged = merge(&index, [("a.txt", &a[..]), ("b.txt", &b[..])]);
        let got: Vec<(&str, usize, Vec<&str>)> = merged
            .iter()
            .map(|m| (m.name.as_str(), m.count, m.documents.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            [("Нуржан Ержанов", 4, vec!["a.txt", "b.txt"]), ("Евразийский банк", 1, vec!["b.txt"])]
        );
        assert_eq!(merged[0].forms, ["Н.Ержанов", "Нуржан Ержанов"]);
    }

    #[test]
    fn a_known_person_spelt_differently_is_a_near_duplicate() {
        let index = EntityIndex::new(&corpus());
        let a = [cand("person", "Олжас Бектэнов", 1), cand("person", "Абдулла Арипов", 1)];
        let a2 = [cand("person", "Ержан Бектенов", 1)];
        let merged = merge(&index, [("a.txt", &a[..]), ("b.txt", &a2[..])]);
        let near: Vec<Option<&str>> = merged.iter().map(|m| m.near.as_deref()).collect();
        assert_eq!(near, [Some("bektenov"), Some("aripov"), None]);
    }
}
