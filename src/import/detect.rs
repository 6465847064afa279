//! Field heuristics on a cleaned text: language, title, kind and source. Each returns its value
//! and whether it is sure; an unsure value is listed under `review` by the importer.

use crate::content::Kind;

use super::clean::Cleaned;
use super::read::Meta;

/// Letters that occur in Kazakh but not in Russian.
const KK_LETTERS: [char; 9] = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];

/// `kk` when Kazakh-only letters make up more than 1 % of the Cyrillic letters, `ru` for other
/// Cyrillic text, `en` for Latin text.
pub fn language(text: &str) -> &'static str {
    let (mut cyr, mut kk, mut latin) = (0usize, 0usize, 0usize);
    for c in text.chars().flat_map(char::to_lowercase) {
        if ('\u{400}'..='\u{4ff}').contains(&c) {
            cyr += 1;
            if KK_LETTERS.contains(&c) {
                kk += 1;
            }
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if cyr == 0 && latin > 0 {
        "en"
    } else if kk * 100 > cyr {
        "kk"
    } else {
        "ru"
    }
}

/// The title, the index of the body line it came from (to drop it from the body), and whether
/// the text really had one (false: made from the first sentence, to be reviewed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The title.
    pub text: String,
    /// Line index it was taken from, if any.
    pub line: Option<usize>,
    /// Whether the text had a title of its own.
    pub stated: bool,
}

/// Words that open a teaser line which refers back to a story rather than naming it.
const LEAD_OPENERS: [&str; 12] = [
    "также",
    "кроме",
    "при",
    "вместе",
    "он",
    "она",
    "они",
    "по",
    "ранее",
    "тем",
    "сондай-ақ",
    "ол",
];

/// A line of the body as title text: no heading or bold marks, no Markdown escapes.
fn strip_marks(s: &str) -> String {
    super::escape::unescape(s.trim())
        .trim()
        .trim_start_matches('#')
        .trim()
        .trim_matches('*')
        .trim()
        .replace("**", "")
        .replace("  ", " ")
}

fn title_like(line: &str) -> bool {
    let t = strip_marks(line);
    let n = t.chars().count();
    (12..=220).contains(&n)
        && !t.ends_with('.')
        && !t.ends_with(':')
        && t.split_whitespace().count() <= 32
        && t.chars().next().is_some_and(|c| c.is_uppercase() || c == '«' || c == '"')
}

/// Finds the title: the page headline, a `# heading`, the subject line of an official document
/// («О …» after «РЕШЕНИЕ»), the first line — or the second when the first is a teaser — or, when
/// the text has none, a short title made from its first sentence.
pub fn title(
    lines: &[String],
    meta: &Meta,
    kind_line: Option<usize>,
    first_credit_at: Option<usize>,
) -> Title {
    if let Some(t) = &meta.title {
        return Title { text: t.clone(), line: None, stated: true };
    }
    // Lines with a letter or digit: a rule (`***`, `* * *`) can be no title.
    let content: Vec<(usize, &String)> =
        lines.iter().enumerate().filter(|(_, l)| l.chars().any(char::is_alphanumeric)).collect();
    if let Some((i, l)) = content.iter().take(5).find(|(_, l)| l.trim_start().starts_with("# ")) {
        return Title { text: strip_marks(l), line: Some(*i), stated: true };
    }
    if let Some(k) = kind_line {
        // Official documents: the subject paragraph after the document type line.
        if let Some((i, l)) = content.iter().filter(|(i, _)| *i > k).take(6).find(|(_, l)| {
            let t = strip_marks(l);
            t.starts_with("О ")
                || t.starts_with("Об ")
                || t.starts_with("По ")
                || l.trim().starts_with("**")
        }) {
            let t = strip_marks(l);
            if t.chars().count() > 8 && !t.chars().all(|c| !c.is_lowercase()) {
                return Title { text: t, line: Some(*i), stated: true };
            }
        }
    }
    let first = content.first();
    let second = content.get(1);
    if let (Some((_, a)), Some((j, b))) = (first, second) {
        let opener = a.split_whitespace().next().map(|w| w.to_lowercase()).unwrap_or_default();
        let headline_above_credit = first_credit_at == Some(2);
        if title_like(a)
            && title_like(b)
            && (LEAD_OPENERS.contains(&opener.trim_matches(',')) || headline_above_credit)
        {
            return Title { text: strip_marks(b), line: Some(*j), stated: true };
        }
    }
    if let Some((i, a)) = first
        && title_like(a)
    {
        return Title { text: strip_marks(a), line: Some(*i), stated: true };
    }
    let sentence = content.first().map(|(_, l)| first_sentence(l)).unwrap_or_default();
    Title { text: shorten(&sentence, 12), line: None, stated: false }
}

/// A title made from the first sentence of `line`, for review.
pub(crate) fn made_title(line: &str) -> String {
    shorten(&first_sentence(line), 12)
}

fn first_sentence(line: &str) -> String {
    let t = strip_marks(line);
    let end = t.find(". ").map(|i| i + 1).unwrap_or(t.len());
    t[..end].trim_end_matches('.').to_string()
}

/// The first `words` words, cut at a clause boundary when one comes early enough.
fn shorten(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= words {
        return all.join(" ");
    }
    let mut out: Vec<&str> = all[..words].to_vec();
    if let Some(cut) = out.iter().rposition(|w| w.ends_with(','))
        && cut >= 5
    {
        out.truncate(cut + 1);
    }
    let s = out.join(" ");
    format!("{}…", s.trim_end_matches([',', ';', ':', '—', '-']).trim_end())
}

/// Document type lines of official texts and the kind they give.
const KIND_WORDS: [(&str, Kind); 16] = [
    ("решение", Kind::Decision),
    ("шешім", Kind::Decision),
    ("постановление", Kind::Decision),
    ("отчет", Kind::Report),
    ("отчёт", Kind::Report),
    ("есеп", Kind::Report),
    ("заявление", Kind::Statement),
    ("совместное заявление", Kind::Statement),
    ("декларация", Kind::Statement),
    ("коммюнике", Kind::Statement),
    ("мәлімдеме", Kind::Statement),
    ("соглашение", Kind::Agreement),
    ("меморандум", Kind::Agreement),
    ("келісім", Kind::Agreement),
    ("интервью", Kind::Interview),
    ("сұхбат", Kind::Interview),
];

/// The kind, from a line near the top that consists of a document type word (РЕШЕНИЕ,
/// СОВМЕСТНОЕ ЗАЯВЛЕНИЕ, ШЕШІМ, possibly with a number), and the index of that line.
pub fn kind(lines: &[String]) -> (Kind, Option<usize>) {
    for (i, l) in lines.iter().enumerate().take(25) {
        let t = strip_marks(l).to_lowercase();
        let head = t.split(['№', '#']).next().unwrap_or_default().trim();
        if let Some(k) = type_line(l, head) {
            return (k, Some(i));
        }
    }
    (Kind::News, None)
}

/// The kind a type line names: the type word alone, or after one qualifier. Official texts put
/// a qualifier before the type noun in both languages — «Совместное коммюнике», «Ташкентская
/// декларация», «Бірлескен мәлімдеме» — so a two-word line ending in a type word is a type line
/// when it is set apart as official type lines are (all capitals or bold as a whole), or when the
/// qualifier is a joint-document word or a place adjective. «Новое решение» stays a headline.
fn type_line(line: &str, head: &str) -> Option<Kind> {
    let word = |w: &str| KIND_WORDS.iter().find(|(t, _)| *t == w).map(|(_, k)| *k);
    let [qualifier, last] = head.split_whitespace().collect::<Vec<_>>()[..] else {
        return word(head);
    };
    let plain = line.trim().trim_start_matches('#').trim();
    let set_apart = (plain.starts_with("**") && plain.ends_with("**"))
        || !plain.chars().any(char::is_lowercase);
    let official = ["совместн", "бірлескен", "межправительствен", "үкіметаралық"]
        .iter()
        .any(|p| qualifier.starts_with(p))
        || ["ская", "ское", "ский", "лық", "лік", "дық", "дік", "тық", "тік"]
            .iter()
            .any(|e| qualifier.ends_with(e));
    let qualifier_ok = qualifier.chars().all(char::is_alphabetic) && (set_apart || official);
    if qualifier_ok { word(last).or_else(|| word(head)) } else { word(head) }
}

/// A source found in the text: name, URL, and whether it is sure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSource {
    /// Publisher or site.
    pub name: String,
    /// URL, when stated.
    pub url: Option<String>,
    /// False when only weak evidence (a photo credit) named it.
    pub sure: bool,
}

/// Verbs that introduce the transmitting publisher: «передает Tengrinews.kz», «деп хабарлайды Kazinform».
/// «… — в материале Site.kz» closes a teaser with the outlet's own name (seen on two sites);
/// «Как сообщало Site» recalls the outlet's own earlier report.
const TRANSMIT: [&str; 10] = [
    "передает",
    "передаёт",
    "сообщает",
    "пишет",
    "хабарлайды",
    "жазады",
    "информирует",
    "сообщил",
    "материале",
    "сообщало",
];

/// Finds the source: a stated original, the page's own URL and site name, a publisher the text
/// says transmits it, a publisher named in a copyright notice, or the site of a photo credit.
pub fn source(c: &Cleaned, meta: &Meta, body: &str) -> Option<FoundSource> {
    source_with_outlet(c, meta, body, None)
}

/// [`source`], with `outlet`, what the page's own dateline, date line or masthead names (see
/// [`dateline`](super::dateline)), ranked after a stated original and the page's address and
/// before the other clues.
pub(crate) fn source_with_outlet(
    c: &Cleaned,
    meta: &Meta,
    body: &str,
    outlet: Option<&str>,
) -> Option<FoundSource> {
    if let Some((name, url)) = &c.original {
        return Some(FoundSource { name: name.clone(), url: url.clone(), sure: true });
    }
    if let Some(url) = &meta.url {
        let name = meta
            .site_name
            .clone()
            .or_else(|| meta.footer.as_deref().and_then(copyright_name))
            .unwrap_or_else(|| domain(url));
        return Some(FoundSource { name, url: Some(url.clone()), sure: true });
    }
    // A saved page without its address still names its publisher in its metadata.
    if let Some(name) = &meta.site_name {
        return Some(FoundSource { name: name.clone(), url: None, sure: true });
    }
    if let Some(name) = outlet {
        return Some(FoundSource { name: name.to_string(), url: None, sure: true });
    }
    if let Some(name) = transmitter(body) {
        let name = super::dateline::publisher_name(&name);
        return Some(FoundSource { name, url: None, sure: true });
    }
    for n in c.notices.iter().chain(meta.footer.iter()) {
        if let Some(name) = copyright_name(n) {
            return Some(FoundSource { name, url: None, sure: true });
        }
    }
    c.credits.iter().find_map(|cr| {
        let site = cr.split([':', ' ']).rfind(|w| w.contains('.'))?;
        Some(FoundSource { name: site.trim().to_lowercase(), url: None, sure: false })
    })
}

fn domain(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url);
    rest.split('/').next().unwrap_or(rest).trim_start_matches("www.").to_string()
}

/// Words between a transmit verb and the publisher's name («передает ИА «Site.kz»»).
const MEDIATORS: [&str; 12] = [
    "корреспондент",
    "корреспондента",
    "собственный",
    "собкор",
    "тілшісі",
    "агентство",
    "агенттігі",
    "портал",
    "издание",
    "сайт",
    "иа",
    "информагентство",
];

/// A publication name after a transmit verb: Latin-script words or a domain («Tengrinews.kz»,
/// «Kazinform», «BAQ.kz»), a «quoted» name, or a news agency of the known ones written in
/// Cyrillic («передает РИА Новости», «передает ТАСС»: four sites of the evaluation corpus credit
/// an agency so). Other Cyrillic phrases («сайт главы кабмина», «МИД Казахстана», «Үкіметтің
/// баспасөз қызметінен») are attributions, not publishers.
fn transmitter(body: &str) -> Option<String> {
    let words: Vec<&str> = body.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if !TRANSMIT.contains(&w.as_str()) {
            continue;
        }
        // «передает корреспондент Kapital.kz», «сообщает сайт Akorda.kz»
        let skip = words[i + 1..]
            .iter()
            .take_while(|w| {
                MEDIATORS.contains(
                    &w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str(),
                )
            })
            .count();
        let next: Vec<&str> = words[i + 1 + skip..].iter().take(3).copied().collect();
        if let Some(agency) = agency_after(&next) {
            return Some(agency);
        }
        // A quoted name, in «guillemets» or "straight"/“curly” quotes.
        if let Some(first) = next.first()
            && let Some(open) = first.chars().next().filter(|c| matches!(c, '«' | '"' | '“'))
        {
            let close = match open {
                '«' => '»',
                '“' => '”',
                _ => '"',
            };
            let joined = next.join(" ");
            let inner = &joined[open.len_utf8()..];
            if let Some(end) = inner.find(close) {
                return Some(inner[..end].to_string()).filter(|s| !s.is_empty());
            }
        }
        let latin: Vec<&str> = next
            .iter()
            .map(|w| w.trim_end_matches([',', '.', ';', ':', '»']))
            .take_while(|w| {
                !w.is_empty()
                    && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                    && w.chars().any(|c| c.is_ascii_alphabetic())
            })
            .collect();
        if !latin.is_empty() {
            return Some(latin.join(" ").trim_end_matches('.').to_string());
        }
    }
    None
}

/// A known agency ([`super::dateline::known_agency`]) in the first one or two of `next`, written
/// with a capital.
fn agency_after(next: &[&str]) -> Option<String> {
    let clean = |w: &&str| w.trim_end_matches([',', '.', ';', ':', '»']).to_string();
    let words: Vec<String> = next.iter().take(2).map(clean).collect();
    if !words.first()?.starts_with(char::is_uppercase) {
        return None;
    }
    (1..=words.len()).rev().find_map(|n| super::dateline::known_agency(&words[..n].join(" ")))
}

/// The publisher a copyright or hyperlink notice names: «© 2023 Inform.kz», «… Kazakhstan Today
/// ақпараттық агенттігіне гиперсілтеме …».
fn copyright_name(notice: &str) -> Option<String> {
    let after = notice.split('©').nth(1).unwrap_or(notice);
    let words: Vec<&str> = after.split_whitespace().collect();
    let mut run: Vec<&str> = Vec::new();
    for w in &words {
        let clean = w.trim_matches(|c: char| {
            matches!(c, ',' | '.' | ';' | ':' | '«' | '»' | '"' | '(' | ')')
        });
        let latin = !clean.is_empty()
            && clean.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            && clean.chars().any(|c| c.is_ascii_alphabetic());
        if latin {
            run.push(clean);
        } else if !run.is_empty() {
            break;
        }
    }
    (!run.is_empty()).then(|| run.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn language_by_kazakh_letters() {
        assert_eq!(language("Қазақстан Республикасының Премьер-министрі"), "kk");
        assert_eq!(language("Премьер-министр Казахстана"), "ru");
        assert_eq!(language("Prime Minister"), "en");
    }

    #[test]
    fn lead_line_before_title() {
        let l = lines(
            "Также он указал на необходимость запуска зеленых коридоров\nСмаилов призвал Китай ускорить выдачу виз\nТекст.",
        );
        let t = title(&l, &Meta::default(), None, None);
        assert_eq!(
            (t.text.as_str(), t.line, t.stated),
            ("Смаилов призвал Китай ускорить выдачу виз", Some(1), true)
        );
    }

    #[test]
    fn no_title_makes_one_for_review() {
        let l = lines(
            "Первый заместитель премьер-министра Казахстана Аскар Мамин 23 февраля в рамках рабочего визита в Ташкент провел встречу с президентом Узбекистана.",
        );
        let t = title(&l, &Meta::default(), None, None);
        assert!(!t.stated);
        assert!(t.text.ends_with('…') && t.text.split_whitespace().count() <= 12, "{}", t.text);
    }

    #[test]
    fn a_rule_first_is_no_title() {
        // `***` on the first line gave the empty title, and the document failed to load.
        let t = title(&lines("***\nПремьер провел встречу. Текст."), &Meta::default(), None, None);
        assert_eq!((t.text.as_str(), t.stated), ("Премьер провел встречу", false));
    }

    #[test]
    fn official_document_subject_line() {
        let l = lines(
            "**ШОС**\n\n**РЕШЕНИЕ**\n\n16 октября 2024 года\n\n№158\n\n**Об Отчете Секретариата**\n\nТекст.",
        );
        let (k, at) = kind(&l);
        assert_eq!(k, Kind::Decision);
        assert_eq!(title(&l, &Meta::default(), at, None).text, "Об Отчете Секретариата");
    }

    #[test]
    fn qualified_type_lines_give_the_kind() {
        // «Совместное коммюнике» above an official text left the document a news item.
        for (line, want) in [
            ("**СОВМЕСТНОЕ КОММЮНИКЕ**", Kind::Statement),
            ("Ташкентская декларация", Kind::Statement),
            ("БІРЛЕСКЕН МӘЛІМДЕМЕ", Kind::Statement),
            ("Межправительственное соглашение № 3", Kind::Agreement),
        ] {
            assert_eq!(kind(&lines(&format!("{line}\n\nТекст."))).0, want, "{line}");
        }
        // A headline that merely contains a type word is no type line.
        for line in ["Подписано совместное коммюнике сторон", "2024 декларация", "Новое решение"]
        {
            assert_eq!(kind(&lines(&format!("{line}\n\nТекст."))).0, Kind::News, "{line}");
        }
    }

    #[test]
    fn sources_by_strength() {
        let c = Cleaned::default();
        let s = source(
            &c,
            &Meta::default(),
            "Премьер выступил, передает Tengrinews.kz со ссылкой на сайт.",
        )
        .unwrap();
        assert_eq!(s.name, "Tengrinews.kz");
        let quoted = "Жиын өтті, - деп хабарлайды \"Site.kz\" ақпарат агенттігі.";
        assert_eq!(source(&c, &Meta::default(), quoted).unwrap().name, "Site.kz");
        let s = source(
            &c,
            &Meta::default(),
            "Жиын өтті, деп хабарлайды Үкіметтің баспасөз қызметінен.",
        );
        assert_eq!(s, None);
        let c2 = Cleaned { notices: vec!["Ақпаратты пайдаланған жағдайда Kazakhstan Today ақпараттық агенттігіне гиперсілтеме жасау міндетті.".into()], ..Cleaned::default() };
        assert_eq!(source(&c2, &Meta::default(), "").unwrap().name, "Kazakhstan Today");
        let c3 =
            Cleaned { credits: vec!["ФОТО PRIMEMINISTER.KZ".into()], ..Cleaned::default() };
        let s = source(&c3, &Meta::default(), "").unwrap();
        assert_eq!((s.name.as_str(), s.sure), ("primeminister.kz", false));
    }

    #[test]
    fn agencies_credited_in_cyrillic_and_agency_prefixes() {
        let name = |body: &str| source(&Cleaned::default(), &Meta::default(), body).map(|s| s.name);
        assert_eq!(
            name("Встреча прошла в среду, передает РИА Новости."),
            Some("РИА Новости".into())
        );
        assert_eq!(name("Встреча прошла, передает ТАСС со ссылкой на МИД."), Some("ТАСС".into()));
        assert_eq!(name("Встреча прошла, передает ИА «Вестник.kz»."), Some("Вестник.kz".into()));
        assert_eq!(name("Как сообщало Vestnik.kz, встреча прошла."), Some("Vestnik.kz".into()));
        // Other capitalised Cyrillic after the verb is an attribution, not a publisher.
        assert_eq!(name("Встреча прошла, сообщает МИД Казахстана."), None);
        assert_eq!(name("Встреча прошла, сообщил Президент Узбекистана."), None);
    }

    #[test]
    fn a_page_without_its_address_is_published_by_its_stated_site() {
        // og:site_name or a JSON-LD publisher, on a page saved without a canonical link.
        let meta = Meta { site_name: Some("Пример Ньюс".into()), ..Meta::default() };
        let body = "Министр выступил, передает Tengrinews.kz.";
        let s = source(&Cleaned::default(), &meta, body).unwrap();
        assert_eq!((s.name.as_str(), s.url), ("Пример Ньюс", None));
    }
}
