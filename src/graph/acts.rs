//! Checks of acts (the `act:` block of a document, see [`crate::content::Act`]) against the rest
//! of the archive, and the reverse of their relations.
//!
//! Errors: an act on a kind that is not an act, a form that files under another kind, an id or
//! slug that does not exist, a relation to itself, two acts relating to each other in a way that
//! cannot both be true (each amends or replaces the other, annexes in a loop), a country listed
//! twice in participation, and dates out of order (statuses, a state's steps). Warnings: a
//! signatory whose country was not a member of the adopting body on the act's date, an act
//! replacing a later one, and two acts of one body and form with one number in one year.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use crate::content::act::certainly_before;
use crate::content::{
    Act, Corpus, Document, EntityKind, MemberStatus, Organization, PartialDate, Relation,
};
use crate::error::{Diagnostic, Diagnostics};

/// Checks the act of every document.
pub(crate) fn check(corpus: &Corpus) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let docs: FxHashMap<&str, &Document> =
        corpus.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let broken: BTreeSet<&str> =
        corpus.broken.iter().filter(|b| b.kind.is_none()).filter_map(|b| b.id.as_deref()).collect();
    let mut numbers: BTreeMap<(String, &str, Option<u16>, &str), &Document> = BTreeMap::new();
    for doc in &corpus.documents {
        let Some(act) = &doc.meta.act else { continue };
        let at = |msg: String, field: String| {
            Diagnostic::error(&doc.path, msg).at_line(doc.line_of("act")).in_field(field)
        };
        let Some(form) = act.form_for(doc.meta.kind) else {
            diags.push(at(
                format!(
                    "a {} is not an act: only decisions, agreements and statements take an act block",
                    doc.meta.kind.as_str()
                ),
                "act".into(),
            ));
            continue;
        };
        if form.kind() != doc.meta.kind {
            diags.push(at(
                format!(
                    "form {} is filed as kind {}, but the document's kind is {}",
                    form.as_str(),
                    form.kind().as_str(),
                    doc.meta.kind.as_str()
                ),
                "act.form".into(),
            ));
        }
        for (field, kind, id) in entity_refs(act) {
            if corpus.entities.get(kind, id).is_none()
                && !corpus
                    .broken
                    .iter()
                    .any(|b| b.kind == Some(kind) && b.id.as_deref() == Some(id))
            {
                diags.push(at(
                    format!(
                        "unknown {} «{id}» (no file content/{}/{id}.md)",
                        kind.singular(),
                        kind.dir()
                    ),
                    field,
                ));
            }
        }
        check_relations(doc, act, &docs, &broken, &mut diags);
        check_versions(doc, &docs, &mut diags);
        check_dates(doc, act, &mut diags);
        check_signatories(corpus, doc, act, &mut diags);
        if let (Some(n), Some(body)) = (&act.number, &act.body) {
            let key = (body.clone(), form.as_str(), doc.meta.date.map(|d| d.year), n.as_str());
            if let Some(first) = numbers.insert(key, doc) {
                diags.push(
                    Diagnostic::warning(
                        &doc.path,
                        format!(
                            "{} {} №{n} of the same year is also {}",
                            body,
                            form.as_str(),
                            first.path.display()
                        ),
                    )
                    .at_line(doc.line_of("act"))
                    .in_field("act.number"),
                );
            }
        }
    }
    diags
}

/// The entities an act names, as (field path, kind, id).
fn entity_refs(act: &Act) -> Vec<(String, EntityKind, &str)> {
    let mut out = Vec::new();
    if let Some(b) = &act.body {
        out.push(("act.body".to_string(), EntityKind::Organization, b.as_str()));
    }
    if let Some(p) = &act.place {
        out.push(("act.place".to_string(), EntityKind::Place, p.as_str()));
    }
    for (i, s) in act.signatories.iter().enumerate() {
        if let Some(p) = &s.person {
            out.push((format!("act.signatories[{i}].person"), EntityKind::Person, p.as_str()));
        }
        if let Some(c) = &s.country {
            out.push((format!("act.signatories[{i}].country"), EntityKind::Country, c.as_str()));
        }
    }
    for (i, p) in act.participation.iter().enumerate() {
        out.push((format!("act.participation[{i}].country"), EntityKind::Country, &p.country));
    }
    out
}

/// Relations resolve, never point at the act itself, and do not contradict the target's own.
fn check_relations(
    doc: &Document,
    act: &Act,
    docs: &FxHashMap<&str, &Document>,
    broken: &BTreeSet<&str>,
    diags: &mut Diagnostics,
) {
    let err = |msg: String, rel: Relation| {
        Diagnostic::error(&doc.path, msg)
            .at_line(doc.line_of("act"))
            .in_field(format!("act.{}", rel.field()))
    };
    for (rel, target) in act.relations() {
        if target == &doc.id {
            diags.push(err(format!("«{target}» is this document itself"), rel));
            continue;
        }
        let Some(other) = docs.get(target.as_str()) else {
            if !broken.contains(target.as_str()) {
                diags.push(err(
                    format!(
                        "unknown document «{target}» (no file content/documents/<year>/{target}.md)"
                    ),
                    rel,
                ));
            }
            continue;
        };
        let back = other.meta.act.as_ref().map(|a| a.targets(rel)).unwrap_or_default();
        let mutual = matches!(rel, Relation::Amends | Relation::Supersedes | Relation::AnnexOf);
        if mutual && back.iter().any(|t| t == &doc.id) {
            diags.push(err(
                format!(
                    "«{target}» {} this document too: two acts cannot each {} the other",
                    rel.field(),
                    rel.field()
                ),
                rel,
            ));
        }
        if rel == Relation::Supersedes
            && let (Some(mine), Some(theirs)) = (doc.meta.date, other.meta.date)
            && certainly_before(mine, theirs)
        {
            diags.push(
                Diagnostic::warning(
                    &doc.path,
                    format!(
                        "replaces «{target}» of {theirs}, which is later than this act ({mine})"
                    ),
                )
                .at_line(doc.line_of("act"))
                .in_field("act.supersedes"),
            );
        }
    }
    if let Some(first) = act.annex_of.as_deref() {
        annex_loop(doc, first, docs, diags);
    }
}

/// An annex chain that comes back to where it started (longer than the mutual case).
fn annex_loop(
    doc: &Document,
    first: &str,
    docs: &FxHashMap<&str, &Document>,
    diags: &mut Diagnostics,
) {
    let mut seen = BTreeSet::from([doc.id.as_str()]);
    let mut cur = Some(first);
    let mut steps = 0;
    while let Some(id) = cur {
        steps += 1;
        if !seen.insert(id) {
            // Two steps is the mutual case, already reported.
            if id == doc.id && steps > 2 {
                diags.push(
                    Diagnostic::error(
                        &doc.path,
                        format!("annex_of loops back to this document through «{first}»"),
                    )
                    .at_line(doc.line_of("act"))
                    .in_field("act.annex_of"),
                );
            }
            return;
        }
        cur = docs.get(id).and_then(|d| d.meta.act.as_ref()).and_then(|a| a.annex_of.as_deref());
    }
}

/// Statuses in time order, nothing but an ending after an ending; a state's steps in order.
fn check_dates(doc: &Document, act: &Act, diags: &mut Diagnostics) {
    let err = |msg: String, field: String| {
        Diagnostic::error(&doc.path, msg).at_line(doc.line_of("act")).in_field(field)
    };
    let mut last: Option<(usize, PartialDate)> = None;
    let mut ended: Option<&str> = None;
    for (i, s) in act.status.iter().enumerate() {
        if let Some(end) = ended
            && !s.status.is_final()
        {
            diags.push(err(
                format!("«{}» comes after the act was {end}", s.status.as_str()),
                format!("act.status[{i}]"),
            ));
        }
        if s.status.is_final() {
            ended = Some(s.status.as_str());
        }
        if let Some(d) = s.date {
            if let Some((j, prev)) = last
                && certainly_before(d, prev)
            {
                diags.push(err(
                    format!("dated {d}, before the status above it (status[{j}], {prev})"),
                    format!("act.status[{i}].date"),
                ));
            }
            last = Some((i, d));
        }
    }
    let mut countries = BTreeSet::new();
    for (i, p) in act.participation.iter().enumerate() {
        if !countries.insert(p.country.as_str()) {
            diags.push(err(
                format!("«{}» is listed twice", p.country),
                format!("act.participation[{i}].country"),
            ));
        }
        let mut prev: Option<(&str, PartialDate)> = None;
        for (field, date) in p.steps() {
            let Some(d) = date else { continue };
            if let Some((pf, pd)) = prev
                && certainly_before(d, pd)
            {
                diags.push(err(
                    format!("{field} {d} is before {pf} {pd}"),
                    format!("act.participation[{i}].{field}"),
                ));
            }
            prev = Some((field, d));
        }
    }
}

/// A signatory's country should belong to the adopting body (or the organization it is a body
/// of) on the act's date; a warning, since membership files may be incomplete.
fn check_signatories(corpus: &Corpus, doc: &Document, act: &Act, diags: &mut Diagnostics) {
    let (Some(body), Some(date)) = (act.body.as_deref(), doc.meta.date) else { return };
    let Some((org_id, org)) = with_members(corpus, body) else { return };
    for (i, s) in act.signatories.iter().enumerate() {
        let Some(country) = s.country.as_deref() else { continue };
        let member = org.members.iter().any(|m| {
            m.country == country
                && matches!(m.status, MemberStatus::Member | MemberStatus::Associate)
                && m.from.is_none_or(|f| !certainly_before(date, f))
                && m.to.is_none_or(|t| !certainly_before(t, date))
        });
        if !member {
            diags.push(
                Diagnostic::warning(
                    &doc.path,
                    format!(
                        "signatory country «{country}» was not a member of «{org_id}» on {date} \
                         (content/organizations/{org_id}.md)"
                    ),
                )
                .at_line(doc.line_of("act"))
                .in_field(format!("act.signatories[{i}].country")),
            );
        }
    }
}

/// The body itself when its file lists members, else the nearest parent that does.
fn with_members<'a>(corpus: &'a Corpus, body: &'a str) -> Option<(&'a str, &'a Organization)> {
    let mut cur = Some(body);
    let mut seen = BTreeSet::new();
    while let Some(id) = cur {
        if !seen.insert(id) {
            return None;
        }
        let (e, org) = corpus.entities.get_as::<Organization>(id)?;
        if !org.members.is_empty() {
            return Some((e.id.as_str(), org));
        }
        cur = org.parent.as_deref();
    }
    None
}

/// Each document's act identifier ([`Act::identifier`]): its own act's, else the one a language
/// version of it states, so the Kazakh text of a decision shares the Russian one's.
pub(crate) fn identifiers(docs: &[Document], translations: &[Vec<usize>]) -> Vec<Option<String>> {
    let own: Vec<Option<String>> = docs.iter().map(own_identifier).collect();
    (0..docs.len())
        .map(|i| own[i].clone().or_else(|| translations[i].iter().find_map(|&j| own[j].clone())))
        .collect()
}

fn own_identifier(d: &Document) -> Option<String> {
    d.meta.act.as_ref()?.identifier(d.meta.kind, d.meta.date)
}

/// Language versions of one act that state two different identifiers.
fn check_versions(doc: &Document, docs: &FxHashMap<&str, &Document>, diags: &mut Diagnostics) {
    let Some(mine) = own_identifier(doc) else { return };
    for t in &doc.meta.translations {
        let Some(theirs) = docs.get(t.as_str()).and_then(|d| own_identifier(d)) else { continue };
        if theirs != mine {
            diags.push(
                Diagnostic::error(
                    &doc.path,
                    format!(
                        "its language version «{t}» is act {theirs}, this one {mine}: the \
                         versions of one act share body, form, date and number"
                    ),
                )
                .at_line(doc.line_of("act"))
                .in_field("act"),
            );
        }
    }
}

/// How an entity takes part in an act, for the acts list of its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ActRole {
    /// A country or person in the signature block.
    Signed,
    /// A state listed under participation (its own steps are shown).
    Party,
    /// The adopting body, or an organization the body belongs to.
    Adopted,
    /// The event the act was adopted at.
    AdoptedAt,
}

/// The acts each entity takes part in, as (document index, role), in document order (newest
/// first): a country once per act (as a party when listed under participation, else as a
/// signatory), a person it names as signatory, the adopting body and every organization above
/// it, and the act's event.
pub(crate) fn by_entity(
    corpus: &Corpus,
    docs: &[Document],
) -> BTreeMap<(EntityKind, String), Vec<(usize, ActRole)>> {
    let mut out: BTreeMap<(EntityKind, String), Vec<(usize, ActRole)>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let Some(act) = &d.meta.act else { continue };
        let mut roles: BTreeMap<(EntityKind, &str), ActRole> = BTreeMap::new();
        for s in &act.signatories {
            if let Some(c) = &s.country {
                roles.insert((EntityKind::Country, c), ActRole::Signed);
            }
            if let Some(p) = &s.person {
                roles.insert((EntityKind::Person, p), ActRole::Signed);
            }
        }
        for p in &act.participation {
            roles.insert((EntityKind::Country, &p.country), ActRole::Party);
        }
        let mut seen = BTreeSet::new();
        let mut body = act.body.as_deref();
        while let Some(b) = body.filter(|b| seen.insert(*b)) {
            roles.insert((EntityKind::Organization, b), ActRole::Adopted);
            body = corpus.entities.get_as::<Organization>(b).and_then(|(_, o)| o.parent.as_deref());
        }
        if let Some(e) = &d.meta.event {
            roles.insert((EntityKind::Event, e), ActRole::AdoptedAt);
        }
        for ((kind, id), role) in roles {
            if corpus.entities.get(kind, id).is_some() {
                out.entry((kind, id.to_string())).or_default().push((i, role));
            }
        }
    }
    out
}

/// The relations pointing at each document, as (relation, source document index), in the
/// order of `docs`: what a page shows as «amended by», «annexes», «approved by».
pub(crate) fn reverse(
    docs: &[Document],
    by_id: &BTreeMap<String, usize>,
) -> BTreeMap<usize, Vec<(Relation, usize)>> {
    let mut out: BTreeMap<usize, Vec<(Relation, usize)>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let Some(act) = &d.meta.act else { continue };
        for (rel, target) in act.relations() {
            if let Some(&t) = by_id.get(target)
                && t != i
            {
                out.entry(t).or_default().push((rel, i));
            }
        }
    }
    out
}
