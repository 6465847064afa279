//! How an entity index is grouped for finding one's way: people by the first letter of their
//! surname (with a letter index), countries by membership of the archive's organizations,
//! organizations as a hierarchy (each top body with its bodies below it, abbreviations shown).
//! Places and events stay a flat list (events are grouped by the chronology's pages).

use serde::Serialize;

use super::views::{Ctx, Link};
use crate::content::{EntityKind, MemberStatus, OrgType, Organization, Person};
use crate::text::collate;

/// One group of an index page.
#[derive(Debug, Serialize)]
pub(crate) struct Group {
    /// Anchor id (`letter-1`, `members-sco`).
    pub(crate) id: String,
    /// Heading.
    pub(crate) label: String,
    /// Entities in the group, as the UI language writes the number.
    pub(crate) count: String,
    /// The entities (`depth` > 0 for a body below another in the organizations' hierarchy).
    pub(crate) items: Vec<Item>,
}

/// An entity in a group.
#[derive(Debug, Serialize)]
pub(crate) struct Item {
    /// Link, detail = its document count.
    pub(crate) link: Link,
    /// Nesting level in the organizations' hierarchy (0 elsewhere).
    pub(crate) depth: usize,
}

/// The groups of the index of `kind`, or none for a kind shown as a flat list.
pub(crate) fn groups(cx: &Ctx, kind: EntityKind) -> Vec<Group> {
    match kind {
        EntityKind::Person => people(cx),
        EntityKind::Country => countries(cx),
        EntityKind::Organization => organizations(cx),
        _ => Vec::new(),
    }
}

fn link(cx: &Ctx, kind: EntityKind, id: &str) -> Link {
    let n = cx.graph.page_documents(kind, id).len();
    cx.entity_link(kind, id, cx.num(n))
}

fn group(cx: &Ctx, id: String, label: String, items: Vec<Item>) -> Group {
    Group { id, label, count: cx.num(items.len()), items }
}

/// A person's name as an index writes it, surname first, and the surname. Names are stored as
/// they are said, given name first («Аскар Мамин»), except Chinese names, which put the family
/// name first already («Ли Кэцян», «Ма Синжуй»): a person whose roles are tied to China keeps
/// the order.
fn surname_first(cx: &Ctx, id: &str, name: &str) -> (String, String) {
    let p = cx.graph.corpus.data::<Person>(id);
    let chinese = p.roles.iter().any(|r| r.country.as_deref() == Some("china"));
    let words: Vec<&str> = name.split_whitespace().collect();
    if chinese || words.len() < 2 {
        let first = words.first().copied().unwrap_or(name).to_string();
        return (name.to_string(), first);
    }
    let (last, rest) = words.split_last().expect("two words or more");
    (format!("{last} {}", rest.join(" ")), last.to_string())
}

fn people(cx: &Ctx) -> Vec<Group> {
    let lang = cx.lang.as_str();
    let mut rows: Vec<(Vec<u16>, String, Link)> = cx
        .graph
        .corpus
        .ids(EntityKind::Person)
        .into_iter()
        .map(|id| {
            let mut l = link(cx, EntityKind::Person, id);
            let (shown, surname) = surname_first(cx, id, &l.name);
            l.name = shown.clone();
            (collate::key(lang, &shown), surname, l)
        })
        .collect();
    rows.sort_by(|a, b| (&a.0, &a.2.name).cmp(&(&b.0, &b.2.name)));
    let mut groups: Vec<Group> = Vec::new();
    for (_, surname, l) in rows {
        let letter: String =
            surname.chars().next().into_iter().flat_map(char::to_uppercase).collect();
        if groups.last().is_none_or(|g| g.label != letter) {
            let id = format!("letter-{}", groups.len() + 1);
            groups.push(group(cx, id, letter, Vec::new()));
        }
        let g = groups.last_mut().expect("just pushed");
        g.items.push(Item { link: l, depth: 0 });
    }
    for g in &mut groups {
        g.count = cx.num(g.items.len());
    }
    groups
}

/// The archive's membership organizations: top-level international ones with members, the
/// widest current membership first (in the shipped archive the SCO, the CIS, the EAEU).
fn membership_orgs<'g>(cx: &Ctx<'g>) -> Vec<&'g str> {
    let g = cx.graph;
    let mut orgs: Vec<(&str, usize)> = g
        .corpus
        .entities
        .of::<Organization>()
        .filter(|(_, o)| {
            o.parent.is_none()
                && o.org_type == Some(OrgType::International)
                && !o.members.is_empty()
        })
        .map(|(e, o)| (e.id.as_str(), o.members.iter().filter(|m| m.to.is_none()).count()))
        .collect();
    orgs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    orgs.into_iter().map(|(id, _)| id).collect()
}

fn countries(cx: &Ctx) -> Vec<Group> {
    let g = cx.graph;
    let lang = cx.lang.as_str();
    let orgs = membership_orgs(cx);
    let current = |org: &str, full: bool| -> Vec<&str> {
        let o = g.corpus.data::<Organization>(org);
        let mut ids: Vec<&str> = o
            .members
            .iter()
            .filter(|m| m.to.is_none() && (m.status == MemberStatus::Member) == full)
            .map(|m| m.country.as_str())
            .filter(|c| g.corpus.contains(EntityKind::Country, c))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let items = |ids: &[&str]| {
        let mut v: Vec<Item> = ids
            .iter()
            .map(|id| Item { link: link(cx, EntityKind::Country, id), depth: 0 })
            .collect();
        collate::sort_by_name(lang, &mut v, |i| i.link.name.clone());
        v
    };
    let mut groups = Vec::new();
    let mut members: Vec<&str> = Vec::new();
    for org in &orgs {
        let ids = current(org, true);
        members.extend(&ids);
        let short = g.corpus.data::<Organization>(org).short.get(lang).to_string();
        let name =
            if short.is_empty() { cx.entity_name(EntityKind::Organization, org).0 } else { short };
        let label = cx.t("countries_members_of").replace("{org}", &name);
        groups.push(group(cx, format!("members-{org}"), label, items(&ids)));
    }
    let mut others_of: Vec<&str> = orgs.iter().flat_map(|o| current(o, false)).collect();
    others_of.retain(|c| !members.contains(c));
    others_of.sort_unstable();
    others_of.dedup();
    if !others_of.is_empty() {
        groups.push(group(
            cx,
            "partners".into(),
            cx.t("countries_partners").into(),
            items(&others_of),
        ));
    }
    let rest: Vec<&str> = g
        .corpus
        .ids(EntityKind::Country)
        .into_iter()
        .map(String::as_str)
        .filter(|c| !members.contains(c) && !others_of.contains(c))
        .collect();
    if !rest.is_empty() {
        groups.push(group(cx, "others".into(), cx.t("countries_others").into(), items(&rest)));
    }
    groups
}

fn organizations(cx: &Ctx) -> Vec<Group> {
    let g = cx.graph;
    let lang = cx.lang.as_str();
    let item = |id: &str, depth: usize| {
        let mut l = link(cx, EntityKind::Organization, id);
        let short = g.corpus.data::<Organization>(id).short.get(lang).to_string();
        if !short.is_empty() && short != l.name {
            l.name = format!("{} ({short})", l.name);
        }
        Item { link: l, depth }
    };
    // Depth-first under each top organization, bodies in the alphabet at every level.
    fn walk<'g>(cx: &Ctx<'g>, id: &'g str, depth: usize, out: &mut Vec<(&'g str, usize)>) {
        out.push((id, depth));
        if depth > 8 {
            return; // parent loops are build errors; this only bounds the walk
        }
        let children: Vec<&str> = cx
            .graph
            .children
            .get(id)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default();
        for child in by_name(cx, children) {
            walk(cx, child, depth + 1, out);
        }
    }
    let tops: Vec<&str> = g
        .corpus
        .entities
        .of::<Organization>()
        .filter(|(_, o)| o.parent.is_none())
        .map(|(e, _)| e.id.as_str())
        .collect();
    let (with_bodies, single): (Vec<&str>, Vec<&str>) =
        by_name(cx, tops).into_iter().partition(|id| g.children.contains_key(*id));
    let mut groups = Vec::new();
    for top in with_bodies {
        let mut flat = Vec::new();
        walk(cx, top, 0, &mut flat);
        let items = flat.into_iter().map(|(id, d)| item(id, d)).collect();
        let label = cx.entity_name(EntityKind::Organization, top).0;
        groups.push(group(cx, format!("org-{top}"), label, items));
    }
    if !single.is_empty() {
        let items = single.into_iter().map(|id| item(id, 0)).collect();
        groups.push(group(cx, "org-other".into(), cx.t("organizations_other").into(), items));
    }
    groups
}

/// Organizations `ids` in the alphabet of the UI language.
fn by_name<'g>(cx: &Ctx<'g>, ids: Vec<&'g str>) -> Vec<&'g str> {
    let mut v: Vec<(String, &str)> =
        ids.into_iter().map(|id| (cx.entity_name(EntityKind::Organization, id).0, id)).collect();
    collate::sort_by_name(cx.lang.as_str(), &mut v, |x| x.0.clone());
    v.into_iter().map(|(_, id)| id).collect()
}
