//! Scoring which event a text is about, by date, body, session number, place and named aliases.

use std::collections::BTreeSet;

use super::found::Found;
use super::index::EntityIndex;
use crate::content::{EntityKind, PartialDate};
use crate::text::tokenize;

/// The event a text is about: the best-scoring event by date, body, session number, place and
/// named aliases; `None` with the close candidates when no event is clearly best.
pub fn event(
    index: &EntityIndex,
    text: &str,
    found: &Found,
    in_title: &Found,
    date: Option<PartialDate>,
) -> (Option<String>, Vec<String>) {
    let numbers = session_numbers(text);
    let mut scored: Vec<(u32, &str)> = index
        .events
        .iter()
        .map(|e| {
            let mut s = 0;
            if let (Some(d), Some(ed)) = (date, e.date) {
                let end = e.end.unwrap_or(ed);
                if d.day.is_some() && ed <= d && d <= end {
                    s += 2;
                } else if d.year == ed.year && d.month.is_some() && d.month == ed.month {
                    s += 1;
                }
            }
            if e.body.as_ref().is_some_and(|b| found.of(EntityKind::Organization).contains(b)) {
                s += 1;
            }
            if e.place.as_ref().is_some_and(|p| found.of(EntityKind::Place).contains(p)) {
                s += 1;
            }
            if e.number.is_some_and(|n| numbers.contains(&n)) && s > 0 {
                s += 2;
            }
            if found.of(EntityKind::Event).contains(&e.id) {
                s += 3;
            }
            // The headline names the subject: its place or body there weighs more.
            if e.place.as_ref().is_some_and(|p| in_title.of(EntityKind::Place).contains(p)) && s > 0
            {
                s += 1;
            }
            (s, e.id.as_str())
        })
        .filter(|(s, _)| *s >= 2)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let close: Vec<String> = scored.iter().map(|(_, id)| id.to_string()).collect();
    match scored.as_slice() {
        [(best, id), rest @ ..] if *best >= 3 && rest.first().is_none_or(|(s, _)| s < best) => {
            (Some(id.to_string()), Vec::new())
        }
        _ => (None, close),
    }
}

/// Session numbers the text mentions: «18-м заседании», «16-е заседание», «23-ші отырысы».
fn session_numbers(text: &str) -> BTreeSet<u32> {
    let toks = tokenize(text);
    let mut out = BTreeSet::new();
    for (i, t) in toks.iter().enumerate() {
        let digits: String = t.text.chars().take_while(|c| c.is_ascii_digit()).collect();
        let Ok(n) = digits.parse::<u32>() else { continue };
        if digits.len() > 3 {
            continue;
        }
        let next = toks.get(i + 1).map(|n| n.folded.as_str()).unwrap_or_default();
        if ["заседан", "отырыс", "сесси", "саммит", "встреч", "кездесу", "съезд", "форум"]
            .iter()
            .any(|w| next.starts_with(w))
        {
            out.insert(n);
        }
    }
    out
}
