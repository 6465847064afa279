//! The chronology of the timeline page: years newest first, each with its months newest first,
//! holding the month's events and how many documents it has; a document whose date is uncertain
//! (EDTF, see [`crate::content::Edtf`]) is listed by name, with its marker, where it is filed (a
//! year without a month goes under «month unknown»). Undated documents have their own section on
//! the page, so none is lost.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::Serialize;

use super::views::{Ctx, Link};
use crate::content::{EntityKind, Event};
use crate::routes::Route;

/// One year of the chronology.
#[derive(Serialize)]
pub(crate) struct Year {
    pub(crate) year: u16,
    /// Its page (all its documents, filterable).
    pub(crate) url: String,
    /// Its documents.
    pub(crate) docs: usize,
    /// «документов: 12».
    pub(crate) count: String,
    pub(crate) months: Vec<Month>,
}

/// One month of a year (month 0: a date with a year alone).
#[derive(Serialize)]
pub(crate) struct Month {
    pub(crate) label: String,
    /// «документов: 3», empty for a month with events alone.
    pub(crate) count: String,
    pub(crate) events: Vec<Link>,
    /// Rendered list items of the documents filed here under an uncertain date.
    pub(crate) uncertain: Vec<String>,
}

#[derive(Default)]
struct Slot<'a> {
    docs: usize,
    events: Vec<&'a String>,
    uncertain: Vec<usize>,
}

/// The chronology of the whole archive, newest year first.
pub(crate) fn years(cx: &Ctx) -> Vec<Year> {
    let g = cx.graph;
    let mut slots: BTreeMap<Reverse<(u16, u8)>, Slot> = BTreeMap::new();
    for (i, d) in g.corpus.documents.iter().enumerate() {
        let Some(date) = d.filed_date() else { continue };
        let slot = slots.entry(Reverse((date.year, date.month.unwrap_or(0)))).or_default();
        slot.docs += 1;
        if d.edtf.is_some() {
            slot.uncertain.push(i);
        }
    }
    for id in g.corpus.ids(EntityKind::Event) {
        if let Some(date) = g.corpus.entities.get_as::<Event>(id).and_then(|(_, e)| e.date) {
            slots.entry(Reverse((date.year, date.month.unwrap_or(0)))).or_default().events.push(id);
        }
    }
    let mut years: Vec<Year> = Vec::new();
    for (Reverse((year, month)), slot) in slots {
        if years.last().is_none_or(|y| y.year != year) {
            let url = cx.url(&Route::Year { year: Some(year), page: 1 });
            years.push(Year { year, url, docs: 0, count: String::new(), months: Vec::new() });
        }
        let y = years.last_mut().expect("a year was pushed above");
        y.docs += slot.docs;
        y.months.push(month_of(cx, month, slot));
    }
    for y in &mut years {
        y.count = count(cx, y.docs);
    }
    years
}

/// «документов: 12».
pub(crate) fn count(cx: &Ctx, n: usize) -> String {
    cx.t("chronology_docs").replace("{n}", &n.to_string())
}

fn month_of(cx: &Ctx, month: u8, slot: Slot) -> Month {
    let g = cx.graph;
    let label = match month {
        0 => cx.t("month_unknown").to_string(),
        m => capitalized(cx.t(&format!("month_nom_{m}"))),
    };
    let date = |id: &String| g.corpus.entities.get_as::<Event>(id).and_then(|(_, e)| e.date);
    let mut events = slot.events;
    // Newest first within the month, then by id, as event lists elsewhere.
    events.sort_by(|a, b| (Reverse(date(a)), a).cmp(&(Reverse(date(b)), b)));
    let events = events
        .into_iter()
        .map(|id| cx.entity_link(EntityKind::Event, id, cx.date_or_unknown(date(id).as_ref())))
        .collect();
    let uncertain = slot.uncertain.iter().map(|&i| cx.doc_item_html(i)).collect();
    let count = if slot.docs > 0 { count(cx, slot.docs) } else { String::new() };
    Month { label, count, events, uncertain }
}

/// «январь» → «Январь» (a heading).
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_become_headings() {
        assert_eq!(capitalized("қаңтар"), "Қаңтар");
        assert_eq!(capitalized(""), "");
    }
}
