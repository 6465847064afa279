//! The publication date of a text dump, chosen among every date the page shows.
//!
//! Strongest first: a date the markup or a labelled line states; a date line under the headline
//! or a masthead («29 сентября 2025 / 14:59», «Title - 29.09.2025, ОУТЛЕТ»); a dateline with a
//! year. A day and month without a year («30 сентября» in a dateline, «7 Сәуір, 09:15») takes its
//! year only from the page (a saved record's own date of the same day), never from a guess.
//! A date in running text counts last, and not when a preposition or postposition makes it the
//! start or end of a period («с 1 января», «1 қаңтарынан бастап», «до …», «… дейін»), a past
//! event («… өткен»), or when it stands in a caption the page prints twice. A «today» date line
//! (it names the weekday) is the day the page was saved, not a candidate. Whatever is unsure goes
//! to `review` with the reason and the runner-up: no invented date, no silent wrong one.

use super::chrome::Kind;
use super::dates::{self, Found, Mention};
use crate::content::PartialDate;

/// What the page offers for its date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Evidence<'a> {
    /// A date the markup or a labelled line states outright.
    pub(crate) stated: Option<PartialDate>,
    /// The saved record's own header date, when the text carries one.
    pub(crate) saved: Option<PartialDate>,
    /// Chrome lines of the page.
    pub(crate) chrome: &'a [(Kind, String)],
    /// Date lines and mastheads at the top of the page (above the article's second line): a
    /// dated line further down belongs to a related story or a comment.
    pub(crate) date_lines: &'a [String],
    /// The article lines, the title line left out.
    pub(crate) lines: &'a [String],
    /// The dateline's date.
    pub(crate) dateline: Option<&'a Mention>,
    /// An official document: the first date of its header is its date.
    pub(crate) official: bool,
}

const WEEKDAYS: [&str; 14] = [
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
    "дүйсенбі",
    "сейсенбі",
    "сәрсенбі",
    "бейсенбі",
    "жұма",
    "сенбі",
    "жексенбі",
];

/// Words before a date that make it a period's bound or another event's day.
const BEFORE: [&str; 9] = ["с", "со", "до", "по", "от", "после", "since", "until", "from"];
/// Words after a date that do the same in Kazakh (and «прошедшего» in Russian).
const AFTER: [&str; 8] =
    ["бастап", "дейін", "шейін", "кейін", "өткен", "бері", "аралығында", "прошедшего"];

/// The publication date, or none, with what is unsure pushed to `review`.
pub(crate) fn choose(ev: &Evidence, review: &mut Vec<String>) -> Option<PartialDate> {
    if ev.stated.is_some() {
        return ev.stated;
    }
    let mut strong: Vec<(PartialDate, String)> = Vec::new();
    let mut day_month: Option<(u8, u8, String)> = None;
    for line in ev.date_lines {
        let low = line.to_lowercase();
        if WEEKDAYS.iter().any(|w| low.split(|c: char| !c.is_alphabetic()).any(|x| x == *w)) {
            continue;
        }
        for m in dates::find(line) {
            note(&m, &mut strong, &mut day_month);
        }
    }
    if let Some(m) = ev.dateline {
        note(m, &mut strong, &mut day_month);
    }
    if let Some((d, text)) = strong.first() {
        if let Some((_, other)) = strong.iter().find(|(x, _)| x != d) {
            review.push(format!("date: the page gives «{text}» and also «{other}»; check which is the publication date"));
        } else if let Some(s) = ev.saved.filter(|s| s != d) {
            review.push(format!("date: «{text}» on the page, but the saved record is dated {s}"));
        }
        return Some(*d);
    }
    if let Some((day, month, text)) = day_month {
        if let Some(s) = ev.saved.filter(|s| s.month == Some(month) && s.day == Some(day)) {
            return Some(s);
        }
        let hint = ev.saved.map(|s| format!("; the saved record is dated {s}")).unwrap_or_default();
        review.push(format!("date: the text gives «{text}» without a year{hint}"));
        return None;
    }
    let mut left_out: Option<String> = None;
    let lead = lead_date(ev.lines, ev.chrome, ev.official, &mut left_out);
    let left = left_out.map(|l| format!("; left out: {l}")).unwrap_or_default();
    if let Some(s) = ev.saved {
        match lead {
            Some((Found::Date(d), text, _)) if d != s => review.push(format!(
                "date: only the saved record's header gives {s}; the text mentions «{text}»"
            )),
            Some((Found::Date(_), _, _)) => {}
            _ => review.push(format!(
                "date: only the saved record's header gives {s}; the page states no date{left}"
            )),
        }
        return Some(s);
    }
    match lead {
        // The lead sentence of a report dates what it reports, as a rule the day of the report.
        Some((Found::Date(d), _, true)) => Some(d),
        // Further on, a date is as likely another event's: named, not taken.
        Some((Found::Date(_), text, false)) => {
            review.push(format!(
                "date: the page states no publication date; the body mentions «{text}» (left out: it may be another event's)"
            ));
            None
        }
        Some((Found::DayMonth { .. }, text, _)) => {
            review.push(format!("date: the text gives «{text}» without a year"));
            None
        }
        None => {
            review.push(format!("date: the text gives no date{left}"));
            None
        }
    }
}

fn note(m: &Mention, strong: &mut Vec<(PartialDate, String)>, dm: &mut Option<(u8, u8, String)>) {
    match m.found {
        Found::Date(d) => strong.push((d, m.text.clone())),
        Found::DayMonth { day, month } => {
            dm.get_or_insert((day, month, m.text.clone()));
        }
    }
}

/// The first date in the opening of the text (about 700 characters) that is not a period's
/// bound, a past event's day or a twice-printed caption's; and whether it is in the first
/// sentence.
fn lead_date(
    lines: &[String],
    chrome: &[(Kind, String)],
    official: bool,
    left_out: &mut Option<String>,
) -> Option<(Found, String, bool)> {
    let mut seen = 0;
    let mut paragraph = 0;
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let caption = chrome.iter().any(|(k, c)| *k == Kind::Repeat && c == t);
        let limit = t.char_indices().nth(700 - seen).map_or(t.len(), |(i, _)| i);
        for m in dates::find(&t[..limit]) {
            let why = if caption {
                "a caption the page prints twice"
            } else if governed(t, &m) {
                "it bounds a period or dates another event"
            } else {
                let first_sentence = paragraph == 0 && !t[..m.start].contains(". ");
                return Some((m.found, m.text, first_sentence || official));
            };
            left_out.get_or_insert_with(|| format!("«{}» ({why})", m.text));
        }
        seen += t.chars().count();
        paragraph += 1;
        if seen >= 700 {
            break;
        }
    }
    None
}

/// Whether the date `m` in `line` bounds a period or dates another event. A date that closes a
/// range of days («1 — 2 ноября 2019 года», «5-6 июня») is an event's span: a publication is
/// dated by one day.
fn governed(line: &str, m: &Mention) -> bool {
    let head = line[..m.start].trim_end();
    if let Some(rest) = head.strip_suffix(['-', '–', '—'])
        && rest.trim_end().chars().next_back().is_some_and(|c| c.is_ascii_digit())
    {
        return true;
    }
    let before = line[..m.start].split_whitespace().last().unwrap_or_default();
    let before = before.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
    let after = line[m.start + m.text.len()..].split_whitespace().next().unwrap_or_default();
    let after = after.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
    BEFORE.contains(&before.as_str()) || AFTER.contains(&after.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(
        chrome: &[(Kind, &str)],
        lines: &[&str],
        saved: Option<&str>,
    ) -> (Option<String>, Vec<String>) {
        let chrome: Vec<(Kind, String)> = chrome.iter().map(|(k, s)| (*k, s.to_string())).collect();
        let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        let dated: Vec<String> = (chrome.iter())
            .filter(|(k, _)| matches!(k, Kind::DateLine | Kind::Masthead))
            .map(|(_, l)| l.clone())
            .collect();
        let dl = super::super::dateline::parse(lines.first().map(String::as_str).unwrap_or(""))
            .and_then(|d| d.date);
        let ev = Evidence {
            stated: None,
            saved: saved.map(|s| PartialDate::parse(s).unwrap()),
            date_lines: &dated,
            chrome: &chrome,
            lines: &lines,
            dateline: dl.as_ref(),
            official: false,
        };
        let mut review = Vec::new();
        let d = choose(&ev, &mut review);
        (d.map(|d| d.to_string()), review)
    }

    #[test]
    fn a_date_line_beats_body_dates() {
        let (d, r) = pick(
            &[(Kind::DateLine, "12 марта 2021 / 10:05")],
            &["Встреча прошла 5 мая 2019 года."],
            None,
        );
        assert_eq!((d.as_deref(), r.len()), (Some("2021-03-12"), 0));
    }

    #[test]
    fn period_bounds_past_events_and_captions_are_no_dates() {
        let (d, r) = pick(&[], &["Союз работает с 1 января 2015 года."], None);
        assert_eq!(d, None);
        assert_eq!(
            r,
            [
                "date: the text gives no date; left out: «1 января 2015 года» (it bounds a period or dates another event)"
            ]
        );
        let (d, _) = pick(&[], &["Ұйым 2016 жылғы 1 наурыздан бастап жұмыс істейді."], None);
        assert_eq!(d, None);
        let (d, _) =
            pick(&[], &["Бірінші абзац.", "Кеңес 2012 жылы 3 мамырда өткен жиынды қарады."], None);
        assert_eq!(d, None);
        let cap = "Министры на встрече. 3 мая 2018 года.";
        let (d, _) = pick(&[(Kind::Repeat, cap)], &[cap, "Текст."], None);
        assert_eq!(d, None);
    }

    #[test]
    fn a_range_of_days_dates_an_event_not_the_page() {
        // «1 — 2 ноября 2019 года … состоялось заседание» was taken as the publication date.
        for lead in [
            "Город (Сайт) -- 1 — 2 ноября 2019 года в городе прошло заседание. Текст.",
            "5-6 июня 2024 года в столице прошел форум. Текст.",
            "2024 жылғы 3–4 шілдеде Астанада саммит өтті. Мәтін.",
        ] {
            let (d, _) = pick(&[], &[lead], None);
            assert_eq!(d, None, "{lead}");
        }
        // One day stays the page's date.
        let (d, _) = pick(&[], &["2 ноября 2019 года в городе прошло заседание. Текст."], None);
        assert_eq!(d.as_deref(), Some("2019-11-02"));
    }

    #[test]
    fn a_day_and_month_takes_its_year_only_from_the_page() {
        let (d, r) = pick(&[], &["ОМСК, 3 мая — Вестник. Текст."], Some("2022-05-03"));
        assert_eq!((d.as_deref(), r.len()), (Some("2022-05-03"), 0));
        let (d, r) = pick(&[], &["ОМСК, 3 мая — Вестник. Текст."], None);
        assert_eq!(d, None);
        assert!(r[0].contains("without a year"), "{r:?}");
    }

    #[test]
    fn todays_date_in_the_header_is_ignored() {
        let (d, _) = pick(&[(Kind::DateLine, "Среда, 6 марта 2024")], &["Текст без даты."], None);
        assert_eq!(d, None);
    }

    #[test]
    fn a_body_date_after_the_lead_sentence_is_named_not_taken() {
        let (d, r) = pick(&[], &["Премьер 3 мая 2021 года провел встречу. Текст."], None);
        assert_eq!((d.as_deref(), r.len()), (Some("2021-05-03"), 0));
        let (d, r) = pick(&[], &["Союз расширился. Решение приняли 3 мая 2021 года."], None);
        assert_eq!(d, None);
        assert!(r[0].contains("3 мая 2021 года"), "{r:?}");
    }

    #[test]
    fn the_saved_date_alone_is_reviewed() {
        let (d, r) = pick(&[], &["Текст без даты."], Some("2024-01-02"));
        assert_eq!(d.as_deref(), Some("2024-01-02"));
        assert!(r[0].starts_with("date: only the saved record"), "{r:?}");
    }
}
