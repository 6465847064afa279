//! Dates in running Russian and Kazakh text: ISO stamps (`2019-11-02T07:32:00+00:00`),
//! `05.03.2024`, «16 октября 2024 года», «2 ноября 2019 г.», «2019 жылғы 5 наурызда»,
//! «2024 жылдың 5 наурызы». A day and month with no year is reported as such, never completed.

use crate::content::PartialDate;
use crate::text::stem::kk_inflects_folded;
use crate::text::{Token, tokenize};

const RU_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const KK_MONTHS: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

/// A date found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A full or partial date with a year.
    Date(PartialDate),
    /// Day and month, no year («23 февраля»).
    DayMonth {
        /// Day.
        day: u8,
        /// Month.
        month: u8,
    },
}

/// A date and where it stands (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// What was found.
    pub found: Found,
    /// Byte offset.
    pub start: usize,
    /// The text as written.
    pub text: String,
}

/// Month abbreviations of Russian news datelines and headers («28 ноя», «29 сен»).
const RU_ABBREVIATIONS: [&str; 13] =
    ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек", "сент"];
/// Uzbek month names in Latin script, as Uzbek sites print them in Russian and Kazakh copies
/// («2 Noyabr 2023»); both spellings of the o'/u sounds in use are listed.
const UZ_MONTHS: [&str; 14] = [
    "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr", "oktabr",
    "noyabr", "dekabr", "sentyabr", "oktyabr",
];

fn month_of(word: &str) -> Option<u8> {
    if let Some(i) = RU_MONTHS.iter().position(|m| *m == word) {
        return Some(i as u8 + 1);
    }
    if let Some(i) = RU_ABBREVIATIONS.iter().position(|m| *m == word) {
        return Some(if i == 12 { 9 } else { i as u8 + 1 });
    }
    if let Some(i) = UZ_MONTHS.iter().position(|m| *m == word) {
        return Some(match i {
            12 => 9,
            13 => 10,
            _ => i as u8 + 1,
        });
    }
    KK_MONTHS.iter().position(|m| kk_inflects_folded(word, m)).map(|i| i as u8 + 1)
}

fn num(t: &Token, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    let s = t.text;
    (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn is_year_word(w: &str) -> bool {
    // жылғы, жылы, жылдың; года, году, г
    matches!(w, "жылғы" | "жылы" | "жылдың" | "жыл" | "года" | "году" | "год" | "г")
}

fn date(year: u32, month: u8, day: Option<u8>) -> Option<PartialDate> {
    let s = match day {
        Some(d) => format!("{year:04}-{month:02}-{d:02}"),
        None => format!("{year:04}-{month:02}"),
    };
    PartialDate::parse(&s).ok()
}

/// Every date in `text`, in order.
pub fn find(text: &str) -> Vec<Mention> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let between = |a: usize, b: usize| &text[toks[a].end..toks[b].start];
        let mut push = |found: Found, last: usize| {
            out.push(Mention {
                found,
                start: t.start,
                text: text[t.start..toks[last].end].to_string(),
            });
            last
        };
        // ISO date or stamp: one token 2019-11-02, or 2019-11-02T07 with the rest after.
        if let Some(d) = iso(t.text) {
            i = push(Found::Date(d), i) + 1;
            continue;
        }
        // 05.03.2024
        if i + 2 < toks.len()
            && between(i, i + 1) == "."
            && between(i + 1, i + 2) == "."
            && let (Some(d), Some(m), Some(y)) =
                (num(t, 1..=2), num(&toks[i + 1], 1..=2), num(&toks[i + 2], 4..=4))
            && let Some(pd) = date(y, m as u8, Some(d as u8))
        {
            i = push(Found::Date(pd), i + 2) + 1;
            continue;
        }
        // 16 октября 2024 (года) / 23 февраля
        if let (Some(d), Some(m)) =
            (num(t, 1..=2), toks.get(i + 1).and_then(|n| month_of(&n.folded)))
        {
            if let Some(y) = toks.get(i + 2).and_then(|n| num(n, 4..=4)) {
                if let Some(pd) = date(y, m, Some(d as u8)) {
                    let last = if toks.get(i + 3).is_some_and(|w| is_year_word(&w.folded)) {
                        i + 3
                    } else {
                        i + 2
                    };
                    i = push(Found::Date(pd), last) + 1;
                    continue;
                }
            } else if (1..=31).contains(&d)
                && (toks.get(i + 2).is_none_or(|n| num(n, 1..=4).is_none())
                    || text[toks[i + 2].end..].starts_with(':'))
            {
                i = push(Found::DayMonth { day: d as u8, month: m }, i + 1) + 1;
                continue;
            }
        }
        // 2019 жылғы 5 наурыз(да)
        if let Some(y) = num(t, 4..=4)
            && toks.get(i + 1).is_some_and(|w| is_year_word(&w.folded))
        {
            let d = toks.get(i + 2).and_then(|n| num(n, 1..=2));
            let m = toks.get(i + 3).and_then(|n| month_of(&n.folded));
            if let (Some(d), Some(m)) = (d, m)
                && let Some(pd) = date(y, m, Some(d as u8))
            {
                i = push(Found::Date(pd), i + 3) + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn iso(word: &str) -> Option<PartialDate> {
    let b = word.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if b.len() > 10 && !matches!(b[10], b'T' | b't') {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return None;
    }
    PartialDate::parse(&word[..10]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<Found> {
        find(text).first().map(|m| m.found)
    }

    fn d(s: &str) -> Option<Found> {
        Some(Found::Date(PartialDate::parse(s).unwrap()))
    }

    #[test]
    fn russian_and_kazakh_forms() {
        assert_eq!(first("Published at: **2019-11-02T07:32:00+00:00**"), d("2019-11-02"));
        assert_eq!(first("2024-10-16"), d("2024-10-16"));
        assert_eq!(first("город Исламабад, 16 октября 2024 года"), d("2024-10-16"));
        assert_eq!(first("Ташкент, 2 ноября 2019 г. — Премьер"), d("2019-11-02"));
        assert_eq!(first("Астана, 05.03.2024. Үкімет"), d("2024-03-05"));
        assert_eq!(first("2019 жылғы 5 наурызда Астанада"), d("2019-03-05"));
        assert_eq!(first("2024 жылғы 16 қазан"), d("2024-10-16"));
    }

    #[test]
    fn day_and_month_without_year_is_not_completed() {
        assert_eq!(
            first("Аскар Мамин 23 февраля в рамках визита"),
            Some(Found::DayMonth { day: 23, month: 2 })
        );
    }

    #[test]
    fn abbreviated_latin_and_timed_day_months() {
        assert_eq!(
            first("ОМСК, 3 сен — Агентство. Текст"),
            Some(Found::DayMonth { day: 3, month: 9 })
        );
        assert_eq!(first("Саясат 5 Oktyabr 2022 120"), d("2022-10-05"));
        assert_eq!(first("9 Мамыр, 10:20"), Some(Found::DayMonth { day: 9, month: 5 }));
    }

    #[test]
    fn impossible_and_partial_numbers_are_not_dates() {
        assert_eq!(first("31 февраля 2024 года"), None);
        assert_eq!(first("За 8 месяцев 2019 года объем вырос на 26 процентов"), None);
        assert_eq!(first("$1,6 млрд"), None);
    }
}
