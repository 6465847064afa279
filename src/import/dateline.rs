//! News-agency datelines at the head of an article's first paragraph: «БИШКЕК, 28 ноя —
//! Агентство.», «МИНСК, 30 сентября. /АГЕНТСТВО/.», «24 июня, Ташкент /АГЕНТСТВО - Партнёр/.»,
//! «Астана, SITE.KZ.», «АСТАНА. AGENCY —», «Город, Страна (Site.uz) --». The dateline names the
//! agency whose copy this is and often the day.

use super::dates;

/// What a dateline states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// The agency it names, normalised by [`publisher_name`].
    pub(crate) agency: Option<String>,
    /// The date it gives, with or without a year.
    pub(crate) date: Option<dates::Mention>,
    /// Byte offset in the line where the article's text starts.
    pub(crate) end: usize,
}

/// Parses the dateline at the start of `line`, if it has one.
pub(crate) fn parse(line: &str) -> Option<Dateline> {
    let t = line.trim();
    if let Some(d) = stop_dateline(t).or_else(|| paren_dateline(t)) {
        return Some(d);
    }
    let head: String = t.chars().take(90).collect();
    let slashed = slash_agency(&head);
    // The dateline proper ends at the first full stop followed by a space.
    let first = head.split(". ").next().unwrap_or_default().trim_end_matches('.');
    let shaped = first.chars().count() <= 60
        && first.contains(',')
        && first.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if slashed.is_none() && !shaped {
        return dated_dash(t);
    }
    let agency = slashed.or_else(|| dash_agency(first)).or_else(|| comma_agency(first));
    let date = dates::find(first).into_iter().next();
    let end = text_start(t, slashed_end(&head).unwrap_or(first.len()).max(first.len()));
    if agency.is_none() && date.is_none() {
        return dated_dash(t);
    }
    Some(Dateline { agency: agency.map(|a| publisher_name(&a)), date, end })
}

/// «АСТАНА. AGENCY — Текст»: a place in capitals closed by a full stop, then the agency and a
/// dash. The full-stop variant of the comma dateline («БИШКЕК, 28 ноя — Агентство.»), as
/// Kazinform prints it on its Kazakh and Russian pages (inform-3 of the evaluation corpus).
fn stop_dateline(t: &str) -> Option<Dateline> {
    let (place, rest) = t.split_once(". ")?;
    let caps_place = (1..=3).contains(&place.split_whitespace().count())
        && place.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && place.chars().all(|c| c.is_uppercase() || matches!(c, ' ' | '-'));
    if !caps_place {
        return None;
    }
    let (name, _) = [" — ", " – ", " - "].iter().find_map(|d| rest.split_once(d))?;
    let name = name.trim();
    let shouted =
        name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) || name.contains('.');
    if !(agency_like(name) && shouted && name.chars().count() >= 3) {
        return None;
    }
    let end = text_start(t, place.len() + 2 + name.len());
    Some(Dateline { agency: Some(publisher_name(name)), date: None, end })
}

/// «Ташкент, Узбекистан (Site.uz) -- Текст»: a place, the outlet in brackets and a dash, the
/// wire-service form of a dateline (UzDaily's pages print it; «CITY (Agency) —» is the same
/// shape in English wire copy).
fn paren_dateline(t: &str) -> Option<Dateline> {
    let open = t.find('(')?;
    let place = &t[..open];
    // Place names only: capitalised words («Министерство иностранных дел (МИД) — …» is none).
    let placed = (1..=4).contains(&place.split_whitespace().count())
        && place.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
        && place.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | ',' | '-'));
    let close = open + t[open..].find(')')?;
    let name = t[open + 1..close].trim();
    let after = t[close + 1..].trim_start();
    let dashed = ["--", "—", "–", "-"].iter().any(|d| after.starts_with(d));
    if !(placed && dashed && agency_like(name)) {
        return None;
    }
    Some(Dateline { agency: Some(publisher_name(name)), date: None, end: text_start(t, close + 1) })
}

/// «Город, Страна, 4 июля 2024 года – Текст»: a place and a date closed by a dash.
fn dated_dash(t: &str) -> Option<Dateline> {
    let m = dates::find(t).into_iter().next()?;
    let after = &t[m.start + m.text.len()..];
    let dash = [" – ", " — ", " - "].into_iter().find(|d| after.starts_with(d))?;
    let before = &t[..m.start];
    let placed = before.trim_end().ends_with(',')
        && before.chars().count() <= 50
        && before.chars().next().is_some_and(char::is_uppercase);
    let end = m.start + m.text.len() + dash.len();
    placed.then_some(Dateline { agency: None, date: Some(m), end })
}

/// The end of «/АГЕНТСТВО/» in the head.
fn slashed_end(head: &str) -> Option<usize> {
    let a = head.find('/')?;
    let b = head[a + 1..].find('/')?;
    Some(a + b + 2)
}

/// Where the text starts after a dateline ending at `at`: past the stop, dashes and spaces.
fn text_start(t: &str, at: usize) -> usize {
    let at = at.min(t.len());
    let rest = &t[at..];
    at + rest.len() - rest.trim_start_matches(['.', ' ', '—', '–', '-']).len()
}

/// «/АГЕНТСТВО/» or «/АГЕНТСТВО - Партнёр/» within the head: the first agency.
fn slash_agency(head: &str) -> Option<String> {
    let (_, rest) = head.split_once('/')?;
    let (inner, _) = rest.split_once('/')?;
    let name = inner.split([' ']).collect::<Vec<_>>().join(" ");
    let name = name.split(" - ").next()?.split(" – ").next()?.trim().to_string();
    agency_like(&name).then_some(name)
}

/// «ГОРОД, 28 ноя — Агентство»: the short name after the last dash.
fn dash_agency(first: &str) -> Option<String> {
    let (_, tail) = [" — ", " – ", " - "].iter().find_map(|d| first.rsplit_once(d))?;
    let tail = tail.trim();
    agency_like(tail).then(|| tail.to_string())
}

/// «Город, SITE.KZ»: a last comma part in capitals or a domain.
fn comma_agency(first: &str) -> Option<String> {
    let (_, tail) = first.rsplit_once(',')?;
    let tail = tail.trim();
    let latin = tail.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let caps = tail.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let domain = latin && tail.contains('.') && tail.chars().any(|c| c.is_ascii_alphabetic());
    (agency_like(tail) && (domain || (caps && tail.chars().count() >= 3))).then(|| tail.to_string())
}

fn agency_like(name: &str) -> bool {
    let n = name.split_whitespace().count();
    (1..=3).contains(&n)
        && name.chars().next().is_some_and(|c| c.is_uppercase())
        && !name.ends_with(['.', '!', '?'])
        && dates::find(name).is_empty()
}

/// One spelling for outlets printed several ways: the news agencies whose copy Russian and
/// Kazakh pages carry and credit («передает РИА Новости», «/ТАСС/», «АСТАНА. KAZINFORM —»),
/// as their own sites name themselves. Keys are lower case.
const AGENCIES: [(&str, &str); 24] = [
    ("tass", "ТАСС"),
    ("тасс", "ТАСС"),
    ("итар-тасс", "ТАСС"),
    ("прайм", "ПРАЙМ"),
    ("belta", "БЕЛТА"),
    ("белта", "БЕЛТА"),
    ("kazinform", "Kazinform"),
    ("казинформ", "Kazinform"),
    ("қазақпарат", "Kazinform"),
    ("риа новости", "РИА Новости"),
    ("ria novosti", "РИА Новости"),
    ("интерфакс", "Интерфакс"),
    ("interfax", "Интерфакс"),
    ("interfax.ru", "Интерфакс"),
    ("кабар", "Кабар"),
    ("kabar", "Кабар"),
    ("спутник", "Sputnik"),
    ("sputnik", "Sputnik"),
    ("радио азаттык", "Радио Азаттык"),
    ("азаттык", "Радио Азаттык"),
    ("синьхуа", "Синьхуа"),
    ("xinhua", "Синьхуа"),
    ("trend", "Trend"),
    ("тренд", "Trend"),
];

/// The agency's one spelling ([`AGENCIES`]), or the name as given.
pub(crate) fn publisher_name(name: &str) -> String {
    known_agency(name).unwrap_or_else(|| name.trim().to_string())
}

/// The agency `name` is, when it is one of [`AGENCIES`].
pub(crate) fn known_agency(name: &str) -> Option<String> {
    let low = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    AGENCIES.iter().find(|(k, _)| *k == low).map(|(_, v)| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(line: &str) -> Option<String> {
        parse(line).and_then(|d| d.agency)
    }

    #[test]
    fn agencies_of_datelines() {
        assert_eq!(agency("ОМСК, 3 мар — Вестник. Текст новости."), Some("Вестник".into()));
        assert_eq!(agency("ТАРАЗ, 5 мая. /Tass/. Текст новости."), Some("ТАСС".into()));
        assert_eq!(agency("5 мая, Бишкек /АГЕНТСТВО - Партнёр/. Текст."), Some("АГЕНТСТВО".into()));
        assert_eq!(agency("Алматы, NEWS.KZ. Текст новости."), Some("NEWS.KZ".into()));
        assert_eq!(agency("Президент провел встречу, сообщили в пресс-службе. Текст."), None);
        assert_eq!(agency("ОМСК. VESTNIK — Встреча прошла в среду."), Some("VESTNIK".into()));
        assert_eq!(agency("ТАРАЗ. ТАСС - Встреча прошла в среду."), Some("ТАСС".into()));
        assert_eq!(
            agency("Омск, Россия (Vestnik.ru) -- Встреча прошла."),
            Some("Vestnik.ru".into())
        );
        // A sentence whose first word is in capitals is no dateline.
        assert_eq!(agency("ОМСК. Город встретил гостей — и проводил их."), None);
        assert_eq!(agency("Встреча (в рамках визита) - важный шаг."), None);
        assert_eq!(agency("Министерство иностранных дел (МИД) — ведомство."), None);
    }

    #[test]
    fn where_the_text_starts() {
        let l = "ОМСК, 3 мар — Вестник. Текст новости.";
        assert_eq!(&l[parse(l).unwrap().end..], "Текст новости.");
        let l = "ТАРАЗ, 5 мая. /Tass/. Текст новости.";
        assert_eq!(&l[parse(l).unwrap().end..], "Текст новости.");
        let l =
            "Тараз, Казахстан, 5 мая 2021 года – В городе прошла встреча глав правительств стран.";
        let d = parse(l).unwrap();
        assert_eq!(&l[d.end..], "В городе прошла встреча глав правительств стран.");
        assert!(matches!(d.date.map(|m| m.found), Some(dates::Found::Date(_))));
        let l = "ОМСК. VESTNIK — Встреча прошла в среду.";
        assert_eq!(&l[parse(l).unwrap().end..], "Встреча прошла в среду.");
        let l = "Омск, Россия (Vestnik.ru) -- Встреча прошла.";
        assert_eq!(&l[parse(l).unwrap().end..], "Встреча прошла.");
    }

    #[test]
    fn agencies_have_one_spelling() {
        assert_eq!(publisher_name("Interfax"), "Интерфакс");
        assert_eq!(publisher_name("РИА  Новости"), "РИА Новости");
        assert_eq!(publisher_name("Вестник"), "Вестник");
        assert_eq!(known_agency("Вестник"), None);
    }

    #[test]
    fn dates_of_datelines() {
        let d = parse("ОМСК, 3 мар — Вестник. Текст.").unwrap();
        assert_eq!(d.date.map(|m| m.found), Some(dates::Found::DayMonth { day: 3, month: 3 }));
    }
}
