//! Resolve: the one place that knows about cross-references.
//!
//! [`resolve`] takes the parsed [`Corpus`], checks every reference (see [`refs`]), and builds the
//! [`Graph`]: documents in their display order (newest first) plus every back-link the pages
//! need — which documents name a country, which bodies belong to an organization, which session
//! comes before and after an event. The graph is read-only afterwards; rendering threads share it.

pub(crate) mod acts;
pub(crate) mod refs;
pub(crate) mod related;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use crate::content::{
    Corpus, Document, EntityKind, Event, Names, Organization, PartialDate, Person, Place,
};
use crate::error::Diagnostics;

/// How many related documents a document page shows.
pub(crate) const RELATED_COUNT: usize = 6;

/// The resolved, immutable site graph.
#[derive(Debug)]
pub(crate) struct Graph {
    /// All content; `corpus.documents` is sorted newest first (undated last), then by slug.
    pub(crate) corpus: Corpus,
    /// Document index by slug.
    pub(crate) doc_by_id: BTreeMap<String, usize>,
    /// Documents naming each entity, by kind then id, newest first.
    pub(crate) mentions: BTreeMap<EntityKind, BTreeMap<String, Vec<usize>>>,
    /// Translations of each document (symmetric: if a lists b, b lists a).
    pub(crate) translations: Vec<Vec<usize>>,
    /// Related documents of each document.
    pub(crate) related: Vec<Vec<usize>>,
    /// Child bodies of each organization.
    pub(crate) children: BTreeMap<String, Vec<String>>,
    /// Documents of an organization's page when it has bodies: those naming it or any body
    /// below it, newest first (see [`Graph::page_documents`]). Absent for organizations
    /// without bodies, whose page lists `mentions`.
    pub(crate) tree_docs: BTreeMap<String, Vec<usize>>,
    /// Events by the organization that held them, in session order.
    pub(crate) events_by_body: BTreeMap<String, Vec<String>>,
    /// Events by place, newest first.
    pub(crate) events_by_place: BTreeMap<String, Vec<String>>,
    /// Events by participating country, newest first.
    pub(crate) events_by_country: BTreeMap<String, Vec<String>>,
    /// Previous and next session of each event within its body's series.
    pub(crate) sessions: BTreeMap<String, (Option<String>, Option<String>)>,
    /// Places by country.
    pub(crate) places_by_country: BTreeMap<String, Vec<String>>,
    /// Organizations a country belongs to: (organization id, index into its `members`).
    pub(crate) memberships: BTreeMap<String, Vec<(String, usize)>>,
    /// People with a role tied to a country or organization: id → [(person id, role index)].
    pub(crate) role_holders: BTreeMap<String, Vec<(String, usize)>>,
    /// Documents by year (None = undated), newest year first, each list newest first.
    pub(crate) years: Vec<(Option<u16>, Vec<usize>)>,
    /// Every document index, in display order (the list of all documents).
    pub(crate) all: Vec<usize>,
    /// The acts each entity takes part in (see [`acts::by_entity`]).
    pub(crate) acts_of: BTreeMap<(EntityKind, String), Vec<(usize, acts::ActRole)>>,
    /// Each document's act identifier, shared by an act's language versions.
    pub(crate) act_ids: Vec<Option<String>>,
    /// The documents of each act identifier (its language versions), in document order.
    pub(crate) act_versions: BTreeMap<String, Vec<usize>>,
    /// Relations other acts state about each document (by index): «amended by», «annexes» …
    pub(crate) acts_reverse: BTreeMap<usize, Vec<(crate::content::Relation, usize)>>,
    /// Documents per language of every list a paginated page shows, counted once here rather
    /// than on each of its pages (which would cost pages × documents on a big list).
    pub(crate) lang_counts: BTreeMap<DocListKey, BTreeMap<String, usize>>,
}

/// A list of documents that paginated pages show.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum DocListKey {
    /// Every document.
    All,
    /// The documents naming an entity.
    Entity(EntityKind, String),
    /// The documents of a year (None = undated).
    Year(Option<u16>),
}

impl Graph {
    /// Documents naming entity `id` of `kind`, newest first.
    pub(crate) fn documents_of(&self, kind: EntityKind, id: &str) -> &[usize] {
        self.mentions.get(&kind).and_then(|m| m.get(id)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The documents an entity's page lists (and its feed carries): those naming it, and for an
    /// organization with bodies also those naming any body below it — a reader of the SCO's
    /// page expects the sessions of its councils there.
    pub(crate) fn page_documents(&self, kind: EntityKind, id: &str) -> &[usize] {
        match self.tree_docs.get(id) {
            Some(v) if kind == EntityKind::Organization => v,
            _ => self.documents_of(kind, id),
        }
    }

    /// The bodies below organization `id` (children, their children …), nearest first; the
    /// parent chain is checked for loops, and a loop is still walked once.
    pub(crate) fn descendants(&self, id: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let mut queue: std::collections::VecDeque<&str> = [id].into();
        while let Some(cur) = queue.pop_front() {
            for child in self.children.get(cur).map(Vec::as_slice).unwrap_or(&[]) {
                if child != id && !out.contains(&child.as_str()) {
                    out.push(child);
                    queue.push_back(child);
                }
            }
        }
        out
    }

    /// Documents per language of a list (empty for an unknown list).
    pub(crate) fn lang_counts(&self, key: &DocListKey) -> &BTreeMap<String, usize> {
        static NONE: BTreeMap<String, usize> = BTreeMap::new();
        self.lang_counts.get(key).unwrap_or(&NONE)
    }

    /// The names of entity `id` of `kind` in every language, `None` when there is no such entity.
    /// Pages, feeds, search and metadata all name entities through this and [`Graph::name`].
    pub(crate) fn names(&self, kind: EntityKind, id: &str) -> Option<&Names> {
        self.corpus.names(kind, id)
    }

    /// The name of entity `id` of `kind` in `lang` (else in English, Russian or any language, as
    /// [`Names::get`]), or the id itself when there is no such entity.
    pub(crate) fn name<'a>(&'a self, kind: EntityKind, id: &'a str, lang: &str) -> &'a str {
        self.names(kind, id).map_or(id, |n| n.get(lang))
    }

    /// The document at `i`.
    pub(crate) fn doc(&self, i: usize) -> &Document {
        &self.corpus.documents[i]
    }
}

/// Checks references and builds the graph. `sources` lists the raw files under `sources/`.
pub(crate) fn resolve(mut corpus: Corpus, sources: &BTreeSet<String>) -> (Graph, Diagnostics) {
    derive_event_dates(&mut corpus);
    // References are checked while the display order of the documents is worked out.
    let (diags, order) = rayon::join(
        || {
            let mut diags = refs::check(&corpus, sources);
            diags.append(acts::check(&corpus));
            diags
        },
        || {
            let d = &corpus.documents;
            let mut order: Vec<usize> = (0..d.len()).collect();
            order.sort_by(|&a, &b| {
                let (a, b) = (&d[a], &d[b]);
                (Reverse(a.filed_date()), &a.id, &a.path).cmp(&(
                    Reverse(b.filed_date()),
                    &b.id,
                    &b.path,
                ))
            });
            order
        },
    );
    let mut slots: Vec<Option<Document>> =
        std::mem::take(&mut corpus.documents).into_iter().map(Some).collect();
    corpus.documents = order.into_iter().filter_map(|i| slots[i].take()).collect();
    let docs = &corpus.documents;
    let mut doc_by_id = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        doc_by_id.entry(d.id.clone()).or_insert(i);
    }
    let ((mentions, translations), (related, years)) = rayon::join(
        || (mentions(docs), translations(docs, &doc_by_id)),
        || (related::related(docs, RELATED_COUNT), years(docs)),
    );
    let all: Vec<usize> = (0..docs.len()).collect();
    let acts_reverse = acts::reverse(docs, &doc_by_id);
    let act_ids = acts::identifiers(docs, &translations);
    let mut act_versions: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, id) in act_ids.iter().enumerate() {
        if let Some(id) = id {
            act_versions.entry(id.clone()).or_default().push(i);
        }
    }
    let acts_of = acts::by_entity(&corpus, docs);
    let mut g = Graph {
        acts_of,
        acts_reverse,
        act_ids,
        act_versions,
        all,
        lang_counts: BTreeMap::new(),
        doc_by_id,
        mentions,
        translations,
        related,
        children: BTreeMap::new(),
        tree_docs: BTreeMap::new(),
        events_by_body: BTreeMap::new(),
        events_by_place: BTreeMap::new(),
        events_by_country: BTreeMap::new(),
        sessions: BTreeMap::new(),
        places_by_country: BTreeMap::new(),
        memberships: BTreeMap::new(),
        role_holders: BTreeMap::new(),
        years,
        corpus,
    };
    entity_relations(&mut g);
    g.tree_docs = tree_docs(&g);
    let mut lang_counts = BTreeMap::new();
    let docs = &g.corpus.documents;
    let count = |list: &[usize]| {
        let mut m: BTreeMap<String, usize> = BTreeMap::new();
        for &i in list {
            let lang = &docs[i].meta.lang;
            match m.get_mut(lang) {
                Some(n) => *n += 1,
                None => {
                    m.insert(lang.clone(), 1);
                }
            }
        }
        m
    };
    lang_counts.insert(DocListKey::All, count(&g.all));
    for (kind, per) in &g.mentions {
        for id in per.keys() {
            let list = g.page_documents(*kind, id);
            lang_counts.insert(DocListKey::Entity(*kind, id.clone()), count(list));
        }
    }
    for (id, list) in &g.tree_docs {
        lang_counts.insert(DocListKey::Entity(EntityKind::Organization, id.clone()), count(list));
    }
    for (year, list) in &g.years {
        lang_counts.insert(DocListKey::Year(*year), count(list));
    }
    g.lang_counts = lang_counts;
    (g, diags)
}

/// Each organization with bodies: the documents naming it or a body below it, in display order
/// (document indices are that order, so the union is the sorted, deduplicated indices).
fn tree_docs(g: &Graph) -> BTreeMap<String, Vec<usize>> {
    let mut out = BTreeMap::new();
    for parent in g.children.keys() {
        let mut list: Vec<usize> = g.documents_of(EntityKind::Organization, parent).to_vec();
        for body in g.descendants(parent) {
            list.extend_from_slice(g.documents_of(EntityKind::Organization, body));
        }
        list.sort_unstable();
        list.dedup();
        out.insert(parent.clone(), list);
    }
    out
}

fn mentions(docs: &[Document]) -> BTreeMap<EntityKind, BTreeMap<String, Vec<usize>>> {
    let mut m: BTreeMap<EntityKind, BTreeMap<String, Vec<usize>>> =
        EntityKind::ALL.into_iter().map(|k| (k, BTreeMap::new())).collect();
    for (i, d) in docs.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for (kind, id) in d.meta.refs() {
            if seen.insert((kind, id)) {
                m.entry(kind).or_default().entry(id.clone()).or_default().push(i);
            }
        }
    }
    m
}

fn translations(docs: &[Document], by_id: &BTreeMap<String, usize>) -> Vec<Vec<usize>> {
    let mut t: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); docs.len()];
    for (i, d) in docs.iter().enumerate() {
        for s in &d.meta.translations {
            if let Some(&j) = by_id.get(s)
                && j != i
                && docs[j].meta.lang != d.meta.lang
            {
                t[i].insert(j);
                t[j].insert(i);
            }
        }
    }
    t.into_iter().map(|s| s.into_iter().collect()).collect()
}

/// A document without a date of its own takes its event's date (marked as derived where shown).
fn derive_event_dates(corpus: &mut Corpus) {
    let entities = &corpus.entities;
    for d in corpus.documents.iter_mut().filter(|d| d.meta.date.is_none()) {
        let event = d.meta.event.as_deref();
        d.event_date = event.and_then(|e| entities.get_as::<Event>(e)).and_then(|(_, e)| e.date);
    }
}

fn years(docs: &[Document]) -> Vec<(Option<u16>, Vec<usize>)> {
    let mut by: BTreeMap<Reverse<Option<u16>>, Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        by.entry(Reverse(d.filed_date().map(|x| x.year))).or_default().push(i);
    }
    by.into_iter().map(|(Reverse(y), v)| (y, v)).collect()
}

/// Newest first by date (unknown dates last), then id.
fn newest_first(ids: &mut [String], date: impl Fn(&str) -> Option<PartialDate>) {
    ids.sort_by(|a, b| (Reverse(date(a)), a).cmp(&(Reverse(date(b)), b)));
}

fn entity_relations(g: &mut Graph) {
    let c = &g.corpus;
    for (e, o) in c.entities.of::<Organization>() {
        let id = &e.id;
        if let Some(p) = &o.parent {
            g.children.entry(p.clone()).or_default().push(id.clone());
        }
        for (i, m) in o.members.iter().enumerate() {
            g.memberships.entry(m.country.clone()).or_default().push((id.clone(), i));
        }
    }
    for (e, p) in c.entities.of::<Place>() {
        if let Some(country) = &p.country {
            g.places_by_country.entry(country.clone()).or_default().push(e.id.clone());
        }
    }
    for (e, p) in c.entities.of::<Person>() {
        let id = &e.id;
        for (i, r) in p.roles.iter().enumerate() {
            for owner in r.country.iter().chain(r.organization.iter()) {
                let list = g.role_holders.entry(owner.clone()).or_default();
                if !list.iter().any(|(pid, _)| pid == id) {
                    list.push((id.clone(), i));
                }
            }
        }
    }
    for (ent, e) in c.entities.of::<Event>() {
        let id = &ent.id;
        if let Some(b) = &e.body {
            g.events_by_body.entry(b.clone()).or_default().push(id.clone());
        }
        if let Some(p) = &e.place {
            g.events_by_place.entry(p.clone()).or_default().push(id.clone());
        }
        for country in &e.countries {
            g.events_by_country.entry(country.clone()).or_default().push(id.clone());
        }
    }
    let date = |id: &str| c.entities.get_as::<Event>(id).and_then(|(_, e)| e.date);
    for list in g.events_by_place.values_mut().chain(g.events_by_country.values_mut()) {
        newest_first(list, date);
    }
    for list in g.events_by_body.values_mut() {
        // Session order: by date (unknown last), then session number, then id.
        list.sort_by_key(|id| {
            let e = c.data::<Event>(id);
            (e.date.is_none(), e.date, e.number, id.clone())
        });
        for (i, id) in list.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| list[p].clone());
            let next = list.get(i + 1).cloned();
            g.sessions.insert(id.clone(), (prev, next));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Country, Entity, EntityData};

    #[test]
    fn name_falls_back_across_languages_and_to_the_id() {
        let mut c = Corpus::default();
        let name: Names = serde_yaml::from_str("{ru: Казахстан, kk: Қазақстан}").unwrap();
        c.entities.insert(Entity {
            id: "kazakhstan".into(),
            path: "content/countries/kazakhstan.md".into(),
            data: EntityData::Country(Country { name, ..Default::default() }),
            descriptions: BTreeMap::new(),
            field_lines: Default::default(),
        });
        let (g, _) = resolve(c, &BTreeSet::new());
        assert_eq!(g.name(EntityKind::Country, "kazakhstan", "kk"), "Қазақстан");
        assert_eq!(g.name(EntityKind::Country, "kazakhstan", "de"), "Казахстан");
        assert!(g.names(EntityKind::Place, "kazakhstan").is_none());
        assert_eq!(g.name(EntityKind::Place, "kazakhstan", "ru"), "kazakhstan");
        assert_eq!(g.name(EntityKind::Country, "atlantis", "ru"), "atlantis");
    }
}
