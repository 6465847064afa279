//! What a content file that failed to load still tells later phases.
//!
//! A file with a bad field is reported and left out of the [`Corpus`](super::Corpus), but it
//! still exists and still names other entities. Resolve uses this so that one mistake adds no
//! false ones: an id whose file is broken is not «unknown» to the files naming it, the references
//! of a broken file's valid fields are checked like any other, and an entity named only by a
//! broken file is not an orphan.

use std::path::PathBuf;

use serde_yaml::Value;

use super::EntityKind;
use super::front_matter::FieldLines;

/// A content file that exists but could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// The kind of entity it defines, or `None` for a document.
    pub kind: Option<EntityKind>,
    /// Its id, when its file name is a valid one.
    pub id: Option<String>,
    /// The references made by its fields that could be read.
    pub refs: Vec<Reference>,
}

/// One id a file names in one of its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The top-level field naming it.
    pub field: &'static str,
    /// The kind of entity named.
    pub kind: EntityKind,
    /// The id named.
    pub id: String,
    /// The file line of the field.
    pub line: Option<usize>,
}

/// The references in `front` (the valid part of a front matter block) of a file defining an
/// entity of `kind` (`None`: a document): the same fields `graph::refs` checks in a loaded file.
pub fn references(kind: Option<EntityKind>, front: &Value, lines: &FieldLines) -> Vec<Reference> {
    // A document names entities in its event and lists, one field per kind.
    let of_document = EntityKind::ALL.map(|k| (k.field(), None, k));
    let fields = match kind {
        None => &of_document[..],
        Some(k) => k.ref_fields(),
    };
    let mut out = Vec::new();
    for &(field, key, named) in fields {
        let Some(value) = front.get(field) else { continue };
        let items: Vec<&Value> = match value {
            Value::Sequence(s) => s.iter().collect(),
            v => vec![v],
        };
        for item in items {
            let id = match key {
                Some(k) => item.get(k),
                None => Some(item),
            };
            // Any text, as a loaded file's: a malformed id is then «unknown», with its hint.
            if let Some(id) = id.and_then(Value::as_str) {
                let line = lines.get(field);
                out.push(Reference { field, kind: named, id: id.to_string(), line });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::field_lines;

    #[test]
    fn references_of_documents_and_entities() {
        let yaml = "countries: [kazakhstan, 5, \"Bad Id\"]\nevent: sco-1\ntitle: x\n";
        let front: Value = serde_yaml::from_str(yaml).unwrap();
        let refs = references(None, &front, &field_lines(yaml, 2));
        let got: Vec<_> = refs.iter().map(|r| (r.field, r.kind, r.id.as_str(), r.line)).collect();
        assert_eq!(
            got,
            [
                ("event", EntityKind::Event, "sco-1", Some(3)),
                ("countries", EntityKind::Country, "kazakhstan", Some(2)),
                ("countries", EntityKind::Country, "Bad Id", Some(2)),
            ]
        );
        let yaml = "roles:\n  - { title: { ru: x }, country: kazakhstan, organization: sco }\n";
        let front: Value = serde_yaml::from_str(yaml).unwrap();
        let refs = references(Some(EntityKind::Person), &front, &field_lines(yaml, 2));
        let ids: Vec<_> = refs.iter().map(|r| (r.kind, r.id.as_str())).collect();
        assert_eq!(ids, [(EntityKind::Country, "kazakhstan"), (EntityKind::Organization, "sco")]);
    }
}
