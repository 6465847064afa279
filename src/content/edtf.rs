//! [`Edtf`]: a document date as archivists record what they do not know — the Library of
//! Congress Extended Date/Time Format (ISO 8601-2), level 1, for a whole date:
//!
//! - qualified: `2023?` (uncertain), `2017-02-23~` (approximate), `2019-05%` (both);
//! - unspecified month or day: `2023-XX`, `2023-05-XX`, `2023-XX-XX`;
//! - intervals: `2019/2020`, `2019-03/2019-05~`, open (`../2020`, `2019/..`) or with an
//!   unknown end (`/2020`, `2019/`).
//!
//! A plain `YYYY`, `YYYY-MM`, `YYYY-MM-DD` is the same value as a [`PartialDate`]. What level 1
//! allows but an archive of recent documents does not need is refused with a message saying so:
//! a qualifier on one part of a date (`2004-?06`, level 2 anyway), seasons (`2001-21`), years
//! with unspecified digits (`201X`: write the interval `2010/2019`), years beyond 9999 (`Y…`),
//! negative years, and times. Level 2 (sets `[…]`, `{…}`, significant digits `S`, exponents)
//! is refused as such.

use std::fmt;

use super::date::PartialDate;

/// The forms the date field accepts, for error messages.
pub(crate) const ACCEPTED: &str = "accepted: 2019, 2019-11, 2019-11-02; with ? (uncertain), ~ (approximate) or % (both) after the whole date: 2023?, 2017-02-23~; X for an unknown month or day: 2023-XX, 2023-05-XX; an interval: 2019/2020, ../2020, 2019/..";

/// What is doubtful about a whole date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// `?`: the date is uncertain (possibly this date).
    Uncertain,
    /// `~`: the date is approximate (about this date).
    Approximate,
    /// `%`: both uncertain and approximate.
    Both,
}

impl Qualifier {
    fn mark(self) -> char {
        match self {
            Qualifier::Uncertain => '?',
            Qualifier::Approximate => '~',
            Qualifier::Both => '%',
        }
    }
}

/// One date of level 1: a [`PartialDate`] holding what is known, what was written as `X`, and
/// a qualifier on the whole of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EdtfDate {
    /// The known part: `2023-XX` holds 2023, `2023-05-XX` holds 2023-05.
    pub known: PartialDate,
    /// How many components were written as `X` after the known part (0, 1 or 2).
    pub unspecified: u8,
    /// `?`, `~` or `%` after the date.
    pub qualifier: Option<Qualifier>,
}

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum End {
    /// A date.
    Date(EdtfDate),
    /// `..`: open, the interval goes on without a bound.
    Open,
    /// Empty: a bound exists but is not known.
    Unknown,
}

/// A document date: one date or an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edtf {
    /// One date.
    Date(EdtfDate),
    /// `start/end`; at least one end is a date.
    Interval(End, End),
}

impl From<PartialDate> for Edtf {
    /// A plain date.
    fn from(known: PartialDate) -> Edtf {
        Edtf::Date(EdtfDate { known, unspecified: 0, qualifier: None })
    }
}

impl EdtfDate {
    /// Whether it is a plain date (no qualifier, no `X`).
    pub fn is_plain(&self) -> bool {
        self.unspecified == 0 && self.qualifier.is_none()
    }
}

impl Edtf {
    /// Parses a level-1 value (see the module documentation); the error says what is wrong.
    ///
    /// ```
    /// use archive::content::Edtf;
    /// assert_eq!(Edtf::parse("2019/2020").unwrap().to_string(), "2019/2020");
    /// assert!(Edtf::parse("2004-06~-11").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Edtf, String> {
        let s = s.trim();
        if let Some(what) = level2(s) {
            return Err(format!("«{s}»: {what} (EDTF level 2) is not accepted"));
        }
        match s.split_once('/') {
            None => Ok(Edtf::Date(date(s)?)),
            Some((a, b)) => {
                let (start, end) = (end(a)?, end(b)?);
                if !matches!(start, End::Date(_)) && !matches!(end, End::Date(_)) {
                    return Err(format!("«{s}»: an interval needs at least one date"));
                }
                if let (End::Date(x), End::Date(y)) = (start, end)
                    && first_day(x.known) > last_day(y.known)
                {
                    return Err(format!("«{s}»: the interval ends before it starts"));
                }
                Ok(Edtf::Interval(start, end))
            }
        }
    }

    /// The value as a plain date, when it is one.
    pub fn plain(&self) -> Option<PartialDate> {
        match self {
            Edtf::Date(d) if d.is_plain() => Some(d.known),
            _ => None,
        }
    }

    /// The date the document is filed, grouped and sorted under: the known part of the date,
    /// or of the interval's start — of its end when the start is open or unknown. This is the
    /// earliest day the value can mean, at the precision known (`../2020` has no earliest day
    /// and files under 2020, its only bound).
    pub fn anchor(&self) -> PartialDate {
        match self {
            Edtf::Date(d) | Edtf::Interval(End::Date(d), _) => d.known,
            Edtf::Interval(_, End::Date(d)) => d.known,
            // `parse` refuses an interval without a date.
            Edtf::Interval(_, _) => unreachable!("an interval has a date at one end"),
        }
    }

    /// The earliest and latest day the value can mean (`YYYY-MM-DD`), `None` at an open or
    /// unknown end.
    pub fn bounds(&self) -> (Option<String>, Option<String>) {
        let (a, b) = match self {
            Edtf::Date(d) => (End::Date(*d), End::Date(*d)),
            Edtf::Interval(a, b) => (*a, *b),
        };
        let day = |e: End, f: fn(PartialDate) -> PartialDate| match e {
            End::Date(d) => Some(f(d.known).to_string()),
            _ => None,
        };
        (day(a, first_day), day(b, last_day))
    }
}

/// The first day a date at its precision can mean.
fn first_day(d: PartialDate) -> PartialDate {
    PartialDate { year: d.year, month: Some(d.month.unwrap_or(1)), day: Some(d.day.unwrap_or(1)) }
}

/// The last day a date at its precision can mean.
fn last_day(d: PartialDate) -> PartialDate {
    let month = d.month.unwrap_or(12);
    let day =
        d.day.unwrap_or_else(|| super::date::days_in_month(d.year.into(), month.into()) as u8);
    PartialDate { year: d.year, month: Some(month), day: Some(day) }
}

/// The level-2 feature `s` uses, if any.
fn level2(s: &str) -> Option<&'static str> {
    if s.contains(['[', ']', '{', '}']) {
        return Some("a set of dates");
    }
    let digit_then = |c: u8| s.as_bytes().windows(2).any(|w| w[0].is_ascii_digit() && w[1] == c);
    if digit_then(b'S') || digit_then(b'E') {
        return Some("significant digits or an exponent");
    }
    // A qualifier anywhere but at the very end of a date is a qualified component.
    let qualified_part = s.split('/').any(|d| {
        let body = d.trim_end_matches(['?', '~', '%']);
        body.contains(['?', '~', '%'])
    });
    qualified_part
        .then_some("a qualifier on one part of a date (put ?, ~ or % after the whole date)")
}

fn end(s: &str) -> Result<End, String> {
    match s {
        ".." => Ok(End::Open),
        "" => Ok(End::Unknown),
        _ => Ok(End::Date(date(s)?)),
    }
}

fn date(s: &str) -> Result<EdtfDate, String> {
    let bad = |why: &str| format!("«{s}»: {why}");
    let (body, qualifier) = match s.chars().last() {
        Some('?') => (&s[..s.len() - 1], Some(Qualifier::Uncertain)),
        Some('~') => (&s[..s.len() - 1], Some(Qualifier::Approximate)),
        Some('%') => (&s[..s.len() - 1], Some(Qualifier::Both)),
        _ => (s, None),
    };
    if body.contains('T') || body.contains(':') {
        return Err(bad("a time of day is not accepted"));
    }
    if body.starts_with('Y') || body.starts_with('-') {
        return Err(bad("only years 1000–9999 are accepted"));
    }
    let parts: Vec<&str> = body.split('-').collect();
    if parts[0].contains(['X', 'x']) {
        return Err(bad(
            "a year with unspecified digits is not accepted; write an interval such as 2010/2019",
        ));
    }
    if let Some(m) = parts.get(1).and_then(|m| m.parse::<u8>().ok())
        && (21..=41).contains(&m)
    {
        return Err(bad(
            "seasons are not accepted; write an interval of months such as 2001-03/2001-05",
        ));
    }
    let unknown = |p: &&str| p.eq_ignore_ascii_case("XX");
    let count = parts.iter().take_while(|p| !unknown(p)).count();
    if parts[count..].iter().any(|p| !unknown(p)) {
        return Err(bad("after an unspecified month (XX) the day must be XX too"));
    }
    if parts.len() > 3 {
        return Err(bad("expected YYYY, YYYY-MM or YYYY-MM-DD"));
    }
    let known = PartialDate::parse(&parts[..count].join("-"))
        .map_err(|e| if e.contains(s) { e } else { bad(&e) })?;
    Ok(EdtfDate { known, unspecified: (parts.len() - count) as u8, qualifier })
}

impl fmt::Display for EdtfDate {
    /// The EDTF text, `X` and qualifier included.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.known)?;
        for _ in 0..self.unspecified {
            f.write_str("-XX")?;
        }
        if let Some(q) = self.qualifier {
            write!(f, "{}", q.mark())?;
        }
        Ok(())
    }
}

impl fmt::Display for Edtf {
    /// The EDTF text in its canonical form (`x` written `X`, spaces trimmed).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = |e: &End| match e {
            End::Date(d) => d.to_string(),
            End::Open => "..".into(),
            End::Unknown => String::new(),
        };
        match self {
            Edtf::Date(d) => write!(f, "{d}"),
            Edtf::Interval(a, b) => write!(f, "{}/{}", end(a), end(b)),
        }
    }
}

/// The date field of a document's front matter, read as its [`Edtf::anchor`] (the loader keeps
/// the whole value in [`super::Document::edtf`]). A visitor, not a detour through a YAML value,
/// so that an error carries the field and line of the value.
pub(crate) fn anchor_of<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<PartialDate>, D::Error> {
    use serde::de::{self, Deserializer, Visitor};
    struct Value;
    impl Visitor<'_> for Value {
        type Value = PartialDate;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(ACCEPTED)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
            Edtf::parse(v).map(|e| e.anchor()).map_err(|e| E::custom(format!("{e}; {ACCEPTED}")))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
            self.visit_str(&v.to_string())
        }
    }
    struct Optional;
    impl<'de> Visitor<'de> for Optional {
        type Value = Option<PartialDate>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(ACCEPTED)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(Value).map(Some)
        }
    }
    d.deserialize_option(Optional)
}

/// Reads a front matter date — any [`Edtf`] value, or a YAML integer year — for
/// `#[serde(deserialize_with)]`.
pub(crate) fn from_yaml(v: &serde_yaml::Value) -> Result<Edtf, String> {
    match v {
        serde_yaml::Value::String(s) => Edtf::parse(s),
        serde_yaml::Value::Number(n) => Edtf::parse(&n.to_string()),
        _ => Err("expected a date".into()),
    }
    .map_err(|e| format!("{e}; {ACCEPTED}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Edtf {
        Edtf::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn level_0_values_are_plain_dates() {
        for s in ["1985", "2004-06", "2004-06-11"] {
            assert_eq!(p(s).plain(), Some(PartialDate::parse(s).unwrap()), "{s}");
            assert_eq!(p(s).to_string(), s);
        }
        assert_eq!(p("1964/2008").to_string(), "1964/2008");
        assert_eq!(p("2004-02-01/2005-02-08").plain(), None);
    }

    #[test]
    fn level_1_qualified_dates() {
        let q = |s: &str| match p(s) {
            Edtf::Date(d) => (d.known.to_string(), d.qualifier),
            other => panic!("{other:?}"),
        };
        assert_eq!(q("1984?"), ("1984".into(), Some(Qualifier::Uncertain)));
        assert_eq!(q("2004-06~"), ("2004-06".into(), Some(Qualifier::Approximate)));
        assert_eq!(q("2004-06-11%"), ("2004-06-11".into(), Some(Qualifier::Both)));
        assert_eq!(p("1984?").plain(), None);
        assert_eq!(p("2017-02-23~").to_string(), "2017-02-23~");
    }

    #[test]
    fn level_1_unspecified_month_and_day() {
        let u = |s: &str| match p(s) {
            Edtf::Date(d) => (d.known.to_string(), d.unspecified),
            other => panic!("{other:?}"),
        };
        assert_eq!(u("2023-XX"), ("2023".into(), 1));
        assert_eq!(u("1985-04-XX"), ("1985-04".into(), 1));
        assert_eq!(u("1985-XX-XX"), ("1985".into(), 2));
        assert_eq!(p("1985-xx-xx").to_string(), "1985-XX-XX");
        assert_eq!(p("2023-XX?").to_string(), "2023-XX?");
        assert!(Edtf::parse("1985-XX-12").is_err(), "a known day after an unknown month");
    }

    #[test]
    fn level_1_intervals_and_open_ends() {
        assert!(matches!(p("../1985-04-12"), Edtf::Interval(End::Open, End::Date(_))));
        assert!(matches!(p("1985-04-12/.."), Edtf::Interval(End::Date(_), End::Open)));
        assert!(matches!(p("/1985-04-12"), Edtf::Interval(End::Unknown, End::Date(_))));
        assert!(matches!(p("1985-04/"), Edtf::Interval(End::Date(_), End::Unknown)));
        assert_eq!(p("2004-06-01/2004-06-20~").to_string(), "2004-06-01/2004-06-20~");
        assert_eq!(p("2019-05/2019").to_string(), "2019-05/2019", "a month inside its year");
        for s in ["../..", "/", "2020/2019", "2019-06/2019-05-31"] {
            assert!(Edtf::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn anchor_is_the_earliest_known_date() {
        let a = |s: &str| p(s).anchor().to_string();
        assert_eq!(a("2023?"), "2023");
        assert_eq!(a("2023-05-XX"), "2023-05");
        assert_eq!(a("2019/2020"), "2019");
        assert_eq!(a("../2020"), "2020");
        assert_eq!(a("2019-03~/.."), "2019-03");
    }

    #[test]
    fn bounds_are_first_and_last_days() {
        let b = |s: &str| p(s).bounds();
        assert_eq!(b("2023?"), (Some("2023-01-01".into()), Some("2023-12-31".into())));
        assert_eq!(b("2024-02-XX"), (Some("2024-02-01".into()), Some("2024-02-29".into())));
        assert_eq!(b("2019/2020-06"), (Some("2019-01-01".into()), Some("2020-06-30".into())));
        assert_eq!(b("../2020"), (None, Some("2020-12-31".into())));
    }

    #[test]
    fn refused_forms_say_why() {
        let e = |s: &str| Edtf::parse(s).unwrap_err();
        assert!(e("2004-06~-11").contains("one part of a date"));
        assert!(e("?2004-06").contains("one part of a date"));
        assert!(e("[1667,1668]").contains("level 2"));
        assert!(e("1950S2").contains("level 2"));
        assert!(e("201X").contains("2010/2019"));
        assert!(e("2001-21").contains("seasons"));
        assert!(e("Y170000002").contains("1000–9999"));
        assert!(e("-1985").contains("1000–9999"));
        assert!(e("2004-01-01T10:10:10Z").contains("time"));
        assert!(e("2024-02-30?").contains("does not exist"));
        assert!(e("около 2019").contains("около 2019"));
    }

    #[test]
    fn yaml_values_and_the_accepted_forms_in_errors() {
        let v = |s: &str| from_yaml(&serde_yaml::from_str(s).unwrap());
        assert_eq!(v("2019").unwrap().plain(), PartialDate::parse("2019").ok());
        assert_eq!(v("'2023?'").unwrap().to_string(), "2023?");
        let err = v("'2019.11.02'").unwrap_err();
        assert!(err.contains("2019.11.02") && err.contains("accepted: 2019, 2019-11"), "{err}");
        assert!(v("[2019]").is_err());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every value prints back to a text that parses to the same value.
        #[test]
        fn round_trip(text in "[0-9X?~%/.-]{0,24}") {
            if let Ok(v) = Edtf::parse(&text) {
                prop_assert_eq!(Edtf::parse(&v.to_string()), Ok(v));
            }
        }

        /// Arbitrary text never panics the parser.
        #[test]
        fn never_panics(text in "\\PC{0,24}") {
            let _ = Edtf::parse(&text);
        }
    }
}
