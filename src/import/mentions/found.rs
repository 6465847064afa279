//! What a search of one text yields: token-level hits, entity ids per kind, and candidates
//! for new entity files.

use std::collections::BTreeMap;

use crate::content::EntityKind;

/// A matched name in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Kind.
    pub kind: EntityKind,
    /// Entity id.
    pub id: String,
    /// First token index.
    pub start: usize,
    /// One past the last token index.
    pub end: usize,
}

/// A name that looks like a person or an organization but matches no entity file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    /// `person` or `organization`.
    pub kind: &'static str,
    /// The name as first written.
    pub name: String,
    /// Every form seen.
    pub forms: Vec<String>,
    /// How often it occurs.
    pub count: usize,
}

/// Everything found in one text.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Ids found per kind, in order of first mention.
    pub ids: BTreeMap<EntityKind, Vec<String>>,
    /// Candidates for new entity files.
    pub candidates: Vec<Candidate>,
    /// Token-level hits (for the fuzz target's checks).
    pub hits: Vec<Hit>,
}

impl Found {
    /// Ids of `kind`.
    pub(crate) fn of(&self, kind: EntityKind) -> &[String] {
        self.ids.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }
}
