//! [`PartialDate`]: a date known to the year, the month or the day (`2019`, `2019-11`,
//! `2019-11-02`), as archives record them. Impossible dates (2024-02-30) are rejected.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A date with optional month and day. Orders chronologically, a less precise date first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year (1000–9999).
    pub year: u16,
    /// Month 1–12, when known.
    pub month: Option<u8>,
    /// Day of month, when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    ///
    /// ```
    /// use archive::content::PartialDate;
    /// assert_eq!(PartialDate::parse("2019-11").unwrap().to_string(), "2019-11");
    /// assert!(PartialDate::parse("2024-02-30").is_err());
    /// assert!(PartialDate::parse("2 ноября 2019").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<PartialDate, String> {
        let bad = || format!("expected YYYY, YYYY-MM or YYYY-MM-DD, got «{s}»");
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (year, month, day) = match parts.as_slice() {
            [y] => (num(y, 4)?, None, None),
            [y, m] => (num(y, 4)?, Some(num(m, 2)?), None),
            [y, m, d] => (num(y, 4)?, Some(num(m, 2)?), Some(num(d, 2)?)),
            _ => return Err(bad()),
        };
        if year < 1000 {
            return Err(format!("year {year} is out of range"));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!("month {m} does not exist in «{s}»"));
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = days_in_month(year, m);
            if d == 0 || d > last {
                return Err(format!("{s} does not exist (that month has {last} days)"));
            }
        }
        Ok(PartialDate {
            year: year as u16,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }
}

pub(super) fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    /// ISO form at the known precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_levels_and_order() {
        let y = PartialDate::parse("2019").unwrap();
        let m = PartialDate::parse("2019-11").unwrap();
        let d = PartialDate::parse("2019-11-02").unwrap();
        assert!(y < m && m < d);
        assert_eq!(d.to_string(), "2019-11-02");
    }

    #[test]
    fn impossible_and_malformed_dates() {
        for s in ["2024-02-30", "2023-02-29", "2019-13", "2019-00-10", "19-11-02", "2019/11/02", ""]
        {
            assert!(PartialDate::parse(s).is_err(), "{s}");
        }
        assert!(PartialDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn yaml_integer_year() {
        let d: PartialDate = serde_yaml::from_str("2019").unwrap();
        assert_eq!(d, PartialDate { year: 2019, month: None, day: None });
        let d: PartialDate = serde_yaml::from_str("2019-11-02").unwrap();
        assert_eq!(d.day, Some(2));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every valid date prints back to the text it was parsed from.
        #[test]
        fn round_trip(y in 1000u16..=9999, m in 1u8..=12, d in 1u8..=31, precision in 0u8..3) {
            let text = match precision {
                0 => format!("{y:04}"),
                1 => format!("{y:04}-{m:02}"),
                _ => format!("{y:04}-{m:02}-{d:02}"),
            };
            match PartialDate::parse(&text) {
                Ok(date) => prop_assert_eq!(date.to_string(), text),
                Err(_) => prop_assert!(precision == 2 && d > 28, "only impossible days fail: {}", text),
            }
        }

        /// Arbitrary text never panics the parser.
        #[test]
        fn never_panics(text in "\\PC{0,20}") {
            let _ = PartialDate::parse(&text);
        }
    }
}
