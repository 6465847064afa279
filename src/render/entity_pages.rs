//! Entity pages: event, country, organization, person, place. Each shows the entity's own data,
//! its links to other entities (both ways, via the graph's back-links) and its documents in every
//! language, newest first, paginated.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Renderer;
use super::frame::{Built, built_page, page_frame, paged_title};
use super::markdown;
use super::views::{Ctx, DocList, Link, Review};
use crate::content::{Country, EntityData, EntityKind, Event, Organization, Person, Place};
use crate::graph::DocListKey;
use crate::routes::Route;

/// Shared part of every entity page.
#[derive(Serialize)]
struct Common {
    id: String,
    kind: &'static str,
    name: String,
    name_lang: String,
    description: String,
    description_lang: String,
    review: Option<Review>,
    docs: DocList,
    /// The first page carries the entity's charts and lists of events and people; later pages
    /// are more of its documents only (so a page costs the same however long the list is).
    first_page: bool,
    /// The acts the entity takes part in (first page only; see `_entity_acts.html`).
    acts: Vec<super::act::ActRow>,
}

#[derive(Serialize)]
struct EntityBody<T: Serialize> {
    #[serde(flatten)]
    common: Common,
    #[serde(flatten)]
    data: T,
}

/// Builds the page of entity `id` of `kind` (its `page`-th page of documents).
pub(crate) fn build(
    r: &Renderer,
    cx: &Ctx,
    route: &Route,
    kind: EntityKind,
    id: &str,
    page: usize,
) -> Built {
    let e = cx.graph.corpus.entity(kind, id);
    let common = common(r, cx, route, kind, id, &e.descriptions, e.review(), page);
    // Each kind's page: its template and its own data.
    match &e.data {
        EntityData::Event(_) => finish(cx, route, page, "event.html", common, event(cx, id)),
        EntityData::Country(_) => {
            finish(cx, route, page, "country.html", common, country(cx, id, page == 1))
        }
        EntityData::Organization(_) => {
            let mut common = common;
            mark_bodies(cx, id, page, &mut common.docs.items);
            finish(cx, route, page, "organization.html", common, organization(cx, id, page == 1))
        }
        EntityData::Person(_) => finish(cx, route, page, "person.html", common, person(cx, id)),
        EntityData::Place(_) => {
            finish(cx, route, page, "place.html", common, place(cx, id, page == 1))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn common(
    r: &Renderer,
    cx: &Ctx,
    route: &Route,
    kind: EntityKind,
    id: &str,
    descriptions: &BTreeMap<String, String>,
    review: &[String],
    page: usize,
) -> Common {
    let (name, name_lang) = cx.entity_name(kind, id);
    let lang = cx.lang.as_str();
    let (description_lang, text) = descriptions
        .get_key_value(lang)
        .or_else(|| descriptions.iter().next())
        .map(|(l, t)| (if l == lang { String::new() } else { l.clone() }, t.as_str()))
        .unwrap_or_default();
    Common {
        id: id.to_string(),
        kind: kind.singular(),
        name,
        name_lang,
        description: if text.is_empty() {
            String::new()
        } else {
            markdown::render(text, &r.highlighter, cx.config.trust_html)
        },
        description_lang,
        review: cx.review(review),
        docs: cx.doc_list(
            cx.graph.page_documents(kind, id),
            &DocListKey::Entity(kind, id.to_string()),
            route,
            page,
        ),
        first_page: page == 1,
        acts: if page == 1 { super::act::entity_rows(cx, kind, id) } else { Vec::new() },
    }
}

fn finish<T: Serialize>(
    cx: &Ctx,
    route: &Route,
    page: usize,
    template: &'static str,
    common: Common,
    data: T,
) -> Built {
    let title = paged_title(cx, &common.name, page);
    let section = match route {
        Route::Entity { kind, .. } => kind.dir(),
        _ => "",
    };
    let description = common.description_text();
    let mut p = page_frame(
        cx,
        route,
        route,
        title,
        description.clone(),
        section,
        EntityBody { common, data },
    );
    if let Route::Entity { kind, id, .. } = route {
        super::meta::entity(cx, &mut p.meta, *kind, id, &description);
    }
    built_page(template, &p)
}

impl Common {
    fn description_text(&self) -> String {
        let mut s = String::new();
        let mut in_tag = false;
        for ch in self.description.chars() {
            match ch {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => s.push(c),
                _ => {}
            }
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(200).collect()
    }
}

#[derive(Serialize)]
struct EventData {
    date: String,
    date_iso: String,
    end: String,
    place: Option<Link>,
    body: Option<Link>,
    number: Option<u32>,
    prev: Option<Link>,
    next: Option<Link>,
    /// The session numbers missing before this one («22», «19–22»), empty when none is.
    gap: String,
    countries: Vec<Link>,
}

/// The numbers of the sessions of a body missing just before session `n`, given the previous
/// session the archive has (`prev`, its number if known): «22» when the 23rd follows the 21st,
/// «1–22» when the 23rd is the first the archive holds. Empty when nothing is missing or when
/// the numbers cannot tell (a session without a number on either side).
fn session_gap(n: Option<u32>, prev: Option<Option<u32>>) -> String {
    let Some(n) = n else { return String::new() };
    let first_missing = match prev {
        None => 1,
        Some(Some(p)) if p < n => p + 1,
        Some(_) => return String::new(),
    };
    match n.saturating_sub(first_missing) {
        0 => String::new(),
        1 => first_missing.to_string(),
        _ => format!("{first_missing}–{}", n - 1),
    }
}

fn event(cx: &Ctx, id: &str) -> EventData {
    let e = &cx.graph.corpus.data::<Event>(id);
    let (prev, next) = cx.graph.sessions.get(id).cloned().unwrap_or_default();
    let session = |other: Option<String>| {
        other.map(|o| {
            let d = cx.graph.corpus.data::<Event>(&o).date;
            cx.entity_link(EntityKind::Event, &o, cx.date_or_unknown(d.as_ref()))
        })
    };
    let prev_number = prev.as_ref().map(|p| cx.graph.corpus.data::<Event>(p).number);
    let gap = if e.body.is_some() { session_gap(e.number, prev_number) } else { String::new() };
    EventData {
        gap,
        date: cx.date_or_unknown(e.date.as_ref()),
        date_iso: e.date.map(|d| d.to_string()).unwrap_or_default(),
        end: e.end.map(|d| cx.date(&d)).unwrap_or_default(),
        place: e.place.as_ref().map(|p| cx.entity_link(EntityKind::Place, p, String::new())),
        body: e.body.as_ref().map(|b| cx.entity_link(EntityKind::Organization, b, String::new())),
        number: e.number,
        prev: session(prev),
        next: session(next),
        countries: cx.entity_links(EntityKind::Country, &e.countries),
    }
}

fn event_links(cx: &Ctx, ids: Option<&Vec<String>>) -> Vec<Link> {
    ids.map(|v| v.as_slice())
        .unwrap_or(&[])
        .iter()
        .map(|id| {
            let d = cx.graph.corpus.data::<Event>(id).date;
            cx.entity_link(EntityKind::Event, id, cx.date_or_unknown(d.as_ref()))
        })
        .collect()
}

fn role_holders(cx: &Ctx, owner: &str) -> Vec<Link> {
    let c = &cx.graph.corpus;
    cx.graph
        .role_holders
        .get(owner)
        .map(|v| v.as_slice())
        .unwrap_or(&[])
        .iter()
        .map(|(pid, ri)| {
            let role = &c.data::<Person>(pid).roles[*ri];
            let period = cx.period(role.from.as_ref(), role.to.as_ref());
            let title = role.title.get(cx.lang.as_str());
            let detail =
                if period.is_empty() { title.to_string() } else { format!("{title}, {period}") };
            cx.entity_link(EntityKind::Person, pid, detail)
        })
        .collect()
}

/// The documents-and-events chart of a country or organization, on its first page only.
fn first_page_chart(
    cx: &Ctx,
    full: bool,
    kind: EntityKind,
    id: &str,
    events: &[&String],
) -> String {
    if !full {
        return String::new();
    }
    let prefix = if kind == EntityKind::Country { "country" } else { "org" };
    let page = cx.url(&crate::routes::entity(kind, id));
    let list = move |year: u16| format!("{page}?from={year}&to={year}#list");
    let docs = cx.graph.page_documents(kind, id);
    super::timeline::chart(cx, docs, events, &format!("{prefix}-{id}"), Some(&list))
}

#[derive(Serialize)]
struct CountryData {
    chart: String,
    official_name: String,
    iso: String,
    capital: Option<Link>,
    memberships: Vec<Link>,
    places: Vec<Link>,
    people: Vec<Link>,
    events: Vec<Link>,
}

fn country(cx: &Ctx, id: &str, full: bool) -> CountryData {
    let g = cx.graph;
    let c = &g.corpus.data::<Country>(id);
    let memberships = g
        .memberships
        .get(id)
        .map(|v| v.as_slice())
        .unwrap_or(&[])
        .iter()
        .map(|(org, i)| {
            let m = &g.corpus.data::<Organization>(org).members[*i];
            let status = cx.strings.get(cx.lang, &format!("status_{}", m.status.as_str()));
            let period = cx.period(m.from.as_ref(), m.to.as_ref());
            let detail =
                if period.is_empty() { status.to_string() } else { format!("{status}, {period}") };
            cx.entity_link(EntityKind::Organization, org, detail)
        })
        .collect();
    let events: Vec<&String> =
        g.events_by_country.get(id).map(|v| v.iter().collect()).unwrap_or_default();
    let chart = first_page_chart(cx, full, EntityKind::Country, id, &events);
    CountryData {
        chart,
        official_name: c.official_name.get(cx.lang.as_str()).to_string(),
        iso: c.iso.clone().unwrap_or_default(),
        capital: c.capital.as_ref().map(|p| cx.entity_link(EntityKind::Place, p, String::new())),
        memberships,
        places: cx.entity_links(
            EntityKind::Place,
            g.places_by_country.get(id).map(|v| v.as_slice()).unwrap_or(&[]),
        ),
        people: if full { role_holders(cx, id) } else { Vec::new() },
        events: if full { event_links(cx, g.events_by_country.get(id)) } else { Vec::new() },
    }
}

#[derive(Serialize)]
struct MemberRow {
    country: Link,
    status: String,
    period: String,
    current: bool,
}

#[derive(Serialize)]
struct OrgData {
    chart: String,
    membership_chart: String,
    short: String,
    org_type: String,
    parent: Option<Link>,
    children: Vec<Link>,
    founded: String,
    headquarters: Option<Link>,
    website: String,
    members: Vec<MemberRow>,
    events: Vec<Link>,
    people: Vec<Link>,
}

fn organization(cx: &Ctx, id: &str, full: bool) -> OrgData {
    let g = cx.graph;
    let o = &g.corpus.data::<Organization>(id);
    let members: Vec<MemberRow> = o
        .members
        .iter()
        .map(|m| MemberRow {
            country: cx.entity_link(EntityKind::Country, &m.country, String::new()),
            status: cx.strings.get(cx.lang, &format!("status_{}", m.status.as_str())).to_string(),
            period: cx.period(m.from.as_ref(), m.to.as_ref()),
            current: m.to.is_none(),
        })
        .collect();
    // Current members, then associates, observers and dialogue partners (the status order), each
    // group in order of joining (unknown last), then by name; former statuses after all current
    // ones (India's years as an observer must not split the observers from the members).
    let lang = cx.lang.as_str();
    let mut keyed: Vec<_> = o
        .members
        .iter()
        .zip(members)
        .map(|(m, row)| {
            let name = crate::text::collate::key(lang, &row.country.name);
            ((!row.current, m.status, m.from.is_none(), m.from, name), row)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let members: Vec<MemberRow> = keyed.into_iter().map(|(_, r)| r).collect();
    let mut children = cx.entity_links(
        EntityKind::Organization,
        g.children.get(id).map(|v| v.as_slice()).unwrap_or(&[]),
    );
    crate::text::collate::sort_by_name(lang, &mut children, |l| l.name.clone());
    let tree = tree_event_ids(cx, id);
    let events: Vec<&String> = tree.iter().map(|(e, _)| *e).collect();
    let chart = first_page_chart(cx, full, EntityKind::Organization, id, &events);
    OrgData {
        chart,
        membership_chart: if full {
            super::timeline::membership_chart(cx, id)
        } else {
            String::new()
        },
        short: o.short.get(cx.lang.as_str()).to_string(),
        org_type: o
            .org_type
            .map(|t| cx.strings.get(cx.lang, &format!("org_type_{}", serde_name(&t))).to_string())
            .unwrap_or_default(),
        parent: o
            .parent
            .as_ref()
            .map(|p| cx.entity_link(EntityKind::Organization, p, String::new())),
        children,
        founded: o.founded.map(|d| cx.date(&d)).unwrap_or_default(),
        headquarters: o
            .headquarters
            .as_ref()
            .map(|p| cx.entity_link(EntityKind::Place, p, String::new())),
        website: o.website.clone().unwrap_or_default(),
        members,
        events: if full { tree_events(cx, id, &tree) } else { Vec::new() },
        people: if full { role_holders(cx, id) } else { Vec::new() },
    }
}

/// The sessions of an organization and of every body below it, newest first, each with the
/// body that held it.
fn tree_event_ids<'g>(cx: &Ctx<'g>, id: &'g str) -> Vec<(&'g String, &'g str)> {
    let g = cx.graph;
    let mut events: Vec<(&String, &str)> = Vec::new();
    for body in std::iter::once(id).chain(g.descendants(id)) {
        for e in g.events_by_body.get(body).map(Vec::as_slice).unwrap_or(&[]) {
            events.push((e, body));
        }
    }
    let date = |e: &str| g.corpus.data::<Event>(e).date;
    events.sort_by(|a, b| {
        (std::cmp::Reverse(date(a.0)), a.0).cmp(&(std::cmp::Reverse(date(b.0)), b.0))
    });
    events
}

/// Links to [`tree_event_ids`]; a body's session names its body in the detail («20 октября
/// 2023 г. · Совет глав правительств»).
fn tree_events(cx: &Ctx, id: &str, events: &[(&String, &str)]) -> Vec<Link> {
    events
        .iter()
        .map(|&(e, body)| {
            let date = cx.graph.corpus.data::<Event>(e).date;
            let mut detail = cx.date_or_unknown(date.as_ref());
            if body != id {
                detail.push_str(" · ");
                detail.push_str(&cx.entity_name(EntityKind::Organization, body).0);
            }
            cx.entity_link(EntityKind::Event, e, detail)
        })
        .collect()
}

/// On an organization with bodies, each listed document that names one of its bodies says which
/// («Орган: Совет глав государств»), since the list mixes the parent's and its bodies' papers.
fn mark_bodies(cx: &Ctx, id: &str, page: usize, items: &mut [String]) {
    let g = cx.graph;
    let bodies = g.descendants(id);
    if bodies.is_empty() {
        return;
    }
    let size = cx.config.page_size;
    let docs = g.page_documents(EntityKind::Organization, id).iter().skip((page - 1) * size);
    for (item, &i) in items.iter_mut().zip(docs) {
        let meta = &g.doc(i).meta;
        // Its body is the one whose session it comes from; else the bodies it names (at most
        // three: a report naming every council of the SCO is the parent's own paper).
        let held_by = meta
            .event
            .as_deref()
            .and_then(|e| g.corpus.entities.get_as::<Event>(e))
            .and_then(|(_, e)| e.body.as_deref())
            .filter(|b| bodies.contains(b));
        let named: Vec<&str> = match held_by {
            Some(b) => vec![b],
            None => {
                let named: Vec<&str> = meta
                    .ids(EntityKind::Organization)
                    .iter()
                    .map(String::as_str)
                    .filter(|o| bodies.contains(o))
                    .collect();
                if named.len() > 3 { Vec::new() } else { named }
            }
        };
        let Some(head) = item.strip_suffix("</li>") else { continue };
        if named.is_empty() {
            continue;
        }
        let mut html = String::with_capacity(item.len() + 120);
        html.push_str(head);
        html.push_str("<p class=\"doc-body\">");
        html.push_str(&crate::text::escape::html(cx.t("doc_body")));
        html.push_str(": ");
        for (n, o) in named.iter().enumerate() {
            let l = cx.entity_link(EntityKind::Organization, o, String::new());
            if n > 0 {
                html.push_str(", ");
            }
            let lang =
                if l.lang.is_empty() { String::new() } else { format!(" lang=\"{}\"", l.lang) };
            html.push_str(&format!(
                "<a href=\"{}\"{lang}>{}</a>",
                crate::text::escape::html(&l.url),
                crate::text::escape::html(&l.name)
            ));
        }
        html.push_str("</p>\n</li>");
        *item = html;
    }
}

/// The serialized name of a unit enum variant (an organization type), as in the YAML files.
fn serde_name<T: Serialize>(v: &T) -> String {
    serde_yaml::to_string(v)
        .expect("a unit enum variant cannot fail to serialize: it is a plain YAML string")
        .trim()
        .to_string()
}

#[derive(Serialize)]
struct RoleRow {
    title: String,
    period: String,
    links: Vec<Link>,
}

#[derive(Serialize)]
struct PersonData {
    full_name: String,
    roles: Vec<RoleRow>,
}

fn person(cx: &Ctx, id: &str) -> PersonData {
    let p = &cx.graph.corpus.data::<Person>(id);
    let mut roles: Vec<(Option<crate::content::PartialDate>, RoleRow)> = p
        .roles
        .iter()
        .map(|r| {
            let mut links = Vec::new();
            links.extend(
                r.country.iter().map(|c| cx.entity_link(EntityKind::Country, c, String::new())),
            );
            links.extend(
                r.organization
                    .iter()
                    .map(|o| cx.entity_link(EntityKind::Organization, o, String::new())),
            );
            let row = RoleRow {
                title: r.title.get(cx.lang.as_str()).to_string(),
                period: cx.period(r.from.as_ref(), r.to.as_ref()),
                links,
            };
            (r.from, row)
        })
        .collect();
    roles.sort_by_key(|r| std::cmp::Reverse(r.0));
    PersonData {
        full_name: p.full_name.get(cx.lang.as_str()).to_string(),
        roles: roles.into_iter().map(|(_, r)| r).collect(),
    }
}

#[derive(Serialize)]
struct PlaceData {
    country: Option<Link>,
    /// Whether the place is the capital of `country` (said beside it, not in a row of its own
    /// that named the same country twice).
    capital: bool,
    events: Vec<Link>,
    /// Other countries it is the capital of (none in practice: a capital's country is its own).
    capital_of: Vec<Link>,
}

fn place(cx: &Ctx, id: &str, full: bool) -> PlaceData {
    let g = cx.graph;
    let p = &g.corpus.data::<Place>(id);
    let capital_of: Vec<&String> = g
        .corpus
        .entities
        .of::<Country>()
        .filter(|(_, c)| c.capital.as_deref() == Some(id))
        .map(|(e, _)| &e.id)
        .collect();
    let capital = p.country.as_ref().is_some_and(|c| capital_of.contains(&c));
    let capital_of = capital_of
        .into_iter()
        .filter(|c| p.country.as_ref() != Some(*c))
        .map(|c| cx.entity_link(EntityKind::Country, c, String::new()))
        .collect();
    PlaceData {
        country: p.country.as_ref().map(|c| cx.entity_link(EntityKind::Country, c, String::new())),
        capital,
        events: if full { event_links(cx, g.events_by_place.get(id)) } else { Vec::new() },
        capital_of,
    }
}

#[cfg(test)]
mod tests {
    use super::session_gap;

    #[test]
    fn a_missing_previous_session_is_named_by_its_numbers() {
        assert_eq!(session_gap(Some(23), Some(Some(22))), "");
        assert_eq!(session_gap(Some(23), Some(Some(21))), "22");
        assert_eq!(session_gap(Some(23), Some(Some(18))), "19–22");
        assert_eq!(session_gap(Some(23), None), "1–22");
        assert_eq!(session_gap(Some(1), None), "");
        assert_eq!(session_gap(Some(2), None), "1");
        // Numbers that cannot tell: none on this session, none on the previous one.
        assert_eq!(session_gap(None, Some(Some(3))), "");
        assert_eq!(session_gap(Some(5), Some(None)), "");
    }
}
