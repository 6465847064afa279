//! The act panel of a document page (`templates/_act.html`): number, form, adopting body and
//! place, status timeline, signatories, each state's participation, and the relations the act
//! states together with those other acts state about it.

use serde::Serialize;

use super::views::{Ctx, Link};
use crate::content::{Act, EntityKind, PartialDate, Relation};

/// What the act panel shows.
#[derive(Debug, Serialize)]
pub(crate) struct ActView {
    /// The persistent identifier shared by the act's language versions.
    identifier: String,
    /// The act's page under its identifier, and how many language versions share it.
    identifier_url: String,
    versions: usize,
    number: String,
    form: String,
    body: Option<Link>,
    place: Option<Link>,
    status: Vec<StatusRow>,
    signatories: Vec<SignatoryRow>,
    participation: Vec<ParticipationRow>,
    /// Each relation with its documents (rendered list items), forward ones first.
    relations: Vec<RelationRow>,
}

#[derive(Debug, Serialize)]
struct StatusRow {
    label: String,
    date: String,
    date_iso: String,
    basis: String,
}

#[derive(Debug, Serialize)]
struct SignatoryRow {
    position: String,
    person: Option<Link>,
    country: Option<Link>,
}

#[derive(Debug, Serialize)]
struct ParticipationRow {
    country: Link,
    /// Signed, ratified, in force, withdrawn: the date in words, or empty.
    steps: [String; 4],
    reservations: String,
}

#[derive(Debug, Serialize)]
struct RelationRow {
    label: String,
    docs: Vec<String>,
}

/// The panel of document `i`, when it is an act, a language version of one (its identifier and
/// the comparison), or another act relates to it (a report a decision approves shows «approved
/// by»).
pub(crate) fn view(cx: &Ctx, i: usize) -> Option<ActView> {
    let g = cx.graph;
    let d = g.doc(i);
    let none = Act::default();
    let act = match &d.meta.act {
        Some(a) => a,
        None if g.acts_reverse.contains_key(&i) || g.act_ids[i].is_some() => &none,
        None => return None,
    };
    let form = d.meta.act.as_ref().and_then(|a| a.form_for(d.meta.kind));
    let date = |x: Option<PartialDate>| x.map(|x| cx.date(&x)).unwrap_or_default();
    let status = act
        .status
        .iter()
        .map(|s| StatusRow {
            label: cx.t(&format!("act_status_{}", s.status.as_str())).to_string(),
            date: date(s.date),
            date_iso: s.date.map(|x| x.to_string()).unwrap_or_default(),
            basis: s.basis.clone().unwrap_or_default(),
        })
        .collect();
    let link =
        |kind, id: &Option<String>| id.as_deref().map(|id| cx.entity_link(kind, id, String::new()));
    let signatories = act
        .signatories
        .iter()
        .map(|s| SignatoryRow {
            position: s.position.clone(),
            person: link(EntityKind::Person, &s.person),
            country: link(EntityKind::Country, &s.country),
        })
        .collect();
    let participation = act
        .participation
        .iter()
        .map(|p| ParticipationRow {
            country: cx.entity_link(EntityKind::Country, &p.country, String::new()),
            steps: p.steps().map(|(_, x)| date(x)),
            reservations: p.reservations.clone().unwrap_or_default(),
        })
        .collect();
    Some(ActView {
        identifier: g.act_ids[i].clone().unwrap_or_default(),
        identifier_url: g.act_ids[i]
            .as_ref()
            .map(|id| cx.url(&crate::routes::Route::Act { id: id.clone() }))
            .unwrap_or_default(),
        versions: g.act_ids[i].as_ref().and_then(|id| g.act_versions.get(id)).map_or(1, Vec::len),
        number: act.number.clone().unwrap_or_default(),
        form: form
            .map(|f| cx.t(&format!("act_form_{}", f.as_str())).to_string())
            .unwrap_or_default(),
        body: link(EntityKind::Organization, &act.body),
        place: link(EntityKind::Place, &act.place),
        status,
        signatories,
        participation,
        relations: relations(cx, i, act),
    })
}

/// The forward relations (to documents that exist), then the reverse ones, each under its label.
fn relations(cx: &Ctx, i: usize, act: &Act) -> Vec<RelationRow> {
    let g = cx.graph;
    let mut rows = Vec::new();
    for rel in Relation::ALL {
        let docs: Vec<String> = act
            .targets(rel)
            .iter()
            .filter_map(|t| g.doc_by_id.get(t))
            .map(|&j| cx.doc_item_html(j))
            .collect();
        if !docs.is_empty() {
            rows.push(RelationRow {
                label: cx.t(&format!("act_rel_{}", rel.field())).into(),
                docs,
            });
        }
    }
    let back = g.acts_reverse.get(&i).map(Vec::as_slice).unwrap_or_default();
    for rel in Relation::ALL {
        let docs: Vec<String> =
            back.iter().filter(|(r, _)| *r == rel).map(|&(_, j)| cx.doc_item_html(j)).collect();
        if !docs.is_empty() {
            let label = cx.t(&format!("act_rev_{}", rel.field())).into();
            rows.push(RelationRow { label, docs });
        }
    }
    rows
}

/// One act in an entity's acts list.
#[derive(Debug, Serialize)]
pub(crate) struct ActRow {
    url: String,
    title: String,
    lang: String,
    date: String,
    date_iso: String,
    form: String,
    number: String,
    /// The act's last status, or for a state listed under participation its own last step,
    /// with its date.
    status: String,
}

/// The acts entity `id` of `kind` takes part in, newest first (see `graph::acts::by_entity`).
pub(crate) fn entity_rows(cx: &Ctx, kind: EntityKind, id: &str) -> Vec<ActRow> {
    use crate::graph::acts::ActRole;
    let g = cx.graph;
    let Some(list) = g.acts_of.get(&(kind, id.to_string())) else { return Vec::new() };
    list.iter()
        .filter_map(|&(i, role)| {
            let d = g.doc(i);
            let act = d.meta.act.as_ref()?;
            let item = cx.doc_item(i);
            // A step on the act's own date (signed the day it was adopted) needs no date again.
            let dated = |label: &str, x: Option<PartialDate>| match x {
                Some(x) if Some(x) != d.meta.date => format!("{label} · {}", cx.date(&x)),
                _ => label.to_string(),
            };
            let own = act.participation.iter().find(|p| p.country == id);
            let status = match (role, own) {
                (ActRole::Party, Some(p)) => p
                    .steps()
                    .into_iter()
                    .rev()
                    .find_map(|(field, x)| x.map(|x| (field, x)))
                    .map(|(field, x)| dated(cx.t(&format!("act_part_{field}")), Some(x)))
                    .unwrap_or_default(),
                _ => act
                    .status
                    .last()
                    .map(|s| dated(cx.t(&format!("act_status_{}", s.status.as_str())), s.date))
                    .unwrap_or_default(),
            };
            Some(ActRow {
                url: item.url,
                title: item.title,
                lang: item.lang,
                date: item.date,
                date_iso: item.date_iso,
                form: act
                    .form_for(d.meta.kind)
                    .map(|f| cx.t(&format!("act_form_{}", f.as_str())).to_string())
                    .unwrap_or_default(),
                number: act.number.clone().unwrap_or_default(),
                status,
            })
        })
        .collect()
}
