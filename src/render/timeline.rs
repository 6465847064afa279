//! The timeline page — documents and events per year, linked to the year pages, and the
//! membership charts of the organizations — and the per-year charts of entity pages.

use std::collections::BTreeMap;

use serde::Serialize;

use super::charts::{self, Labels, MemberRow, YearBar};
use super::frame::{Built, built_page, page_frame};
use super::views::{Ctx, Link};
use crate::content::{EntityKind, Event, MemberStatus, OrgType, Organization};
use crate::routes::Route;

/// Bars per year from the first to the last year with a document or an event. A bar links to
/// `list(year)` when given and the year has documents (an entity's documents of that year: its
/// list filtered by `lists.js`), else to the year's page.
pub(crate) fn year_bars(
    cx: &Ctx,
    docs: &[usize],
    events: &[&String],
    list: Option<&dyn Fn(u16) -> String>,
) -> Vec<YearBar> {
    let g = cx.graph;
    let mut counts: BTreeMap<u16, (usize, usize)> = BTreeMap::new();
    for &i in docs {
        // A document files under its earliest date, or its event's (see `Document::filed_date`).
        if let Some(d) = g.doc(i).filed_date() {
            counts.entry(d.year).or_default().0 += 1;
        }
    }
    for id in events {
        if let Some(d) = g.corpus.entities.get_as::<Event>(id).and_then(|(_, e)| e.date) {
            counts.entry(d.year).or_default().1 += 1;
        }
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let has_year_page: std::collections::BTreeSet<u16> =
        g.years.iter().filter_map(|(y, _)| *y).collect();
    (first..=last)
        .map(|year| {
            let (d, e) = counts.get(&year).copied().unwrap_or_default();
            let url = match list {
                Some(list) if d > 0 => Some(list(year)),
                _ => has_year_page
                    .contains(&year)
                    .then(|| cx.url(&Route::Year { year: Some(year), page: 1 })),
            };
            YearBar { year, url, values: vec![d, e] }
        })
        .collect()
}

/// The documents-and-events-per-year chart of a set of documents and events; `list` as in
/// [`year_bars`].
pub(crate) fn chart(
    cx: &Ctx,
    docs: &[usize],
    events: &[&String],
    id: &str,
    list: Option<&dyn Fn(u16) -> String>,
) -> String {
    let bars = year_bars(cx, docs, events, list);
    let series = [cx.t("documents"), cx.t("events")];
    charts::years(
        &bars,
        &Labels { title: cx.t("chart_per_year"), series: &series, year: cx.t("year") },
        id,
    )
}

/// The membership chart of organization `id`, or an empty string when it has no dated members.
pub(crate) fn membership_chart(cx: &Ctx, id: &str) -> String {
    let g = cx.graph;
    let Some((_, org)) = g.corpus.entities.get_as::<Organization>(id) else {
        return String::new();
    };
    let members = &org.members;
    if members.iter().all(|m| m.from.is_none()) {
        return String::new();
    }
    let last_known = g
        .corpus
        .documents
        .iter()
        .filter_map(|d| d.meta.date.map(|x| x.year))
        .chain(members.iter().flat_map(|m| [m.from, m.to]).flatten().map(|d| d.year))
        .max()
        .unwrap_or(2000);
    let start = members.iter().filter_map(|m| m.from.map(|d| d.year)).min().unwrap_or(last_known);
    let end = last_known + 1;
    let mut rows: BTreeMap<String, MemberRow> = BTreeMap::new();
    for m in members {
        let Some(from) = m.from else { continue };
        let link = cx.entity_link(EntityKind::Country, &m.country, String::new());
        let label = cx.strings.get(cx.lang, &format!("status_{}", m.status.as_str())).to_string();
        let period = cx.period(m.from.as_ref(), m.to.as_ref());
        let to = m.to.map(|d| charts::year_fraction(&d)).unwrap_or(f64::from(end));
        let row = rows.entry(link.name.to_lowercase()).or_insert_with(|| MemberRow {
            name: link.name.clone(),
            url: link.url.clone(),
            periods: Vec::new(),
        });
        row.periods.push((charts::year_fraction(&from), to, status_class(m.status), label, period));
    }
    let mut rows: Vec<MemberRow> = rows.into_values().collect();
    rows.sort_by(|a, b| {
        let first = |r: &MemberRow| r.periods.iter().map(|p| p.0).fold(f64::MAX, f64::min);
        first(a).total_cmp(&first(b)).then(a.name.cmp(&b.name))
    });
    let statuses: Vec<(&'static str, String)> = [
        MemberStatus::Member,
        MemberStatus::Associate,
        MemberStatus::Observer,
        MemberStatus::DialoguePartner,
    ]
    .into_iter()
    .filter(|s| members.iter().any(|m| m.status == *s))
    .map(|s| {
        (status_class(s), cx.strings.get(cx.lang, &format!("status_{}", s.as_str())).to_string())
    })
    .collect();
    let name = cx.graph.name(EntityKind::Organization, id, cx.lang.as_str());
    let title = format!("{}: {name}", cx.t("chart_membership"));
    charts::membership(&rows, start, end, &title, &format!("members-{id}"), &statuses)
}

fn status_class(s: MemberStatus) -> &'static str {
    match s {
        MemberStatus::Member => "st-member",
        MemberStatus::Associate => "st-associate",
        MemberStatus::Observer => "st-observer",
        MemberStatus::DialoguePartner => "st-partner",
    }
}

#[derive(Serialize)]
struct Body {
    chart: String,
    /// The documents with no date at all, which the chart cannot show: a link to their list.
    undated: Option<Link>,
    memberships: Vec<String>,
    organizations: Vec<Link>,
    /// Years, newest first, each with its months, events and documents.
    chronology: Vec<super::chronology::Year>,
    /// «документов: 3» of the undated documents.
    undated_count: String,
}

/// Builds the timeline page.
pub(crate) fn build(cx: &Ctx, route: &Route) -> Built {
    let g = cx.graph;
    let docs: Vec<usize> = (0..g.corpus.documents.len()).collect();
    let events: Vec<&String> = g.corpus.ids(EntityKind::Event);
    let chart = chart(cx, &docs, &events, "timeline", None);
    let top: Vec<&String> = g
        .corpus
        .entities
        .of::<Organization>()
        .filter(|(_, o)| {
            o.org_type == Some(OrgType::International)
                && o.members.iter().filter(|m| m.from.is_some()).count() >= 3
        })
        .map(|(e, _)| &e.id)
        .collect();
    let memberships =
        top.iter().map(|id| membership_chart(cx, id)).filter(|s| !s.is_empty()).collect();
    let mut organizations: Vec<Link> = g
        .corpus
        .entities
        .ids(EntityKind::Organization)
        .filter(|id| !g.documents_of(EntityKind::Organization, id).is_empty())
        .map(|id| {
            let mut l = cx.entity_link(
                EntityKind::Organization,
                id,
                cx.num(g.documents_of(EntityKind::Organization, id).len()),
            );
            l.url.push_str("#timeline");
            l
        })
        .collect();
    organizations.sort_by(|a, b| {
        b.detail
            .parse::<usize>()
            .unwrap_or(0)
            .cmp(&a.detail.parse::<usize>().unwrap_or(0))
            .then(a.name.cmp(&b.name))
    });
    let undated = g.years.iter().find(|(y, _)| y.is_none()).map(|(_, list)| Link {
        url: cx.url(&Route::Year { year: None, page: 1 }),
        name: cx.t("undated").into(),
        detail: cx.num(list.len()),
        lang: String::new(),
    });
    let chronology = super::chronology::years(cx);
    let undated_count = undated
        .as_ref()
        .map(|l| super::chronology::count(cx, l.detail.parse().unwrap_or(0)))
        .unwrap_or_default();
    let body = Body { chart, undated, memberships, organizations, chronology, undated_count };
    let p = page_frame(cx, route, route, cx.t("timeline").into(), String::new(), "timeline", body);
    built_page("timeline.html", &p)
}
