//! Documents: `content/documents/<year>/<slug>.md`, one source text each, in its own language.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::entity::EntityKind;

/// What sort of text a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A news report.
    News,
    /// An official decision of a body.
    Decision,
    /// A report (of a secretariat, a commission …).
    Report,
    /// A statement, declaration or communiqué.
    Statement,
    /// An agreement, treaty or memorandum.
    Agreement,
    /// An interview.
    Interview,
    /// Anything else.
    Other,
}

impl Kind {
    /// All kinds, in display order.
    pub const ALL: [Kind; 7] = [
        Kind::News,
        Kind::Decision,
        Kind::Report,
        Kind::Statement,
        Kind::Agreement,
        Kind::Interview,
        Kind::Other,
    ];

    /// The lowercase name used in front matter and in UI string keys (`kind_news`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Decision => "decision",
            Kind::Report => "report",
            Kind::Statement => "statement",
            Kind::Agreement => "agreement",
            Kind::Interview => "interview",
            Kind::Other => "other",
        }
    }
}

/// Where a document was published.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Publisher or site name.
    pub name: String,
    /// Original URL, when known.
    #[serde(default)]
    pub url: Option<String>,
}

/// The front matter of a document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// Title in the document's language.
    pub title: String,
    /// Language of the text (one of the site's languages).
    pub lang: String,
    /// Date of the text, as precise as known; absent when unknown. Written as an EDTF level-1
    /// value (`2023?`, `2019/2020`, see [`super::Edtf`]), it holds the date the document files
    /// and sorts under ([`super::Edtf::anchor`]); the value itself is [`Document::edtf`].
    #[serde(default, deserialize_with = "super::edtf::anchor_of")]
    pub date: Option<PartialDate>,
    /// What sort of text it is.
    pub kind: Kind,
    /// Publisher and original URL.
    #[serde(default)]
    pub source: Option<Source>,
    /// Credit lines kept as provenance (photo credits and the like).
    #[serde(default)]
    pub credits: Vec<String>,
    /// The event the text is about.
    #[serde(default)]
    pub event: Option<String>,
    /// What makes a decision, an agreement or a statement an act: its number, body, signatories,
    /// status, participation and relations (see [`super::Act`]).
    #[serde(default)]
    pub act: Option<super::Act>,
    /// Countries the text names.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Organizations (and their bodies) the text names.
    #[serde(default)]
    pub organizations: Vec<String>,
    /// People the text names.
    #[serde(default)]
    pub people: Vec<String>,
    /// Places the text names.
    #[serde(default)]
    pub places: Vec<String>,
    /// Slugs of the same text in other languages.
    #[serde(default)]
    pub translations: Vec<String>,
    /// Fields still to be checked by a person: `field` or `field: note`.
    #[serde(default)]
    pub review: Vec<String>,
    /// The raw file under `sources/` the document was imported from.
    #[serde(default)]
    pub imported_from: Option<String>,
    /// Where the imported text came from, which a later version of it shares: the page's
    /// canonical URL, or the file's name as imported (`archive import` matches it on re-import).
    #[serde(default)]
    pub origin: Option<String>,
}

impl DocumentMeta {
    /// The ids of `kind` the document names, as written: its event (none or one) or one of its
    /// lists.
    pub fn ids(&self, kind: EntityKind) -> &[String] {
        match kind {
            EntityKind::Event => self.event.as_slice(),
            EntityKind::Country => &self.countries,
            EntityKind::Organization => &self.organizations,
            EntityKind::Person => &self.people,
            EntityKind::Place => &self.places,
        }
    }

    /// Every entity the document names, as (kind, id): kinds in [`EntityKind::ALL`] order (the
    /// event, then countries, organizations, people and places), each list in its written order,
    /// repeats kept.
    pub fn refs(&self) -> impl Iterator<Item = (EntityKind, &String)> {
        EntityKind::ALL.into_iter().flat_map(move |k| self.ids(k).iter().map(move |id| (k, id)))
    }
}

/// A loaded document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The slug (file stem), unique across the archive.
    pub id: String,
    /// The year folder it lives in: the date's year, or `undated`.
    pub folder: String,
    /// Path relative to the site root, for messages.
    pub path: PathBuf,
    /// Front matter.
    pub meta: DocumentMeta,
    /// Markdown body (see [`Body`]).
    pub body: Body,
    /// File line of each top-level front matter field.
    pub field_lines: super::front_matter::FieldLines,
    /// The date as written when it is more than a plain date (a qualifier, `X`, an interval);
    /// `None` for a plain date or none.
    pub edtf: Option<super::Edtf>,
    /// The date of the document's event, when the document has none of its own: it sorts,
    /// groups and shows under it, marked as derived. Set when the graph is built; never
    /// written to the file.
    pub event_date: Option<PartialDate>,
}

/// A document's Markdown body. Loading reads every file once for its front matter and keeps
/// only the path: the text is read again when the document is rendered, so an archive's texts
/// are never all in memory at once (at 100,000 documents they are ~600 MB). A document made in
/// memory (tests, the importer's checks) holds its text.
#[derive(Debug, Clone)]
pub enum Body {
    /// The text itself.
    Text(String),
    /// The document's file, whose text after the front matter is the body.
    File(PathBuf),
}

impl Document {
    /// The date the document sorts and groups under: its own, or its event's.
    pub fn filed_date(&self) -> Option<PartialDate> {
        self.meta.date.or(self.event_date)
    }

    /// The Markdown body: read from the document's file again unless held in memory.
    pub fn body(&self) -> crate::error::Result<std::borrow::Cow<'_, str>> {
        Ok(self.body_at()?.0)
    }

    /// The Markdown body and the file line it starts on (1 for a text held in memory), so a
    /// problem found in the text can name its line in the file.
    pub fn body_at(&self) -> crate::error::Result<(std::borrow::Cow<'_, str>, usize)> {
        use crate::error::Context;
        match &self.body {
            Body::Text(t) => Ok((std::borrow::Cow::Borrowed(t), 1)),
            Body::File(file) => {
                let bytes = std::fs::read(file)
                    .with_context(|| format!("reading {} again", self.path.display()))?;
                let changed = |why: String| {
                    crate::error::anyhow!("{}: changed while building: {why}", self.path.display())
                };
                let text = crate::text::utf8(&bytes).map_err(|e| changed(e.to_string()))?;
                let split = super::front_matter::split(text).map_err(|e| changed(e.message))?;
                Ok((std::borrow::Cow::Owned(split.body.to_string()), split.body_line))
            }
        }
    }

    /// The file line of `field`, when the front matter has it.
    pub fn line_of(&self, field: &str) -> Option<usize> {
        self.field_lines.get(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_list_the_event_then_each_list_in_written_order() {
        let m: DocumentMeta = serde_yaml::from_str(
            "{title: t, lang: ru, kind: news, event: sco-1, places: [astana], \
             countries: [china, kazakhstan, china], people: [tokayev]}",
        )
        .unwrap();
        let got: Vec<(EntityKind, &str)> = m.refs().map(|(k, id)| (k, id.as_str())).collect();
        assert_eq!(
            got,
            [
                (EntityKind::Event, "sco-1"),
                (EntityKind::Country, "china"),
                (EntityKind::Country, "kazakhstan"),
                (EntityKind::Country, "china"),
                (EntityKind::Person, "tokayev"),
                (EntityKind::Place, "astana"),
            ]
        );
        assert_eq!(m.ids(EntityKind::Organization), [] as [String; 0]);
    }
}
