//! Dates: `PartialDate::parse` on any text (a date it accepts prints back as written and is a
//! real calendar date) and the importer's `dates::find` in running text (every mention is a
//! slice of the text at its offset, in order, and a real date).

#![no_main]

use archive::content::PartialDate;
use archive::import::dates::{Found, find};
use libfuzzer_sys::fuzz_target;

fn check_date(d: PartialDate) {
    assert!((1000..=9999).contains(&d.year), "{d:?}");
    assert!(d.month.is_none_or(|m| (1..=12).contains(&m)), "{d:?}");
    assert!(d.day.is_none() || d.month.is_some(), "{d:?}");
    assert!(d.day.is_none_or(|x| (1..=31).contains(&x)), "{d:?}");
    assert_eq!(PartialDate::parse(&d.to_string()), Ok(d));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(d) = PartialDate::parse(text) {
        assert_eq!(d.to_string(), text.trim());
        check_date(d);
    }
    let mut last_end = 0;
    for m in find(text) {
        assert!(m.start >= last_end, "mentions overlap or go back: {m:?}");
        assert!(!m.text.is_empty());
        assert_eq!(text.get(m.start..m.start + m.text.len()), Some(m.text.as_str()));
        last_end = m.start + m.text.len();
        match m.found {
            Found::Date(d) => check_date(d),
            Found::DayMonth { day, month } => {
                assert!((1..=31).contains(&day) && (1..=12).contains(&month), "{m:?}");
            }
        }
    }
});
