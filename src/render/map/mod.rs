//! The region map drawn at build time as inline SVG (no tiles, no script, no service: it works
//! offline and on GitHub Pages): the countries of Central Asia and their neighbours from Natural
//! Earth, event places as points that link to the place pages, and a table of the same points.
//!
//! Which page shows what ([`for_route`]): the home and chronology pages every event place; a
//! country's page the places of the events it took part in, itself shaded; an organization's
//! page the places of its own and its bodies' sessions, its members shaded by current status;
//! a place's page the place itself, its country shaded. Other pages get no map. The base layer
//! is projected once per process ([`base`]); a page adds only its shading and points.

mod base;
mod projection;
mod svg;

use std::collections::BTreeMap;

use super::views::Ctx;
use crate::content::{Country, EntityKind, Event, MemberStatus, Organization, Place};
use crate::routes::Route;
use svg::{Point, Words};

/// Countries to shade: ISO code and class.
type Shading = Vec<(String, &'static str)>;

/// The base layer's file under `assets/`.
pub(crate) const ASSET: &str = "map.svg";

/// The base layer's file (see [`base::asset`]).
pub(crate) fn asset() -> String {
    base::asset()
}

/// The map of the page at `route`, or an empty string for a page without one.
pub(crate) fn for_route(cx: &Ctx, route: &Route) -> String {
    let g = cx.graph;
    let (events, shade, focus, id): (Vec<&String>, Shading, Option<&str>, String) = match route {
        Route::Home => {
            (g.events_by_place.values().flatten().collect(), vec![], None, "map-home".into())
        }
        Route::Timeline => {
            (g.events_by_place.values().flatten().collect(), vec![], None, "map-timeline".into())
        }
        Route::Entity { kind: EntityKind::Country, id, page: 1 } => {
            let events =
                g.events_by_country.get(id).map(|v| v.iter().collect()).unwrap_or_default();
            let shade = iso_of(cx, id).map(|iso| vec![(iso, "h")]).unwrap_or_default();
            (events, shade, None, format!("map-{id}"))
        }
        Route::Entity { kind: EntityKind::Organization, id, page: 1 } => {
            (body_events(cx, id), member_shading(cx, id), None, format!("map-{id}"))
        }
        Route::Entity { kind: EntityKind::Place, id, page: 1 } => {
            let country =
                g.corpus.entities.get_as::<Place>(id).and_then(|(_, p)| p.country.clone());
            let shade = country
                .and_then(|c| iso_of(cx, &c))
                .map(|iso| vec![(iso, "h")])
                .unwrap_or_default();
            let events = g.events_by_place.get(id).map(|v| v.iter().collect()).unwrap_or_default();
            (events, shade, Some(id.as_str()), format!("map-{id}"))
        }
        _ => return String::new(),
    };
    let points = points(cx, &events, focus);
    if points.is_empty() && shade.is_empty() {
        return String::new();
    }
    let words = words(cx, &shade);
    let asset = crate::routes::asset(&cx.config.base_path, ASSET);
    svg::draw(base::base(), &asset, &shade, &points, &words, &id)
}

/// The events of organization `id` and of its bodies (one level down, as its page lists them).
fn body_events<'a>(cx: &Ctx<'a>, id: &str) -> Vec<&'a String> {
    let g = cx.graph;
    let bodies =
        std::iter::once(id).chain(g.children.get(id).into_iter().flatten().map(String::as_str));
    bodies.flat_map(|b| g.events_by_body.get(b).into_iter().flatten()).collect()
}

/// A country's ISO code, from its file.
fn iso_of(cx: &Ctx, country: &str) -> Option<String> {
    cx.graph.corpus.entities.get_as::<Country>(country).and_then(|(_, c)| c.iso.clone())
}

/// Each current member of organization `id` by status: `m` member (or associate), `o` observer,
/// `p` dialogue partner. A membership with an end date is over and not shaded.
fn member_shading(cx: &Ctx, id: &str) -> Vec<(String, &'static str)> {
    let Some((_, org)) = cx.graph.corpus.entities.get_as::<Organization>(id) else { return vec![] };
    let mut shade: BTreeMap<String, &'static str> = BTreeMap::new();
    for m in org.members.iter().filter(|m| m.to.is_none()) {
        let class = match m.status {
            MemberStatus::Member | MemberStatus::Associate => "m",
            MemberStatus::Observer => "o",
            MemberStatus::DialoguePartner => "p",
        };
        if let Some(iso) = iso_of(cx, &m.country) {
            shade.insert(iso, class);
        }
    }
    shade.into_iter().collect()
}

/// One point per place of `events` (with how many of them it held), and the focus place even
/// when it held none; ordered by name in the UI language.
fn points(cx: &Ctx, events: &[&String], focus: Option<&str>) -> Vec<Point> {
    let g = cx.graph;
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for e in events {
        if let Some(place) =
            g.corpus.entities.get_as::<Event>(e).and_then(|(_, ev)| ev.place.as_deref())
        {
            *count.entry(place).or_default() += 1;
        }
    }
    if let Some(f) = focus {
        count.entry(f).or_default();
    }
    let mut points: Vec<Point> = count
        .into_iter()
        .filter_map(|(id, events)| {
            let (_, place) = g.corpus.entities.get_as::<Place>(id)?;
            let link = cx.entity_link(EntityKind::Place, id, String::new());
            let country =
                place.country.as_deref().map(|c| g.name(EntityKind::Country, c, cx.lang.as_str()));
            Some(Point {
                at: place.coordinates.map(|c| (c.lon, c.lat)),
                name: link.name.clone(),
                url: link.url.clone(),
                country: country.map(str::to_string).unwrap_or_default(),
                events,
                focus: focus == Some(id),
            })
        })
        .collect();
    points.sort_by(|a, b| a.name.cmp(&b.name).then(a.url.cmp(&b.url)));
    points
}

/// The map's words, and a legend entry for each shading used.
fn words<'a>(cx: &Ctx<'a>, shade: &[(String, &'static str)]) -> Words<'a> {
    let legend =
        [("m", "status_member"), ("o", "status_observer"), ("p", "status_dialogue_partner")]
            .into_iter()
            .filter(|(class, _)| shade.iter().any(|(_, c)| c == class))
            .map(|(class, key)| (class, cx.t(key).to_string()))
            .collect();
    Words {
        title: cx.t("map_title"),
        columns: [cx.t("map_place"), cx.t("country"), cx.t("map_events")],
        off_map: cx.t("map_off"),
        legend,
    }
}
